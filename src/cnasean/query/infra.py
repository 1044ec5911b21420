"""Infrastructure projects linking China and ASEAN members."""

from __future__ import annotations

import difflib
import re
import unicodedata

from cnasean import countries
from cnasean.dates import parse_period
from cnasean.db import open_store
from cnasean.errors import UnknownRecord, UsageError
from cnasean.models import PROJECT_TYPES, STATUSES, Project
from cnasean.query.common import DbPath


def fold(text: str) -> str:
    """Lower-case, accent-free text with every dash and punctuation mark as a space."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    out = []
    for ch in text:
        if unicodedata.combining(ch):
            continue
        out.append(" " if unicodedata.category(ch)[0] in "PZSC" else ch)
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _choice(value: str | None, allowed: tuple[str, ...], what: str) -> str | None:
    if value is None:
        return None
    v = value.strip().lower().replace("_", "-").replace(" ", "-")
    if v in allowed:
        return v
    close = difflib.get_close_matches(v, allowed, n=3, cutoff=0.5)
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    raise UsageError(f"Unknown {what} {value!r}.{hint} Choose from: {', '.join(allowed)}.")


def _day_key(partial: str | None, *, end: bool = False) -> str:
    """A partial ISO date as a sortable full date (its first day, or last with ``end``)."""
    if not partial:
        return "9999-12-31" if not end else "0000-01-01"
    p = parse_period(partial)
    return (p.end if end else p.start).isoformat()


def projects(
    country: str | None = None,
    *,
    type: str | None = None,  # the user-facing name, as in --type
    status: str | None = None,
    opened_since: str | None = None,
    opened_before: str | None = None,
    db: DbPath = None,
) -> list[Project]:
    """Projects, filtered; in order of opening (unopened ones last, by construction start).

    ``opened_since`` keeps projects opened on or after the start of that period;
    ``opened_before`` those opened before its start. A project opened in a month or year
    counts from the first day of it."""
    code = None
    if country:
        code = countries.BLOC if countries.is_bloc(country) else countries.lookup(country).code
    kind = _choice(type, PROJECT_TYPES, "project type")
    state = _choice(status, STATUSES, "status")
    since = parse_period(opened_since).start.isoformat() if opened_since else None
    before = parse_period(opened_before).start.isoformat() if opened_before else None
    out = []
    for p in open_store(db).records("infrastructure"):
        if code and code not in p.countries:
            continue
        if kind and p.type != kind:
            continue
        if state and p.status != state:
            continue
        opened = _day_key(p.opened) if p.opened else None
        if since and not (opened and opened >= since):
            continue
        if before and not (opened and opened < before):
            continue
        out.append(p)
    out.sort(key=lambda p: (_day_key(p.opened), _day_key(p.construction_start), p.name))
    return out


def _names(p: Project) -> list[str]:
    return [p.id, p.name, *p.aliases]


def project(name: str, db: DbPath = None) -> Project:
    """One project by id or by name: exact names and aliases first, then every word of
    ``name`` found in a project's names. Never guesses between two: an ambiguous name
    raises ``UsageError`` listing them; an unknown one ``UnknownRecord`` with suggestions."""
    all_projects = open_store(db).records("infrastructure")
    key = fold(name)
    if not key:
        raise UsageError("Name a project: an id such as china-laos-railway, or words of its name.")
    exact = [p for p in all_projects if key in {fold(n) for n in _names(p)}]
    if len(exact) == 1:
        return exact[0]
    words = key.split()
    hits = exact or [
        p for p in all_projects if all(w in " ".join(fold(n) for n in _names(p)) for w in words)
    ]
    if len(hits) == 1:
        return hits[0]
    if hits:
        listed = ", ".join(f"{p.id} ({p.name})" for p in hits)
        raise UsageError(f"{name!r} matches {len(hits)} projects: {listed}. Use the id.")
    pool = {fold(n): p.id for p in all_projects for n in _names(p)}
    close = difflib.get_close_matches(key, list(pool), n=5, cutoff=0.5)
    ids = list(dict.fromkeys(pool[c] for c in close))[:3]
    hint = f" Did you mean: {', '.join(ids)}?" if ids else " List them with: cnasean infra."
    raise UnknownRecord(f"Unknown project {name!r}.{hint}")
