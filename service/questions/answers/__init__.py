"""The answer of each question in plain language: a sentence, a table and the entities it rests on.

One function per named query (keyed by the query's name in :data:`ANSWERS`) turns the query's rows
into a :class:`Shaped` answer in Dutch or English: a sentence with the counts and key facts, the
table's columns and rows (entities as ``{iri, url, label}``), and the IRIs whose source locations
support the answer (for the citations). The functions only read rows and the lookups in
:class:`Context`; they never query the graph themselves. They live by subject: parties, plans,
abbreviations, cancer types; what they share is in :mod:`.shaping`.
"""

from __future__ import annotations

from collections.abc import Callable

from nkc_kg.service.questions.answers.abbreviations import abbreviation
from nkc_kg.service.questions.answers.cancer_types import cancer_types_by_domain
from nkc_kg.service.questions.answers.parties import (
    parties_in_subgoal,
    party_activities,
    party_leads,
    sub_organisations,
    team_members,
)
from nkc_kg.service.questions.answers.plans import (
    activity_continuation,
    plan_activities,
    steps_in_quarter,
    steps_in_window,
)
from nkc_kg.service.questions.answers.progress import progress_by_subgoal, progress_overdue, progress_party
from nkc_kg.service.questions.answers.shaping import Context, Shaped

__all__ = ["ANSWERS", "Context", "Shaped"]

ANSWERS: dict[str, Callable[[Context], Shaped]] = {
    "parties-in-subgoal": parties_in_subgoal,
    "party-leads": party_leads,
    "steps-in-quarter": steps_in_quarter,
    "steps-in-window": steps_in_window,
    "abbreviation": abbreviation,
    "activity-continuation": activity_continuation,
    "cancer-types-by-domain": cancer_types_by_domain,
    "party-activities": party_activities,
    "plan-activities": plan_activities,
    "sub-organisations": sub_organisations,
    "team-members": team_members,
    "progress-overdue": progress_overdue,
    "progress-by-subgoal": progress_by_subgoal,
    "progress-party": progress_party,
}
