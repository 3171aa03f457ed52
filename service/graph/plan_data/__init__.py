"""The answers of the REST API as plain dicts, read from the graph through the Store interface.

Each question is one SPARQL file in ``queries/api/`` whose parameters are bound by the store
as RDF terms. Every entity in an answer is ``{"iri", "url", "label", …}``, where ``url`` is the
root-relative path on this service at which the IRI dereferences. Unknown plans, activities,
parties, … raise :class:`NotFound`; malformed parameters raise :class:`BadParameter`.

:class:`PlanData` is one object over one store; each subject is its own module: plans (and the
parties of a subgoal), activities, parties, abbreviations, the timeline, search, cancer types.
"""

from __future__ import annotations

from nkc_kg.service.graph.plan_data.abbreviations import Abbreviations
from nkc_kg.service.graph.plan_data.activities import Activities
from nkc_kg.service.graph.plan_data.base import BadParameter, JsonDict, NotFound, parse_date
from nkc_kg.service.graph.plan_data.cancer_types import CancerTypes
from nkc_kg.service.graph.plan_data.parties import Parties
from nkc_kg.service.graph.plan_data.search import Search
from nkc_kg.service.graph.plan_data.timeline import Timeline

__all__ = ["BadParameter", "JsonDict", "NotFound", "PlanData", "parse_date"]


class PlanData(Activities, Parties, Abbreviations, Timeline, Search, CancerTypes):
    """The contract dicts of the REST API (see docs/rest-api.md), computed from the graph."""
