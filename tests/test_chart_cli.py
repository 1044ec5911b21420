"""`--chart` through the CLI: fits the terminal, plain when asked, refused with data formats.

The commands run in-process (conftest's ``in_process``), as a fresh process would run them."""

from __future__ import annotations

import subprocess

import pytest

from conftest import in_process


def cn(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    res = in_process(*args, env={"NO_COLOR": None, "TERM": None, "CNASEAN_DB": None, **env})
    assert "Traceback" not in res.stderr
    return res


@pytest.mark.parametrize("columns", ["30", "80", "200"])
def test_trade_chart_fits_the_terminal(columns: str) -> None:
    res = cn("trade", "--chart", COLUMNS=columns)
    assert res.returncode == 0
    lines = res.stdout.splitlines()
    assert all(len(line) <= int(columns) for line in lines)
    assert any(line.startswith("2024") for line in lines)
    assert "982.1 bn" in res.stdout  # the figure is there, whatever the width


def test_trade_chart_in_yuan_shows_growth() -> None:
    res = cn("trade", "--chart", "--currency", "CNY", COLUMNS="100")
    row = next(line for line in res.stdout.splitlines() if line.startswith("2021"))
    assert "5.67 tn" in row and "+19.7%" in row


@pytest.mark.parametrize("env", [{"TERM": "dumb"}, {"NO_COLOR": "1"}])
def test_plain_characters_when_asked(env: dict[str, str]) -> None:
    for args in (("trade", "--chart"), ("visa", "-c", "thailand", "--history", "--chart")):
        res = cn(*args, COLUMNS="90", **env)
        assert res.returncode == 0 and res.stdout.isascii() and "#" in res.stdout


def test_visa_history_chart() -> None:
    res = cn("visa", "-c", "thailand", "--history", "--chart", COLUMNS="100")
    assert res.returncode == 0
    assert "CN→TH" in res.stdout and "TH→CN" in res.stdout and "mutual exemption" in res.stdout
    assert all(len(line) <= 100 for line in res.stdout.splitlines())


@pytest.mark.parametrize(
    "args",
    [
        ("trade", "--chart", "--json"),
        ("trade", "--chart", "-f", "csv"),
        ("trade", "--chart", "--period", "2024"),
        ("visa", "--chart"),
        ("visa", "-c", "th", "--chart"),
        ("visa", "-c", "th", "--history", "--chart", "--json"),
    ],
)
def test_chart_refused_where_it_makes_no_sense(args: tuple[str, ...]) -> None:
    res = cn(*args)
    assert res.returncode == 2 and res.stdout == "" and "chart" in res.stderr
