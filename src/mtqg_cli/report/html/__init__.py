"""The HTML report: one self-contained page built from templates."""
