"""The command table: where each command lives and what the root ``--help`` says of it.

Typer turns every registered command into a click command on each run (tens of milliseconds
for all of them), so the root group builds only the command the user asked for, importing
only its module; the root ``--help`` lists every command from the summaries here and imports
none of them. A test checks each summary against the command's own help.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, MutableMapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typer import _click as click


# name -> (module, function, hidden, summary): the commands, and the names they answer to, in
# the order the root --help lists them. The summary is the first paragraph of the command's
# help, which is all that list shows of it. (Plain tuples: this table is read on every run.)
_REF = "cnasean.cli.reference"
COMMANDS: dict[str, tuple[str, str, bool, str]] = {
    "trade": (
        "cnasean.cli.trade",
        "trade",
        False,
        "China–ASEAN goods trade, year by year, with growth, share and sources.",
    ),
    "visa": (
        "cnasean.cli.visa",
        "visa",
        False,
        "Who needs a visa to go where, since when, for how long, on what source.",
    ),
    "events": (
        _REF,
        "events",
        False,
        "Dated events in order: agreements, summits, expos, accessions, visa deals.",
    ),
    "timeline": (
        _REF,
        "events",
        True,
        "Dated events in order: agreements, summits, expos, accessions, visa deals.",
    ),
    "country": (
        _REF,
        "country",
        False,
        "One member on one page: names, membership, trade, visa rules, projects, events.",
    ),
    "search": (
        _REF,
        "search",
        False,
        "Every fact whose text matches, best first, with its kind and id.",
    ),
    "cite": (_REF, "cite", False, "A citation for a fact or a source, with its access date."),
    "sources": (
        "cnasean.cli.sources",
        "sources",
        False,
        "The sources every fact cites: publisher, title, URL, dates.",
    ),
    "ask": (
        _REF,
        "ask",
        False,
        "Answer a plain question from the data, with the facts and sources it used.",
    ),
    "changes": (
        "cnasean.cli.changes",
        "changes",
        False,
        "What changed in the data: rules starting or ending, corrections, sources.",
    ),
    "mcp": (
        "cnasean.cli.mcp",
        "mcp",
        False,
        "Serve the data to AI assistants over MCP (stdio): read-only tools with sources.",
    ),
    "schema": (_REF, "schema", False, "The fields of each kind of record: type and meaning."),
}
# The same for groups of commands: name -> (module, Typer app, hidden, summary).
GROUPS: dict[str, tuple[str, str, bool, str]] = {
    "infra": (
        _REF,
        "infra_app",
        False,
        "Projects linking China and ASEAN members: railways, ports, parks, canals.",
    ),
    "infrastructure": (
        _REF,
        "infra_app",
        True,
        "Projects linking China and ASEAN members: railways, ports, parks, canals.",
    ),
    "db": (
        "cnasean.cli.data",
        "db_app",
        False,
        "Keep the data: inspect, validate, correct, import, export, diff.",
    ),
}
NAMES = (*COMMANDS, *GROUPS)


def load(name: str) -> click.Command:
    """The click command for ``name``, built as ``Typer.command`` (or ``add_typer``) on the
    root app would build it: with typer's own markup, traceback and suggestion settings,
    which the root app keeps."""
    import importlib

    import typer
    from typer.main import get_command_from_info, get_group_from_info

    module, attr, hidden, _ = COMMANDS.get(name) or GROUPS[name]
    target = getattr(importlib.import_module(module), attr)
    holder = typer.Typer()
    if name in GROUPS:
        holder.add_typer(target, name=name, hidden=hidden)
        return get_group_from_info(
            holder.registered_groups[0],
            pretty_exceptions_short=holder.pretty_exceptions_short,
            suggest_commands=holder.suggest_commands,
            rich_markup_mode=holder.rich_markup_mode,
        )
    holder.command(name, hidden=hidden)(target)
    return get_command_from_info(
        holder.registered_commands[0],
        pretty_exceptions_short=holder.pretty_exceptions_short,
        rich_markup_mode=holder.rich_markup_mode,
    )


def stub(name: str) -> click.Command:
    """A command that only describes ``name``, for the root ``--help`` list: its summary and
    whether it is hidden are all that list reads."""
    from typer.core import TyperCommand

    _, _, hidden, summary = COMMANDS.get(name) or GROUPS[name]
    return TyperCommand(name, help=summary, hidden=hidden)


class Commands(MutableMapping[str, "click.Command"]):
    """The commands a group offers, each built the first time it is looked up."""

    def __init__(self, names: Iterable[str]) -> None:
        self._names = list(names)
        self._built: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._built:
            if name not in self._names:
                raise KeyError(name)
            self._built[name] = load(name)
        return self._built[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        if name not in self._names:
            self._names.append(name)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        self._names.remove(name)
        self._built.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self._names  # without building it

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def command_name(args: list[str]) -> str | None:
    """The command the arguments name, skipping the root options before it."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--db":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def help_args(args: list[str]) -> list[str]:
    """``cnasean help [COMMAND...]`` as ``cnasean [COMMAND...] --help`` (a word new users try
    first); any other arguments as they are."""
    name = command_name(args)
    if name != "help" or "help" in COMMANDS:
        return args
    at = args.index("help")
    return [*args[:at], *args[at + 1 :], "--help"]


def wanted(args: list[str], environ: Iterable[str]) -> str | None:
    """Which command to offer: the one named (``trade``), none at all (``""``, for
    ``--version``), or every command (None: help, completion, an unknown name)."""
    name = command_name(args)
    if any(k.endswith("_COMPLETE") for k in environ) or any(
        a.startswith(("--install-completion", "--show-completion")) for a in args
    ):
        name = None  # shell completion needs every command
    if name is None and ("--version" in args or "-V" in args):
        name = ""  # the version needs no command at all
    return name if name in COMMANDS or name in GROUPS or name == "" else None
