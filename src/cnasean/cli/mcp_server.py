"""The MCP server behind ``cnasean mcp``: read-only tools over the library's front door.

Each tool answers with the JSON the matching command prints with ``--json`` (so ``stale``,
``ends_soon`` and every other field arrive as the command gives them), wrapped with the data
version, its as-of date and the full source record of every id the answer cites. An answer
with no records has no sources: "no data" is never dressed up as an answer. A bad argument
is a tool error whose text is the command line's own message (``cnasean.errors``).

Imported only by ``cnasean mcp``: the ``mcp`` SDK is an optional extra (``cnasean[mcp]``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

from mcp.server.mcpserver import MCPServer
from mcp_types import CallToolResult, ToolAnnotations
from pydantic import Field

from cnasean._version import __version__
from cnasean.cli.mcp_result import Tools
from cnasean.errors import UsageError

if TYPE_CHECKING:
    from cnasean.dataset import Dataset

INSTRUCTIONS = (
    "Sourced, dated facts on China-ASEAN relations: goods trade, visa rules, infrastructure "
    "projects, events. Answer only from what the tools return, quote figures with their "
    "period and currency, and cite the publisher, title and URL of the sources each result "
    "carries. An empty result means the data has no answer: say so, never guess. Figures "
    "are unscaled (5570000000000 CNY is 5.57 trillion yuan). Rules marked stale were last "
    "verified long ago: tell the user to check the official source."
)

Country = Annotated[
    str | None,
    Field(
        description="An ASEAN member: name, ISO code (TH, THA), alias (Burma) or Chinese (泰国)."
    ),
]
Period = Annotated[
    str | None,
    Field(description="A year (2024), month (2024-03), quarter (2025-Q3), half (2025-H1)."),
]


def build(open_dataset: Callable[[], Dataset]) -> MCPServer:
    """The server with every tool registered (``open_dataset`` gives the data to read)."""
    server = MCPServer(
        "cnasean", instructions=INSTRUCTIONS, version=__version__, log_level="WARNING"
    )
    tools = Tools(open_dataset)
    read_only = ToolAnnotations(read_only_hint=True, idempotent_hint=True, open_world_hint=False)
    for fn in _tool_functions(tools):
        server.add_tool(fn, annotations=read_only, structured_output=False)
    return server


def _tool_functions(t: Tools) -> list[Callable[..., CallToolResult]]:  # noqa: C901
    """The tools: each function's docstring is its description, its arguments its schema."""
    from cnasean.output.views import events as events_views
    from cnasean.output.views import projects as project_views
    from cnasean.output.views import search as search_views
    from cnasean.output.views import trade as trade_views
    from cnasean.output.views import trade_flows
    from cnasean.output.views import visa as visa_views

    def trade(
        country: Country = None,
        year: Annotated[
            int | str | None, Field(description="Every figure within this year.")
        ] = None,
        period: Period = None,
        start: Period = None,
        end: Period = None,
        flow: Annotated[str | None, Field(description="total, export, import or balance.")] = None,
        currency: Annotated[str | None, Field(description="CNY or USD.")] = None,
        reporter: Annotated[
            str | None,
            Field(description="Whose statistics: CN (default), ASEAN, the member, or all."),
        ] = None,
        limit: Annotated[
            int, Field(description="At most this many records (0: all); total says how many.")
        ] = 200,
    ) -> CallToolResult:
        """Every recorded China-ASEAN goods trade figure that matches (months, quarters,
        years), as recorded: value unscaled in currency units, period, flow, reporter,
        year-on-year change, sources. For a yearly overview use trade_summary."""

        def run(ds: Dataset) -> CallToolResult:
            rows = ds.trade(
                country,
                year=year,
                period=period,
                start=start,
                end=end,
                flow=flow,
                currency=currency,
                reporter=reporter,
            )
            return t.records(ds, trade_views.trade_list_view(rows, ds.meta), limit)

        return t.call(run)

    def trade_summary(
        country: Country = None,
        flow: Annotated[str | None, Field(description="total, export, import or balance.")] = None,
        reporter: Annotated[
            str | None, Field(description="Whose statistics: CN (default), ASEAN, the member.")
        ] = None,
        start: Period = None,
        end: Period = None,
    ) -> CallToolResult:
        """China-ASEAN trade one row a year (and the latest year to date), with growth and
        the figures behind each row. With a member country and no flow: that member's
        exports, imports, total and balance a year, from one reporter."""

        def run(ds: Dataset) -> CallToolResult:
            from cnasean import countries

            if country and not countries.is_bloc(country) and not flow:
                flows = ds.trade_flows(country, reporter=reporter, start=start, end=end)
                return t.records(ds, trade_flows.member_summary_view(flows, ds.meta))
            summary = ds.trade_summary(country, flow=flow, reporter=reporter, start=start, end=end)
            return t.records(ds, trade_views.trade_summary_view(summary, ds.meta))

        return t.call(run)

    def trade_rank(
        year: Annotated[
            int | str | None, Field(description="The year (default: latest with every member).")
        ] = None,
        reporter: Annotated[str | None, Field(description="CN (default) or ASEAN.")] = None,
        currency: Annotated[str | None, Field(description="CNY or USD.")] = None,
    ) -> CallToolResult:
        """The ten ASEAN members ranked by total goods trade with China in one year, with
        shares of the sum; a member without a figure is listed as missing, never as zero."""

        def run(ds: Dataset) -> CallToolResult:
            ranking = ds.trade_rank(year=year, reporter=reporter, currency=currency)
            view = trade_flows.trade_rank_view(ranking, ds.meta)
            ranked = [r for r in view.records if r.get("status") == "ranked"]
            return t._result(ds, "records", list(view.records) if ranked else [], len(ranked))

        return t.call(run)

    def visa(
        country: Country = None,
        on: Annotated[
            str | None, Field(description="Rules in force on this day (YYYY-MM-DD).")
        ] = None,
        history: Annotated[bool, Field(description="Every rule that ever applied.")] = False,
        passport: Annotated[
            str | None, Field(description="The traveller's nationality (CN, thailand).")
        ] = None,
        destination: Annotated[str | None, Field(description="Where they go (CN, TH).")] = None,
        purpose: Annotated[
            str | None, Field(description="tourism, business, family, transit, ...")
        ] = None,
        visa_free: Annotated[bool, Field(description="Only visa-free rules.")] = False,
    ) -> CallToolResult:
        """Visa rules between China and ASEAN members in both directions: regime, visa-free
        or not, maximum stay, dates in force, conditions, sources, last verified (stale when
        long ago). Today's rules by default; a day with on, every rule with history."""

        def run(ds: Dataset) -> CallToolResult:
            today = dt.date.today()
            rules = ds.visa(
                country,
                on=on,
                history=history,
                passport=passport,
                destination=destination,
                purpose=purpose,
                visa_free=visa_free,
                today=today,
            )
            title = visa_views.list_title(history, on or today.isoformat())
            return t.records(ds, visa_views.visa_list_view(rules, ds.meta, today, title))

        return t.call(run)

    def projects(
        country: Country = None,
        type: Annotated[
            str | None,
            Field(description="railway, high-speed-rail, metro, expressway, port, canal, ..."),
        ] = None,
        status: Annotated[
            str | None,
            Field(description="operating, under-construction, planned, suspended, cancelled."),
        ] = None,
        opened_since: Annotated[str | None, Field(description="Opened on or after.")] = None,
        opened_before: Annotated[str | None, Field(description="Opened before.")] = None,
    ) -> CallToolResult:
        """Infrastructure projects linking China and ASEAN members (railways, ports, parks,
        canals), with length, speed, cost, construction start, opening and sources."""

        def run(ds: Dataset) -> CallToolResult:
            items = ds.projects(
                country,
                type=type,
                status=status,
                opened_since=opened_since,
                opened_before=opened_before,
            )
            return t.records(ds, project_views.infra_list_view(items, ds.meta))

        return t.call(run)

    def project(
        name: Annotated[
            str, Field(description="A project id, name, alias or Chinese name (中老铁路).")
        ],
    ) -> CallToolResult:
        """One infrastructure project in full: every field, dated metrics, conflicting
        figures and their sources."""
        return t.call(
            lambda ds: t.records(ds, project_views.project_view(ds.project(name), ds.meta))
        )

    def events(
        since: Annotated[str | None, Field(description="From this date or period on.")] = None,
        until: Annotated[str | None, Field(description="Up to the end of this period.")] = None,
        category: Annotated[
            str | None, Field(description="agreement-signed, summit, expo, accession, ...")
        ] = None,
        country: Country = None,
        text: Annotated[
            str | None,
            Field(
                description="Words the title, place or note must all hold, English or "
                "Chinese (expo, 博览会); a word of three letters or fewer (BRI) matches only "
                "whole words."
            ),
        ] = None,
    ) -> CallToolResult:
        """Dated China-ASEAN events in order: agreements, summits, expos, accessions, visa
        deals, with sources."""

        def run(ds: Dataset) -> CallToolResult:
            items = ds.events(
                since=since, until=until, category=category, country=country, text=text
            )
            return t.records(ds, events_views.events_view(items, ds.meta))

        return t.call(run)

    def country(
        name: Annotated[str, Field(description="An ASEAN member: name, code, alias or 中文.")],
    ) -> CallToolResult:
        """One ASEAN member on one page: names and codes, membership, latest trade, visa
        rules today, projects and events, each with sources."""

        def run(ds: Dataset) -> CallToolResult:
            from cnasean.output.views.profile import profile_sections

            today = dt.date.today()
            _, document = profile_sections(ds.country(name, today=today), ds.meta, today)
            return t._result(ds, "profile", document, 1)

        return t.call(run)

    def search(
        text: Annotated[str, Field(description="Words to find, English or Chinese.")],
        kind: Annotated[
            str | None, Field(description="infrastructure, events, visa, trade or sources.")
        ] = None,
        limit: Annotated[int, Field(description="At most this many results (0: all).")] = 20,
    ) -> CallToolResult:
        """Every fact and source whose text holds all the words, best first, with its kind,
        id and the record itself."""
        return t.call(
            lambda ds: t.records(
                ds, search_views.search_view(ds.search(text, kind=kind, limit=limit), ds.meta)
            )
        )

    def cite(
        id: Annotated[
            str | None, Field(description="A fact id or a source id (or leave out: dataset).")
        ] = None,
        format: Annotated[
            str, Field(description="text (default), bibtex (biblatex) or csl (CSL JSON).")
        ] = "text",
        dataset: Annotated[
            bool, Field(description="Cite the data itself: its version and as-of date.")
        ] = False,
    ) -> CallToolResult:
        """A ready-to-use citation for a fact or a source (each source with its access
        date), or with dataset for the data itself (its version and as-of date)."""

        def run(ds: Dataset) -> CallToolResult:
            from cnasean.query.sources import sources_of

            style = format.lower()
            if style not in search_views.CITE_STYLES:
                raise UsageError(f"{format!r} is not one of text, bibtex, csl.")
            if dataset == (id is not None):
                raise UsageError("Give a fact or source ID, or --dataset to cite the data itself.")
            if id is None:
                text = search_views.cite_dataset(style, ds.meta, __version__)
                value: dict[str, Any] = {"kind": "dataset", "format": style, "citation": text}
                value["id"] = None
                return t._result(ds, "citation", value, 1)
            kind, rec = ds.find(id)
            srcs = ds.sources([rec.id] if kind == "sources" else sources_of(rec))
            text = search_views.CITE_STYLES[style](kind, rec, srcs, ds.meta)
            value = {"kind": kind, "id": rec.id, "format": style, "citation": text}
            value["sources"] = [s.id for s in srcs]
            return t._result(ds, "citation", value, 1)

        return t.call(run)

    def ask(
        question: Annotated[str, Field(description="A question in English or Chinese.")],
    ) -> CallToolResult:
        """A plain question on trade, visa rules, projects or events answered only from the
        data (offline, rule-based): status answered, no_data or not_understood, the answer,
        the records and the sources used."""

        def run(ds: Dataset) -> CallToolResult:
            answer = ds.ask(question).to_dict()
            count = len(answer["records"]) if answer["status"] == "answered" else 0
            return t._result(ds, "answer", answer, count)

        return t.call(run)

    def dataset_info() -> CallToolResult:
        """What the data is: its version, as-of date, number of records of each kind, and
        how to cite it. Call this first to know how current the facts are."""

        def run(ds: Dataset) -> CallToolResult:
            from cnasean.models import KINDS

            meta = ds.meta
            counts = {k: len(ds.store.records(k)) for k in (*KINDS, "sources")}
            value = {
                "title": "cnasean: China-ASEAN facts, every one sourced and dated",
                "tool_version": __version__,
                "data_version": meta.data_version,
                "as_of": meta.as_of.isoformat(),
                "counts": counts,
                "cite": search_views.cite_dataset("text", meta, __version__),
                "cite_facts": "cite the sources each result carries (publisher, title, URL)",
            }
            return t._result(ds, "dataset", value, 1)

        return t.call(run)

    return [
        trade,
        trade_summary,
        trade_rank,
        visa,
        projects,
        project,
        events,
        country,
        search,
        cite,
        ask,
        dataset_info,
    ]
