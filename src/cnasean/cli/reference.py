"""Commands for the reference: projects, events, a country's page, search, citations and
plain questions. Registered by ``cli.build_app``; the same thin shape as ``cli``."""

from typing import Annotated

import typer

from cnasean.cli.options import (
    CountryOpt,
    DbOpt,
    FormatOpt,
    JsonOpt,
    complete_country,
    complete_project,
    dataset,
    emit,
    note,
)

infra_app = typer.Typer(
    help="Projects linking China and ASEAN members: railways, ports, parks, canals.",
    invoke_without_command=True,
    no_args_is_help=False,
)


@infra_app.callback()
def infra(
    ctx: typer.Context,
    country: CountryOpt = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--type", help="railway, high-speed-rail, metro, expressway, port, airport, canal, ..."
        ),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(help="operating, under-construction, planned, suspended, stalled, cancelled."),
    ] = None,
    opened_since: Annotated[
        str | None, typer.Option(help="Opened on or after (2021, 2023-10).")
    ] = None,
    opened_before: Annotated[str | None, typer.Option(help="Opened before (2020).")] = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """Projects linking China and ASEAN members, with length, speed, cost and opening.

    Example: cnasean infra --country laos;  cnasean infra show "laos railway"
    """
    if ctx.invoked_subcommand:
        return
    from cnasean.output.views import projects as views

    ds = dataset(db)
    items = ds.projects(
        country,
        type=kind,
        status=status,
        opened_since=opened_since,
        opened_before=opened_before,
    )
    if not items:
        note("No project matches.")
    emit(views.infra_list_view(items, ds.meta), fmt, as_json)


@infra_app.command("show")
def infra_show(
    name: Annotated[
        str,
        typer.Argument(
            help="Project id or words of its name (whoosh).", autocompletion=complete_project
        ),
    ],
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """One project in full: every field, dated metrics, conflicting figures, sources.

    Example: cnasean infra show china-laos-railway
    """
    from cnasean.output.views import projects as views

    ds = dataset(db)
    emit(views.project_view(ds.project(name), ds.meta), fmt, as_json)


def events(
    words: Annotated[
        list[str] | None,
        typer.Argument(
            help="Words the title, place or note must all hold, English or 中文 (expo, 博览会); "
            "a word of three letters or fewer matches only whole words (BRI).",
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="From this date or period on (2025, 2025-10).")
    ] = None,
    until: Annotated[str | None, typer.Option(help="Up to the end of this date or period.")] = None,
    category: Annotated[
        str | None,
        typer.Option(help="agreement-signed, summit, expo, accession, visa-agreement, ..."),
    ] = None,
    country: CountryOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """Dated events in order: agreements, summits, expos, accessions, visa deals.

    Example: cnasean events --since 2025-10 --until 2025-10;  cnasean events summit --since 2025
    """
    from cnasean.output.views import events as views

    ds = dataset(db)
    text = " ".join(words) if words else None
    items = ds.events(since=since, until=until, category=category, country=country, text=text)
    if not items and words:
        said = " ".join(map(_shell_word, words))
        note(f"No event matches. The words in every kind of fact: cnasean search {said}")
    elif not items:
        note("No event matches.")
    if fmt == "ics":
        from cnasean.cli import files

        return files.calendar(ds, "events", items)
    emit(views.events_view(items, ds.meta), fmt, as_json)


def _shell_word(word: str) -> str:
    """``word`` as a shell reads it back: quoted only if it must be (shlex.quote would quote
    every Chinese word)."""
    if word and all(ch.isalnum() or ch in "-_.,:/+=@%" for ch in word):
        return word
    import shlex

    return shlex.quote(word)


def country(
    name: Annotated[
        list[str],
        typer.Argument(
            help="An ASEAN member: name, code, alias or 中文 (quotes not needed: Việt Nam).",
            autocompletion=complete_country,
        ),
    ],
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """One member on one page: names, membership, trade, visa rules, projects, events.

    Example: cnasean country thailand --json
    """
    import datetime as dt

    from cnasean.output import formats as render
    from cnasean.output.views.profile import profile_sections

    ds, today = dataset(db), dt.date.today()
    profile = ds.country(" ".join(name), today=today)
    sections, document = profile_sections(profile, ds.meta, today)
    render.emit_sections(sections, document, render.choose_format(fmt, as_json))


def search(
    text: Annotated[
        list[str], typer.Argument(help="Words to find (English or 中文), at most 500 characters.")
    ],
    kind: Annotated[
        str | None, typer.Option(help="infrastructure, events, visa, trade or sources.")
    ] = None,
    limit: Annotated[int, typer.Option(help="At most this many results (0: all).")] = 50,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """Every fact whose text matches, best first, with its kind and id.

    Example: cnasean search "free trade"
    """
    from cnasean.output.views import search as finder

    ds = dataset(db)
    hits, total = ds.search_counted(" ".join(text), kind=kind, limit=limit)
    if not hits:
        note("Nothing matches. Try fewer or other words.")
    elif limit and total > limit:
        note(f"{limit} of {total} shown; --limit 0 for all.")
    emit(finder.search_view(hits, ds.meta), fmt, as_json)


def ask(
    question: Annotated[
        list[str],
        typer.Argument(help="A question in English or Chinese, at most 500 characters."),
    ],
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """Answer a plain question from the data, with the facts and sources it used.

    Example: cnasean ask "How much did China and ASEAN trade in the first three quarters of 2025?"
    """
    from cnasean.output import formats as render
    from cnasean.output.views.answer import answer_text

    if fmt in ("csv", "tsv"):  # an answer is prose and its facts: not a table
        from cnasean.errors import UsageError

        raise UsageError(
            f"ask does not write {fmt.upper()}: use -f json (the answer and its facts), or "
            "the command for the facts (cnasean trade, visa, events ... -f csv)."
        )
    answer = dataset(db).ask(" ".join(question))
    fmt = render.choose_format(fmt, as_json)
    if fmt in ("json", "jsonl"):
        from cnasean import jsontext

        indent = 2 if fmt == "json" else None
        render.emit_human(jsontext.dumps(answer.to_dict(), indent=indent))
    else:
        render.emit_human(answer_text(answer))
    if answer.suggestion and answer.status != "answered":
        note(f"Try: {answer.suggestion}")


def _check_style(value: str | None) -> str | None:
    if value is not None and value.lower() not in ("text", "bibtex", "csl"):
        raise typer.BadParameter(f"{value!r} is not one of text, bibtex, csl.")
    return value.lower() if value else None


def cite(
    record_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="A fact id or a source id.")
    ] = None,
    style: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            callback=_check_style,
            help="text (default), bibtex (biblatex @online) or csl (CSL JSON).",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="CSL JSON (same as -f csl).")] = False,
    whole: Annotated[
        bool, typer.Option("--dataset", help="Cite the data itself: its version and as-of date.")
    ] = False,
    db: DbOpt = None,
) -> None:
    """A citation for a fact or a source, with its access date.

    With --dataset: a citation of the data itself, with its version and as-of date.

    Example: cnasean cite china-laos-railway --format bibtex;  cnasean cite --dataset -f csl
    """
    from cnasean.output import formats as render
    from cnasean.output.views.search import CITE_STYLES

    if whole == (record_id is not None):
        from cnasean.errors import UsageError

        raise UsageError("Give a fact or source ID, or --dataset to cite the data itself.")
    ds = dataset(db)
    if whole:
        from cnasean._version import __version__
        from cnasean.output.views.search import cite_dataset

        style = "csl" if as_json else style or "text"
        return render.emit_human(cite_dataset(style, ds.meta, __version__))
    assert record_id is not None
    kind, rec = ds.find(record_id)
    from cnasean.query.sources import sources_of

    srcs = ds.sources([rec.id] if kind == "sources" else sources_of(rec))
    render.emit_human(CITE_STYLES["csl" if as_json else style or "text"](kind, rec, srcs, ds.meta))


def schema(
    kind: Annotated[
        str | None,
        typer.Argument(help="trade, visa, infrastructure, events or sources (default: all)."),
    ] = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The fields of each kind of record: type and meaning.

    Example: cnasean schema trade --json
    """
    from cnasean.output import schema as fields
    from cnasean.output.view import Column, View
    from cnasean.query.filters import choice

    kinds = list(fields.FIELDS)
    if kind is not None:
        kinds = [choice(kind, tuple(kinds), "kind") or kind]
    rows = [(k, *row) for k in kinds for row in fields.rows(k)]
    cols = [
        Column("kind", "Kind", lambda r: r[0], no_wrap=True, priority=2),
        Column("field", "Field", lambda r: r[1], no_wrap=True, style="bold", priority=0),
        Column("type", "Type", lambda r: r[2], no_wrap=True, priority=1),
        Column("meaning", "Meaning", lambda r: r[3], priority=0),
    ]
    records = [{"kind": k, "field": f, "type": t, "meaning": m} for k, f, t, m in rows]
    emit(View(cols, rows, records), fmt, as_json)
