"""Ctrl-C before any command runs, and no garbage collector: the first thing ``cnasean`` does.

Importing the package, typer and rich is most of the first 150 ms of a run; a Ctrl-C then
would print Python's traceback. When this process is the ``cnasean`` command (not a program
or a test importing cnasean, whose Ctrl-C is its own), a handler that ends the process at
once, exit 130, is installed before anything else is imported: ``cnasean/__init__.py``
imports this module first. It stays for the whole run (``cli.run()``): a write ended this way
is as safe as a killed one, which the write path is built and tested to survive.
Only the built-in ``_signal``, ``gc``, ``os`` and ``sys`` are used: they are loaded already.
"""

import _signal  # type: ignore[import-not-found]  # built in and loaded: nothing to import
import os
import sys


def interrupted_on_the_way(signum: int, frame: object) -> None:
    """Ctrl-C while no command runs: nothing is read or written, so end at once."""
    try:
        os.write(2, b"\ncnasean: interrupted\n")
    finally:
        os._exit(130)


def console_script() -> bool:
    """Whether this is the ``cnasean`` command (or ``python -m cnasean``)."""
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    script = os.path.splitext(os.path.basename(sys.argv[0] if sys.argv else ""))[0]
    return (
        script in ("cnasean", "cnasean-script") or getattr(spec, "name", "") == "cnasean.__main__"
    )


if console_script():
    _signal.signal(_signal.SIGINT, interrupted_on_the_way)
    # No cyclic garbage collector for the command either: a run is a fraction of a second
    # and frees its memory at exit, almost every object it makes is freed by reference
    # counting as it goes, and the collector's passes over the tens of thousands of objects
    # of typer, rich and the data cost 13-15 million instructions a run (a twentieth).
    # The 100,000-record file's peak memory is measured by bench/bench.py.
    import gc

    gc.disable()
