"""Shared pieces of the command line: who is asking, with which passphrase."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import UsageError
from app.i18n import _
from app.paths import OfficePaths

if TYPE_CHECKING:
    from app.services.session import OfficeSession

EXIT_OK, EXIT_CHECK, EXIT_USAGE, EXIT_ACCESS = 0, 1, 2, 3


def user_of(args: argparse.Namespace) -> str:
    user = args.user or os.environ.get("LOTSE_USER", "")
    if not user:
        raise UsageError(_("Bitte geben Sie den Benutzernamen mit --user oder LOTSE_USER an."))
    return str(user)


def read_secret_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").rstrip("\r\n")
    except OSError:
        raise UsageError(
            _("Die Datei {path} kann nicht gelesen werden.").format(path=path)
        ) from None


def passphrase_of(args: argparse.Namespace, prompt: str) -> str:
    if args.passphrase_file:
        return read_secret_file(args.passphrase_file)
    if "LOTSE_PASSPHRASE" in os.environ:
        return os.environ["LOTSE_PASSPHRASE"]
    if not sys.stdin.isatty():
        raise UsageError(
            _("Keine Passphrase: bitte LOTSE_PASSPHRASE oder --passphrase-file angeben.")
        )
    return getpass.getpass(prompt)


def new_passphrase(file: Path | None, env: str) -> tuple[str, str]:
    if file:
        value = read_secret_file(file)
        return value, value
    if env in os.environ:
        return os.environ[env], os.environ[env]
    if not sys.stdin.isatty():
        raise UsageError(_("Keine neue Passphrase angegeben."))
    return getpass.getpass(_("Neue Passphrase: ")), getpass.getpass(_("Wiederholen: "))


def unlocked(args: argparse.Namespace, paths: OfficePaths) -> OfficeSession:
    from app.services.session import unlock  # SQLAlchemy only when a command needs it

    return unlock(paths, user_of(args), passphrase_of(args, _("Passphrase: ")))


def print_json(doc: object) -> None:
    print(json.dumps(doc, ensure_ascii=False, indent=2))


def write_output(path: Path, data: bytes) -> None:
    """Write a file the user named on the command line; UsageError if that is impossible."""
    try:
        path.write_bytes(data)
    except OSError:
        raise UsageError(
            _("Die Datei {path} kann nicht geschrieben werden.").format(path=path)
        ) from None
