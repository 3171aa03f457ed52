"""What every answer function shares: the shaped answer, the context it reads, and phrases."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from nkc_kg.loaders.iris import Iris
from nkc_kg.service.i18n.wording import numbered, pick
from nkc_kg.service.plans.pictures import ROLE_ORDER
from rdflib.term import Node

Row = Mapping[str, Node]
Cell = Any  # str | int | bool | None | entity dict | list of entity dicts
STATUS = {
    "verified": {"nl": "geverifieerd", "en": "verified"},
    "derived": {"nl": "afgeleid", "en": "derived"},
    "not-verified": {"nl": "niet geverifieerd", "en": "not verified"},
}
ACTIVITY = (("activiteit", "activiteiten"), ("activity", "activities"))
STEP = (("stap", "stappen"), ("step", "steps"))


@dataclass
class Shaped:
    sentence: str
    columns: list[tuple[str, str]]  # (key, heading in the answer's language)
    rows: list[dict[str, Cell]]
    cited: list[str] = field(default_factory=list)  # entities whose sources support the answer
    mentioned: list[str] = field(default_factory=list)  # other entities in the answer (curated marks)


@dataclass
class Context:
    """What an answer function may read: the rows, the resolved parameters and lookups in the graph."""

    rows: list[Row]
    values: Mapping[str, str]  # parameter -> normalised value (plan id, subgoal number, party slug, …)
    labels: Mapping[str, str]  # parameter -> its label in the answer's language
    entities: Mapping[str, str]  # parameter -> the IRI it resolved to (plans, parties)
    lang: str
    iris: Iris
    entity: Callable[[str, str | None], dict[str, Any]]  # {iri, url, label}; label None: the graph's
    plan: Callable[[str], dict[str, Any]]  # plan id -> {iri, url, label (in lang), id}
    party_name: Callable[[str], str]  # IRI -> abbreviation or label, the short name for sentences
    parties_in: Callable[[str], list[str]]  # "A, B" as GROUP_CONCAT gives it -> the parties' IRIs
    locations: Callable[[str], list[str]]  # IRI -> labels of its source locations, in lang
    class_label: Callable[[str], str]  # English class label -> label in lang
    domain_label: Callable[[str], str]  # EURACAN notation -> name in lang
    plan_of: Callable[[str], str | None]  # plan IRI -> plan id

    def t(self, nl: str, en: str) -> str:
        return pick(self.lang, nl, en)

    def activity(self, plan_id: str, n: int) -> str:
        return str(self.iris.activity(plan_id, n))

    def step(self, plan_id: str, activity: int, n: int) -> str:
        return str(self.iris.step(plan_id, activity, n))

    def subgoal(self, plan_id: str, n: int) -> str:
        return str(self.iris.in_plan(plan_id, "subgoal", n))

    def plan_title(self, plan_id: str) -> str:
        return str(self.plan(plan_id)["label"])

    def plan_id(self, value: Node | None) -> str:
        """Plan columns hold the id (a literal) or the plan's IRI."""
        text = str(value or "")
        return self.plan_of(text) or text


def by_strength(roles: Iterable[str]) -> list[str]:
    """Lead first, as on the pages (pictures.ROLE_ORDER); roles it does not know last."""
    order = {role: i for i, role in enumerate(ROLE_ORDER)}
    return sorted(set(roles), key=lambda r: (order.get(r, len(order)), r))


def quoted(value: str) -> str:
    return f"‘{value}’"


def activities_phrase(ctx: Context, numbers: Iterable[int]) -> str:
    return numbered(numbers, ctx.lang, *ACTIVITY)


def the_activities(ctx: Context, numbers: Iterable[int]) -> str:
    """'activiteit 12', 'de activiteiten 12 en 13' (Dutch takes the article in the plural)."""
    phrase = activities_phrase(ctx, numbers)
    return f"de {phrase}" if ctx.lang == "nl" and phrase.startswith("activiteiten") else phrase


def steps_phrase(ctx: Context, numbers: Iterable[int]) -> str:
    return numbered(numbers, ctx.lang, *STEP)
