"""Failures that stop one file (or the run) from being processed, with a user-facing reason."""

from __future__ import annotations


class MtqgError(Exception):
    """Base of the errors mtqg reports to the user; `key` picks the localised message."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled with its parameters (an error raised in a worker process keeps its message)."""
        return (_restore, (type(self), self.key, self.params))


def _restore(cls: type[MtqgError], key: str, params: dict[str, object]) -> MtqgError:
    return cls(key, **params)


class InputError(MtqgError):
    """An input file cannot be read as a disbursement form."""


class UsageError(MtqgError):
    """The command line asks for something that cannot be done."""
