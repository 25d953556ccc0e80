"""Grids to tables: the one way to open a workbook, layout, extraction, the tree, the catalog."""
