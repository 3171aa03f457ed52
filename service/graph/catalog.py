"""Named queries: one .rq file per question, with a ``#+`` YAML header.

The header names the parameters and their types; the body stays pasteable
SPARQL in which each parameter is a variable (``?plan``). Values are bound
by the store as typed RDF terms, never spliced into the text. A bad header
stops start-up with a message naming the file.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal as TypingLiteral

import yaml
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

ParamType = TypingLiteral["plan", "party", "abbreviation", "integer", "date", "string", "quarter", "iri", "year"]
PARAM_TYPES: tuple[str, ...] = (
    "plan",
    "party",
    "abbreviation",
    "integer",
    "date",
    "string",
    "quarter",
    "iri",
    "year",
)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Where a question's picker takes its options from (read from the graph, see service/questions/values.py).
CHOICES: tuple[str, ...] = ("plans", "subgoals", "parties", "years", "quarters", "abbreviations")
DEFAULT_CHOICES = {"plan": "plans", "party": "parties", "year": "years", "quarter": "quarters"}
LANGUAGES = ("nl", "en")


class CatalogError(Exception):
    """A named query file is malformed (fails start-up)."""


class ParameterError(ValueError):
    """A client-supplied parameter value is malformed or unknown (a 4xx)."""

    def __init__(self, name: str, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(f"parameter {name!r}: {message}")
        self.name = name
        self.suggestions = suggestions or []


@dataclass(frozen=True)
class Parameter:
    name: str
    type: ParamType
    description: str
    example: str
    description_nl: str | None = None
    # the picker of the question page: its label ({nl, en}) and where its options come from
    label: dict[str, str] = field(default_factory=dict)
    choices: str | None = None


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path
    summary: str
    description: str
    parameters: tuple[Parameter, ...]
    sparql: str
    summary_nl: str | None = None
    returns: tuple[str, ...] = field(default_factory=tuple)
    # two date parameters bounding a period: every year of it is bound to ?periodYear
    period: tuple[str, str] | None = None
    # the question in plain language, {nl, en}, with a {parameter} placeholder for each value
    question: dict[str, str] = field(default_factory=dict)
    # columns holding a boolean expression's value: read as true/false on every store (Virtuoso
    # writes a projected boolean as the integer 1 or 0)
    booleans: tuple[str, ...] = ()

    @property
    def lists(self) -> dict[str, str]:
        """Columns that are GROUP_CONCAT lists, with their separators: their order is built in Python
        (runner.in_list_order), since SPARQL leaves the order of GROUP_CONCAT open and stores differ."""
        body = re.sub(r"#[^\n]*", "", self.sparql)
        return {
            variable: separator
            for separator, variable in re.findall(
                r'GROUP_CONCAT\(.*?separator\s*=\s*"([^"]*)"\s*\)\s*AS\s+\?(\w+)', body, re.IGNORECASE | re.DOTALL
            )
        }

    @property
    def kind(self) -> str:
        body = re.sub(r"#[^\n]*", "", self.sparql)
        match = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", body, re.IGNORECASE)
        return match[1].upper() if match else "SELECT"


def parse_query_file(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    header_lines = [line[2:].removeprefix(" ") for line in text.splitlines() if line.startswith("#+")]
    if not header_lines:
        raise CatalogError(f"{path}:1: no '#+' header (summary, description, params)")
    try:
        header = yaml.safe_load("\n".join(header_lines)) or {}
    except yaml.YAMLError as exc:
        raise CatalogError(f"{path}: header is not valid YAML: {exc}") from None
    if not isinstance(header, dict):
        raise CatalogError(f"{path}: header must be a mapping")
    fields = {"summary", "summary_nl", "description", "params", "returns", "period", "question", "booleans"}
    unknown = set(header) - fields
    if unknown:
        raise CatalogError(f"{path}: unknown header field(s) {sorted(unknown)}")
    for required in ("summary", "description"):
        if not header.get(required):
            raise CatalogError(f"{path}: header lacks {required!r}")
    params = []
    for i, raw in enumerate(header.get("params") or []):
        if not isinstance(raw, dict) or not {"name", "type", "example"} <= set(raw):
            raise CatalogError(f"{path}: params[{i}] needs name, type and example")
        if raw["type"] not in PARAM_TYPES:
            raise CatalogError(f"{path}: params[{i}].type {raw['type']!r} is not one of {PARAM_TYPES}")
        variable = raw["name"] + ("Start" if raw["type"] == "quarter" else "")
        if not re.search(rf"[?$]{re.escape(variable)}\b", text):
            raise CatalogError(f"{path}: parameter {raw['name']!r} is not a variable in the query")
        # Every answer row says which values it answers for (the stores bind them in a VALUES block
        # at the top of the WHERE group, so a projected parameter comes back bound).
        projection = re.search(r"\bSELECT\b(.*?)\bWHERE\b", _without_comments(text), re.IGNORECASE | re.DOTALL)
        if projection and not re.search(rf"[?$]{re.escape(variable)}\b", projection[1]):
            raise CatalogError(f"{path}: parameter ?{variable} must be in the SELECT projection")
        choices = raw.get("choices", DEFAULT_CHOICES.get(raw["type"]))
        if choices is not None and choices not in CHOICES:
            raise CatalogError(f"{path}: params[{i}].choices {choices!r} is not one of {CHOICES}")
        params.append(
            Parameter(
                name=raw["name"],
                type=raw["type"],
                description=str(raw.get("description", "")),
                description_nl=raw.get("description_nl"),
                example=str(raw["example"]),
                label=_texts(path, f"params[{i}].label", raw.get("label")),
                choices=choices,
            )
        )
    period = header.get("period")
    if period is not None:
        dates = {p.name for p in params if p.type == "date"}
        if not (isinstance(period, list) and len(period) == 2 and set(period) <= dates):
            raise CatalogError(f"{path}: period must name its two date parameters, e.g. [from, to]")
        if not re.search(r"[?$]periodYear\b", text):
            raise CatalogError(f"{path}: a query with a period uses ?periodYear (every year of the period)")
    names = [p.name for p in params]
    if any(p.choices == "subgoals" for p in params) and not any(p.type == "plan" for p in params):
        raise CatalogError(f"{path}: choices 'subgoals' needs a parameter of type plan (the subgoals are that plan's)")
    booleans = header.get("booleans") or []
    if not (isinstance(booleans, list) and all(isinstance(b, str) for b in booleans)):
        raise CatalogError(f"{path}: booleans must list the boolean columns, e.g. [crossCutting]")
    for column in booleans:
        if not re.search(rf"[?$]{re.escape(column)}\b", text):
            raise CatalogError(f"{path}: booleans names {column!r}, which is not a variable in the query")
    question = _texts(path, "question", header.get("question"))
    for lang, template in question.items():
        try:
            placeholders = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
        except ValueError as exc:
            raise CatalogError(f"{path}: question.{lang} is not a valid template: {exc}") from None
        unknown_names = sorted(set(placeholders) - set(names))
        if unknown_names:
            raise CatalogError(f"{path}: question.{lang} names {unknown_names}, which are not parameters {names}")
    return NamedQuery(
        name=path.stem,
        path=path,
        summary=str(header["summary"]),
        summary_nl=header.get("summary_nl"),
        description=str(header["description"]).strip(),
        parameters=tuple(params),
        sparql=text,
        returns=tuple(header.get("returns") or ()),
        period=(str(period[0]), str(period[1])) if period else None,
        question=question,
        booleans=tuple(booleans),
    )


def _texts(path: Path, where: str, value: object) -> dict[str, str]:
    """An optional {nl, en} pair of texts: both languages or nothing."""
    if value is None:
        return {}
    if (
        not isinstance(value, dict)
        or set(value) != set(LANGUAGES)
        or not all(isinstance(value[lang], str) and value[lang].strip() for lang in LANGUAGES)
    ):
        raise CatalogError(f"{path}: {where} must be a mapping with a Dutch and an English text (nl: …, en: …)")
    return {lang: value[lang].strip() for lang in LANGUAGES}


def _without_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def load_catalog(directory: Path) -> dict[str, NamedQuery]:
    catalog = {}
    for path in sorted(directory.glob("*.rq")):
        query = parse_query_file(path)
        catalog[query.name] = query
    if not catalog:
        raise CatalogError(f"no named queries in {directory}")
    return catalog


def year_literal(year: int) -> Literal:
    """A calendar year as the graph writes it (plan years and nkc:overlapsYear are xsd:gYear)."""
    return Literal(f"{year:04d}", datatype=XSD.gYear)


def literal_for(param: Parameter, value: str) -> Literal | URIRef:
    """Typed term for the non-entity parameter types; entity types are resolved by the caller."""
    try:
        if param.type == "integer":
            if not re.fullmatch(r"-?\d{1,9}", value.strip()):
                raise ValueError("expected a whole number")
            return Literal(int(value), datatype=XSD.integer)
        if param.type == "year":
            if not re.fullmatch(r"\d{4}", value.strip()):
                raise ValueError("expected a year like 2025")
            return year_literal(int(value))
        if param.type == "date":
            return Literal(date.fromisoformat(value.strip()).isoformat(), datatype=XSD.date)
        if param.type == "string":
            if len(value) > 200:
                raise ValueError("longer than 200 characters")
            return Literal(value)
        if param.type == "iri":
            if not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", value):
                raise ValueError("expected an absolute http(s) IRI")
            return URIRef(value)
    except ValueError as exc:
        raise ParameterError(param.name, str(exc)) from None
    raise ParameterError(param.name, f"type {param.type} needs resolving against the graph")
