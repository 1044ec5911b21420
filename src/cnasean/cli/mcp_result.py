"""How the MCP server answers (``cli.mcp_server``): the command line's JSON, the full record
of every source it cites, the data version and as-of date; or a tool error whose text is the
command line's message. Nothing here is imported except by ``cnasean mcp``."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from mcp_types import CallToolResult, TextContent

from cnasean import jsontext
from cnasean.errors import CnaseanError

if TYPE_CHECKING:
    from cnasean.dataset import Dataset


def _source_ids(value: Any) -> Iterator[str]:
    """Every source id an answer cites, wherever it sits (records, metrics, alternatives)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("sources", "zh_sources") and isinstance(item, list):
                yield from (s for s in item if isinstance(s, str))
            else:
                yield from _source_ids(item)
    elif isinstance(value, list):
        for item in value:
            yield from _source_ids(item)


def _plain(value: Any) -> Any:
    """JSON values only (dates as ISO text), as the command line's JSON has them."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


class Tools:
    """The tools, each a method over one opened dataset."""

    def __init__(self, open_dataset: Callable[[], Dataset]) -> None:
        self._open = open_dataset

    def _result(self, ds: Dataset, key: str, value: Any, count: int) -> CallToolResult:
        """The answer, its sources in full, and the dataset's version and as-of date."""
        data = _plain(value)
        ids = list(dict.fromkeys(_source_ids(data))) if count else []
        sources = [s.to_dict() for s in ds.sources(ids)] if ids else []
        meta = ds.meta
        body = {
            "data_version": meta.data_version,
            "as_of": meta.as_of.isoformat(),
            "count": count,
            key: data,
            "sources": _plain(sources),
        }
        if not count:
            body["note"] = "No data matches: there is no figure or rule to report."
        text = jsontext.dumps(body, indent=1)
        return CallToolResult(
            content=[TextContent(type="text", text=text)], structured_content=body
        )

    def call(self, run: Callable[[Dataset], CallToolResult]) -> CallToolResult:
        """Run one tool; an error a user can meet is a tool error with the CLI's message."""
        try:
            return run(self._open())
        except CnaseanError as exc:
            return CallToolResult(content=[TextContent(type="text", text=str(exc))], is_error=True)

    def records(self, ds: Dataset, view: Any, limit: int = 0) -> CallToolResult:
        """The view's records (the first ``limit`` of them, when more: ``total`` says how
        many there were, so an assistant can narrow its question)."""
        rows = list(view.records)
        if limit < 0:
            from cnasean.errors import UsageError

            raise UsageError(f"limit must be 0 (all) or more, not {limit}.")
        if not limit or len(rows) <= limit:
            return self._result(ds, "records", rows, len(rows))
        result = self._result(ds, "records", rows[:limit], limit)
        body = result.structured_content
        body["total"] = len(rows)
        body["note"] = f"The first {limit} of {len(rows)} records: narrow the question."
        text = jsontext.dumps(body, indent=1)
        return CallToolResult(
            content=[TextContent(type="text", text=text)], structured_content=body
        )
