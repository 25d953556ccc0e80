"""Terminal rendering with rich (the only package that imports it): reports, batches, progress."""

from mtqg_cli.render.console import make_console, render_error
from mtqg_cli.render.file_view import render_report

__all__ = ["make_console", "render_error", "render_report"]
