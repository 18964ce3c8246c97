"""Where the decision log lives: --db, then $PERFDX_DB, then the user's data directory."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

DB_ENV = "PERFDX_DB"
DB_NAME = "decisions.db"


def default_db_path() -> Path:
    """$XDG_DATA_HOME/perfdx/decisions.db on Linux (~/.local/share/perfdx/...), the platform's
    own per-user data folder on macOS and Windows."""
    return Path(platformdirs.user_data_dir("perfdx", appauthor=False)) / DB_NAME


def resolve_db_path(db: str | os.PathLike[str] | None) -> Path:
    if db:
        return Path(db).expanduser()
    env = os.environ.get(DB_ENV)
    return Path(env).expanduser() if env else default_db_path()
