"""Safe writes to a data file: never partial, never two writers at once, always a backup,
and nothing the user had ever lost.

A write goes to the data file's real path (``locate.real_path``: links followed once, so
that every name of one file shares its lock and its backup; a link that leads nowhere is
exit 3). ``transaction`` reads, judges and lays out the file before the lock
(``snapshot.Snapshot``), then, through TinyDB with ``storage.EditStorage``, takes an
exclusive lock on ``<file>.lock`` (opened without following links, a regular file only),
uses that work only if the file is still byte for byte what was read (else reads it
afresh), lets the caller change it, validates what changed, and writes: temporary files a
crashed writer left are swept, a read-only file is refused, a temporary file is written in
the same folder with the old file's mode and owner, flushed and fsynced, the previous
version is kept as ``<file>.bak`` (a hard link), the new file renamed over the old with
``os.replace``, and the folder fsynced. A backup whose file is gone is another file's past:
it is kept under a name of its own (``<file>.bak.orphan-STAMP``), as ``db reset`` keeps the
user's copy (``<file>.reset-STAMP``), names no write ever replaces. Queries never take the
lock and never write. The packaged data and installed bundles are never written: edits to
them go to the user's overlay (``overlay.transaction``, the same lock and safe write).
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from cnasean import jsontext
from cnasean.errors import CnaseanError, UsageError
from cnasean.store import read as db
from cnasean.store.locate import backup_path, lock_path, real_path
from cnasean.store.storage import EditStorage
from cnasean.store.validate import Problem, validate_data

LOCK_TIMEOUT_ENV = "CNASEAN_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 10.0
MAX_LOCK_TIMEOUT = 3600.0


class WriteError(CnaseanError):
    """A write that could not be done; the data file is unchanged."""


class InvalidChange(CnaseanError):
    """A change that would leave the data invalid; nothing was written."""

    exit_code = 2

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        # every problem, up to a screenful (a record's faults all at once, not one a try)
        lines = "; ".join(f"{p.table} {p.record_id}: {p.message}" for p in problems[:20])
        more = (
            f" (and {len(problems) - 20} more: cnasean db validate lists them)"
            if len(problems) > 20
            else ""
        )
        super().__init__(f"Nothing written: the change is invalid: {lines}{more}")


def write_target(db_option: str | os.PathLike[str] | None = None) -> tuple[Path, str]:
    """The file a write goes to, its real path (links followed, so that every name of one
    file shares its lock and backup), creating it from the packaged data when it is new;
    for the packaged or installed data, the user's overlay (``overlay``), not made here."""
    path, origin = db.locate(db_option)
    if origin in ("packaged", "installed"):
        from cnasean.store.locate import overlay_path

        return overlay_path(), "overlay"
    path = real_path(path, origin)
    if not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WriteError(_why(path, exc)) from None
        with TinyDB(path, storage=EditStorage) as database:
            if not path.exists():
                database.storage.write(read_current(db.packaged_path()))
    return path, origin


def lock_timeout() -> float:
    """Seconds to wait for another writer: ``CNASEAN_LOCK_TIMEOUT`` (default 10), a finite
    number from 0 to an hour; anything else is a usage error, not a wait for ever."""
    raw = os.environ.get(LOCK_TIMEOUT_ENV, "").strip()
    if not raw:
        return DEFAULT_LOCK_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not 0 <= value <= MAX_LOCK_TIMEOUT:  # also refuses nan and inf
        raise UsageError(
            f"{LOCK_TIMEOUT_ENV}={raw[:40]!r} is not a number of seconds from 0 to "
            f"{MAX_LOCK_TIMEOUT:g}."
        )
    return value


def _open_lock(path: Path) -> int:
    """The lock file's descriptor, never through a link and only a regular file: a link
    planted at ``<file>.lock`` must not make cnasean create or lock another file."""
    lock = lock_path(path)
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(lock, flags, 0o644)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK) or os.path.islink(lock):
            raise WriteError(
                f"Cannot lock {path}: {lock} is a symbolic link. Remove it; nothing was changed."
            ) from None
        raise WriteError(f"Cannot lock {path}: {exc.strerror}. Nothing was changed.") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise WriteError(
            f"Cannot lock {path}: {lock} is not a regular file. Remove it; nothing was changed."
        )
    return fd


@contextmanager
def locked(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the exclusive write lock for ``path`` (its real path: every name of a file takes
    the same lock); wait up to ``timeout`` seconds (default ``lock_timeout()``)."""
    import fcntl

    if timeout is None:
        timeout = lock_timeout()
    path = real_path(path)
    fd = _open_lock(path)
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WriteError(
                        f"Another cnasean is writing {path} (waited {timeout:g} s). "
                        "Try again; nothing was changed."
                    ) from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def dumps(data: Any) -> str:
    """A data file's text: one field a line, so that a change is a one-line diff."""
    return jsontext.dumps(data, indent=1) + "\n"


def write_atomic(path: Path, data: Any, text: Sequence[bytes] | None = None) -> None:
    """Replace ``path`` (its real path) with ``data`` (or its text, already made: UTF-8 in
    pieces) so that readers see the old or the new file, never a part; the old one is kept
    as ``<file>.bak``, the file keeps its mode and owner, and a read-only file is refused.
    Called under the lock: temporary files a crashed writer left are swept first."""
    path = real_path(path)
    current = _current_stat(path)
    chunks = [dumps(data).encode()] if text is None else text
    folder = path.parent
    tmp = None
    try:
        sweep_temporaries(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            _same_mode_and_owner(fh.fileno(), current)
            fh.writelines(chunks)
            fh.flush()
            os.fsync(fh.fileno())
        if current is not None:
            _backup(path)
        elif os.path.lexists(backup_path(path)):
            # A backup with no file beside it is another file's past (a copy set aside, a
            # file deleted by hand): keep it, under a name no later write takes.
            keep_as(backup_path(path), "orphan")
        os.replace(tmp, path)
        tmp = None
        _fsync_dir(folder)
    except OSError as exc:
        raise WriteError(_why(path, exc)) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _current_stat(path: Path) -> os.stat_result | None:
    """The file being replaced (None if it is new); a read-only one is refused: its owner
    said it is not to change."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise WriteError(_why(path, exc)) from None
    if not st.st_mode & 0o222 or not os.access(path, os.W_OK):
        raise WriteError(
            f"Data file {path} is read-only: nothing was changed. Make it writable "
            "(chmod u+w) to change it."
        )
    return st


def _same_mode_and_owner(fd: int, current: os.stat_result | None) -> None:
    """The new file gets the old one's permissions and, where allowed, owner and group
    (mkstemp makes it 0600 and the writer's); a new file, what the umask gives."""
    if current is None:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        return
    if (current.st_uid, current.st_gid) != (os.geteuid(), os.getegid()):
        for uid in (current.st_uid, -1):  # the group alone, if the owner cannot be given
            try:
                os.fchown(fd, uid, current.st_gid)
                break
            except OSError:
                continue
    os.fchmod(fd, stat.S_IMODE(current.st_mode))


def sweep_temporaries(path: Path) -> list[str]:
    """Remove the temporary files a writer of ``path`` killed mid-write left behind
    (``.<file>.XXXXXXXX.tmp``, ``.<file>.bak.XXXXXXXX.tmp``: tempfile's names), regular files
    only. Only under the lock: then no writer of this file has one open."""
    import re

    own = re.compile(rf"\.{re.escape(path.name)}\.(?:bak\.)?[a-z0-9_]{{8}}\.tmp")
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    swept = []
    for name in names:
        if own.fullmatch(name):
            full = path.parent / name
            try:
                if stat.S_ISREG(os.lstat(full).st_mode):
                    os.unlink(full)
                    swept.append(name)
            except OSError:
                pass
    return swept


def _backup(path: Path) -> None:
    """Keep the current file as the backup, atomically (a hard link, else a copy)."""
    bak = backup_path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{bak.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    os.unlink(tmp)
    try:
        os.link(path, tmp)
    except OSError:
        shutil.copy2(path, tmp)
    os.replace(tmp, bak)


def keep_as(path: Path, why: str) -> Path:
    """Move ``path`` to ``<name>.<why>-YYYYMMDDTHHMMSS`` (``-2``, ``-3``... if taken), a
    name no write ever replaces; returns it. Never overwrites: a hard link made, then the
    old name removed (a rename after a check where links are not supported)."""
    stamp = time.strftime("%Y%m%dT%H%M%S")
    for n in range(1, 1000):
        kept = path.with_name(f"{path.name}.{why}-{stamp}" + (f"-{n}" if n > 1 else ""))
        try:
            os.link(path, kept, follow_symlinks=False)
        except FileExistsError:
            continue
        except OSError:
            if os.path.lexists(kept):
                continue
            os.rename(path, kept)
            return kept
        os.unlink(path)
        return kept
    raise WriteError(f"Cannot keep {path}: too many copies named {path.name}.{why}-{stamp}.")


def _why(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        reason = "the disk is full"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = "the folder is not writable"
    elif exc.errno in (errno.EEXIST, errno.ENOTDIR):
        reason = "a file is in the way of its folder"
    else:
        reason = exc.strerror or str(exc)
    return f"Cannot write {path}: {reason}. Nothing was changed."


def _storage(database: TinyDB) -> EditStorage:
    storage = database.storage
    assert isinstance(storage, EditStorage)
    return storage


def read_current(path: Path) -> dict[str, Any]:
    """The file's data as edits see it (the whole file, read afresh, without the lock),
    with errors naming the backup to recover from."""
    with TinyDB(path, storage=EditStorage, access_mode="r") as database:
        return _storage(database).read()


@contextmanager
def transaction(db_option: str | os.PathLike[str] | None = None) -> Iterator[dict[str, Any]]:
    """Change the data under the lock; written only if the result is valid.

    The lock is held for the change and the write: the file is read, judged and its text
    made beforehand (``snapshot.Snapshot``), and under the lock only if it is still byte for
    byte that file is that work used; then only what the change touched is judged and
    written anew. Otherwise the file is read and judged whole under the lock."""
    from cnasean.store.snapshot import Snapshot

    path, origin = write_target(db_option)
    if origin == "overlay":
        from cnasean.store import overlay

        with overlay.transaction(path.parent) as data:
            yield data
        return
    snap = Snapshot.take(path)
    with TinyDB(path, storage=EditStorage) as database:  # takes the lock
        storage = _storage(database)
        fresh = snap is not None and snap.current(path)
        data = snap.data if snap is not None and fresh else storage.read()
        yield data
        if snap is not None and fresh:
            problems, text = snap.judge(data)
        else:
            problems, text = validate_data(data), []
        if problems:
            raise InvalidChange(problems)
        if text:
            write_atomic(path, data, text)
        else:
            storage.write(data)
    db.clear_cache()


def set_aside(path: Path) -> Path:
    """Move the data file aside as its backup, under the lock; returns the backup's path.
    The next write, finding no file, keeps that backup under a name of its own."""
    path = real_path(path)
    with locked(path):
        os.replace(path, backup_path(path))
    return backup_path(path)


def keep_aside(path: Path) -> Path:
    """Move the data file, under the lock, to ``<file>.reset-YYYYMMDDTHHMMSS``, a name no
    later write touches (``db reset``); returns that name."""
    path = real_path(path)
    with locked(path):
        if not os.path.lexists(path):
            raise WriteError(f"{path} is gone: another cnasean moved it. Nothing was changed.")
        try:
            return keep_as(path, "reset")
        except OSError as exc:
            raise WriteError(_why(path, exc)) from None
