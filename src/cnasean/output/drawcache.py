"""Table drawings kept between runs, so that a repeated command writes its table without
importing Rich.

A drawing is kept under its full key: the spec (every text drawn), the resolved ``Terminal``
(everything the drawing depends on besides the texts: ``output.table`` gives Rich nothing
else) and the stamp of the code that draws. Nothing here names an environment variable: what
the environment means for a drawing is decided once, in ``output.terminal``. A drawing is
kept as one checked part of a cache entry (``store.cache``): a damaged one is drawn again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cnasean.output.table import Spec
    from cnasean.output.terminal import Terminal

KEPT = 64  # newest drawings kept; older ones are removed
MAX_CELLS = 4000  # larger tables are drawn afresh (and rarely repeated)

Entry = tuple[Path, str]  # where a drawing is kept, and its full key


def entry(spec: Spec, terminal: Terminal) -> Entry | None:
    """Where the drawing of ``spec`` on ``terminal`` is kept, and its key; None when
    caching is off or the table is too large to keep."""
    from cnasean.store import cache

    where = cache.folder("tables")
    if where is None or len(spec[4]) * len(spec[5]) > MAX_CELLS:
        return None
    key = repr((spec, terminal, code()))
    return where / cache.name_for(key), key


def load(found: Entry | None) -> str | None:
    """The drawing kept at ``found``, or None."""
    if found is None:
        return None
    from cnasean.store import cache

    kept = cache.load(*found)
    part = kept.take("drawing") if kept is not None and "drawing" in kept else None
    if part is None:  # none kept, or damaged: drawn afresh and kept anew
        return None
    try:
        return str(part, "utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return None


def save(found: Entry | None, drawing: str) -> None:
    """Keep ``drawing`` at ``found`` (best effort), with only the newest ``KEPT``."""
    if found is None:
        return
    from cnasean.store import cache

    cache.save(*found, lambda: {"drawing": drawing.encode("utf-8", "surrogatepass")}, keep=KEPT)


def code() -> tuple[Any, ...]:
    """What identifies the code that draws: Rich's installed files, and the modules that
    resolve the terminal and draw."""
    import importlib.util

    from cnasean.output import table, terminal
    from cnasean.store import cache

    found = importlib.util.find_spec("rich")
    return cache.code_stamp(found.origin if found else None, table.__file__, terminal.__file__)
