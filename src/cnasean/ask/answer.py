"""Answers to parsed questions, built only from the records the query functions return.

``ask`` parses the question (``parse``), declines what it cannot read whole (a word it
cannot place, two members, a country outside the data, a forecast), hands the rest to the
answer for its topic (``trade``, ``visa``, ``places``) and words a decline when the data has
no answer. Wrong is worse than declined: when unsure, it declines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from cnasean import countries
from cnasean.ask.parse import Answer, Parsed, parse
from cnasean.ask.sentences import say
from cnasean.errors import CnaseanError
from cnasean.query.sources import DbPath
from cnasean.text import short_query

COMMANDS = ("cnasean trade", "cnasean visa", "cnasean infra", "cnasean events", "cnasean search")
_TOPIC_COMMAND = {
    "trade": "cnasean trade --country NAME --period PERIOD",
    "trade_milestone": "cnasean search largest",
    "visa": "cnasean visa --country NAME",
    "infrastructure": "cnasean infra",
    "events": "cnasean events",
}


def ask(question: str, db: DbPath = None, today: dt.date | None = None) -> Answer:
    """Answer ``question`` from the data (see the module docstring); ``today`` is the day
    relative periods are counted from (the real date by default)."""
    p = parse(short_query(question, "question"), db, today)
    early = _decline(p)
    if early is not None:
        return early
    handler = _handler(p)
    try:
        return handler(p, db)
    except CnaseanError as exc:
        return Answer(p, "no_data", say(p, "cannot", error=exc), [], "cnasean search WORDS")


def _handler(p: Parsed) -> Callable[[Parsed, DbPath], Answer]:
    """The answer for the question's topic and kind (only its module is imported)."""
    if p.topic == "trade":
        from cnasean.ask import trade

        return trade.answer_rank if p.kind in ("rank", "rank_least") else trade.answer_trade
    if p.topic == "trade_milestone":
        from cnasean.ask.trade import answer_milestone

        return answer_milestone
    if p.topic == "visa":
        from cnasean.ask import visa

        listing = p.kind in ("list", "end") and p.country in (None, countries.BLOC)
        return visa.answer_visa_list if listing else visa.answer_visa
    from cnasean.ask import places

    return places.answer_infra if p.topic == "infrastructure" else places.answer_events


def _decline(p: Parsed) -> Answer | None:
    """The decline for a question read only in part, or outside the data; None to answer."""
    if p.other and p.country in (None, countries.BLOC) and p.topic != "trade_milestone":
        return Answer(
            p, "no_data", say(p, "not_member", other=p.other), [], "cnasean trade --country NAME"
        )
    if p.topic is None and p.unplaced:
        quoted = ", ".join(f"'{w}'" for w in p.unplaced) if p.lang != "zh" else "".join(p.unplaced)
        return Answer(
            p,
            "not_understood",
            say(
                p,
                "unplaced_no_topic",
                words=quoted,
                commands=("、" if p.lang == "zh" else ", ").join(COMMANDS),
            ),
            [],
            "cnasean search WORDS",
        )
    if p.topic is None:
        sep = "、" if p.lang == "zh" else ", "
        return Answer(
            p,
            "not_understood",
            say(p, "not_understood", commands=sep.join(COMMANDS)),
            [],
            "cnasean search WORDS",
        )
    command = _TOPIC_COMMAND[p.topic]
    # Event and project questions are matched on their titles, which place their own words.
    if p.unplaced and p.topic != "events":
        quoted = ", ".join(f"'{w}'" for w in p.unplaced) if p.lang != "zh" else "".join(p.unplaced)
        return Answer(
            p,
            "not_understood",
            say(p, "unplaced", words=quoted, topic=say(p, "topics"), command=command),
            [],
            command,
        )
    if p.other and p.topic != "trade_milestone":
        return Answer(p, "no_data", say(p, "not_member", other=p.other), [], command)
    if p.periods == ("?",) and p.topic in ("trade", "trade_milestone"):
        return Answer(p, "not_understood", say(p, "which_year"), [], command)
    if p.periods and p.periods != ("?",) and p.topic in ("trade", "visa", "events"):
        years = ", ".join(p.periods)
        return Answer(p, "not_understood", say(p, "two_periods", years=years), [], command)
    if p.ambiguous and p.topic in ("trade", "visa"):
        return Answer(p, "not_understood", say(p, "two_countries", names=p.ambiguous), [], command)
    if p.topic in ("trade", "trade_milestone") and p.forecast:
        if p.period and p.period[:4] in p.question:
            from cnasean.ask.wording import period_text
            from cnasean.dates import parse_period

            span = parse_period(p.period)
            label = period_text(span.start, span.end, p)
            return Answer(p, "no_data", say(p, "forecast_in", period=label), [], "cnasean trade")
        return Answer(p, "no_data", say(p, "forecast"), [], "cnasean trade")
    return None
