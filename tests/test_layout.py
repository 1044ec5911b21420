"""Tables that fit their terminal and say what they hid (issue 16, part 1).

Each table view is drawn at 60, 80, 120 and 200 columns and compared with its golden drawing
under ``tests/golden/`` (``CNASEAN_UPDATE_GOLDEN=1`` rewrites them after a deliberate change);
and, whatever the drawing, the promises hold: no line wider than the terminal, no date or
source id cut, every hidden column named.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from cnasean.output.layout import fit

GOLDEN = Path(__file__).parent / "golden"
WIDTHS = (60, 80, 120, 200)
DAY = "2026-11-01"
VIEWS = {
    "trade": ("trade",),
    "trade-country": ("trade", "--country", "VN"),
    "trade-rank": ("trade", "--rank"),
    "trade-list": ("trade", "--list", "--country", "TH"),
    "visa": ("visa", "--on", DAY),
    "country": ("country", "laos"),
    "infra": ("infra",),
    "events": ("events", "--since", "2020", "--until", "2023"),
    "search": ("search", "railway"),
    "sources": ("sources",),
}
HIDDEN = re.compile(r"^(\d+) columns? hidden: (.*) — widen the terminal or use -f tsv$")


def draw(run: Any, args: tuple[str, ...], width: int) -> str:
    result = run(*args, "-f", "table", env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    return str(result.stdout)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(VIEWS))
def test_golden_tables(run: Any, name: str, width: int) -> None:
    if name == "country":
        pytest.skip("the profile's visa rules are those in force today: no fixed drawing")
    drawn = draw(run, VIEWS[name], width)
    path = GOLDEN / f"{name}-{width}.txt"
    if os.environ.get("CNASEAN_UPDATE_GOLDEN") == "1":
        path.write_text(drawn, encoding="utf-8")
    assert drawn == path.read_text(encoding="utf-8"), f"{path.name} changed"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(VIEWS))
def test_tables_fit_and_cut_nothing(run: Any, name: str, width: int) -> None:
    drawn = draw(run, VIEWS[name], width)
    for line in drawn.splitlines():
        if line.startswith("http") or HIDDEN.match(line):
            continue  # a URL, or the hidden-columns line: one line, never broken
        assert len(line.rstrip()) <= width, line
        # a date cut at the edge of a column ("2024-03-0", "2024-0")
        assert not re.search(r"\b\d{4}-(\d\d-\d|\d)\s*(\||$)", line), line
    # the IMF source ids never broken across lines
    for piece in re.findall(r"IMF-DOTS-[\w-]*", drawn):
        assert re.fullmatch(r"IMF-DOTS-\d{4}-[A-Z]+", piece), piece


def test_imf_ids_shown_whole_at_80_in_the_flows_summary(run: Any) -> None:
    drawn = draw(run, VIEWS["trade-country"], 80)
    header = next(line for line in drawn.splitlines() if line.startswith("Period"))
    assert "Sources" in header
    assert re.search(r"\| IMF-DOTS-2022-CN\s*$", drawn, re.M)


def test_hidden_columns_are_named(run: Any) -> None:
    narrow = draw(run, ("trade",), 80)
    wide = draw(run, ("trade",), 200)
    notes = [m for m in map(HIDDEN.match, narrow.splitlines()) if m]
    assert len(notes) == 1
    assert notes[0].group(2) == "Also reported, Sources"
    assert "Also reported" in wide and "Sources" in wide.splitlines()[1]
    assert not any(map(HIDDEN.match, wide.splitlines()))


def test_key_columns_kept_at_60(run: Any) -> None:
    drawn = draw(run, ("events", "--since", "2020", "--until", "2023"), 60)
    header = drawn.splitlines()[0]
    assert header.startswith("Date") and "Event" in header
    assert any(HIDDEN.match(line) for line in drawn.splitlines())


def test_titles_wrap_at_word_boundaries(run: Any) -> None:
    drawn = draw(run, VIEWS["events"], 80)
    words = set()
    for line in drawn.splitlines()[2:]:
        cells = line.split(" | ")
        if len(cells) > 1:
            words.update(cells[1].split())
    from cnasean import open as open_dataset

    titles = " ".join(e.title for e in open_dataset().events(since="2020", until="2023"))
    assert words and words <= set(titles.split()) | {"|"}


def test_fit_unit() -> None:
    cells = [["2024-03-01", "a long title of several words", "S1, S2"]]
    layout = fit(["Date", "Title", "Sources"], [True, False, False], [0, 0, 3], cells, 30)
    assert layout is not None
    assert layout.shown == [0, 1] and layout.hidden == [2]
    assert layout.widths[0] == 10 and sum(layout.widths) + 3 <= 30
    # the key columns cannot be drawn whole: cards
    assert fit(["Date", "Title"], [True, True], [0, 0], [cells[0][:2]], 12) is None
    # an empty column is left out without a word
    empty = fit(["A", "B"], [True, True], [0, 1], [["x", ""]], 80)
    assert empty is not None and empty.shown == [0] and empty.hidden == []
