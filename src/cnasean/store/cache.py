"""The user's cache folder (``$XDG_CACHE_HOME/cnasean``): work kept between runs.

Two things are kept: parsed data files (read by ``storage.DataStorage``, kept by the
functions at the end of this module) and the tables ``output/drawcache.py`` keeps.
``CNASEAN_NO_CACHE=1`` turns all of it off. Writing is best effort: a cache that cannot be
written, or a damaged entry, only costs the time it would have saved.

A cache can never crash the process or say what its source does not, whatever is found
in the folder (a truncated or bit-flipped entry, valid-looking bytes of another layout, a
pipe, a link, a device, a huge file): an entry is opened without following links and
without waiting (``O_NOFOLLOW``, ``O_NONBLOCK``), used only when it is a regular file of the
user's own under a size cap, and each part of it is unpacked only once its check has
passed. What fails any check is read as a miss: the answer is rebuilt from the source and
the entry written anew. An entry holds its parts (named bytes, each checked when first asked
for, so that a run pays only for the parts it reads) behind a head that is checked first::

    MAGIC | head length (4 bytes) | digest of the head (16) | head | part | part ...
    head = marshal of (key, ((name, length, CRC-32), ...))

The head (the key, and each part's length and check) is checked by its BLAKE2b-128 digest;
each part by its length and CRC-32, over exactly the bytes unpacked. CRC-32 finds every
damage of up to 32 bits in a row and all but one in four billion of the rest, which is what
an accident does to a file, at a twelfth of BLAKE2b's cost: on the grown data BLAKE2b of the
search index alone was 24 million instructions, a tenth of Python's start-up. Neither guards
against the user's own account, and need not: whoever can write the cache folder can write
the data file too.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

MAGIC = b"cnasean\x05"  # the layout of an entry, version 5 (CACHE_FORMAT is in each key)
_HEAD = len(MAGIC) + 4 + 16  # magic, head length, digest of the head
ENTRY_LIMIT = 64_000_000  # bytes: a larger entry is neither written nor read
EXTENSION = ".marshal"  # entries are <8 hex digits>.marshal; nothing else is touched
_TEMP_PREFIX = ".cnasean-"
_TEMP_AGE = 600  # seconds after which a temporary file is a crashed save's, to sweep


def folder(part: str = "") -> Path | None:
    """The cache folder (or a sub-folder), or None when caching is off or there is no
    absolute folder to use: a relative ``XDG_CACHE_HOME`` is ignored, as the XDG spec
    says, and with no home either nothing is cached."""
    if os.environ.get("CNASEAN_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        home = os.path.expanduser("~")  # "~" itself when there is no home
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "cnasean" / part if part else Path(base) / "cnasean"


def name_for(text: str) -> str:
    """A short file name for a key: collisions only replace each other, never mislead."""
    import zlib  # built in: hashlib would cost more than the caches save

    return f"{zlib.crc32(text.encode('utf-8', 'surrogateescape')):08x}{EXTENSION}"


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


def _check(data: bytes | memoryview) -> int:
    """A part's check: CRC-32 (zlib is built in; see the module's note)."""
    import zlib

    return zlib.crc32(data)


def _digest(data: bytes | memoryview) -> bytes:
    # BLAKE2b from its own module: hashlib's import would cost more than the hashing.
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - a Python built without it
        import hashlib

        return hashlib.sha256(data).digest()[:16]
    return blake2b(data, digest_size=16).digest()


class Parts:
    """The parts of a cache entry whose head was checked: ``take`` gives a part's bytes
    once its digest is checked, None when it is damaged."""

    def __init__(self, buffer: memoryview, index: dict[str, tuple[int, int, int]]) -> None:
        self._buffer = buffer
        self._index = index

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, name: object) -> bool:
        return name in self._index

    def take(self, name: str) -> memoryview | None:
        """Part ``name`` (KeyError if the entry has none), or None when it is damaged."""
        start, end, digest = self._index.pop(name)
        part = self._buffer[start:end]
        return part if _check(part) == digest else None


def _read(path: Path, limit: int) -> bytes | None:
    """The bytes of the entry at ``path`` when it is a regular file of the user's own
    within ``limit``; None for anything else, without waiting on it or following a link."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    except (OSError, ValueError):
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or not _HEAD <= st.st_size <= limit:
            return None
        if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
            return None  # written by another user: not ours to trust
        chunks: list[bytes] = []
        left = st.st_size + 1  # one byte more: a file that grew is refused
        while left > 0:
            chunk = os.read(fd, left)
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError:
        return None
    finally:
        os.close(fd)
    data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
    return data if len(data) == st.st_size else None


def load(path: Path, key: str, limit: int = ENTRY_LIMIT) -> Parts | None:
    """The parts stored at ``path`` under ``key``, or None (no entry, another key, or
    anything damaged or not an entry at all)."""
    data = _read(path, limit)
    if data is None or not data.startswith(MAGIC):
        return None
    view = memoryview(data)
    size = int.from_bytes(view[len(MAGIC) : len(MAGIC) + 4], "little")
    head = view[_HEAD : _HEAD + size]
    if len(head) != size or _digest(head) != bytes(view[_HEAD - 16 : _HEAD]):
        return None
    import marshal

    try:  # checked bytes, written by this code: a type check is all that is left
        stored_key, listed = marshal.loads(head)
        index, at = {}, _HEAD + size
        for name, length, digest in listed:
            index[name] = (at, at + length, digest)
            at += length
    except (EOFError, ValueError, TypeError):
        return None
    if stored_key != key or at != len(data):
        return None
    return Parts(view, index)


def save(
    path: Path, key: str, parts: Callable[[], dict[str, bytes]], keep: int | None = None
) -> None:
    """Store ``parts()`` under ``key``, atomically; they are computed only once the folder
    is known to be writable. With ``keep``, the folder keeps only that many newest entries."""
    import marshal
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=_TEMP_PREFIX, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            blobs = parts()
            head = marshal.dumps((key, tuple((n, len(b), _check(b)) for n, b in blobs.items())))
            if _HEAD + len(head) + sum(map(len, blobs.values())) > ENTRY_LIMIT:
                raise ValueError("too large to keep")
            fh.write(MAGIC + len(head).to_bytes(4, "little") + _digest(head) + head)
            fh.writelines(blobs.values())
        os.replace(tmp, path)
    except (OSError, ValueError, OverflowError):
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return
    if keep is not None:
        _prune(path.parent, keep)


def _is_entry(name: str) -> bool:
    stem = name.removesuffix(EXTENSION)
    return len(stem) == 8 and name != stem and all(c in "0123456789abcdef" for c in stem)


def _prune(where: Path, keep: int) -> None:
    """Keep the ``keep`` newest entries in ``where``, and sweep the temporary files of
    saves that crashed; nothing else in the folder is touched."""
    try:
        with os.scandir(where) as listing:
            found = [
                (e, e.stat(follow_symlinks=False).st_mtime_ns)
                for e in listing
                if e.is_file(follow_symlinks=False)
                and (
                    _is_entry(e.name)
                    or (e.name.startswith(_TEMP_PREFIX) and e.name.endswith(".tmp"))
                )
            ]
    except OSError:
        return
    entries = sorted((f for f in found if _is_entry(f[0].name)), key=lambda f: -f[1])
    stale = time.time_ns() - _TEMP_AGE * 10**9
    crashed = [f for f in found if not _is_entry(f[0].name) and f[1] < stale]
    for e, _ in entries[keep:] + crashed:
        try:
            os.unlink(e.path)
        except OSError:
            pass


# --- parsed data files ---------------------------------------------------------------------

DATA_LIMIT = 16_000_000  # bytes: larger files are read afresh each time
DATA_FILES_KEPT = 8  # parsed copies of the most recently read data files
RACY_SECONDS = 2  # a data file changed this recently is read afresh and not kept
# Part of every key, with cnasean's version and the files that parse and pack the tables:
# change it whenever the layout of a kept data file changes.
CACHE_FORMAT = 6
_MODELS = (
    "record.py",
    "well_formed.py",
    "source.py",
    "trade.py",
    "event.py",
    "visa.py",
    "project.py",
)


def _now() -> float:
    return time.time()


def data_entry(path: Path, overlay: Path | None = None) -> tuple[Path, str] | None:
    """Where the parsed copy of the data file ``path`` (with the user's ``overlay`` applied,
    if one is given) is kept, and its key: each file's identity and version, so that any
    write (a new size, time or inode) makes a new key and a stale copy is never read.

    None (read the file itself, keep nothing) for a file changed in the last
    ``RACY_SECONDS``: where times have a coarse grain (a second on ext3, FAT and many network
    mounts), a same-size write in the same second would keep the key of the copy kept
    before it, and be served stale for ever (git's "racy clean" problem)."""
    where = folder()
    if where is None:
        return None
    stamps = []
    for file in (path, overlay) if overlay is not None else (path,):
        try:
            st = os.stat(file)
        except (OSError, ValueError):
            return None
        if st.st_size > DATA_LIMIT or not stat.S_ISREG(st.st_mode) or not os.access(file, os.R_OK):
            return None  # an unreadable file must fail as it would without the cache
        if not _now() - max(st.st_mtime, st.st_ctime) >= RACY_SECONDS:
            return None  # also a time in the future: it may yet be written in its own second
        # The change time too: a rewrite can keep the size and have its time set back.
        stamps.append(
            f"{file.resolve()}|{st.st_size}|{st.st_mtime_ns}|{st.st_ctime_ns}|{st.st_ino}"
        )
    import sys

    here = os.path.dirname(__file__)  # the modules that read, check, merge and pack the tables
    merged = ("overlay.py",) if overlay is not None else ()
    code = code_stamp(
        __file__,
        *(os.path.join(here, f) for f in ("storage.py", "files.py", "index.py", *merged)),
        # the record classes: the kinds found well formed (index.TRUSTED) are so by their
        # from_doc and models.well_formed
        *(os.path.join(os.path.dirname(here), "models", f) for f in _MODELS),
    )
    key = "|".join(stamps) + f"|{sys.version_info[:2]}|{CACHE_FORMAT}|{code}"
    # One cache file per data file (and overlay), replaced when either changes; the full
    # key inside.
    resolved = str(path.resolve()) + (f"+{overlay.resolve()}" if overlay is not None else "")
    return where / name_for(resolved), key


def load_tables(entry: tuple[Path, str] | None) -> Parts | None:
    """The packed tables kept under ``entry``, each part a marshal of one table."""
    return None if entry is None else load(*entry)


def save_tables(entry: tuple[Path, str] | None, tables: dict[str, Any]) -> None:
    """Keep the parsed tables for the next run, each packed on its own so that a run
    checks and unpacks only the tables it reads; a cache that cannot be written is skipped."""
    if entry is None:
        return
    import marshal

    def parts() -> dict[str, bytes]:
        return {name: marshal.dumps(table) for name, table in tables.items()}

    save(*entry, parts, keep=DATA_FILES_KEPT)


# --- values computed from a data file ---------------------------------------------------------

DERIVED_KEPT = 16  # newest computed values kept (a few per data file)


def derived_entry(data: tuple[Path, str] | None, name: str, code: tuple[Any, ...]) -> Any:
    """Where a value computed from a data file (``Store.derived``) is kept, and its key:
    the data file's own key (its identity and version), the value's name and the stamp of
    the code that computes it. None when the data file itself is not kept."""
    where = folder("derived")
    if data is None or where is None:
        return None
    key = f"{data[1]}|{name}|{code}"
    return where / name_for(f"{data[0]}|{name}"), key


def load_derived(entry: tuple[Path, str] | None) -> Any:
    """The value kept under ``entry``; None when there is none or it is damaged."""
    kept = None if entry is None else load(*entry)
    part = kept.take("value") if kept is not None and "value" in kept else None
    if part is None:
        return None
    import marshal

    try:  # checked: bytes this code packed
        return marshal.loads(part)
    except (EOFError, ValueError, TypeError):
        return None


def save_derived(entry: tuple[Path, str] | None, value: Any) -> None:
    if entry is None:
        return
    import marshal

    save(*entry, lambda: {"value": marshal.dumps(value)}, keep=DERIVED_KEPT)
