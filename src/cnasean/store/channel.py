"""Installed data bundles: where they are kept, how one is installed, how to go back.

    $XDG_DATA_HOME/cnasean/bundles/
        STATE                   the installed versions, one a line, the one in use first
        <version>/db.json       the data, byte for byte as the signed manifest describes it
        <version>/manifest.json, manifest.sig, changes.json

An install writes the new version's folder in full (each file fsynced), under a temporary
name, renames it into place, and only then replaces ``STATE`` atomically (``write_atomic``):
that rename is the one moment the version in use changes, so a writer killed at any point
leaves the old version or the new one in use, never a mix. It runs under the write lock the
user's edits take (``overlay.json.lock``). The last ``KEEP`` versions are kept for
``db rollback``; older folders, and folders a killed install left, are removed (by the
next install: never one a reader may have chosen a moment before).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cnasean.errors import CnaseanError, UsageError
from cnasean.store.locate import (
    STATE,
    installed_versions,
    overlay_path,
    packaged_version,
    version_key,
)

if TYPE_CHECKING:
    from cnasean.store.bundle import Bundle

KEEP = 4  # versions kept: the one in use and three to roll back to
FETCH_LIMIT = 80_000_000
DEFAULT_TIMEOUT = 30.0


def bundles(where: Path) -> Path:
    return where / "bundles"


def in_use_version(where: Path) -> str:
    """The base's data_version: the installed bundle in use, or the packaged data's."""
    versions = installed_versions(where)
    packaged = packaged_version()
    if versions and version_key(versions[0]) > version_key(packaged):
        return versions[0]
    return packaged


def installed(where: Path) -> list[dict[str, Any]]:
    """The installed versions, newest in use first, with their as-of dates (``db info``)."""
    out = []
    for n, version in enumerate(installed_versions(where)):
        import json

        try:
            manifest = json.loads((bundles(where) / version / "manifest.json").read_bytes())
        except (OSError, ValueError):
            manifest = {}
        out.append(
            {
                "data_version": version,
                "as_of": manifest.get("as_of"),
                "previous_version": manifest.get("previous_version"),
                "current": n == 0,
            }
        )
    return out


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "xb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _write_state(where: Path, versions: list[str]) -> None:
    from cnasean.store.write import write_atomic

    text = "".join(f"{v}\n" for v in versions).encode()
    write_atomic(bundles(where) / STATE, None, [text])


def _sweep(where: Path, keep: list[str]) -> None:
    """Remove the folders of versions no longer listed and those a killed install left."""
    folder = bundles(where)
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        full = folder / name
        if name in keep or not full.is_dir() or full.is_symlink():
            continue
        shutil.rmtree(full, ignore_errors=True)


def install(where: Path, bundle: Bundle, allow_downgrade: bool = False) -> tuple[str, str]:
    """Install a verified bundle (``bundle.verify``, ``bundle.check_data``); returns (old
    version, new version). A version older than or equal to the one in use is refused
    (``Refused``, the downgrade check) unless ``allow_downgrade``."""
    from cnasean.store.bundle import Refused
    from cnasean.store.write import WriteError, _fsync_dir, _why, locked

    new = bundle.version
    try:
        bundles(where).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(_why(bundles(where) / new, exc)) from None
    with locked(overlay_path(where)):
        old = in_use_version(where)
        if version_key(new) <= version_key(old) and not allow_downgrade:
            raise Refused(
                "downgrade",
                f"its data_version {new} is not newer than {old}, the version in use "
                "(--allow-downgrade to install it anyway).",
            )
        versions = installed_versions(where)
        if versions and versions[0] == new:  # the version in use: never replaced in place
            current = bundles(where) / new / "db.json"
            if current.is_file() and current.read_bytes() == bundle.data:
                return old, new
            raise Refused(
                "downgrade",
                f"version {new} is installed already, with other data: a new release needs "
                "a new data_version.",
            )
        try:
            import tempfile

            tmp = Path(tempfile.mkdtemp(prefix=f".{new}.", dir=bundles(where)))
            for name, blob in (
                ("db.json", bundle.data),
                ("manifest.json", bundle.manifest_raw),
                ("manifest.sig", bundle.signature),
                ("changes.json", bundle.changes),
            ):
                _write_file(tmp / name, blob)
            os.chmod(tmp, 0o755)
            _fsync_dir(tmp)
            target = bundles(where) / new
            if target.exists():  # installed before (and rolled back): this copy replaces it
                aside = Path(tempfile.mkdtemp(prefix=f".{new}.old.", dir=bundles(where)))
                os.rename(target, aside / new)
            os.rename(tmp, target)
            _fsync_dir(bundles(where))
        except OSError as exc:
            raise WriteError(_why(bundles(where) / new, exc)) from None
        keep = [new, *(v for v in versions if v != new)][:KEEP]
        _write_state(where, keep)  # the switch: one atomic rename
        _sweep(where, keep)
    from cnasean.store.read import clear_cache

    clear_cache()
    return old, new


def rollback(where: Path) -> tuple[str, str]:
    """Go back to the previous installed version (or the packaged data when none is left);
    returns (from, to). The version left is no longer listed; the next install removes it."""
    from cnasean.store.write import locked

    with locked(overlay_path(where)):
        versions = installed_versions(where)
        old = in_use_version(where)
        if not versions or old != versions[0]:
            raise UsageError(
                f"Nothing to roll back: the packaged data (version {packaged_version()}) is "
                "in use, not an installed bundle."
            )
        rest = versions[1:]
        _write_state(where, rest)
        # The folder left is removed by the next install, not now: a reader that chose it
        # a moment ago is still reading it.
        _sweep(where, [*rest, old])
    from cnasean.store.read import clear_cache

    clear_cache()
    return old, in_use_version(where)


# --- fetching ------------------------------------------------------------------------------


def read_file(source: str | os.PathLike[str]) -> bytes:
    """A bundle file's bytes: a regular file, at most ``FETCH_LIMIT`` bytes (exit 2 else)."""
    import stat

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(source, flags)
    except OSError as exc:
        raise UsageError(f"Cannot read {source}: {exc.strerror}.") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UsageError(f"{source} is not a regular file: save the bundle to a file.")
        if st.st_size > FETCH_LIMIT:
            raise UsageError(f"{source} is larger than a bundle can be.")
        with os.fdopen(os.dup(fd), "rb") as fh:
            return fh.read(FETCH_LIMIT + 1)
    except OSError as exc:
        raise UsageError(f"Cannot read {source}: {exc.strerror}.") from None
    finally:
        os.close(fd)


def fetch(
    source: str, timeout: float, progress: Callable[[int, int | None], None] | None = None
) -> bytes:
    """The bundle's bytes from a file or an ``http(s)://`` URL (``urllib``; nothing else in
    cnasean touches the network), with a timeout and at most ``FETCH_LIMIT`` bytes."""
    from cnasean.store.bundle import Refused

    if not source.startswith(("http://", "https://")):
        if "://" in source:
            raise UsageError(f"{source[:60]}: a bundle is a file or an http(s):// URL.")
        return read_file(source)
    import urllib.error
    import urllib.request

    request = urllib.request.Request(source, headers={"User-Agent": "cnasean-update"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            size = response.headers.get("Content-Length")
            total = int(size) if size and size.isdigit() else None
            if total is not None and total > FETCH_LIMIT:
                raise Refused("download", f"{source} is {total} bytes, more than a bundle can be.")
            chunks, got = [], 0
            while True:
                chunk = response.read(65536)
                if not chunk:
                    break
                chunks.append(chunk)
                got += len(chunk)
                if got > FETCH_LIMIT:
                    raise Refused("download", f"{source} is larger than a bundle can be.")
                if progress is not None:
                    progress(got, total)
    except urllib.error.HTTPError as exc:
        raise CnaseanError(f"Cannot download {source}: HTTP {exc.code} {exc.reason}.") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise CnaseanError(f"Cannot download {source}: {reason}.") from None
    if total is not None and got != total:
        raise Refused("download", f"{source} ended after {got} of {total} bytes.")
    return b"".join(chunks)


def changelogs(where: Path) -> list[dict[str, Any]]:
    """The changelogs of the installed versions, the one in use first (each as its bundle
    carried it: ``changelog.changes``)."""
    import json

    out = []
    for version in installed_versions(where):
        try:
            log = json.loads((bundles(where) / version / "changes.json").read_bytes())
        except (OSError, ValueError):
            continue
        if isinstance(log, dict):
            out.append(log)
    return out
