"""``cnasean mcp``: a Model Context Protocol server over stdio, for AI assistants.

The server (``cli.mcp_server``) needs the optional ``mcp`` SDK (``pip install
'cnasean[mcp]'``); this module imports it only when the command runs."""

from cnasean.cli.options import DbOpt, dataset


def mcp(db: DbOpt = None) -> None:
    """Serve the data to AI assistants over MCP (stdio): read-only tools with sources.

    Configure your MCP client to run "cnasean mcp" (README: "Beyond the terminal").

    Example: cnasean mcp --db my-data.json
    """
    try:
        from cnasean.cli import mcp_server
    except ImportError as exc:
        from cnasean.errors import UsageError

        raise UsageError(
            "cnasean mcp needs the MCP SDK, an optional extra: pip install 'cnasean[mcp]' "
            f"({exc.name or 'mcp'} is missing)."
        ) from None
    ds = dataset(db)  # read now: a missing or corrupt file is one line and exit 3, as always
    mcp_server.build(lambda: ds).run("stdio")
