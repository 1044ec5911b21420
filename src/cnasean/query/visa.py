"""Visa rules between China and each ASEAN member, in both directions, at any date."""

from __future__ import annotations

import datetime as dt

from cnasean import countries
from cnasean.dates import parse_date
from cnasean.errors import UsageError
from cnasean.frozen import Frozen
from cnasean.models import PURPOSES, VisaRule
from cnasean.query.sources import DbPath
from cnasean.store.read import open_store

STALE_AFTER_DAYS = 180

# Which rule to headline when several apply at once: general rules before special schemes,
# the more open before the less.
_HEADLINE = (
    "mutual_exemption",
    "unilateral_exemption",
    "temporary_exemption",
    "trial_exemption",
    "visa_on_arrival",
    "e_visa",
    "visa_required",
    "group_tour_exemption",
    "regional_exemption",
    "transit_exemption",
    "business_visa",
)
SPECIAL = frozenset(
    {"group_tour_exemption", "regional_exemption", "transit_exemption", "business_visa"}
)


def _member(text: str, what: str) -> str:
    if countries.is_bloc(text):
        raise UsageError(f"{what}: name one ASEAN member, not ASEAN as a whole.")
    return countries.lookup(text).code


def _side(text: str | None, what: str) -> str | None:
    if text is None:
        return None
    if countries.is_bloc(text):
        raise UsageError(f"{what}: name China or one ASEAN member.")
    return countries.lookup(text).code


def _day(on: str | dt.date | None, today: dt.date | None) -> dt.date:
    if isinstance(on, dt.date):
        return on
    if on is None:
        return today or dt.date.today()
    return parse_date(on, today=today)


def is_stale(rule: VisaRule, today: dt.date | None = None) -> bool:
    """True when the rule was last checked more than 180 days ago."""
    age: int = ((today or dt.date.today()) - rule.last_verified).days
    return age > STALE_AFTER_DAYS


ENDS_SOON_DAYS = 30


def ends_soon(rule: VisaRule, day: dt.date) -> bool:
    """True when the rule ends within ``ENDS_SOON_DAYS`` of ``day`` (the day asked about)."""
    end = rule.effective_to
    return end is not None and day <= end <= day + dt.timedelta(days=ENDS_SOON_DAYS)


def _sides(
    country: str | None, passport: str | None, destination: str | None
) -> tuple[str | None, str | None, str | None]:
    """(member, passport, destination) as codes, checked: China is always one side."""
    member = _member(country, "--country") if country else None
    if member == "CN":
        raise UsageError("China is one side of every rule: name the ASEAN member with --country.")
    pp, dest = _side(passport, "--passport"), _side(destination, "--destination")
    for a, b in ((pp, dest), (dest, pp)):
        if a and b and "CN" not in (a, b):
            raise UsageError(
                "One side of every rule is China: --passport or --destination must be CN."
            )
    if pp and dest and pp == dest:
        raise UsageError("--passport and --destination are the same country.")
    return member, pp, dest


def visa(
    country: str | None = None,
    *,
    on: str | dt.date | None = None,
    history: bool = False,
    passport: str | None = None,
    destination: str | None = None,
    purpose: str | None = None,
    visa_free: bool = False,
    today: dt.date | None = None,
    db: DbPath = None,
) -> list[VisaRule]:
    """Visa rules between China and ``country`` (every member when None): those in force
    ``on`` a date (today by default), or every rule ever with ``history``.

    ``passport`` and ``destination`` narrow to one direction; ``purpose`` keeps rules that
    allow it; ``visa_free`` keeps only visa-free rules."""
    if history and on is not None:
        raise UsageError("Use --on or --history, not both.")
    member, pp, dest = _sides(country, passport, destination)
    if purpose is not None and purpose.lower() not in PURPOSES:
        raise UsageError(f"Unknown purpose {purpose!r}. Choose one of: {', '.join(PURPOSES)}.")
    day = None if history else _day(on, today)

    rules: list[VisaRule] = open_store(db).records("visa")  # all typed: a broken one is reported
    out = []
    for r in rules:
        other = r.destination if r.passport == "CN" else r.passport
        if member and other != member:
            continue
        if pp and r.passport != pp:
            continue
        if dest and r.destination != dest:
            continue
        if day is not None and not r.in_force(day):
            continue
        if day is not None and not country and not countries.BY_CODE[other].is_member(day):
            continue
        if purpose and not ({purpose.lower(), "any"} & set(r.purposes)):
            continue
        if visa_free and not r.visa_free:
            continue
        out.append(r)
    order = {code: i for i, code in enumerate(c.code for c in countries.MEMBERS)}

    def key(r: VisaRule) -> tuple[object, ...]:
        other = r.destination if r.passport == "CN" else r.passport
        start = r.effective_from or dt.date.min
        if history:
            return (
                start,
                order.get(other, 99),
                r.passport != "CN",
                _HEADLINE.index(r.regime),
                r.id,
            )
        return (order.get(other, 99), r.passport != "CN", _HEADLINE.index(r.regime), start, r.id)

    out.sort(key=key)
    return out


class Direction(Frozen):
    """The headline rule for one direction, and how many more apply as well."""

    rule: VisaRule | None
    more: tuple[VisaRule, ...]


class VisaOverviewRow(Frozen):
    country: countries.Country
    to_country: Direction  # Chinese citizens going there
    to_china: Direction  # its citizens going to China


def headline_order(rule: VisaRule) -> tuple[object, ...]:
    """Which rule a traveller meets first: general rules before special schemes, a rule with
    a known start before a long-standing one of unknown start (often a narrower scheme),
    the more open regime first, and the most recent of a regime."""
    return (
        rule.regime in SPECIAL,
        rule.effective_from is None and rule.visa_free,
        _HEADLINE.index(rule.regime),
        -(rule.effective_from or dt.date.min).toordinal(),
    )


def headline(rules: list[VisaRule]) -> Direction:
    ranked = sorted(rules, key=headline_order)
    return Direction(ranked[0] if ranked else None, tuple(ranked[1:]))


def visa_overview(
    *, on: str | dt.date | None = None, today: dt.date | None = None, db: DbPath = None
) -> tuple[dt.date, list[VisaOverviewRow]]:
    """One row per ASEAN member on the date: the headline rule in each direction."""
    day = _day(on, today)
    rules = visa(on=day, today=today, db=db)
    rows = []
    for c in countries.members(day):
        out = [r for r in rules if r.passport == "CN" and r.destination == c.code]
        inbound = [r for r in rules if r.passport == c.code]
        rows.append(VisaOverviewRow(c, headline(out), headline(inbound)))
    return day, rows
