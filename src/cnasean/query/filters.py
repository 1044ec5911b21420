"""Filters several queries share: a choice among known words, and partial dates as days."""

from __future__ import annotations

import difflib

from cnasean.dates import parse_period
from cnasean.errors import UsageError


def choice(value: str | None, allowed: tuple[str, ...], what: str) -> str | None:
    """``value`` as one of ``allowed`` (any case, ``_`` or space for ``-``), else a usage
    error that lists the close ones and all the choices."""
    if value is None:
        return None
    v = value.strip().lower().replace("_", "-").replace(" ", "-")
    if v in allowed:
        return v
    close = suggest(v, allowed)
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    raise UsageError(f"Unknown {what} {value!r}.{hint} Choose from: {', '.join(allowed)}.")


def suggest(value: str, allowed: tuple[str, ...]) -> list[str]:
    """The choices ``value`` was probably meant as: a plural or a prefix of one
    (``exports``, ``visas``, ``infra``), its initials (``hsr`` for high-speed-rail), or one
    spelt closely."""
    v = value.strip().lower().replace("_", "-").replace(" ", "-")
    stem = v[:-1] if v.endswith("s") and len(v) > 3 else v
    found = [a for a in allowed if a == stem or (len(stem) >= 3 and a.startswith(stem))]
    found += [
        a
        for a in allowed
        if len(v) >= 2 and "".join(w[0] for w in a.replace("-", " ").split()) == v
    ]
    found += difflib.get_close_matches(v, allowed, n=3, cutoff=0.5)
    return list(dict.fromkeys(found))[:3]


def day_key(partial: str | None, *, end: bool = False) -> str:
    """A partial ISO date as a sortable full date (its first day, or last with ``end``)."""
    if not partial:
        return "9999-12-31" if not end else "0000-01-01"
    p = parse_period(partial)
    return (p.end if end else p.start).isoformat()
