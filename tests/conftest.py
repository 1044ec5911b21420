"""Shared fixtures for the cnasean tests: CLI runners (in-process, and the installed console
script in a process of its own), the shipped data file, and a tiny fixed data file.

Only fixtures live here. The app turns every error into a one-line message and an exit code
itself (``cnasean.cli.CnaseanGroup``), so ``cli`` runs ``cnasean ARGS`` in this process, the
way a fresh process would (nothing kept from an earlier run), and gives what a user sees:
``returncode``, ``stdout``, ``stderr``. ``proc`` runs the console script in a process of its
own, for what needs one: pipes, terminals, signals, closed streams, encodings, ``run()``'s
fast exit. ``run`` is typer's CliRunner result (``exit_code``, ``exception``).
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
SHIPPED_DB = REPO / "data" / "db.json"

# Environment variables that change what the CLI reads or how it prints; removed from every
# subprocess unless a test sets them on purpose.
_SCRUB = (
    "CNASEAN_DB",
    "CNASEAN_DEBUG",
    "NO_COLOR",
    "FORCE_COLOR",
    "COLUMNS",
    "LINES",
    "PYTHONIOENCODING",
    "TERM",
    "CLICOLOR_FORCE",
    # the rest of what output/terminal.py resolves the Terminal from (Rich itself reads
    # nothing: it is given _environ={}), and the character widths Rich measures with
    "COLORTERM",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "JUPYTER_COLUMNS",
    "JUPYTER_LINES",
    "UNICODE_VERSION",
)


def _reset_cli_state() -> None:
    """The CLI keeps the root ``--db`` in a module-level dict (``cnasean.cli.options.state``)
    and the language in ``cnasean.text``; forget both between invocations so no test reads
    another's file or language."""
    for module_name in ("cnasean.cli.options", "cnasean.cli"):
        module = sys.modules.get(module_name)
        for attr in ("state", "_state"):
            state = getattr(module, attr, None)
            if isinstance(state, dict) and "db" in state:
                state["db"] = None
    text = sys.modules.get("cnasean.text")
    if text is not None:
        text.reset()


_FOLDERS = itertools.count()


def _unmade_folder(tmp_path_factory: pytest.TempPathFactory, prefix: str) -> Path:
    """A new path in pytest's temporary folder, not made yet (and not there)."""
    return tmp_path_factory.getbasetemp() / "unmade" / f"{prefix}{next(_FOLDERS)}"


@pytest.fixture(autouse=True)
def _isolated(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """No cached store, no CNASEAN_DB, no user copy of the data (XDG_DATA_HOME is empty), and
    the parse cache kept in pytest's own folder."""
    import cnasean.store.read

    cnasean.store.read.clear_cache()
    _reset_cli_state()
    monkeypatch.delenv("CNASEAN_DB", raising=False)
    monkeypatch.delenv("CNASEAN_DEBUG", raising=False)
    # A folder of its own for each test, made only if a test writes a user copy there: most
    # never do, and making (then removing) a folder for each of them takes seconds a run.
    monkeypatch.setenv("XDG_DATA_HOME", str(_unmade_folder(tmp_path_factory, "xdg")))
    # One parse cache for the session, inside pytest's temporary folder, not the user's.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))
    yield
    cnasean.store.read.clear_cache()
    _reset_cli_state()


@pytest.fixture
def runner() -> CliRunner:
    """typer's CliRunner (typer 0.28: stdout and stderr are always captured separately)."""
    return CliRunner()


@pytest.fixture
def run(runner: CliRunner) -> Callable[..., Any]:
    """Invoke ``cnasean.cli.app`` in-process: ``run("trade", "--json")`` -> result with
    ``.exit_code``, ``.stdout``, ``.stderr`` (and ``.exception``)."""
    from cnasean.cli import app

    def _run(*args: str, env: dict[str, str | None] | None = None) -> Any:
        # the variables proc scrubs removed, so a result never depends on the terminal the
        # tests run in (or on a test runner's worker process)
        overrides: dict[str, str | None] = dict.fromkeys(_SCRUB)
        overrides.update(env or {})
        _reset_cli_state()
        result = runner.invoke(app, [str(a) for a in args], env=overrides)
        _reset_cli_state()
        return result

    return _run


@pytest.fixture(scope="session")
def cli_bin() -> Path:
    """The ``cnasean`` console script installed next to the running interpreter."""
    path = Path(sys.executable).parent / ("cnasean.exe" if os.name == "nt" else "cnasean")
    if not path.exists():
        pytest.skip(f"console script not installed at {path}")
    return path


@pytest.fixture(scope="session")
def base_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A clean environment for subprocesses: no CNASEAN_DB, no user copy, UTF-8 I/O."""
    env = {k: v for k, v in os.environ.items() if k not in _SCRUB}
    env["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("xdg-subprocess"))
    env["XDG_CACHE_HOME"] = str(tmp_path_factory.getbasetemp() / "cache")
    env["PYTHONUTF8"] = "1"
    return env


def _spawn(
    cli_bin: Path, base_env: dict[str, str], args: Sequence[str], env: dict[str, str | None] | None
) -> subprocess.CompletedProcess[str]:
    full = dict(base_env)
    for k, v in (env or {}).items():
        if v is None:
            full.pop(k, None)
        else:
            full[k] = v
    return subprocess.run(
        [str(cli_bin), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=full,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


def in_process(
    *args: str | os.PathLike[str],
    env: dict[str, str | None] | None = None,
    input: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """``cnasean ARGS`` in this process, as a fresh process would run it: no parsed data, no
    root ``--db`` and no language kept from an earlier run, the variables ``proc`` scrubs
    removed (``env`` sets, or with None removes, variables; ``input`` is stdin, else empty).
    An exception that escapes the app is what a user sees as a traceback: it is added to
    ``stderr`` as one."""
    import traceback

    import cnasean.store.read
    from cnasean.cli import app

    overrides: dict[str, str | None] = dict.fromkeys(_SCRUB)
    overrides.update(env or {})
    cnasean.store.read.clear_cache()
    _reset_cli_state()
    try:
        result = CliRunner().invoke(app, [str(a) for a in args], input=input, env=overrides)
    finally:
        _reset_cli_state()
        cnasean.store.read.clear_cache()
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    return subprocess.CompletedProcess(
        ["cnasean", *map(str, args)], result.exit_code, result.stdout, stderr
    )


@pytest.fixture
def cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``cnasean ARGS`` in-process: ``cli("trade", "--json", env={"NO_COLOR": "1"})`` ->
    CompletedProcess with ``returncode``, ``stdout``, ``stderr``."""
    return in_process


@pytest.fixture(scope="session")
def cli_cached() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Like ``cli`` but remembers results for the session, for read-only commands over the
    shipped data that several tests look at. Do not mutate the results."""
    cache: dict[tuple[Any, ...], subprocess.CompletedProcess[str]] = {}

    def _cli(
        *args: str, env: dict[str, str | None] | None = None
    ) -> subprocess.CompletedProcess[str]:
        key = (tuple(map(str, args)), tuple(sorted((env or {}).items(), key=lambda kv: kv[0])))
        if key not in cache:
            cache[key] = in_process(*args, env=env)
        return cache[key]

    return _cli


@pytest.fixture
def proc(
    cli_bin: Path, base_env: dict[str, str]
) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the console script in a process of its own, for what needs one (pipes, encodings,
    the fast exit): ``proc("trade", "--json", env={"PYTHONIOENCODING": "ascii"})`` ->
    CompletedProcess with ``returncode``, ``stdout``, ``stderr``."""

    def _proc(
        *args: str, env: dict[str, str | None] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return _spawn(cli_bin, base_env, args, env)

    return _proc


@pytest.fixture(scope="session")
def proc_cached(
    cli_bin: Path, base_env: dict[str, str]
) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Like ``proc`` but remembers results for the session (read-only commands over the
    shipped data). Do not mutate the results."""
    cache: dict[tuple[Any, ...], subprocess.CompletedProcess[str]] = {}

    def _proc(
        *args: str, env: dict[str, str | None] | None = None
    ) -> subprocess.CompletedProcess[str]:
        key = (tuple(map(str, args)), tuple(sorted((env or {}).items(), key=lambda kv: kv[0])))
        if key not in cache:
            cache[key] = _spawn(cli_bin, base_env, args, env)
        return cache[key]

    return _proc


@pytest.fixture(scope="session")
def shipped_db() -> Path:
    """The canonical data file, data/db.json."""
    assert SHIPPED_DB.is_file(), SHIPPED_DB
    return SHIPPED_DB


@pytest.fixture(scope="session")
def shipped_raw(shipped_db: Path) -> dict[str, Any]:
    """The shipped data file as plain JSON: tables as lists of documents."""
    data = json.loads(shipped_db.read_text(encoding="utf-8"))
    return {name: list(table.values()) for name, table in data.items()}


LV = "2025-01-31"  # last_verified of the mini data


def _trade(
    id_: str,
    period: str,
    kind: str,
    start: str,
    end: str,
    value: int | None,
    currency: str | None,
    *,
    reporter: str = "CN",
    partner: str = "ASEAN",
    flow: str = "total",
    qualifier: str | None = None,
    yoy: float | None = None,
    share: float | None = None,
    sources: Sequence[str] = ("T1",),
    confidence: str = "verbatim",
    note: str | None = None,
) -> dict[str, Any]:
    return {
        "id": id_,
        "reporter": reporter,
        "partner": partner,
        "flow": flow,
        "period": period,
        "period_kind": kind,
        "period_start": start,
        "period_end": end,
        "value": value,
        "currency": currency,
        "qualifier": qualifier,
        "yoy_pct": yoy,
        "share_pct": share,
        "derived": None,
        "confidence": confidence,
        "note": note,
        "sources": list(sources),
        "last_verified": LV,
    }


def _visa(
    id_: str,
    passport: str,
    destination: str,
    regime: str,
    visa_free: bool,
    stay: int | None,
    start: str | None,
    end: str | None,
    purposes: Sequence[str],
    *,
    last_verified: str = LV,
    sources: Sequence[str] = ("V1",),
    cumulative: dict[str, int] | None = None,
) -> dict[str, Any]:
    return {
        "id": id_,
        "passport": passport,
        "destination": destination,
        "regime": regime,
        "name": None,
        "visa_free": visa_free,
        "max_stay_days": stay,
        "cumulative_limit": cumulative,
        "effective_from": start,
        "effective_to": end,
        "purposes": list(purposes),
        "conditions": ["Ordinary passports"],
        "region": None,
        "confidence": "verbatim",
        "note": None,
        "sources": list(sources),
        "last_verified": last_verified,
    }


MINI_META = {
    "schema_version": 1,
    "data_version": "9999.01.31",
    "as_of": "2025-01-31",
    "title": "cnasean test data",
}

MINI_SOURCES = [
    {
        "id": "T1",
        "publisher": "Test Customs",
        "title": "Annual trade release",
        "url": "https://example.org/t1",
        "published": "2024-01-12",
        "retrieved": LV,
        "kind": "official",
        "note": None,
        "also_urls": [],
    },
    {
        "id": "T2",
        "publisher": "Test Wire",
        "title": None,
        "url": "https://example.org/t2",
        "published": "2024-04",
        "retrieved": LV,
        "kind": "wire",
        "note": "Title not shown.",
        "also_urls": ["https://mirror.example.org/t2"],
    },
    {
        "id": "V1",
        "publisher": "Test Foreign Ministry",
        "title": "Visa agreement",
        "url": "https://example.org/v1",
        "published": "2024-01-28",
        "retrieved": LV,
        "kind": "official",
        "note": None,
        "also_urls": [],
    },
    {
        "id": "V2",
        "publisher": "Test Travel News",
        "title": "Tour groups",
        "url": "https://example.org/v2",
        "published": None,
        "retrieved": LV,
        "kind": "secondary",
        "note": None,
        "also_urls": [],
    },
]

MINI_TRADE = [
    _trade(
        "cn-asean-total-2022-cny",
        "2022",
        "year",
        "2022-01-01",
        "2022-12-31",
        6520000000000,
        "CNY",
        yoy=15.0,
        share=15.5,
    ),
    _trade(
        "cn-asean-total-2023-usd",
        "2023",
        "year",
        "2023-01-01",
        "2023-12-31",
        911700000000,
        "USD",
        yoy=-5.0,
    ),
    _trade(
        "cn-asean-total-2023-usd-wire",
        "2023",
        "year",
        "2023-01-01",
        "2023-12-31",
        911000000000,
        "USD",
        qualifier="about",
        sources=("T2",),
        note="Conflicts with cn-asean-total-2023-usd.",
    ),
    _trade(
        "cn-asean-export-2023-usd",
        "2023",
        "year",
        "2023-01-01",
        "2023-12-31",
        523000000000,
        "USD",
        flow="export",
    ),
    _trade(
        "cn-asean-total-2024-q1-cny",
        "2024-Q1",
        "quarter",
        "2024-01-01",
        "2024-03-31",
        1600000000000,
        "CNY",
        yoy=7.1,
        sources=("T2",),
    ),
    _trade(
        "cn-th-total-2023-usd",
        "2023",
        "year",
        "2023-01-01",
        "2023-12-31",
        126280000000,
        "USD",
        partner="TH",
    ),
    _trade(
        "th-cn-total-2023-usd",
        "2023",
        "year",
        "2023-01-01",
        "2023-12-31",
        104960000000,
        "USD",
        reporter="TH",
        partner="CN",
        sources=("T2",),
    ),
]

MINI_VISA = [
    _visa(
        "visa-cn-th-temporary-2023",
        "CN",
        "TH",
        "temporary_exemption",
        True,
        30,
        "2023-09-25",
        "2024-02-29",
        ["tourism"],
    ),
    _visa(
        "visa-cn-th-mutual-2024",
        "CN",
        "TH",
        "mutual_exemption",
        True,
        30,
        "2024-03-01",
        None,
        ["tourism", "business", "family", "transit"],
        cumulative={"days": 90, "window_days": 180},
    ),
    _visa(
        "visa-th-cn-mutual-2024",
        "TH",
        "CN",
        "mutual_exemption",
        True,
        30,
        "2024-03-01",
        None,
        ["tourism", "business", "family", "transit"],
        cumulative={"days": 90, "window_days": 180},
    ),
    _visa(
        "visa-cn-la-temporary-2024",
        "CN",
        "LA",
        "temporary_exemption",
        True,
        15,
        "2024-07-01",
        "2024-12-31",
        ["tourism"],
        last_verified="2024-01-01",
        sources=("V2",),
    ),
]


def mini_data() -> dict[str, Any]:
    """The tiny data set as a TinyDB document (tables keyed by document number)."""

    def table(docs: Sequence[dict[str, Any]]) -> dict[str, Any]:
        return {str(i): json.loads(json.dumps(d)) for i, d in enumerate(docs, start=1)}

    return {
        "meta": table([MINI_META]),
        "sources": table(MINI_SOURCES),
        "trade": table(MINI_TRADE),
        "visa": table(MINI_VISA),
        "infrastructure": {},
        "events": {},
    }


@pytest.fixture
def mini_db(tmp_path: Path) -> Path:
    """A tiny but valid data file in tmp_path (meta, four sources, seven trade figures, four
    visa rules), shaped exactly like docs/data-schema.md, for tests that need fixed data."""
    path = tmp_path / "mini-db.json"
    path.write_text(json.dumps(mini_data(), ensure_ascii=False, indent=1), encoding="utf-8")
    return path


@pytest.fixture
def mini_raw() -> dict[str, Any]:
    """What ``mini_db`` holds, as plain JSON: tables as lists of documents."""
    return {name: list(table.values()) for name, table in mini_data().items()}


def pytest_configure(config: pytest.Config) -> None:
    """Keep the parse cache of every cnasean the tests start out of the user's own cache
    folder (subprocesses inherit this environment)."""
    import tempfile

    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="cnasean-test-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    import shutil

    folder = os.environ.get("XDG_CACHE_HOME", "")
    if "cnasean-test-cache-" in folder:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def sh(cli_cached: Callable[..., Any]) -> Callable[..., Any]:
    """``cnasean ARGS`` in-process with a clean environment, results remembered (``cli_cached``:
    the shipped data never changes during a run)."""
    return cli_cached
