"""A pager for output taller than the screen, only on a terminal (issue 16, part 5)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")


def _on_a_terminal(
    cli_bin: Path, base_env: dict[str, str], tmp_path: Path, *args: str, lines: str = "20"
) -> tuple[str, str]:
    import pty

    marker = tmp_path / "paged.txt"
    pager = tmp_path / "pager.sh"
    pager.write_text(f"#!/bin/sh\ncat > {marker}\n", encoding="utf-8")
    pager.chmod(0o755)
    env = {**base_env, "CNASEAN_PAGER": str(pager), "COLUMNS": "80", "LINES": lines}
    env["TERM"] = "xterm"
    import threading

    main, child = pty.openpty()
    chunks: list[bytes] = []

    def drain() -> None:  # read as it is written: a full terminal would block the writer
        try:
            while chunk := os.read(main, 65536):
                chunks.append(chunk)
        except OSError:  # the other end closed
            pass

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    proc = subprocess.run(
        [str(cli_bin), *args],
        stdin=child,
        stdout=child,
        stderr=subprocess.PIPE,
        env=env,
        check=False,
        timeout=60,
    )
    os.close(child)
    reader.join(10)
    os.close(main)
    shown = b"".join(chunks)
    assert proc.returncode == 0, proc.stderr
    paged = marker.read_text(encoding="utf-8") if marker.exists() else ""
    return paged, shown.decode("utf-8", "replace")


def test_tall_output_goes_through_the_pager(
    cli_bin: Path, base_env: dict[str, str], tmp_path: Path
) -> None:
    paged, shown = _on_a_terminal(cli_bin, base_env, tmp_path, "events")
    assert paged.count("\n") > 20 and "ASEAN" in paged
    assert "ASEAN" not in shown


def test_no_pager_and_short_output(cli_bin: Path, base_env: dict[str, str], tmp_path: Path) -> None:
    paged, shown = _on_a_terminal(cli_bin, base_env, tmp_path, "events", "--no-pager")
    assert not paged and "ASEAN" in shown
    paged, shown = _on_a_terminal(cli_bin, base_env, tmp_path, "trade", "--rank", lines="200")
    assert not paged and "Vietnam" in shown


def test_never_when_piped(proc: object, base_env: dict[str, str], tmp_path: Path) -> None:
    marker = tmp_path / "paged.txt"
    pager = tmp_path / "pager.sh"
    pager.write_text(f"#!/bin/sh\ncat > {marker}\n", encoding="utf-8")
    pager.chmod(0o755)
    r = proc("events", "-f", "table", env={"CNASEAN_PAGER": str(pager), "LINES": "5"})  # type: ignore[operator]
    assert r.returncode == 0 and "ASEAN" in r.stdout and not marker.exists()


def test_spinner_only_on_a_terminal_and_only_for_long_work(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io
    import time

    from cnasean.output import progress

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("CNASEAN_NO_PROGRESS", raising=False)
    monkeypatch.setattr(progress, "DELAY", 0.05)
    err = Tty()
    monkeypatch.setattr(sys, "stderr", err)
    progress.start("Reading")
    time.sleep(0.5)
    progress.stop()
    assert "Reading" in err.getvalue()
    quick = Tty()
    monkeypatch.setattr(sys, "stderr", quick)
    monkeypatch.setattr(progress, "DELAY", 5.0)
    progress.start("Reading")
    progress.stop()  # the command ended first: nothing shown
    time.sleep(0.1)
    assert quick.getvalue() == ""
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    monkeypatch.setattr(progress, "DELAY", 0.01)
    progress.start("Reading")
    time.sleep(0.1)
    progress.stop()
    assert piped.getvalue() == ""
