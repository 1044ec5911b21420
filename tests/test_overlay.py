"""The user's edits as an overlay on the packaged or installed data: written small, read
merged (through the parse cache), kept across updates, conflicts shown, old full copies
migrated without losing anything."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from conftest import in_process

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "data" / "db.json"
FACT = "cn-asean-total-2024-usd"
OTHER = "cn-asean-total-2023-usd"


def cn(xdg: Path, *args: str | os.PathLike[str], **env: str | None) -> Any:
    res = in_process(*args, env={"XDG_DATA_HOME": str(xdg), **env})
    assert "Traceback" not in res.stderr, res.stderr
    return res


def fact(xdg: Path, rid: str = FACT, **env: str | None) -> dict[str, Any]:
    res = cn(
        xdg,
        "trade",
        "--period",
        "2024" if rid == FACT else "2023",
        "--currency",
        "USD",
        "--json",
        **env,
    )
    assert res.returncode == 0, res.stderr
    return dict(next(r for r in json.loads(res.stdout) if r["id"] == rid))


def overlay(xdg: Path) -> dict[str, Any]:
    return dict(json.loads((xdg / "cnasean" / "overlay.json").read_text(encoding="utf-8")))


def test_a_set_writes_only_the_change_and_reads_see_it(tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"
    before = SHIPPED.read_bytes()
    res = cn(xdg, "db", "set", FACT, "note", "checked again")
    assert res.returncode == 0, res.stderr
    assert not (xdg / "cnasean" / "db.json").exists()  # no full copy any more
    edits = overlay(xdg)["edits"]
    assert list(edits) == ["trade"] and list(edits["trade"]) == [FACT]
    assert edits["trade"][FACT]["set"] == {"note": "checked again"}
    assert (xdg / "cnasean" / "overlay.json").stat().st_size < 10_000
    assert SHIPPED.read_bytes() == before
    assert fact(xdg)["note"] == "checked again"
    info = json.loads(cn(xdg, "db", "info", "--json").stdout)[0]
    assert info["origin"] == "packaged" and info["edits"] == 1 and info["conflicts"] == []


def test_add_remove_and_import_are_overlay_entries(tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"
    event = {
        "id": "test-event",
        "date": "2026-01-01",
        "title": "t",
        "category": "summit",
        "countries": ["CN"],
        "sources": ["T1"],
        "confidence": "verbatim",
        "last_verified": "2026-11-29",
    }
    assert cn(xdg, "db", "add", "events", "--record", json.dumps(event)).returncode == 0
    assert overlay(xdg)["edits"]["events"]["test-event"] == {"add": event}
    assert cn(xdg, "db", "remove", OTHER).returncode == 0
    assert overlay(xdg)["edits"]["trade"][OTHER]["remove"] is True
    res = cn(xdg, "trade", "--period", "2023", "--currency", "USD", "--json")
    assert OTHER not in [r["id"] for r in json.loads(res.stdout)]
    assert "test-event" in cn(xdg, "events", "--since", "2026-01-01", "--json").stdout
    # removing the added record takes its entry out again
    assert cn(xdg, "db", "remove", "test-event").returncode == 0
    assert "events" not in overlay(xdg)["edits"]
    # the export is the merged data: re-importing it changes nothing, and writes nothing
    out = tmp_path / "all.json"
    assert cn(xdg, "db", "export", "-o", out).returncode == 0
    assert f'"id": "{OTHER}"' not in out.read_text(encoding="utf-8")
    stamp = (xdg / "cnasean" / "overlay.json").stat().st_mtime_ns
    res = cn(xdg, "db", "import", out)
    assert res.returncode == 0 and "0 added, 0 changed" in res.stderr, res.stderr
    assert (xdg / "cnasean" / "overlay.json").stat().st_mtime_ns == stamp


def test_a_write_that_changes_nothing_writes_nothing(tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"
    current = json.loads(SHIPPED.read_text(encoding="utf-8"))
    note = next(d for d in current["trade"].values() if d["id"] == FACT)["note"]
    res = cn(xdg, "db", "set", FACT, "note", json.dumps(note))
    assert res.returncode == 0, res.stderr
    assert not (xdg / "cnasean" / "overlay.json").exists()
    export = tmp_path / "e.jsonl"
    assert cn(xdg, "db", "export", "-f", "jsonl", "-o", export).returncode == 0
    assert cn(xdg, "db", "import", export).returncode == 0
    assert not (xdg / "cnasean" / "overlay.json").exists()
    # setting a field back to the base value takes the edit away
    assert cn(xdg, "db", "set", FACT, "note", "x").returncode == 0
    assert cn(xdg, "db", "set", FACT, "note", json.dumps(note)).returncode == 0
    assert overlay(xdg)["edits"] == {}


def test_an_invalid_edit_writes_nothing(tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"
    assert cn(xdg, "db", "set", FACT, "note", "mine").returncode == 0
    before = (xdg / "cnasean" / "overlay.json").read_bytes()
    res = cn(xdg, "db", "set", FACT, "sources", '["NO-SUCH"]')
    assert res.returncode == 2 and "NO-SUCH" in res.stderr
    assert (xdg / "cnasean" / "overlay.json").read_bytes() == before


def test_the_parse_cache_holds_the_merged_tables_keyed_on_both_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from cnasean.store import cache

    monkeypatch.setattr(cache, "_now", lambda: time.time() + 10)  # no file is "racy" here
    from cnasean.store.locate import packaged_path

    packaged = packaged_path()  # the installed copy (the checkout's when installed editable)
    xdg = tmp_path / "xdg"
    assert cn(xdg, "db", "set", FACT, "note", "one").returncode == 0
    mine = xdg / "cnasean" / "overlay.json"
    entry = cache.data_entry(packaged, mine)
    plain = cache.data_entry(packaged)
    assert entry is not None and plain is not None
    assert entry[0] != plain[0] and entry[1] != plain[1]
    assert str(mine.resolve()) in entry[1]
    for _ in range(2):  # the second read comes from the cache entry the first kept
        assert fact(xdg)["note"] == "one"
    assert cache.load_tables(entry) is not None
    assert cn(xdg, "db", "set", FACT, "note", "two").returncode == 0
    assert cache.data_entry(packaged, mine) != entry  # another version of the overlay
    assert fact(xdg)["note"] == "two"


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A key, and a bundle of newer data in which FACT's note and OTHER's value changed."""
    pytest.importorskip("cryptography")
    folder = tmp_path_factory.mktemp("signed")
    assert in_process("db", "keygen", str(folder / "k")).returncode == 0
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    data["meta"]["1"]["data_version"] = "2099.1.1"
    for doc in data["trade"].values():
        if doc["id"] == FACT:
            doc["note"] = "upstream note"
        if doc["id"] == OTHER:
            doc["value"] += 5
    path = folder / "new.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    bundle = folder / "new.bundle"
    res = in_process(
        "db", "bundle", "--db", path, "-o", bundle, "--key", folder / "k" / "cnasean.key"
    )
    assert res.returncode == 0, res.stderr
    return folder / "k" / "cnasean.pub", bundle


def test_edits_survive_an_update_and_a_conflict_keeps_both(
    signed: tuple[Path, Path], tmp_path: Path
) -> None:
    pub, bundle = signed
    xdg = tmp_path / "xdg"
    base_value = fact(xdg, OTHER)["value"]
    assert cn(xdg, "db", "set", FACT, "note", "my note").returncode == 0  # upstream changes it
    assert cn(xdg, "db", "set", OTHER, "note", "my other note").returncode == 0  # it does not
    res = cn(xdg, "db", "update", bundle, CNASEAN_TRUSTED_KEYS=str(pub))
    assert res.returncode == 0, res.stderr
    notices = [line for line in res.stderr.splitlines() if "conflict" in line]
    assert len(notices) == 1 and "1 of your edits" in notices[0]
    assert fact(xdg)["note"] == "my note"  # the user's wins
    other = fact(xdg, OTHER)
    assert other["note"] == "my other note" and other["value"] == base_value + 5  # both apply
    info = cn(xdg, "db", "info", "--json")
    assert len([line for line in info.stderr.splitlines() if "conflict" in line]) == 1
    (conflict,) = json.loads(info.stdout)[0]["conflicts"]
    assert conflict["id"] == FACT and conflict["field"] == "note"
    assert conflict["base"] == "upstream note" and conflict["yours"] == "my note"
    assert conflict["was"] and conflict["was"] != "upstream note"
    assert "conflict.trade." + FACT + ".note" in cn(xdg, "db", "info", "-f", "tsv").stdout
    # editing the field again settles it against the new base
    assert cn(xdg, "db", "set", FACT, "note", "my note, again").returncode == 0
    assert json.loads(cn(xdg, "db", "info", "--json").stdout)[0]["conflicts"] == []
    # and a rollback keeps the edits too
    assert cn(xdg, "db", "rollback", "--yes").returncode == 0
    assert fact(xdg)["note"] == "my note, again"


def test_an_old_full_copy_becomes_an_overlay_losing_nothing(tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    gone = next(k for k, d in data["trade"].items() if d["id"] == OTHER)
    del data["trade"][gone]
    next(d for d in data["trade"].values() if d["id"] == FACT)["note"] = "edited long ago"
    event = {
        "id": "old-event",
        "date": "2020-01-01",
        "title": "t",
        "category": "summit",
        "countries": ["CN"],
        "sources": ["T1"],
        "confidence": "verbatim",
        "last_verified": "2026-11-29",
    }
    data["events"]["999"] = event
    copy = xdg / "cnasean" / "db.json"
    copy.parent.mkdir(parents=True)
    copy.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    mine = copy.read_bytes()
    res = cn(xdg, "trade", "--period", "2024", "--currency", "USD", "--json")
    assert res.returncode == 0, res.stderr
    assert "now an overlay of 3 edit(s)" in res.stderr
    assert not copy.exists()
    (kept,) = copy.parent.glob("db.json.migrated-*")
    assert kept.read_bytes() == mine  # the old copy itself, untouched
    assert next(r for r in json.loads(res.stdout) if r["id"] == FACT)["note"] == "edited long ago"
    # the data read is the old copy's, record for record
    export = tmp_path / "now.json"
    assert cn(xdg, "db", "export", "-o", export).returncode == 0
    now = json.loads(export.read_text(encoding="utf-8"))
    for kind in ("sources", "trade", "visa", "infrastructure", "events", "countries"):
        want = sorted(json.dumps(d, sort_keys=True) for d in data[kind].values())
        assert sorted(json.dumps(d, sort_keys=True) for d in now[kind]) == want, kind
    again = cn(xdg, "db", "info", "--json")
    assert "overlay" not in again.stderr  # once only


def test_a_copy_of_an_older_release_keeps_what_later_releases_added(tmp_path: Path) -> None:
    """A full copy an earlier cnasean kept of older packaged data lacks the records added
    since: they are not the user's removals, and the migrated data still reads them (the
    copy's own edits are kept, and the copy itself)."""
    xdg = tmp_path / "xdg"
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    data["meta"]["1"]["data_version"] = "2026.11.1"  # an older release than the shipped one
    later = [k for k, d in data["trade"].items() if d["id"].startswith("imf-dots-2022-cn-vn")]
    assert len(later) > 50
    for k in later:
        del data["trade"][k]
    next(d for d in data["trade"].values() if d["id"] == FACT)["note"] = "edited long ago"
    copy = xdg / "cnasean" / "db.json"
    copy.parent.mkdir(parents=True)
    copy.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    res = cn(xdg, "trade", "--country", "vietnam", "--json")
    assert res.returncode == 0, res.stderr
    assert "now an overlay of 1 edit(s)" in res.stderr
    assert {r["id"] for r in json.loads(res.stdout)} >= {
        "imf-dots-2022-cn-vn-export-1992-usd",
        "imf-dots-2022-cn-vn-total-2020-usd",
    }
    assert fact(xdg)["note"] == "edited long ago"
    assert list(overlay(xdg)["edits"]["trade"]) == [FACT]


def test_reset_sets_the_edits_aside(tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"
    assert cn(xdg, "db", "set", FACT, "note", "mine").returncode == 0
    mine = (xdg / "cnasean" / "overlay.json").read_bytes()
    res = cn(xdg, "db", "reset", "--yes")
    assert res.returncode == 0, res.stderr
    (kept,) = (xdg / "cnasean").glob("overlay.json.reset-*")
    assert kept.read_bytes() == mine and str(kept) in res.stderr
    assert fact(xdg)["note"] != "mine"
    assert json.loads(cn(xdg, "db", "info", "--json").stdout)[0]["edits"] == 0


def test_a_damaged_overlay_is_one_line_and_exit_3(tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"
    (xdg / "cnasean").mkdir(parents=True)
    (xdg / "cnasean" / "overlay.json").write_text('{"format": 1, "edits": [', encoding="utf-8")
    res = cn(xdg, "visa", "--json")
    assert res.returncode == 3 and "your edits" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
