"""Where the data file is. Lookup order: the ``--db`` option, the ``CNASEAN_DB``
environment variable, then the base: the copy packaged with cnasean (inside the installed
package, or ``data/db.json`` at the root of a source checkout) or the newest installed data
bundle (``$XDG_DATA_HOME/cnasean/bundles``), whichever has the higher ``data_version``. The
user's edits to the base are an overlay (``$XDG_DATA_HOME/cnasean/overlay.json``), applied
where the base is parsed (``overlay.py``); a full copy of the data an earlier cnasean kept
there (``db.json``) is turned into an overlay the first time it is found.

A name is checked here, once, before anything opens it: a name the system cannot hold (a part
over 255 bytes) is a usage error, a relative name in a working folder that was deleted and a
link that leads nowhere (dangling, or a loop) are data-file errors. Writes go to the file's
real path (``real_path``), so that a link and the name it points to are one file, with one
lock and one backup. Only ``os`` calls: this runs before every command."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from cnasean.errors import CnaseanError, DataFileMissing, UsageError

ENV_VAR = "CNASEAN_DB"
NAME_MAX = 255  # bytes in one part of a name (Linux, macOS, Windows alike)
PATH_MAX = 4096


def packaged_path() -> Path:
    """The data file shipped with cnasean: inside the installed package, or at the
    repository root (``data/db.json``) when running from a source checkout."""
    package = Path(__file__).resolve().parents[1]
    inside = package / "data" / "db.json"
    if inside.is_file():
        return inside
    return package.parents[1] / "data" / "db.json"


def data_home() -> Path | None:
    """``$XDG_DATA_HOME``, or ``~/.local/share``; None when there is no home to find. The XDG
    spec says a relative value is to be ignored, as if unset (and so is a relative HOME)."""
    base = os.environ.get("XDG_DATA_HOME")
    if base and os.path.isabs(base):
        return Path(base)
    home = os.environ.get("HOME")
    if not home or not os.path.isabs(home):
        try:
            import pwd

            home = pwd.getpwuid(os.getuid()).pw_dir
        except (ImportError, KeyError, OSError):
            return None
        if not home or not os.path.isabs(home):
            return None
    return Path(home) / ".local" / "share"


def user_path() -> Path:
    """Where the user's own, editable copy of the data lives."""
    home = data_home()
    if home is None:
        raise CnaseanError(
            "There is no home folder to keep your copy of the data in: set HOME or "
            "XDG_DATA_HOME, or give a file with --db."
        )
    return home / "cnasean" / "db.json"


def locate(db: str | os.PathLike[str] | None = None) -> tuple[Path, str]:
    """The data file to read and why: ``option``, ``environment``, ``installed`` (a data
    bundle) or ``packaged``. The user's overlay, if any, is ``overlay_for(origin)``."""
    if db:
        return check_name(Path(db), "option"), "option"
    env = os.environ.get(ENV_VAR)
    if env:
        return check_name(Path(env), "environment"), "environment"
    home = data_home()
    if home is None:
        return packaged_path(), "packaged"
    user = home / "cnasean" / "db.json"
    if user.is_file() or os.path.islink(user):
        real_path(user, "user")  # a link that leads nowhere: say so, never fall back silently
        from cnasean.store.overlay import migrate  # once: the full copy becomes an overlay

        migrate(home / "cnasean")
    return base(home / "cnasean")


def folder() -> Path:
    """The user's cnasean folder: the overlay, the installed bundles, their lock."""
    return user_path().parent


def overlay_path(where: Path | None = None) -> Path:
    return (where or folder()) / "overlay.json"


def overlay_for(origin: str) -> Path | None:
    """The user's overlay, applied on top of the packaged or installed data (never on a
    file named by --db or CNASEAN_DB: edits go into that file itself)."""
    if origin not in ("packaged", "installed"):
        return None
    home = data_home()
    if home is None:
        return None
    path = home / "cnasean" / "overlay.json"
    return path if os.path.lexists(path) else None


STATE = "STATE"  # bundles/STATE: the installed versions, one a line, the one in use first


def installed_versions(where: Path) -> list[str]:
    """The installed bundle versions, the one in use first (``bundles/STATE``)."""
    try:
        with open(where / "bundles" / STATE, encoding="utf-8") as fh:
            text = fh.read(65536)
    except (FileNotFoundError, NotADirectoryError):
        return []
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileMissing(
            f"Cannot read {where / 'bundles' / STATE}: {exc}. Run: cnasean db rollback --yes."
        ) from None
    return [line.strip() for line in text.splitlines() if line.strip()]


def base(where: Path) -> tuple[Path, str]:
    """The packaged data or the installed bundle in use, whichever has the higher
    ``data_version``. Without an installed bundle this is one failed ``open``."""
    versions = installed_versions(where)
    if versions:
        current = versions[0]
        if version_key(current) > version_key(packaged_version()):
            return where / "bundles" / current / "db.json", "installed"
    return packaged_path(), "packaged"


def packaged_version() -> str:
    """The packaged data's ``data_version``, from the head of the file (the meta table is
    first in every file cnasean writes); "" when it is not found there."""
    import re

    try:
        with open(packaged_path(), "rb") as fh:
            head = fh.read(1024)
    except OSError:
        return ""
    found = re.search(rb'"data_version"\s*:\s*"([^"\\]{1,40})"', head)
    return found.group(1).decode("ascii", "replace") if found else ""


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """A ``data_version`` as something to compare: ``2026.12.1`` > ``2026.11.29``; numbers
    by value, other parts as text (after any number)."""
    parts: list[tuple[int, int | str]] = []
    for part in version.replace("-", ".").split("."):
        parts.append((1, int(part)) if part.isdigit() else (0, part))
    return tuple(parts)


def check_name(path: Path, origin: str) -> Path:
    """A name given for the data file, refused at once if no file can have it."""
    where = describe(path, origin)
    raw = os.fsencode(path)
    if len(raw) >= PATH_MAX or any(len(part) > NAME_MAX for part in raw.split(b"/")):
        raise UsageError(
            f"Data file name {where[:80]}... is too long: each part of a name can have at most "
            f"{NAME_MAX} bytes."
        )
    if not path.is_absolute():
        try:
            os.getcwd()
        except OSError:
            raise DataFileMissing(
                f"Data file {where} cannot be found: the working folder no longer exists. "
                "Change to a folder that exists, or give the full path."
            ) from None
    return path


def real_path(path: Path, origin: str = "") -> Path:
    """The file a name stands for, links followed: the name reads, locks, writes and backs up
    through. A file not there yet is its folder's real path and its own name; a link that
    leads nowhere (dangling, or a loop) is a ``DataFileMissing``."""
    try:
        return Path(os.path.realpath(path, strict=True))
    except (FileNotFoundError, NotADirectoryError):
        if os.path.islink(path):
            target = os.readlink(path)
            raise DataFileMissing(
                f"Data file {describe(path, origin)} is a link to {target}, which does not "
                "exist. Remove the link or restore the file."
            ) from None
        return Path(os.path.realpath(path))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise DataFileMissing(
                f"Data file {describe(path, origin)} is a loop of symbolic links. "
                "Remove the link or point it at the file."
            ) from None
        if exc.errno == errno.ENAMETOOLONG:
            raise UsageError(
                f"Data file name {describe(path, origin)[:80]}... is too long."
            ) from None
        raise DataFileMissing(
            f"Data file {describe(path, origin)} cannot be found: {exc.strerror or exc}."
        ) from None


def describe(path: Path, origin: str) -> str:
    """The file, and where its name came from, for messages."""
    return {
        "option": f"{path} (from --db)",
        "environment": f"{path} (from {ENV_VAR})",
        "user": f"{path} (your copy)",
    }.get(origin, str(path))


def backup_path(path: Path) -> Path:
    """Where a write keeps the previous version of ``path`` (``write.py``)."""
    return path.with_name(path.name + ".bak")


def lock_path(path: Path) -> Path:
    """The lock a writer of ``path`` holds (``write.locked``)."""
    return path.with_name(path.name + ".lock")
