"""Terminal charts as plain text: trade figures as bars, visa rules on a timeline.

Pure functions: each returns a list of lines, none longer than ``width`` (every character
used is one column wide). ``plain`` draws with ASCII only (for TERM=dumb or NO_COLOR).
Each chart is ``[title, *body, legend]``; an empty list when there is nothing to draw.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from cnasean.output.i18n import human_money, human_number
from cnasean.text import human_pct

if TYPE_CHECKING:
    from cnasean.models import VisaRule
    from cnasean.query.trade import Cell, TradeSummary, YearRow

MIN_BAR = 5  # below this many columns, the trade chart drops its bars, never its figures
MAX_BAR = 60  # bars wider than this are no easier to compare
MAX_AXIS = 100
_FULL, _PARTS = "█", ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")
_ASCII = {"–": "-", "—": "-", "→": "->", "…": "...", "≈": "~", "█": "#", "░": "."}
_FLOWS = {"export": "exports", "import": "imports", "balance": "trade balance"}


def _ascii(text: str) -> str:
    text = "".join(_ASCII.get(ch, ch) for ch in text)
    return text.encode("ascii", "replace").decode("ascii")


def _shown(lines: list[str]) -> list[str]:
    """The lines of a chart, each control character from the data an escape (the labels
    come from codes and dates, checked when read: this is the last guard, and cheap)."""
    from cnasean.text import visible_line

    return [visible_line(line) for line in lines]


def _clip(text: str, width: int, plain: bool) -> str:
    """``text`` cut to ``width`` columns, with a mark where it was cut."""
    if len(text) <= width:
        return text
    if width <= 1:
        return text[: max(width, 0)]
    return text[: width - 1] + ("." if plain else "…")


def _first_fit(variants: Sequence[str], width: int, plain: bool) -> str:
    """The first variant that fits, or the last one cut to fit."""
    texts = [_ascii(v) if plain else v for v in variants]
    for t in texts:
        if len(t) <= width:
            return t
    return _clip(texts[-1], width, plain)


def _wrap(text: str, width: int) -> list[str]:
    """Hard-wrap: every character is kept, no line longer than ``width``."""
    import textwrap

    return textwrap.wrap(text, width, break_long_words=True) or [""]


# Trade bars


def _cell(row: YearRow, currency: str) -> Cell | None:
    return row.usd if currency == "USD" else row.cny


def _value(cell: Cell | None) -> float | None:
    if cell is None or cell.shown.value is None:
        return None
    v = float(cell.shown.value)
    return v if math.isfinite(v) else None


def _round_sig(x: float, digits: int = 3) -> float:
    if x <= 0 or not math.isfinite(x):
        return x
    return round(x, digits - 1 - math.floor(math.log10(x)))


def _name(code: str) -> str:
    """The English name (charts are in English, and measured one column a character)."""
    from cnasean.countries import BY_CODE

    c = BY_CODE.get(code)
    return c.name if c else code


def _trade_title(summary: TradeSummary, currency: str) -> list[str]:
    partner = _name(summary.partner)
    china = summary.reporter == "CN"
    who, other = ("China", partner) if china else (_name(summary.reporter), "China")
    subject = {
        "export": f"{who}'s exports to {other}",
        "import": f"{who}'s imports from {other}",
        "balance": f"{who}'s trade balance with {other}",
    }.get(summary.flow, f"China–{partner} trade" + ("" if china else f" ({who}'s figures)"))
    short = _FLOWS.get(summary.flow, "trade").capitalize()
    return [
        f"{subject}, {currency} (bars to scale; YoY beside each)",
        f"{subject}, {currency}",
        f"{short}, {currency}",
    ]


def _pos_bar(cells: float, room: int, plain: bool) -> str:
    """A bar of ``cells`` columns (fractions drawn in eighths), at most ``room`` wide."""
    if cells <= 0 or room <= 0:
        return ""
    if plain:
        return "#" * min(max(round(cells), 1), room)
    eighths = min(max(round(cells * 8), 1), room * 8)
    full, rest = divmod(eighths, 8)
    return _FULL * full + _PARTS[rest]


_Item = tuple[str, float | None, str, str]  # label, value, value as shown, YoY


def trade_bars(summary: TradeSummary, currency: str, width: int, plain: bool) -> list[str]:
    """One line per row of ``summary.rows()``: label, bar to scale, value, change on a year
    earlier. Negative values (balances) grow left from a zero line. Below ``MIN_BAR`` columns
    of room the bars go; when even label and figures do not fit one line, each row takes
    two (or more) lines, so that every figure is always shown in full."""
    if width < 1:
        raise ValueError(f"width must be at least 1 (got {width})")
    currency = currency.upper()
    items = _trade_items(summary, currency, plain)
    if not items:
        return []
    lw = max(len(label) for label, _, _, _ in items)
    vw = max(len(text) for _, _, text, _ in items)
    yw = max(len(yoy) for _, _, _, yoy in items)
    tail = 1 + vw + (1 + yw if yw else 0)
    bar_w = min(width - lw - 1 - tail, MAX_BAR)
    values = [v for _, v, _, _ in items if v is not None]
    pos_max = max((v for v in values if v > 0), default=0.0)
    neg_max = max((-v for v in values if v < 0), default=0.0)
    unit = 0.0
    if bar_w >= MIN_BAR:
        unit = (pos_max + neg_max) / (bar_w - (1 if neg_max else 0))  # the value of a column
        body = _bar_lines(items, (lw, vw, yw), bar_w, pos_max, neg_max, plain)
    elif lw + tail <= width:
        body = [_figure_line(item, lw, vw, yw) for item in items]
    else:
        body = _wrapped_lines(items, width)
    legend = _trade_legend(unit, currency, bool(yw), bool(neg_max), plain)
    title = _first_fit(_trade_title(summary, currency), width, plain)
    lines = [title, *body, _first_fit(legend, width, plain)]
    latest = summary.latest
    if latest is not None and _partial(latest) and unit:
        part = f"{latest.label}: part of a year only, its figure shown without a bar."
        import textwrap

        lines.extend(textwrap.wrap(_ascii(part) if plain else part, max(width, 20)))
    return _shown(lines)


def _trade_items(summary: TradeSummary, currency: str, plain: bool) -> list[_Item]:
    """Each row's label, value, value as shown and change on a year earlier."""
    items: list[_Item] = []
    fix = _ascii if plain else str
    for r in summary.rows():
        cell = _cell(r, currency)
        text, yoy = "-" if plain else "—", ""
        if cell is not None and cell.shown.value is not None:
            rec = cell.shown
            text = human_money(rec.value, None, rec.qualifier, with_currency=False)
            yoy = human_pct(rec.yoy_pct)
        # part of a year (the latest months) is not drawn to the full years' scale
        value = None if r is summary.latest and _partial(r) else _value(cell)
        items.append((fix(r.label), value, fix(text), fix(yoy)))
    return items


def _partial(row: Any) -> bool:
    return bool((row.end - row.start).days < 364)


def _bar_lines(
    items: list[_Item],
    widths: tuple[int, int, int],
    bar_w: int,
    pos_max: float,
    neg_max: float,
    plain: bool,
) -> list[str]:
    """Label, bar to scale (left of a zero line when negative), value and YoY."""
    lw, vw, yw = widths
    usable, total = bar_w - (1 if neg_max else 0), pos_max + neg_max
    zero, glyph = ("|", "#") if plain else ("│", _FULL)

    def cols(x: float) -> float:  # as a fraction first: no overflow on tiny totals
        return x / total * usable if total else 0.0

    neg_cols = min(math.ceil(cols(neg_max) - 1e-9), usable)
    pos_cols = usable - neg_cols
    body = []
    for label, v, text, yoy in items:
        bar = _pos_bar(cols(v), pos_cols, plain) if v is not None else ""
        if neg_max:
            left = ""
            if v is not None and v < 0:
                left = glyph * min(max(round(cols(-v)), 1), neg_cols)
            bar = left.rjust(neg_cols) + zero + bar
        line = f"{label.ljust(lw)} {bar.ljust(bar_w)} {text.rjust(vw)}"
        body.append((line + (f" {yoy.rjust(yw)}" if yw else "")).rstrip())
    return body


def _figure_line(item: _Item, lw: int, vw: int, yw: int) -> str:
    """Label, value and YoY, without a bar."""
    label, _, text, yoy = item
    return (f"{label.ljust(lw)} {text.rjust(vw)}" + (f" {yoy.rjust(yw)}" if yw else "")).rstrip()


def _wrapped_lines(items: list[_Item], width: int) -> list[str]:
    """Each row on one line if it fits, else its label and its figures wrapped apart."""
    indent = "  " if width >= 12 else ""
    body = []
    for label, _, text, yoy in items:
        figures = f"{text} {yoy}".strip()
        if len(label) + 1 + len(figures) <= width:
            body.append(f"{label} {figures}")
            continue
        body.extend(_wrap(label, width))
        body.extend(indent + t for t in _wrap(figures, width - len(indent)))
    return body


def _trade_legend(unit: float, currency: str, yoy: bool, negative: bool, plain: bool) -> list[str]:
    """The legend, longest first: what a column of bar is worth (when there are bars)."""
    yoy_long, yoy_short = ("; YoY: change on a year earlier", "; YoY: on a year earlier")
    if not yoy:
        yoy_long = yoy_short = ""
    if not unit:
        legend = [f"Values in {currency}{yoy_long}", f"{currency}{yoy_short}", currency]
        if yoy:
            legend[2:2] = ["YoY: vs a year ago"]
        return legend
    zero, glyph = ("|", "#") if plain else ("│", _FULL)
    each = f"{human_number(_round_sig(unit))} {currency}"
    z = f"; {zero} is zero" if negative else ""
    return [
        f"Each {glyph} ≈ {each}{z}{yoy_long}",
        f"Each {glyph} ≈ {each}{z}{yoy_short}",
        f"{glyph} ≈ {each}{z}",
        f"{glyph} ≈ {each}",
    ]


# Visa timeline


def _label(rule: VisaRule) -> str:
    from cnasean.text import REGIME_LABELS

    return str(REGIME_LABELS.get(rule.regime, rule.regime.replace("_", " ")))


def _default_start(rules: Sequence[VisaRule], today: dt.date) -> dt.date:
    """Jan 1 of the year half a year before the earliest known date, and at least two
    years before today."""
    known = [d for r in rules for d in (r.effective_from, r.effective_to) if d is not None]
    earliest = min(known, default=today)
    try:
        earliest -= dt.timedelta(days=180)
    except OverflowError:
        pass
    return dt.date(max(min(earliest.year, today.year - 2), 1), 1, 1)


def _cols(day: dt.date, start: dt.date, span: int, axis: int) -> tuple[int, int]:
    """The first and last axis column the day covers (clamped to the axis)."""
    off = (day - start).days
    first = off * axis // span
    last = max(first, (off + 1) * axis // span - 1)
    return min(max(first, 0), axis - 1), min(max(last, 0), axis - 1)


def _ticks(start: dt.date, today: dt.date, span: int, axis: int) -> str:
    """Year labels, each starting under the column where its year begins; a step of
    1, 2, 5, 10... years so that they do not crowd, and none that would overlap."""
    per_year = axis * 365.25 / span
    step = next((s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500) if s * per_year >= 5), 1000)
    chars = [" "] * axis
    free_from = 0
    first = start.year if (start.month, start.day) == (1, 1) else start.year + 1
    first = -(-first // step) * step
    for year in range(first, today.year + 1, step):
        col = _cols(dt.date(year, 1, 1), start, span, axis)[0]
        text = str(year)
        if col < free_from or col + len(text) > axis:
            continue
        chars[col : col + len(text)] = text
        free_from = col + len(text) + 1
    return "".join(chars).rstrip()


def visa_timeline(
    rules: Sequence[VisaRule],
    width: int,
    plain: bool,
    today: dt.date,
    start: dt.date | None = None,
) -> list[str]:
    """The rules of one country, both directions, as bars over the years from ``start`` to
    ``today``: a heading per direction ("CN→TH"), then one line per rule (regime label, bar
    from effective_from to effective_to). An unknown start, or one before the axis, shows
    "<"; a rule not yet in force shows ">" at today. Ends with a line of year ticks."""
    if width < 1:
        raise ValueError(f"width must be at least 1 (got {width})")
    if not rules:
        return []
    start = start or _default_start(rules, today)
    span = max((today - start).days + 1, 1)
    indent = 2 if width >= 12 else 0
    room = max(width - indent - 1, 2)
    names = [_label(r) for r in rules]
    lw = max(1, min(max(len(n) for n in names), room * 2 // 5))
    axis = max(min(room - lw, MAX_AXIS), 1)
    lw = max(min(lw, width - indent - 1 - axis), 0)
    pad = " " * indent
    free, need = ("#", ".") if plain else ("█", "░")

    def direction(r: VisaRule) -> tuple[str, bool, str]:
        other = r.destination if r.passport == "CN" else r.passport
        return (other, r.passport != "CN", f"{r.passport}→{r.destination}")

    def order(rn: tuple[VisaRule, str]) -> tuple[object, ...]:
        r = rn[0]
        return (direction(r), r.effective_from or dt.date.min, r.effective_to or dt.date.max)

    ordered = sorted(zip(rules, names, strict=True), key=order)
    body: list[str] = []
    heading = None
    future = False
    for r, name in ordered:
        head = direction(r)[2]
        if head != heading:
            heading = head
            body.append(_first_fit([head], width, plain))
        cells = [" "] * axis
        begin, end = r.effective_from, r.effective_to or today
        if begin is not None and begin > today:
            cells[-1], future = ">", True
        elif end < start:
            cells[0] = "<"
        else:
            a = _cols(begin, start, span, axis)[0] if begin is not None else 0
            b = _cols(end, start, span, axis)[1]
            cells[a : b + 1] = (free if r.visa_free else need) * (b - a + 1)
            if begin is None or begin < start:
                cells[0] = "<"
        label = _ascii(name) if plain else name
        line = f"{pad}{_clip(label, lw, plain).ljust(lw)} {''.join(cells)}".rstrip()
        body.append(line[:width])
    axis_line = " " * (indent + lw + 1) + _ticks(start, today, span, axis)
    body.append(axis_line.rstrip()[:width])

    later = ("  > from a later date", "  > later") if future else ("", "")
    legend = [
        f"{free} visa-free  {need} visa needed  < earlier or unknown start{later[0]}",
        f"{free} visa-free  {need} visa needed  < earlier start{later[1]}",
        f"{free} visa-free  {need} visa needed",
        f"{free} free {need} needed",
    ]
    title = [f"Visa rules, {start.isoformat()} to today ({today.isoformat()})", "Visa rules"]
    return _shown([_first_fit(title, width, plain), *body, _first_fit(legend, width, plain)])


def best_currency(summary: TradeSummary) -> str:
    """The currency most rows of the summary have a figure in (USD on a tie)."""
    rows = summary.rows()
    cny = sum(1 for r in rows if r.cny)
    usd = sum(1 for r in rows if r.usd)
    return "CNY" if cny > usd else "USD"
