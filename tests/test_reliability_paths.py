"""Data paths that hold under accident and attack (issue 12): links, resets, modes, locks,
names, working folders, the leftovers of a crash.

The write path keeps one promise per test here: nothing the user had is lost, and every
failure is one line with the documented exit code (1 cannot write, 2 bad name or setting,
3 data file missing or unusable)."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cnasean.store import write as dbwrite
from conftest import mini_data

Run = Callable[..., subprocess.CompletedProcess[str]]
FACT = "cn-asean-total-2022-cny"


def one_line(r: subprocess.CompletedProcess[str], code: int) -> str:
    """The exit code, one clean error line on stderr, no traceback; returns the line."""
    assert r.returncode == code, (r.returncode, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    return lines[0]


def note_in(path: Path) -> Any:
    data = json.loads(path.read_text(encoding="utf-8"))
    return next(d for d in data["trade"].values() if d["id"] == FACT)["note"]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "db.json"
    path.parent.mkdir()
    path.write_text(json.dumps(mini_data(), ensure_ascii=False, indent=1) + "\n", "utf-8")
    return path


@pytest.fixture
def xdg(tmp_path: Path) -> Path:
    return tmp_path / "xdg"


def user_copy(xdg: Path) -> Path:
    """Where an earlier cnasean kept the user's full copy of the data."""
    return xdg / "cnasean" / "db.json"


def user_edits(xdg: Path) -> Path:
    """Where the user's edits are kept: an overlay on the packaged data."""
    return xdg / "cnasean" / "overlay.json"


# --- 1. reset keeps the user's copy where no write reaches it -----------------------------


def test_reset_keeps_the_copy_under_a_name_no_later_write_touches(cli: Run, xdg: Path) -> None:
    env = {"XDG_DATA_HOME": str(xdg)}
    fact = "cn-asean-total-2024-usd"
    assert cli("db", "set", fact, "note", "mine", env=env).returncode == 0
    mine = user_edits(xdg).read_bytes()
    r = cli("db", "reset", "--yes", env=env)
    assert r.returncode == 0, r.stderr
    (kept,) = xdg.joinpath("cnasean").glob("overlay.json.reset-*")
    assert str(kept) in r.stderr
    for n in range(3):  # the first write makes new edits, the later ones back them up
        assert cli("db", "set", fact, "note", f"new {n}", env=env).returncode == 0
    assert kept.read_bytes() == mine
    again = cli("db", "reset", "--yes", env=env)
    assert again.returncode == 0
    assert len(list(xdg.joinpath("cnasean").glob("overlay.json.reset-*"))) == 2  # kept apart
    assert kept.read_bytes() == mine


def test_a_backup_with_no_file_beside_it_is_kept_not_overwritten(db: Path) -> None:
    dbwrite.set_aside(db)
    aside = dbwrite.backup_path(db).read_bytes()
    for n in range(2):
        with dbwrite.transaction(db) as data:
            next(d for d in data["trade"].values() if d["id"] == FACT)["note"] = f"n{n}"
    (orphan,) = db.parent.glob("db.json.bak.orphan-*")
    assert orphan.read_bytes() == aside
    assert note_in(dbwrite.backup_path(db)) != note_in(db)


def test_reset_of_a_linked_copy_removes_only_the_link(cli: Run, xdg: Path, tmp_path: Path) -> None:
    real = tmp_path / "elsewhere.json"
    real.write_text(json.dumps(mini_data()), "utf-8")
    before = real.read_bytes()
    user_copy(xdg).parent.mkdir(parents=True)
    user_copy(xdg).symlink_to(real)
    r = cli("db", "reset", "--yes", env={"XDG_DATA_HOME": str(xdg)})
    assert r.returncode == 0 and str(real) in r.stderr
    assert not os.path.lexists(user_copy(xdg)) and real.read_bytes() == before


# --- 2. a data file reached through a link is one file -------------------------------------


def test_a_write_through_a_link_changes_the_real_file(cli: Run, db: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(db)
    assert cli("db", "set", "--db", link, FACT, "note", "via link").returncode == 0
    assert link.is_symlink() and note_in(db) == "via link"
    bak = dbwrite.backup_path(db)
    assert bak.is_file() and not bak.is_symlink() and note_in(bak) is None
    assert not os.path.lexists(dbwrite.backup_path(link))
    assert not os.path.lexists(dbwrite.lock_path(link))


ADDER = textwrap.dedent(
    """
    import os, sys, time
    from cnasean.store import write as dbwrite
    from cnasean.store import edit as edits
    path, who, go = sys.argv[1], sys.argv[2], sys.argv[3]
    while not os.path.exists(go):  # all start together
        time.sleep(0.005)
    for i in range(16):
        with dbwrite.transaction(path) as data:
            edits.add(data, "events", {
                "id": f"test-{who}-{i}", "date": "2026-01-01", "title": "test",
                "category": "summit", "countries": ["CN"], "sources": ["T1"],
                "confidence": "verbatim", "last_verified": "2026-11-29"})
    """
)


def test_writers_through_a_link_and_the_real_name_lose_nothing(db: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(db)
    go = tmp_path / "go"
    env = {**os.environ, "CNASEAN_LOCK_TIMEOUT": "120"}
    procs = [
        subprocess.Popen([sys.executable, "-c", ADDER, str(name), str(w), str(go)], env=env)
        for w, name in enumerate((db, link, db, link))
    ]
    go.touch()
    assert [p.wait(timeout=300) for p in procs] == [0, 0, 0, 0]
    assert link.is_symlink()
    ids = {d["id"] for d in json.loads(db.read_text("utf-8"))["events"].values()}
    assert ids == {f"test-{w}-{i}" for w in range(4) for i in range(16)}


@pytest.mark.parametrize("args", [("trade",), ("db", "set", FACT, "note", "x")])
def test_a_dangling_link_is_exit_3_and_stays_as_it_is(
    cli: Run, tmp_path: Path, args: tuple[str, ...]
) -> None:
    link = tmp_path / "db.json"
    link.symlink_to(tmp_path / "gone.json")
    line = one_line(cli(*args, env={"CNASEAN_DB": str(link)}), 3)
    assert "does not exist" in line
    assert link.is_symlink() and not (tmp_path / "gone.json").exists()


@pytest.mark.parametrize("args", [("trade",), ("db", "set", FACT, "note", "x")])
def test_a_link_loop_is_exit_3(cli: Run, tmp_path: Path, args: tuple[str, ...]) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.symlink_to(b)
    b.symlink_to(a)
    one_line(
        cli(*args, "--db", a) if args[0] == "trade" else cli(*args, env={"CNASEAN_DB": str(a)}), 3
    )
    assert a.is_symlink() and b.is_symlink()


@pytest.mark.parametrize("kind", ["loop", "dangling"])
@pytest.mark.parametrize("args", [("trade",), ("db", "set", FACT, "note", "x")])
def test_a_broken_link_as_the_user_copy_never_falls_back_to_the_packaged_data(
    cli: Run, xdg: Path, kind: str, args: tuple[str, ...]
) -> None:
    user = user_copy(xdg)
    user.parent.mkdir(parents=True)
    user.symlink_to(user if kind == "loop" else xdg / "gone.json")
    line = one_line(cli(*args, env={"XDG_DATA_HOME": str(xdg)}), 3)
    assert str(user) in line
    assert user.is_symlink() and not (xdg / "gone.json").exists()


# --- 3. mode and owner kept, a read-only file refused -----------------------------------


def test_a_write_keeps_the_mode_of_the_file(cli: Run, db: Path) -> None:
    db.chmod(0o640)
    assert cli("db", "set", "--db", db, FACT, "note", "x").returncode == 0
    assert stat.S_IMODE(db.stat().st_mode) == 0o640


def test_a_new_copy_gets_the_mode_the_umask_gives(cli: Run, xdg: Path) -> None:
    old = os.umask(0o022)
    try:
        assert (
            cli(
                "db",
                "set",
                FACT.replace("2022-cny", "2024-usd"),
                "note",
                "x",
                env={"XDG_DATA_HOME": str(xdg)},
            ).returncode
            == 0
        )
    finally:
        os.umask(old)
    assert stat.S_IMODE(user_edits(xdg).stat().st_mode) == 0o644


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file away")
def test_a_write_keeps_the_owner_of_the_file(cli: Run, db: Path) -> None:
    os.chown(db, 4321, 4321)
    assert cli("db", "set", "--db", db, FACT, "note", "x").returncode == 0
    st = db.stat()
    assert (st.st_uid, st.st_gid) == (4321, 4321)


def test_a_read_only_data_file_is_refused_and_unchanged(cli: Run, db: Path) -> None:
    db.chmod(0o444)
    before = db.read_bytes()
    line = one_line(cli("db", "set", "--db", db, FACT, "note", "x"), 1)
    assert "read-only" in line and str(db) in line
    assert db.read_bytes() == before
    assert not dbwrite.backup_path(db).exists()
    assert not list(db.parent.glob(".*.tmp"))


# --- 4. the lock timeout is a number ------------------------------------------------------


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "abc", "-1", "1e9", "0x10"])
def test_a_bad_lock_timeout_is_a_usage_error(cli: Run, db: Path, value: str) -> None:
    before = db.read_bytes()
    line = one_line(
        cli("db", "set", "--db", db, FACT, "note", "x", env={"CNASEAN_LOCK_TIMEOUT": value}), 2
    )
    assert "CNASEAN_LOCK_TIMEOUT" in line
    assert db.read_bytes() == before


@pytest.mark.parametrize("value", ["0", "2.5", " 30 ", ""])
def test_a_good_lock_timeout_is_taken(cli: Run, db: Path, value: str) -> None:
    env = {"CNASEAN_LOCK_TIMEOUT": value}
    assert cli("db", "set", "--db", db, FACT, "note", "x", env=env).returncode == 0


# --- 5. names and places that cannot be written -----------------------------------------


def test_no_home_at_all_reads_the_packaged_data_and_a_write_says_why(
    cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pwd

    def nobody(uid: int) -> Any:
        raise KeyError(uid)

    monkeypatch.setattr(pwd, "getpwuid", nobody)
    env: dict[str, str | None] = {"HOME": None, "XDG_DATA_HOME": None}
    assert cli("trade", "--json", env=env).returncode == 0
    line = one_line(cli("db", "set", FACT, "note", "x", env=env), 1)
    assert "HOME" in line


def test_a_file_in_the_way_of_the_data_folder_is_exit_1(cli: Run, tmp_path: Path) -> None:
    blocker = tmp_path / "xdg"
    blocker.write_text("not a folder")
    line = one_line(cli("db", "set", FACT, "note", "x", env={"XDG_DATA_HOME": str(blocker)}), 1)
    assert "Cannot write" in line


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES])
def test_a_read_only_or_unwritable_data_home_is_exit_1(
    cli: Run, xdg: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    real = os.mkdir

    def refuse(path: Any, *args: Any, **kwargs: Any) -> None:
        if str(path).startswith(str(xdg)):
            raise OSError(code, os.strerror(code), str(path))
        real(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", refuse)
    line = one_line(cli("db", "set", FACT, "note", "x", env={"XDG_DATA_HOME": str(xdg)}), 1)
    assert "not writable" in line


@pytest.mark.parametrize("args", [("trade",), ("db", "set", FACT, "note", "x"), ("db", "info")])
def test_a_name_too_long_for_the_system_is_a_usage_error(
    cli: Run, tmp_path: Path, args: tuple[str, ...]
) -> None:
    name = tmp_path / ("x" * 300 + ".json")
    line = one_line(cli(*args, env={"CNASEAN_DB": str(name)}), 2)
    assert "too long" in line


@pytest.mark.parametrize("args", [("trade",), ("db", "set", FACT, "note", "x")])
def test_a_relative_name_in_a_deleted_working_folder_is_exit_3(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    line = one_line(cli(*args, env={"CNASEAN_DB": "db.json"}), 3)
    assert "working folder" in line


# --- 6. what a crashed writer left is swept at the next write -----------------------------


def test_temporaries_of_a_crashed_write_are_swept_under_the_lock(cli: Run, db: Path) -> None:
    folder = db.parent
    ours = [".db.json.abcd_123.tmp", ".db.json.bak.k2x9qq0z.tmp"]
    theirs = [".db.json.notours.tmp", ".other.json.abcd1234.tmp", "db.json.abcd1234.tmp"]
    for name in ours + theirs:
        (folder / name).write_text("left")
    (folder / ".db.json.zzzz9999.tmp").symlink_to(folder / "theirs-target")
    assert cli("db", "set", "--db", db, FACT, "note", "x").returncode == 0
    left = {p.name for p in folder.iterdir()}
    assert not left & set(ours)
    assert set(theirs) | {".db.json.zzzz9999.tmp"} <= left


# --- 7. a relative XDG_DATA_HOME is ignored -------------------------------------------------


def test_a_relative_xdg_data_home_is_ignored(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    env = {"XDG_DATA_HOME": "relative-xdg", "HOME": str(tmp_path / "home")}
    assert (
        cli("db", "set", FACT.replace("2022-cny", "2024-usd"), "note", "x", env=env).returncode == 0
    )
    assert not (tmp_path / "relative-xdg").exists()
    assert (tmp_path / "home" / ".local" / "share" / "cnasean" / "overlay.json").is_file()


# --- 8. the lock file is never followed through a link -------------------------------------


def test_a_planted_link_as_the_lock_file_is_refused(cli: Run, db: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    dbwrite.lock_path(db).symlink_to(victim)
    before = db.read_bytes()
    line = one_line(cli("db", "set", "--db", db, FACT, "note", "x"), 1)
    assert "symbolic link" in line
    assert not victim.exists() and db.read_bytes() == before


def test_a_lock_file_that_is_not_a_regular_file_is_refused(cli: Run, db: Path) -> None:
    os.mkfifo(dbwrite.lock_path(db))
    before = db.read_bytes()
    line = one_line(cli("db", "set", "--db", db, FACT, "note", "x"), 1)
    assert "not a regular file" in line and db.read_bytes() == before


# --- 4. the lock is held for the change and the write, not to read and judge the file ------


def _set(data: dict[str, Any], rid: str, field: str, value: Any) -> None:
    for table in data.values():
        for doc in table.values():
            if isinstance(doc, dict) and doc.get("id") == rid:
                doc[field] = value
                return
    raise KeyError(rid)


def _add_trade(data: dict[str, Any], rid: str, **fields: Any) -> None:
    doc = {**next(iter(data["trade"].values())), "id": rid, **fields}
    data["trade"][str(len(data["trade"]) + 100)] = doc


CHANGES: dict[str, Callable[[dict[str, Any]], None]] = {
    "a note": lambda d: _set(d, FACT, "note", "checked — 已核对"),
    "1 to 1.0": lambda d: _set(d, FACT, "yoy_pct", 15),
    "a number to true": lambda d: _set(d, FACT, "share_pct", True),
    "a bad value": lambda d: _set(d, FACT, "value", "lots"),
    "an unknown source": lambda d: _set(d, FACT, "sources", ["NOPE"]),
    "a nested list changed in place": lambda d: d["trade"]["1"]["sources"].append("T2"),
    "a new figure": lambda d: _add_trade(d, "new-figure"),
    "a new figure with a taken id": lambda d: _add_trade(d, "cn-asean-total-2023-usd"),
    "a figure with a visa rule's id": lambda d: _add_trade(d, "visa-cn-th-mutual-2024"),
    "a figure removed": lambda d: d["trade"].pop("2"),
    "an overlapping visa rule": lambda d: _set(
        d, "visa-cn-th-temporary-2023", "effective_to", None
    ),
    "a source changed": lambda d: _set(d, "T1", "kind", "rumour"),
    "the meta changed": lambda d: d["meta"]["1"].update(as_of="soon"),
    "a new table": lambda d: d.update(extra={"1": {"id": "x"}}),
    "a table emptied": lambda d: d["visa"].clear(),
    "nothing": lambda d: None,
}


@pytest.mark.parametrize("what", list(CHANGES))
def test_the_prepared_write_judges_and_writes_as_the_whole_file_would(db: Path, what: str) -> None:
    from cnasean.store.snapshot import Snapshot
    from cnasean.store.validate import validate_data

    snap = Snapshot.take(db)
    assert snap is not None and snap.current(db)
    CHANGES[what](snap.data)
    problems, text = snap.judge(snap.data)
    assert problems == validate_data(snap.data)
    if not problems:
        assert b"".join(text) == dbwrite.dumps(snap.data).encode()


def test_the_prepared_write_agrees_on_a_file_invalid_before(db: Path) -> None:
    from cnasean.store.snapshot import Snapshot
    from cnasean.store.validate import validate_data

    data = json.loads(db.read_text("utf-8"))
    _set(data, FACT, "currency", 5)
    db.write_text(json.dumps(data, indent=1), "utf-8")
    snap = Snapshot.take(db)
    assert snap is not None and not snap.valid
    _set(snap.data, "cn-th-total-2023-usd", "note", "x")  # the change is fine, the file not
    assert snap.judge(snap.data)[0] == validate_data(snap.data) != []
    _set(snap.data, FACT, "currency", "CNY")  # a change that mends it is written
    assert snap.judge(snap.data)[0] == []


def _held(path: Path) -> bool:
    import fcntl

    fd = os.open(dbwrite.lock_path(path), os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def test_the_lock_is_not_held_to_read_and_judge_the_whole_file(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cnasean.store.snapshot as snapshot
    import cnasean.store.storage as storage
    from cnasean.store.validate import validate_data

    whole = len(mini_data()["trade"])
    judged: list[tuple[bool, int]] = []
    parsed: list[bool] = []

    def judge(data: Any) -> Any:
        judged.append((_held(db), len(data.get("trade") or {})))
        return validate_data(data)

    real_parse = storage.EditStorage._parse

    def parse(self: Any) -> Any:
        parsed.append(_held(db))
        return real_parse(self)

    monkeypatch.setattr(snapshot, "validate_data", judge)
    monkeypatch.setattr(dbwrite, "validate_data", judge)
    monkeypatch.setattr(storage.EditStorage, "_parse", parse)
    with dbwrite.transaction(db) as data:
        assert _held(db)
        _set(data, FACT, "note", "x")
    assert note_in(db) == "x"
    assert parsed == []  # the file was read before the lock, and only compared under it
    assert (False, whole) in judged  # the whole file judged before the lock
    assert all(n < whole for held, n in judged if held)  # under it, only what changed


def test_a_file_changed_before_the_lock_is_read_again_under_it(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cnasean.store.snapshot import Snapshot

    real_take = Snapshot.take

    def take_then_another_writer(path: Path) -> Snapshot | None:
        snap = real_take(path)
        data = json.loads(path.read_text("utf-8"))
        _set(data, "cn-th-total-2023-usd", "note", "the other writer")
        path.write_text(dbwrite.dumps(data), "utf-8")
        return snap

    monkeypatch.setattr(Snapshot, "take", staticmethod(take_then_another_writer))
    with dbwrite.transaction(db) as data:
        _set(data, FACT, "note", "mine")
    data = json.loads(db.read_text("utf-8"))
    notes = {d["id"]: d["note"] for d in data["trade"].values()}
    assert notes[FACT] == "mine" and notes["cn-th-total-2023-usd"] == "the other writer"
