"""Bytes to grids: input limits, the readers of each format, legacy encodings, formulas."""
