"""``search`` (ranking on real queries) and ``cite`` (citations checked against their formats:
plain text, biblatex ``@online`` entries, CSL JSON).

The BibTeX and CSL checks are written here from the formats' rules, not from cnasean's code:
a small brace-counting BibTeX reader, and the CSL 1.0.2 item types and date form.

Fixtures are local to this file on purpose (conftest.py may change under us). Exit codes come
from the app itself, so the commands run in-process (conftest's ``cli_cached``), as a fresh
process would run them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import query_api as query
from cnasean.errors import UsageError
from cnasean.text import fold
from helpers import ok, usage_failure

REPO = Path(__file__).resolve().parents[1]
DB = REPO / "data" / "db.json"
ACCESSED = "2026-11-29"

# CSL 1.0.2 item types (https://docs.citationstyles.org/en/stable/specification.html#appendix-iii-types)
CSL_TYPES = {
    "article",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "bill",
    "book",
    "broadcast",
    "chapter",
    "classic",
    "collection",
    "dataset",
    "document",
    "entry",
    "entry-dictionary",
    "entry-encyclopedia",
    "event",
    "figure",
    "graphic",
    "hearing",
    "interview",
    "legal_case",
    "legislation",
    "manuscript",
    "map",
    "motion_picture",
    "musical_score",
    "pamphlet",
    "paper-conference",
    "patent",
    "performance",
    "periodical",
    "personal_communication",
    "post",
    "post-weblog",
    "regulation",
    "report",
    "review",
    "review-book",
    "software",
    "song",
    "speech",
    "standard",
    "thesis",
    "treaty",
    "webpage",
}
RAIL_TYPES = {"railway", "high-speed-rail", "metro"}


# --------------------------------------------------------------------------------------------
# fixtures


@pytest.fixture(scope="module")
def raw(shipped_raw: dict[str, Any]) -> dict[str, Any]:
    """The shipped data as plain JSON (conftest's ``shipped_raw``)."""
    return shipped_raw


@pytest.fixture(scope="module")
def sources_by_id(raw) -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in raw["sources"]}


# --------------------------------------------------------------------------------------------
# search: ranking on real queries


def _check_ranked(hits: list[Any]) -> None:
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True), "hits not best first"
    assert len({(h.kind, h.id) for h in hits}) == len(hits), "a record listed twice"


def test_search_railway_ranks_railway_projects_first():
    hits = query.search("railway", limit=0)
    _check_ranked(hits)
    top = hits[:6]
    assert all(h.kind == "infrastructure" for h in top), [(h.kind, h.id) for h in top]
    assert all(h.record.type in RAIL_TYPES for h in top)
    assert all("railway" in fold(h.title) for h in top)
    assert "china-laos-railway" in [h.id for h in hits[:10]]
    # every infrastructure hit named a railway ranks above every event or source
    named = [
        i for i, h in enumerate(hits) if h.kind == "infrastructure" and "railway" in fold(h.title)
    ]
    others = [i for i, h in enumerate(hits) if h.kind != "infrastructure"]
    assert max(named) < min(others)


def test_search_free_trade_top_hit_is_an_acfta_event():
    hits = query.search("free trade")
    _check_ranked(hits)
    top = hits[0]
    assert top.kind == "events"
    assert "free trade area" in top.title.lower()
    assert top.id.startswith("acfta")
    assert {"acfta-in-force-2010", "acfta-3-0-signed-2025"} <= {h.id for h in hits[:3]}


@pytest.mark.parametrize("text", ["Whoosh", "whoosh", "WHOOSH"])
def test_search_whoosh_finds_jakarta_bandung_first(text):
    hits = query.search(text)
    assert hits[0].kind == "infrastructure"
    assert hits[0].id == "jakarta-bandung-hsr"


def test_search_chinese_name():
    hits = query.search("中老铁路")
    assert hits and hits[0].id == "china-laos-railway"
    assert hits[0].kind == "infrastructure"


@pytest.mark.parametrize(
    "text", ["timor-leste accession", "Timor-Leste ASEAN member", "east timor asean", "东帝汶"]
)
def test_search_finds_the_timor_leste_accession(text):
    hits = query.search(text)
    assert hits, text
    assert hits[0].id == "timor-leste-joins-asean-2025"
    assert hits[0].kind == "events"


def _th(hit: Any) -> bool:
    return "TH" in (hit.record.passport, hit.record.destination)


def test_search_thailand_visa_ranks_thai_rules_first():
    hits = query.search("thailand visa", limit=0)
    _check_ranked(hits)
    visas = [h for h in hits if h.kind == "visa"]
    assert visas
    assert _th(visas[0])
    # the best visa hits are all China-Thailand rules
    assert all(_th(h) for h in visas[:8]), [h.id for h in visas[:8]]
    # and the rule in force between the two is among them
    assert "visa-cn-th-mutual-2024" in [h.id for h in visas[:8]]


def test_search_thailand_visa_every_thai_rule_before_any_other():
    visas = [h for h in query.search("thailand visa", limit=0) if h.kind == "visa"]
    flags = [_th(h) for h in visas]
    assert flags == sorted(flags, reverse=True), [(h.id, h.score) for h in visas]


@pytest.mark.parametrize("text", ["", "   ", "!!!", "-"])
def test_search_empty_query_is_a_usage_error(text):
    with pytest.raises(UsageError):
        query.search(text)


@pytest.mark.parametrize("kind", ["infrastructure", "events", "visa", "trade", "sources"])
def test_search_kind_filter(kind):
    text = {"trade": "thailand", "visa": "thailand", "sources": "railway"}.get(kind, "railway")
    hits = query.search(text, kind=kind, limit=0)
    assert hits
    assert {h.kind for h in hits} == {kind}
    everything = [h for h in query.search(text, limit=0) if h.kind == kind]
    assert [h.id for h in hits] == [h.id for h in everything]


def test_search_bad_kind_is_a_usage_error():
    with pytest.raises(UsageError, match="infrastructure"):
        query.search("railway", kind="railways")


def test_search_without_hits_is_empty():
    assert query.search("xyzzyplugh") == []
    assert query.search("railway", kind="trade") == []


def test_search_every_word_must_match():
    hits = query.search("laos railway", limit=0)
    assert hits
    for h in hits:
        rec = h.record.to_dict()
        text = fold(json.dumps(rec, ensure_ascii=False))
        assert "railway" in text, h.id
        codes = {rec.get(k) for k in ("passport", "destination", "reporter", "partner")}
        codes |= set(rec.get("countries") or ())
        assert "laos" in text or "LA" in codes, h.id  # in the text, or via the country's name
    assert query.search("laos railway expressway") == []


def test_search_limit():
    everything = query.search("railway", limit=0)
    assert len(everything) > 50  # the default limit is reached
    assert [h.id for h in query.search("railway")] == [h.id for h in everything[:50]]
    assert [h.id for h in query.search("railway", limit=3)] == [h.id for h in everything[:3]]


def test_search_negative_limit_is_refused_or_ignored():
    everything = query.search("railway", limit=0)
    try:
        got = query.search("railway", limit=-1)
    except UsageError:
        return
    assert len(got) == len(everything)


def test_cli_search_json(sh):
    data = json.loads(ok(sh("search", "free", "trade", "--json")))
    assert data[0]["kind"] == "events"
    assert data[0]["id"].startswith("acfta")
    for hit in data:
        assert set(hit) == {"kind", "id", "title", "score", "record"}
        assert hit["record"]["id"] == hit["id"]
    assert json.loads(ok(sh("search", "free trade", "--json"))) == data


def test_cli_search_kind(sh):
    data = json.loads(ok(sh("search", "railway", "--kind", "events", "--json")))
    assert data and {h["kind"] for h in data} == {"events"}
    usage_failure(sh("search", "railway", "--kind", "railways"))


def test_cli_search_no_hits_exit_0_message_on_stderr(sh):
    r = sh("search", "xyzzyplugh", "--json")
    assert r.returncode == 0
    assert json.loads(r.stdout) == []
    assert "Nothing matches" in r.stderr
    r = sh("search", "xyzzyplugh")
    assert r.returncode == 0
    assert r.stdout.splitlines() == ["kind\tid\ttitle\tscore"]  # header only: no message


def test_cli_search_empty_exit_2(sh):
    usage_failure(sh("search", ""))
    assert sh("search").returncode == 2


# --------------------------------------------------------------------------------------------
# BibTeX and CSL checkers, written from the formats


BIB_HEAD = re.compile(r"@([A-Za-z]+)\{([^,{}\s]*),")
BIB_FIELD = re.compile(r"([A-Za-z]+) = \{(.*)\}", re.DOTALL)
BIB_SPECIAL = re.compile(r"(?<!\\)[&%_#$]")


def _balanced(text: str) -> bool:
    """BibTeX counts every brace, escaped or not."""
    depth = 0
    for ch in text:
        depth += ch == "{"
        depth -= ch == "}"
        if depth < 0:
            return False
    return depth == 0


def _split_top(body: str) -> list[str]:
    parts, depth, cur = [], 0, []
    for ch in body:
        if ch == "," and depth == 0:
            parts.append("".join(cur))
            cur = []
            continue
        depth += ch == "{"
        depth -= ch == "}"
        cur.append(ch)
    parts.append("".join(cur))
    return [p.strip() for p in parts if p.strip()]


def parse_bibtex(text: str) -> list[tuple[str, str, dict[str, str]]]:
    """(type, key, fields) per entry; fails on anything that is not ``@type{key, name =
    {value}, ...}`` with balanced braces."""
    entries = []
    pos, n = 0, len(text)
    while True:
        while pos < n and text[pos].isspace():
            pos += 1
        if pos >= n:
            break
        head = BIB_HEAD.match(text, pos)
        assert head, f"not an entry at {pos}: {text[pos : pos + 60]!r}"
        open_at = text.index("{", pos)
        depth = 0
        for i in range(open_at, n):
            depth += text[i] == "{"
            depth -= text[i] == "}"
            if depth == 0:
                break
        else:
            raise AssertionError(f"unbalanced braces in entry {head[2]!r}")
        fields: dict[str, str] = {}
        for part in _split_top(text[head.end() : i]):
            m = BIB_FIELD.fullmatch(part)
            assert m, f"field not in 'name = {{value}}' form: {part!r}"
            name, value = m[1].lower(), m[2]
            assert _balanced(value), f"unbalanced braces in {name}: {value!r}"
            assert name not in fields, f"field {name} twice in {head[2]}"
            fields[name] = value
        entries.append((head[1], head[2], fields))
        pos = i + 1
    return entries


def bib_unescape(text: str) -> str:
    text = text.replace(r"\textasciitilde{}", "~").replace(r"\textbackslash{}", "\\")
    return re.sub(r"\\([&%$#_{}])", r"\1", text)


def check_bibtex(text: str, sources: list[dict[str, Any]]) -> list[str]:
    """Check every entry against the source it cites; returns the keys."""
    entries = parse_bibtex(text)
    assert len(entries) == len(sources)
    keys = [key for _, key, _ in entries]
    assert len(keys) == len(set(keys)), "duplicate keys"
    for (etype, key, f), src in zip(entries, sources, strict=True):
        assert etype == "online"
        assert re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", key), key
        assert {"author", "title", "url", "urldate"} <= set(f), (key, f)
        for name in ("title", "author", "note"):
            if name in f:
                assert not BIB_SPECIAL.search(f[name]), f"unescaped special in {name}: {f[name]}"
        assert f["url"] == src["url"]
        assert f["urldate"] == src["retrieved"]
        assert re.fullmatch(r"\{.*\}", f["author"]), "corporate author kept in braces"
        assert bib_unescape(f["author"][1:-1]) == src["publisher"]
        if src.get("title"):
            assert bib_unescape(f["title"]) == src["title"]
        else:
            assert src["publisher"] in bib_unescape(f["title"])
        if src.get("published"):
            assert f.get("date") == src["published"]
            assert f.get("year") == src["published"][:4]
    return keys


def _date_parts(value: Any) -> list[int]:
    assert isinstance(value, dict) and set(value) == {"date-parts"}, value
    parts = value["date-parts"]
    assert isinstance(parts, list) and len(parts) in (1, 2), value
    for p in parts:
        assert isinstance(p, list) and 1 <= len(p) <= 3, value
        assert all(isinstance(x, int) and not isinstance(x, bool) for x in p), value
        if len(p) >= 2:
            assert 1 <= p[1] <= 12, value
        if len(p) == 3:
            assert 1 <= p[2] <= 31, value
    return parts[0]


def _iso_parts(iso: str) -> list[int]:
    return [int(x) for x in iso.split("-")]


def check_csl(text: str, sources: list[dict[str, Any]]) -> list[str]:
    items = json.loads(text)
    assert isinstance(items, list) and len(items) == len(sources)
    item_ids = [it["id"] for it in items]
    assert len(item_ids) == len(set(item_ids))
    for it, src in zip(items, sources, strict=True):
        assert isinstance(it, dict)
        assert isinstance(it["id"], str) and it["id"]
        assert it["type"] in CSL_TYPES, it["type"]
        assert isinstance(it["title"], str) and it["title"]
        assert it["URL"] == src["url"]
        assert _date_parts(it["accessed"]) == _iso_parts(src["retrieved"])
        if src.get("published"):
            assert _date_parts(it["issued"]) == _iso_parts(src["published"])
        else:
            assert "issued" not in it
        if src.get("title"):
            assert it["title"] == src["title"]
    return item_ids


# --------------------------------------------------------------------------------------------
# cite


def test_cite_source_text(sh, sources_by_id):
    out = ok(sh("cite", "T1"))
    src = sources_by_id["T1"]
    assert src["publisher"] in out
    assert src["url"] in out
    assert f"accessed {ACCESSED}" in out
    assert out.endswith("\n") and out.count("\n") == 1  # one source, one line


def test_cite_source_id_is_case_insensitive(sh):
    assert ok(sh("cite", "t1")) == ok(sh("cite", "T1"))


def test_cite_fact_text_names_the_fact_and_every_source(sh, raw, sources_by_id):
    out = ok(sh("cite", "china-laos-railway"))
    assert "[cnasean infrastructure china-laos-railway]" in out
    for sid in _expected_sources(raw, "china-laos-railway"):
        assert sources_by_id[sid]["url"] in out, sid
    assert out.count(f"(accessed {ACCESSED})") == len(_expected_sources(raw, "china-laos-railway"))


@pytest.mark.parametrize("sid", ["T1", "T3", "T5", "V83", "I105"])
def test_cite_bibtex_for_sources(sh, sources_by_id, sid):
    out = ok(sh("cite", sid, "-f", "bibtex"))
    (key,) = check_bibtex(out, [sources_by_id[sid]])
    assert key == f"cnasean{sid}"


def test_cite_bibtex_escapes_titles(sh):
    out = ok(sh("cite", "T3", "-f", "bibtex"))
    assert r"16.6\%" in out  # "rises to 16.6% in Q1 2025"
    out = ok(sh("cite", "V83", "-f", "bibtex"))
    assert r"US\$50" in out


def test_bibtex_and_csl_for_every_source(raw, sources_by_id):
    """Every real source through the same writers, in one go (also: keys unique across all)."""
    from cnasean.output.views.search import CITE_STYLES

    srcs = query.source_list()
    meta = query.meta()
    want = [sources_by_id[s.id] for s in srcs]
    keys = check_bibtex(CITE_STYLES["bibtex"]("sources", srcs[0], srcs, meta), want)
    assert len(keys) == len(raw["sources"])
    check_csl(CITE_STYLES["csl"]("sources", srcs[0], srcs, meta), want)


@pytest.mark.parametrize("flag", [("--json",), ("-f", "csl"), ("--format", "CSL")])
def test_cite_csl(sh, sources_by_id, flag):
    out = ok(sh("cite", "T1", *flag))
    (item_id,) = check_csl(out, [sources_by_id["T1"]])
    assert "T1" in item_id


def test_cite_csl_types(sh, raw, sources_by_id):
    items = json.loads(ok(sh("cite", "jakarta-bandung-hsr", "--json")))
    kinds = {sources_by_id[it["id"].removeprefix("cnasean-")]["kind"]: it["type"] for it in items}
    assert kinds.get("wire", "article-newspaper") == "article-newspaper"
    assert {"webpage", "article-newspaper"} & set(kinds.values())


def _expected_sources(raw: dict[str, Any], fact_id: str) -> list[str]:
    """Every source the fact cites, wherever in the record (metrics, alternatives too)."""
    for table in ("trade", "visa", "infrastructure", "events"):
        for r in raw[table]:
            if r["id"] == fact_id:
                out = list(r["sources"])
                for sub in ("metrics", "alternatives"):
                    for x in r.get(sub) or []:
                        out += x["sources"]
                return list(dict.fromkeys(out))
    raise AssertionError(fact_id)


# a project with metrics, a visa rule and a trade figure with several sources each, an event
FACT_IDS = [
    "china-laos-railway",
    "visa-bn-cn-unilateral-2024",
    "cn-asean-total-1991-usd-gac",
    "asean-china-dialogue-relations-1991",
]


@pytest.mark.parametrize("fact", FACT_IDS)
def test_cite_fact_cites_every_source(sh, raw, sources_by_id, fact):
    want = _expected_sources(raw, fact)
    assert len(want) >= 1
    srcs = [sources_by_id[s] for s in want]
    out = ok(sh("cite", fact, "--json"))
    item_ids = check_csl(out, srcs)
    assert item_ids == [f"cnasean-{s}" for s in want]
    assert all(it["note"].endswith(fact) for it in json.loads(out))
    keys = check_bibtex(ok(sh("cite", fact, "-f", "bibtex")), srcs)
    assert keys == [re.sub(r"[^A-Za-z0-9]", "", f"cnasean{s}") for s in want]


def test_cite_unknown_id_exit_2_with_a_suggestion(sh):
    msg = usage_failure(sh("cite", "china-laos-railwy"))
    assert "Did you mean" in msg and "china-laos-railway" in msg
    msg = usage_failure(sh("cite", "T99999"))
    assert "T99999" in msg


@pytest.mark.parametrize("fmt", ["foo", "json"])
def test_cite_bad_format_exit_2(sh, fmt):
    msg = usage_failure(sh("cite", "T1", "-f", fmt))
    assert "bibtex" in msg


# --------------------------------------------------------------------------------------------
# bugs found, shown on a small data file


def _mini_db(tmp_path: Path, title: str) -> Path:
    def src(sid: str, title: str | None) -> dict[str, Any]:
        return {
            "id": sid,
            "publisher": f"Publisher {sid}",
            "title": title,
            "url": f"https://example.org/{sid.lower()}",
            "published": "2024-05",
            "retrieved": "2025-01-31",
            "kind": "official",
            "note": None,
            "also_urls": [],
        }

    project = {
        "id": "test-line",
        "name": "Test Line",
        "aliases": [],
        "countries": ["CN", "LA"],
        "type": "railway",
        "status": "operating",
        "status_as_of": None,
        "endpoints": None,
        "length_km": 100,
        "design_speed_kmh": None,
        "cost_usd": 1000,
        "construction_start": None,
        "opened": "2024",
        "financing": None,
        "metrics": [
            {
                "metric": "passengers_cumulative",
                "value": 5,
                "unit": "passengers",
                "qualifier": None,
                "as_of": "2024-12",
                "sources": ["S3"],
                "note": None,
            }
        ],
        "alternatives": [
            {
                "field": "cost_usd",
                "value": 2000,
                "qualifier": None,
                "sources": ["S2"],
                "note": "another figure",
            }
        ],
        "confidence": "verbatim",
        "note": None,
        "sources": ["S1"],
        "last_verified": "2025-01-31",
    }
    data = {
        "meta": {
            "1": {
                "schema_version": 1,
                "data_version": "9999.01.31",
                "as_of": "2025-01-31",
                "title": "test",
            }
        },
        "sources": {
            "1": src("S1", title),
            "2": src("S2", "Other figure"),
            "3": src("S3", "Ridership"),
        },
        "trade": {},
        "visa": {},
        "infrastructure": {"1": project},
        "events": {},
    }
    path = tmp_path / "mini.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_cite_includes_the_sources_of_alternatives(sh, tmp_path):
    db = _mini_db(tmp_path, "Plain title")
    items = json.loads(ok(sh("--db", db, "cite", "test-line", "--json")))
    assert {it["id"] for it in items} == {"cnasean-S1", "cnasean-S2", "cnasean-S3"}


def test_cite_mini_db_special_characters(sh, tmp_path):
    db = _mini_db(tmp_path, "50% & more_of #1 ~ {x} for $5")
    out = ok(sh("--db", db, "cite", "S1", "-f", "bibtex"))
    ((_, _, fields),) = parse_bibtex(out)
    assert not BIB_SPECIAL.search(fields["title"])
    assert bib_unescape(fields["title"]) == "50% & more_of #1 ~ {x} for $5"


def test_cite_bibtex_escapes_a_backslash(sh, tmp_path):
    db = _mini_db(tmp_path, "C:\\data")
    out = ok(sh("--db", db, "cite", "S1", "-f", "bibtex"))
    ((_, _, fields),) = parse_bibtex(out)
    assert fields["title"] == r"C:\textbackslash{}data"


def _queries_from_the_data(store: Any, seed: int, words_: int, pairs: int) -> list[str]:
    """Words (and pairs of words) picked from the data's own texts, and a few of our own."""
    import random

    from cnasean.query import search as searching

    words: set[str] = set()
    for kind in ("sources", "trade", "visa", "infrastructure", "events"):
        for doc in store.raw[kind]:
            for value in doc.values():
                if isinstance(value, str):
                    words.update(value.split())
    rng = random.Random(seed)
    picked = sorted(words)
    queries = (
        rng.sample(picked, words_)
        + [" ".join(rng.sample(picked, 2)) for _ in range(pairs)]
        + ["railway", "中老铁路", "Hà Nội", "ECRL", "visa-free", "2024", "Q1", "Whoosh", "São"]
    )
    return [q for q in queries if fold(q).strip() or searching._CJK.search(q)]


def test_the_prefilter_changes_no_answer(monkeypatch) -> None:
    """search's prefilter (query/search.py, _may_hold) skips texts that cannot hold a word
    without folding them: over hundreds of words from the data itself, in English and
    Chinese, with accents, digits and punctuation, the answers are the same without it."""

    from cnasean.query import search as searching
    from cnasean.store.read import open_store

    queries = _queries_from_the_data(open_store(None), 12, 150, 40)
    assert len(queries) > 150
    for q in queries:
        monkeypatch.setattr(searching, "PREFILTER", True)
        fast = [(h.kind, h.id, h.score) for h in searching.search(q, limit=0)]
        monkeypatch.setattr(searching, "PREFILTER", False)
        slow = [(h.kind, h.id, h.score) for h in searching.search(q, limit=0)]
        assert fast == slow, q


def test_the_search_index_changes_no_answer(tmp_path, monkeypatch) -> None:
    """search reads the documents its index says hold every word (query/search.py, kept in
    the cache by Store.derived); over hundreds of words from the data itself, in English and
    Chinese, with accents, digits and punctuation, the answers are those of a full scan."""

    from cnasean.query import search as searching
    from cnasean.store import cache
    from cnasean.store import read as db

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "c"))
    monkeypatch.delenv("CNASEAN_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "_now", lambda: __import__("time").time() + 10)
    path = tmp_path / "db.json"
    shipped = Path(__file__).resolve().parents[1] / "data" / "db.json"
    path.write_bytes(shipped.read_bytes())
    db.clear_cache()
    store = db.load(path)
    queries = _queries_from_the_data(store, 31, 90, 20)
    queries += ["rail", "中国", "china laos", "imf", "Việt Nam", "laos china", "东盟", "e"]
    assert len(queries) > 100
    from cnasean.query import search_index

    index = search_index.load(store)
    assert index is not None and set(index) == set(searching.KIND_ORDER)  # built and kept
    assert search_index.load(db.load(path)) == index
    answered = 0
    for q in queries:
        monkeypatch.setattr(searching, "INDEX", True)
        fast = [(h.kind, h.id, h.title, h.score) for h in searching.search(q, limit=0, db=store)]
        monkeypatch.setattr(searching, "INDEX", False)
        slow = [(h.kind, h.id, h.title, h.score) for h in searching.search(q, limit=0, db=store)]
        assert fast == slow, q
        answered += bool(slow)
    assert answered > 60
