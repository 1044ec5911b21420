"""The user's cache folder (``$XDG_CACHE_HOME/cnasean``): work kept between runs.

Two things are kept: parsed data files (read by ``storage.DataStorage``, kept by the
functions at the end of this module) and the tables ``output/drawcache.py`` keeps. Each entry
is a marshal file holding its full key beside its payload, and is used only when the key
matches exactly, so a stale entry is never read. Writing is best effort: a cache that
cannot be written, or a damaged entry, only costs the time it would have saved.
``CNASEAN_NO_CACHE=1`` turns all of it off.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any


def folder(part: str = "") -> Path | None:
    """The cache folder (or a sub-folder), or None when caching is off."""
    if os.environ.get("CNASEAN_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cnasean" / part if part else Path(base) / "cnasean"


def name_for(text: str) -> str:
    """A short file name for a key: collisions only replace each other, never mislead."""
    import zlib  # built in: hashlib would cost more than the caches save

    return f"{zlib.crc32(text.encode('utf-8', 'surrogateescape')):08x}"


def code_stamp(*files: str | None) -> tuple[Any, ...]:
    """What identifies the code a cache entry depends on: each file's path, size and time
    (a reinstalled or edited file changes it), and cnasean's version."""
    from cnasean._version import __version__

    stamps: list[Any] = [__version__]
    for file in files:
        try:
            st = os.stat(file) if file else None
        except OSError:
            st = None
        stamps.append((file, st.st_size, st.st_mtime_ns) if st else None)
    return tuple(stamps)


def load(path: Path, key: Any) -> Any:
    """The payload stored at ``path`` under ``key``, or None."""
    import marshal

    try:
        stored_key, payload = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return payload if stored_key == key else None


def save(path: Path, key: Any, payload: Callable[[], Any], keep: int | None = None) -> None:
    """Store ``payload()`` under ``key``, atomically; it is computed only once the folder
    is known to be writable. With ``keep``, the folder keeps only that many newest entries."""
    import marshal
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(marshal.dumps((key, payload())))
        os.replace(tmp, path)
    except (OSError, ValueError):
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return
    if keep is not None:
        _prune(path.parent, keep)


def _prune(where: Path, keep: int) -> None:
    try:
        entries = [e for e in os.scandir(where) if e.is_file()]
        if len(entries) <= keep:
            return
        entries.sort(key=lambda e: e.stat().st_mtime_ns, reverse=True)
        for e in entries[keep:]:
            os.unlink(e.path)
    except OSError:
        pass


# --- parsed data files ---------------------------------------------------------------------

DATA_LIMIT = 16_000_000  # bytes: larger files are read afresh each time
DATA_FILES_KEPT = 8  # parsed copies of the most recently read data files
# Part of every key, with cnasean's version and the files that parse and pack the tables:
# change it whenever the layout of a kept data file changes.
CACHE_FORMAT = 3


def data_entry(path: Path) -> tuple[Path, str] | None:
    """Where the parsed copy of the data file ``path`` is kept, and its key: the file's
    identity and version, so that any write (a new size, time or inode) makes a new key and
    a stale copy is never read."""
    where = folder()
    if where is None:
        return None
    try:
        st = path.stat()
    except OSError:
        return None
    if st.st_size > DATA_LIMIT or not path.is_file() or not os.access(path, os.R_OK):
        return None  # an unreadable file must fail as it would without the cache
    import sys

    code = code_stamp(__file__, os.path.join(os.path.dirname(__file__), "storage.py"))
    resolved = str(path.resolve())
    # The change time too: a rewrite can keep the size and have its time set back.
    key = (
        f"{resolved}|{st.st_size}|{st.st_mtime_ns}|{st.st_ctime_ns}|{st.st_ino}"
        f"|{sys.version_info[:2]}|{CACHE_FORMAT}|{code}"
    )
    # One cache file per data file, replaced when the data changes; the full key inside.
    return where / f"{name_for(resolved)}.marshal", key


def load_tables(entry: tuple[Path, str] | None) -> dict[str, bytes] | None:
    """The packed tables kept under ``entry``, each one a marshal of its documents."""
    if entry is None:
        return None
    packed = load(*entry)
    return packed if isinstance(packed, dict) else None


def save_tables(entry: tuple[Path, str] | None, tables: dict[str, Any]) -> None:
    """Keep the parsed tables for the next run, each packed on its own so that a run
    unpacks only the tables it reads; a cache that cannot be written is skipped."""
    if entry is None:
        return
    import marshal

    def payload() -> dict[str, bytes]:
        return {name: marshal.dumps(table) for name, table in tables.items()}

    save(*entry, payload, keep=DATA_FILES_KEPT)
