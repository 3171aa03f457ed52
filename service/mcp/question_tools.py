"""One MCP tool per question of the catalogue, generated from the ``#+`` headers of queries/*.rq.

A new question in queries/ is a new tool without code: its name is the query's, its description the
question in Dutch and English with the header's description, its input schema the parameters
(schemas.py). A call answers as ``GET /api/questions/{id}`` does, through the same
:meth:`Questions.answer` and its cache: the sentence in the language asked, the table as structured
content, the IRIs and page URLs of what it names, and the sources of every fact.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import mcp.types as types
from nkc_kg.service.graph.catalog import NamedQuery, ParameterError
from nkc_kg.service.i18n.wording import pick
from nkc_kg.service.mcp.backend import Backend, JsonDict, absolute, checked_lang, json_type
from nkc_kg.service.mcp.schemas import INTEGER_TYPES, QUESTION_OUTPUT, question_input
from nkc_kg.service.questions.catalogue import Questions

READ_ONLY = types.ToolAnnotations(read_only_hint=True, idempotent_hint=True, open_world_hint=False)


def question_tool(questions: Questions, query: NamedQuery) -> types.Tool:
    summary_nl = query.summary_nl or query.summary
    description = "\n\n".join(
        [
            f"{query.summary}\n{summary_nl}",
            query.description.strip(),
            "Answer: a sentence (lang nl|en), the table with each entity's IRI and page, the source of every fact.",
        ]
    )
    return types.Tool(
        name=query.name,
        title=query.summary,
        description=description,
        input_schema=question_input(questions, query),
        output_schema=QUESTION_OUTPUT,
        annotations=types.ToolAnnotations(**READ_ONLY.model_dump(exclude_none=True), title=query.summary),
    )


def question_values(query: NamedQuery, arguments: Mapping[str, Any]) -> dict[str, str]:
    """The arguments as the text the catalogue reads (numbers written out); wrong JSON types refused."""
    known = {p.name for p in query.parameters}
    extra = sorted(set(arguments) - known - {"lang"})
    if extra:
        # the wording of Questions.resolve, which does not see 'lang' or 'format'
        raise ParameterError(
            extra[0][:50], f"not a parameter of {query.name} (it takes: {', '.join(sorted(known)) or 'none'})"
        )
    values: dict[str, str] = {}
    for param in query.parameters:
        value = arguments.get(param.name)
        if value is None:
            continue  # the catalogue says it is missing, with an example
        number = param.type in INTEGER_TYPES
        if isinstance(value, str):
            values[param.name] = value
        elif isinstance(value, int) and not isinstance(value, bool) and number:
            values[param.name] = str(value)
        elif isinstance(value, float) and number and value.is_integer():
            values[param.name] = str(int(value))
        else:
            wanted = "a whole number" if number else "text"
            raise ParameterError(param.name, f"expected {wanted} like {param.example}, got {json_type(value)}")
    return values


def answer_question(backend: Backend, query: NamedQuery, arguments: Mapping[str, Any], site: str | None) -> JsonDict:
    """The question's answer (ParameterError, with the REST wording, for a value it cannot read)."""
    lang = checked_lang(arguments.get("lang"))
    found = backend.questions.answer(query, question_values(query, arguments), lang)
    return absolute(found, site)  # type: ignore[no-any-return]


def readable(answer: JsonDict) -> str:
    """The answer for the assistant to read: the question, the sentence, the citations and the page."""
    lang = answer["lang"]
    lines = [answer["question"], "", answer["sentence"]]
    lines += cited_lines(answer, lang)
    page = (answer.get("links") or {}).get("page")
    if page:
        lines += ["", f"{pick(lang, 'Pagina', 'Page')}: {page}"]
    return "\n".join(lines)


def cited_lines(cited: Mapping[str, Any], lang: str) -> list[str]:
    lines: list[str] = []
    if cited.get("sources"):
        lines += ["", pick(lang, "Bronnen:", "Sources:")]
        lines += [f"- {source['citation'][lang]}" for source in cited["sources"]]
    if cited.get("curated"):
        lines += ["", pick(lang, "Toegevoegd door de curatoren (geen bron):", "Added by the curators (no source):")]
        lines += [f"- {fact['label']}: {fact['explanation'][lang]}" for fact in cited["curated"]]
    return lines


def as_result(text: str, structured: JsonDict) -> types.CallToolResult:
    """A tool's answer: the readable text, the structured content, and (for clients that only read text)
    the structured content as JSON, as the MCP specification recommends."""
    return types.CallToolResult(
        content=[
            types.TextContent(text=text),
            types.TextContent(text=json.dumps(structured, ensure_ascii=False)),
        ],
        structured_content=structured,
    )
