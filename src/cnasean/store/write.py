"""Safe writes to a data file: never partial, never two writers at once, always a backup.

Every write goes through TinyDB with ``storage.EditStorage``: it takes an exclusive lock on
``<file>.lock``, reads the current file, lets the caller change it, validates the result,
writes a temporary file in the same folder, flushes and fsyncs it, keeps the previous
version as ``<file>.bak``, renames the new file over the old with ``os.replace``, and fsyncs
the folder. Queries never take the lock and never write. The packaged data is never
written: the first write copies it to the user's data file.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from cnasean.errors import CnaseanError
from cnasean.store import read as db
from cnasean.store.storage import EditStorage
from cnasean.store.validate import Problem, validate_data

LOCK_TIMEOUT_ENV = "CNASEAN_LOCK_TIMEOUT"


class WriteError(CnaseanError):
    """A write that could not be done; the data file is unchanged."""


class InvalidChange(CnaseanError):
    """A change that would leave the data invalid; nothing was written."""

    exit_code = 2

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "; ".join(f"{p.table} {p.record_id}: {p.message}" for p in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"Nothing written: the change is invalid: {lines}{more}")


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def write_target(db_option: str | os.PathLike[str] | None = None) -> tuple[Path, str]:
    """The file a write goes to, creating it from the packaged data when it is new."""
    path, origin = db.locate(db_option)
    if origin == "packaged":
        path, origin = db.user_path(), "user"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with TinyDB(path, storage=EditStorage) as database:
            if not path.exists():
                database.storage.write(read_current(db.packaged_path()))
    return path, origin


@contextmanager
def locked(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the exclusive write lock for ``path``; wait up to ``timeout`` seconds."""
    import fcntl

    if timeout is None:
        timeout = float(os.environ.get(LOCK_TIMEOUT_ENV, "10"))
    try:
        fd = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise WriteError(f"Cannot lock {path}: {exc.strerror}. Nothing was changed.") from None
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


def write_atomic(path: Path, data: Any) -> None:
    """Replace ``path`` with ``data`` so that readers see the old or the new file, never
    a part; the old one is kept as ``<file>.bak``."""
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    folder = path.parent
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            _backup(path)
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


def _why(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        reason = "the disk is full"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = "the folder is not writable"
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
    """Change the data under the lock; written only if the result is valid."""
    path, _ = write_target(db_option)
    with TinyDB(path, storage=EditStorage) as database:
        storage = _storage(database)
        data = storage.read()
        yield data
        problems = validate_data(data)
        if problems:
            raise InvalidChange(problems)
        storage.write(data)
    db.clear_cache()


def set_aside(path: Path) -> Path:
    """Move the data file aside as its backup, under the lock (``db reset``); returns the
    backup's path."""
    with TinyDB(path, storage=EditStorage):
        os.replace(path, backup_path(path))
    return backup_path(path)
