"""Where an export is written: never onto the data file in use, its backup or its lock,
never over anything that is not a regular file (nothing is ever unlinked), and always into
a temporary file in the target's folder, renamed into place. The shapes themselves are
``exchange``'s."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from cnasean.errors import UsageError
from cnasean.store import exchange


def check_target(output: Path, fmt: str, protected: list[Path]) -> os.stat_result | None:
    """What ``output`` is now (None: nothing yet), once it is known that an export may be
    written there: never any of ``protected`` (the data file, its backup and lock: same
    real path, or same inode), a folder, or for SQLite anything but a regular file."""
    import stat

    try:
        st: os.stat_result | None = os.stat(output)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise UsageError(f"Cannot write {output}: {exc.strerror}.") from None
    real = os.path.realpath(output)
    for path in protected:
        same = real == os.path.realpath(path)
        if not same and st is not None:
            try:
                same = os.path.samestat(st, os.stat(path))
            except OSError:
                pass
        if same:
            what = {".bak": "the backup of a", ".lock": "the write lock of a"}.get(path.suffix, "")
            named = "" if os.path.abspath(output) == os.path.abspath(path) else f" ({path})"
            raise UsageError(
                f"Refused: {output} is {what or 'a'} data file cnasean reads{named}; "
                "export to another file."
            )
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise UsageError(f"{output} is a folder: give the name of a file to write.")
    if st is not None and not stat.S_ISREG(st.st_mode) and fmt == "sqlite":
        raise UsageError(f"{output} is not a regular file: a SQLite export needs one.")
    return st


def export_file(
    data: dict[str, Any], fmt: str, kind: str | None, output: Path, st: os.stat_result | None
) -> dict[str, int] | None:
    """Write the export to ``output`` (checked by ``check_target``, which gave ``st``): into
    a temporary file in its folder, renamed into place, so that a reader sees the old file
    or the new one. A text export to a device or a pipe (``/dev/stdout``) is written to it
    in place: nothing that is not a regular file is ever replaced or unlinked."""
    import stat

    from cnasean.store import write as dbwrite

    if st is not None and not stat.S_ISREG(st.st_mode):
        try:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(exchange.export_text(data, fmt, kind))
        except OSError as exc:
            raise dbwrite.WriteError(f"Cannot write {output}: {exc.strerror}.") from None
        return None
    counts: dict[str, int] = {}

    def fill(tmp: Path) -> None:
        if fmt == "sqlite":
            counts.update(exchange.export_sqlite(data, tmp, kind))
        else:
            tmp.write_text(exchange.export_text(data, fmt, kind), encoding="utf-8")

    _replace(Path(os.path.realpath(output)), fill, st, output)
    return counts if fmt == "sqlite" else None


def write_metadata(data: dict[str, Any], output: Path) -> Path:
    """Datasette's ``metadata.json`` beside a SQLite export (``store.datasette``): over one
    cnasean wrote before, never over someone else's (then ``NAME.metadata.json``)."""
    import json

    from cnasean import jsontext
    from cnasean.store import datasette

    target = output.with_name("metadata.json")
    try:
        with open(target, encoding="utf-8") as fh:
            ours = json.load(fh).get("about") == datasette.MARK
    except FileNotFoundError:
        ours = True
    except (OSError, ValueError, AttributeError):
        ours = False
    if not ours:
        target = output.with_name(f"{output.stem}.metadata.json")
    doc = datasette.metadata(data, output.stem)
    text = jsontext.dumps(doc, indent=2) + "\n"
    write_with(target, lambda tmp: tmp.write_text(text, encoding="utf-8"), [output])
    return target


def write_with(output: Path, fill: Any, protected: list[Path]) -> None:
    """Write a file of the user's (a chart, a calendar) as an export is written: checked
    against ``protected`` (the data files), filled by ``fill(temporary path)`` in the
    target's folder and renamed into place, so a failure leaves the old file as it was."""
    import stat

    st = check_target(output, "file", protected)
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise UsageError(f"{output} is not a regular file: give the name of a file to write.")
    _replace(Path(os.path.realpath(output)), fill, st, output)


def _replace(real: Path, fill: Any, st: os.stat_result | None, output: Path) -> None:
    import tempfile

    from cnasean.store import write as dbwrite

    umask = os.umask(0o22)
    os.umask(umask)
    mode = st.st_mode & 0o7777 if st is not None else 0o666 & ~umask  # as open() would
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
        os.close(fd)
        fill(Path(tmp))
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, real)
        tmp = None
    except OSError as exc:
        raise dbwrite.WriteError(f"Cannot write {output}: {exc.strerror}.") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
