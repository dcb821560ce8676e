"""Where things live: the office folder and the shipped resources.

``LOTSE_HOME`` (or ``--home``) overrides the per-user data folder so that tests,
demos and portable installs keep everything in one place.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

DB_NAME = "office.lotse"
KEYFILE_NAME = "office.lotse.keys"
PREFERENCES_NAME = "preferences.json"


def resource_dir() -> Path:
    """Root holding ``resources/`` and ``translations/`` (the bundle's or the checkout's)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def default_home() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("Lotse", appauthor=False))


@dataclass(frozen=True)
class OfficePaths:
    home: Path

    @property
    def database(self) -> Path:
        return self.home / DB_NAME

    @property
    def keyfile(self) -> Path:
        return self.home / KEYFILE_NAME

    @property
    def preferences(self) -> Path:
        return self.home / PREFERENCES_NAME

    @property
    def backups(self) -> Path:
        return self.home / "migration-backups"


def office_paths(home: str | Path | None = None) -> OfficePaths:
    """Paths for ``home``, else ``$LOTSE_HOME``, else the platform's user data folder."""
    chosen = home or os.environ.get("LOTSE_HOME")
    return OfficePaths(Path(chosen).expanduser().resolve() if chosen else default_home())


def office_exists(paths: OfficePaths) -> bool:
    """Either file present means an office (or its remains) lives here: never set up over it."""
    return paths.database.exists() or paths.keyfile.exists()
