"""Search results, and citations in plain text, BibTeX and CSL JSON."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from cnasean import jsontext
from cnasean.models import Meta, Source
from cnasean.output.view import Column, View, ranked
from cnasean.output.views.common import data_caption
from cnasean.query.search import Hit


def search_view(hits: Sequence[Hit], meta: Meta) -> View:
    cols = [
        Column("kind", "Kind", lambda h: h.kind, no_wrap=True),
        Column("id", "ID", lambda h: h.id, style="bold", no_wrap=True),
        Column("title", "What", lambda h: h.title),
        Column("score", "Score", lambda h: h.score, justify="right", no_wrap=True),
    ]
    cols = ranked(cols, {"id": 0, "title": 0, "kind": 1, "score": 2})
    records = [
        {
            "kind": h.kind,
            "id": h.id,
            "title": h.title,
            "score": h.score,
            "record": h.record.to_dict(),
        }
        for h in hits
    ]
    caption = data_caption(meta, [], "Details: cnasean cite ID, or the command for the kind.")
    return View(cols, hits, records, caption=caption)


# --- citations -------------------------------------------------------------------------


def _date_parts(iso: str | None) -> list[int] | None:
    if not iso:
        return None
    return [int(p) for p in iso.split("-")]


def _fact_line(kind: str, rec: Any) -> str:
    if kind == "trade":
        return f"{rec.reporter}-{rec.partner} {rec.flow} trade, {rec.period}"
    if kind == "visa":
        return str(rec.name or f"{rec.passport} to {rec.destination}: {rec.regime}")
    if kind == "infrastructure":
        return str(rec.name)
    return f"{rec.date}: {rec.title}"


def cite_text(kind: str, rec: Any, sources: Sequence[Source], meta: Meta) -> str:
    """A plain-text citation: the sources, each with its access date, and for a fact, the
    fact and the dataset it comes from."""
    lines = []
    if kind != "sources":
        lines.append(
            f"{_fact_line(kind, rec)} [cnasean {kind} {rec.id}]. cnasean data "
            f"{meta.data_version}, as of {meta.as_of.isoformat()}. Sources:"
        )
    for s in sources:
        title = f"“{s.title}.” " if s.title else ""
        when = f"{s.published}. " if s.published else ""
        lines.append(f"{s.publisher}. {title}{when}{s.url} (accessed {s.retrieved.isoformat()}).")
    return "\n".join(lines) + "\n"


_BIB_SPECIAL = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _bib_escape(text: str) -> str:
    """Escape BibTeX's special characters in one pass, so no escape is escaped again."""
    return re.sub(r"[\\~^&%$#_{}]", lambda m: _BIB_SPECIAL.get(m.group(), "\\" + m.group()), text)


def cite_bibtex(kind: str, rec: Any, sources: Sequence[Source], meta: Meta) -> str:
    """BibTeX (biblatex ``@online`` entries; ``urldate`` is the access date)."""
    entries = []
    for s in sources:
        fields = {
            "author": "{" + _bib_escape(s.publisher) + "}",
            "title": _bib_escape(s.title or f"[Page from {s.publisher}]"),
            "url": s.url,
            "urldate": s.retrieved.isoformat(),
        }
        if s.published:
            fields["date"] = s.published
            fields["year"] = s.published[:4]
        if kind != "sources":
            fields["note"] = _bib_escape(f"Cited for cnasean {kind} {rec.id}")
        key = re.sub(r"[^A-Za-z0-9]", "", f"cnasean{s.id}")
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
        entries.append(f"@online{{{key},\n{body}\n}}")
    return "\n\n".join(entries) + "\n"


def cite_csl(kind: str, rec: Any, sources: Sequence[Source], meta: Meta) -> str:
    """CSL JSON: an array of items (type ``webpage``, ``article-newspaper`` for wires)."""
    items = []
    for s in sources:
        item: dict[str, Any] = {
            "id": f"cnasean-{s.id}",
            "type": "article-newspaper" if s.kind == "wire" else "webpage",
            "title": s.title or f"[Page from {s.publisher}]",
            "publisher": s.publisher,
            "container-title": s.publisher,
            "URL": s.url,
            "accessed": {"date-parts": [_date_parts(s.retrieved.isoformat())]},
        }
        parts = _date_parts(s.published)
        if parts:
            item["issued"] = {"date-parts": [parts]}
        if kind != "sources":
            item["note"] = f"Cited for cnasean {kind} {rec.id}"
        items.append(item)
    return jsontext.dumps(items, indent=2) + "\n"


CITE_STYLES = {"text": cite_text, "bibtex": cite_bibtex, "csl": cite_csl}

# --- the dataset itself ------------------------------------------------------------------

DATASET_AUTHOR = "cnasean developers"  # as pyproject.toml names them
DATASET_TITLE = "cnasean: China–ASEAN trade, visa rules, infrastructure and events"


def cite_dataset(style: str, meta: Meta, tool_version: str) -> str:
    """A citation of the data as a whole: its version and as-of date (each fact's own
    sources are cited with ``cnasean cite ID``)."""
    version, as_of = meta.data_version, meta.as_of.isoformat()
    note = (
        f"Data version {version}, as of {as_of}; read with cnasean {tool_version}. "
        "Each fact cites its own sources (cnasean cite ID)."
    )
    if style == "bibtex":
        fields = {
            "author": "{" + _bib_escape(DATASET_AUTHOR) + "}",
            "title": _bib_escape(DATASET_TITLE),
            "version": _bib_escape(version),
            "date": as_of,
            "year": as_of[:4],
            "note": _bib_escape(note),
        }
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
        key = re.sub(r"[^A-Za-z0-9]", "", f"cnasean{version}")
        return f"@dataset{{{key},\n{body}\n}}\n"
    if style == "csl":
        item = {
            "id": f"cnasean-{version}",
            "type": "dataset",
            "title": DATASET_TITLE,
            "author": [{"literal": DATASET_AUTHOR}],
            "version": version,
            "issued": {"date-parts": [_date_parts(as_of)]},
            "note": note,
        }
        return jsontext.dumps([item], indent=2) + "\n"
    return f"{DATASET_AUTHOR}. {DATASET_TITLE} [dataset], version {version}, {as_of}. {note}\n"
