"""Charts as files, for articles: ``trade --chart --output FILE.svg|.png`` and ``visa
--history --chart --output FILE``. matplotlib is an optional extra (``cnasean[charts]``),
imported only here and only for these; the terminal charts are ``output.charts``.

Every chart carries its title, axis labels with units, partial years marked, and on the
image itself the sources' publishers and the data version: a chart cut out of an article
still says where its figures come from. SVG keeps its text as text, so it can be searched
and edited; the output is the same from run to run (no date, a fixed hash salt).
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cnasean.errors import UsageError

if TYPE_CHECKING:
    from cnasean.models import Meta, Source, VisaRule
    from cnasean.query.trade import TradeSummary, YearRow

FORMATS = {".svg": "svg", ".png": "png", "": "svg"}
SIZE = (8.0, 4.5)  # inches: 1200 x 675 pixels at DPI, a 16:9 picture for a column
DPI = 150
# Fonts with Simplified Chinese, in order of preference, as matplotlib names them.
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "AR PL UMing CN",
    "Droid Sans Fallback",
)
_ZH = {
    "trade": "中国—{p}贸易额",
    "export": "中国对{p}出口",
    "import": "中国自{p}进口",
    "balance": "中国对{p}贸易差额",
    "year": "年份",
    "partial": "斜线：不足一年（年初至今）",
    "missing": "无数据",
    "source": "来源",
    "data": "cnasean 数据 {v}（截至 {a}）",
    "visa": "中国与{p}之间的签证规定",
    "free": "免签",
    "needed": "需签证",
    "date": "生效期间",
    "unit": "{c}，十亿",
    "unknown": "开始日期不详",
}
_EN = {
    "trade": "China–{p} goods trade",
    "export": "China's exports to {p}",
    "import": "China's imports from {p}",
    "balance": "China's trade balance with {p}",
    "year": "Year",
    "partial": "Hatched: part of a year (year to date)",
    "missing": "no figure",
    "source": "Source",
    "data": "cnasean data {v} (as of {a})",
    "visa": "Visa rules between China and {p}",
    "free": "visa-free",
    "needed": "visa needed",
    "date": "In force (from – to; open-ended rules run to today)",
    "unit": "{c} billion",
    "unknown": "start unknown",
}


def chart_format(output: Path) -> str:
    """``svg`` or ``png`` from the file's name (no suffix: SVG); anything else is refused."""
    fmt = FORMATS.get(output.suffix.lower())
    if fmt is None:
        raise UsageError(f"A chart file is .svg or .png, not {output.suffix!r}: {output}.")
    return fmt


def _matplotlib() -> Any:
    try:
        import matplotlib
        import matplotlib.dates
        import matplotlib.figure
    except ImportError:
        raise UsageError(
            "Chart files need matplotlib, an optional extra: pip install 'cnasean[charts]'."
        ) from None
    return matplotlib


def _words(zh: bool) -> dict[str, str]:
    return _ZH if zh else _EN


def _font(zh: bool) -> list[str]:
    """The font family for the chart: matplotlib's default, or an installed CJK font."""
    if not zh:
        return ["DejaVu Sans"]
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in installed:
            return [name, "DejaVu Sans"]
    raise UsageError(
        "--lang zh needs a Chinese font for the chart and none is installed "
        "(e.g. apt install fonts-noto-cjk, then rm -rf ~/.cache/matplotlib); "
        "or leave out --lang zh."
    )


_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"


def _latin(text: str) -> str:
    """``text`` without the Chinese in it, for a chart drawn without a CJK font: a
    parenthesis of Chinese goes whole ("Eastday (东方网)" is "Eastday"), other runs too."""
    import re

    text = re.sub(rf"\s*[(（][^)）]*[{_CJK}][^)）]*[)）]", "", text)
    return re.sub(rf"\s*[{_CJK}]+", "", text).strip()


def source_line(sources: Sequence[Source], meta: Meta, zh: bool, width: int = 150) -> list[str]:
    """The sources' publishers and the data version, wrapped to at most three lines."""
    w = _words(zh)
    from collections import Counter

    # the most cited first: with many, the line names those behind most of the figures
    names = Counter(s.publisher if zh else _latin(s.publisher) or s.id for s in sources)
    publishers = [p for p, _ in names.most_common()]
    shown, more = publishers[:12], len(publishers) - 12
    text = f"{w['source']}: " + "; ".join(shown) + (f"; and {more} more" if more > 0 else "")
    data = w["data"].format(v=meta.data_version, a=meta.as_of.isoformat())
    lines = textwrap.wrap(text, width)[:3] or [f"{w['source']}: —"]
    return [*lines, data + ". cnasean cite ID gives each source in full."]


def _place(code: str, zh: bool) -> str:
    from cnasean.countries import BY_CODE

    c = BY_CODE.get(code)
    if c is None:
        return "ASEAN" if not zh or code != "ASEAN" else "东盟"
    return c.name_zh if zh else c.name


def _partial(row: YearRow) -> bool:
    """A row that covers less than a calendar year (a year to date)."""
    return (row.end - row.start).days < 364


def _figure(mpl: Any) -> tuple[Any, Any]:
    fig = mpl.figure.Figure(figsize=SIZE, dpi=DPI)
    ax = fig.add_axes((0.09, 0.3, 0.88, 0.59))
    return fig, ax


def _save(fig: Any, mpl: Any, path: Path, fmt: str, title: str, lines: list[str], zh: bool) -> None:
    """Save ``fig`` with the source lines at its foot and the title in its metadata."""
    y = 0.02 + 0.03 * (len(lines) - 1)
    for line in lines:
        fig.text(0.01, y, line, fontsize=6.5, color="#444444", ha="left", va="bottom")
        y -= 0.03
    meta: dict[str, Any] = {"Title": title, "Description": " ".join(lines)}
    meta.update({"Date": None} if fmt == "svg" else {"Software": "cnasean"})
    rc = {"svg.fonttype": "none", "svg.hashsalt": "cnasean", "font.family": _font(zh)}
    import warnings

    with mpl.rc_context(rc), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a glyph missing from the font: not the user's to fix
        fig.savefig(path, format=fmt, dpi=DPI, metadata=meta)


def trade_chart(
    summary: TradeSummary,
    currency: str,
    sources: Sequence[Source],
    meta: Meta,
    path: Path,
    fmt: str = "svg",
    zh: bool = False,
) -> None:
    """The yearly summary as bars in billions of ``currency``: year-to-date rows hatched,
    missing years marked, the sources and the data version at the foot."""
    mpl = _matplotlib()
    font = _font(zh)
    w = _words(zh)
    currency = currency.upper()
    with mpl.rc_context({"font.family": font, "svg.fonttype": "none"}):
        fig, ax = _figure(mpl)
        rows = summary.rows()
        labels, heights, hatches = [], [], []
        for row in rows:
            cell = row.usd if currency == "USD" else row.cny
            value = cell.shown.value if cell is not None else None
            labels.append(row.label.replace(" ", "\n", 1))
            heights.append(float(value) / 1e9 if value is not None else 0.0)
            hatches.append(value is not None and _partial(row))
        xs = range(len(rows))
        colours = ["#9ecae1" if h else "#2171b5" for h in hatches]
        bars = ax.bar(xs, heights, color=colours, edgecolor="#08306b", linewidth=0.4)
        for bar, partial, row in zip(bars, hatches, rows, strict=True):
            if partial:
                bar.set_hatch("///")
            cell = row.usd if currency == "USD" else row.cny
            if cell is None or cell.shown.value is None:
                ax.text(
                    bar.get_x() + 0.4,
                    0,
                    w["missing"],
                    rotation=90,
                    fontsize=6,
                    ha="center",
                    va="bottom",
                    color="#888888",
                )
        ax.set_xticks(list(xs), labels, fontsize=6.5 if len(rows) > 14 else 8)
        if len(rows) > 14:
            for tick in ax.get_xticklabels():
                tick.set_rotation(90)
        place = _place(summary.partner, zh)
        title = w.get(summary.flow, w["trade"]).format(p=place) + f", {currency}"
        if summary.reporter != "CN":
            title += f" ({_place(summary.reporter, zh)})"
        ax.set_title(title, fontsize=12, loc="left")
        ax.set_ylabel(w["unit"].format(c=currency))
        ax.set_xlabel(w["year"] + ("" if not any(hatches) else f"   ({w['partial']})"))
        ax.axhline(0, color="#333333", linewidth=0.6)
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="y", linewidth=0.3, alpha=0.6)
        ax.set_axisbelow(True)
        _save(fig, mpl, path, fmt, title, source_line(sources, meta, zh), zh)


def visa_chart(
    rules: Sequence[VisaRule],
    today: dt.date,
    sources: Sequence[Source],
    meta: Meta,
    path: Path,
    fmt: str = "svg",
    zh: bool = False,
) -> None:
    """One member's visa rules in both directions as bars over time: visa-free or not,
    from ``effective_from`` to ``effective_to`` (open-ended rules to today)."""
    mpl = _matplotlib()
    font = _font(zh)
    w = _words(zh)
    from matplotlib.patches import Patch

    from cnasean.text import REGIME_LABELS

    with mpl.rc_context({"font.family": font, "svg.fonttype": "none"}):
        fig, ax = _figure(mpl)
        ordered = sorted(
            rules,
            key=lambda r: (r.passport != "CN", r.effective_from or dt.date.min),
        )
        known = [d for r in rules for d in (r.effective_from, r.effective_to) if d]
        first = min(known, default=today) - dt.timedelta(days=365)
        labels = []
        for i, r in enumerate(ordered):
            begin = r.effective_from or first
            end = (
                min(r.effective_to or today, today)
                if (r.effective_from or first) <= today
                else today
            )
            start_num, end_num = mpl.dates.date2num(begin), mpl.dates.date2num(end)
            colour = "#31a354" if r.visa_free else "#fd8d3c"
            ax.barh(
                i,
                max(end_num - start_num, 2),
                left=start_num,
                color=colour,
                height=0.6,
                hatch="///" if r.effective_from is None else None,
                edgecolor="#333333",
                linewidth=0.3,
            )
            regime = str(REGIME_LABELS.get(r.regime, r.regime.replace("_", " ")))
            stay = f", {r.max_stay_days} d" if r.max_stay_days else ""
            labels.append(f"{r.passport}→{r.destination}: {regime}{stay}")
        ax.set_yticks(range(len(ordered)), labels, fontsize=6)
        ax.invert_yaxis()
        ax.xaxis_date()
        ax.axvline(mpl.dates.date2num(today), color="#333333", linewidth=0.6, linestyle=":")
        codes = {r.destination if r.passport == "CN" else r.passport for r in rules}
        place = ", ".join(_place(c, zh) for c in sorted(codes)) or "ASEAN"
        title = w["visa"].format(p=place)
        ax.set_title(title, fontsize=12, loc="left", pad=18)
        ax.set_xlabel(w["date"])
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(
            handles=[
                Patch(color="#31a354", label=w["free"]),
                Patch(color="#fd8d3c", label=w["needed"]),
                Patch(facecolor="white", edgecolor="#333333", hatch="///", label=w["unknown"]),
            ],
            fontsize=7,
            loc="lower right",
            bbox_to_anchor=(1.0, 1.0),
            ncol=3,
            frameon=False,
        )
        fig.subplots_adjust(left=0.3)
        ax.set_position((0.34, 0.27, 0.63, 0.62))
        _save(fig, mpl, path, fmt, title, source_line(sources, meta, zh), zh)


def check_ready(zh: bool) -> None:
    """matplotlib installed, and a Chinese font for ``--lang zh``: before anything is
    written, so that a missing one leaves no file behind."""
    _matplotlib()
    _font(zh)
