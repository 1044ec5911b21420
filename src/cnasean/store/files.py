"""The one reader of data files and record files: every path that reads one comes here.

Queries (``storage.DataStorage``), edits, ``db diff`` and ``db export``
(``storage.EditStorage``), ``db validate``, ``db import`` and ``db add --file`` all read
through ``read_json``, so a file is judged the same way, with the same words, whichever
command reads it:

- Regular files only, checked on the opened descriptor: the file is opened with
  ``O_NONBLOCK`` (a FIFO with no writer never blocks the open) and ``fstat`` says what it
  is, so a pipe, a device (``/dev/zero``) or a directory is refused before a byte is read,
  and nothing can be swapped in between the check and the read.
- At most ``MAX_BYTES`` (512 MiB; the 1,000,000-record benchmark file is about 460 MB),
  and never more than that is read, whatever ``fstat`` said: a file that grows while it
  is read is refused too. A sparse file (holes read as NUL bytes, which JSON never holds)
  is refused at once, without reading its gigabytes of nothing.
- UTF-8 text, JSON, nested at most as deep as Python's parser can go (a file nested
  100,000 deep is refused with one line, not a ``RecursionError``).
- No object with the same key twice. Python's ``json`` keeps the last of two and drops
  the other without a word; a hand-edited file that says ``"value"`` twice would lose a
  figure, or print the wrong one. The check costs little: the objects are counted as they
  are parsed (``object_hook``, keys and all), the keys are counted in the text at C speed
  (every key is a string followed by a colon), and only when the two counts differ (a
  duplicate, or a ``\\":`` inside a string) is the file parsed again, pair by pair, to find
  the key.

What is wrong is a ``FileError`` whose ``problem`` completes a sentence about the file
("... is not UTF-8 text"); ``data_error`` turns it into the exit-3 error of a data file,
``input_error`` into the exit-2 error of a file the user gives as input (a record file is
input, like an option's value: exit 3 is kept for the data file in use, so that a script
can tell a bad argument from a broken database).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from cnasean.errors import DataError, DataFileCorrupt, DataFileMissing, UsageError

MAX_BYTES = 512 * 2**20  # the largest file read, in bytes (512 MiB)
MAX_TEXT = "512 MiB"
_HEAD = 4096  # bytes read first, for the data-file sniff


class FileError(Exception):
    """Why a file cannot be read: ``problem`` completes "<the file> ...", ``missing`` when
    it is not there (or cannot be opened), rather than there and not usable."""

    def __init__(self, problem: str, *, missing: bool = False) -> None:
        super().__init__(problem)
        self.problem = problem
        self.missing = missing


class DuplicateKey(FileError):
    """An object with the same key twice."""


class TooDeep(FileError):
    """JSON nested deeper than the parser goes."""


def data_error(exc: FileError, where: str, hint: str = "") -> DataError:
    """The one-line exit-3 error for a data file (``where`` names it), ``hint`` added when
    the file is there but unusable (the backup to recover from)."""
    if exc.missing:
        return DataFileMissing(f"Data file {where} {exc.problem}.")
    return DataFileCorrupt(f"Data file {where} {exc.problem}.{hint}")


def input_error(exc: FileError, where: str) -> UsageError:
    """The one-line exit-2 error for a file or text given as input (records to add)."""
    return UsageError(f"{where} {exc.problem}.")


def _open_problem(exc: OSError) -> FileError:
    if isinstance(exc, FileNotFoundError):
        return FileError("does not exist", missing=True)
    if isinstance(exc, IsADirectoryError):
        return FileError("is a directory, not a file", missing=True)
    if isinstance(exc, PermissionError):
        return FileError("cannot be read: permission denied", missing=True)
    return FileError(f"cannot be opened: {exc.strerror or exc}", missing=True)


def sniff_data(head: bytes) -> None:
    """Refuse at once what cannot be a data file (empty, or not a JSON object), from its
    first bytes, rather than parse hundreds of megabytes to say so."""
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
    if not text:
        raise FileError("is empty")
    if not text.startswith(b"{"):
        raise FileError("is not a cnasean data file: it does not start with a JSON object")


def read_bytes(path: str | os.PathLike[str], sniff: Callable[[bytes], None] | None = None) -> bytes:
    """The bytes of a regular file of at most ``MAX_BYTES``; ``sniff`` sees the first
    4 kB before the rest is read. Raises ``FileError``."""
    fd = _open(path)
    try:
        return _read(fd, sniff)
    finally:
        os.close(fd)


def _open(path: str | os.PathLike[str]) -> int:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        return os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _open_problem(exc) from None


def _read(fd: int, sniff: Callable[[bytes], None] | None) -> bytes:
    try:
        return _read_fd(fd, sniff)
    except OSError as exc:
        raise FileError(f"cannot be read: {exc.strerror or exc}") from None


def _read_fd(fd: int, sniff: Callable[[bytes], None] | None) -> bytes:
    import stat

    st = os.fstat(fd)
    if stat.S_ISDIR(st.st_mode):
        raise FileError("is a directory, not a file", missing=True)
    if not stat.S_ISREG(st.st_mode):
        raise FileError("is not a regular file (a pipe or a device?): save it to a file")
    if st.st_size > MAX_BYTES:
        raise FileError(f"is larger than {MAX_TEXT}, the most cnasean reads")
    if _has_hole(fd, st.st_size):
        raise FileError("is not text: it holds NUL bytes (a sparse file?)")
    head = os.read(fd, _HEAD)
    if sniff is not None:
        sniff(head)
    chunks = [head]
    total = len(head)
    # One read of the size fstat gave (plus one byte, to see a file that grew), then
    # small reads until the end, never past the limit.
    want = st.st_size - total + 1
    while total <= MAX_BYTES:
        chunk = os.read(fd, max(min(want, MAX_BYTES + 1 - total), 1))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        want = 1 << 20
    if total > MAX_BYTES:
        raise FileError(f"is larger than {MAX_TEXT}, the most cnasean reads")
    data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
    if b"\0" in data:  # memchr: JSON text never holds a NUL byte
        raise FileError("is not text: it holds NUL bytes")
    return data


def _has_hole(fd: int, size: int) -> bool:
    """Whether the file has a hole that reads as NUL bytes (checked, not taken on trust:
    a filesystem that reports a hole where there is data must not refuse a good file)."""
    seek_hole = getattr(os, "SEEK_HOLE", None)
    if seek_hole is None or size == 0:
        return False
    try:
        hole = os.lseek(fd, 0, seek_hole)  # moves the offset: set back below
        found = hole < size and os.pread(fd, 1, hole) == b"\0"
    except OSError:
        found = False
    os.lseek(fd, 0, os.SEEK_SET)
    return found


def read_stream(stream: Any) -> bytes:
    """At most ``MAX_BYTES`` from a binary stream (stdin), stopping at the first chunk that
    holds a NUL byte (``/dev/zero`` on stdin is refused after 1 MB, not 512)."""
    chunks: list[bytes] = []
    total = 0
    while total <= MAX_BYTES:
        chunk = stream.read(1 << 20)
        if not chunk:
            break
        if isinstance(chunk, str):  # a text stream (a test's stdin): already decoded
            chunk = chunk.encode("utf-8", "surrogatepass")
        if b"\0" in chunk:
            raise FileError("is not text: it holds NUL bytes")
        chunks.append(chunk)
        total += len(chunk)
    if total > MAX_BYTES:
        raise FileError(f"is larger than {MAX_TEXT}, the most cnasean reads")
    return b"".join(chunks)


def decode(data: bytes) -> str:
    """The text of the file's bytes: UTF-8, or ``FileError``."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileError(f"is not UTF-8 text (byte {exc.start})") from None


def read_text(path: str | os.PathLike[str]) -> str:
    """A record file's text (CSV, JSON Lines): a regular UTF-8 file of at most
    ``MAX_BYTES``, or ``FileError``."""
    return decode(read_bytes(path))


def read_json(path: str | os.PathLike[str], *, data_file: bool = False) -> Any:
    """The parsed JSON of a file, every check above made; with ``data_file``, the first
    bytes must open a JSON object (``sniff_data``). Raises ``FileError``."""
    fd = _open(path)
    try:  # open while it is parsed, as a reader of the file would be
        return parse_bytes(_read(fd, sniff_data if data_file else None), data_file)
    finally:
        os.close(fd)


# --- parsing ---------------------------------------------------------------------------


class _Duplicate(Exception):
    def __init__(self, key: str, pairs: list[tuple[str, Any]]) -> None:
        self.key = key
        rid = dict(pairs).get("id")
        self.context = f" (in the record {rid!r})" if isinstance(rid, str) else ""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Duplicate(key, pairs)
            seen.add(key)
    return obj


def parse_bytes(raw: bytes, data_file: bool = False) -> Any:
    """``parse`` of a file's bytes, which are let go before the parse (the peak of memory
    is the text and what it parses to, as for ``json.load``)."""
    keys = _keys_in(raw)
    text = decode(raw)
    del raw
    return parse(text, keys=keys, what="a data file" if data_file else "read")


def _keys_in(raw: bytes) -> int:
    # Every key is a string whose closing quote is followed (after any whitespace) by a
    # colon: with the whitespace gone, '":' occurs at least once per key in the text.
    return raw.translate(None, b" \t\r\n").count(b'":')


def parse(text: str, raw: bytes | None = None, what: str = "read", keys: int = -1) -> Any:
    """``text`` parsed as JSON, duplicate keys and nesting too deep refused as
    ``FileError`` ("is nested too deeply to be {what}"). ``raw`` (its UTF-8 bytes) or
    ``keys`` (``_keys_in`` them) spare the encoding when the caller has them."""
    import json

    sizes: list[int] = []
    count = sizes.append

    def counted(obj: dict[str, Any]) -> dict[str, Any]:
        count(len(obj))
        return obj

    try:
        if keys < 0:
            keys = _keys_in(raw if raw is not None else text.encode("utf-8", "surrogatepass"))
        data = json.loads(text, object_hook=counted)
        # The objects hold sum(sizes) keys, the text at most ``keys``: equal counts prove
        # that no key was dropped.
        if keys != sum(sizes):
            data = json.loads(text, object_pairs_hook=_pairs)
    except json.JSONDecodeError as exc:
        raise FileError(
            f"is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    except RecursionError:
        raise TooDeep(f"is nested too deeply to be {what}") from None
    except _Duplicate as dup:
        raise DuplicateKey(
            f"has the key {dup.key!r} twice in one object{dup.context}: JSON keeps only "
            "the last, so the other would be lost; remove one of them"
        ) from None
    return data
