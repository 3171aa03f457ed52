"""Record a real MCP session with the official SDK's client and write it into docs/mcp.md.

It starts ``nkc-kg mcp`` over stdio as a desktop assistant does, makes the calls below, and replaces
the part of docs/mcp.md between the transcript markers with each request and the server's answer
(abridged as docs/rest-api.md abridges: lists cut to their first items, long texts cut with "…").

    uv run python docs/mcp_transcript.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import anyio
from mcp import Client, MCPError, StdioServerParameters

DOC = Path(__file__).with_name("mcp.md")
BEGIN, END = "<!-- transcript: begin -->", "<!-- transcript: end -->"
ITEMS = 2  # list items kept
TEXT = 300  # characters of a string kept (the tools' readable text is kept whole)
ZK25 = "zeldzame-kankers-2025"
FEDERATED = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"


def abridged(value: Any, keep_text: bool = False) -> Any:
    if isinstance(value, dict):
        return {k: abridged(v, keep_text=keep_text or k == "text") for k, v in value.items()}
    if isinstance(value, list):
        kept = [abridged(v, keep_text) for v in value[:ITEMS]]
        return kept + ([f"… {len(value) - ITEMS} more"] if len(value) > ITEMS else [])
    if isinstance(value, str) and len(value) > TEXT and not keep_text:
        return value[:TEXT] + "…"
    return value


def shown(model: Any) -> Any:
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


class Transcript:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def step(self, title: str, method: str, params: Any, answer: Any, note: str = "", whole: bool = False) -> None:
        request = json.dumps({"method": method, "params": params}, ensure_ascii=False, indent=2)
        result = json.dumps(answer if whole else abridged(answer), ensure_ascii=False, indent=2)
        self.parts.append(f"#### {title}\n\n{note}```json\n{request}\n```\n\n```json\n{result}\n```\n")


async def record() -> str:
    server = StdioServerParameters(command=sys.executable, args=["-m", "nkc_kg.service.cli", "mcp"])
    t = Transcript()
    async with Client(server, mode="legacy") as client:
        info = {"protocolVersion": client.protocol_version, "serverInfo": shown(client.server_info)}
        t.step("Connect", "initialize", {"clientInfo": {"name": "mcp"}}, info)

        tools = (await client.list_tools()).tools
        listing = {"tools": [f"{tool.name}: {tool.title}" for tool in tools]}
        t.step("The tools (their names and titles)", "tools/list", {}, listing, whole=True)
        [tool] = [shown(tool) for tool in tools if tool.name == "parties-in-subgoal"]
        t.step(
            "One question's tool, from queries/parties-in-subgoal.rq",
            "tools/list",
            {},
            {"name": tool["name"], "inputSchema": tool["inputSchema"]},
            "The input schema as the catalogue's `#+` header declares it (the list entry, in full):\n\n",
            whole=True,
        )

        for title, name, arguments in [
            ("Who is involved in subgoal 5?", "parties-in-subgoal", {"plan": ZK25, "subgoal": 5, "lang": "en"}),
            ("A subgoal the plan does not have", "parties-in-subgoal", {"plan": ZK25, "subgoal": 9}),
            ("A party as people write it", "party-leads", {"party": "zorginstituut", "year": 2025}),
            ("Describe an entity by name", "describe", {"entity": "CieOOM", "lang": "en"}),
            ("SERVICE is refused", "sparql", {"query": FEDERATED}),
        ]:
            result = shown(await client.call_tool(name, arguments))
            result["content"] = result["content"][:1]  # the second block repeats structuredContent as JSON
            t.step(title, "tools/call", {"name": name, "arguments": arguments}, result)

        uri = f"https://w3id.org/nkc-kg/plan/{ZK25}/subgoal/5"
        contents = shown(await client.read_resource(uri))
        for content in contents["contents"]:
            content["text"] = abridged(json.loads(content["text"]))
        t.step("A subgoal as a resource, by its IRI", "resources/read", {"uri": uri}, contents)

        arguments = {"afkorting": "CieOOM"}
        prompt = shown(await client.get_prompt("wat-betekent-afkorting", arguments))
        t.step("A prompt", "prompts/get", {"name": "wat-betekent-afkorting", "arguments": arguments}, prompt)
        try:
            await client.get_prompt("wie-doet-wat-in-subdoel", {"subdoel": "8"})
        except MCPError as exc:
            error = {"code": exc.code, "message": exc.message, "data": exc.data}
            params = {"name": "wie-doet-wat-in-subdoel", "arguments": {"subdoel": "8"}}
            t.step("A prompt with a subgoal the plan does not have", "prompts/get", params, {"error": error})
    return "\n".join(t.parts)


def main() -> int:
    text = DOC.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        print(f"{DOC}: no {BEGIN} … {END} markers", file=sys.stderr)
        return 1
    before, rest = text.split(BEGIN, 1)
    after = rest.split(END, 1)[1]
    DOC.write_text(f"{before}{BEGIN}\n\n{anyio.run(record)}\n{END}{after}", encoding="utf-8")
    print(f"wrote the transcript into {DOC}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
