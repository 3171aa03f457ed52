"""The MCP server: the SDK's low-level :class:`Server` with the handlers of the tools, resources and prompts.

The tools are built from the catalogue once, at the first listing or call (their input schemas read
the pickers' options from the graph), not at start-up. Every handler does its graph work in a worker
thread, so the event loop (of the web service, over HTTP) stays free. A refused call is a tool result
with ``isError`` and the REST API's words; nothing here writes to the graph.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from typing import Any

import anyio
import mcp.types as types
from mcp.server import Server, ServerRequestContext
from nkc_kg.service.graph.catalog import CatalogError, ParameterError
from nkc_kg.service.graph.plan_data import BadParameter, NotFound
from nkc_kg.service.mcp import prompts, resources
from nkc_kg.service.mcp.backend import MAX_ARGUMENTS, Backend, ToolError, absolute, checked_lang, checked_text
from nkc_kg.service.mcp.describe import describe
from nkc_kg.service.mcp.general import GENERAL_TOOLS, search, sparql
from nkc_kg.service.mcp.question_tools import answer_question, as_result, question_tool, readable

NAME = "nkc-kg"
INSTRUCTIONS = (
    "Answers about the Dutch cancer action plans of the Nederlands Kanker Collectief (NKC): which parties do "
    "what in which subgoal, what is planned when, what abbreviations mean. Each question tool answers with "
    "a sentence (lang nl or en), a table, and the source (document, slide) of every fact: quote the sentence "
    "and cite the sources; facts marked as added by the curators are not the plan's. Use search or describe "
    "to find an entity, and sparql only when no question fits."
)
Ctx = ServerRequestContext[Any, Any]
SiteOf = Callable[[Ctx], "str | None"]


class Catalogue:
    """The tools of one backend: the catalogue's questions, then the general tools."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self._lock = threading.Lock()
        self._tools: dict[str, types.Tool] | None = None

    def tools(self) -> dict[str, types.Tool]:
        with self._lock:
            if self._tools is None:
                questions = self.backend.questions
                tools = {name: question_tool(questions, q) for name, q in questions.catalog.items()}
                for tool in GENERAL_TOOLS:
                    if tool.name in tools:
                        raise CatalogError(
                            f"queries/{tool.name}.rq: a question may not take the name of the {tool.name} tool"
                        )
                    tools[tool.name] = tool
                self._tools = tools
            return self._tools

    def call(self, name: str, arguments: dict[str, Any], site: str | None) -> types.CallToolResult:
        """A blocking call (run it in a worker thread), except ``sparql`` (see :func:`call_tool`)."""
        backend = self.backend
        query = backend.questions.catalog.get(name)
        if query is not None:
            answer = answer_question(backend, query, arguments, site)
            return as_result(readable(answer), answer)
        if name == "search":
            _only(arguments, "q", "lang")
            text, found = search(backend, arguments, checked_lang(arguments.get("lang")), site)
            return as_result(text, found)
        if name == "describe":
            _only(arguments, "entity", "lang")
            lang = checked_lang(arguments.get("lang"))
            described = describe(backend, checked_text("entity", arguments.get("entity")) or "", lang)
            return as_result(described["text"], absolute(described, site))
        raise ToolError(f"unknown tool {name[:50]!r}", {"known": sorted(self.tools())})


def _only(arguments: dict[str, Any], *names: str) -> None:
    extra = sorted(set(arguments) - set(names))
    if extra:
        raise ParameterError(extra[0][:50], f"not a parameter (it takes: {', '.join(names)})")


def error_result(error: ToolError) -> types.CallToolResult:
    return types.CallToolResult(
        content=[types.TextContent(text=error.text())], structured_content=error.body(), is_error=True
    )


def build_server(backend: Backend, site_of: SiteOf | None = None) -> Server[Any]:
    """The server over ``backend``; ``site_of(ctx)`` gives the address page URLs are made absolute on."""
    catalogue = Catalogue(backend)

    def site(ctx: Ctx) -> str | None:
        return (site_of(ctx) if site_of is not None else None) or backend.site

    async def in_thread(work: Callable[[], Any]) -> Any:
        return await anyio.to_thread.run_sync(work)

    async def list_tools(ctx: Ctx, params: types.PaginatedRequestParams | None) -> types.ListToolsResult:
        tools = await in_thread(catalogue.tools)
        return types.ListToolsResult(tools=list(tools.values()))

    async def call_tool(ctx: Ctx, params: types.CallToolRequestParams) -> types.CallToolResult:
        arguments = params.arguments or {}
        try:
            if len(arguments) > MAX_ARGUMENTS:
                raise ToolError("too many arguments", f"at most {MAX_ARGUMENTS}")
            if params.name == "sparql":
                _only(arguments, "query")
                text, answer = await sparql(backend, arguments)
                return as_result(text, answer)
            return await in_thread(lambda: catalogue.call(params.name, arguments, site(ctx)))  # type: ignore[no-any-return]
        except ToolError as exc:
            return error_result(exc)
        except (ParameterError, NotFound, BadParameter) as exc:
            return error_result(ToolError.of(exc))

    async def list_resources(ctx: Ctx, params: types.PaginatedRequestParams | None) -> types.ListResourcesResult:
        return types.ListResourcesResult(resources=await in_thread(lambda: resources.listing(backend)))

    async def list_templates(
        ctx: Ctx, params: types.PaginatedRequestParams | None
    ) -> types.ListResourceTemplatesResult:
        return types.ListResourceTemplatesResult(resource_templates=resources.templates(backend))

    async def read_resource(ctx: Ctx, params: types.ReadResourceRequestParams) -> types.ReadResourceResult:
        uri = str(params.uri)
        return await in_thread(lambda: resources.read(backend, uri, site(ctx)))  # type: ignore[no-any-return]

    async def list_prompts(ctx: Ctx, params: types.PaginatedRequestParams | None) -> types.ListPromptsResult:
        return types.ListPromptsResult(prompts=[spec.prompt for spec in prompts.PROMPTS.values()])

    async def get_prompt(ctx: Ctx, params: types.GetPromptRequestParams) -> types.GetPromptResult:
        return await in_thread(lambda: prompts.get(backend, params.name, params.arguments))  # type: ignore[no-any-return]

    handlers: dict[str, Callable[..., Awaitable[Any]]] = {
        "on_list_tools": list_tools,
        "on_call_tool": call_tool,
        "on_list_resources": list_resources,
        "on_list_resource_templates": list_templates,
        "on_read_resource": read_resource,
        "on_list_prompts": list_prompts,
        "on_get_prompt": get_prompt,
    }
    return Server(NAME, version=_version(), title="NKC action plans (nkc-kg)", instructions=INSTRUCTIONS, **handlers)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("nkc-kg")
    except PackageNotFoundError:
        return "0"
