"""Infrastructure projects linking China and ASEAN members."""

from __future__ import annotations

import difflib

from cnasean import countries
from cnasean.dates import parse_period
from cnasean.errors import UnknownRecord, UsageError
from cnasean.models import PROJECT_TYPES, STATUSES, Project
from cnasean.query.filters import choice, day_key
from cnasean.query.sources import DbPath
from cnasean.store.read import open_store
from cnasean.text import fold


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
    kind = choice(type, PROJECT_TYPES, "project type")
    state = choice(status, STATUSES, "status")
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
        opened = day_key(p.opened) if p.opened else None
        if since and not (opened and opened >= since):
            continue
        if before and not (opened and opened < before):
            continue
        out.append(p)
    out.sort(key=lambda p: (day_key(p.opened), day_key(p.construction_start), p.name))
    return out


def _names(p: Project) -> list[str]:
    return [p.id, p.name, *([p.name_zh] if p.name_zh else []), *p.aliases]


def project(name: str, db: DbPath = None) -> Project:
    """One project by id or by name: exact names and aliases first, then every word of
    ``name`` found in a project's names. Never guesses between two: an ambiguous name
    raises ``UsageError`` listing them; an unknown one ``UnknownRecord`` with suggestions."""
    all_projects: list[Project] = open_store(db).records("infrastructure")
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
