"""The parsed-data cache: reused while the file is unchanged, never stale, never required."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cnasean.store import cache
from cnasean.store import read as db
from cnasean.store.storage import Tables
from test_cache_integrity import LATER

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "db.json"
QUERY = ["trade", "--period", "2012", "--currency", "USD", "--json"]


@pytest.fixture()
def env(tmp_path: Path) -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if k not in ("CNASEAN_DB", "CNASEAN_NO_CACHE")}
    e["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    e["XDG_DATA_HOME"] = str(tmp_path / "data")
    return e


def later(monkeypatch: pytest.MonkeyPatch) -> None:
    """The parse cache's clock moved on, as ``LATER`` does for a process: a file a test has
    just written is otherwise not kept for two seconds (see cache.data_entry)."""
    import time

    monkeypatch.setattr(cache, "_now", lambda: time.time() + 10)


def note_of(env: dict[str, str], path: Path) -> str:
    res = subprocess.run(
        [sys.executable, "-c", LATER, "--db", str(path), *QUERY],
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
    later(monkeypatch)
    path = tmp_path / "db.json"
    path.write_bytes(SHIPPED.read_bytes())
    before = cache.data_entry(path)
    path.write_bytes(SHIPPED.read_bytes() + b"\n")
    after = cache.data_entry(path)
    assert before is not None and after is not None and before[1] != after[1]
    assert cache.data_entry(tmp_path) is None  # a directory is never cached


@pytest.fixture()
def cached_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """In-process: caching on, in a fresh folder, its clock moved on (files just written are
    kept); returns a copy of the shipped data."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "c"))
    monkeypatch.delenv("CNASEAN_NO_CACHE", raising=False)
    later(monkeypatch)
    path = tmp_path / "db.json"
    path.write_bytes(SHIPPED.read_bytes())
    return path


def test_records_from_the_cache_are_the_records_from_the_file(cached_env: Path) -> None:
    first = db.load(cached_env)  # from the file itself; writes the cache
    second = db.load(cached_env)
    assert isinstance(second.tables, Tables) and second.tables._packed  # from the cache
    assert second.source_kinds == first.source_kinds
    for kind in ("trade", "visa", "infrastructure", "events", "countries"):
        assert second.records(kind) == first.records(kind), kind
    assert second.sources == first.sources
    assert second.meta == first.meta


def test_tables_stay_packed_until_asked_for(cached_env: Path) -> None:
    db.load(cached_env)
    store = db.load(cached_env)
    assert isinstance(store.tables, Tables)
    store.records("trade")
    _ = store.source_kinds  # kept on its own (store/index.py): the sources stay packed
    assert set(store.tables._loaded) == {"trade"}
    assert len(store.tables) == len(db.TABLES) and set(store.tables) == set(db.TABLES)
    assert store.counts()["sources"] == len(json.loads(SHIPPED.read_text())["sources"])


def test_a_broken_record_is_reported_from_the_cache_too(cached_env: Path) -> None:
    data = json.loads(cached_env.read_text(encoding="utf-8"))
    key = next(iter(data["visa"]))
    data["visa"][key]["max_stay_days"] = "thirty"
    cached_env.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for _ in range(2):  # the second load is from the cache
        store = db.load(cached_env)
        with pytest.raises(db.InvalidRecord, match="max_stay_days"):
            store.records("visa")
        assert len(store.records("trade")) == len(data["trade"])


def test_duplicate_ids_are_refused_from_the_cache_too(cached_env: Path) -> None:
    data = json.loads(cached_env.read_text(encoding="utf-8"))
    first, second = list(data["events"])[:2]
    data["events"][second]["id"] = data["events"][first]["id"]
    cached_env.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(db.DataFileCorrupt, match="two events records"):
            db.load(cached_env).records("events")


def test_a_damaged_table_in_the_cache_is_read_from_the_file(cached_env: Path) -> None:
    db.load(cached_env)
    entry = cache.data_entry(cached_env)
    assert entry is not None
    parts = cache.load(*entry)
    assert parts is not None
    start, end, _ = parts._index["trade"]
    damaged = bytearray(entry[0].read_bytes())
    damaged[(start + end) // 2] ^= 0x01
    entry[0].write_bytes(damaged)
    store = db.load(cached_env)
    assert len(store.records("trade")) == len(json.loads(SHIPPED.read_text())["trade"])
    assert len(store.records("visa")) == len(json.loads(SHIPPED.read_text())["visa"])
    healed = cache.load(*entry)  # and the entry was written anew
    assert healed is not None and all(healed.take(name) is not None for name in db.TABLES)


def test_a_cache_written_by_another_version_is_not_read(
    cached_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = cache.data_entry(cached_env)
    monkeypatch.setattr(cache, "CACHE_FORMAT", cache.CACHE_FORMAT + 1)
    after = cache.data_entry(cached_env)
    assert before is not None and after is not None and before[1] != after[1]
    assert before[0] == after[0]  # the same file, replaced


def test_a_repeated_table_is_written_without_importing_rich(
    env: dict[str, str], tmp_path: Path
) -> None:
    def table() -> tuple[str, str]:
        res = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "cnasean", "trade", "--format", "table"],
            capture_output=True,
            text=True,
            env={**env, "COLUMNS": "100", "PYTHONUTF8": "1"},
            check=True,
        )
        return res.stdout, res.stderr

    first, first_imports = table()
    second, second_imports = table()
    assert second == first and "2010" in first
    assert "rich.console" in first_imports
    assert "rich" not in {line.split("|")[-1].strip() for line in second_imports.splitlines()}


@pytest.mark.parametrize("flow", ["total", "export", "import", "balance"])
def test_the_summary_from_the_cache_is_the_summary_from_the_file(
    cached_env: Path, monkeypatch: pytest.MonkeyPatch, flow: str
) -> None:
    import query_api as query
    from cnasean import countries
    from cnasean.errors import UsageError

    def summaries() -> list[Any]:
        db.clear_cache()
        out = []
        for country in [None, *(c.code for c in countries.MEMBERS)]:
            for reporter in (None, "asean", country):
                try:
                    s = query.trade_summary(country, flow=flow, reporter=reporter, db=cached_env)
                except UsageError:
                    continue
                out.append((country, reporter, s.reporter, s.years, s.latest, s.gaps))
        return out

    db.load(cached_env)  # builds the cache
    from_cache = summaries()
    monkeypatch.setenv("CNASEAN_NO_CACHE", "1")
    assert summaries() == from_cache
    assert any(s[4] is not None for s in from_cache)  # a year-to-date row was compared


def test_visa_rules_from_the_cache_are_the_rules_from_the_file(
    cached_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    import query_api as query
    from cnasean import countries

    today = dt.date(2026, 11, 29)

    def answers() -> list[Any]:
        db.clear_cache()
        out = []
        for country in [None, *(c.code for c in countries.MEMBERS)]:
            for kw in ({}, {"history": True}, {"on": "2019-06-01"}, {"purpose": "business"}):
                out.append(query.visa(country, today=today, db=cached_env, **kw))  # type: ignore[arg-type]
            if country:
                out.append(query.visa(passport="CN", destination=country, db=cached_env))
                out.append(query.visa(passport=country, destination="CN", db=cached_env))
        return out

    db.load(cached_env)
    from_cache = answers()
    monkeypatch.setenv("CNASEAN_NO_CACHE", "1")
    assert answers() == from_cache
    assert sum(len(a) for a in from_cache) > 100


@pytest.mark.parametrize(
    "args",
    [
        ["trade", "--format", "table"],
        ["visa", "--country", "th", "--history", "--chart"],
        ["ask", "How much did China and ASEAN trade in 2024?"],
        ["country", "laos", "--json"],
        ["db", "export", "--format", "csv", "--kind", "trade"],
    ],
)
def test_nothing_waits_for_the_interpreter_shutdown_that_run_skips(
    env: dict[str, str], args: list[str]
) -> None:
    """run() ends the process with os._exit: no atexit handler may be waiting."""
    script = (
        "import atexit, sys\n"
        "before = atexit._ncallbacks()\n"
        "from cnasean.cli import main\n"
        f"sys.argv = ['cnasean', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(f'atexit {atexit._ncallbacks() - before}')\n"
    )
    res = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    assert res.stdout
    assert res.stderr.endswith("atexit 0"), res.stderr[-300:]


@pytest.mark.parametrize(
    ("value", "code", "said"),
    [(None, 0, ""), (0, 0, ""), (3, 3, ""), (130, 130, ""), (-1, 255, ""), ("bye", 1, "bye\n")],
)
def test_run_exits_with_the_status_the_interpreter_would(
    value: object, code: int, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from cnasean.cli import _exit_code

    assert _exit_code(value) == code
    assert capsys.readouterr().err == said


def test_run_flushes_what_main_wrote(env: dict[str, str]) -> None:
    """Output left in the buffers when the process ends would be lost with os._exit."""
    res = subprocess.run(
        [sys.executable, "-m", "cnasean", "trade", "--list", "--format", "tsv"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    lines = res.stdout.splitlines()
    assert lines[0].startswith("id\t") and len(lines) > 100
    assert lines[-1].count("\t") == lines[0].count("\t")


def test_the_key_names_the_code_that_parses_and_packs_the_tables(cached_env: Path) -> None:
    """An edited or reinstalled cnasean changes the key: a cache packed by other code is
    never read. Each module must be found, or its stamp would silently be None."""
    from cnasean import __version__
    from cnasean.store import storage

    entry = cache.data_entry(cached_env)
    assert entry is not None
    from cnasean.models import project

    # the record classes too: which tables are typed unchecked depends on them
    builder = sys.modules["cnasean.models.well_formed"]
    modules = (Path(cache.__file__), Path(storage.__file__))
    for module in (*modules, Path(str(builder.__file__)), Path(project.__file__)):
        st = module.stat()
        assert f"({str(module)!r}, {st.st_size}, {st.st_mtime_ns})" in entry[1]
    assert repr(__version__) in entry[1]


@pytest.mark.parametrize("day", ["2026-W01-4", "20260101", "2026-1-01", "２０２６-01-01"])
def test_only_plain_iso_days_are_dates(day: str) -> None:
    """The trade filter compares raw dates as text before it types a figure: only
    YYYY-MM-DD may pass."""
    from cnasean.models.trade import TradeRecord

    doc = {
        "id": "x",
        "reporter": "CN",
        "partner": "ASEAN",
        "flow": "total",
        "period": "2026",
        "period_start": day,
        "period_end": "2026-12-31",
        "sources": ["T1"],
        "period_kind": "year",
        "confidence": "verbatim",
        "last_verified": "2026-01-01",
    }
    with pytest.raises(db.InvalidRecord, match="period_start"):
        TradeRecord.from_doc(doc)


def test_the_summary_names_the_same_reporter_from_the_cache(
    cached_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first figure in period order names the reporter, even one the summary does not
    show (here an early quarter reported by Thailand itself)."""
    import query_api as query

    data = json.loads(cached_env.read_text(encoding="utf-8"))
    template = next(
        d for d in data["trade"].values() if d["reporter"] == "TH" and d["period_kind"] == "year"
    )
    early = {
        **template,
        "id": "th-quarter-1960-q2",
        "period": "1960-Q2",
        "period_kind": "quarter",
        "flow": "total",
        "period_start": "1960-04-01",
        "period_end": "1960-06-30",
    }
    data["trade"]["99999"] = early
    cached_env.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    def reporter_named() -> str:
        db.clear_cache()
        return query.trade_summary("TH", reporter="all", db=cached_env).reporter

    db.load(cached_env)
    warm = reporter_named()
    monkeypatch.setenv("CNASEAN_NO_CACHE", "1")
    assert reporter_named() == warm == "TH"


def test_a_rewrite_with_the_old_size_and_time_is_seen(cached_env: Path) -> None:
    before = cache.data_entry(cached_env)
    st = cached_env.stat()
    text = cached_env.read_text(encoding="utf-8")
    cached_env.write_text(text.replace("Customs", "CUSTOMS", 1), encoding="utf-8")
    os.utime(cached_env, ns=(st.st_atime_ns, st.st_mtime_ns))
    after = cache.data_entry(cached_env)
    assert cached_env.stat().st_size == st.st_size
    assert before is not None and after is not None and before[1] != after[1]


def test_only_the_newest_data_files_are_kept(
    cached_env: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(cache, "DATA_FILES_KEPT", 3)
    for i in range(6):
        copy = tmp_path / f"copy{i}.json"
        copy.write_bytes(cached_env.read_bytes())
        db.load(copy)
    folder = tmp_path / "c" / "cnasean"
    assert len([f for f in folder.iterdir() if f.is_file()]) == 3


# --- slices of the trade table (store/index.py) ---------------------------------------------

SLICED_QUERIES: list[dict[str, Any]] = [
    {},
    {"country": "vietnam"},
    {"country": "VN", "reporter": "VN"},
    {"country": "VN", "reporter": "all"},
    {"country": "laos", "flow": "export"},
    {"country": "TL", "reporter": "all", "flow": "import"},
    {"country": "ASEAN", "reporter": "ASEAN"},
    {"year": 2016, "reporter": "all"},
    {"country": "thailand", "start": "2000", "end": "2005", "reporter": "TH"},
    {"country": "MM", "flow": "balance"},
    {"period": "2024", "currency": "USD"},
]


def _answers(path: Path) -> list[Any]:
    """Every sliced query's answer from the store of ``path`` as it is read now."""
    from cnasean.query.trade import trade, trade_summary
    from cnasean.query.trade_member import member_summary
    from cnasean.query.trade_rank import trade_rank as rank

    db.clear_cache()
    store = db.load(path)
    out: list[Any] = [trade(**q, db=store) for q in SLICED_QUERIES]
    out += [trade_summary(db=store), trade_summary(country="PH", flow="export", db=store)]
    for member in ("VN", "KH", "TL", "SG"):
        out += [member_summary(member, db=store), member_summary(member, reporter=member, db=store)]
    out += [rank(db=store), rank(year=2016, db=store), rank(year=2000, db=store)]
    return out


def test_a_sliced_read_answers_as_the_whole_table(
    cached_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same answers from the slices as from the file, and the whole trade table is never
    unpacked for them."""
    monkeypatch.setenv("CNASEAN_NO_CACHE", "1")
    whole = _answers(cached_env)
    monkeypatch.delenv("CNASEAN_NO_CACHE")
    _answers(cached_env)  # writes the entry
    store = db.load(cached_env)
    assert isinstance(store.tables, Tables) and store.tables._packed
    assert _answers(cached_env) == whole
    assert "trade" not in db.load(cached_env).tables._loaded
    assert len(whole[0]) > 10 and len(whole[1]) > 50  # answers with figures in them
    from cnasean.store.index import NEWEST_TRADE, newest_end

    # The newest figure's end, as the freshness notice reads it, kept without the table.
    kept = db.load(cached_env).tables.part(NEWEST_TRADE, str)
    assert kept == newest_end(json.loads(cached_env.read_text())["trade"]) and len(kept) == 10
    assert "trade" not in db.load(cached_env).tables._loaded


def test_a_mistyped_figure_is_reported_by_a_sliced_read_too(cached_env: Path) -> None:
    """A figure of another pair with a filtered field of the wrong type fails the query as a
    scan of the whole table does, and one with a reporter that is no string is found too."""
    data = json.loads(cached_env.read_text(encoding="utf-8"))
    keys = [k for k, r in data["trade"].items() if r["reporter"] == "TH"]
    data["trade"][keys[0]]["period_start"] = 2019
    cached_env.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    from cnasean.query.trade import trade

    for _ in range(2):  # from the file, then from the entry it wrote
        db.clear_cache()
        with pytest.raises(db.InvalidRecord, match="period_start"):
            trade(country="VN", db=db.load(cached_env))
    data["trade"][keys[0]]["period_start"] = data["trade"][keys[1]]["period_start"]
    data["trade"][keys[1]]["reporter"] = 7
    cached_env.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for _ in range(2):
        db.clear_cache()
        with pytest.raises(db.InvalidRecord, match="reporter"):
            trade(country="VN", reporter="all", db=db.load(cached_env))


def test_duplicate_ids_are_refused_by_a_sliced_read(cached_env: Path) -> None:
    data = json.loads(cached_env.read_text(encoding="utf-8"))
    first, *_, last = list(data["trade"])
    data["trade"][last]["id"] = data["trade"][first]["id"]
    cached_env.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    from cnasean.query.trade import trade

    for _ in range(2):
        db.clear_cache()
        with pytest.raises(db.DataFileCorrupt, match="two trade records"):
            trade(country="VN", db=db.load(cached_env))


def test_well_formed_tables_are_typed_as_from_doc_types_them(cached_env: Path) -> None:
    # the parse cache lists the kinds whose every document the unchecked builder builds as
    # from_doc does (store/index.py, TRUSTED); reads of those give the same records, field
    # for field and type for type
    from cnasean.models import record_class, well_formed
    from cnasean.store.index import TRUSTED

    first = db.load(cached_env)  # from the file: from_doc throughout
    second = db.load(cached_env)
    trusted = second.tables.part(TRUSTED, list)
    assert set(trusted) == {"trade", "sources", "events", "countries", "visa", "infrastructure"}
    for kind in ("trade", "events", "countries", "visa", "infrastructure"):
        assert first._builder(kind) == record_class(kind).from_doc
        assert second._builder(kind) is well_formed(record_class(kind))
        for a, b in zip(first.records(kind), second.records(kind), strict=True):
            assert a.values() == b.values(), (kind, a.id)
            assert [type(v) for v in a.values()] == [type(v) for v in b.values()], a.id
    assert list(second.sources.values()) == list(first.sources.values())


def test_a_mistyped_document_keeps_its_table_checked_from_the_cache(cached_env: Path) -> None:
    from cnasean.store.index import TRUSTED

    data = json.loads(cached_env.read_text(encoding="utf-8"))
    key = next(iter(data["trade"]))
    data["trade"][key]["value"] = "12"
    data["sources"][next(iter(data["sources"]))]["retrieved"] = "2026-13-01"
    cached_env.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    db.load(cached_env)
    store = db.load(cached_env)  # from the cache
    assert store.tables._packed
    assert not {"trade", "sources"} & set(store.tables.part(TRUSTED, list))
    with pytest.raises(db.InvalidRecord, match="value"):
        store.records("trade")
    with pytest.raises(db.InvalidRecord, match="retrieved"):
        _ = store.sources


def test_db_info_figures_from_the_cache_are_the_files(cached_env: Path) -> None:
    first = db.load(cached_env)
    second = db.load(cached_env)
    assert second.tables._packed
    assert second.counts() == first.counts()
    assert second.oldest_verified() == first.oldest_verified()
    assert set(second.tables._loaded) == set()  # nothing unpacked for them
    # ... yet read, for the stale-data notice, as when they were unpacked for it
    assert second.tables.asked() == first.tables.asked() >= set(db.FACT_KINDS)
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    assert first.counts()["trade"] == len(data["trade"])
    dates = [d["last_verified"] for d in data["events"].values()]
    assert first.oldest_verified()["events"] == min(dates)


def test_a_figure_read_another_way_is_not_taken_as_well_formed() -> None:
    # 5 and 5.0 are equal but not the same JSON: the check is of type too, all the way down
    from cnasean.models import Metric
    from cnasean.store.index import _same

    fields = {"metric": "x", "unit": "u", "qualifier": None, "as_of": "2024", "note": None}
    a = Metric(value=5, sources=("S1",), **fields)
    b = Metric(value=5.0, sources=("S1",), **fields)
    assert a == b and not _same(a, b) and _same(a, a)
    assert not _same((a,), (b,)) and not _same({"k": [5]}, {"k": [5.0]})
