"""Errors a user may see. Each carries one sentence in the UI language.

The message is built at raise time with ``_()`` so it follows the language
active then; ``exit_code`` is what the command line returns for it.
"""

from __future__ import annotations


class LotseError(Exception):
    """Base for every error meant for a person, not a developer."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(LotseError):
    """Bad arguments or bad input."""

    exit_code = 2


class CheckFailed(LotseError):
    """An integrity check found a fault."""

    exit_code = 1


class AccessDenied(LotseError):
    """Wrong passphrase or recovery key, unknown user, or the office is locked."""

    exit_code = 3


class StorageError(LotseError):
    """The database or key file cannot be used as it is."""

    exit_code = 1


class FieldErrors(LotseError):
    """Validation of a form: field name -> message, shown next to each field."""

    exit_code = 2

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(" ".join(errors.values()))
        self.errors = dict(errors)


def trace_for_log(exc: BaseException) -> str:
    """Where an unexpected error happened, for the log: exception types and the frames
    (file, line, function) only. Messages are left out on purpose: a database error
    quotes the SQL parameters, which may be a client's name."""
    import traceback

    lines = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = traceback.extract_tb(current.__traceback__)
        where = " < ".join(
            f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in reversed(frames)
        )
        lines.append(f"{type(current).__module__}.{type(current).__qualname__} at {where}")
        current = current.__cause__ or current.__context__
    return "\n  caused by ".join(lines)
