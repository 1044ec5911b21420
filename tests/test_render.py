"""Tests for cnasean.output: one View, every output format (formats), the resolved terminal
(terminal), tables drawn by Rich (table) and kept (drawcache), and the humanising helpers."""

from __future__ import annotations

import csv
import io
import json
import sys
from types import SimpleNamespace as Row
from typing import Any

import pytest

from cnasean.output.formats import FORMATS, choose_format, emit
from cnasean.output.view import Column, View
from cnasean.text import human_money, human_number, human_pct


class EncodedIO(io.StringIO):
    """A StringIO that reports an encoding, as sys.stdout does."""

    def __init__(self, encoding: str) -> None:
        super().__init__()
        self._enc = encoding

    @property
    def encoding(self):  # type: ignore[override]
        return self._enc


class TtyIO(io.StringIO):
    def isatty(self) -> bool:
        return True


ROWS = [
    Row(
        country="泰国 Thailand",
        value=5570000000000,
        yoy=9.6,
        member=True,
        sources=["S1", "S2"],
        note="tab\there\nnewline",
        qual="about",
        extra=None,
    ),
    Row(
        country="Việt Nam",
        value=982100000000.0,
        yoy=-1.7,
        member=False,
        sources=[],
        note='quote " and, comma',
        qual=None,
        extra={"b": 2, "a": "东盟"},
    ),
]
COLUMNS = [
    Column("country", "Country", lambda r: r.country),
    Column(
        "usd",
        "US dollars",
        lambda r: r.value,
        lambda v, r: human_money(v, "USD", r.qual),
        justify="right",
    ),
    Column("yoy_pct", "YoY", lambda r: r.yoy, lambda v, r: human_pct(v), justify="right"),
    Column("member", "Member", lambda r: r.member, lambda v, r: "yes" if v else "no"),
    Column("sources", "Sources", lambda r: r.sources, lambda v, r: ", ".join(v)),
    Column("note", "Note", lambda r: r.note, table=False),
    Column("extra", "Extra", lambda r: r.extra, table=False),
]
RECORDS = [
    {"country": "泰国 Thailand", "usd": 5570000000000, "yoy_pct": 9.6, "sources": ["S1", "S2"]},
    {"country": "Việt Nam", "usd": 982100000000.0, "yoy_pct": -1.7, "sources": []},
]


def make_view(**kw) -> View:
    return View(COLUMNS, ROWS, RECORDS, **kw)


def render(fmt: str, out=None, **kw) -> str:
    out = out if out is not None else io.StringIO()
    emit(make_view(**kw), fmt, out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def plain_env(monkeypatch):
    for var in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLUMNS", "CLICOLOR_FORCE"):
        monkeypatch.delenv(var, raising=False)


# --- JSON and JSON Lines -------------------------------------------------------------------


@pytest.mark.parametrize(
    "out",
    [io.StringIO(), EncodedIO("UTF-8"), EncodedIO("utf_8")],
    ids=["no-encoding", "UTF-8", "utf_8"],
)
def test_json_keeps_non_ascii_on_utf8(out):
    text = render("json", out)
    assert json.loads(text) == RECORDS
    assert "泰国" in text and "Việt" in text
    assert "\\u" not in text
    assert text.endswith("\n")


@pytest.mark.parametrize("encoding", ["ascii", "ANSI_X3.4-1968", "latin-1"])
def test_json_is_escaped_on_non_utf8_stream(encoding):
    text = render("json", EncodedIO(encoding))
    text.encode("ascii")  # raises if anything was left unescaped
    assert "\\u6cf0\\u56fd" in text
    assert json.loads(text) == RECORDS


def test_jsonl_one_object_per_line():
    text = render("jsonl")
    lines = text.splitlines()
    assert len(lines) == len(RECORDS)
    assert [json.loads(line) for line in lines] == RECORDS
    assert "泰国" in text
    ascii_text = render("jsonl", EncodedIO("ascii"))
    ascii_text.encode("ascii")
    assert [json.loads(line) for line in ascii_text.splitlines()] == RECORDS


def test_jsonl_multiline_strings_stay_on_one_line():
    view = View(COLUMNS, [], [{"note": "a\nb\r\nc"}, {"note": "\u2028"}])
    out = io.StringIO()
    emit(view, "jsonl", out)
    assert out.getvalue().count("\n") == 2
    notes = [json.loads(x)["note"] for x in out.getvalue().split("\n")[:2]]
    assert notes == ["a\nb\r\nc", "\u2028"]


def test_json_empty_view():
    out = io.StringIO()
    emit(View(COLUMNS, [], []), "json", out)
    assert json.loads(out.getvalue()) == []


# --- TSV and CSV ---------------------------------------------------------------------------


def test_tsv_machine_values():
    lines = render("tsv").split("\n")
    assert lines[-1] == ""
    header, first, second = (line.split("\t") for line in lines[:-1])
    assert header == [c.key for c in COLUMNS]
    assert first == [
        "泰国 Thailand",
        "5570000000000",
        "9.6",
        "true",
        "S1;S2",
        "tab here newline",
        "",
    ]
    assert second[:5] == ["Việt Nam", "982100000000", "-1.7", "false", ""]
    assert second[5] == 'quote " and, comma'
    assert json.loads(second[6]) == {"a": "东盟", "b": 2}
    assert second[6] == '{"a": "东盟", "b": 2}'


def test_tsv_rows_stay_one_line_each():
    nasty = [Row(x="a\tb", y="c\r\nd", z=["e\nf", "g\th"]), Row(x="\r", y="\n\n", z=None)]
    cols = [Column(k, k.upper(), lambda r, k=k: getattr(r, k)) for k in "xyz"]
    out = io.StringIO()
    emit(View(cols, nasty, []), "tsv", out)
    lines = out.getvalue().split("\n")
    assert len(lines) == 4 and lines[-1] == ""
    assert all(len(line.split("\t")) == 3 for line in lines[:-1])
    assert "\r" not in out.getvalue()
    assert lines[1].split("\t") == ["a b", "c  d", "e f;g h"]


def test_csv_parses_back():
    text = render("csv")
    assert "\r" not in text  # lineterminator is "\n"
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == [c.key for c in COLUMNS]
    assert rows[1] == [
        "泰国 Thailand",
        "5570000000000",
        "9.6",
        "true",
        "S1;S2",
        "tab\there\nnewline",
        "",
    ]
    assert rows[2][:6] == ["Việt Nam", "982100000000", "-1.7", "false", "", 'quote " and, comma']
    assert len(rows) == 3


def test_csv_value_with_carriage_return_parses_back():
    cols = [Column("a", "A", lambda r: r), Column("b", "B", lambda r: "x")]
    out = io.StringIO()
    emit(View(cols, ["line1\rline2"], []), "csv", out)
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert rows == [["a", "b"], ["line1\rline2", "x"]]


# --- table ---------------------------------------------------------------------------------


def test_table_for_people():
    text = render("table", title="China–ASEAN trade", caption="Sources: S1, S2.")
    assert "\x1b" not in text
    for header in ("Country", "US dollars", "YoY", "Member", "Sources"):
        assert header in text
    for human in (
        "about USD 5.57 tn",
        "USD 982.1 bn",
        "+9.6%",
        "-1.7%",
        "yes",
        "no",
        "S1, S2",
        "泰国 Thailand",
        "Việt Nam",
        "China–ASEAN trade",
        "Sources: S1, S2.",
    ):
        assert human in text
    # machine-only columns stay out of the table
    assert "Note" not in text and "Extra" not in text and "newline" not in text
    assert "5570000000000" not in text and "true" not in text


def test_table_notes_and_cell_text_are_not_markup():
    view = View([Column("k", "Key", lambda r: r)], ["[bold]x[/bold]"], [], notes=["[red]n[/red]"])
    out = io.StringIO()
    emit(view, "table", out)
    text = out.getvalue()
    assert "[bold]x[/bold]" in text and "[red]n[/red]" in text
    assert "\x1b" not in text


def test_unknown_format():
    with pytest.raises(ValueError, match="xml"):
        emit(make_view(), "xml", io.StringIO())
    assert FORMATS == ("table", "tsv", "csv", "json", "jsonl")


# --- choose_format -------------------------------------------------------------------------


def test_choose_format(monkeypatch):
    assert choose_format(None, True, TtyIO()) == "json"
    assert choose_format("csv", True, io.StringIO()) == "json"
    assert choose_format("csv", False, TtyIO()) == "csv"
    assert choose_format("table", False, io.StringIO()) == "table"
    assert choose_format(None, False, TtyIO()) == "table"
    assert choose_format(None, False, io.StringIO()) == "tsv"
    closed = io.StringIO()
    closed.close()
    assert choose_format(None, False, closed) == "tsv"
    assert choose_format(None, False, object()) == "tsv"  # type: ignore[arg-type]
    monkeypatch.setattr(sys, "stdout", TtyIO())
    assert choose_format(None, False) == "table"
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert choose_format(None, False) == "tsv"


# --- humanising helpers --------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, text",
    [
        (5570000000000, "5.57 tn"),
        (982100000000, "982.1 bn"),
        (362850000000, "362.85 bn"),
        (1673700000000, "1.6737 tn"),
        (7000, "7,000"),
        (7000.0, "7,000"),
        (0, "0"),
        (10**12, "1 tn"),
        (10 * 10**12, "10 tn"),
        (10**9, "1 bn"),
        (2_500_000, "2.5 m"),
        (999_999, "999,999"),
        (-5570000000000, "-5.57 tn"),
        (1234.5, "1,234.5"),
        (-1.75, "-1.75"),
        (None, ""),
    ],
)
def test_human_number(value, text):
    assert human_number(value) == text


@pytest.mark.parametrize("value, text", [(10**13, "10 tn"), (1230.4, "1,230")])
def test_human_number_zero_digits(value, text):
    assert human_number(value, digits=0) == text


def test_human_number_digits():
    assert human_number(1673700000000, digits=2) == "1.67 tn"
    assert human_number(1.23456789, digits=3) == "1.235"


@pytest.mark.parametrize(
    "args, text",
    [
        ((5570000000000, "USD", "about"), "about USD 5.57 tn"),
        ((982100000000, "USD", "over"), "over USD 982.1 bn"),
        ((362850000000, "CNY", "nearly"), "nearly CNY 362.85 bn"),
        ((7000, "USD", None), "USD 7,000"),
        ((7000, None, "about"), "about 7,000"),
        ((7000, "USD", "exactly"), "USD 7,000"),  # unknown qualifier is dropped
        ((None, "USD", "about"), ""),
    ],
)
def test_human_money(args, text):
    assert human_money(*args) == text


def test_human_money_without_currency():
    assert human_money(5570000000000, "USD", "about", with_currency=False) == "about 5.57 tn"


@pytest.mark.parametrize(
    "value, signed, text",
    [
        (9.6, True, "+9.6%"),
        (-1.7, True, "-1.7%"),
        (9.6, False, "9.6%"),
        (10, True, "+10%"),
        (10.0, False, "10%"),
        (0, True, "+0%"),
        (12.345, True, "+12.35%"),
        (0.05, False, "0.05%"),
        (-20, False, "-20%"),
        (None, True, ""),
    ],
)
def test_human_pct(value, signed, text):
    assert human_pct(value, signed=signed) == text


# --- the drawings kept in the cache ------------------------------------------------------


@pytest.fixture()
def drawings(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Caching on, in a fresh folder; returns the folder drawings are kept in."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("CNASEAN_NO_CACHE", raising=False)
    return tmp_path / "cnasean" / "tables"


def drawn(view: View, out: io.StringIO | None = None) -> str:
    out = out or TtyIO()
    emit(view, "table", out)
    return out.getvalue()


def test_a_kept_drawing_is_the_drawing(drawings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = drawn(make_view(title="T", caption="C", notes=["n"]))
    assert len(list(drawings.iterdir())) == 1
    kept = drawn(make_view(title="T", caption="C", notes=["n"]))
    assert kept == fresh
    monkeypatch.setenv("CNASEAN_NO_CACHE", "1")
    assert drawn(make_view(title="T", caption="C", notes=["n"])) == fresh


def test_a_kept_drawing_is_used_without_drawing_again(
    drawings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cnasean.output import table

    first = drawn(make_view())

    def no_drawing(*_: Any) -> str:
        raise AssertionError("drawn again")

    monkeypatch.setattr(table, "draw", no_drawing)
    assert drawn(make_view()) == first
    with pytest.raises(AssertionError, match="drawn again"):
        drawn(make_view(title="another title"))  # other cells: drawn


STYLED = [Column("k", "Key", lambda r: r.country, style="green"), *COLUMNS[1:4]]


@pytest.mark.parametrize(
    ("name", "first", "second", "stream"),
    [
        ("COLUMNS", "30", "120", TtyIO),  # cards, then a table
        ("NO_COLOR", None, "1", TtyIO),
        ("TERM", "xterm-256color", "dumb", TtyIO),
        ("FORCE_COLOR", None, "1", io.StringIO),  # a pipe, then colours forced
    ],
)
def test_what_rich_reads_is_part_of_the_key(
    drawings: Any,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    first: str | None,
    second: str,
    stream: Any,
) -> None:
    def view() -> View:
        return View(STYLED, ROWS, [], title="T")

    outputs = []
    for value in (first, second):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
        monkeypatch.delenv("CNASEAN_NO_CACHE", raising=False)
        kept = (drawn(view(), stream()), drawn(view(), stream()))
        monkeypatch.setenv("CNASEAN_NO_CACHE", "1")
        outputs.append((kept, drawn(view(), stream())))
    for (a, b), fresh in outputs:
        assert a == b == fresh  # never a drawing made for other settings
    assert outputs[0][1] != outputs[1][1]


def test_a_pipe_and_a_terminal_are_kept_apart(drawings: Any) -> None:
    on_terminal = drawn(make_view(), TtyIO())
    in_pipe = drawn(make_view(), io.StringIO())
    assert drawn(make_view(), io.StringIO()) == in_pipe
    assert drawn(make_view(), TtyIO()) == on_terminal


def test_other_code_never_reuses_a_drawing(drawings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from cnasean.output import drawcache, table, terminal

    before = drawcache.entry(table.spec(make_view()), terminal.resolve(TtyIO()))
    monkeypatch.setattr(drawcache, "code", lambda: ("rich", "upgraded"))
    after = drawcache.entry(table.spec(make_view()), terminal.resolve(TtyIO()))
    assert before is not None and after is not None and before[1] != after[1]


def test_only_the_newest_drawings_are_kept(drawings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from cnasean.output import drawcache

    monkeypatch.setattr(drawcache, "KEPT", 5)
    for i in range(12):
        drawn(make_view(title=f"table {i}"))
    assert len(list(drawings.iterdir())) == 5


def test_a_damaged_drawing_is_drawn_again(drawings: Any) -> None:
    fresh = drawn(make_view())
    for f in drawings.iterdir():
        f.write_bytes(b"\x00damaged")
    assert drawn(make_view()) == fresh


def test_large_tables_are_not_kept(drawings: Any) -> None:
    cols = [Column("k", "Key", lambda r: r)]
    drawn(View(cols, [str(i) for i in range(5000)], []))
    assert not drawings.exists() or not list(drawings.iterdir())


def test_an_unwritable_cache_only_costs_time(
    drawings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pathlib import Path

    blocker = Path(str(drawings)).parent.parent / "cnasean"
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("a file where the folder should be")
    fresh = drawn(make_view())
    assert drawn(make_view()) == fresh


# --- JSON as the json module writes it ---------------------------------------------------


def test_every_command_writes_the_json_the_json_module_would(run: Any) -> None:
    for args in (
        ["trade", "--json"],
        ["visa", "--json"],
        ["infra", "--json"],
        ["events", "--json"],
        ["country", "vietnam", "--json"],
        ["trade", "--list", "--format", "jsonl"],
    ):
        out = run(*args).stdout
        if args[-1] == "jsonl":
            lines = out.splitlines()
            assert lines and all(json.dumps(json.loads(x), ensure_ascii=False) == x for x in lines)
        else:
            assert out == json.dumps(json.loads(out), ensure_ascii=False, indent=2) + "\n"


# --- the terminal, resolved once, and Rich told all of it -----------------------------------

ENVIRONMENTS = [
    {},
    {"COLUMNS": "30"},
    {"COLUMNS": "200", "LINES": "40"},
    {"COLUMNS": "abc", "LINES": "x"},
    {"COLUMNS": ""},
    {"LINES": "30"},
    {"NO_COLOR": "1"},
    {"NO_COLOR": ""},
    {"TERM": "dumb"},
    {"TERM": "dumb", "COLUMNS": "100"},
    {"TERM": "dumb", "COLUMNS": "100", "LINES": "30"},
    {"TERM": "unknown"},
    {"TERM": "xterm-256color"},
    {"TERM": "xterm-kitty"},
    {"TERM": "xterm-16color", "COLORTERM": "24bit"},
    {"COLORTERM": "truecolor"},
    {"FORCE_COLOR": "1"},
    {"FORCE_COLOR": ""},
    {"FORCE_COLOR": "1", "TERM": "dumb"},
    {"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"},
    {"TTY_COMPATIBLE": "1"},
    {"TTY_INTERACTIVE": "0"},
    {"TTY_INTERACTIVE": "1", "TERM": "dumb"},
    {"JUPYTER_COLUMNS": "50", "JUPYTER_LINES": "20"},
]
STREAMS = {"tty": TtyIO, "pipe": io.StringIO, "ascii pipe": lambda: EncodedIO("ascii")}


def rich_reading(stream: Any, env: dict[str, str]) -> Any:
    """A Console as cnasean made one before the Terminal: Rich reading ``env`` itself."""
    from rich.console import Console

    from cnasean.output.terminal import PIPE_WIDTH

    width = None if stream.isatty() or env.get("COLUMNS") else PIPE_WIDTH
    return Console(file=stream, width=width, highlight=False, soft_wrap=False, _environ=env)


def as_rich_sees(console: Any) -> tuple[Any, ...]:
    return (
        tuple(console.size),
        console.color_system,
        console.is_terminal,
        console.is_interactive,
        console.no_color,
        console.is_jupyter,
        console.legacy_windows,
        console.encoding,
    )


def as_resolved(t: Any) -> tuple[Any, ...]:
    return (
        (t.width, t.height),
        t.color_system,
        t.is_terminal,
        t.interactive,
        t.no_color,
        t.jupyter,
        t.legacy_windows,
        t.encoding,
    )


@pytest.mark.parametrize("stream", list(STREAMS), ids=list(STREAMS))
@pytest.mark.parametrize("env", ENVIRONMENTS, ids=[repr(e) for e in ENVIRONMENTS])
def test_the_terminal_is_what_rich_would_see(stream: str, env: dict[str, str]) -> None:
    from cnasean.output.table import console_for
    from cnasean.output.terminal import resolve

    resolved = resolve(STREAMS[stream](), env)
    assert as_resolved(resolved) == as_rich_sees(rich_reading(STREAMS[stream](), env))
    assert as_rich_sees(console_for(resolved)) == as_resolved(resolved)


@pytest.mark.parametrize("stream", list(STREAMS), ids=list(STREAMS))
@pytest.mark.parametrize("env", ENVIRONMENTS, ids=[repr(e) for e in ENVIRONMENTS])
def test_a_drawing_is_what_rich_reading_the_environment_drew(
    stream: str, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from cnasean.output import table
    from cnasean.output.terminal import resolve

    spec = table.spec(View(STYLED, ROWS, [], title="T", caption="C", notes=["n"]))
    cards = table.spec(View(STYLED, ROWS, [], layout="cards"))
    resolved = resolve(STREAMS[stream](), env)
    ours = (table.draw(spec, resolved), table.draw(cards, resolved))
    monkeypatch.setattr(table, "console_for", lambda _: rich_reading(STREAMS[stream](), env))
    assert ours == (table.draw(spec, resolved), table.draw(cards, resolved))


def test_the_terminal_in_a_notebook(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    from cnasean.output.terminal import resolve

    class ZMQInteractiveShell:
        pass

    monkeypatch.setattr(builtins, "get_ipython", ZMQInteractiveShell, raising=False)
    for env in ({}, {"JUPYTER_COLUMNS": "50", "JUPYTER_LINES": "20", "FORCE_COLOR": "1"}):
        resolved = resolve(TtyIO(), env)
        assert resolved.jupyter and not resolved.is_terminal
        assert as_resolved(resolved) == as_rich_sees(rich_reading(TtyIO(), env))


def test_rich_reads_no_environment_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    from cnasean.output import table
    from cnasean.output.terminal import resolve

    spec = table.spec(View(STYLED, ROWS, [], title="T"))
    resolved = resolve(TtyIO(), {"COLUMNS": "90", "LINES": "30", "TERM": "xterm-256color"})
    clean = table.draw(spec, resolved)
    assert "\x1b[" in clean  # colours, as the terminal was resolved
    for name, value in {
        "COLUMNS": "33",
        "LINES": "5",
        "TERM": "dumb",
        "NO_COLOR": "1",
        "TTY_COMPATIBLE": "0",
        "TTY_INTERACTIVE": "0",
        "FORCE_COLOR": "",
        "COLORTERM": "truecolor",
        "JUPYTER_COLUMNS": "20",
    }.items():
        monkeypatch.setenv(name, value)
    assert as_rich_sees(table.console_for(resolved)) == as_resolved(resolved)
    assert table.draw(spec, resolved) == clean


def test_the_terminal_is_resolved_once_for_a_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    from cnasean.output.formats import plain_text, terminal_width
    from cnasean.output.terminal import current

    monkeypatch.setenv("COLUMNS", "77")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    stdout = TtyIO()
    monkeypatch.setattr(sys, "stdout", stdout)
    first = current()
    assert (first.width, first.columns, terminal_width(), plain_text()) == (77, 77, 77, False)
    monkeypatch.setenv("COLUMNS", "55")
    assert current() is first and current(stdout) is first and terminal_width() == 77
    other = TtyIO()
    assert current(other).width == 55  # another stream: resolved afresh
    assert current(EncodedIO("ascii")).plain


def test_plain_text_and_chart_width(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from cnasean.output.terminal import resolve

    def no_terminal(fd: int = 1) -> Any:
        raise OSError("not a terminal")

    monkeypatch.setattr(os, "get_terminal_size", no_terminal)
    assert not resolve(io.StringIO(), {}).plain
    assert resolve(io.StringIO(), {"TERM": "dumb"}).plain
    assert resolve(io.StringIO(), {"NO_COLOR": ""}).plain  # set, even empty
    assert resolve(EncodedIO("latin-1"), {}).plain and resolve(EncodedIO("ascii"), {}).ascii_only
    assert not resolve(EncodedIO("UTF_8"), {}).ascii_only
    for value, columns in (("100", 100), (" 64 ", 64), ("0", 80), ("-3", 80), ("x", 80)):
        # as shutil.get_terminal_size reads COLUMNS (80: no terminal behind stdout)
        assert resolve(io.StringIO(), {"COLUMNS": value}).columns == columns


@pytest.mark.parametrize(("vt", "truecolor"), [(False, False), (True, False), (True, True)])
@pytest.mark.parametrize("env", [{}, {"COLUMNS": "90"}, {"COLUMNS": "90", "LINES": "20"}])
def test_the_terminal_on_windows(
    monkeypatch: pytest.MonkeyPatch, vt: bool, truecolor: bool, env: dict[str, str]
) -> None:
    """Windows, as far as it can be shown here: Rich and the Terminal told the same console."""
    import rich._windows
    import rich.console

    from cnasean.output import table, terminal

    features = rich._windows.WindowsConsoleFeatures(vt=vt, truecolor=truecolor)
    monkeypatch.setattr(rich.console, "WINDOWS", True)
    monkeypatch.setattr(rich.console, "_windows_console_features", features)
    monkeypatch.setattr(rich._windows, "get_windows_console_features", lambda: features)
    monkeypatch.setattr(terminal, "_WINDOWS", True)
    for stream in (TtyIO, io.StringIO):
        resolved = terminal.resolve(stream(), env)
        assert resolved.legacy_windows is not vt
        assert as_resolved(resolved) == as_rich_sees(rich_reading(stream(), env))
        assert as_rich_sees(table.console_for(resolved)) == as_resolved(resolved)
