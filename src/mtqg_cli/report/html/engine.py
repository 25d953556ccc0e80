"""The HTML report's template engine: Jinja2 templates from the package, every value escaped."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATES = ("data", "html")
"""Where the templates are, in the installed package (next to the style sheet and the script)."""
_ESCAPES = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;"}
_ESCAPES[ord("'")] = "&#x27;"
_ESCAPES.update({c: "\ufffd" for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)})
"""Markup characters and quotes as entities, control characters replaced: a text from anywhere
(a submission included) is safe in the page's text and in its attributes."""


def template_text(name: str) -> str:
    """The text of a template (or of the style sheet, the script) as installed."""
    return resources.files("mtqg_cli").joinpath(*TEMPLATES, name).read_text("utf-8")


def render(name: str, **context: object) -> str:
    """The template `name` filled in with `context`."""
    return environment().get_template(name).render(**context)


@cache
def environment() -> Environment:
    """Autoescaping; line breaks after block tags and their indentation are not output."""
    import jinja2  # only when a page is written: `mtqg --help` does not pay for it
    from markupsafe import Markup

    def escaped(value: object) -> object:
        """Every `{{ value }}` as safe text: what is already markup (a macro's output, the pinned
        style sheet) is left, the rest escaped as the earlier hand-written pages did (`&#x27;`,
        `&quot;`), so the page is byte for byte the same."""
        if hasattr(value, "__html__"):
            return value
        return Markup(("" if value is None else str(value)).translate(_ESCAPES))

    return jinja2.Environment(
        loader=jinja2.FunctionLoader(template_text),
        autoescape=True,
        finalize=escaped,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
