"""Terminal rendering with rich (the only package that imports it): reports, batches, progress.

Empty on purpose: `mtqg --help` imports `render.stdio` alone, not the views."""
