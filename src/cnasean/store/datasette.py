"""``metadata.json`` for Datasette beside a SQLite export (``db export -f sqlite``), so that
``datasette cnasean.sqlite -m metadata.json`` shows each table with its title, where its
facts come from and on what terms, and the data version.

No licence has been declared for the cnasean data as a whole, and the metadata says so
rather than inventing one; each source's own reuse terms are its ``license`` (null where
not known), and a table's licence line sums up those of the sources its facts cite.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from cnasean.store.exchange import TABLES, records_of

MARK = "cnasean"  # the "about" of a metadata.json cnasean wrote (one it may replace)
TITLES = {
    "sources": "Sources: publisher, title, URL, dates, kind and reuse terms",
    "countries": "Chinese names of the countries, with their sources",
    "trade": "China–ASEAN goods trade figures (unscaled, in currency units)",
    "visa": "Visa rules between China and the ASEAN members, in both directions",
    "infrastructure": "Infrastructure projects linking China and ASEAN members",
    "events": "Dated China–ASEAN events: agreements, summits, expos, accessions",
    "citations": "Which sources each fact cites (kind, record_id, source_id)",
    "meta": "The data version and its as-of date",
}
NO_LICENSE = (
    "No licence is declared for the cnasean compilation; each source's reuse terms are in "
    "sources.license (null where not known)."
)


def _table_license(docs: list[dict[str, Any]], licenses: dict[str, str | None]) -> str:
    cited = [licenses.get(s) for d in docs for s in d.get("sources") or []]
    if not cited:
        return NO_LICENSE
    known = Counter(x for x in cited if x)
    unknown = sum(1 for x in cited if not x)
    if not known:
        return f"Not known: none of the {len(cited)} citations' sources records its terms."
    if len(known) == 1 and not unknown:
        return f"As its sources: {next(iter(known))}"
    parts = [f"{n} citations: {lic}" for lic, n in known.most_common(3)]
    if unknown:
        parts.append(f"{unknown} citations: terms not known")
    return "Mixed, per source (sources.license). " + "; ".join(parts) + "."


def _table_source(docs: list[dict[str, Any]], publishers: dict[str, str]) -> str:
    cited = Counter(publishers.get(s, s) for d in docs for s in d.get("sources") or [])
    if not cited:
        return "cnasean"
    top = "; ".join(p for p, _ in cited.most_common(5))
    more = len(cited) - 5
    return f"{len(cited)} publishers, most cited: {top}" + (
        f"; and {more} more" if more > 0 else ""
    )


def metadata(data: dict[str, Any], database: str) -> dict[str, Any]:
    """Datasette metadata for the export of ``data`` named ``database`` (the file's stem)."""
    meta = (records_of(data, "meta") or [{}])[0]
    version, as_of = meta.get("data_version"), meta.get("as_of")
    sources = records_of(data, "sources")
    licenses = {s["id"]: s.get("license") for s in sources if "id" in s}
    publishers = {s["id"]: s.get("publisher", s["id"]) for s in sources if "id" in s}
    tables: dict[str, Any] = {}
    for name in TABLES:
        docs = records_of(data, name)
        if name == "sources":
            lic = "Per row: the license column (null where not known)."
            src = f"{len(docs)} sources, each with its URL"
        else:
            lic, src = _table_license(docs, licenses), _table_source(docs, publishers)
        tables[name] = {"title": TITLES[name], "license": lic, "source": src}
    for name in ("citations", "meta"):
        tables[name] = {"title": TITLES[name], "source": "cnasean"}
    description = (
        f"cnasean data {version}, as of {as_of}: China–ASEAN trade, visa rules, "
        "infrastructure and events, every fact sourced and dated."
    )
    return {
        "title": "cnasean: China–ASEAN facts",
        "description": description,
        "license": NO_LICENSE,
        "source": "The sources table: every fact cites at least one (see citations).",
        "about": MARK,
        "databases": {
            database: {
                "title": f"cnasean data {version}",
                "description": description,
                "tables": tables,
            }
        },
    }
