"""Every file written: atomic writing, JSON/CSV/Markdown, CI formats, xlsx, HTML, copies."""
