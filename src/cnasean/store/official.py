"""Official trade-statistics downloads, recognised by their header and read into trade
records: the IMF's IMTS SDMX-CSV (1.0 and 2.0), China customs' (GACS) query export, in
English or in Chinese (GBK), and (into a user's own file only) a UN Comtrade download. The
readers of each format are in ``official_formats``.

Only what is between China and a member, country totals, in a known unit, becomes a
record; every other row is counted under a reason and skipped whole, never read in part.
A record's id comes from the file's sha256 and what the figure is (reporter, partner, flow,
period), so importing the same file again changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cnasean.dates import month_end
from cnasean.errors import UsageError

EXPECTED = (
    "an IMF IMTS SDMX-CSV download (first column DATAFLOW, or STRUCTURE,STRUCTURE_ID,ACTION; "
    "then COUNTRY,INDICATOR,COUNTERPART_COUNTRY,FREQUENCY,TIME_PERIOD,OBS_VALUE), a China "
    'customs query export ("Date of data","Trading partner code",...,"US dollar", or '
    "数据年月,...,贸易伙伴编码,...,美元 or 人民币), a UN Comtrade download (reporterISO, "
    'partnerISO, flowCode, cmdCode, period, primaryValue), or cnasean\'s own CSV (a "table" '
    "column, or --kind)"
)

# Why a row was skipped: the words the report uses, in the order it uses them.
REASONS = {
    "outside": "not between China and an ASEAN member",
    "commodity": "commodity-level, not a country total",
    "partial": "part of a total only: one customs regime or procedure, place or mode of transport",
    "indicator": "another indicator (only XG_FOB_USD and MG_CIF_USD are read)",
    "flow": "another flow (only exports X and imports M are read)",
    "unit": "not in US dollars",
    "empty": "no value (empty or NaN)",
    "unreadable": "unreadable",
    "repeated": "repeated (the same reporter, partner, flow and period again)",
}


class Row:
    """One data row: its line number and its cells by column name."""

    __slots__ = ("cells", "line", "problem")

    def __init__(self, line: int, cells: dict[str, str], problem: str = "") -> None:
        self.line = line
        self.cells = cells
        self.problem = problem  # why it cannot be read as a row at all

    def get(self, name: str) -> str:
        return self.cells.get(name, "").strip()


class Skip(Exception):  # a row's outcome, not an error
    """A row that is not imported: ``reason`` is a key of ``REASONS``."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


class Imported(list[tuple[str, dict[str, Any]]]):
    """(kind, record) pairs read from an official file (the source first), with what was
    skipped: ``skipped`` reason -> (count, the first such row's line and why)."""

    def __init__(self, fmt: str, name: str) -> None:
        super().__init__()
        self.format = fmt
        self.name = name  # the file, as the user named it
        self.skipped: dict[str, tuple[int, str]] = {}

    def skip(self, row: Row, exc: Skip) -> None:
        n, first = self.skipped.get(exc.reason, (0, ""))
        where = f"line {row.line}" + (f", {exc.detail}" if exc.detail else "")
        self.skipped[exc.reason] = (n + 1, first or where)

    def report(self) -> list[str]:
        """One line per reason rows were skipped for."""
        return [
            f"{self.name}: {n} row{'s' if n != 1 else ''} skipped, {REASONS[k]} (first: {first})."
            for k in REASONS
            if k in self.skipped
            for n, first in [self.skipped[k]]
        ]

    def dated_as_before(self, data: dict[str, Any]) -> None:
        """On a re-import of the same file (its source is in ``data``), keep the day it was
        first imported as its retrieval date: the file has not changed since, so neither
        do its records."""
        if not self:
            return
        sid = self[0][1]["id"]
        table = data.get("sources") or {}
        old = next((d for d in table.values() if isinstance(d, dict) and d.get("id") == sid), {})
        day = old.get("retrieved")
        if not isinstance(day, str):
            return
        for kind, doc in self:
            doc["retrieved" if kind == "sources" else "last_verified"] = day


# --- reading the file ------------------------------------------------------------------


def decode(raw: bytes) -> tuple[str, str] | None:
    """(text, codec) of a download: UTF-8 (with or without a BOM), else GB 18030 (which
    reads every GBK file, as China's customs exports are); None when it is neither."""
    for codec in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(codec), codec
        except UnicodeDecodeError:
            continue
    return None


def first_line(raw: bytes) -> bytes:
    """The first line that is not empty, found without copying the file."""
    start = re.compile(rb"[\r\n]*").match(raw).end()  # type: ignore[union-attr]
    end = raw.find(b"\n", start)
    return raw[start : end if end >= 0 else len(raw)]


def header_of(text: str) -> list[str]:
    """The column names of the first line: SDMX labels ("COUNTRY: Country") cut to the
    code, the empty name after a trailing comma dropped."""
    first = text.lstrip("\r\n").split("\n", 1)[0]
    try:
        names = next(csv.reader([first]), [])
    except csv.Error:
        return []
    names = [n.split(":", 1)[0].strip() if ":" in n else n.strip() for n in names]
    while names and not names[-1]:
        names.pop()
    return names


def rows(text: str, header: list[str], where: Path) -> Iterator[Row]:
    """The data rows after the header, by name; a row with more cells than the header (but
    for one empty one after a trailing comma) or fewer is unreadable. Text that is not CSV
    at all refuses the file (``UsageError``): what follows could not be told apart."""
    reader = csv.reader(io.StringIO(text.lstrip("\r\n"), newline=""))
    try:
        next(reader)
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            extra = cells[len(header) :]
            if len(cells) < len(header) or any(c.strip() for c in extra):
                yield Row(reader.line_num, {}, f"{len(cells)} cells for {len(header)} columns")
                continue
            yield Row(reader.line_num, dict(zip(header, cells, strict=False)))
    except csv.Error as exc:
        raise UsageError(f"{where} line {reader.line_num} is not CSV: {exc}.") from None


def sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


# --- values ----------------------------------------------------------------------------

_PLAIN = re.compile(r"-?\d+(\.\d+)?([eE][+-]?\d+)?", re.ASCII)
_GROUPED = re.compile(r"-?\d{1,3}(,\d{3})+(\.\d+)?", re.ASCII)
MISSING = frozenset({"", "nan", "na", "n/a", "-", "..", "…"})


def number(text: str) -> int | float:
    """A value as written (thousands separators allowed): an int when it is whole."""
    text = text.strip()
    if text.lower() in MISSING:
        raise Skip("empty")
    if _GROUPED.fullmatch(text):
        text = text.replace(",", "")
    elif not _PLAIN.fullmatch(text):
        raise Skip("unreadable", f"the value {text!r} is not a number")
    value = float(text)
    if value < 0:
        raise Skip("unreadable", f"the value {text!r} is negative")
    if text.isdigit():
        return int(text)  # exactly, however long
    return int(value) if value.is_integer() else value


def period(kind: str, year: int, first: int = 1, last: int = 0) -> dict[str, str]:
    """The period fields as the data spells them: kind year (``2024``), quarter
    (``2024-Q1``: ``first`` is the quarter), month (``2024-03``) or ytd
    (``2024-01..2024-09``: months ``first`` to ``last``)."""
    if not 1900 <= year <= 2100:
        raise Skip("unreadable", f"the year {year} is not a year of trade statistics")
    if kind == "year":
        label, start, end = str(year), dt.date(year, 1, 1), dt.date(year, 12, 31)
    elif kind == "quarter":
        label, start = f"{year}-Q{first}", dt.date(year, 3 * first - 2, 1)
        end = month_end(year, 3 * first)
    elif kind == "month":
        label, start, end = f"{year}-{first:02d}", dt.date(year, first, 1), month_end(year, first)
    else:
        label = f"{year}-{first:02d}..{year}-{last:02d}"
        start, end = dt.date(year, first, 1), month_end(year, last)
    return {
        "period": label,
        "period_kind": kind,
        "period_start": start.isoformat(),
        "period_end": end.isoformat(),
    }


def pair(reporter: str | None, partner: str | None, detail: str) -> tuple[str, str]:
    """(reporter, partner) when one is China and the other a member (Timor-Leste
    included, as the data has it), else the row is skipped as outside."""
    from cnasean.countries import MEMBERS

    members = {c.code for c in MEMBERS}
    if (reporter, partner) in {("CN", m) for m in members} | {(m, "CN") for m in members}:
        return str(reporter), str(partner)
    raise Skip("outside", detail)


def country(code: str) -> str | None:
    """The alpha-2 code of China or a member for an ISO code (alpha-3 or alpha-2)."""
    from cnasean.countries import BY_CODE

    code = code.split(":", 1)[0].strip().upper()
    for c in BY_CODE.values():
        if code in (c.code, c.alpha3):
            return c.code
    return None


# --- records ---------------------------------------------------------------------------


def trade_record(
    source: dict[str, Any], who: tuple[str, str], flow: str, when: dict[str, str], **kw: Any
) -> dict[str, Any]:
    """A trade record of ``source``'s file: id from the file's hash and what it is."""
    reporter, partner = who
    key = source["id"].split("-", 1)
    rid = f"{reporter}-{partner}-{flow}-{when['period']}-{key[0]}-{key[1]}".lower()
    return {
        "id": rid,
        "reporter": reporter,
        "partner": partner,
        "flow": flow,
        **when,
        "value": kw["value"],
        "currency": kw["currency"],
        "qualifier": None,
        "yoy_pct": None,
        "share_pct": None,
        "derived": None,
        "confidence": kw.get("confidence", "verbatim"),
        "note": kw.get("note"),
        "sources": [source["id"]],
        "last_verified": source["retrieved"],
    }


def source_record(
    prefix: str, raw: bytes, path: Path, about: dict[str, str], today: dt.date | None
) -> dict[str, Any]:
    """The source of an imported file: who publishes it, the file's name and sha256,
    retrieved today (the day it was imported: the file does not say when it was fetched)."""
    digest = sha256(raw)
    return {
        "id": f"{prefix}-{digest[:16]}",
        "publisher": about["publisher"],
        "title": f"{about['title']}: {path.name}",
        "url": about["url"],
        "published": None,
        "retrieved": (today or dt.date.today()).isoformat(),
        "kind": about.get("kind", "official"),
        "note": f"Imported with cnasean db import from the file {path.name} "
        f"(sha256 {digest}). {about.get('note', '')}".strip(),
        "also_urls": [],
    }


def collect(out: Imported, items: Iterator[Row], read_row: Any) -> Imported:
    """Each row read by ``read_row`` (a record, or ``Skip``) into ``out``: an id seen
    before is skipped as repeated, so every record is one whole row."""
    seen: set[str] = set()
    for item in items:
        try:
            if item.problem:
                raise Skip("unreadable", item.problem)
            rec = read_row(item)
            if rec["id"] in seen:
                raise Skip("repeated", rec["id"])
        except Skip as exc:
            out.skip(item, exc)
            continue
        seen.add(rec["id"])
        out.append(("trade", rec))
    if len(out) == 1:  # the source alone: it would cite nothing
        out.pop()
    return out


def read(raw: bytes, path: Path, kind: str | None, today: dt.date | None = None) -> Imported | None:
    """An ``Imported`` when the file's header is an official format's; None when it is
    another file (cnasean's own JSON, JSON Lines or CSV); ``UsageError`` (exit 2) for a CSV
    that is neither, naming what is expected. Only the first line is decoded to tell,
    so that a large JSON import is not decoded twice."""
    from cnasean.store import official_formats as formats

    line = first_line(raw).removeprefix(b"\xef\xbb\xbf").strip()
    decoded = decode(line)
    if decoded is None or decoded[0][:1] in ("{", "[", ""):
        return None
    header = header_of(decoded[0])
    reader = formats.recognise(header, path)
    if reader is not None:
        whole = decode(raw)
        if whole is None:
            raise UsageError(f"{path} is neither UTF-8 nor GBK text.")
        return reader(whole[0], header, raw, path, today or dt.date.today())
    if decoded[1] != "utf-8-sig":
        return None  # not UTF-8, and no official header: said so by the reader of files
    if path.suffix.lower() == ".csv" and not kind and "table" not in header:
        raise UsageError(f"{path} is not a file cnasean can import: expected {EXPECTED}.")
    return None
