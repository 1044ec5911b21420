"""The caches can neither crash cnasean nor make it print what the data file does not say.

Whatever is found where a cache entry should be (a damaged entry, valid-looking bytes of
another layout, marshal data that crashes the interpreter, a pipe, a link, a device, a huge
file) is read as a miss, and the answer is the answer without the cache. A fuzz test feeds
the reader thousands of mutated entries, in a process of its own so that a crash fails the
test instead of ending pytest; run this file as a script to fuzz longer:

    python tests/test_cache_integrity.py fuzz FOLDER ROUNDS [SEED]
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "db.json"
# marshal data that makes CPython dereference NULL: a tuple whose first item is a frozenset
# holding the tuple itself, hashed before the tuple is complete. Padded to 20 bytes.
CRASH = b"\xa9\x02>\x01\x00\x00\x00r\x00\x00\x00\x00N" + bytes(7)
TRADE_2024_USD = "cn-asean-total-2024-usd"
# cnasean as ``python -m cnasean`` with the parse cache's clock moved on: a data file a test
# has just written is otherwise read afresh and not kept for two seconds.
LATER = (
    "import runpy, sys, time\n"
    "from cnasean.store import cache\n"
    "cache._now = lambda: time.time() + 10\n"
    "sys.argv[0] = 'cnasean'\n"
    "runpy.run_module('cnasean', run_name='__main__', alter_sys=True)\n"
)
FUZZ_ROUNDS = 3000

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX files: pipes, links, devices")


def _limit_memory() -> None:
    """In the child: a reader that reads without bound fails at 1 GB, not the machine."""
    import resource

    try:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    except (ValueError, OSError):  # not enforced everywhere (macOS): no limit then
        pass


def run(env: dict[str, str], *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            [sys.executable, "-c", LATER, *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=timeout,
            preexec_fn=_limit_memory if os.name == "posix" else None,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"cnasean {' '.join(args)} hung for {timeout} s")


@pytest.fixture()
def env(tmp_path: Path) -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if k not in ("CNASEAN_DB", "CNASEAN_NO_CACHE")}
    e.update(XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_DATA_HOME=str(tmp_path / "data"))
    e.update(COLUMNS="100", PYTHONUTF8="1")
    return e


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    path = tmp_path / "db.json"
    path.write_bytes(SHIPPED.read_bytes())
    return path


def entries(env: dict[str, str], which: str) -> list[Path]:
    folder = Path(env["XDG_CACHE_HOME"]) / "cnasean"
    found = sorted((folder / "tables" if which == "drawing" else folder).glob("*.marshal"))
    assert found, f"no {which} was kept"
    return found


def answer(env: dict[str, str], args: list[str]) -> str:
    """The output with no cache at all, which the output with any cache must equal."""
    res = run({**env, "CNASEAN_NO_CACHE": "1"}, *args)
    assert res.returncode == 0, res.stderr
    return res.stdout


# --- what the issue found, one test each ---------------------------------------------------


@pytest.mark.parametrize(
    ("which", "args"), [("data", ["trade", "--json"]), ("drawing", ["trade", "--format", "table"])]
)
def test_a_20_byte_entry_crashes_no_query(
    env: dict[str, str], data: Path, which: str, args: list[str]
) -> None:
    args = ["--db", str(data), *args]
    expected = answer(env, args)
    assert run(env, *args).stdout == expected  # keeps the entries
    for entry in entries(env, which):
        entry.write_bytes(CRASH)
    for _ in range(2):  # the damaged entry, then the one written in its place
        res = run(env, *args)
        assert (res.returncode, res.stdout) == (0, expected), res.stderr[-2000:]
    assert all(e.read_bytes() != CRASH for e in entries(env, which))  # rebuilt


def test_a_rewritten_figure_is_never_printed(env: dict[str, str], data: Path) -> None:
    """The 2024 total changed inside the kept entry, as valid marshal data of the same
    size: the figure of the data file is printed, not the rewritten one."""
    import marshal

    args = ["--db", str(data), "trade", "--period", "2024", "--currency", "USD", "--json"]
    true_value = next(
        r["value"] for r in json.loads(answer(env, args)) if r["id"] == TRADE_2024_USD
    )
    run(env, *args)
    (entry,) = entries(env, "data")
    kept = entry.read_bytes()
    digits = marshal.dumps(true_value)[1:]  # the int without its type byte
    # In the table and in its slice (store/index.py): every copy is rewritten.
    assert kept.count(digits) == 2
    entry.write_bytes(kept.replace(digits, marshal.dumps(1_500_000_000_000)[1:]))
    for _ in range(2):
        res = run(env, *args)
        assert res.returncode == 0, res.stderr
        (rec,) = [r for r in json.loads(res.stdout) if r["id"] == TRADE_2024_USD]
        assert rec["value"] == true_value


@posix_only
@pytest.mark.parametrize("what", ["fifo", "dev-zero", "huge", "directory", "link-loop"])
def test_an_entry_that_is_no_file_of_ours_changes_no_answer(
    env: dict[str, str], data: Path, tmp_path: Path, what: str
) -> None:
    """A pipe must not make a query wait, /dev/zero or a huge file must not fill memory, a
    folder or a link loop must not turn into an error."""
    args = ["--db", str(data), "trade", "--json"]
    expected = answer(env, args)
    run(env, *args)
    (entry,) = entries(env, "data")
    entry.unlink()
    if what == "fifo":
        os.mkfifo(entry)
    elif what == "dev-zero":
        entry.symlink_to("/dev/zero")
    elif what == "huge":
        with entry.open("wb") as fh:
            fh.truncate(8 << 30)  # sparse: 8 GB that take no room
    elif what == "directory":
        entry.mkdir()
    else:
        entry.symlink_to(entry)
    res = run(env, *args, timeout=30)
    assert (res.returncode, res.stdout) == (0, expected), res.stderr[-2000:]


@pytest.fixture()
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """In-process: caching on in a fresh folder, its clock moved on; a copy of the data."""
    from cnasean.store import cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "c"))
    monkeypatch.delenv("CNASEAN_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "_now", lambda: time.time() + 10, raising=False)
    path = tmp_path / "db.json"
    path.write_bytes(SHIPPED.read_bytes())
    return path


def _kept_entry(path: Path) -> tuple[Path, str]:
    from cnasean.store import cache
    from cnasean.store import read as db

    db.load(path)
    entry = cache.data_entry(path)
    assert entry is not None and entry[0].is_file()
    return entry


@posix_only
def test_an_entry_is_not_read_through_a_link(cached: Path, tmp_path: Path) -> None:
    """A link could stand for anything (another user's file, a device): never followed."""
    from cnasean.store import cache

    path, key = _kept_entry(cached)
    elsewhere = tmp_path / "elsewhere.marshal"
    path.rename(elsewhere)
    path.symlink_to(elsewhere)
    assert cache.load(path, key) is None
    assert cache.load(elsewhere, key) is not None


@posix_only
def test_an_entry_written_by_another_user_is_not_read(
    cached: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cnasean.store import cache

    path, key = _kept_entry(cached)
    monkeypatch.setattr(os, "geteuid", lambda: path.stat().st_uid + 1)
    assert cache.load(path, key) is None


def test_a_table_rewritten_with_valid_marshal_is_read_from_the_file(cached: Path) -> None:
    """Each packed table is checked on its own when it is first read: here the trade table
    is replaced by a valid marshal of other figures, and the head re-signed to fit."""
    import marshal

    from cnasean.store import cache
    from cnasean.store import read as db

    path, key = _kept_entry(cached)
    kept = cache.load(path, key)
    assert kept is not None
    blobs = {name: bytes(part) for name in list(kept) if (part := kept.take(name)) is not None}
    trade = marshal.loads(blobs["trade"])
    for doc in trade.values():
        if isinstance(doc.get("value"), int):
            doc["value"] = 1_500_000_000_000
    blobs["trade"] = marshal.dumps(trade)
    digests = {n: cache._check(b) for n, b in blobs.items()}
    digests["trade"] = cache._check(marshal.dumps(json.loads(cached.read_text())["trade"]))
    head = marshal.dumps((key, tuple((n, len(b), digests[n]) for n, b in blobs.items())))
    path.write_bytes(
        cache.MAGIC + len(head).to_bytes(4, "little") + cache._digest(head) + head
        + b"".join(blobs.values())
    )  # fmt: skip
    reread = cache.load(path, key)
    assert reread is not None and reread.take("trade") is None  # the head passes, trade not
    store = db.load(cached)
    assert 1_500_000_000_000 not in {r.value for r in store.records("trade")}
    healed = cache.load(path, key)
    assert healed is not None and all(healed.take(n) is not None for n in db.TABLES)


# --- racy clean: a file changed in the second it was read -----------------------------------


def _coarse_clock(monkeypatch: pytest.MonkeyPatch, path: Path, now: float) -> None:
    """Pretend ``path`` is on a filesystem with 1-second times, and every write to it falls
    in one second: its times are that second's, and the clock reads ``now``."""
    from cnasean.store import cache

    real_stat = os.stat
    second = real_stat(path).st_mtime_ns // 10**9

    class Coarse:
        def __init__(self, st: os.stat_result) -> None:
            for name in dir(st):
                if name.startswith("st_"):
                    setattr(self, name, getattr(st, name))
            self.st_mtime = self.st_ctime = float(second)
            self.st_mtime_ns = self.st_ctime_ns = second * 10**9

    def stat(p: Any, *args: Any, **kwargs: Any) -> Any:
        st = real_stat(p, *args, **kwargs)
        return Coarse(st) if os.fspath(p) == os.fspath(path) else st

    monkeypatch.setattr(os, "stat", stat)
    monkeypatch.setattr(cache, "_now", lambda: second + now, raising=False)


def _rewrite_in_place(path: Path) -> None:
    text = path.read_bytes()
    changed = text.replace(b"Customs", b"CUSTOMS", 1)
    assert changed != text and len(changed) == len(text)
    with path.open("r+b") as fh:  # the same file (inode), the same size
        fh.write(changed)


def _publisher_texts(path: Path) -> str:
    from cnasean.store import read as db

    return json.dumps(dict(db.load(path).tables["sources"]), ensure_ascii=False)


def test_a_same_size_correction_in_the_same_second_is_seen(
    cached: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _coarse_clock(monkeypatch, cached, now=0.5)
    assert "CUSTOMS" not in _publisher_texts(cached)
    _rewrite_in_place(cached)
    assert "CUSTOMS" in _publisher_texts(cached)


def test_a_file_is_kept_once_its_second_has_passed(
    cached: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cnasean.store import cache

    _coarse_clock(monkeypatch, cached, now=1.9)
    assert cache.data_entry(cached) is None
    _coarse_clock(monkeypatch, cached, now=-30)  # a time in the future: not kept either
    assert cache.data_entry(cached) is None
    _coarse_clock(monkeypatch, cached, now=2.0)
    _publisher_texts(cached)
    entry = cache.data_entry(cached)
    assert entry is not None and cache.load(*entry) is not None


# --- the folder: whose it is and where -------------------------------------------------------


def test_the_prune_removes_only_its_own_entries(
    cached: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cnasean.store import cache
    from cnasean.store import read as db

    folder = tmp_path / "c" / "cnasean"
    folder.mkdir(parents=True)
    outside = tmp_path / "outside.txt"
    outside.write_text("not the cache's")
    theirs = ["notes.txt", "README", "0123abcd.json", "deadbeef.marshal.bak", "x.marshal"]
    for name in theirs:
        (folder / name).write_text("someone else's")
    (folder / "cafebabe.marshal").symlink_to(outside)
    (folder / "sub").mkdir()
    fresh_temp, crashed_temp = folder / ".cnasean-a.tmp", folder / ".cnasean-b.tmp"
    fresh_temp.write_bytes(b"a save in progress")
    crashed_temp.write_bytes(b"left by a crash")
    hour_ago = time.time() - 3600
    for name in [*theirs, "cafebabe.marshal", crashed_temp.name]:
        os.utime(folder / name, (hour_ago, hour_ago), follow_symlinks=False)
    monkeypatch.setattr(cache, "DATA_FILES_KEPT", 2)
    for i in range(5):
        copy = tmp_path / f"copy{i}.json"
        copy.write_bytes(cached.read_bytes())
        db.load(copy)
    own = [f for f in folder.iterdir() if re.fullmatch(r"[0-9a-f]{8}\.marshal", f.name)]
    assert len([f for f in own if not f.is_symlink()]) == 2
    assert all((folder / name).read_text() == "someone else's" for name in theirs)
    assert (folder / "cafebabe.marshal").is_symlink() and outside.exists()
    assert (folder / "sub").is_dir() and fresh_temp.exists() and not crashed_temp.exists()


def test_a_relative_cache_home_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cached: Path
) -> None:
    """The XDG spec: a relative XDG_CACHE_HOME is invalid and is ignored."""
    from cnasean.store import cache
    from cnasean.store import read as db

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.folder() == tmp_path / "home" / ".cache" / "cnasean"
    db.load(cached)
    assert not (tmp_path / "relative").exists()
    assert list((tmp_path / "home" / ".cache" / "cnasean").glob("*.marshal"))
    monkeypatch.setenv("HOME", "relative-home")
    assert cache.folder() is None


@posix_only
def test_no_home_is_no_cache_and_no_error(
    monkeypatch: pytest.MonkeyPatch, cached: Path, tmp_path: Path
) -> None:
    import pwd

    from cnasean.store import cache
    from cnasean.store import read as db

    def no_entry(uid: int) -> Any:
        raise KeyError(uid)

    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    monkeypatch.chdir(tmp_path)
    assert cache.folder() is None
    assert len(db.load(cached).records("trade")) > 10
    assert cache.folder("tables") is None


# --- the fuzz test -----------------------------------------------------------------------------


@pytest.fixture()
def fast_folder(tmp_path: Path) -> Any:
    """A folder in memory where there is one (each fuzz round writes two files), else
    ``tmp_path``."""
    import tempfile

    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path
        return
    with tempfile.TemporaryDirectory(dir=shm, prefix="cnasean-fuzz-") as folder:
        yield Path(folder)


def test_fuzzed_entries_crash_nothing_and_change_no_answer(fast_folder: Path) -> None:
    """Thousands of mutated entries (bit flips, truncations, valid-looking rewrites, random
    bytes, marshal that crashes the interpreter), then a pipe, links, a folder and a huge
    file: each answer is the answer without the cache, and each damaged entry is rebuilt."""
    started = time.perf_counter()
    try:
        res = subprocess.run(
            [sys.executable, __file__, "fuzz", str(fast_folder), str(FUZZ_ROUNDS)],
            capture_output=True,
            text=True,
            timeout=300,
            env={k: v for k, v in os.environ.items() if k != "CNASEAN_NO_CACHE"},
            preexec_fn=_limit_memory if os.name == "posix" else None,
        )
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"the fuzz hung: {exc.stdout!r}"[-2000:])
    said = f"{res.stdout}\n{res.stderr}"[-4000:]
    assert res.returncode == 0, f"the fuzz failed ({res.returncode}):\n{said}"
    tried = json.loads(res.stdout.splitlines()[-1])
    assert sum(tried.values()) >= FUZZ_ROUNDS
    print(f"\n{sum(tried.values())} entries in {time.perf_counter() - started:.1f} s: {tried}")


def _small_data(path: Path) -> None:
    """A small data file (the shipped one, each table cut to a few documents): each round
    parses it again, so that thousands of rounds take seconds."""
    doc = json.loads(SHIPPED.read_text(encoding="utf-8"))
    small = {name: dict(list(table.items())[:4]) for name, table in doc.items()}
    path.write_text(json.dumps(small, ensure_ascii=False), encoding="utf-8")


def _mutate(rnd: random.Random, good: bytes, ints: list[int]) -> tuple[str, bytes]:
    """One damaged copy of the entry ``good``, and the kind of damage."""
    b = bytearray(good)
    kind = rnd.choice(
        ["bit"] * 6 + ["bits", "byte", "truncate", "extend", "random", "splice"]
        + ["crash-inside", "crash-file", "int", "text"]
    )  # fmt: skip
    n = len(b)
    if kind == "bit":
        b[rnd.randrange(n)] ^= 1 << rnd.randrange(8)
    elif kind == "bits":
        for _ in range(rnd.randint(2, 16)):
            b[rnd.randrange(n)] ^= 1 << rnd.randrange(8)
    elif kind == "byte":
        for _ in range(rnd.randint(1, 8)):
            b[rnd.randrange(n)] = rnd.randrange(256)
    elif kind == "truncate":
        del b[rnd.randrange(64) if rnd.random() < 0.3 else rnd.randrange(n) :]
    elif kind == "extend":
        b += rnd.randbytes(rnd.randint(1, 64))
    elif kind == "random":  # random bytes, or random bytes behind the entry's first bytes
        b = bytearray(good[: rnd.choice([0, 8, 12, 28, 64])] + rnd.randbytes(rnd.randrange(2 * n)))
    elif kind == "splice":
        at, size = rnd.randrange(n), rnd.randint(1, 256)
        src = rnd.randrange(n)
        b[at : at + size] = good[src : src + size]
    elif kind == "crash-inside":
        at = rnd.randrange(n)
        b[at : at + len(CRASH)] = CRASH
    elif kind == "crash-file":
        b = bytearray(CRASH[: rnd.randint(13, 20)])
    elif kind == "int":  # a marshal int given another value: valid-looking data
        at = rnd.choice(ints)
        b[at + 1 : at + 5] = rnd.randbytes(4)
    else:  # one letter of a text changed for another: valid-looking data
        at = rnd.randrange(n)
        while at < n - 1 and not (65 <= b[at] <= 90 or 97 <= b[at] <= 122):
            at += 1
        b[at] = rnd.choice(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return kind, bytes(b)


def _specials(entry: Path, good: bytes, where: Path, check: Callable[[str], None]) -> None:
    """Files that are not entries at all, made at ``entry`` one after another, each
    checked with ``check``."""
    for what in ("fifo", "dev-zero", "link", "link-loop", "directory", "huge", "empty"):
        if entry.is_dir() and not entry.is_symlink():
            entry.rmdir()
        elif entry.exists() or entry.is_symlink():
            entry.unlink()
        try:
            _make(what, entry, good, where)
        except (OSError, AttributeError, NotImplementedError):  # no links or pipes here
            continue
        check(what)


def _make(what: str, entry: Path, good: bytes, where: Path) -> None:
    if what == "fifo":
        os.mkfifo(entry)
    elif what == "dev-zero":
        entry.symlink_to(os.devnull if os.name != "posix" else "/dev/zero")
    elif what == "link":  # a link to a good entry: not followed either
        (where / "good.copy").write_bytes(good)
        entry.symlink_to(where / "good.copy")
    elif what == "link-loop":
        entry.symlink_to(entry)
    elif what == "directory":
        entry.mkdir()
    elif what == "huge":
        with entry.open("wb") as fh:
            fh.truncate(8 << 30)  # sparse: 8 GB that take no room
    else:
        entry.write_bytes(b"")


def fuzz(where: Path, rounds: int, seed: int = 12) -> Counter[str]:
    """Mutate the kept entries ``rounds`` times (a drawing for every fifth round) and check
    each answer; exits with a message at the first wrong answer."""
    import faulthandler

    faulthandler.enable()
    os.environ["XDG_CACHE_HOME"] = str(where / "cache")
    from cnasean.output import drawcache
    from cnasean.store import cache, index
    from cnasean.store.storage import TABLES, DataStorage

    cache._now = lambda: time.time() + 10  # type: ignore[attr-defined]  # a file just written is kept
    path = where / "db.json"
    _small_data(path)

    def tables() -> dict[str, Any]:
        read = DataStorage(path).read()
        out = {name: read[name] for name in TABLES}
        # The parts kept beside the tables (slices, unique ids, source kinds) are read too:
        # each is its own value, or None once a damaged part sent the reader to the file.
        for name, value in derived.items():
            got = read.part(name, type(value))
            out[name] = value if got is None else got
        return out

    derived: dict[str, Any] = {}
    truth = tables()
    derived.update((n, v) for n, v in index.packed(truth).items() if n.startswith("#"))
    truth = tables()
    entry = cache.data_entry(path)
    assert entry is not None and entry[0].is_file() and tables() == truth
    good = entry[0].read_bytes()
    ints = [m.start() for m in re.finditer(rb"[i\xe9]", good[:-4])]
    drawing = "┏━━┓ a table, drawn ┃ 1 ┃ ┗━━┛\n" * 20
    key = repr(("spec", "terminal"))
    found = (cache.folder("tables") / "0badf00d.marshal", key)  # type: ignore[operator]
    drawcache.save(found, drawing)
    good_drawing = found[0].read_bytes()
    rnd = random.Random(seed)
    tried: Counter[str] = Counter()

    def fail(what: str) -> None:
        print(f"round {sum(tried.values())}: {what}", flush=True)
        raise SystemExit(1)

    while sum(tried.values()) < rounds:  # a mutation that changes nothing is not a round
        drawing_round = rnd.random() < 0.2
        target, pristine = (found[0], good_drawing) if drawing_round else (entry[0], good)
        kind, bad = _mutate(rnd, pristine, ints if not drawing_round else [0])
        if bad == pristine:
            continue
        target.write_bytes(bad)
        if drawing_round:
            got = drawcache.load(found)
            if got not in (None, drawing):
                fail(f"drawing {kind}: a different drawing")
            if got is None:
                drawcache.save(found, drawing)  # as output.table does
            if drawcache.load(found) != drawing:
                fail(f"drawing {kind}: not kept anew")
        else:
            if tables() != truth:
                fail(f"{kind}: a different answer")
            if target.read_bytes() == bad:
                fail(f"{kind}: the damaged entry was kept")
            if tables() != truth:
                fail(f"{kind}: a different answer from the rebuilt entry")
        tried[("drawing " if drawing_round else "") + kind] += 1

    def special(what: str) -> None:
        if tables() != truth or tables() != truth:
            fail(f"{what}: a different answer")
        tried[what] += 1

    _specials(entry[0], good, where, special)
    return tried


if __name__ == "__main__" and sys.argv[1:2] == ["fuzz"]:
    started = time.perf_counter()
    counts = fuzz(Path(sys.argv[2]), int(sys.argv[3]), *map(int, sys.argv[4:5]))
    print(f"{sum(counts.values())} entries in {time.perf_counter() - started:.1f} s", flush=True)
    print(json.dumps(counts), flush=True)
