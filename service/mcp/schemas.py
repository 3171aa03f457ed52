"""JSON Schemas of the tools: input schemas read from the question catalogue, output schemas of the answers.

A question's input schema is derived from its ``#+`` header: one property per parameter, typed by the
parameter's type, its picker's options as ``enum`` (plans, subgoals, parties, years, quarters,
abbreviations, read from the graph), its example in ``examples``, plus ``lang``. The server reads
values as people type them (a party's name as well as its abbreviation, "subdoel 5", "4e kwartaal
2025"), so the enums say what is canonical, not all that is accepted.

The output schemas describe what the answers hold; the SDK's client validates every result against
them, so they are kept exact where the shape is fixed and open where a question shapes its own table.
"""

from __future__ import annotations

from typing import Any

from nkc_kg.service.graph.catalog import NamedQuery, Parameter
from nkc_kg.service.mcp.backend import LANGUAGES, MAX_ARGUMENT_LENGTH, JsonDict
from nkc_kg.service.questions.catalogue import Questions

INTEGER_TYPES = ("integer", "year")  # parameter types given as JSON numbers (a numeric string is read too)

LANG = {
    "type": "string",
    "enum": list(LANGUAGES),
    "default": "nl",
    "description": "language of the answer's question, sentence and headings: nl (Dutch, default) or en (English)",
}
TEXT_OR_NULL = {"type": ["string", "null"]}
BOTH_LANGUAGES = {"type": "object", "properties": {"nl": {"type": "string"}, "en": {"type": "string"}}}
# an entity of the graph: its IRI, the page where it dereferences (url), its label
ENTITY = {
    "type": "object",
    "properties": {"iri": {"type": "string"}, "url": TEXT_OR_NULL, "label": {"type": "string"}},
    "required": ["iri", "label"],
}
CITED = {
    "sources": {
        "type": "array",
        "description": "per source document: the citation for a memo (nl, en) and the places (slides, sections)",
        "items": {
            "type": "object",
            "properties": {"document": ENTITY, "citation": BOTH_LANGUAGES, "locations": {"type": "array"}},
            "required": ["document", "citation"],
        },
    },
    "curated": {
        "type": "array",
        "description": "facts the curators added that no source states: never cite them as the plan's",
        "items": {"type": "object", "properties": {"iri": {"type": "string"}, "explanation": BOTH_LANGUAGES}},
    },
}

QUESTION_OUTPUT: JsonDict = {
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "lang": {"type": "string", "enum": list(LANGUAGES)},
        "question": {"type": "string", "description": "the question with its values filled in"},
        "parameters": {"type": "array", "description": "each value: as given, as resolved, its IRI and page"},
        "sentence": {"type": "string", "description": "the answer in one or a few sentences"},
        "columns": {"type": "array", "description": "the table's columns: key and heading"},
        "rows": {
            "type": "array",
            "description": "the table, keyed by the columns' keys; an entity is {iri, url, label}",
            "items": {"type": "object"},
        },
        "sparql": {"type": "string", "description": "the query as it ran, its values in a VALUES block"},
        **CITED,
        "links": {"type": "object", "description": "the question's page, this answer in the REST API"},
    },
    "required": ["id", "lang", "question", "parameters", "sentence", "columns", "rows", "sources", "curated"],
}


def question_input(questions: Questions, query: NamedQuery) -> JsonDict:
    """The input schema of a question's tool: its parameters with their options, and ``lang``."""
    options = {p["name"]: p for p in questions.options(query, {})}
    properties: JsonDict = {}
    for param in query.parameters:
        properties[param.name] = parameter_schema(questions, query, param, options[param.name]["options"])
    properties["lang"] = LANG
    return {
        "type": "object",
        "properties": properties,
        "required": [p.name for p in query.parameters],
        "additionalProperties": False,
    }


def parameter_schema(
    questions: Questions, query: NamedQuery, param: Parameter, options: list[dict[str, Any]]
) -> JsonDict:
    number = param.type in INTEGER_TYPES
    label = param.label.get("en") or param.name
    dutch = param.label.get("nl")
    described = " / ".join(dict.fromkeys(d for d in (param.description, param.description_nl) if d)) or label
    schema: JsonDict = {
        "type": "integer" if number else "string",
        "title": f"{label} / {dutch}" if dutch and dutch != label else label,
        "examples": [int(param.example) if number and param.example.isdigit() else param.example],
    }
    if param.type == "date":
        schema["format"] = "date"
    if not number:
        schema["maxLength"] = MAX_ARGUMENT_LENGTH
    if param.choices == "subgoals":
        # the subgoals are the chosen plan's: the enum is every number some plan has, the description says whose
        per_plan = {pid: questions.subgoals(pid) for pid in questions.plans()}
        numbers = sorted({n for subgoals in per_plan.values() for n in subgoals})
        listed = "; ".join(
            f"{pid}: " + ", ".join(f"{n} ({title})" if title else str(n) for n, title in sorted(subgoals.items()))
            for pid, subgoals in sorted(per_plan.items())
            if subgoals
        )
        schema["enum"] = numbers
        described = f"{described} of the plan given ({listed})"
    elif options:
        values = [o["value"] for o in options]
        schema["enum"] = [int(v) for v in values] if number else values
        if param.choices == "plans":
            described += " (" + "; ".join(f"{o['value']}: {o['label']['en']}" for o in options) + ")"
    schema["description"] = described
    return schema


SEARCH_INPUT: JsonDict = {
    "type": "object",
    "properties": {
        "q": {
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_ARGUMENT_LENGTH,
            "description": "words to look for, Dutch or English (accent- and case-insensitive; "
            "every word must begin a word of the entity: 'patient' finds 'patiëntenplatform')",
            "examples": ["patientenplatform"],
        },
        "lang": LANG,
    },
    "required": ["q"],
    "additionalProperties": False,
}
SEARCH_OUTPUT: JsonDict = {
    "type": "object",
    "properties": {
        "query": {"type": "string"},
        "total": {"type": "integer", "description": "how many entities match (the best 50 are listed)"},
        "results": {
            "type": "array",
            "items": {
                **ENTITY,
                "properties": {
                    **ENTITY["properties"],
                    "type": {"type": "string", "description": "its class, e.g. Organisation, PrioritisedActivity"},
                    "typeLabel": {"type": "string", "description": "the class as people call it, in the language"},
                    "plan": {**TEXT_OR_NULL, "description": "the id of the plan it belongs to, if any"},
                    "match": {"type": "string", "description": "the field that matched"},
                    "exact": {"type": "boolean", "description": "the words are its label or abbreviation"},
                },
            },
        },
    },
    "required": ["query", "total", "results"],
}

DESCRIBE_INPUT: JsonDict = {
    "type": "object",
    "properties": {
        "entity": {
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_ARGUMENT_LENGTH,
            "description": "the entity's IRI (https://w3id.org/nkc-kg/party/iknl), its path on the service "
            "(/plan/zeldzame-kankers-2025/subgoal/5), or its name or abbreviation (IKNL)",
            "examples": ["https://w3id.org/nkc-kg/plan/zeldzame-kankers-2025/subgoal/5", "IKNL"],
        },
        "lang": LANG,
    },
    "required": ["entity"],
    "additionalProperties": False,
}
DESCRIBE_OUTPUT: JsonDict = {
    "type": "object",
    "properties": {
        "iri": {"type": "string"},
        "url": TEXT_OR_NULL,
        "kind": {
            "type": "string",
            "enum": ["plan", "subgoal", "activity", "party", "entity"],
            "description": "which page describes it; 'entity' is the page of its statements",
        },
        "title": {"type": "string"},
        "text": {"type": "string", "description": "what its page says, as text in the language asked"},
        "entity": {
            "type": "object",
            "description": "the entity as the REST API gives it (plan, subgoal parties, activity, party), "
            "or its statements {rows, incoming}",
        },
        **CITED,
    },
    "required": ["iri", "kind", "title", "text", "entity", "sources", "curated"],
}

SPARQL_INPUT: JsonDict = {
    "type": "object",
    "properties": {
        "query": {
            "type": "string",
            "minLength": 1,
            "description": "a read-only SPARQL 1.1 query (SELECT, ASK, CONSTRUCT or DESCRIBE) over the union of "
            "the named graphs; updates, SERVICE and LOAD are refused",
            "examples": [
                "PREFIX nkc: <https://w3id.org/nkc-kg/def#>\n"
                "SELECT ?plan ?id WHERE { ?plan a nkc:ActionPlan ; <http://purl.org/dc/terms/identifier> ?id }"
            ],
        },
    },
    "required": ["query"],
    "additionalProperties": False,
}
SPARQL_OUTPUT: JsonDict = {
    "type": "object",
    "properties": {
        "kind": {"type": "string", "enum": ["select", "ask", "graph"]},
        "variables": {"type": "array", "items": {"type": "string"}},
        "rows": {
            "type": "array",
            "description": "SELECT: per solution the bound variables as SPARQL JSON terms {type, value, …}",
            "items": {"type": "object", "additionalProperties": {"type": "object"}},
        },
        "boolean": {"type": "boolean", "description": "ASK: the answer"},
        "graph": {"type": "string", "description": "CONSTRUCT/DESCRIBE: the triples as Turtle"},
    },
    "required": ["kind"],
}
