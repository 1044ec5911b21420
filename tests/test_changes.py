"""What changed, said for people: the changelog a bundle carries (tzdata NEWS sections),
``cnasean changes``, ``db diff`` with old -> new values; and freshness: the review periods
in the data's meta, and visa rules that end soon."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest

from conftest import in_process, mini_data

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "data" / "db.json"


def cn(xdg: Path, *args: str | os.PathLike[str], **env: str | None) -> Any:
    res = in_process(*args, env={"XDG_DATA_HOME": str(xdg), **env})
    assert "Traceback" not in res.stderr, res.stderr
    return res


def _doc(data: dict[str, Any], kind: str, n: int = 0) -> dict[str, Any]:
    return dict(list(data[kind].values())[n])


def _two_versions() -> tuple[dict[str, Any], dict[str, Any]]:
    old = mini_data()
    old["meta"]["1"]["data_version"] = "2099.1.1"
    old["sources"]["98"] = dict(_doc(old, "sources"), id="OLD-SOURCE", title="An old source")
    new = json.loads(json.dumps(old))
    new["meta"]["1"]["data_version"] = "2099.2.1"
    new["meta"]["1"]["as_of"] = "2026-12-01"
    # a past figure revised, a rule that ends from the release on, a new and a gone source
    trade = next(iter(new["trade"]))
    new["trade"][trade]["value"] += 1
    visa = next(k for k, r in new["visa"].items() if r["id"] == "visa-cn-th-mutual-2024")
    new["visa"][visa]["effective_to"] = "2027-01-31"
    gone = new["sources"].pop("98")["id"]
    added = dict(_doc(old, "sources"), id="NEW-SOURCE", title="A new source")
    new["sources"]["99"] = added
    new["meta"]["1"]["gone"] = gone  # where the test finds it; not a field the data reads
    return old, new


def test_the_changelog_files_each_change_under_its_section() -> None:
    from cnasean.store import changelog

    old, new = _two_versions()
    gone = new["meta"]["1"].pop("gone")
    log = changelog.changes(old, new)
    assert log["data_version"] == "2099.2.1" and log["previous_version"] == "2099.1.1"
    by = {(c["kind"], c["id"], c["field"]): c for c in log["changes"]}
    trade = _doc(new, "trade")
    assert by[("trade", trade["id"], "value")]["section"] == "history"
    assert by[("trade", trade["id"], "value")]["new"] == trade["value"]
    rule = by[("visa", "visa-cn-th-mutual-2024", "effective_to")]
    assert rule["section"] == "future" and rule["new"] == "2027-01-31"
    assert by[("sources", "NEW-SOURCE", None)]["change"] == "added"
    assert by[("sources", gone, None)]["change"] == "withdrawn"
    assert {c["section"] for c in log["changes"]} == {"history", "future", "sources"}
    assert "1 correction(s) to history" in log["briefly"]
    assert "1 new and 1 withdrawn source(s)" in log["briefly"]
    text = changelog.news(log)
    assert text.startswith("Release 2099.2.1 - 2026-12-01 (after 2099.1.1)")
    assert text.index("Briefly") < text.index("Changes to rules") < text.index("Corrections")


def test_changes_prints_the_changelogs_of_installed_bundles(tmp_path: Path) -> None:
    pytest.importorskip("cryptography")
    xdg = tmp_path / "xdg"
    assert "No changelog" in cn(xdg, "changes").stderr
    assert cn(xdg, "db", "keygen", tmp_path / "k").returncode == 0
    old, new = _two_versions()
    new["meta"]["1"].pop("gone")
    paths = []
    for data in (old, new):
        path = tmp_path / f"{data['meta']['1']['data_version']}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        paths.append(path)
    key = tmp_path / "k" / "cnasean.key"
    b1, b2 = tmp_path / "1.bundle", tmp_path / "2.bundle"
    assert cn(xdg, "db", "bundle", "--db", paths[0], "-o", b1, "--key", key).returncode == 0
    res = cn(xdg, "db", "bundle", "--db", paths[1], "-o", b2, "--key", key, "--previous", b1)
    assert res.returncode == 0, res.stderr
    trusted = {"CNASEAN_TRUSTED_KEYS": str(tmp_path / "k" / "cnasean.pub")}
    for b in (b1, b2):
        assert cn(xdg, "db", "update", b, **trusted).returncode == 0
    latest = json.loads(cn(xdg, "changes", "--json").stdout)
    assert {c["data_version"] for c in latest} == {"2099.2.1"}
    assert set(latest[0]) == {
        "data_version",
        "section",
        "change",
        "kind",
        "id",
        "field",
        "old",
        "new",
    }
    revised = next(c for c in latest if c["field"] == "value")
    assert revised["new"] == revised["old"] + 1
    every = json.loads(cn(xdg, "changes", "--since", "2000.1", "--json").stdout)
    assert {c["data_version"] for c in every} == {"2099.1.1", "2099.2.1"}
    since = json.loads(cn(xdg, "changes", "--since", "2099.1.1", "--json").stdout)
    assert since == latest
    assert json.loads(cn(xdg, "changes", "--since", "2030-01", "--json").stdout) == []
    table = cn(xdg, "changes", "-f", "table", COLUMNS="80")
    assert table.returncode == 0 and "→" not in table.stdout.splitlines()[0]
    assert all(len(line) <= 80 for line in table.stdout.splitlines())
    assert "2099.2.1" in table.stdout
    # -f atom: a feed of the same changes, one entry each, with stable ids.
    import xml.etree.ElementTree as ET

    feed = cn(xdg, "changes", "-f", "atom")
    assert feed.returncode == 0, feed.stderr
    root = ET.fromstring(feed.stdout)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    ids = [e.findtext("a:id", namespaces=ns) for e in root.findall("a:entry", ns)]
    assert len(ids) == len(latest) and all(i and "2099.2.1" in i for i in ids)
    assert root.findtext("a:updated", namespaces=ns) == "2026-12-01T00:00:00Z"
    assert cn(xdg, "changes", "-f", "atom").stdout == feed.stdout
    assert cn(xdg, "trade", "-f", "atom").returncode == 2


def test_db_diff_shows_old_and_new_values(tmp_path: Path) -> None:
    old, new = _two_versions()
    new["meta"]["1"].pop("gone")
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps(old), encoding="utf-8")
    b.write_text(json.dumps(new), encoding="utf-8")
    res = cn(tmp_path / "xdg", "db", "diff", a, b, "--json")
    trade = _doc(new, "trade")
    change = next(c for c in json.loads(res.stdout) if c["id"] == trade["id"])
    assert change["fields"] == ["value"]
    assert change["values"] == {"value": {"old": trade["value"] - 1, "new": trade["value"]}}
    tsv = cn(tmp_path / "xdg", "db", "diff", a, b, "-f", "tsv").stdout.splitlines()
    assert tsv[0].split("\t") == ["change", "kind", "id", "field", "old", "new"]
    assert f"changed\ttrade\t{trade['id']}\tvalue\t{trade['value'] - 1}\t{trade['value']}" in tsv


# --- freshness ------------------------------------------------------------------------------


def test_the_shipped_data_has_review_periods() -> None:
    meta = json.loads(SHIPPED.read_text(encoding="utf-8"))["meta"]["1"]
    assert meta["review_days"] == {"visa": 90, "trade": 45, "infrastructure": 180, "events": 180}


def _store(tmp_path: Path, as_of: str, newest_trade: str | None = None) -> Any:
    from cnasean.store.read import load

    data = mini_data()
    data["meta"]["1"]["as_of"] = as_of
    data["meta"]["1"]["review_days"] = {"visa": 90, "trade": 45, "events": 180}
    if newest_trade:  # later than every figure of the fixture
        assert all(d["period_end"] < newest_trade for d in data["trade"].values())
        next(iter(data["trade"].values()))["period_end"] = newest_trade
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return load(path, "packaged")


def test_stale_data_is_said_in_one_line(tmp_path: Path) -> None:
    from cnasean.store.freshness import stale_line

    store = _store(tmp_path, "2026-01-01", "2025-10-31")
    day = dt.date(2026, 3, 1)
    assert stale_line(store, {"visa"}, dt.date(2026, 3, 31)) is None  # 89 days
    line = stale_line(store, {"visa", "trade"}, day + dt.timedelta(days=60))
    assert line is not None and "\n" not in line
    assert "visa rules as of 2026-01-01 are past their 90-day review" in line
    # trade: November's figures were due by the end of December; 45 days later is 14 Feb
    assert "trade figures end in 2025-10 (newer ones were due by 2026-02-14)" in line
    assert stale_line(store, {"trade"}, dt.date(2026, 2, 14)) is None
    assert stale_line(store, {"trade"}, dt.date(2026, 2, 15)) is not None
    assert stale_line(store, {"events"}, dt.date(2026, 6, 1)) is None  # 151 days of 180
    assert "cnasean db update" in line


def test_a_file_named_by_the_user_is_not_judged(tmp_path: Path) -> None:
    from cnasean.store.freshness import stale_line
    from cnasean.store.read import load

    store = _store(tmp_path, "2020-01-01")
    named = load(store.path, "option")
    assert stale_line(named, {"visa"}, dt.date(2026, 1, 1)) is None
    assert stale_line(store, {"visa"}, dt.date(2026, 1, 1)) is not None


def test_the_stale_line_is_on_stderr_once_a_run(tmp_path: Path) -> None:
    # the shipped data's newest trade figure is long past its next release: say it once
    res = cn(tmp_path / "xdg", "trade", "--json")
    assert res.returncode == 0
    lines = [line for line in res.stderr.splitlines() if "out of date" in line]
    assert len(lines) == 1 and "trade figures end in" in lines[0]
    assert "out of date" not in res.stdout
    assert json.loads(res.stdout)  # stdout is the data alone
    # a command that reads no trade figures says nothing of them
    visa = cn(tmp_path / "xdg", "visa", "--json")
    assert "trade figures" not in visa.stderr


def test_visa_rules_ending_within_30_days_are_marked(tmp_path: Path) -> None:
    data = mini_data()
    rule = next(r for r in data["visa"].values() if r["id"] == "visa-cn-th-mutual-2024")
    rule["effective_to"] = "2099-12-31"
    path = tmp_path / "v.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    on = "2099-12-01"
    res = cn(tmp_path / "xdg", "visa", "--db", path, "--history", "--json")
    assert all(r["ends_soon"] is False for r in json.loads(res.stdout))
    res = cn(
        tmp_path / "xdg", "visa", "--db", path, "--on", on, "--passport", rule["passport"], "--json"
    )
    found = {r["id"]: r for r in json.loads(res.stdout)}
    assert found[rule["id"]]["ends_soon"] is True
    res = cn(
        tmp_path / "xdg",
        "visa",
        "--db",
        path,
        "--on",
        "2099-11-30",
        "--passport",
        rule["passport"],
        "--json",
    )
    assert {r["id"]: r for r in json.loads(res.stdout)}[rule["id"]]["ends_soon"] is False  # 31
    table = cn(
        tmp_path / "xdg",
        "visa",
        "--db",
        path,
        "--on",
        on,
        "--passport",
        rule["passport"],
        "-f",
        "table",
        COLUMNS="200",
    )
    assert "ends soon" in table.stdout
    overview = cn(tmp_path / "xdg", "visa", "--db", path, "--on", on, "-f", "table", COLUMNS="200")
    assert "ends soon" in overview.stdout
