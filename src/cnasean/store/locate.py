"""Where the data file is. Lookup order: the ``--db`` option, the ``CNASEAN_DB``
environment variable, the user's own copy (``$XDG_DATA_HOME/cnasean/db.json``) if one
exists, then the copy packaged with cnasean (inside the installed package, or ``data/db.json``
at the root of a source checkout).

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
    """The data file to read and why: ``option``, ``environment``, ``user`` or ``packaged``."""
    if db:
        return check_name(Path(db), "option"), "option"
    env = os.environ.get(ENV_VAR)
    if env:
        return check_name(Path(env), "environment"), "environment"
    home = data_home()
    if home is None:
        return packaged_path(), "packaged"
    user = home / "cnasean" / "db.json"
    if user.is_file():
        return user, "user"
    if os.path.islink(user):  # a link that leads nowhere: say so, never fall back silently
        real_path(user, "user")
    return packaged_path(), "packaged"


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
