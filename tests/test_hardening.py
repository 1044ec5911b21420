"""Hardening: the CLI against arbitrary input, odd terminals and environments, and hostile data.

Three parts:

1. Property tests (Hypothesis) that drive every query command through ``cnasean.cli.main``
   with arbitrary text: CJK, Thai, Vietnamese with diacritics, emoji, control characters,
   bytes that are not UTF-8 (as argv delivers them: lone surrogates), numbers, dates and
   combinations of options, in every output format. Most run in-process for speed (``main``
   with a patched ``sys.argv`` and captured streams); a smaller property runs the installed
   console script with raw bytes in argv.
2. Terminals and environments, in subprocesses (a pseudo-terminal through util-linux
   ``script`` where one is needed): NO_COLOR, TERM=dumb, narrow and wide COLUMNS, ASCII
   locales and encodings, stdout closed early, stdin closed or empty, Ctrl-C. Runs that
   need no process of their own (a pipe's TSV to compare with) run in-process.
3. Hostile data files through ``--db`` and ``CNASEAN_DB``: deep nesting, huge and binary
   files, wrong types in every field, duplicate ids, directories, symlink loops, empty files,
   JSON that is not a data file. Each must end with exit 3 and one line on stderr, quickly.

Behaviour that is wrong today is marked ``xfail(strict=True)`` with the reason: the test
starts passing (and the xfail fails, as a reminder to drop it) once the bug is fixed.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import marshal
import os
import random
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import _SCRUB as CONFTEST_SCRUB
from conftest import in_process

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "data" / "db.json"
MAKE_DB = REPO / "bench" / "make_db.py"
EXE = Path(sys.executable).parent / ("cnasean.exe" if os.name == "nt" else "cnasean")
TIMEOUT = 60  # seconds: any single run taking longer counts as a hang

# What conftest scrubs from every subprocess, and what these tests set themselves.
_SCRUB = (
    *CONFTEST_SCRUB,
    "PYTHONUTF8",
    "PYTHONCOERCECLOCALE",
    "LC_ALL",
    "LC_CTYPE",
    "CNASEAN_NO_CACHE",
    "XDG_CACHE_HOME",
)

FUZZ = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)
FUZZ_SUBPROCESS = settings(FUZZ, max_examples=30)


_SHIPPED_DOC = marshal.dumps(json.loads(SHIPPED.read_text(encoding="utf-8")))


def _shipped() -> dict[str, Any]:
    """A fresh copy of the shipped data, to change (hundreds of tests each take one:
    unmarshalling it is a fifth of reading and parsing the JSON again)."""
    doc: dict[str, Any] = marshal.loads(_SHIPPED_DOC)
    return doc


_DATA = _shipped()
TRADE_IDS = sorted(r["id"] for r in _DATA["trade"].values())
VISA_IDS = sorted(r["id"] for r in _DATA["visa"].values())
PROJECT_IDS = sorted(r["id"] for r in _DATA["infrastructure"].values())
PROJECT_NAMES = sorted(
    {n for r in _DATA["infrastructure"].values() for n in [r["name"], *(r.get("aliases") or [])]}
)
EVENT_IDS = sorted(r["id"] for r in _DATA["events"].values())
SOURCE_IDS = sorted(r["id"] for r in _DATA["sources"].values())


# --------------------------------------------------------------------------------------------
# Running the CLI
# --------------------------------------------------------------------------------------------


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_inproc(args: Sequence[str], env: dict[str, str | None] | None = None) -> Result:
    """``cnasean ARGS`` in this process: ``cnasean.cli.main`` with ``sys.argv`` patched and
    stdout/stderr captured as real UTF-8 text streams (so encoding errors surface, as they
    would on a terminal). An exception that escapes ``main`` is what a user sees as a
    traceback: it is reported in ``err`` as one."""
    import traceback

    import cnasean.store.read
    from cnasean.cli import main

    out_b, err_b = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_b, encoding="utf-8", write_through=True)
    err = io.TextIOWrapper(err_b, encoding="utf-8", write_through=True)
    saved = sys.argv, sys.stdout, sys.stderr
    saved_env = {k: os.environ.get(k) for k in (env or {})}
    for k, v in (env or {}).items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v
    sys.argv, sys.stdout, sys.stderr = ["cnasean", *args], out, err
    crash = ""
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:
        code = 1
        crash = traceback.format_exc()
    finally:
        sys.argv, sys.stdout, sys.stderr = saved
        for k, v in saved_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        cnasean.store.read.clear_cache()
    return Result(
        code,
        out_b.getvalue().decode("utf-8"),  # strict: stdout must be valid UTF-8
        err_b.getvalue().decode("utf-8", "replace") + crash,
    )


@pytest.fixture(scope="module")
def xdg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("xdg-hardening")


@pytest.fixture(autouse=True)
def _own_cache(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """In-process runs keep cnasean's parse cache in a folder of their own, never the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache-inproc"))
    monkeypatch.delenv("CNASEAN_NO_CACHE", raising=False)


def make_env(xdg_home: Path, **over: str | None) -> dict[str, str]:
    """A clean environment for the console script: its own data and cache folders under
    ``xdg_home``, no CNASEAN_* variables, UTF-8 I/O; ``over`` sets (or, with None, removes)
    variables."""
    env = {k: v for k, v in os.environ.items() if k not in _SCRUB}
    env["XDG_DATA_HOME"] = str(xdg_home)
    env["XDG_CACHE_HOME"] = str(xdg_home / ".cache")
    env["PYTHONUTF8"] = "1"
    # under script(1) stdin and stdout are a terminal: a tall table would wait in the pager
    # (issue 16) for keys no test presses; "cat" writes it as it is
    env["CNASEAN_PAGER"] = "cat"
    for k, v in over.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    return env


@dataclass
class Proc:
    code: int
    out: str
    err: str
    seconds: float
    raw_out: bytes = b""


def spawn(
    args: Sequence[str | bytes],
    env: dict[str, str],
    *,
    stdin: Any = subprocess.DEVNULL,
    timeout: float = TIMEOUT,
) -> Proc:
    """Run the console script; a run longer than ``timeout`` fails the test as a hang."""
    if not EXE.exists():
        pytest.skip(f"console script not installed at {EXE}")
    t0 = time.monotonic()
    try:
        p = subprocess.run(
            [str(EXE), *args], capture_output=True, env=env, stdin=stdin, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"cnasean {' '.join(map(repr, args))} did not finish within {timeout} s")
    return Proc(
        p.returncode,
        p.stdout.decode("utf-8", "replace"),
        p.stderr.decode("utf-8", "replace"),
        time.monotonic() - t0,
        p.stdout,
    )


def spawn_in_process(args: Sequence[str], xdg_home: Path, **over: str | None) -> Proc:
    """``cnasean ARGS`` in this process (conftest's ``in_process``), with what ``make_env``
    gives a console script: its own data and cache folders under ``xdg_home``, no CNASEAN_*
    variables; ``over`` sets (or, with None, removes) variables. For runs that need no process
    of their own."""
    env: dict[str, str | None] = {
        "XDG_DATA_HOME": str(xdg_home),
        "XDG_CACHE_HOME": str(xdg_home / ".cache"),
        "CNASEAN_NO_CACHE": None,
        **over,
    }
    t0 = time.monotonic()
    res = in_process(*args, env=env)
    return Proc(
        res.returncode,
        res.stdout,
        res.stderr,
        time.monotonic() - t0,
        res.stdout.encode("utf-8"),
    )


def shell(
    script: str, env: dict[str, str], timeout: float = TIMEOUT
) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["bash", "-c", script],
            capture_output=True,
            env=env,
            stdin=subprocess.DEVNULL,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{script!r} did not finish within {timeout} s")


def needs_script() -> None:
    if shutil.which("script") is None:
        pytest.skip("util-linux `script` is not installed: no pseudo-terminal")
    if not EXE.exists():
        pytest.skip(f"console script not installed at {EXE}")


def run_pty(args: Sequence[str], env: dict[str, str], tmp: Path, **over: str) -> Proc:
    """Run ``cnasean ARGS`` with stdout on a pseudo-terminal; stderr goes to a file."""
    needs_script()
    err_file = tmp / f"pty-stderr-{time.monotonic_ns()}"
    assign = " ".join(f"{k}={shlex.quote(v)}" for k, v in over.items())
    command = (
        f"env {assign} {shlex.quote(str(EXE))} {' '.join(map(shlex.quote, args))}"
        f" 2>{shlex.quote(str(err_file))}"
    )
    t0 = time.monotonic()
    try:
        p = subprocess.run(
            ["script", "-qec", command, "/dev/null"],
            capture_output=True,
            env={**env, **over},
            stdin=subprocess.DEVNULL,
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{command!r} did not finish within {TIMEOUT} s")
    err = err_file.read_text(encoding="utf-8", errors="replace") if err_file.exists() else ""
    return Proc(
        p.returncode,
        p.stdout.decode("utf-8", "replace").replace("\r\n", "\n"),
        err,
        time.monotonic() - t0,
        p.stdout,
    )


# --------------------------------------------------------------------------------------------
# What valid output looks like
# --------------------------------------------------------------------------------------------

ERROR_PREFIX = "cnasean: error: "


def assert_no_crash(res: Result | Proc) -> None:
    assert "Traceback" not in res.err, res.err
    # main() turns an unexpected exception into "internal error: ..." and exit 1: a bug.
    assert "internal error" not in res.err, res.err
    assert res.code in (0, 1, 2, 3), (res.code, res.err)


def assert_one_line_error(res: Result | Proc, code: int | None = None) -> str:
    """stderr ends with exactly one ``cnasean: error:`` line and the message has no raw line
    break; stdout is empty. Returns the message."""
    if code is not None:
        assert res.code == code, (res.code, res.out[:300], res.err)
    assert res.out == "", (res.code, res.out[:300])
    assert "Traceback" not in res.err, res.err
    lines = res.err.rstrip("\n").split("\n")
    assert lines[-1].startswith(ERROR_PREFIX), res.err
    assert sum(line.startswith(ERROR_PREFIX) for line in lines) == 1, res.err
    assert res.err.endswith("\n")
    return lines[-1][len(ERROR_PREFIX) :]


def check_tsv_block(lines: list[str]) -> None:
    assert lines, "no header"
    width = lines[0].count("\t")
    assert lines[0].strip(), "empty header"
    for i, line in enumerate(lines[1:], 2):
        assert line.count("\t") == width, (
            f"line {i} has {line.count(chr(9)) + 1} fields, header {width + 1}: {line!r}"
        )


def check_csv_rows(rows: list[list[str]]) -> None:
    assert rows, "no header"
    for i, row in enumerate(rows[1:], 2):
        assert len(row) == len(rows[0]), (
            f"row {i} has {len(row)} fields, header {len(rows[0])}: {row!r}"
        )


def check_output(out: str, fmt: str, shape: str) -> None:
    """``out`` is valid ``fmt``. ``shape`` is ``list`` (a view), ``sections`` (country
    profile: one JSON object, TSV/CSV blocks headed ``# name``) or ``csl`` / ``text``."""
    if fmt in ("table", "text", "bibtex"):
        return
    if fmt in ("json", "csl"):
        doc = json.loads(out)
        assert isinstance(doc, dict if shape == "sections" else list), type(doc)
        return
    if fmt == "jsonl":
        assert out == "" or out.endswith("\n")
        for line in out.split("\n")[:-1]:
            json.loads(line)
        return
    assert out.endswith("\n"), out[-100:]
    if fmt == "tsv":
        assert "\r" not in out
        body = out[:-1]
        if shape == "sections":
            for text in body.split("\n\n"):
                lines = text.split("\n")
                assert lines[0].startswith("# "), lines[0]
                check_tsv_block(lines[1:])
        else:
            check_tsv_block(body.split("\n"))
        return
    assert fmt == "csv", fmt
    try:
        rows = list(csv.reader(io.StringIO(out, newline=""), strict=True))
    except csv.Error as exc:
        raise AssertionError(f"not valid CSV: {exc}") from None
    if shape == "sections":
        block: list[list[str]] = []
        seen = 0
        for row in [*rows, ["# end"]]:
            if len(row) == 1 and row[0].startswith("# "):
                if seen:
                    check_csv_rows(block)
                seen += 1
                block = []
            elif row:
                block.append(row)
        assert seen > 1
    else:
        check_csv_rows(rows)


def check_result(res: Result | Proc, fmt: str, shape: str = "list") -> None:
    assert_no_crash(res)
    if res.code in (2, 3):
        assert_one_line_error(res)
    if res.code == 0:
        check_output(res.out, fmt, shape)


# --------------------------------------------------------------------------------------------
# 1. Arbitrary input, in-process and as a console script
# --------------------------------------------------------------------------------------------

CJK = [
    "中老铁路",
    "泰国",
    "越南",
    "东盟",
    "東盟",
    "老挝",
    "雅万高铁",
    "中国",
    "中国-东盟",
    "柬埔寨",
]
THAI = ["ประเทศไทย", "ไทย", "กรุงเทพฯ", "๒๕๖๗", "๒๐๒๔", "รถไฟ"]
VIET = ["Việt Nam", "Hà Nội", "Đường sắt", "Thái Lan", "Lào", "Vie\u0323\u0302t Nam", "VIỆT NAM"]
EMOJI = ["🚄", "🇹🇭", "👨\u200d👩\u200d👧", "🎉", "🇻🇳", "\U0001f600"]
CONTROL = [
    "\x01",
    "\x1b[31m",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\x7f",
    "\x85",
    "\u2028",
    "\u200b",
    "\u202e",
    "\ufeff",
    "\x0b\x0c",
    "\x1f",
]
NUMBERS = [
    "0",
    "-1",
    "2024",
    "1e309",
    "NaN",
    "inf",
    "٢٠٢٤",
    "２０２４",
    "²⁰²⁴",
    "99999999999999999999",
    "0x10",
    "3.5",
    "-0",
    "1_000",
]
DATES = [
    "2024-02-29",
    "2023-02-29",
    "2024-13-01",
    "2024-00-10",
    "1 Mar 2024",
    "March 1, 2024",
    "01/03/2024",
    "2025-Q3",
    "2025-H1",
    "2025-01..2025-09",
    "2025-09..2025-01",
    "..",
    "2024..",
    "..2024",
    "1899",
    "2101",
    "0000-00-00",
    "today",
    "2024-3-1",
    "q3 2025",
    "h2-2024",
    "2024-Q5",
    "2024-1-1..2024-12-31",
    "1 Mar 2024 12:00",
    "Feb 30 2024",
    "yesterday",
    "2024-W01",
    "2025-10",
    "1991",
    "2026",
    "9999-12-31",
    "2024-02-30..2024-03",
    "Mar 2024",
]
COUNTRIES = [
    "thailand",
    "TH",
    "THA",
    "vn",
    "Viet Nam",
    "Việt Nam",
    "laos",
    "Lao PDR",
    "phil",
    "the Philippines",
    "burma",
    "asean",
    "ASEAN",
    "CN",
    "china",
    "all",
    "East Timor",
    "tl",
    "ma",
    "sin",
    "泰国",
    "越南",
    "东盟",
    "thialand",
    "Kingdom of Thailand",
    "  th  ",
    "Timor–Leste",
    "brunei darussalam",
    "KHM",
    "ประเทศไทย",
]
SEPARATORS = ["", " ", "\t", "\n", "..", "-", ",", "\u200b", "🚄", "/", "'", '"', "\\"]
GENERIC = [
    *CJK,
    *THAI,
    *VIET,
    *EMOJI,
    *CONTROL,
    *NUMBERS,
    *DATES,
    *COUNTRIES,
    "",
    " ",
    "-",
    "--",
    "-x",
    "--json",
    "%s",
    "{}",
    "'",
    '"',
]

# Real argv cannot carry NUL; bytes that are not UTF-8 reach Python as lone surrogates
# U+DC80..U+DCFF (surrogateescape), so those are the only surrogates argv can hold.
ARGV_CHAR = st.one_of(
    st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
    st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF),
)


def text_like(pool: Sequence[str] = ()) -> st.SearchStrategy[str]:
    pieces = st.sampled_from([*pool, *GENERIC])
    strategies = [
        st.sampled_from(GENERIC),
        st.text(ARGV_CHAR, max_size=16),
        st.tuples(pieces, st.sampled_from(SEPARATORS), pieces).map("".join),
    ]
    if pool:
        # Values that make sense, half the time: so that many runs get past parsing and the
        # output itself is checked, not only the error.
        strategies = [st.sampled_from(list(pool))] * len(strategies) + strategies
    return st.one_of(*strategies)


FORMATS: list[tuple[str, list[str]]] = [
    ("json", ["--json"]),
    ("tsv", ["-f", "tsv"]),
    ("csv", ["-f", "csv"]),
    ("jsonl", ["-f", "jsonl"]),
    ("tsv", []),  # not a terminal: TSV
    ("table", ["-f", "table"]),
    ("json", ["--format", "JSON"]),
]
CITE_FORMATS: list[tuple[str, list[str]]] = [
    ("csl", ["--json"]),
    ("csl", ["-f", "csl"]),
    ("bibtex", ["-f", "bibtex"]),
    ("text", ["-f", "text"]),
    ("text", []),
    ("bad", ["-f", "tsv"]),  # cite has its own formats: a usage error
]

OptSpec = dict[str, st.SearchStrategy[str]]

COMMANDS: dict[
    str, tuple[list[str], OptSpec, list[str], st.SearchStrategy[list[str]] | None, str]
] = {
    # name: (argv prefix, options with values, flags, positionals, shape)
    "trade": (
        ["trade"],
        {
            "--country": text_like(COUNTRIES),
            "--year": text_like(["2015", "2024", "2025", "2026", "1900", "2100", " 2024 "]),
            "--period": text_like(DATES),
            "--from": text_like(DATES),
            "--to": text_like(DATES),
            "--flow": text_like(["total", "export", "import", "balance", "EXPORT", " total"]),
            "--currency": text_like(["CNY", "USD", "usd", "EUR", "￥"]),
            "--reporter": text_like(["CN", "ASEAN", "all", "ALL", "VN", "th", "cn", "asean"]),
        },
        ["--list"],
        None,
        "list",
    ),
    "visa": (
        ["visa"],
        {
            "--country": text_like(COUNTRIES),
            "--on": text_like(DATES),
            "--passport": text_like(["CN", "TH", "thailand", "china", "中国", "ASEAN", "vn"]),
            "--destination": text_like(["CN", "TH", "laos", "china", "越南", "ASEAN"]),
            "--purpose": text_like(["tourism", "business", "any", "Transit", "family", "study"]),
        },
        ["--history", "--visa-free"],
        None,
        "list",
    ),
    "infra": (
        ["infra"],
        {
            "--country": text_like(COUNTRIES),
            "--type": text_like(
                ["railway", "high-speed-rail", "high speed rail", "metro", "port", "sez", "rail"]
            ),
            "--status": text_like(
                ["operating", "under_construction", "planned", "Cancelled", "oper"]
            ),
            "--opened-since": text_like(DATES),
            "--opened-before": text_like(DATES),
        },
        [],
        None,
        "list",
    ),
    "infra show": (
        ["infra", "show"],
        {},
        [],
        st.lists(
            text_like([*PROJECT_IDS, *PROJECT_NAMES, "whoosh", "laos railway", "rail"]),
            min_size=1,
            max_size=1,
        ),
        "list",
    ),
    "events": (
        ["events"],
        {
            "--since": text_like(DATES),
            "--until": text_like(DATES),
            "--category": text_like(
                ["summit", "agreement-signed", "visa-agreement", "expo", "agreement signed"]
            ),
            "--country": text_like(COUNTRIES),
        },
        [],
        None,
        "list",
    ),
    "country": (
        ["country"],
        {},
        [],
        st.lists(text_like(COUNTRIES), min_size=1, max_size=1),
        "sections",
    ),
    "search": (
        ["search"],
        {
            "--kind": text_like(["visa", "trade", "sources", "infrastructure", "events", "Visa "]),
            "--limit": text_like(["0", "1", "5", "-1", "x", "99999999999999999999"]),
        },
        [],
        st.lists(
            text_like(["railway", "free trade", "中老铁路", "visa", "thailand", "Whoosh", "expo"]),
            min_size=1,
            max_size=3,
        ),
        "list",
    ),
    "cite": (
        ["cite"],
        {},
        [],
        st.lists(
            text_like(
                [
                    *SOURCE_IDS[:40],
                    *TRADE_IDS[:20],
                    *VISA_IDS[:10],
                    *PROJECT_IDS,
                    *EVENT_IDS[:10],
                    "t1",
                    " T1 ",
                ]
            ),
            min_size=1,
            max_size=1,
        ),
        "csl",
    ),
    "sources": (
        ["sources"],
        {"--kind": text_like(["official", "wire", "secondary", "aggregator", "Official"])},
        [],
        st.lists(text_like([*SOURCE_IDS[:60], "t1", "T1 ", "V12"]), min_size=0, max_size=3),
        "list",
    ),
}


@st.composite
def invocation(draw: st.DrawFn, name: str) -> tuple[list[str], str, str]:
    """(argv, format, shape) for one command with arbitrary options."""
    prefix, options, flags, positionals, shape = COMMANDS[name]
    fmt, fmt_args = draw(st.sampled_from(CITE_FORMATS if name == "cite" else FORMATS))
    argv = list(prefix)
    # Any combination of options, each present a third of the time.
    for opt, values in options.items():
        if draw(st.sampled_from((False, False, True))):
            argv += [opt, draw(values)]
    for flag in flags:
        if draw(st.booleans()):
            argv.append(flag)
    argv += fmt_args
    if positionals is not None:
        # After "--", so that a word such as "--json" is searched for, not taken as an option.
        argv += ["--", *draw(positionals)]
    return argv, fmt, shape


def _check_invocation(res: Result | Proc, fmt: str, shape: str) -> None:
    if fmt == "bad":
        assert_one_line_error(res, 2)
        return
    check_result(res, fmt, shape)


@pytest.mark.parametrize("name", list(COMMANDS))
@FUZZ
@given(data=st.data())
def test_fuzz_in_process(name: str, data: st.DataObject) -> None:
    argv, fmt, shape = data.draw(invocation(name), label="argv")
    res = run_inproc(argv)
    _check_invocation(res, fmt, shape)


# Inputs worth trying every run, whatever Hypothesis draws.
KNOWN: list[tuple[list[str], str]] = [
    (["trade", "--country", "Việt Nam", "--reporter", "all", "--json"], "json"),
    (["trade", "--country", "越南", "-f", "csv"], "csv"),
    (["trade", "--year", "๒๐๒๔", "-f", "tsv"], "tsv"),
    (["trade", "--year", "２０２４", "--json"], "json"),
    (["trade", "--period", "2025-01..2025-09", "-f", "jsonl"], "jsonl"),
    (["trade", "--from", "2025", "--to", "2019", "--json"], "json"),
    (["trade", "--period", "\x1b[31m2024", "--json"], "json"),
    (["trade", "--country", "\udcff\udcfe", "--json"], "json"),
    (["trade", "--currency", "usd", "--flow", "EXPORT", "-f", "csv"], "csv"),
    (["visa", "--country", "ประเทศไทย", "--on", "2023-12-01", "-f", "tsv"], "tsv"),
    (["visa", "--on", "1 Mar 2024", "--json"], "json"),
    (["visa", "--on", "1 Mar 2024 12:00", "--json"], "json"),
    (["visa", "--passport", "CN", "--destination", "CN", "--json"], "json"),
    (["visa", "--history", "--on", "2024-01-01", "--json"], "json"),
    (["visa", "--purpose", "🎉", "-f", "csv"], "csv"),
    (["infra", "--type", "high speed rail", "--opened-since", "2021", "-f", "csv"], "csv"),
    (["infra", "show", "-f", "jsonl", "--", "雅万高铁"], "jsonl"),
    (["infra", "show", "--json", "--", "\n"], "json"),
    (["events", "--since", "2025-10", "--until", "2025-10", "-f", "tsv"], "tsv"),
    (["events", "--since", "2026", "--until", "1991", "--json"], "json"),
    (["country", "-f", "csv", "--", "越南"], "csv"),
    (["country", "-f", "tsv", "--", "Timor–Leste"], "tsv"),
    (["country", "-f", "jsonl", "--", "laos"], "jsonl"),
    (["search", "--json", "--", "中老铁路"], "json"),
    (["search", "-f", "csv", "--", "free", "trade"], "csv"),
    (["search", "--json", "--", "🚄"], "json"),
    (["cite", "--json", "--", "china-laos-railway"], "csl"),
    (["cite", "-f", "bibtex", "--", "T1"], "bibtex"),
    (["sources", "-f", "csv"], "csv"),
    (["sources", "--kind", "official", "-f", "tsv", "--", "t1", "T2"], "tsv"),
]


@pytest.mark.parametrize(("argv", "fmt"), KNOWN, ids=[" ".join(a)[:50] for a, _ in KNOWN])
def test_known_inputs_in_process(argv: list[str], fmt: str) -> None:
    shape = "sections" if argv[0] == "country" else "list"
    check_result(run_inproc(argv), fmt, shape)


def test_in_process_runner_reports_exit_codes_and_output() -> None:
    """The in-process runner itself: a good command gives JSON and 0, a bad one 2 and a
    one-line error, a bad data file 3 (so the properties above can fail)."""
    ok = run_inproc(["trade", "--json"])
    assert ok.code == 0 and json.loads(ok.out), ok.err
    bad = run_inproc(["trade", "--country", "thialand", "--json"])
    assert "Did you mean: thailand?" in assert_one_line_error(bad, 2)
    missing = run_inproc(["trade", "--db", "/nonexistent/db.json"])
    assert "does not exist" in assert_one_line_error(missing, 3)
    with pytest.raises(AssertionError):
        check_output("a\tb\nc\n", "tsv", "list")
    with pytest.raises(AssertionError):
        check_output('a,b\n"c\n', "csv", "list")


@st.composite
def subprocess_invocation(draw: st.DrawFn) -> tuple[list[bytes], str, str]:
    name = draw(st.sampled_from(list(COMMANDS)))
    argv, fmt, shape = draw(invocation(name))
    # Lone surrogates become the raw, non-UTF-8 bytes they stand for.
    return [a.encode("utf-8", "surrogateescape") for a in argv], fmt, shape


@FUZZ_SUBPROCESS
@given(inv=subprocess_invocation())
@example(inv=([b"trade", b"--country", b"\xff\xfe", b"--json"], "json", "list"))
@example(
    inv=(
        [b"search", b"--json", b"--", b"\xe4\xb8\xad\xe8\x80\x81", b"\xed\xa0\x80"],
        "json",
        "list",
    )
)
@example(inv=([b"country", b"-f", b"csv", b"--", "Việt Nam".encode()], "csv", "sections"))
def test_fuzz_console_script(inv: tuple[list[bytes], str, str], xdg: Path) -> None:
    argv, fmt, shape = inv
    res = spawn(argv, make_env(xdg))
    res.raw_out.decode("utf-8")  # stdout is UTF-8 whatever argv held
    _check_invocation(res, fmt, shape)


# --------------------------------------------------------------------------------------------
# 2. Terminals and environments
# --------------------------------------------------------------------------------------------

ANSI = re.compile(r"\x1b\[([0-9;]*)m")
ANY_ESCAPE = re.compile(r"\x1b[\[\]()][0-9;?]*[A-Za-z]?")


def plain(text: str) -> str:
    return ANSI.sub("", text)


def squash(text: str) -> str:
    """Without escapes and whitespace: a value folded over lines reads whole again."""
    return re.sub(r"\s+", "", plain(text))


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def human_forms(value: str) -> list[str]:
    """Ways a machine number may appear in a table: 292800000000 -> 292.8bn."""
    v = float(value)
    forms = [value, f"{int(v):,}" if v.is_integer() else value]
    for scale, unit in ((10**12, "tn"), (10**9, "bn"), (10**6, "m")):
        if abs(v) >= scale:
            forms.append(_trim(f"{v / scale:.6f}") + unit)
            break
    return [re.sub(r"\s+", "", f) for f in forms]


def trade_expected(tsv: str) -> list[tuple[str, list[str]]]:
    """(what, acceptable forms) for every figure of the trade summary TSV."""
    rows = list(csv.DictReader(io.StringIO(tsv), delimiter="\t"))
    assert rows
    want: list[tuple[str, list[str]]] = []
    for r in rows:
        want.append((f"period {r['period']}", [squash(r["period"])]))
        for key in ("cny", "usd"):
            if r[key]:
                want.append((f"{r['period']} {key}", human_forms(r[key])))
        for key in ("cny_yoy_pct", "usd_yoy_pct", "share_pct"):
            if r[key]:
                want.append((f"{r['period']} {key}", [_trim(f"{abs(float(r[key])):.2f}") + "%"]))
        for sid in filter(None, r["sources"].split(";")):
            want.append((f"{r['period']} source", [sid]))
    return want


def visa_expected(tsv: str) -> list[tuple[str, list[str]]]:
    from cnasean.countries import BY_CODE

    rows = list(csv.DictReader(io.StringIO(tsv), delimiter="\t"))
    assert rows
    want: list[tuple[str, list[str]]] = []
    for r in rows:
        c = r["country"]
        want.append((f"{c} name", [squash(BY_CODE[c].name), c]))
        for side in ("to_country", "to_china"):
            if r[f"{side}_regime"]:
                want.append((f"{c} {side} regime", [squash(r[f"{side}_regime"].replace("_", " "))]))
            if r[f"{side}_max_stay_days"]:
                want.append((f"{c} {side} stay", [r[f"{side}_max_stay_days"] + "d"]))
            if r[f"{side}_since"]:
                want.append((f"{c} {side} since", [r[f"{side}_since"]]))
            more = [m for m in r[f"{side}_more"].split(";") if m]
            if more:
                want.append((f"{c} {side} more", [f"+{len(more)}more"]))
    return want


EXPECTED = {"trade": trade_expected, "visa": visa_expected}


def _norm(text: str) -> str:
    return re.sub(r"[\s_-]+", "", plain(text))


def missing_figures(table: str, tsv: str, command: str) -> list[str]:
    """The figures of the TSV that appear in no form in the table."""
    flat = _norm(table)
    return [
        what for what, forms in EXPECTED[command](tsv) if not any(_norm(f) in flat for f in forms)
    ]


@pytest.mark.parametrize("terminal", ["pty", "pipe"])
@pytest.mark.parametrize(
    ("command", "columns"),
    [
        ("trade", "20"),
        ("trade", "200"),
        pytest.param("visa", "20", marks=()),
        ("visa", "200"),
    ],
)
def test_columns_nothing_truncated(
    command: str, columns: str, terminal: str, xdg: Path, tmp_path: Path
) -> None:
    tsv = spawn_in_process([command, "-f", "tsv"], xdg)
    assert tsv.code == 0, tsv.err
    if terminal == "pty":
        table = run_pty([command, "-f", "table"], make_env(xdg), tmp_path, COLUMNS=columns)
    else:  # a pipe: the same in-process (stdout is no terminal either way)
        table = spawn_in_process([command, "-f", "table"], xdg, COLUMNS=columns)
    assert table.code == 0, table.err
    assert "Traceback" not in table.err
    assert table.out.strip()
    assert "…" not in table.out and "..." not in plain(table.out), "a cell was cut short"
    missing = missing_figures(table.out, tsv.out, command)
    assert not missing, f"{len(missing)} figures of the TSV are not in the table: {missing[:10]}"


def test_table_check_can_fail(xdg: Path) -> None:
    """The figure check notices a missing figure."""
    tsv = spawn_in_process(["trade", "-f", "tsv"], xdg).out
    table = spawn_in_process(["trade", "-f", "table"], xdg, COLUMNS="200").out
    assert not missing_figures(table, tsv, "trade")
    first_period = tsv.split("\n")[1].split("\t")[0]
    assert missing_figures(table.replace(first_period, "????"), tsv, "trade")


COLOUR_PARAMS = re.compile(r"(?:^|;)(3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;|$)")


@pytest.mark.parametrize(
    "command", [["trade"], ["visa"], ["trade", "-f", "table"], ["visa", "--country", "thailand"]]
)
def test_no_color_on_a_terminal(command: list[str], xdg: Path, tmp_path: Path) -> None:
    res = run_pty(command, make_env(xdg), tmp_path, NO_COLOR="1")
    assert res.code == 0, res.err
    assert "Traceback" not in res.err
    assert "\t" not in res.out.split("\n")[0], "a terminal gets a table, not TSV"
    colours = [m.group(0) for m in ANSI.finditer(res.out) if COLOUR_PARAMS.search(m.group(1))]
    assert not colours, f"NO_COLOR=1 but colour codes were printed: {colours[:5]}"


@pytest.mark.parametrize("command", [["trade"], ["visa"], ["infra"], ["country", "thailand"]])
def test_term_dumb_has_no_escapes(command: list[str], xdg: Path, tmp_path: Path) -> None:
    res = run_pty(command, make_env(xdg), tmp_path, TERM="dumb")
    assert res.code == 0, res.err
    assert "Traceback" not in res.err
    assert res.out.strip()
    assert "\x1b" not in res.out, ANY_ESCAPE.findall(res.out)[:5]


def test_terminal_default_is_a_table(xdg: Path, tmp_path: Path) -> None:
    res = run_pty(["trade"], make_env(xdg), tmp_path)
    assert res.code == 0, res.err
    assert "\t" not in res.out and "Period" in res.out


CHINESE_COMMANDS = [
    (["country", "thailand", "-f", "table"], "table"),
    (["infra", "show", "china-laos-railway", "-f", "table"], "table"),
    (["country", "thailand", "--json"], "json"),
    (["infra", "show", "china-laos-railway", "--json"], "json"),
]


def _chinese_in(doc: Any) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", json.dumps(doc, ensure_ascii=False)))


@pytest.mark.parametrize(("args", "fmt"), CHINESE_COMMANDS)
@pytest.mark.parametrize(
    "env_over",
    [
        {"LANG": "C", "PYTHONUTF8": None},
        {"PYTHONIOENCODING": "ascii"},
        {"PYTHONIOENCODING": "ascii", "LANG": "C", "LC_ALL": "C", "PYTHONUTF8": None},
        {"PYTHONIOENCODING": "latin-1"},
    ],
    ids=["LANG=C", "PYTHONIOENCODING=ascii", "ascii+LC_ALL=C", "PYTHONIOENCODING=latin-1"],
)
def test_chinese_in_narrow_encodings(
    args: list[str], fmt: str, env_over: dict[str, str | None], xdg: Path
) -> None:
    res = spawn(args, make_env(xdg, **env_over))
    assert res.code == 0, res.err
    assert "Traceback" not in res.err and "internal error" not in res.err, res.err
    assert res.out.strip()
    if fmt == "json":
        doc = json.loads(res.raw_out.decode(env_over.get("PYTHONIOENCODING") or "utf-8"))
        assert _chinese_in(doc), "the Chinese names were lost, not escaped"
    if env_over.get("PYTHONIOENCODING") == "ascii":
        res.raw_out.decode("ascii")  # what the stream can carry, nothing else
    if fmt == "tsv":
        check_output(res.out, "tsv", "sections")


@pytest.mark.parametrize(
    "args", [["country", "thailand", "--json"], ["trade", "--json"], ["visa", "--json"]]
)
def test_ascii_locale_reads_the_utf8_data(args: list[str], tmp_path: Path) -> None:
    # A true ASCII locale: no UTF-8 mode and no locale coercion (what Python does in a
    # non-UTF-8 locale such as en_US.ISO-8859-1, which this machine may not have). A fresh
    # cache folder: the first run in such a locale, before any parsed copy of the data exists.
    env = make_env(tmp_path, LC_ALL="C", LANG="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0")
    res = spawn(args, env)
    assert res.code == 0, res.err
    json.loads(res.out)


BIG_ROWS = 100_000


@pytest.fixture(scope="module")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A valid data file with 100,000 generated trade records (bench/make_db.py)."""
    out = tmp_path_factory.mktemp("big") / "db-100k.json"
    subprocess.run(
        [sys.executable, str(MAKE_DB), str(BIG_ROWS), "-o", str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=120,
    )
    yield out
    out.unlink(missing_ok=True)


def _pipeline(command: str, reader: str, env: dict[str, str], tmp: Path) -> tuple[int, bytes, str]:
    err = tmp / f"pipe-stderr-{time.monotonic_ns()}"
    script = (
        f"{shlex.quote(str(EXE))} {command} 2>{shlex.quote(str(err))} | {reader};"
        " exit ${PIPESTATUS[0]}"
    )
    p = shell(script, env)
    return p.returncode, p.stdout, err.read_text(encoding="utf-8", errors="replace")


@pytest.mark.parametrize(
    ("command", "reader"),
    [
        ("trade --list -f tsv", "head -1"),
        ("visa --history --json", "head -c 10"),
        ("visa --history -f jsonl", "head -c 10"),
        ("search railway -f csv", "head -1"),
    ],
)
def test_stdout_closed_early(command: str, reader: str, xdg: Path, tmp_path: Path) -> None:
    if not EXE.exists():
        pytest.skip("console script not installed")
    code, out, err = _pipeline(command, reader, make_env(xdg), tmp_path)
    assert out, "the reader got nothing"
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err, (
        err
    )
    assert code in (0, 1), (code, err)


@pytest.mark.parametrize("fmt", ["-f tsv", "-f csv", "-f jsonl", "--json", "-f table"])
def test_stdout_closed_early_on_large_output(
    fmt: str, big_db: Path, xdg: Path, tmp_path: Path
) -> None:
    """Megabytes of output into `head -1`: the writes after head exits really fail (EPIPE)."""
    if not EXE.exists():
        pytest.skip("console script not installed")
    command = (
        f"trade --list --reporter all --country TH --from 1900 --to 1902 {fmt}"
        f" --db {shlex.quote(str(big_db))}"
    )
    code, out, err = _pipeline(command, "head -1", make_env(xdg), tmp_path)
    assert out.count(b"\n") == 1
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err, (
        err
    )
    assert code in (0, 1), (code, err)


def test_stdout_closed_before_start(xdg: Path, tmp_path: Path) -> None:
    err = tmp_path / "err"
    p = shell(f"{shlex.quote(str(EXE))} trade --json >&- 2>{shlex.quote(str(err))}", make_env(xdg))
    text = err.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in text
    assert p.returncode == 1, (p.returncode, text)  # a runtime error, reported in one line
    assert text.count("\n") == 1 and text.startswith(ERROR_PREFIX), text
    assert "internal error" not in text, text


QUERY_COMMANDS = [
    ["trade"],
    ["visa"],
    ["infra"],
    ["infra", "show", "china-laos-railway"],
    ["events"],
    ["country", "thailand"],
    ["search", "railway"],
    ["cite", "T1"],
    ["sources", "T1"],
    ["db", "info"],
    ["db", "validate"],
    ["db", "export", "--kind", "trade", "-f", "csv"],
    ["db", "diff", str(SHIPPED), str(SHIPPED)],
    ["--version"],
]


def _run_stdin(args: list[str], mode: str, env: dict[str, str]) -> Proc:
    if mode == "devnull":
        return spawn(args, env, stdin=subprocess.DEVNULL)
    command = f"exec {shlex.quote(str(EXE))} {' '.join(map(shlex.quote, args))} 0<&-"
    t0 = time.monotonic()
    p = shell(command, env)
    return Proc(
        p.returncode,
        p.stdout.decode("utf-8", "replace"),
        p.stderr.decode("utf-8", "replace"),
        time.monotonic() - t0,
        p.stdout,
    )


@pytest.mark.parametrize("mode", ["closed", "devnull"])
@pytest.mark.parametrize("args", QUERY_COMMANDS, ids=lambda a: " ".join(a)[:40])
def test_stdin_closed_or_empty_queries(args: list[str], mode: str, xdg: Path) -> None:
    if not EXE.exists():
        pytest.skip("console script not installed")
    res = _run_stdin(args, mode, make_env(xdg))
    assert_no_crash(res)
    assert res.code == 0, res.err
    assert res.out.strip()


@pytest.mark.parametrize("mode", ["closed", "devnull"])
@pytest.mark.parametrize(
    "args",
    [
        ["db", "add", "trade"],
        ["db", "add", "sources"],
        pytest.param(["db", "add", "trade", "--db", "{tmp}/mine.json"], id="db add --db"),
    ],
    ids=lambda a: " ".join(a) if isinstance(a, list) else a,
)
def test_db_add_without_record(
    args: list[str], mode: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if not EXE.exists():
        pytest.skip("console script not installed")
    xdg_home = tmp_path / "xdg"
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    res = _run_stdin(args, mode, make_env(xdg_home))
    message = assert_one_line_error(res, 2)
    assert not (xdg_home / "cnasean" / "db.json").exists(), "a failed add wrote a user copy"
    assert not (xdg_home / "cnasean" / "overlay.json").exists(), "a failed add wrote edits"
    assert not (tmp_path / "mine.json").exists()
    assert "--record" in message, message


@pytest.mark.parametrize("mode", ["closed", "devnull"])
def test_db_reset_without_yes(mode: str, tmp_path: Path) -> None:
    if not EXE.exists():
        pytest.skip("console script not installed")
    xdg_home = tmp_path / "xdg"
    user = xdg_home / "cnasean" / "db.json"
    user.parent.mkdir(parents=True)
    shutil.copy(SHIPPED, user)
    res = _run_stdin(["db", "reset"], mode, make_env(xdg_home))
    message = assert_one_line_error(res, 2)
    assert "--yes" in message, message
    assert user.exists(), "reset without --yes moved the user's copy away"


def test_db_reset_without_user_copy_is_a_no_op(tmp_path: Path) -> None:
    res = _run_stdin(["db", "reset"], "closed", make_env(tmp_path / "xdg"))
    assert res.code == 0, res.err
    assert "Already using the packaged data" in res.err


def _open_fds_name(pid: int, path: Path) -> bool:
    try:
        return any(
            os.readlink(f"/proc/{pid}/fd/{fd}") == str(path.resolve())
            for fd in os.listdir(f"/proc/{pid}/fd")
        )
    except OSError:
        return False


@pytest.mark.parametrize(
    "args",
    [["trade", "--json"], ["trade", "--list", "--reporter", "all", "--country", "TH", "-f", "tsv"]],
)
def test_ctrl_c(args: list[str], big_db: Path, xdg: Path) -> None:
    """SIGINT while a large file is being read: exit 130, no traceback."""
    if not EXE.exists():
        pytest.skip("console script not installed")
    proc = subprocess.Popen(
        [str(EXE), *args, "--db", str(big_db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=make_env(xdg),
    )
    try:
        # ~0.3 s, and in any case not before the process is past start-up and reading the
        # data file (on a slow machine start-up alone can take longer).
        t0 = time.monotonic()
        time.sleep(0.3)
        while (
            os.path.isdir(f"/proc/{proc.pid}")
            and not _open_fds_name(proc.pid, big_db)
            and time.monotonic() - t0 < 10
            and proc.poll() is None
        ):
            time.sleep(0.01)
        assert proc.poll() is None, "the command finished before it could be interrupted"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=TIMEOUT)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    text = err.decode("utf-8", "replace")
    assert proc.returncode == 130, (proc.returncode, text)
    assert "Traceback" not in text and "KeyboardInterrupt" not in text, text
    assert len(text.strip().splitlines()) <= 2, text


# --------------------------------------------------------------------------------------------
# 3. Hostile data files
# --------------------------------------------------------------------------------------------

HOSTILE_COMMANDS = [["trade"], ["visa"], ["db", "info"]]
WAYS = ["option", "environment"]


def _with_db(
    args: list[str], path: Path, way: str, env: dict[str, str]
) -> tuple[list[str], dict[str, str]]:
    if way == "option":
        return [*args, "--db", str(path)], env
    return list(args), {**env, "CNASEAN_DB": str(path)}


def run_db(args: list[str], path: Path, way: str) -> Proc:
    """``cnasean ARGS`` in-process on the data file ``path``, given by --db or CNASEAN_DB."""
    t0 = time.monotonic()
    if way == "option":
        res = run_inproc([*args, "--db", str(path)])
    else:
        res = run_inproc(args, env={"CNASEAN_DB": str(path)})
    return Proc(res.code, res.out, res.err, time.monotonic() - t0)


def run_db_app(args: list[str], path: Path, way: str, xdg_home: Path) -> Proc:
    """``cnasean ARGS`` on the data file ``path``, given by --db or CNASEAN_DB, through the
    app as typer's CliRunner runs it (``spawn_in_process``): the app itself gives the exit
    code and the message, as the console script does."""
    if way == "option":
        return spawn_in_process([*args, "--db", str(path)], xdg_home)
    return spawn_in_process(args, xdg_home, CNASEAN_DB=str(path))


def rotation(cases: Sequence[str]) -> list[Any]:
    """Each case once through the app (``run_db_app``), the command and the way of naming
    the file taking turns, so that every case, command and way runs that way at least once."""
    return [
        pytest.param(
            case,
            HOSTILE_COMMANDS[i % len(HOSTILE_COMMANDS)],
            WAYS[(i // len(HOSTILE_COMMANDS)) % len(WAYS)],
            id=f"{case}-{' '.join(HOSTILE_COMMANDS[i % len(HOSTILE_COMMANDS)])}",
        )
        for i, case in enumerate(cases)
    ]


def _tables(doc: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(doc)


def _write(path: Path, doc: Any) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Small hostile files, by name."""
    d = tmp_path_factory.mktemp("hostile")
    files: dict[str, Path] = {}

    def text(name: str, content: str) -> None:
        files[name] = d / f"{name}.json"
        files[name].write_text(content, encoding="utf-8")

    text("nested-array", "[" * 100_000)
    text("nested-in-object", '{"meta": ' + "[" * 100_000)
    text("nested-valid", '{"meta": ' + "[" * 100_000 + "]" * 100_000 + "}")
    text("nested-objects", '{"a":' * 100_000)
    text("empty", "")
    text("whitespace", " \n\t\n")
    text("bom-only", "\ufeff")
    text("array", "[]")
    text("string", '"x"')
    text("null", "null")
    text("number", "42")
    text("object-empty", "{}")
    text("truncated", SHIPPED.read_text(encoding="utf-8")[:5000])
    data = _shipped()
    nometa = _tables(data)
    del nometa["meta"]
    files["no-meta"] = _write(d / "no-meta.json", nometa)
    for table in ("meta", "sources", "trade", "visa", "infrastructure", "events"):
        doc = _tables(data)
        doc[table] = list(doc[table].values())
        files[f"{table}-is-a-list"] = _write(d / f"{table}-is-a-list.json", doc)
    doc = _tables(data)
    doc["trade"] = "trade"
    files["trade-is-a-string"] = _write(d / "trade-is-a-string.json", doc)
    files["directory"] = d / "a-directory"
    files["directory"].mkdir()
    (d / "loop-a").symlink_to(d / "loop-b")
    (d / "loop-b").symlink_to(d / "loop-a")
    files["symlink-loop"] = d / "loop-a"
    files["missing"] = d / "does-not-exist.json"
    files["dangling-symlink"] = d / "dangling"
    files["dangling-symlink"].symlink_to(d / "nowhere.json")
    return files


FILE_LEVEL_CASES = [
    "nested-array",
    "nested-in-object",
    "nested-valid",
    "nested-objects",
    "empty",
    "whitespace",
    "bom-only",
    "array",
    "string",
    "null",
    "number",
    "object-empty",
    "truncated",
    "no-meta",
    "meta-is-a-list",
    "sources-is-a-list",
    "trade-is-a-list",
    "visa-is-a-list",
    "infrastructure-is-a-list",
    "events-is-a-list",
    "trade-is-a-string",
    "directory",
    "symlink-loop",
    "missing",
    "dangling-symlink",
]


def assert_data_error(res: Proc, path: Path | None = None, limit: float = TIMEOUT) -> str:
    message = assert_one_line_error(res, 3)
    assert res.seconds < limit, f"took {res.seconds:.1f} s"
    if path is not None:
        assert path.name in message, f"the message does not name the file: {message}"
    return message


def _assert_hostile(res: Proc, path: Path, way: str, limit: float) -> None:
    message = assert_data_error(res, path, limit=limit)
    origin = "--db" if way == "option" else "CNASEAN_DB"
    assert origin in message, f"the message does not say where the file came from: {message}"


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("args", HOSTILE_COMMANDS, ids=" ".join)
@pytest.mark.parametrize("case", FILE_LEVEL_CASES)
def test_hostile_file(case: str, args: list[str], way: str, hostile: dict[str, Path]) -> None:
    path = hostile[case]
    _assert_hostile(run_db(args, path, way), path, way, limit=10)


@pytest.mark.parametrize(("case", "args", "way"), rotation(FILE_LEVEL_CASES))
def test_hostile_file_through_the_app(
    case: str, args: list[str], way: str, hostile: dict[str, Path], xdg: Path
) -> None:
    path = hostile[case]
    _assert_hostile(run_db_app(args, path, way, xdg), path, way, limit=20)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("args", HOSTILE_COMMANDS, ids=" ".join)
def test_unreadable_file(args: list[str], way: str, tmp_path: Path, xdg: Path) -> None:
    path = tmp_path / "secret.json"
    shutil.copy(SHIPPED, path)
    path.chmod(0)
    try:
        argv, env = _with_db(args, path, way, make_env(xdg))
        message = assert_data_error(spawn(argv, env), path)
        assert "permission" in message.lower(), message
    finally:
        path.chmod(0o600)


@pytest.fixture(scope="module")
def big_hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    d = tmp_path_factory.mktemp("big-hostile")
    files = {}
    # 500 MB of NUL bytes, sparse: takes no disk.
    files["sparse-nul-500mb"] = d / "sparse.json"
    with open(files["sparse-nul-500mb"], "wb"):
        pass
    os.truncate(files["sparse-nul-500mb"], 500 * 2**20)
    # The same behind an opening brace, so a first-bytes check cannot refuse it at once.
    files["brace-then-nul-500mb"] = d / "brace-sparse.json"
    files["brace-then-nul-500mb"].write_bytes(b"{")
    os.truncate(files["brace-then-nul-500mb"], 500 * 2**20)
    rng = random.Random(20251129)
    files["random-50mb"] = d / "random.json"
    files["random-50mb"].write_bytes(rng.randbytes(50 * 2**20))
    files["brace-then-random-50mb"] = d / "brace-random.json"
    files["brace-then-random-50mb"].write_bytes(b'{"meta": ' + rng.randbytes(50 * 2**20))
    yield files
    for path in files.values():  # pytest keeps old temporary folders: free the space now
        path.unlink(missing_ok=True)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_fifo_as_data_file_does_not_hang(tmp_path: Path, xdg: Path) -> None:
    fifo = tmp_path / "db.json"
    os.mkfifo(fifo)
    if not EXE.exists():
        pytest.skip("console script not installed")
    try:
        p = subprocess.run(
            [str(EXE), "trade", "--db", str(fifo)],
            capture_output=True,
            env=make_env(xdg),
            stdin=subprocess.DEVNULL,
            timeout=8,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("cnasean trade --db FIFO still waiting after 8 s")
    res = Proc(p.returncode, p.stdout.decode(), p.stderr.decode(), 0.0)
    assert "db.json" in assert_data_error(res)


def test_pipe_as_data_file_gives_a_clear_message(xdg: Path, tmp_path: Path) -> None:
    if not EXE.exists():
        pytest.skip("console script not installed")
    err = tmp_path / "err"
    p = shell(
        f"{shlex.quote(str(EXE))} trade --json --db <(cat {shlex.quote(str(SHIPPED))})"
        f" 2>{shlex.quote(str(err))}",
        make_env(xdg),
    )
    text = err.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in text
    assert p.returncode in (0, 3), (p.returncode, text)
    if p.returncode == 0:
        json.loads(p.stdout)
    else:
        assert text.count("\n") == 1 and text.startswith(ERROR_PREFIX), text
        assert "None" not in text, f"no reason given: {text}"


BIG_CASES = ["sparse-nul-500mb", "brace-then-nul-500mb", "random-50mb", "brace-then-random-50mb"]


@pytest.mark.slow
@pytest.mark.parametrize("args", HOSTILE_COMMANDS, ids=" ".join)
@pytest.mark.parametrize("case", BIG_CASES)
def test_big_hostile_file(
    case: str, args: list[str], big_hostile: dict[str, Path], xdg: Path
) -> None:
    """Each command on each big file, as a console script with a 60 s limit; the way the file
    is named alternates (both ways read it the same)."""
    path = big_hostile[case]
    way = WAYS[(BIG_CASES.index(case) + HOSTILE_COMMANDS.index(args)) % 2]
    argv, env = _with_db(args, path, way, make_env(xdg))
    _assert_hostile(spawn(argv, env), path, way, limit=TIMEOUT)


# Wrong types, field by field ------------------------------------------------------------------

TRADE_KEY = "20"  # cn-asean-total-2015-usd: the only USD figure China's customs give for 2015
TRADE_ID = _DATA["trade"][TRADE_KEY]["id"]
TRADE_QUERIES = {
    "summary": ["trade", "--json"],
    "list": ["trade", "--list", "--json"],
    "year": ["trade", "--year", "2015", "-f", "tsv"],
    "period": ["trade", "--period", "2015", "--currency", "USD", "--flow", "total", "--json"],
    "range": [
        "trade",
        "--reporter",
        "all",
        "--list",
        "--from",
        "2015",
        "--to",
        "2015",
        "-f",
        "csv",
    ],
}


def wrong_values(value: Any) -> list[Any]:
    """Values of the wrong JSON type for a field that holds ``value``."""
    if isinstance(value, bool):
        return ["true", 1, [value]]
    if isinstance(value, (int, float)):
        return [str(value), [value], True]
    if isinstance(value, str):
        return [[value], 5, {"value": value}]
    if isinstance(value, list):
        return [";".join(map(str, value)) or "x", 7, {"0": value}]
    if isinstance(value, dict):
        return ["x", [value], 3]
    return [["x"], {"x": 1}]  # null in the file: any non-null of the wrong kind


def _trade_cases() -> list[Any]:
    cases = []
    rec = _DATA["trade"][TRADE_KEY]
    for field, value in rec.items():
        for bad in wrong_values(value):
            # An unhashable id breaks the duplicate-id check (a TypeError, exit 1).
            marks = []
            cases.append(
                pytest.param(field, bad, id=f"{field}={json.dumps(bad)[:20]}", marks=marks)
            )
    return cases


def _corrupt(table: str, key: str, field: str, bad: Any, tmp: Path) -> Path:
    doc = _shipped()
    doc[table][key][field] = bad
    return _write(tmp / f"{table}-{field}.json", doc)


@pytest.mark.parametrize(("field", "bad"), _trade_cases())
def test_trade_record_with_a_wrong_type(
    field: str, bad: Any, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Whatever the query, a wrongly typed field of a figure it would show is reported (exit 3,
    naming the record and the field), never skipped in silence."""
    path = _corrupt("trade", TRADE_KEY, field, bad, tmp_path)
    failures = []
    for name, args in TRADE_QUERIES.items():
        res = run_inproc([*args, "--db", str(path)])
        try:
            assert_no_crash(res)
            message = assert_data_error(Proc(res.code, res.out, res.err, 0.0))
            assert f"'{field}'" in message, f"field not named: {message}"
            if field != "id":  # a record whose id is broken cannot be named by it
                assert TRADE_ID in message, f"record not named: {message}"
        except AssertionError as exc:
            failures.append(f"{name}: {str(exc).splitlines()[0][:300]}")
    assert not failures, failures


VISA_KEY = next(
    k
    for k, r in _DATA["visa"].items()
    if r["passport"] == "CN"
    and r["destination"] == "TH"
    and r["effective_to"] is None
    and r["regime"] == "mutual_exemption"
)
VISA_ID = _DATA["visa"][VISA_KEY]["id"]
VISA_QUERIES = {
    "overview": ["visa", "--json"],
    "country": ["visa", "--country", "thailand", "-f", "tsv"],
    "history": ["visa", "--history", "--passport", "CN", "--json"],
    "profile": ["country", "thailand", "--json"],
}


def _visa_cases() -> list[Any]:
    cases = []
    for field, value in _DATA["visa"][VISA_KEY].items():
        for bad in wrong_values(value):
            marks = []
            cases.append(
                pytest.param(field, bad, id=f"{field}={json.dumps(bad)[:20]}", marks=marks)
            )
    return cases


@pytest.mark.parametrize(("field", "bad"), _visa_cases())
def test_visa_rule_with_a_wrong_type(field: str, bad: Any, tmp_path: Path) -> None:
    path = _corrupt("visa", VISA_KEY, field, bad, tmp_path)
    failures = []
    for name, args in VISA_QUERIES.items():
        res = run_inproc([*args, "--db", str(path)])
        try:
            assert_no_crash(res)
            message = assert_data_error(Proc(res.code, res.out, res.err, 0.0))
            assert f"'{field}'" in message, f"field not named: {message}"
            if field != "id":
                assert VISA_ID in message, f"record not named: {message}"
        except AssertionError as exc:
            failures.append(f"{name}: {str(exc).splitlines()[0][:300]}")
    assert not failures, failures


def _info_cases() -> list[Any]:
    cases = []
    for table, key in (("trade", TRADE_KEY), ("visa", VISA_KEY)):
        for field, value in _DATA[table][key].items():
            for bad in wrong_values(value):
                marks = []
                cases.append(
                    pytest.param(
                        table,
                        key,
                        field,
                        bad,
                        id=f"{table}.{field}={json.dumps(bad)[:16]}",
                        marks=marks,
                    )
                )
    return cases


@pytest.mark.parametrize(("table", "key", "field", "bad"), _info_cases())
def test_db_info_with_a_wrong_type(
    table: str, key: str, field: str, bad: Any, tmp_path: Path
) -> None:
    """db info reads no field but last_verified: it may describe the file (exit 0) or refuse
    it (exit 3), but never crash."""
    path = _corrupt(table, key, field, bad, tmp_path)
    res = run_inproc(["db", "info", "--json", "--db", str(path)])
    assert_no_crash(res)
    assert res.code in (0, 3), res.err
    if res.code == 0:
        (info,) = json.loads(res.out)
        assert info["counts"][table] == len(_DATA[table])
    else:
        assert_one_line_error(res)


@pytest.mark.parametrize(
    ("field", "bad", "args", "way"),
    [
        ("value", "472160000000", ["trade", "--json"], "option"),
        ("sources", "T50", ["trade", "--year", "2015"], "environment"),
        ("period_start", 20150101, ["trade", "--list"], "option"),
        ("reporter", ["CN"], ["trade"], "environment"),
        ("flow", 1, ["trade", "--period", "2015"], "option"),
    ],
)
def test_wrong_type_through_the_app(
    field: str, bad: Any, args: list[str], way: str, tmp_path: Path, xdg: Path
) -> None:
    path = _corrupt("trade", TRADE_KEY, field, bad, tmp_path)
    message = assert_data_error(run_db_app(args, path, way, xdg))
    assert TRADE_ID in message and f"'{field}'" in message, message


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize(
    ("table", "doc", "args", "expect"),
    [
        ("trade", 5, ["trade"], "not a JSON object"),
        ("trade", [], ["trade", "--list"], "not a JSON object"),
        ("visa", "rule", ["visa"], "not a JSON object"),
        pytest.param(
            "trade",
            5,
            ["db", "info"],
            "",
            marks=(),
        ),
        pytest.param(
            "meta",
            5,
            ["trade"],
            "meta",
            marks=(),
        ),
        pytest.param(
            "meta",
            ["x"],
            ["db", "info"],
            "meta",
            marks=(),
        ),
        pytest.param(
            "sources",
            "T1",
            ["sources"],
            "not a JSON object",
        ),
    ],
)
def test_record_that_is_not_an_object(
    table: str, doc: Any, args: list[str], expect: str, way: str, tmp_path: Path, xdg: Path
) -> None:
    data = _shipped()
    key = next(iter(data[table]))
    data[table][key] = doc
    path = _write(tmp_path / f"{table}-not-object.json", data)
    res = run_db(args, path, way)
    assert_no_crash(res)
    message = assert_data_error(res)
    assert expect in message, message


# Duplicate ids -------------------------------------------------------------------------------


def _duplicate(table: str, key: str, **changes: Any) -> dict[str, Any]:
    data = _shipped()
    data[table]["99999"] = {**data[table][key], **changes}
    return data


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize(
    ("table", "key", "changes", "args"),
    [
        ("trade", TRADE_KEY, {"value": 1}, ["trade"]),
        ("trade", TRADE_KEY, {"value": 1}, ["trade", "--year", "2015", "--json"]),
        ("trade", TRADE_KEY, {}, ["trade", "--list"]),
        ("visa", VISA_KEY, {"max_stay_days": 1}, ["visa"]),
        ("visa", VISA_KEY, {}, ["visa", "--country", "thailand"]),
        ("infrastructure", "1", {"name": "Another"}, ["infra"]),
        ("events", "1", {"title": "Another"}, ["events"]),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_duplicate_ids(
    table: str,
    key: str,
    changes: dict[str, Any],
    args: list[str],
    way: str,
    tmp_path: Path,
    xdg: Path,
) -> None:
    data = _duplicate(table, key, **changes)
    rid = data[table][key]["id"]
    path = _write(tmp_path / f"dup-{table}.json", data)
    message = assert_data_error(run_db(args, path, way))
    assert rid in message, message


@pytest.mark.parametrize("way", WAYS)
def test_duplicate_ids_through_the_app(way: str, tmp_path: Path, xdg: Path) -> None:
    path = _write(tmp_path / "dup-trade.json", _duplicate("trade", TRADE_KEY, value=1))
    message = assert_data_error(run_db_app(["trade", "--json"], path, way, xdg))
    assert TRADE_ID in message and "two" in message, message


def _source_key(sid: str) -> str:
    return next(str(k) for k, s in _DATA["sources"].items() if s["id"] == sid)


@pytest.mark.parametrize(
    "args",
    [["sources", "T1", "--json"], ["cite", "T1"], ["trade", "--json"], ["visa", "--json"]],
    ids=" ".join,
)
def test_duplicate_source_ids(args: list[str], tmp_path: Path) -> None:
    data = _duplicate("sources", _source_key("T1"), publisher="Somebody Else", kind="aggregator")
    path = _write(tmp_path / "dup-sources.json", data)
    message = assert_data_error(run_db(args, path, "option"))
    assert "T1" in message, message


@pytest.mark.parametrize("table", ["trade", "visa"])
def test_db_info_with_duplicate_ids_does_not_crash(table: str, tmp_path: Path) -> None:
    key = TRADE_KEY if table == "trade" else VISA_KEY
    path = _write(tmp_path / "dup.json", _duplicate(table, key))
    res = run_inproc(["db", "info", "--json", "--db", str(path)])
    assert_no_crash(res)
    assert res.code in (0, 3), res.err


# The parse cache ---------------------------------------------------------------------------


def test_broken_parse_cache_changes_no_answer(tmp_path: Path) -> None:
    """cnasean keeps a parsed copy of the data in $XDG_CACHE_HOME/cnasean. A cache that is
    garbage, truncated, a file instead of a folder, or of a file since changed in place must
    never change an answer or turn into an error."""
    if not EXE.exists():
        pytest.skip("console script not installed")
    data = tmp_path / "db.json"
    shutil.copy(SHIPPED, data)
    env = make_env(tmp_path / "xdg")
    args = ["trade", "--list", "--json", "--db", str(data)]
    # A file changed within the last two seconds is never cached (store/cache.py, "racy
    # clean"): wait until the copy is old enough to be, so there is a cache to break.
    time.sleep(max(0.0, 2.1 - (time.time() - data.stat().st_ctime)))
    first = spawn(args, env)
    assert first.code == 0, first.err
    cache_dir = Path(env["XDG_CACHE_HOME"]) / "cnasean"
    cached = list(cache_dir.glob("*.marshal")) if cache_dir.is_dir() else []
    assert cached, "the first run kept no parsed copy: nothing here would be tested"
    for garbage in (b"", b"\x00" * 64, random.Random(1).randbytes(4096)):
        for f in cached:
            f.write_bytes(garbage)
        again = spawn(args, env)
        assert (again.code, again.out) == (0, first.out), again.err
    for f in cached:  # half of a good cache file
        f.unlink()
    spawn(args, env)
    for f in cache_dir.glob("*"):
        f.write_bytes(f.read_bytes()[: f.stat().st_size // 2])
    again = spawn(args, env)
    assert (again.code, again.out) == (0, first.out), again.err
    # A cache "folder" that is a file: nothing can be cached, the answer is the same.
    blocked = make_env(tmp_path / "xdg2", XDG_CACHE_HOME=str(data))
    again = spawn(args, blocked)
    assert (again.code, again.out) == (0, first.out), again.err
    # The data file rewritten: the new figure is shown, not the cached one.
    doc = json.loads(data.read_text(encoding="utf-8"))
    doc["trade"][TRADE_KEY]["value"] += 1
    data.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    changed = spawn(args, env)
    assert changed.code == 0, changed.err
    (rec,) = [r for r in json.loads(changed.out) if r["id"] == TRADE_ID]
    assert rec["value"] == _DATA["trade"][TRADE_KEY]["value"] + 1
