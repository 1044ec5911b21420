"""Answers to parsed questions, built only from the records the query functions return.

``ask`` parses the question (``parse``), hands it to the answer for its topic (``trade``,
``visa``, ``places``) and words a decline when the data has no answer.
"""

from __future__ import annotations

from cnasean import countries
from cnasean.ask.parse import Answer, parse
from cnasean.ask.places import answer_events, answer_infra
from cnasean.ask.trade import answer_milestone, answer_trade
from cnasean.ask.visa import answer_visa
from cnasean.ask.wording import in_lang
from cnasean.errors import CnaseanError
from cnasean.query.sources import DbPath
from cnasean.text import short_query

COMMANDS = ("cnasean trade", "cnasean visa", "cnasean infra", "cnasean events", "cnasean search")


def ask(question: str, db: DbPath = None) -> Answer:
    """Answer ``question`` from the data (see the module docstring)."""
    p = parse(short_query(question, "question"), db)
    if (
        p.other
        and (p.country in (None, countries.BLOC))
        and p.topic in ("trade", "visa", "infrastructure", None)
    ):
        return Answer(
            p,
            "no_data",
            in_lang(
                p,
                f"cnasean covers China and the ASEAN members; {p.other} is not one of them, so the data has no answer.",
                f"cnasean 只涵盖中国与东盟成员国;{p.other}不在其中,数据中没有答案。",
            ),
            [],
            "cnasean trade --country NAME",
        )
    handlers = {
        "trade": answer_trade,
        "trade_milestone": answer_milestone,
        "visa": answer_visa,
        "infrastructure": answer_infra,
        "events": answer_events,
    }
    handler = handlers.get(p.topic or "")
    if handler is None:
        return Answer(
            p,
            "not_understood",
            in_lang(
                p,
                "I could not tell what the question asks. cnasean answers questions on China–ASEAN trade, visa rules, infrastructure projects and events; try one of: "
                + ", ".join(COMMANDS)
                + ".",
                "无法理解这个问题。cnasean 可回答中国—东盟贸易、签证、基础设施和大事记方面的问题;可试用:"
                + "、".join(COMMANDS)
                + "。",
            ),
            [],
            "cnasean search WORDS",
        )
    try:
        return handler(p, db)
    except CnaseanError as exc:
        return Answer(
            p,
            "no_data",
            in_lang(p, f"The data cannot answer that: {exc}", f"数据无法回答:{exc}"),
            [],
            "cnasean search WORDS",
        )
