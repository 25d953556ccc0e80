"""Python's garbage collector during a check's start-up: off while its modules load, then their
objects frozen, so that no collection of the run scans them again.

Loading typer, pydantic and the checks makes some hundred thousand objects (modules, classes,
schemas) that all live to the end of the run; with the collector on, the collections made while
they load scan them over and over (about 30 ms of a one-form run). `mtqg reconcile` pauses the
collector before anything loads (launch.py) and, once the command has loaded what it checks
with, freezes what start-up made (gc.freeze: a forked worker shares those pages too) and turns
the collector on again for the run itself.
"""

from __future__ import annotations

import gc

_PAUSED: list[bool] = []
"""One entry while start-up holds the collector off."""


def pause_for_start_up() -> None:
    """Turn the collector off while the program loads (nothing when it is off already)."""
    if gc.isenabled() and not _PAUSED:
        gc.disable()
        _PAUSED.append(True)


def resume_after_start_up() -> None:
    """Freeze what start-up made and turn the collector on again (nothing when start-up did not
    pause it: a command run from a test, say)."""
    if _PAUSED:
        _PAUSED.clear()
        gc.freeze()
        gc.enable()
