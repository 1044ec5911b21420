"""``cnasean mcp``: the MCP server, driven by the SDK's own stdio client in a subprocess.

One session serves every check (starting the server costs a second): the tools listed, each
called, the schemas, the sources every answer carries, "no data", and errors with the
command line's messages."""

from __future__ import annotations

import asyncio
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("mcp")

from mcp.client import Client
from mcp.client.stdio import StdioServerParameters

from helpers import AS_OF, VERSION

TOOLS = {
    "trade",
    "trade_summary",
    "trade_rank",
    "visa",
    "projects",
    "project",
    "events",
    "country",
    "search",
    "cite",
    "ask",
    "dataset_info",
}

# tool -> arguments: one call of each, every one answered from the shipped data
CALLS: dict[str, dict[str, Any]] = {
    "trade": {"period": "2025-01..2025-09"},
    "trade_summary": {"country": "Viet Nam"},
    "trade_rank": {"year": 2015},
    "visa": {"country": "thailand"},
    "projects": {"country": "laos"},
    "project": {"name": "china-laos-railway"},
    "events": {"since": "2025-10", "until": "2025-10"},
    "country": {"name": "泰国"},
    "search": {"text": "railway", "limit": 5},
    "cite": {"id": "china-laos-railway", "format": "bibtex"},
    "ask": {"question": "When did the China–Laos railway open?"},
    "dataset_info": {},
}
NO_DATA = {
    "events": {"since": "2099"},
    "trade": {"period": "1900"},
    "search": {"text": "zzzqqqxxx"},
    "ask": {"question": "How much did China and Laos trade in 1950?"},
}
ERRORS = {
    ("trade_summary", "thialand"): ["trade", "--country", "thialand"],
    ("visa", "01/03/2024"): ["visa", "--on", "01/03/2024"],
    ("project", "no-such-project-at-all"): ["infra", "show", "no-such-project-at-all"],
    ("cite", "NOPE-123"): ["cite", "NOPE-123"],
}
ERROR_ARGS = {
    ("trade_summary", "thialand"): {"country": "thialand"},
    ("visa", "01/03/2024"): {"on": "01/03/2024"},
    ("project", "no-such-project-at-all"): {"name": "no-such-project-at-all"},
    ("cite", "NOPE-123"): {"id": "NOPE-123"},
}


async def _session(cli_bin: Path, env: dict[str, str]) -> dict[str, Any]:
    params = StdioServerParameters(command=str(cli_bin), args=["mcp"], env=env)
    out: dict[str, Any] = {"calls": {}, "no_data": {}, "errors": {}}
    async with Client(params) as client:
        out["tools"] = (await client.list_tools()).tools
        for name, args in CALLS.items():
            out["calls"][name] = await client.call_tool(name, args)
        for name, args in NO_DATA.items():
            out["no_data"][name] = await client.call_tool(name, args)
        for key, args in ERROR_ARGS.items():
            out["errors"][key] = await client.call_tool(key[0], args)
        out["bad_type"] = await client.call_tool("search", {"text": "railway", "limit": "many"})
        out["bad_style"] = await client.call_tool("cite", {"id": "T1", "format": "mla"})
        out["trade_all"] = await client.call_tool("trade", {"limit": 10})
        out["bad_limit"] = await client.call_tool("trade", {"limit": -1})
        out["cite_dataset"] = await client.call_tool("cite", {"dataset": True, "format": "csl"})
        out["events_text"] = await client.call_tool("events", {"text": "博览会", "since": "2005"})
    return out


@pytest.fixture(scope="module")
def session(cli_bin: Path, base_env: dict[str, str]) -> dict[str, Any]:
    return asyncio.run(asyncio.wait_for(_session(cli_bin, dict(base_env)), 120))


def _body(result: Any) -> dict[str, Any]:
    assert not result.is_error, result.content[0].text
    body = json.loads(result.content[0].text)
    assert body == result.structured_content
    return body  # type: ignore[no-any-return]


def _cited(value: Any) -> set[str]:
    if isinstance(value, dict):
        found: set[str] = set()
        for k, v in value.items():
            if k in ("sources", "zh_sources") and isinstance(v, list):
                found |= {s for s in v if isinstance(s, str)}
            else:
                found |= _cited(v)
        return found
    if isinstance(value, list):
        return set().union(*(_cited(v) for v in value)) if value else set()
    return set()


def test_every_tool_is_listed_with_a_schema_and_a_description(session: dict[str, Any]) -> None:
    tools = {t.name: t for t in session["tools"]}
    assert set(tools) == TOOLS
    for name, tool in tools.items():
        assert tool.description and len(tool.description) > 60, name
        schema = tool.input_schema
        assert schema["type"] == "object", name
        for prop, spec in schema.get("properties", {}).items():
            assert spec.get("description"), (name, prop)
        assert tool.annotations is not None and tool.annotations.read_only_hint, name
    assert tools["project"].input_schema["required"] == ["name"]
    assert tools["search"].input_schema["required"] == ["text"]
    assert tools["search"].input_schema["properties"]["limit"]["type"] == "integer"
    assert set(tools["trade"].input_schema["properties"]) >= {"country", "period", "reporter"}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_each_tool_answers_with_its_sources_in_full(session: dict[str, Any], name: str) -> None:
    body = _body(session["calls"][name])
    assert body["as_of"] == AS_OF
    assert body["data_version"]
    payload = {k: v for k, v in body.items() if k != "sources"}
    cited = _cited(payload)
    given = {s["id"]: s for s in body["sources"]}
    assert cited == set(given), name
    if name != "dataset_info":
        assert body["count"] > 0 and given, name
    for s in given.values():
        assert s["publisher"] and s["url"].startswith("http"), s
        assert s["retrieved"] and "published" in s and "title" in s


def test_answers_are_the_command_lines_json(session: dict[str, Any], cli: Any) -> None:
    body = _body(session["calls"]["visa"])
    r = cli("visa", "--country", "thailand", "--json")
    assert r.returncode == 0
    assert body["records"] == json.loads(r.stdout)
    assert all("stale" in rec for rec in body["records"])
    trade = _body(session["calls"]["trade"])
    assert trade["records"][0]["value"] == 5570000000000


def test_specific_answers(session: dict[str, Any]) -> None:
    ask = _body(session["calls"]["ask"])
    assert ask["answer"]["status"] == "answered" and "2021" in ask["answer"]["answer"]
    cite = _body(session["calls"]["cite"])
    assert cite["citation"]["citation"].startswith("@online{")
    rank = _body(session["calls"]["trade_rank"])
    assert {r["status"] for r in rank["records"]} <= {"ranked", "missing"}
    whole = _body(session["cite_dataset"])["citation"]
    assert whole["kind"] == "dataset" and '"type": "dataset"' in whole["citation"]
    info = _body(session["calls"]["dataset_info"])
    assert f"version {VERSION}" in info["dataset"]["cite"]
    assert info["dataset"]["counts"]["sources"] > 100 and info["sources"] == []


@pytest.mark.parametrize("name", sorted(NO_DATA))
def test_no_data_is_no_figures_and_no_citations(session: dict[str, Any], name: str) -> None:
    body = _body(session["no_data"][name])
    assert body["count"] == 0
    assert body["sources"] == []
    assert "No data" in body["note"]
    if "records" in body:
        assert body["records"] == []


@pytest.mark.parametrize("key", sorted(ERRORS))
def test_bad_arguments_give_the_command_lines_message(
    session: dict[str, Any], key: tuple[str, str], cli: Any
) -> None:
    result = session["errors"][key]
    assert result.is_error
    text = result.content[0].text
    r = cli(*ERRORS[key])
    assert r.returncode == 2, r.stderr
    assert r.stderr.strip() == f"cnasean: error: {text}"


def test_a_long_answer_is_cut_and_says_so(session: dict[str, Any]) -> None:
    body = _body(session["trade_all"])
    assert body["count"] == 10 == len(body["records"]) and body["total"] > 100
    assert "first 10 of" in body["note"]
    assert _cited({"records": body["records"]}) == {s["id"] for s in body["sources"]}
    assert session["bad_limit"].is_error
    assert session["bad_limit"].content[0].text == "limit must be 0 (all) or more, not -1."


def test_arguments_of_the_wrong_type_and_style_are_tool_errors(session: dict[str, Any]) -> None:
    assert session["bad_type"].is_error
    assert "limit" in session["bad_type"].content[0].text
    assert session["bad_style"].is_error
    assert session["bad_style"].content[0].text == "'mla' is not one of text, bibtex, csl."


def test_a_missing_data_file_is_one_line_and_exit_3(
    cli_bin: Path, base_env: dict[str, str], tmp_path: Path
) -> None:
    r = subprocess.run(
        [str(cli_bin), "mcp", "--db", str(tmp_path / "none.json")],
        capture_output=True,
        text=True,
        env=base_env,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    assert r.returncode == 3 and r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1 and "none.json" in r.stderr


def test_without_the_extra_the_command_says_what_to_install(
    cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.delitem(sys.modules, "cnasean.cli.mcp_server", raising=False)
    monkeypatch.setitem(sys.modules, "mcp", None)  # import mcp now raises ImportError
    monkeypatch.setitem(sys.modules, "mcp.server.mcpserver", None)
    r = cli("mcp")
    assert r.returncode == 2, r.stderr
    assert "pip install 'cnasean[mcp]'" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_events_takes_words_as_the_command_line_does(session: dict[str, Any], cli: Any) -> None:
    tools = {t.name: t for t in session["tools"]}
    assert "text" in tools["events"].input_schema["properties"]
    body = _body(session["events_text"])
    r = cli("events", "博览会", "--since", "2005", "--json")
    assert body["records"] == json.loads(r.stdout)
    assert [e["id"] for e in body["records"]] == ["caexpo-20-2023", "caexpo-21-2024"]
