"""``cnasean db keygen/bundle/update/rollback``: signed data bundles, on their own channel.

The cryptography (``cnasean[update]``) and the network (``urllib``) are imported only by these
commands, and only when they run."""

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from cnasean.cli.data import db_app
from cnasean.cli.options import DbOpt, db_path, note

UPDATE_URL_ENV = "CNASEAN_UPDATE_URL"


@db_app.command("keygen")
def keygen(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="Where to write the keys.")],
) -> None:
    """Make a key pair for signing data bundles: DIR/cnasean.key (private) and DIR/cnasean.pub.

    Example: cnasean db keygen ~/.config/cnasean-keys
    """
    from cnasean.store.bundle import keygen as make

    private, public = make(folder)
    note(f"Wrote {private} (private: keep it secret) and {public} (give it to users: --trust).")


@db_app.command("bundle")
def bundle(
    output: Annotated[Path, typer.Option("--output", "-o", help="The bundle file to write.")],
    key: Annotated[Path, typer.Option("--key", help="The private key (cnasean.key) to sign with.")],
    previous: Annotated[
        Path | None,
        typer.Option(
            "--previous",
            help="The previous release (a bundle or a data file) for the changelog "
            "(default: the packaged data).",
        ),
    ] = None,
    db: DbOpt = None,
) -> None:
    """Build a signed data bundle from the data in use, with its changelog.

    Example: cnasean db bundle --db data/db.json -o cnasean-data.bundle --key cnasean.key
    """
    from cnasean.errors import UsageError
    from cnasean.store import bundle as bundles
    from cnasean.store import changelog, files
    from cnasean.store import write as dbwrite
    from cnasean.store.locate import packaged_path, version_key
    from cnasean.store.overlay import in_use
    from cnasean.store.validate import validate_data

    data = in_use(db_path(db))
    problems = validate_data(data)
    if problems:
        raise dbwrite.InvalidChange(problems)
    if previous is None:
        old = dbwrite.read_current(packaged_path())
    else:
        from cnasean.store.channel import read_file

        raw = read_file(previous)
        if raw[:2] == b"PK":
            old = dict(files.parse_bytes(bundles.open_bundle(raw).data, data_file=True))
        else:
            old = dbwrite.read_current(previous)
    log = changelog.changes(old, data)
    log["news"] = changelog.news(log)  # the same, for people (tzdata's NEWS shape)
    if log["previous_version"] and version_key(str(log["data_version"])) <= version_key(
        str(log["previous_version"])
    ):
        raise UsageError(
            f"The data's data_version {log['data_version']} is not newer than the previous "
            f"release's {log['previous_version']}: raise meta.data_version first."
        )
    blob = bundles.build(dbwrite.dumps(data).encode(), log, key)
    tmp = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(blob)
        os.replace(tmp, output)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise dbwrite.WriteError(f"Cannot write {output}: {exc.strerror}.") from None
    note(
        f"Wrote {output}: data {log['data_version']} (after {log['previous_version']}). "
        f"{log['briefly']}"
    )


def _progress() -> "object | None":
    if not (sys.stderr is not None and sys.stderr.isatty()):
        return None

    def show(got: int, total: int | None) -> None:
        if total:
            sys.stderr.write(f"\rDownloading {got * 100 // total:3d}% ({got:,} bytes)")
        else:
            sys.stderr.write(f"\rDownloading {got:,} bytes")
        sys.stderr.flush()

    return show


@db_app.command("update")
def update(
    source: Annotated[
        str | None,
        typer.Argument(
            metavar="SOURCE",
            help="A bundle file or an http(s):// URL (default: $CNASEAN_UPDATE_URL).",
        ),
    ] = None,
    trust: Annotated[
        list[str] | None,
        typer.Option("--trust", help="Also trust this public key (a .pub file or its text)."),
    ] = None,
    allow_downgrade: Annotated[
        bool, typer.Option("--allow-downgrade", help="Install an older or equal data_version.")
    ] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Seconds to wait for the network.", min=0.1)
    ] = 30.0,
) -> None:
    """Install newer data from a signed bundle: signature, sha256 and data checked first.

    Example: cnasean db update ./cnasean-data-2026.12.15.bundle
    """
    from cnasean.errors import UsageError
    from cnasean.store import bundle as bundles
    from cnasean.store import channel, overlay
    from cnasean.store.locate import folder

    source = source or os.environ.get(UPDATE_URL_ENV) or None
    if not source:
        raise UsageError(
            "No bundle given: cnasean has no hosted data channel yet. Give a bundle file or "
            f"an http(s):// URL (cnasean db update FILE|URL), or set {UPDATE_URL_ENV}."
        )
    keys = bundles.trusted(trust)
    show = _progress()
    blob = channel.fetch(source, timeout, show)  # type: ignore[arg-type]
    if show is not None:
        sys.stderr.write("\n")
    verified = bundles.verify(blob, keys)
    bundles.check_data(verified)
    where = folder()
    old, new = channel.install(where, verified, allow_downgrade)
    in_use = channel.in_use_version(where)
    if old == new:
        note(f"Data {new} is installed already: nothing changed.")
        return
    import json

    try:
        briefly = json.loads(verified.changes).get("briefly", "")
    except ValueError:
        briefly = ""
    note(f"Updated the data: {old} -> {new} (as of {verified.manifest.get('as_of')}). {briefly}")
    if in_use != new:
        note(f"The packaged data ({in_use}) is newer and stays in use.")
    if os.environ.get("CNASEAN_DB"):
        note("CNASEAN_DB is set: commands read that file, not the installed data.")
    mine = overlay.status(where)
    if mine["conflicts"]:
        note(
            f"{len(mine['conflicts'])} of your edits conflict with the new data (yours are "
            "read): cnasean db info lists them."
        )
    if mine["edits"] and os.environ.get("CNASEAN_DB") is None:
        from cnasean.store.validate import validate_data

        problems = validate_data(overlay.in_use())
        if problems:
            note(f"With your edits the data has {len(problems)} problem(s): cnasean db validate.")


@db_app.command("rollback")
def rollback(
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask (needed when not on a terminal).")
    ] = False,
) -> None:
    """Go back to the previously installed data version (the last few are kept).

    Example: cnasean db rollback --yes
    """
    from cnasean.errors import UsageError
    from cnasean.store import channel
    from cnasean.store.locate import folder

    where = folder()
    versions = channel.installed(where)
    if not versions:
        note("No data bundle is installed: the packaged data is in use.")
        return
    if not yes:
        if sys.stdin is None or not sys.stdin.isatty():
            raise UsageError("Not on a terminal: add --yes to roll back without asking.")
        if not typer.confirm(f"Stop using data {versions[0]['data_version']} and go back?"):
            note("Nothing changed.")
            return
    old, new = channel.rollback(where)
    note(f"Rolled back the data: {old} -> {new}.")
