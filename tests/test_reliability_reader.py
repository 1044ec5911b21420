"""Issue 12, the reader's part: one shared reader for data files and record files
(``store/files.py``), duplicate keys refused, exports that never write onto the data file
nor replace what is not a regular file, SQLite exports of integers past int64, and CSV
cells a spreadsheet would run as formulas.

What needs a process of its own (a FIFO or ``/dev/zero`` that would hang or fill the
memory of the test run) runs the console script with a time limit and an address-space
limit; the rest runs in-process (conftest's ``cli``)."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import mini_data

Run = Callable[..., subprocess.CompletedProcess[str]]
TRADE_ID = "cn-asean-total-2023-usd"
HAS_FIFO = hasattr(os, "mkfifo")


def one_line(r: subprocess.CompletedProcess[str], code: int) -> str:
    """Exit ``code``, one clean error line, no traceback; returns the line."""
    assert r.returncode == code, (r.returncode, r.stdout[-500:], r.stderr[-2000:])
    assert "Traceback" not in r.stderr, r.stderr[-2000:]
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cnasean: error: "), r.stderr[-2000:]
    return lines[0]


def _limits() -> None:  # in the child: 2 GiB of address space, then MemoryError
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


@pytest.fixture
def spawn(cli_bin: Path, base_env: dict[str, str], tmp_path: Path) -> Run:
    """The console script in a process of its own, 2 GiB of address space at most; a run
    still going after ``timeout`` seconds is a hang."""

    def _run(*args: Any, stdin: Any = subprocess.DEVNULL, timeout: float = 15) -> Any:
        env = {**base_env, "XDG_DATA_HOME": str(tmp_path / "xdg")}
        try:
            return subprocess.run(
                [str(cli_bin), *map(str, args)],
                capture_output=True,
                text=True,
                errors="replace",
                env=env,
                stdin=stdin,
                timeout=timeout,
                preexec_fn=_limits if sys.platform.startswith("linux") else None,
                check=False,
            )
        except subprocess.TimeoutExpired:
            pytest.fail(f"cnasean {' '.join(map(str, args))} still running after {timeout} s")

    return _run


def write_json(path: Path, doc: Any) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


@pytest.fixture
def records(tmp_path: Path) -> Path:
    """A valid record file: one trade figure, new to the mini data."""
    doc = dict(mini_data()["trade"]["2"], id="new-figure-2023")
    return write_json(tmp_path / "records.json", [{"table": "trade", **doc}])


# --- 1. one reader: regular files only, a size cap, depth --------------------------------


def _fifo_commands(fifo: Path, db: Path, records: Path) -> list[tuple[list[Any], int]]:
    return [
        (["trade", "--db", fifo], 3),
        (["db", "validate", fifo], 3),
        (["db", "export", "--db", fifo], 3),
        (["db", "diff", fifo, db], 3),
        (["db", "set", TRADE_ID, "note", '"x"', "--db", fifo], 3),
        (["db", "remove", TRADE_ID, "--db", fifo], 3),
        (["db", "import", records, "--db", fifo], 3),
        (["db", "import", fifo, "--db", db], 2),
        (["db", "add", "trade", "--file", fifo, "--db", db], 2),
    ]


@pytest.mark.skipif(not HAS_FIFO, reason="no named pipes here")
@pytest.mark.parametrize("case", range(9))
def test_a_fifo_is_refused_at_once_by_every_command(
    case: int, spawn: Run, tmp_path: Path, mini_db: Path, records: Path
) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    args, code = _fifo_commands(fifo, mini_db, records)[case]
    r = spawn(*args, timeout=10)
    if args[1] == "validate":  # the problems on stdout, one a line
        assert r.returncode == 3 and "Traceback" not in r.stderr, r.stderr
        message = r.stdout
    else:
        message = one_line(r, code)
    assert "pipe.json" in message and "not a regular file" in message
    # Nothing holds the write lock afterwards: another writer gets through at once.
    ok = spawn("db", "set", TRADE_ID, "note", '"after"', "--db", mini_db, timeout=10)
    assert ok.returncode == 0, ok.stderr


def _sparse(path: Path, head: bytes, size: int) -> Path:
    path.write_bytes(head)
    os.truncate(path, size)
    return path


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@pytest.mark.parametrize(
    "case",
    [
        "query-dev-zero",
        "validate-dev-zero",
        "export-dev-zero",
        "import-dev-zero",
        "add-file-dev-zero",
        "add-stdin-dev-zero",
        "validate-sparse-3g",
        "export-sparse-3g",
        "import-sparse-3g",
        "diff-sparse-hole",
    ],
)
def test_devices_and_sparse_files_cannot_exhaust_memory(
    case: str, spawn: Run, tmp_path: Path, mini_db: Path
) -> None:
    zero = Path("/dev/zero")
    big = _sparse(tmp_path / "big.json", b'{"meta": ', 3 << 30)  # over the 512 MiB cap
    holey = _sparse(tmp_path / "holey.json", b'{"meta": ', 300 << 20)  # under it
    args: list[Any]
    stdin: Any = subprocess.DEVNULL
    args, code, words = {
        "query-dev-zero": (["trade", "--db", zero], 3, "not a regular file"),
        "validate-dev-zero": (["db", "validate", zero], 3, "not a regular file"),
        "export-dev-zero": (["db", "export", "--db", zero], 3, "not a regular file"),
        "import-dev-zero": (["db", "import", zero, "--db", mini_db], 2, "not a regular file"),
        "add-file-dev-zero": (
            ["db", "add", "trade", "--file", zero, "--db", mini_db],
            2,
            "not a regular file",
        ),
        "add-stdin-dev-zero": (["db", "add", "trade", "--db", mini_db], 2, "NUL"),
        "validate-sparse-3g": (["db", "validate", big], 3, "larger than 512 MiB"),
        "export-sparse-3g": (["db", "export", "--db", big], 3, "larger than 512 MiB"),
        "import-sparse-3g": (["db", "import", big, "--db", mini_db], 2, "larger than 512 MiB"),
        "diff-sparse-hole": (["db", "diff", holey, mini_db], 3, "NUL"),
    }[case]
    if case == "add-stdin-dev-zero":
        with zero.open("rb") as fh:
            r = spawn(*args, stdin=fh)
    else:
        r = spawn(*args, stdin=stdin)
    if case.startswith("validate"):  # db validate lists the problem on stdout, exit 3
        assert r.returncode == 3 and "Traceback" not in r.stderr, r.stderr[-2000:]
        assert words in r.stdout, r.stdout
    else:
        assert words in one_line(r, code)


DEEP = '{"meta": ' + "[" * 100_000 + "]" * 100_000 + "}"


@pytest.mark.parametrize(
    "case",
    ["export", "diff", "set", "remove", "import-into", "validate", "query"],
)
def test_a_data_file_nested_100000_deep_is_exit_3(
    case: str, cli: Run, tmp_path: Path, mini_db: Path, records: Path
) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text(DEEP, encoding="utf-8")
    args = {
        "export": ["db", "export", "--db", deep],
        "diff": ["db", "diff", mini_db, deep],
        "set": ["db", "set", TRADE_ID, "note", '"x"', "--db", deep],
        "remove": ["db", "remove", TRADE_ID, "--db", deep],
        "import-into": ["db", "import", records, "--db", deep],
        "validate": ["db", "validate", deep],
        "query": ["trade", "--db", deep],
    }[case]
    r = cli(*args)
    if case == "validate":
        assert r.returncode == 3 and "nested too deeply" in r.stdout, r.stderr
    else:
        assert "deep.json" in one_line(r, 3) and "nested too deeply" in r.stderr


@pytest.mark.parametrize("case", ["import-file", "add-record", "add-stdin", "set-value"])
def test_a_record_nested_100000_deep_is_exit_2(
    case: str, cli: Run, tmp_path: Path, mini_db: Path
) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    path = tmp_path / "deep-records.json"
    path.write_text(deep, encoding="utf-8")
    args, stdin = {
        "import-file": (["db", "import", path, "--db", mini_db], None),
        "add-record": (["db", "add", "trade", "--record", deep, "--db", mini_db], None),
        "add-stdin": (["db", "add", "trade", "--db", mini_db], deep),
        "set-value": (["db", "set", TRADE_ID, "note", deep, "--db", mini_db], None),
    }[case]
    before = mini_db.read_bytes()
    assert "nested too deeply" in one_line(cli(*args, input=stdin), 2)
    assert mini_db.read_bytes() == before


@pytest.mark.parametrize(
    "content",
    [b'{"meta": {"1": {"a": "\xff"}}}', b"[1, 2]", b"", b'{"meta": {', DEEP.encode()],
    ids=["not-utf8", "not-an-object", "empty", "truncated", "deep"],
)
def test_queries_and_db_commands_say_the_same(content: bytes, cli: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    query = one_line(cli("trade", "--db", bad), 3)
    export = one_line(cli("db", "export", "--db", bad), 3)
    validate = cli("db", "validate", bad, "--json")
    assert validate.returncode == 3
    problem = json.loads(validate.stdout)[0]["message"]
    assert query.endswith(f"{bad} (from --db) {problem}.")
    assert export.endswith(f"{bad} {problem}.")


def test_the_cap_is_documented_and_holds_the_benchmark_files() -> None:
    from cnasean.store import files

    assert files.MAX_BYTES == 512 * 2**20 and "512 MiB" in (files.__doc__ or "")
    assert files.MAX_BYTES > 460_000_000  # bench/make_db.py's 1,000,000 records


def test_the_cap_is_read_at_most_once_over(tmp_path: Path, monkeypatch: Any) -> None:
    from cnasean.store import files

    monkeypatch.setattr(files, "MAX_BYTES", 1000)
    path = tmp_path / "db.json"
    path.write_text('{"meta": {}, "x": "' + "a" * 2000 + '"}', encoding="utf-8")
    with pytest.raises(files.FileError, match="larger than"):
        files.read_json(path, data_file=True)
    path.write_text('{"meta": {}}', encoding="utf-8")
    assert files.read_json(path, data_file=True) == {"meta": {}}


# --- 2. duplicate keys -------------------------------------------------------------------


def _dup_in_record(text: str) -> str:
    """The mini data with the 2023 USD figure's "value" given twice (the second wins)."""
    return text.replace('"value": 911700000000,', '"value": 911700000000,\n  "value": 1,', 1)


@pytest.mark.parametrize("variant", ["field", "field-spaced", "document-number", "table", "nested"])
def test_a_data_file_with_a_key_twice_is_refused(
    variant: str, cli: Run, tmp_path: Path, mini_db: Path
) -> None:
    text = mini_db.read_text(encoding="utf-8")
    key = {
        "field": "value",
        "field-spaced": "value",
        "document-number": "1",
        "table": "visa",
        "nested": "days",
    }[variant]
    if variant == "field":
        text = _dup_in_record(text)
    elif variant == "field-spaced":
        text = _dup_in_record(text).replace('"value":', '"value" \n :')
    elif variant == "document-number":
        text = text.replace('"trade": {\n  "1": {', '"trade": {\n  "1": {"id": "x"},\n  "1": {', 1)
    elif variant == "table":
        text = text.replace('"visa": {', '"visa": {},\n "visa": {', 1)
    else:
        text = text.replace('"days": 90,', '"days": 90,\n   "days": 9,', 1)
    assert text != mini_db.read_text(encoding="utf-8")
    bad = tmp_path / "dup.json"
    bad.write_text(text, encoding="utf-8")
    json.loads(text)  # plain json takes it, silently dropping one of the two
    for args in (
        ["trade", "--db", bad, "--json"],
        ["db", "export", "--db", bad],
        ["db", "set", "T1", "note", '"x"', "--db", bad],
    ):
        message = one_line(cli(*args), 3)
        assert f"key {key!r} twice" in message and "dup.json" in message
    validate = cli("db", "validate", bad)
    assert validate.returncode == 3 and f"key {key!r} twice" in validate.stdout
    if variant == "field":
        assert f"record {TRADE_ID!r}" in message


def test_no_false_alarm_from_colons_in_strings_or_spacing(
    cli: Run, tmp_path: Path, mini_db: Path
) -> None:
    data = mini_data()
    data["trade"]["1"]["note"] = 'Quoted \\": "x": in a note, "y" : too'
    spaced = json.dumps(data, indent=1, separators=(" ,", " : "))
    path = tmp_path / "spaced.json"
    path.write_text(spaced, encoding="utf-8")
    write_json(mini_db, data)
    assert cli("db", "validate", path).returncode == 0
    r = cli("trade", "--db", path, "--list", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == json.loads(
        cli("trade", "--db", mini_db, "--list", "--json").stdout
    )


@pytest.mark.parametrize("case", ["import-json", "import-jsonl", "import-csv-cell", "add", "set"])
def test_a_record_with_a_key_twice_is_exit_2(
    case: str, cli: Run, tmp_path: Path, mini_db: Path
) -> None:
    doc = json.dumps(dict(mini_data()["trade"]["2"], id="new-figure"))
    dup = doc.replace('"id": "new-figure"', '"id": "new-figure", "value": 2', 1)
    if case == "import-json":
        path = tmp_path / "dup.json"
        path.write_text("[" + dup.replace("{", '{"table": "trade", ', 1) + "]")
        args: list[Any] = ["db", "import", path]
    elif case == "import-jsonl":
        path = tmp_path / "dup.jsonl"
        path.write_text(dup.replace("{", '{"table": "trade", ', 1) + "\n")
        args = ["db", "import", path]
    elif case == "import-csv-cell":
        path = tmp_path / "dup.csv"
        visa = dict(mini_data()["visa"]["2"], id="new-rule", destination="LA")
        rows = io.StringIO()
        writer = csv.DictWriter(rows, fieldnames=list(visa))
        writer.writeheader()
        visa["cumulative_limit"] = '{"days": 90, "days": 9, "window_days": 180}'
        writer.writerow({k: json.dumps(v) if isinstance(v, list) else v for k, v in visa.items()})
        path.write_text(rows.getvalue(), encoding="utf-8")
        args = ["db", "import", path, "--kind", "visa"]
    elif case == "add":
        args = ["db", "add", "trade", "--record", dup]
    else:
        args = ["db", "set", TRADE_ID, "derived", '{"method": "a", "method": "b"}']
    before = mini_db.read_bytes()
    message = one_line(cli(*args, "--db", mini_db), 2)
    assert "twice" in message, message
    assert mini_db.read_bytes() == before


def test_the_duplicate_check_agrees_with_a_pair_by_pair_parse() -> None:
    import random

    from cnasean.store import files

    rng = random.Random(12)
    keys = ["a", "b", 'c"', "d:", "\\", "é", 'e\\"', " "]
    for _ in range(2000):

        def obj(depth: int) -> str:
            n = rng.randint(0, 4)
            parts = []
            for _ in range(n):
                k = json.dumps(rng.choice(keys))
                v = (
                    obj(depth + 1)
                    if depth < 3 and rng.random() < 0.4
                    else json.dumps(rng.choice([*keys, 1, None, [":"]]))
                )
                sep = rng.choice([":", " :", "\n:\t", ": "])
                parts.append(f"{k}{sep}{v}")
            return "{" + rng.choice([",", " , "]).join(parts) + "}"

        text = obj(0)

        def exact(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
            if len({k for k, _ in pairs}) != len(pairs):
                raise KeyError
            return dict(pairs)

        try:
            expected: Any = json.loads(text, object_pairs_hook=exact)
        except KeyError:
            with pytest.raises(files.DuplicateKey):
                files.parse(text)
        else:
            assert files.parse(text) == expected


# --- 3. exports never onto the data file; nothing but regular files replaced ----------------


@pytest.mark.parametrize("fmt", ["json", "csv", "sqlite"])
@pytest.mark.parametrize("target", ["itself", "symlink", "hardlink", "backup", "lock", "env"])
def test_an_export_never_writes_onto_the_data_file(
    fmt: str, target: str, cli: Run, tmp_path: Path, mini_db: Path
) -> None:
    assert cli("db", "set", TRADE_ID, "note", '"first write"', "--db", mini_db).returncode == 0
    bak = mini_db.with_name(mini_db.name + ".bak")
    lock = mini_db.with_name(mini_db.name + ".lock")
    assert bak.exists() and lock.exists()
    out = {
        "itself": mini_db,
        "env": mini_db,
        "symlink": tmp_path / "link.json",
        "hardlink": tmp_path / "hard.json",
        "backup": bak,
        "lock": lock,
    }[target]
    if target == "symlink":
        out.symlink_to(mini_db)
    if target == "hardlink":
        os.link(mini_db, out)
    kept = {p: p.read_bytes() for p in (mini_db, bak, lock)}
    kind = ["--kind", "trade"] if fmt == "csv" else []
    where = ["--db", mini_db] if target != "env" else []
    env = {"CNASEAN_DB": str(mini_db)} if target == "env" else None
    r = cli("db", "export", "-f", fmt, *kind, "-o", out, *where, env=env)
    assert "Refused" in one_line(r, 2)
    assert {p: p.read_bytes() for p in kept} == kept
    assert cli("trade", "--db", mini_db, "--json").returncode == 0


def test_an_export_never_writes_onto_the_users_copy(
    cli: Run, tmp_path: Path, mini_db: Path
) -> None:
    user = tmp_path / "xdg" / "cnasean" / "db.json"
    user.parent.mkdir(parents=True)
    env = {"XDG_DATA_HOME": str(tmp_path / "xdg")}
    r = cli("db", "export", "-o", user, "--db", mini_db, env=env)
    assert "Refused" in one_line(r, 2)
    assert not user.exists()


@pytest.mark.skipif(not HAS_FIFO, reason="no named pipes here")
@pytest.mark.parametrize("how", ["fifo", "symlink-to-fifo", "folder"])
def test_a_sqlite_export_replaces_only_regular_files(
    how: str, cli: Run, tmp_path: Path, mini_db: Path
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    out = {"fifo": fifo, "symlink-to-fifo": tmp_path / "link", "folder": tmp_path}[how]
    if how == "symlink-to-fifo":
        out.symlink_to(fifo)
    one_line(cli("db", "export", "-f", "sqlite", "-o", out, "--db", mini_db), 2)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert how != "symlink-to-fifo" or out.is_symlink()


def test_a_text_export_to_a_device_writes_to_it_in_place(cli: Run, mini_db: Path) -> None:
    null = Path(os.devnull)
    before = null.lstat()
    r = cli("db", "export", "-o", null, "--db", mini_db)
    assert r.returncode == 0, r.stderr
    after = null.lstat()
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


@pytest.mark.parametrize("fmt", ["json", "sqlite"])
def test_an_export_is_renamed_into_place(
    fmt: str, cli: Run, tmp_path: Path, mini_db: Path, monkeypatch: Any
) -> None:
    out = tmp_path / "out" / "export.db"
    out.parent.mkdir()
    out.write_bytes(b"the previous export")
    out.chmod(0o640)
    inode = out.stat().st_ino
    from cnasean.store import exchange

    real_text, real_sqlite = exchange.export_text, exchange.export_sqlite

    def broken(*args: Any, **kwargs: Any) -> Any:
        if fmt == "sqlite":
            real_sqlite(*args, **kwargs)  # a database written, then the disk fills
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(exchange, "export_sqlite" if fmt == "sqlite" else "export_text", broken)
    r = cli("db", "export", "-f", fmt, "-o", out, "--db", mini_db)
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    assert out.read_bytes() == b"the previous export"
    assert sorted(p.name for p in out.parent.iterdir()) == ["export.db"]  # no temp file left
    monkeypatch.setattr(exchange, "export_text", real_text)
    monkeypatch.setattr(exchange, "export_sqlite", real_sqlite)
    r = cli("db", "export", "-f", fmt, "-o", out, "--db", mini_db)
    assert r.returncode == 0, r.stderr
    assert out.stat().st_ino != inode and stat.S_IMODE(out.stat().st_mode) == 0o640
    # no temp file left; a SQLite export has Datasette's metadata.json beside it
    beside = ["export.db", "metadata.json"] if fmt == "sqlite" else ["export.db"]
    assert sorted(p.name for p in out.parent.iterdir()) == beside


# --- 4. integers past int64 in SQLite ------------------------------------------------------


def test_a_30_digit_integer_reaches_sqlite_exactly(cli: Run, tmp_path: Path, mini_db: Path) -> None:
    data = json.loads(mini_db.read_text(encoding="utf-8"))
    data["trade"]["1"]["value"] = 10**30 + 7
    data["trade"]["3"]["value"] = 2**60 + 1  # inside int64, past REAL's 53 bits
    write_json(mini_db, data)
    out = tmp_path / "big.sqlite"
    r = cli("db", "export", "-f", "sqlite", "-o", out, "--db", mini_db)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    con = sqlite3.connect(out)
    rows = dict(con.execute("select id, value from trade").fetchall())
    assert rows[data["trade"]["1"]["id"]] == str(10**30 + 7)
    assert rows[data["trade"]["3"]["id"]] == 2**60 + 1
    assert rows[TRADE_ID] == 911700000000
    con.close()


def test_sqlite_number_columns_are_integer_for_whole_numbers_else_real(
    cli: Run, tmp_path: Path, mini_db: Path
) -> None:
    # issue 16: whole numbers (money in currency units) are INTEGER, not REAL
    out = tmp_path / "plain.sqlite"
    assert cli("db", "export", "-f", "sqlite", "-o", out, "--db", mini_db).returncode == 0
    con = sqlite3.connect(out)
    types = {row[1]: row[2] for row in con.execute("pragma table_info(trade)")}
    assert types["value"] == "INTEGER" and types["id"] == "TEXT"
    assert types["yoy_pct"] in ("REAL", "INTEGER")
    (value,) = con.execute("select typeof(value) from trade limit 1").fetchone()
    assert value == "integer"
    con.close()


# --- 5. spreadsheet formula injection ------------------------------------------------------

# The cells a spreadsheet would run (OWASP): = + - @ TAB CR, and a quote, which export
# doubles so that import takes exactly one off.
FORMULAS = ["=1+1", "+1", "-x", "@SUM(A1)", "'quoted", "''two", "plain"]


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised_and_read_back(
    cli: Run, tmp_path: Path, mini_db: Path
) -> None:
    data = json.loads(mini_db.read_text(encoding="utf-8"))
    trade = list(data["trade"].values())
    for doc, note in zip(trade, FORMULAS, strict=True):
        doc["note"] = note
    write_json(mini_db, data)
    r = cli("db", "export", "-f", "csv", "--kind", "trade", "--db", mini_db)
    assert r.returncode == 0, r.stderr
    by_id = {row["id"]: row for row in csv.DictReader(io.StringIO(r.stdout, newline=""))}
    for doc in trade:
        cell, note = by_id[doc["id"]]["note"], doc["note"]
        assert cell == ("'" + note if note[0] in "=+-@'" else note)
    assert by_id[TRADE_ID]["yoy_pct"] == "-5.0"  # a number stays a number
    assert by_id["th-cn-total-2023-usd"]["period_start"] == "2023-01-01"
    out = tmp_path / "trade.csv"
    args = ["-f", "csv", "--kind", "trade", "--db", mini_db]
    assert cli("db", "export", *args, "-o", out).returncode == 0
    back = cli("db", "import", out, "--kind", "trade", "--dry-run", "--json", "--db", mini_db)
    assert back.returncode == 0, back.stderr
    assert json.loads(back.stdout) == []  # every cell read back as it was
    assert f"0 added, 0 changed, {len(trade)} unchanged" in back.stderr


@pytest.mark.parametrize("text", ["\tTab", "\rCR", "=cmd|' /C calc'!A0", "-", "'", "-5", "@"])
def test_a_text_cell_round_trips_exactly(text: str, tmp_path: Path) -> None:
    from cnasean.store import exchange

    data = mini_data()
    data["trade"]["1"]["note"] = text
    data["trade"]["2"]["yoy_pct"] = -5
    csv_text = exchange.export_text(data, "csv", "trade")
    row = next(csv.DictReader(io.StringIO(csv_text, newline="")))
    assert row["note"] == "'" + text  # a spreadsheet shows it as text
    path = tmp_path / "t.csv"
    path.write_text(csv_text, encoding="utf-8", newline="")
    got = [doc for _, doc in exchange.read_records(path, "trade")]
    assert got[0]["note"] == text and got[1]["yoy_pct"] == -5
