"""Comparisons: a report against another source, and one period against the next."""
