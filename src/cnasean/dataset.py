"""The library's front door: ``cnasean.open()`` gives a ``Dataset`` whose methods are the
queries, typed, so that editors and mypy see every argument and every field.

::

    import cnasean

    ds = cnasean.open()                      # the packaged data
    ds.trade(country="VN", year=2024)        # list[TradeRecord]
    ds.visa("thailand", on="2023-12-01")     # list[VisaRule]
    cnasean.to_pandas(ds.trade(country="VN"))

A dataset reads only the file it is given, or the packaged data: never ``CNASEAN_DB`` nor
the user's copy, which are the command line's business. Each method imports its query module
when first called, so opening a dataset costs only reading the file.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cnasean.ask.parse import Answer
    from cnasean.dates import Period
    from cnasean.models import Meta
    from cnasean.models.event import Event
    from cnasean.models.project import Project
    from cnasean.models.record import Record
    from cnasean.models.source import Source
    from cnasean.models.trade import TradeRecord
    from cnasean.models.visa import VisaRule
    from cnasean.query.profile import Profile
    from cnasean.query.search import Hit
    from cnasean.query.trade import TradeSummary
    from cnasean.query.trade_member import MemberSummary
    from cnasean.query.trade_rank import TradeRank
    from cnasean.query.visa import VisaOverviewRow
    from cnasean.store.read import Store


class Dataset:
    """One data file, read once; every query is a method."""

    __slots__ = ("_store",)

    def __init__(self, store: Store) -> None:
        self._store = store

    def __repr__(self) -> str:
        return f"Dataset(path={str(self.path)!r})"

    @property
    def store(self) -> Store:
        """The loaded file (tables, typed records): for the command line and the tools."""
        return self._store

    @property
    def path(self) -> Path:
        return self._store.path

    @property
    def meta(self) -> Meta:
        """The data version, its as-of date and the schema version."""
        return self._store.meta

    def trade(
        self,
        country: str | None = None,
        *,
        year: int | str | None = None,
        period: str | Period | None = None,
        start: str | Period | None = None,
        end: str | Period | None = None,
        flow: str | None = None,
        currency: str | None = None,
        reporter: str | None = None,
    ) -> list[TradeRecord]:
        """Every trade figure that matches, as recorded (no figure is merged or dropped)."""
        from cnasean.query.trade import trade

        return trade(
            country,
            year=year,
            period=period,
            start=start,
            end=end,
            flow=flow,
            currency=currency,
            reporter=reporter,
            db=self._store,
        )

    def trade_summary(
        self,
        country: str | None = None,
        *,
        flow: str | None = None,
        reporter: str | None = None,
        start: str | Period | None = None,
        end: str | Period | None = None,
    ) -> TradeSummary:
        """One row a year (and the latest year to date), with the figures behind each."""
        from cnasean.query.trade import trade_summary

        return trade_summary(
            country, flow=flow, reporter=reporter, start=start, end=end, db=self._store
        )

    def trade_flows(
        self,
        country: str,
        *,
        reporter: str | None = None,
        start: str | Period | None = None,
        end: str | Period | None = None,
        currency: str | None = None,
    ) -> MemberSummary:
        """One member's exports, imports, total and balance a year, from one reporter."""
        from cnasean.query.trade_member import member_summary

        return member_summary(
            country, reporter=reporter, start=start, end=end, currency=currency, db=self._store
        )

    def trade_rank(
        self,
        *,
        year: int | str | None = None,
        reporter: str | None = None,
        currency: str | None = None,
    ) -> TradeRank:
        """The members ranked by total trade with China in a year, with shares of the sum."""
        from cnasean.query.trade_rank import trade_rank

        return trade_rank(year=year, reporter=reporter, currency=currency, db=self._store)

    def visa(
        self,
        country: str | None = None,
        *,
        on: str | dt.date | None = None,
        history: bool = False,
        passport: str | None = None,
        destination: str | None = None,
        purpose: str | None = None,
        visa_free: bool = False,
        today: dt.date | None = None,
    ) -> list[VisaRule]:
        """The visa rules in force on a day (today by default), or every rule with history."""
        from cnasean.query.visa import visa

        return visa(
            country,
            on=on,
            history=history,
            passport=passport,
            destination=destination,
            purpose=purpose,
            visa_free=visa_free,
            today=today,
            db=self._store,
        )

    def visa_overview(
        self, *, on: str | dt.date | None = None, today: dt.date | None = None
    ) -> tuple[dt.date, list[VisaOverviewRow]]:
        """Each member's headline rule in both directions on a day."""
        from cnasean.query.visa import visa_overview

        return visa_overview(on=on, today=today, db=self._store)

    def projects(
        self,
        country: str | None = None,
        *,
        type: str | None = None,
        status: str | None = None,
        opened_since: str | None = None,
        opened_before: str | None = None,
    ) -> list[Project]:
        """Infrastructure projects, in order of opening."""
        from cnasean.query.projects import projects

        return projects(
            country,
            type=type,
            status=status,
            opened_since=opened_since,
            opened_before=opened_before,
            db=self._store,
        )

    def project(self, name: str) -> Project:
        """One project by id, name, alias or Chinese name; an ambiguous name is an error."""
        from cnasean.query.projects import project

        return project(name, db=self._store)

    def events(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        category: str | None = None,
        country: str | None = None,
        text: str | None = None,
    ) -> list[Event]:
        """Agreements, summits and milestones, in date order; ``text`` keeps those whose
        title or note (English or Chinese) holds every word of it (``"expo"``, ``"博览会"``)."""
        from cnasean.query.events import events

        return events(
            since=since, until=until, category=category, country=country, text=text, db=self._store
        )

    def country(self, name: str, *, today: dt.date | None = None) -> Profile:
        """One member's profile: names, membership, trade, visa rules, projects, events."""
        from cnasean.query.profile import country_profile

        return country_profile(name, today=today, db=self._store)

    def search(self, text: str, *, kind: str | None = None, limit: int = 50) -> list[Hit]:
        """Facts and sources whose text holds every word, best first."""
        from cnasean.query.search import search

        return search(text, kind=kind, limit=limit, db=self._store)

    def search_counted(
        self, text: str, *, kind: str | None = None, limit: int = 50
    ) -> tuple[list[Hit], int]:
        """``search``'s hits and how many match in all (only the hits given are built)."""
        from cnasean.query.search import search_counted

        return search_counted(text, kind=kind, limit=limit, db=self._store)

    def find(self, record_id: str) -> tuple[str, Any]:
        """Any record or source by id: (kind, record)."""
        from cnasean.query.search import find_any

        return find_any(record_id, db=self._store)

    def sources(self, ids: Iterable[str] = (), *, kind: str | None = None) -> list[Source]:
        """Sources by id (all when none are given), optionally of one kind."""
        from cnasean.query.sources import source_list

        return source_list(ids, kind, db=self._store)

    def ask(self, question: str, today: dt.date | None = None) -> Answer:
        """A plain question in English or Chinese, answered only from the data; relative
        periods ("last year") count from ``today`` (the real date by default)."""
        from cnasean.ask.answer import ask

        return ask(question, db=self._store, today=today)


def open(path: str | os.PathLike[str] | None = None) -> Dataset:
    """The data file at ``path``, or the data packaged with cnasean.

    Raises ``DataFileMissing`` or ``DataFileCorrupt`` (both ``cnasean.DataError``) with a
    message naming the file."""
    from cnasean.store.locate import packaged_path
    from cnasean.store.read import load

    if path is None:
        store = load(packaged_path(), "packaged")
    else:
        store = load(Path(path), "option")
    store.check()
    return Dataset(store)


def to_pandas(records: Sequence[Record] | Sequence[dict[str, Any]]) -> Any:
    """The records as a pandas DataFrame, one row each, columns as in the JSON output.

    pandas is not a dependency of cnasean: install it yourself (``pip install pandas``)."""
    import importlib

    try:
        pandas = importlib.import_module("pandas")  # optional, and untyped without its stubs
    except ImportError:
        from cnasean.errors import CnaseanError

        raise CnaseanError(
            "to_pandas needs pandas, which cnasean does not install: pip install pandas"
        ) from None
    rows = [r if isinstance(r, dict) else r.to_dict() for r in records]
    return pandas.DataFrame.from_records(rows)
