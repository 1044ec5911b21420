"""``cnasean db``: see, check, correct, import and export the data, without ever losing it."""

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from cnasean.cli.options import DbOpt, FormatOpt, JsonOpt, db_path, emit, note

db_app = typer.Typer(
    help="Keep the data: inspect, validate, correct, import, export, diff.", no_args_is_help=True
)

KindArg = Annotated[
    str, typer.Argument(help="sources, trade, visa, infrastructure or events.", show_default=False)
]


def _info(path: Path | None) -> dict[str, Any]:
    from cnasean.store import read as db
    from cnasean.store.locate import backup_path, real_path

    store = db.open_store(path)
    oldest = store.oldest_verified()
    bak = backup_path(real_path(store.path))  # a backup is beside the real file
    extra: dict[str, Any] = {}
    if store.origin in ("packaged", "installed"):
        from cnasean.store import channel, overlay
        from cnasean.store.locate import folder, overlay_path

        mine = overlay.status(folder())
        extra = {
            "overlay": mine["overlay"],
            "edits": mine["edits"],
            "conflicts": [c.to_dict() for c in mine["conflicts"]],
            "installed": channel.installed(folder()),
        }
        # The packaged and installed data are never written: the backup is of the edits.
        bak = backup_path(overlay_path())
    return {
        "path": str(store.path),
        "origin": store.origin,
        "schema_version": store.meta.schema_version,
        "data_version": store.meta.data_version,
        "as_of": store.meta.as_of.isoformat(),
        "counts": store.counts(),
        "oldest_verified": oldest,
        "backup": str(bak) if bak.exists() else None,
        **extra,
    }


@db_app.command("info")
def info(fmt: FormatOpt = None, as_json: JsonOpt = False, db: DbOpt = None) -> None:
    """Which data file is in use and why, its versions, record counts and oldest checks.

    Example: cnasean db info
    """
    from cnasean.output.views.db import info_view

    found = _info(db_path(db))
    if found.get("conflicts"):
        note(
            f"{len(found['conflicts'])} of your edits conflict with the data in use "
            "(yours are read): see conflict.* below, or --json."
        )
    emit(info_view(found), fmt, as_json)


@db_app.command("validate")
def validate(
    path: Annotated[
        Path | None, typer.Argument(help="File to check (default: the one in use).")
    ] = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """Check a data file against the schema; every problem, one a line. Exit 3 if any.

    Example: cnasean db validate my-db.json
    """
    from cnasean.output.views.db import problems_view
    from cnasean.store import read as store
    from cnasean.store.locate import overlay_for
    from cnasean.store.validate import validate_data, validate_file

    target = path or store.locate(db_path(db))[0]
    mine = None if path else overlay_for(store.locate(db_path(db))[1])
    problems = validate_file(Path(target))
    if mine is not None:  # the data in use: the base with the user's edits
        from cnasean.store.overlay import in_use

        problems = problems or validate_data(in_use(db_path(db)))
        target = Path(f"{target} with your edits ({mine})")
    emit(problems_view(problems), fmt, as_json)
    if problems:
        note(f"{target}: {len(problems)} problem(s).")
        raise typer.Exit(3)
    note(f"{target}: valid.")


def _read_doc(file: Path | None, inline: str | None) -> Any:
    """The record to add, from --record, --file or stdin, read and parsed by the shared
    reader (``store.files``): a pipe or a device as --file, a file too large, not UTF-8,
    nested too deeply or with a key twice is one line and exit 2 (the record is input)."""
    from cnasean.errors import UsageError
    from cnasean.store import files

    where = str(file) if file else "The record"
    try:
        if inline is not None:
            raw = None
            text = inline
        else:
            raw = files.read_bytes(file) if file else files.read_stream(_stdin())
            text = files.decode(raw)
        if not text.strip():
            raise UsageError("No record given: use --record '{...}', --file FILE, or pipe JSON in.")
        return files.parse(text, raw)
    except files.FileError as exc:
        raise files.input_error(exc, where) from None


def _stdin() -> Any:
    stream = sys.stdin
    if stream is None:
        import io

        return io.BytesIO()
    return getattr(stream, "buffer", stream)


@db_app.command("add")
def add(
    kind: KindArg,
    record: Annotated[
        str | None, typer.Option("--record", "-r", help="The record as JSON.")
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", help="Read the record from a JSON file.")
    ] = None,
    db: DbOpt = None,
) -> None:
    """Add a fact or a source (JSON from --record, --file or stdin). Refuses a fact
    without a source.

    Example: cnasean db add sources --file src.json
    """
    from cnasean.store import edit as edits
    from cnasean.store import write as dbwrite

    if record is None and file is None and (sys.stdin is None or sys.stdin.isatty()):
        from cnasean.errors import UsageError

        raise UsageError("Give the record with --record '{...}', --file FILE or on stdin.")
    import datetime as dt

    doc = _read_doc(file, record)
    filled = edits.derive(kind, doc, dt.date.today()) if isinstance(doc, dict) else []
    with dbwrite.transaction(db_path(db)) as data:
        edits.add(data, kind, doc)
    if filled:
        note("Filled in: " + ", ".join(f"{f} {doc[f]}" for f in filled) + ".")
    note(f"Added {kind} {doc.get('id')} to {dbwrite.write_target(db_path(db))[0]}.")


@db_app.command("set")
def set_(
    record_id: Annotated[str, typer.Argument(metavar="ID")],
    field: Annotated[str, typer.Argument(metavar="FIELD")],
    value: Annotated[str, typer.Argument(metavar="VALUE", help="JSON, or plain text.")],
    db: DbOpt = None,
) -> None:
    """Correct one field of a record.

    Example: cnasean db set cn-asean-total-2024-usd note '"Checked against GAC."'
    """
    from cnasean.store import edit as edits
    from cnasean.store import write as dbwrite

    parsed = edits.parse_value(value)
    with dbwrite.transaction(db_path(db)) as data:
        old, new = edits.set_field(data, record_id, field, parsed)
    note(f"{record_id}.{field}: {old!r} -> {new!r}")


@db_app.command("remove")
def remove(record_id: Annotated[str, typer.Argument(metavar="ID")], db: DbOpt = None) -> None:
    """Remove a record (a source still cited is kept).

    Example: cnasean db remove my-fact-id
    """
    from cnasean.store import edit as edits
    from cnasean.store import write as dbwrite

    with dbwrite.transaction(db_path(db)) as data:
        kind = edits.remove(data, record_id)
    note(f"Removed {kind} {record_id}.")


@db_app.command("import")
def import_(
    file: Annotated[
        Path,
        typer.Argument(
            help="JSON, JSON Lines (.jsonl) or CSV file, or an IMF IMTS SDMX-CSV or China "
            "customs query export."
        ),
    ],
    kind: Annotated[
        str | None, typer.Option(help="The kind, for CSV or records without one.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """Merge facts from a file (the shapes export writes, or an official trade download,
    recognised by its header). Everything is validated first; nothing is written if any
    record is invalid.

    Example: cnasean db import new-facts.jsonl --dry-run
    """
    import copy

    from cnasean.output.views.db import changes_view
    from cnasean.store import edit as edits
    from cnasean.store import write as dbwrite
    from cnasean.store.exchange import read_records
    from cnasean.store.official import Imported
    from cnasean.store.validate import validate_data

    records = read_records(file, kind)
    if isinstance(records, Imported):  # an official download: say what was left out
        note(f"{file}: {records.format}, {max(len(records) - 1, 0)} China-member figures.")
        for line in records.report():
            note(line)
    if dry_run:
        from cnasean.store.overlay import in_use

        data = copy.deepcopy(in_use(db_path(db)))
        if isinstance(records, Imported):
            records.dated_as_before(data)
        changes = edits.merge(data, records)
        problems = validate_data(data)
        if problems:
            raise dbwrite.InvalidChange(problems)
        note("Dry run: nothing written.")
    else:
        with dbwrite.transaction(db_path(db)) as data:
            if isinstance(records, Imported):
                records.dated_as_before(data)
            changes = edits.merge(data, records)
    emit(changes_view([c for c in changes if c.change != "unchanged"]), fmt, as_json)
    counts = {k: sum(c.change == k for c in changes) for k in ("added", "changed", "unchanged")}
    note(", ".join(f"{n} {k}" for k, n in counts.items()) + ".")


@db_app.command("export")
def export(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="json, jsonl, csv or sqlite.")
    ] = "json",
    kind: Annotated[str | None, typer.Option(help="One kind only.")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
    db: DbOpt = None,
) -> None:
    """The whole dataset or one kind, as JSON, JSON Lines, CSV or a SQLite database.

    Example: cnasean db export --format sqlite -o cnasean.sqlite
    """
    from cnasean.errors import UsageError
    from cnasean.output import formats as render
    from cnasean.store import exchange, outfile
    from cnasean.store import read as store
    from cnasean.store.locate import backup_path, lock_path
    from cnasean.store.overlay import in_use

    if fmt not in ("json", "jsonl", "csv", "sqlite"):
        raise UsageError(f"Unknown export format {fmt!r}: use json, jsonl, csv or sqlite.")
    if kind is not None and kind not in exchange.TABLES:
        raise UsageError(f"Unknown kind {kind!r}. Choose from: {', '.join(exchange.TABLES)}.")
    path = store.locate(db_path(db))[0]
    if fmt == "sqlite" and output is None:
        raise UsageError("A SQLite export needs a file: add -o FILE.")
    if output is None:
        render.emit_text(exchange.export_text(in_use(db_path(db)), fmt, kind))
        return
    # Never onto what cnasean reads or keeps: the data file in use, the user's copy and
    # overlay, and the backup and lock of each.
    kept = [path, store.user_path(), store.user_path().with_name("overlay.json")]
    protected = [p for f in kept for p in (f, backup_path(f), lock_path(f))]
    st = outfile.check_target(output, fmt, protected)
    data = in_use(db_path(db))
    counts = outfile.export_file(data, fmt, kind, output, st)
    if counts is not None:
        note(f"Wrote {output}: " + ", ".join(f"{n} {k}" for k, n in counts.items()) + ".")
        meta = outfile.write_metadata(data, output)
        note(f"Wrote {meta}: datasette {output} -m {meta}")
    else:
        note(f"Wrote {output}.")


@db_app.command("diff")
def diff(
    a: Annotated[Path, typer.Argument(metavar="A")],
    b: Annotated[Path, typer.Argument(metavar="B")],
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """What changed between two data files, record by record, old -> new.

    Example: cnasean db diff old.json new.json
    """
    from cnasean.output.views.db import diff_view
    from cnasean.store import exchange
    from cnasean.store import write as dbwrite

    changes = exchange.diff(dbwrite.read_current(a), dbwrite.read_current(b))
    if not changes:
        note("No differences.")
    emit(diff_view(changes), fmt, as_json)


@db_app.command("reset")
def reset(
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask (needed when not on a terminal).")
    ] = False,
) -> None:
    """Drop your edits and read the data as shipped: your edits are moved aside, not deleted.

    Example: cnasean db reset --yes
    """
    import os

    from cnasean.errors import UsageError
    from cnasean.store import write as dbwrite
    from cnasean.store.locate import data_home

    home = data_home()
    mine = [home / "cnasean" / n for n in ("db.json", "overlay.json")] if home else []
    mine = [p for p in mine if os.path.lexists(p)]
    if not mine:
        note("Already using the packaged data.")
        return
    if not yes:
        if sys.stdin is None or not sys.stdin.isatty():
            raise UsageError("Not on a terminal: add --yes to reset without asking.")
        if not typer.confirm(f"Set aside your edits ({', '.join(map(str, mine))})?"):
            note("Nothing changed.")
            return
    said = []
    for user in mine:
        if os.path.islink(user):
            # The copy is elsewhere, and stays there: only the name that led to it goes.
            target = os.readlink(user)
            try:
                os.unlink(user)
            except OSError as exc:
                raise dbwrite.WriteError(f"Cannot remove {user}: {exc.strerror}.") from None
            said.append(f"{user} was a link to {target}, which is untouched")
        else:
            what = "your copy is" if user.name == "db.json" else "your edits are"
            said.append(f"{what} kept as {dbwrite.keep_aside(user)}")
    from cnasean.store.read import locate

    _, origin = locate()
    back = "the packaged data" if origin == "packaged" else "the installed data, without edits"
    note(f"Back to {back}. " + "; ".join(said) + ".")


from cnasean.cli import data_channel as _channel  # noqa: E402,F401  (db update, rollback...)
