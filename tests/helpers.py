"""Checks several test modules share (``from helpers import ok, usage_failure``)."""

from __future__ import annotations

import json as _json
import subprocess
from pathlib import Path as _Path


def ok(r: subprocess.CompletedProcess[str]) -> str:
    """Exit 0 and no escape codes; returns stdout."""
    assert r.returncode == 0, r.stderr
    assert "\x1b" not in r.stdout
    return r.stdout


def usage_failure(r: subprocess.CompletedProcess[str]) -> str:
    """Exit 2, one clean error line on stderr, nothing on stdout; returns the message."""
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr, r.stderr
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("cnasean: error: "), r.stderr
    return lines[0]


# The shipped data's release, as tests that print it expect it (it changes with each release).
_META = _json.loads(
    (_Path(__file__).resolve().parents[1] / "data" / "db.json").read_text(encoding="utf-8")
)["meta"]["1"]
VERSION: str = _META["data_version"]
AS_OF: str = _META["as_of"]
