"""A spinner on stderr for work that takes more than a second (a large data file read or
parsed, an import, an export), only when stderr is a terminal.

Nothing is imported or drawn for a command that ends within ``DELAY``: a timer starts the
spinner (and imports Rich) only then. The first thing a command writes, data or a message,
stops it for good (``stop``), so the spinner never mixes with what is shown.
"""

from __future__ import annotations

import os
import sys
from typing import Any

DELAY = 1.0  # seconds of quiet before the spinner shows
_state: dict[str, Any] = {"timer": None, "status": None, "stopped": True}


def _wanted(stream: Any) -> bool:
    try:
        tty = bool(stream.isatty())
    except (AttributeError, ValueError):
        return False
    env = os.environ
    return tty and env.get("TERM", "") != "dumb" and not env.get("CNASEAN_NO_PROGRESS")


def start(message: str = "Working…") -> None:
    """Show a spinner on stderr after ``DELAY`` seconds, unless ``stop`` comes first."""
    stream = sys.stderr
    if not _wanted(stream):
        return
    import threading

    lock = threading.Lock()

    def show() -> None:
        with lock:
            if _state["stopped"]:
                return
            from rich.console import Console

            console = Console(file=stream, stderr=True, highlight=False, markup=False)
            status = console.status(message, spinner="dots")
            status.start()
            _state["status"] = status

    timer = threading.Timer(DELAY, show)
    timer.daemon = True
    _state.update(timer=timer, status=None, stopped=False, lock=lock)
    timer.start()


def stop() -> None:
    """Stop the spinner (or its timer) for good: something is about to be written."""
    if _state["stopped"]:
        return
    _state["stopped"] = True
    timer = _state.get("timer")
    if timer is not None:
        timer.cancel()
    lock = _state.get("lock")
    if lock is None:
        return
    with lock:
        status = _state.get("status")
        if status is not None:
            status.stop()
            _state["status"] = None
