"""Prompts: the questions policy staff ask most, ready for an assistant with the graph's answer attached.

Each prompt is the question in the language asked, what to call to check it and how to cite, and the
answer as the service gives it (the question's sentence and sources, or the diff report). Arguments
are read as the question tools read them: an unknown subgoal or abbreviation is an invalid-params
error in the REST API's words, with suggestions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import mcp.types as types
from mcp.shared.exceptions import MCPError
from mcp_types import INVALID_PARAMS
from nkc_kg.service.diff.compare import compare
from nkc_kg.service.diff.report import format_diff
from nkc_kg.service.diff.versions import VersionReader
from nkc_kg.service.graph.catalog import CatalogError, NamedQuery, ParameterError
from nkc_kg.service.graph.plan_data import NotFound
from nkc_kg.service.i18n.wording import pick
from nkc_kg.service.mcp.backend import Backend, ToolError, checked_lang, checked_text
from nkc_kg.service.mcp.question_tools import readable

# the questions the prompts rest on (queries/<name>.rq)
SUBGOAL_QUESTION = "parties-in-subgoal"
ABBREVIATION_QUESTION = "abbreviation"
CONTINUATION_QUESTION = "activity-continuation"
LANG_ARGUMENT = types.PromptArgument(name="lang", description="nl (default) or en", required=False)


@dataclass(frozen=True)
class PromptSpec:
    prompt: types.Prompt
    build: Callable[[Backend, Mapping[str, str], str], list[str]]  # (backend, arguments, lang) -> messages


def _who_does_what(backend: Backend, arguments: Mapping[str, str], lang: str) -> list[str]:
    query = _question(backend, SUBGOAL_QUESTION)
    plan_param = next(p for p in query.parameters if p.type == "plan")
    plan = checked_text("plan", arguments.get("plan"), required=False) or plan_param.example
    subgoal = checked_text("subdoel", arguments.get("subdoel"))
    answer = _answer(backend, query, {"plan": plan, "subgoal": subgoal or ""}, lang, {"subgoal": "subdoel"})
    values = {p["name"]: p for p in answer["parameters"]}
    n, plan_id = values["subgoal"]["value"], values["plan"]["value"]
    title = values["subgoal"].get("description") or ""
    ask = pick(
        lang,
        f"Wie doet wat in subdoel {n} ({title}) van het {values['plan']['label']}? Noem per partij haar rol "
        f"(trekker, betrokken, …) en de activiteiten waarin ze die heeft. Controleer het met de tool "
        f"{SUBGOAL_QUESTION} (plan={plan_id}, subgoal={n}, lang=nl) en geef bij elk feit de bronvermelding "
        f"uit het antwoord (document en dia). Zeg het erbij als iets door de curatoren is toegevoegd.",
        f"Who does what in subgoal {n} ({title}) of the {values['plan']['label']}? For each party give its role "
        f"(lead, involved, …) and the activities in which it has it. Check it with the tool {SUBGOAL_QUESTION} "
        f"(plan={plan_id}, subgoal={n}, lang=en) and give the citation from the answer (document and slide) "
        f"with every fact. Say so when something was added by the curators.",
    )
    return [ask, _attached(lang) + readable(answer)]


def _what_changed(backend: Backend, arguments: Mapping[str, str], lang: str) -> list[str]:
    plans = backend.data.plans()["plans"]
    editions = [(p["revisionOf"]["id"], p["id"]) for p in plans if (p.get("revisionOf") or {}).get("id")]
    years = {p["id"]: str(p.get("year") or "") for p in plans}
    since = checked_text("jaar", arguments.get("jaar"), required=False) or min(
        (years[old] for old, _ in editions), default="2024"
    )
    pairs = [(old, new) for old, new in editions if years.get(old) == since.strip()]
    if not pairs:
        known = sorted({years[old] for old, _ in editions})
        raise ParameterError("jaar", f"no plan of the year {since[:10]!r} has a later edition", known)
    reader = VersionReader(backend.data)
    reports = [format_diff(compare(reader.read(old, "from"), reader.read(new, "to")), lang) for old, new in pairs]
    titles = {p["id"]: (p.get("titleEn") if lang == "en" else None) or p["title"] for p in plans}
    changes = "; ".join(f"{titles[old]} → {titles[new]}" for old, new in pairs)
    olds = ", ".join(old for old, _ in pairs)
    ask = pick(
        lang,
        f"Wat is er veranderd sinds {since}? ({changes}) Vat samen welke activiteiten nieuw zijn, welke "
        f"vervallen en welke voortgezet (met welk nieuw nummer), en welke partijen erbij kwamen of afvielen. "
        f"Controleer voortzettingen met de tool {CONTINUATION_QUESTION} (plan={olds}) en geef de "
        f"bronvermelding uit het antwoord.",
        f"What has changed since {since}? ({changes}) Summarise which activities are new, which were dropped "
        f"and which continue (under which new number), and which parties joined or left. Check continuations "
        f"with the tool {CONTINUATION_QUESTION} (plan={olds}) and give the citation from its answer.",
    )
    return [ask, *(_attached(lang) + report for report in reports)]


def _abbreviation(backend: Backend, arguments: Mapping[str, str], lang: str) -> list[str]:
    query = _question(backend, ABBREVIATION_QUESTION)
    param = query.parameters[0].name
    given = checked_text("afkorting", arguments.get("afkorting")) or ""
    answer = _answer(backend, query, {param: given}, lang, {param: "afkorting"})
    written = answer["parameters"][0]["value"]
    ask = pick(
        lang,
        f"Wat betekent de afkorting {written}, en in welk document wordt ze uitgeschreven? Controleer het met de "
        f"tool {ABBREVIATION_QUESTION} ({param}={written}) en zeg het als de uitschrijving van de curatoren komt "
        f"in plaats van uit een bron.",
        f"What does the abbreviation {written} stand for, and which document spells it out? Check it with the "
        f"tool {ABBREVIATION_QUESTION} ({param}={written}) and say so when the expansion comes from the curators "
        f"rather than a source.",
    )
    return [ask, _attached(lang) + readable(answer)]


def _attached(lang: str) -> str:
    return pick(lang, "Het antwoord van de kennisgraaf:\n\n", "The knowledge graph's answer:\n\n")


def _question(backend: Backend, name: str) -> NamedQuery:
    query = backend.questions.catalog.get(name)
    if query is None:  # a prompt's question was removed from queries/
        raise CatalogError(f"queries/{name}.rq: the MCP prompts need this question")
    return query


def _answer(
    backend: Backend, query: NamedQuery, values: dict[str, str], lang: str, names: Mapping[str, str]
) -> dict[str, object]:
    """The question's answer; its parameter errors name the prompt's argument (subdoel for subgoal)."""
    try:
        return backend.questions.answer(query, values, lang)
    except ParameterError as exc:
        renamed = names.get(exc.name, exc.name)
        message = str(exc).replace(f"parameter {exc.name!r}", f"parameter {renamed!r}", 1)
        raise ToolError(message, {"parameter": renamed, "suggestions": exc.suggestions}) from None


PROMPTS = {
    spec.prompt.name: spec
    for spec in (
        PromptSpec(
            types.Prompt(
                name="wie-doet-wat-in-subdoel",
                title="Wie doet wat in subdoel N",
                description="Who does what in subgoal N of a plan: the parties, their roles and activities, cited",
                arguments=[
                    types.PromptArgument(name="subdoel", description="subgoal number, e.g. 5", required=True),
                    types.PromptArgument(name="plan", description="plan id (default: the question's example)"),
                    LANG_ARGUMENT,
                ],
            ),
            _who_does_what,
        ),
        PromptSpec(
            types.Prompt(
                name="wat-is-er-veranderd-sinds",
                title="Wat is er veranderd sinds 2024",
                description="What changed between a plan of that year and its next edition (the diff report)",
                arguments=[
                    types.PromptArgument(name="jaar", description="the year of the earlier plan (default: 2024)"),
                    LANG_ARGUMENT,
                ],
            ),
            _what_changed,
        ),
        PromptSpec(
            types.Prompt(
                name="wat-betekent-afkorting",
                title="Wat betekent afkorting X",
                description="What an abbreviation stands for and which document defines it",
                arguments=[
                    types.PromptArgument(name="afkorting", description="the abbreviation, e.g. CieOOM", required=True),
                    LANG_ARGUMENT,
                ],
            ),
            _abbreviation,
        ),
    )
}


def get(backend: Backend, name: str, arguments: Mapping[str, str] | None) -> types.GetPromptResult:
    """The prompt's messages; MCPError (invalid params) with the REST API's words for a bad argument."""
    spec = PROMPTS.get(name)
    given = dict(arguments or {})
    try:
        if spec is None:
            raise ToolError(f"unknown prompt {name[:50]!r}", {"known": sorted(PROMPTS)})
        known = {a.name for a in spec.prompt.arguments or []}
        extra = sorted(set(given) - known)
        if extra:
            raise ToolError.of(
                ParameterError(extra[0][:50], f"not an argument of {name} (it takes: {', '.join(sorted(known))})")
            )
        lang = checked_lang(given.get("lang"))
        texts = spec.build(backend, given, lang)
    except (ParameterError, NotFound) as exc:
        error = ToolError.of(exc)
        raise MCPError(INVALID_PARAMS, error.text(), error.body()) from None
    except ToolError as exc:
        raise MCPError(INVALID_PARAMS, exc.text(), exc.body()) from None
    messages = [types.PromptMessage(role="user", content=types.TextContent(text=text)) for text in texts]
    return types.GetPromptResult(description=spec.prompt.description, messages=messages)
