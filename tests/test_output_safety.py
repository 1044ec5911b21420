"""Nothing from the data file acts on the terminal, and nothing false is printed (issue 12).

Text in a data file is shown, never obeyed: control characters become visible escapes in every
human output (tables, TSV, citations, answers, notes, errors), Rich never reads data as markup,
and validation refuses both in the first place. Also: COLUMNS that make no sense, a full disk
on stdout, Ctrl-C at start-up, and very long search arguments.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import in_process

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "data" / "db.json"

# Window title (OSC 0), clipboard write (OSC 52), screen clear, concealed text (SGR 8), NUL,
# a C1 CSI (U+009B) and a right-to-left override.
ATTACK = "\x1b]0;PWNED\x07\x1b]52;c;ZXZpbA==\x07\x1b[2J\x1b[8mhidden\x1b[0m\x00\x9b31m\u202eevil"
# What must never reach stdout or stderr from data: an OSC (window title, clipboard, OSC 8
# links), a screen clear, concealed text, NUL, BEL, C1 CSI, a bidirectional override.
FORBIDDEN = ("\x1b]", "\x1b[2J", "\x1b[8m", "\x00", "\x07", "\x9b", "\u202e")
LINK_ID = "[link=https://evil.example]x[/link]"
BOLD_ID = "[bold"
EVENT_ID = "event-\x1b[2Jx"


def _rename(node: Any, old: str, new: str) -> Any:
    """Every list item ``old`` (a source cited) renamed ``new``, everywhere in ``node``."""
    if isinstance(node, dict):
        return {k: _rename(v, old, new) for k, v in node.items()}
    if isinstance(node, list):
        return [new if item == old else _rename(item, old, new) for item in node]
    return node


def hostile_data() -> dict[str, Any]:
    """The shipped data with attacks in source ids, titles, publishers, notes, names, record
    ids: what a hand-edited or downloaded file may hold (reads do not validate it)."""
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    data = _rename(_rename(data, "T12", LINK_ID), "T13", BOLD_ID)
    for doc in data["sources"].values():
        if doc["id"] == "T12":
            doc["id"] = LINK_ID
        if doc["id"] in (LINK_ID, "T13"):
            doc.update(publisher="Pub" + ATTACK, title="Title PWNED" + ATTACK, note=ATTACK)
        if doc["id"] == "T13":
            doc["id"] = BOLD_ID
    for doc in data["trade"].values():
        if LINK_ID in doc["sources"]:
            doc["note"] = "Note" + ATTACK
    visa = next(d for d in data["visa"].values() if d["id"] == "visa-cn-th-mutual-2024")
    visa.update(name="Rule" + ATTACK, conditions=["Cond" + ATTACK], note=ATTACK)
    visa["id"] = "visa-\x1b]0;x\x07"
    infra = next(d for d in data["infrastructure"].values() if d["id"] == "china-laos-railway")
    infra.update(name="Railway" + ATTACK, endpoints=ATTACK, note=ATTACK, financing=ATTACK)
    event = next(d for d in data["events"].values() if "LA" in d["countries"])
    event.update(id=EVENT_ID, title="Event PWNED" + ATTACK, place=ATTACK, note=ATTACK)
    return data


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "db.json"
    path.write_text(json.dumps(hostile_data(), ensure_ascii=False), encoding="utf-8")
    return path


def clean(r: subprocess.CompletedProcess[str]) -> None:
    """No crash and no byte from the data that a terminal would act on."""
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr, r.stderr
    for stream in (r.stdout, r.stderr):
        for bad in FORBIDDEN:
            assert bad not in stream, (bad, stream[:2000])


HOSTILE_COMMANDS = [
    ["trade"],
    ["trade", "--list", "--reporter", "all"],
    ["visa"],
    ["visa", "--country", "thailand"],
    ["visa", "--country", "thailand", "--history"],
    ["infra"],
    ["infra", "show", "china-laos-railway"],
    ["events"],
    ["country", "laos"],
    ["country", "thailand"],
    ["search", "pwned"],
    ["search", "railway"],
    ["sources"],
    ["sources", LINK_ID, BOLD_ID],
]
MODES = {
    "tsv": ([], {}),
    "table": (["-f", "table"], {"COLUMNS": "100"}),
    "colour": (["-f", "table"], {"COLUMNS": "100", "FORCE_COLOR": "1", "TERM": "xterm"}),
    "narrow": (["-f", "table"], {"COLUMNS": "30"}),
}


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("args", HOSTILE_COMMANDS, ids=" ".join)
def test_hostile_data_is_shown_not_obeyed(cli, hostile_db, args, mode):
    extra, env = MODES[mode]
    r = cli(*args, *extra, "--db", hostile_db, env=env)
    assert r.returncode == 0, r.stderr
    clean(r)


@pytest.mark.parametrize(
    "args",
    [
        ["cite", LINK_ID],
        ["cite", BOLD_ID],
        ["cite", "china-laos-railway"],
        ["cite", LINK_ID, "--format", "bibtex"],
        ["cite", LINK_ID, "--format", "csl"],
        ["ask", "How much did China and ASEAN trade in 2025?"],
        ["ask", "How long is the China-Laos railway?"],
        ["ask", "Do Chinese citizens need a visa for Thailand?"],
        ["trade", "--chart"],
        ["visa", "-c", "thailand", "--history", "--chart"],
    ],
    ids=" ".join,
)
def test_hostile_data_in_text_outputs(cli, hostile_db, args):
    r = cli(*args, "--db", hostile_db, env={"COLUMNS": "100"})
    assert r.returncode == 0, r.stderr
    clean(r)


def test_escapes_are_visible_and_exact(cli, hostile_db):
    """The citation shows each control character as an escape, and nothing else changes."""
    r = cli("cite", LINK_ID, "--db", hostile_db)
    assert r.returncode == 0, r.stderr
    shown = (
        "\\x1b]0;PWNED\\x07\\x1b]52;c;ZXZpbA==\\x07\\x1b[2J\\x1b[8mhidden\\x1b[0m\\x00\\u009b31m"
    )
    assert "Pub" + shown + "\\u202eevil." in r.stdout


def test_csl_json_stays_json(cli, hostile_db):
    """CSL JSON with controls escaped is the same JSON: every value reads back as stored."""
    r = cli("cite", LINK_ID, "--format", "csl", "--db", hostile_db)
    assert r.returncode == 0, r.stderr
    clean(r)
    assert json.loads(r.stdout)[0]["publisher"] == "Pub" + ATTACK


def test_markup_in_ids_is_text(cli, hostile_db):
    """A source id with Rich markup is shown as it is: no link, no crash, no lost brackets."""
    for env in ({"COLUMNS": "400"}, {"COLUMNS": "400", "FORCE_COLOR": "1", "TERM": "xterm"}):
        r = cli("trade", "-f", "table", "--db", hostile_db, env=env)
        assert r.returncode == 0, r.stderr
        assert "\x1b]8;" not in r.stdout  # OSC 8: a hyperlink
        assert LINK_ID in r.stdout and BOLD_ID in r.stdout
    r = cli("sources", LINK_ID, "-f", "table", "--db", hostile_db, env={"COLUMNS": "200"})
    assert r.returncode == 0 and LINK_ID in r.stdout, r.stderr


def test_tsv_keeps_one_row_per_record(cli, hostile_db):
    """In TSV a tab or line break in a value is a space (as always): one record, one row."""
    data = hostile_data()
    doc = next(d for d in data["events"].values() if d["id"] == EVENT_ID)
    doc["title"] = "two\nlines\tand\r" + ATTACK
    hostile_db.with_name("tsv.json").write_text(json.dumps(data), encoding="utf-8")
    r = cli("events", "--db", hostile_db.with_name("tsv.json"))
    assert r.returncode == 0, r.stderr
    clean(r)
    rows = r.stdout.splitlines()
    assert len(rows) == 1 + len(data["events"])
    assert all(row.count("\t") == rows[0].count("\t") for row in rows)
    assert "two lines and \\x1b]0;PWNED" in r.stdout


def test_error_lines_show_data_escaped(cli, hostile_db):
    """An error quoting the data is one line, its controls escaped."""
    r = cli("infra", "show", "no such\x1b]0;x\x07\nproject", "--db", hostile_db)
    assert r.returncode == 2
    clean(r)
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr


def _pty_run(cli_bin: Path, base_env: dict[str, str], args: list[str]) -> tuple[int, bytes]:
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [str(cli_bin), *args],
        stdout=slave,
        stderr=slave,
        stdin=subprocess.DEVNULL,
        env={**base_env, "TERM": "xterm-256color", "COLUMNS": "160"},
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return proc.wait(timeout=60), b"".join(chunks)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
@pytest.mark.parametrize(
    "args", [["trade"], ["visa", "-c", "th"], ["search", "pwned"], ["cite", LINK_ID]]
)
def test_on_a_real_terminal(cli_bin, base_env, hostile_db, args):
    rc, out = _pty_run(cli_bin, base_env, [*args, "--db", str(hostile_db)])
    assert rc == 0, out
    for bad in FORBIDDEN:
        assert bad.encode() not in out, (bad, out[:2000])
    assert b"Traceback" not in out


def test_version_line_escapes_the_data_version(cli, tmp_path):
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    next(iter(data["meta"].values()))["data_version"] = "1" + ATTACK
    path = tmp_path / "db.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    r = cli("--db", path, "--version")
    assert r.returncode == 0, r.stderr
    clean(r)
    assert len(r.stdout.splitlines()) == 1 and "(data 1\\x1b]0;PWNED" in r.stdout


# --------------------------------------------------------------------------------------------
# Validation: what the output would escape is refused on every write, and by db validate
# --------------------------------------------------------------------------------------------


def test_shipped_ids_fit_the_safe_alphabet(shipped_raw):
    from cnasean.store.validate import ID_MAX, ID_PATTERN, validate_data

    bad = [
        (table, doc["id"])
        for table, docs in shipped_raw.items()
        for doc in docs
        if "id" in doc and (len(doc["id"]) > ID_MAX or not re.fullmatch(ID_PATTERN, doc["id"]))
    ]
    assert bad == []
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    assert validate_data(data) == []


def test_validate_lists_every_unsafe_text(cli, hostile_db):
    r = cli("db", "validate", hostile_db, "-f", "json")
    assert r.returncode == 3, r.stderr
    clean(r)
    problems = json.loads(r.stdout)
    found = {(p["table"], p["record_id"], p["message"].split(" holds")[0]) for p in problems}
    for field in ("publisher", "title", "note"):
        assert ("sources", LINK_ID, f"field {field!r}") in found
    assert ("visa", "visa-\x1b]0;x\x07", "field 'conditions[0]'") in found
    assert ("events", EVENT_ID, "field 'place'") in found
    ids = [p for p in problems if "must be at most 100 letters" in p["message"]]
    assert {p["record_id"] for p in ids} == {LINK_ID, BOLD_ID, "visa-\x1b]0;x\x07", EVENT_ID}
    r = cli("db", "validate", hostile_db)  # TSV: one problem a line
    assert r.returncode == 3
    clean(r)
    assert len(r.stdout.splitlines()) == 1 + len(problems)


SOURCE = {
    "id": "S1",
    "publisher": "Test",
    "title": "A page",
    "url": "https://example.org/s1",
    "published": "2024-01-01",
    "retrieved": "2025-01-31",
    "kind": "official",
    "note": None,
    "also_urls": [],
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"id": LINK_ID}, "must be at most 100 letters"),
        ({"id": BOLD_ID}, "must be at most 100 letters"),
        ({"id": "x" * 101}, "must be at most 100 letters"),
        ({"id": "S 1"}, "must be at most 100 letters"),
        ({"id": "-S1"}, "must be at most 100 letters"),
        ({"title": "A\x1b]0;x\x07page"}, "field 'title' holds the control character \\x1b"),
        ({"publisher": "A\x00"}, "field 'publisher' holds the control character \\x00"),
        ({"publisher": "A\x9b2J"}, "field 'publisher' holds the control character \\u009b"),
        ({"title": "two\nlines"}, "field 'title' holds the control character \\n"),
        ({"note": "carriage\rreturn"}, "field 'note' holds the control character \\r"),
        ({"note": "bidi \u202e"}, "field 'note' holds the control character \\u202e"),
        ({"also_urls": ["https://x\x07"]}, "field 'also_urls[0]' holds the control character"),
    ],
)
def test_db_add_refuses_unsafe_text(cli, mini_db, change, message):
    before = mini_db.read_bytes()
    doc = {**SOURCE, **change}
    r = cli("db", "add", "sources", "--record", json.dumps(doc), "--db", mini_db)
    assert r.returncode == 2, (r.stdout, r.stderr)
    clean(r)
    assert len(r.stderr.strip().splitlines()) == 1 and message in r.stderr, r.stderr
    assert mini_db.read_bytes() == before


def test_notes_may_hold_line_breaks_and_tabs(cli, mini_db):
    doc = {**SOURCE, "id": "S1.v2:a_b-c", "note": "line one\nline two\tand a tab"}
    r = cli("db", "add", "sources", "--record", json.dumps(doc), "--db", mini_db)
    assert r.returncode == 0, r.stderr
    r = cli("db", "validate", "--db", mini_db)
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.parametrize(
    ("field", "value", "ok"),
    [
        ("note", '"checked\\nagain"', True),
        ("note", '"\\u001b[2J"', False),
        ("conditions", '["a\\u0007"]', False),
        ("note", "plain text", True),
    ],
)
def test_db_set_checks_control_characters(cli, mini_db, field, value, ok):
    r = cli("db", "set", "visa-cn-th-mutual-2024", field, value, "--db", mini_db)
    assert r.returncode == (0 if ok else 2), r.stderr
    clean(r)
    if not ok:
        assert "holds the control character" in r.stderr


def test_db_import_refuses_unsafe_text(cli, mini_db, tmp_path):
    before = mini_db.read_bytes()
    bad = tmp_path / "new.jsonl"
    bad.write_text(json.dumps({**SOURCE, "title": ATTACK}) + "\n", encoding="utf-8")
    for dry in ([], ["--dry-run"]):
        r = cli("db", "import", bad, "--kind", "sources", *dry, "--db", mini_db)
        assert r.returncode == 2, (r.stdout, r.stderr)
        clean(r)
        assert "field 'title' holds the control character \\x1b" in r.stderr
    assert mini_db.read_bytes() == before


# --------------------------------------------------------------------------------------------
# COLUMNS that make no sense, and tiny terminals
# --------------------------------------------------------------------------------------------

TABLES = [["sources", "T1", "T16", "V12"], ["trade"], ["events", "--since", "2025-10"], ["visa"]]


@pytest.mark.parametrize("columns", ["0", "00", "-1", "-80", "abc", "1e3"])
@pytest.mark.parametrize("args", TABLES, ids=" ".join)
def test_nonsense_columns_are_ignored(sh, args, columns):
    """COLUMNS=0 drew every cell empty: 0, negative or not a number is no setting at all,
    the same drawing as without a terminal size (80 columns, as Rich's default)."""
    r = sh(*args, "-f", "table", env={"COLUMNS": columns})
    assert r.returncode == 0, r.stderr
    assert r.stdout == sh(*args, "-f", "table", env={"COLUMNS": "80"}).stdout
    assert max(map(len, r.stdout.splitlines())) > 40


def test_zero_columns_on_a_terminal_is_the_terminal_size():
    from cnasean.output.terminal import resolve

    class Tty:
        encoding = "utf-8"

        def isatty(self) -> bool:
            return True

    assert resolve(Tty(), {"COLUMNS": "0"}).width == resolve(Tty(), {}).width
    assert resolve(Tty(), {"COLUMNS": "0", "LINES": "0"}).height == resolve(Tty(), {}).height


def _squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("columns", [1, 2, 3, 5, 8, 10, 15, 19, 20, 25, 39])
def test_tiny_widths_show_every_value(sh, columns):
    """However narrow, every value is drawn (label above value, folded), none cut or empty."""
    tsv = sh("sources", "T1", "T16", "V12", "-f", "tsv").stdout.splitlines()
    r = sh("sources", "T1", "T16", "V12", "-f", "table", env={"COLUMNS": str(columns)})
    assert r.returncode == 0, r.stderr
    shown = _squeezed(r.stdout)
    header = tsv[0].split("\t")
    for line in tsv[1:]:
        for key, value in zip(header, line.split("\t"), strict=True):
            if value and key != "retrieved":  # retrieved: in TSV and JSON only
                assert _squeezed(value) in shown, (key, value)
    if columns < 20:  # stacked at 20 columns, not a column of single characters
        assert max(map(len, r.stdout.splitlines())) >= 15


# --------------------------------------------------------------------------------------------
# A full disk on stdout, and a reader that goes away
# --------------------------------------------------------------------------------------------

FULL_MESSAGE = "cnasean: error: cannot write the output: No space left on device.\n"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "env",
    [{}, {"PYTHONUNBUFFERED": "1"}, {"CNASEAN_NO_FAST_EXIT": "1"}, {"PYTHONUNBUFFERED": None}],
    ids=["default", "unbuffered", "slow exit", "buffered"],
)
@pytest.mark.parametrize(
    "args",
    [
        ["trade"],
        ["trade", "--json"],
        ["trade", "-f", "table"],
        ["cite", "T1"],
        ["--help"],
        ["trade", "--help"],
        ["--version"],
        ["trade", "--debug"],
        ["db", "export"],
    ],
    ids=" ".join,
)
def test_a_full_disk_is_one_line_and_exit_1(cli_bin, base_env, args, env):
    full = {**base_env}
    for k, v in env.items():
        if v is None:
            full.pop(k, None)
        else:
            full[k] = v
    with open("/dev/full", "w") as stdout:
        r = subprocess.run(
            [str(cli_bin), *args],
            stdout=stdout,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=full,
            text=True,
            timeout=60,
            check=False,
        )
    assert (r.returncode, r.stderr) == (1, FULL_MESSAGE)


def test_a_reader_that_goes_away_still_ends_quietly(cli_bin, base_env):
    p = subprocess.Popen(
        [str(cli_bin), "sources", "--json"],  # 200 kB: more than a pipe holds
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=base_env,
    )
    assert p.stdout is not None and p.stderr is not None
    assert p.stdout.readline() == b"[\n"
    p.stdout.close()  # as head -1 does
    err = p.stderr.read()
    # 1 as a broken pipe is; 0 where the system takes the rest without complaint
    assert (p.wait(timeout=60) in (0, 1), err) == (True, b"")


# --------------------------------------------------------------------------------------------
# Ctrl-C at start-up
# --------------------------------------------------------------------------------------------


def _interrupt_after_import(
    cli_bin: Path, base_env: dict[str, str], args: list[str], delay: float
) -> tuple[int, str]:
    """Start the console script, wait until the CLI's own code runs (Python reports each
    import done on stderr, under PYTHONPROFILEIMPORTTIME: the first after the ``cnasean``
    package's is one ``cnasean.cli`` made), then press Ctrl-C ``delay`` seconds later,
    while it imports typer and rich, runs, or ends."""
    import selectors

    env = {**base_env, "PYTHONPROFILEIMPORTTIME": "1"}
    p = subprocess.Popen(
        [str(cli_bin), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    assert p.stderr is not None
    seen = b""
    with selectors.DefaultSelector() as sel:
        sel.register(p.stderr, selectors.EVENT_READ)
        deadline = time.monotonic() + 30
        # The first import done after the package's: one the CLI's first lines made.
        while not re.search(rb"\| +cnasean\n.*\n", seen) and time.monotonic() < deadline:
            if sel.select(timeout=1):
                chunk = os.read(p.stderr.fileno(), 65536)
                if not chunk:
                    break
                seen += chunk
    time.sleep(delay)
    p.send_signal(signal.SIGINT)
    rest = p.stderr.read()
    code = p.wait(timeout=60)
    text = (seen + rest).decode("utf-8", "replace")
    return code, "\n".join(ln for ln in text.splitlines() if not ln.startswith("import time:"))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("args", [["trade"], ["--version"]], ids=" ".join)
def test_ctrl_c_at_start_up_is_quiet(cli_bin, base_env, args):
    """Ctrl-C in the first 150 ms (Python importing typer and rich) printed a traceback:
    from the CLI's first line on, it is exit 130 and one line, or 0 if it had finished."""
    outcomes = []
    for delay in [d / 1000 for d in range(0, 200, 10)]:
        code, err = _interrupt_after_import(cli_bin, base_env, args, delay)
        outcomes.append(code)
        assert "Traceback" not in err and "KeyboardInterrupt" not in err, (delay, err)
        assert code in (0, 130), (delay, code, err)
        if code == 130:
            assert err.strip() == "cnasean: interrupted", (delay, err)
    assert 130 in outcomes


# --------------------------------------------------------------------------------------------
# Very long search texts and questions
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "what"), [("search", "search text"), ("ask", "question")], ids=["search", "ask"]
)
@pytest.mark.parametrize(
    "text",
    ["china " * 18000, "thailand vietnam laos 2024-Q3 2025 visa railway how much " * 1800],
    ids=["one word", "many words"],
)
def test_an_over_long_text_is_refused_at_once(cli, command, what, text):
    """A 110 kB search took over a minute (each word against each record): past 500
    characters it is a usage error, in one line, at once."""
    start = time.monotonic()
    r = cli(command, text)
    assert time.monotonic() - start < 5
    assert r.returncode == 2 and r.stdout == "", r.stderr
    assert r.stderr == (
        f"cnasean: error: The {what} is {len(text)} characters long; at most 500 are read. "
        "Use fewer words.\n"
    )


def test_a_long_search_within_the_limit(sh):
    """500 characters are read (and quickly: each distinct word is looked for once)."""
    start = time.monotonic()
    r = sh("search", ("a " * 250)[:500])
    assert r.returncode == 0, r.stderr
    assert time.monotonic() - start < 5
    assert sh("search", "x" * 501).returncode == 2
    assert sh("search", *["railway"] * 62, "x" * 5).returncode == 2  # the words, joined


@pytest.mark.parametrize("command", ["search", "ask"])
def test_the_limit_is_in_the_help(sh, command):
    r = sh(command, "--help", env={"COLUMNS": "200"})
    assert r.returncode == 0 and "at most 500 characters" in r.stdout


# --- query CSV: the same neutralising as db export --------------------------------------


def test_query_csv_neutralises_formula_cells_and_leaves_numbers(tmp_path: Path) -> None:
    """``-f csv`` of a query is opened in spreadsheets as often as an export: a title that
    starts with ``=`` is written as text (a leading quote), a negative number as a number."""
    import csv as csvmod
    import io

    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    event = next(iter(data["events"].values()))
    event["title"] = '=HYPERLINK("https://evil.example","x")'
    path = tmp_path / "db.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    res = in_process("--db", path, "events", "-f", "csv")
    assert res.returncode == 0, res.stderr
    rows = list(csvmod.DictReader(io.StringIO(res.stdout)))
    titles = [r["title"] for r in rows if r["id"] == event["id"]]
    assert titles == ["'" + event["title"]]
    assert not any(v.startswith("=") for r in rows for v in r.values())
    trade = in_process("trade", "--list", "-f", "csv")
    assert trade.returncode == 0, trade.stderr
    growth = [r["yoy_pct"] for r in csvmod.DictReader(io.StringIO(trade.stdout)) if r["yoy_pct"]]
    assert any(g.startswith("-") for g in growth)  # negative growth stays a number
