"""The parsed-data cache: reused while the file is unchanged, never stale, never required."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cnasean import db

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "db.json"


@pytest.fixture()
def env(tmp_path: Path) -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if k not in ("CNASEAN_DB", "CNASEAN_NO_CACHE")}
    e["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    e["XDG_DATA_HOME"] = str(tmp_path / "data")
    return e


def note_of(env: dict[str, str], path: Path) -> str:
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "cnasean",
            "--db",
            str(path),
            "trade",
            "--period",
            "2012",
            "--currency",
            "USD",
            "--json",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    (rec,) = [r for r in json.loads(res.stdout) if r["id"] == "cn-asean-total-2012-usd-mofcom"]
    return str(rec["note"])


def test_cache_is_written_and_a_change_is_seen_at_once(env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    first = note_of(env, path)
    assert list((tmp_path / "cache" / "cnasean").glob("*.marshal"))
    assert note_of(env, path) == first  # from the cache
    key = next(k for k, r in data["trade"].items() if r["id"] == "cn-asean-total-2012-usd-mofcom")
    data["trade"][key]["note"] = "edited in place"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert note_of(env, path) == "edited in place"
    assert len(list((tmp_path / "cache" / "cnasean").glob("*.marshal"))) == 1  # replaced


def test_a_broken_cache_file_is_ignored(env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(SHIPPED.read_bytes())
    note_of(env, path)
    for f in (tmp_path / "cache" / "cnasean").glob("*.marshal"):
        f.write_bytes(b"\x00garbage")
    assert note_of(env, path)


def test_no_cache_when_asked(env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(SHIPPED.read_bytes())
    note_of({**env, "CNASEAN_NO_CACHE": "1"}, path)
    assert not (tmp_path / "cache" / "cnasean").exists()


def test_cache_key_changes_with_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "c"))
    monkeypatch.delenv("CNASEAN_NO_CACHE", raising=False)
    path = tmp_path / "db.json"
    path.write_bytes(SHIPPED.read_bytes())
    before = db._cache_file(path)
    path.write_bytes(SHIPPED.read_bytes() + b"\n")
    after = db._cache_file(path)
    assert before is not None and after is not None and before[1] != after[1]
    assert db._cache_file(tmp_path) is None  # a directory is never cached
