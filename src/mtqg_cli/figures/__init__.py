"""The figures: the summary per project, consolidation, unit slips and their notes."""
