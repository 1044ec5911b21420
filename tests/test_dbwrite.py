"""Writes never lose data: atomic replace, one writer at a time, backups, clear errors."""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from cnasean.errors import DataFileCorrupt
from cnasean.store import edit as edits
from cnasean.store import write as dbwrite
from cnasean.store.validate import validate_data

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "data" / "db.json"
TARGET = "cn-asean-total-2024-usd"


@pytest.fixture()
def dbfile(tmp_path: Path) -> Path:
    path = tmp_path / "db.json"
    path.write_text(SHIPPED.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def note_of(path: Path) -> str:
    data = json.loads(path.read_text(encoding="utf-8"))
    _, _, doc = edits.find(data, TARGET)
    return str(doc["note"])


def test_write_replaces_and_keeps_a_backup(dbfile: Path) -> None:
    before = dbfile.read_bytes()
    with dbwrite.transaction(dbfile) as data:
        edits.set_field(data, TARGET, "note", "first")
    assert note_of(dbfile) == "first"
    assert dbwrite.backup_path(dbfile).read_bytes() == before
    with dbwrite.transaction(dbfile) as data:
        edits.set_field(data, TARGET, "note", "second")
    assert note_of(dbwrite.backup_path(dbfile)) == "first"
    assert not list(dbfile.parent.glob("*.tmp"))


def test_invalid_change_writes_nothing(dbfile: Path) -> None:
    before = dbfile.read_bytes()
    with pytest.raises(dbwrite.InvalidChange), dbwrite.transaction(dbfile) as data:
        edits.set_field(data, TARGET, "value", "lots")
    assert dbfile.read_bytes() == before
    with pytest.raises(Exception, match="cites no source"), dbwrite.transaction(dbfile) as data:
        edits.add(data, "trade", {"id": "new-fact", "sources": []})
    assert dbfile.read_bytes() == before


def test_full_disk_leaves_the_file_intact(dbfile: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = dbfile.read_bytes()

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(dbwrite.os, "fsync", no_space)
    with pytest.raises(dbwrite.WriteError, match="disk is full"), dbwrite.transaction(dbfile) as d:
        edits.set_field(d, TARGET, "note", "never written")
    assert dbfile.read_bytes() == before
    assert not list(dbfile.parent.glob(".db.json.*.tmp"))


def test_read_only_folder(dbfile: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = dbfile.read_bytes()
    real = dbwrite.tempfile.mkstemp

    def denied(*args: object, **kwargs: object) -> object:
        if kwargs.get("dir") == dbfile.parent:
            raise OSError(errno.EROFS, "Read-only file system")
        return real(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(dbwrite.tempfile, "mkstemp", denied)
    with pytest.raises(dbwrite.WriteError, match="not writable"), dbwrite.transaction(dbfile) as d:
        edits.set_field(d, TARGET, "note", "never written")
    assert dbfile.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder_for_real(dbfile: Path) -> None:
    before = dbfile.read_bytes()
    dbfile.parent.chmod(0o555)
    try:
        with pytest.raises(dbwrite.WriteError), dbwrite.transaction(dbfile) as d:
            edits.set_field(d, TARGET, "note", "never written")
    finally:
        dbfile.parent.chmod(0o755)
    assert dbfile.read_bytes() == before


def test_corrupt_file_names_the_backup(dbfile: Path) -> None:
    with dbwrite.transaction(dbfile) as data:
        edits.set_field(data, TARGET, "note", "good")
    dbfile.write_text(dbfile.read_text(encoding="utf-8")[:5000], encoding="utf-8")
    with pytest.raises(DataFileCorrupt) as info:
        dbwrite.read_current(dbfile)
    assert "line" in str(info.value) and str(dbwrite.backup_path(dbfile)) in str(info.value)
    res = subprocess.run(
        [sys.executable, "-m", "cnasean", "--db", str(dbfile), "trade"],
        capture_output=True,
        text=True,
    )
    assert res.returncode == 3 and "Traceback" not in res.stderr and "line" in res.stderr


def test_lock_timeout_is_a_clear_error(dbfile: Path) -> None:
    with dbwrite.locked(dbfile):
        env = {**os.environ, "CNASEAN_LOCK_TIMEOUT": "0.3", "CNASEAN_DB": str(dbfile)}
        res = subprocess.run(
            [sys.executable, "-m", "cnasean", "db", "set", TARGET, "note", "x"],
            capture_output=True,
            text=True,
            env=env,
        )
    assert res.returncode == 1, res.stderr
    assert "Another cnasean is writing" in res.stderr and "Traceback" not in res.stderr


WRITER = textwrap.dedent(
    f"""
    import sys
    from cnasean.store import write as dbwrite
    from cnasean.store import edit as edits
    path, start = sys.argv[1], int(sys.argv[2])
    for i in range(start, start + 100000):
        with dbwrite.transaction(path) as data:
            edits.set_field(data, "{TARGET}", "note", f"n{{i}}")
    """
)


@pytest.mark.slow
def test_writer_killed_at_random_points_never_leaves_a_partial_file(dbfile: Path) -> None:
    rng = random.Random(1234)
    last = -1
    for round_ in range(12):
        start = (round_ + 1) * 100000
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(dbfile), str(start)])
        time.sleep(rng.uniform(0.3, 1.2))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        data = json.loads(dbfile.read_text(encoding="utf-8"))  # always whole JSON
        assert validate_data(data) == []
        note = note_of(dbfile)
        value = int(note[1:]) if note.startswith("n") else -1
        assert value == -1 or value >= start or value == last  # old or new, nothing else
        last = value


ADDER = textwrap.dedent(
    """
    import sys
    from cnasean.store import write as dbwrite
    from cnasean.store import edit as edits
    path, who = sys.argv[1], sys.argv[2]
    for i in range(8):
        with dbwrite.transaction(path) as data:
            edits.add(data, "events", {
                "id": f"test-{who}-{i}", "date": "2026-01-01", "title": "test",
                "category": "summit", "countries": ["CN"], "sources": ["T1"],
                "confidence": "verbatim", "last_verified": "2026-11-29"})
    """
)


@pytest.mark.slow
def test_concurrent_writers_lose_no_update(dbfile: Path) -> None:
    env = {**os.environ, "CNASEAN_LOCK_TIMEOUT": "60"}
    procs = [
        subprocess.Popen([sys.executable, "-c", ADDER, str(dbfile), str(w)], env=env)
        for w in range(4)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0, 0]
    data = json.loads(dbfile.read_text(encoding="utf-8"))
    ids = {d["id"] for d in data["events"].values()}
    assert {f"test-{w}-{i}" for w in range(4) for i in range(8)} <= ids
    assert validate_data(data) == []


def test_queries_never_take_the_lock(dbfile: Path) -> None:
    with dbwrite.locked(dbfile):
        res = subprocess.run(
            [sys.executable, "-m", "cnasean", "--db", str(dbfile), "trade", "--json"],
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert res.returncode == 0 and json.loads(res.stdout)


# --- the TinyDB storages that every read and write goes through -------------------------


def test_a_write_keeps_the_layout_so_a_change_is_one_line(dbfile: Path) -> None:
    """Written through TinyDB, the file keeps its layout byte for byte (JSON indented by
    one, keys in their order, UTF-8 unescaped, a final newline)."""
    with dbwrite.transaction(dbfile):
        pass  # the data written as read
    written = dbfile.read_text(encoding="utf-8")
    assert written == SHIPPED.read_text(encoding="utf-8").rstrip("\n") + "\n"
    with dbwrite.transaction(dbfile) as data:
        edits.set_field(data, TARGET, "note", "one line")
    before, after = written.splitlines(), dbfile.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == 1 and changed[0][1].strip() == '"note": "one line",'


EVENT = {
    "id": "test-event",
    "date": "2026-01-01",
    "title": "test",
    "category": "summit",
    "countries": ["CN"],
    "sources": ["T1"],
    "confidence": "verbatim",
    "last_verified": "2026-11-29",
}


def test_tinydb_writes_through_the_edit_storage_under_the_lock(dbfile: Path) -> None:
    from tinydb import TinyDB

    from cnasean.store.storage import EditStorage

    before = dbfile.read_bytes()
    with TinyDB(dbfile, storage=EditStorage) as database:
        with pytest.raises(dbwrite.WriteError, match="Another cnasean is writing"):
            with dbwrite.locked(dbfile, timeout=0.05):
                pass  # the storage holds the lock while it is open
        database.table("events").insert(EVENT)
    with dbwrite.locked(dbfile, timeout=0.05):
        pass  # and lets it go when closed
    text = dbfile.read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=1) + "\n"
    assert EVENT in json.loads(text)["events"].values()
    assert dbwrite.backup_path(dbfile).read_bytes() == before
    assert validate_data(json.loads(text)) == []


def test_an_edit_storage_opened_to_read_takes_no_lock_and_writes_nothing(dbfile: Path) -> None:
    import io

    from tinydb import TinyDB

    from cnasean.store.storage import EditStorage

    before = dbfile.read_bytes()
    with dbwrite.locked(dbfile), TinyDB(dbfile, storage=EditStorage, access_mode="r") as db:
        assert len(db.table("trade")) == len(json.loads(before)["trade"])
        with pytest.raises(io.UnsupportedOperation):
            db.table("events").insert(EVENT)
    assert dbfile.read_bytes() == before


def test_queries_read_through_the_data_storage_and_cannot_write(dbfile: Path) -> None:
    import io

    from cnasean.store.storage import Database, DataStorage

    before = dbfile.read_bytes()
    database = Database(dbfile, storage=DataStorage)
    table = database.table("trade")
    (found,) = table.search(lambda d: d.get("id") == TARGET)
    note = found["note"]
    with pytest.raises(io.UnsupportedOperation, match="read-only"):
        table.update({"note": "changed"})
    with pytest.raises(io.UnsupportedOperation, match="never write"):
        database.storage.write({})
    (again,) = table.search(lambda d: d.get("id") == TARGET)
    assert again["note"] == note  # nothing changed, not even in memory
    assert dbfile.read_bytes() == before
    assert not dbwrite.lock_path(dbfile).exists()


def test_set_aside_moves_the_file_to_its_backup_under_the_lock(
    dbfile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = dbfile.read_bytes()
    monkeypatch.setenv("CNASEAN_LOCK_TIMEOUT", "0.05")
    with dbwrite.locked(dbfile), pytest.raises(dbwrite.WriteError):
        dbwrite.set_aside(dbfile)
    assert dbfile.read_bytes() == before
    assert dbwrite.set_aside(dbfile) == dbwrite.backup_path(dbfile)
    assert not dbfile.exists() and dbwrite.backup_path(dbfile).read_bytes() == before
