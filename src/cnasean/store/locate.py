"""Where the data file is. Lookup order: the ``--db`` option, the ``CNASEAN_DB``
environment variable, the user's own copy (``$XDG_DATA_HOME/cnasean/db.json``) if one
exists, then the copy packaged with cnasean (inside the installed package, or ``data/db.json``
at the root of a source checkout)."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "CNASEAN_DB"


def packaged_path() -> Path:
    """The data file shipped with cnasean: inside the installed package, or at the
    repository root (``data/db.json``) when running from a source checkout."""
    package = Path(__file__).resolve().parents[1]
    inside = package / "data" / "db.json"
    if inside.is_file():
        return inside
    return package.parents[1] / "data" / "db.json"


def user_path() -> Path:
    """Where the user's own, editable copy of the data lives."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "cnasean" / "db.json"


def locate(db: str | os.PathLike[str] | None = None) -> tuple[Path, str]:
    """The data file to read and why: ``option``, ``environment``, ``user`` or ``packaged``."""
    if db:
        return Path(db), "option"
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env), "environment"
    user = user_path()
    if user.is_file():
        return user, "user"
    return packaged_path(), "packaged"


def describe(path: Path, origin: str) -> str:
    """The file, and where its name came from, for messages."""
    return {
        "option": f"{path} (from --db)",
        "environment": f"{path} (from {ENV_VAR})",
        "user": f"{path} (your copy)",
    }.get(origin, str(path))
