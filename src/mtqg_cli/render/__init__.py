"""Terminal rendering with rich (the only package that imports it): reports, batches, progress."""

from mtqg_cli.render.batch_view import render_batch
from mtqg_cli.render.console import make_console, render_error
from mtqg_cli.render.file_view import render_report
from mtqg_cli.render.progress import batch_progress

__all__ = ["batch_progress", "make_console", "render_batch", "render_error", "render_report"]
