"""The team slide: "Wie werken er mee?" with one member a line.

A member line is a name and the organisations the person works for, separated by several spaces
("Eelke Gort    DRCP / UMC Utrecht") or by one ("Berthe Aleman AVL*"); then the split is where
the name is a known person, or else where the rest is a list of known organisations. A heading
"Begeleiding door:" gives the members under it that role; "* voormalig" says what a star means.
"""

from __future__ import annotations

import re

from nkc_kg.loaders.curated import records as r
from nkc_kg.loaders.draft.items import join_lines, split_items
from nkc_kg.loaders.draft.pages import Line, Page
from nkc_kg.loaders.draft.parties import NameIndex, resolve_names
from nkc_kg.loaders.draft.report import Finding, finding
from nkc_kg.loaders.names import fold, words

WIDE_GAP = re.compile(r"\s{2,}")
BULLET = re.compile(r"^[-•▪*]\s+")
ROLE_HEADING = re.compile(r"^(?P<role>[A-Za-zÀ-ÿ ]+?) door:$")
FRAME = re.compile(r"^[^a-z]*[A-Z][^a-z]*$")  # the slide's upper-case title
SECTION_MARK = re.compile(r"^0\d\.$")
YEAR_SUFFIX = re.compile(r"-\d{4}$")
WHERE = "team"


def is_team(page: Page) -> bool:
    texts = page.texts()
    return bool(texts) and fold(texts[0]) == "wie werken er mee?"


def slug(text: str) -> str:
    return "-".join(words(text))


class TeamDrafter:
    def __init__(self, page: Page, index: NameIndex, plan_id: str):
        self.page = page
        self.index = index
        self.plan_id = plan_id
        self.findings: list[Finding] = []
        self.new_people: list[r.Party] = []

    def note(self, code: str, line: int, text: str = "", **kw: object) -> None:
        self.findings.append(finding(code, line, self.page.slide, WHERE, text, **kw))  # type: ignore[arg-type]

    def draft(self) -> r.Team | None:
        lines = [ln for ln in self.page.lines[1:] if not SECTION_MARK.match(ln.stripped)]
        frame = [ln for ln in lines if ln.stripped and FRAME.match(ln.stripped)]
        heading = join_lines([ln.stripped for ln in frame])
        body = [ln for ln in lines if ln not in frame]
        star_means_former = any(fold(ln.stripped) == "* voormalig" for ln in body)
        members: list[r.TeamMember] = []
        contributors_text: str | None = None
        starred: list[int] = []
        for role, lines_of_role in _by_role(body):
            for item in split_items(lines_of_role, numbered=False):
                first = item.lines[0].stripped
                if fold(first) == "* voormalig":
                    continue
                if first.startswith("*"):  # a footnote
                    contributors_text = item.text
                    self.note("contributors", item.line, contributors_text[:60] + "…", severity="check")
                    continue
                former = item.text.endswith("*")
                if former:
                    starred.append(item.line)
                # the gap between name and organisation is only in the line as exported
                gap = WIDE_GAP.search(BULLET.sub("", item.lines[0].text.strip()))
                text = item.text.rstrip("* ").strip()
                if gap and len(item.lines) == 1:
                    name, rest = BULLET.sub("", item.lines[0].text.strip()).split(gap.group(0), 1)
                    text = f"{name}  {rest.rstrip('* ').strip()}"
                members += self.members(text, item.line, former and star_means_former, role)
        if starred and not star_means_former:
            for line in starred:
                self.note("star-unexplained", line)
        if not heading:
            self.note("no-team-heading", self.page.first_line)
            return None
        label = heading.replace("- ", "").replace("-", "").capitalize() if heading.isupper() else heading
        team_id = f"{slug(label)}-{YEAR_SUFFIX.sub('', self.plan_id)}"
        self.note("team-label", self.page.first_line, label, severity="check", heading=heading)
        if not members:
            return None
        return r.Team(
            id=team_id,
            label=label,
            members=members,
            contributors_text=contributors_text,
            source=r.SourceRef(slide=self.page.slide),
        )

    def members(self, text: str, line: int, former: bool, role: str | None) -> list[r.TeamMember]:
        split = self.split(text)
        if split is None:
            self.note("member-not-read", line, text)
            return []
        names_text, affiliation_text = split
        affiliations = resolve_names(affiliation_text, self.index)
        for miss in affiliations.unresolved:
            self.note("no-party", line, miss.written, suggestions=miss.suggestions)
        out = []
        for name in _person_names(names_text):
            person = self.person(name, line, affiliations.ids())
            if person:
                out.append(
                    r.TeamMember(
                        person=person,
                        affiliations=affiliations.ids(),
                        affiliation_text=affiliation_text,
                        former=former,
                        role=role,
                    )
                )
        return out

    def split(self, text: str) -> tuple[str, str] | None:
        """(names, organisations) of a member line."""
        parts = WIDE_GAP.split(text, maxsplit=1)
        if len(parts) == 2:
            return parts[0], parts[1]
        words = text.split()
        for k in range(len(words) - 1, 0, -1):  # the longest leading run that is known people
            names = " ".join(words[:k]).rstrip(",")
            if all(self.index.party(n) in self.index.people for n in _person_names(names)):
                return names, " ".join(words[k:])
        for k in range(2, len(words)):  # else: the longest trailing run that is known organisations
            rest = resolve_names(" ".join(words[k:]), self.index)
            if rest.resolved and not rest.unresolved:
                return " ".join(words[:k]).rstrip(","), " ".join(words[k:])
        return None

    def person(self, name: str, line: int, affiliations: list[str]) -> str | None:
        known = self.index.party(name)
        if known in self.index.people:
            return known
        pid = slug(name)
        if pid in self.index.labels or any(p.id == pid for p in self.new_people):
            self.note("person-id-taken", line, name, id=pid)
            return None
        self.new_people.append(
            r.Party(
                id=pid,
                type="person",
                label=name,
                affiliations=affiliations,
                source=r.SourceRef(slide=self.page.slide),
            )
        )
        self.note("new-person", line, name, severity="check", id=pid)
        return pid


def _by_role(lines: list[Line]) -> list[tuple[str | None, list[Line]]]:
    """The lines under each "<Role> door:" heading (role None before the first)."""
    groups: list[tuple[str | None, list[Line]]] = [(None, [])]
    for line in lines:
        m = ROLE_HEADING.match(line.stripped)
        if m:
            groups.append((fold(m["role"]), []))
        else:
            groups[-1][1].append(line)
    return groups


def _person_names(text: str) -> list[str]:
    """'Tilja van den Berg en Carolien Neefjes' -> both names."""
    return [n.strip() for n in re.split(r"\s+en\s+|\s*,\s*|\s+&\s+", text) if n.strip()]
