"""``cnasean changes``: what changed in the data, from the changelogs the bundles carry."""

from typing import Annotated

import typer

from cnasean.cli.options import FormatOpt, JsonOpt, emit, note


def changes(
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Changes after this data version (2026.11.29) or from this date (2026-11).",
        ),
    ] = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """What changed in the data: rules starting or ending, corrections, sources.

    Example: cnasean changes --since 2026.11.29  (-f atom: a feed for feed readers)
    """
    import re

    from cnasean.output.views.changes import changes_view
    from cnasean.store import channel
    from cnasean.store.locate import folder, packaged_version, version_key

    logs = channel.changelogs(folder())
    if since is None:
        chosen = logs[:1]
    elif re.fullmatch(r"\d{4}(-\d{2}){0,2}", since):
        chosen = [log for log in logs if str(log.get("as_of") or "") >= since]
    else:
        chosen = [
            log for log in logs if version_key(str(log.get("data_version"))) > version_key(since)
        ]
    if not logs:
        note(
            f"No changelog: the packaged data (version {packaged_version()}) is in use, and "
            "changelogs come with data bundles (cnasean db update)."
        )
    for log in chosen:
        note(f"{log.get('data_version')} (as of {log.get('as_of')}): {log.get('briefly')}")
    rows = [
        {**c, "data_version": log.get("data_version")}
        for log in chosen
        for c in log.get("changes", [])
        if isinstance(c, dict)
    ]
    if fmt == "atom" and not as_json:
        from cnasean.output import formats as render
        from cnasean.output.atom import atom_feed

        dates = {str(log.get("data_version")): log.get("as_of") for log in chosen}
        entries = [
            {
                "kind": r.get("kind"),
                "id": r.get("id"),
                "field": r.get("field"),
                "old": r.get("old"),
                "new": r.get("new"),
                "version": r["data_version"],
                "date": r.get("date") or dates.get(str(r["data_version"])) or "1970-01-01",
            }
            for r in rows
        ]
        render.emit_text(atom_feed(entries))
        return
    emit(changes_view(rows), fmt, as_json)
