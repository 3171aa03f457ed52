"""Parties, initiatives and plan teams."""

from __future__ import annotations

from nkc_kg.loaders.build.core import BuilderCore
from nkc_kg.loaders.build.terms import PARTY_CLASS, TEAM_ROLE_LABELS
from nkc_kg.loaders.curated import records as r
from nkc_kg.loaders.curated.yamlio import PathKey
from nkc_kg.loaders.iris import DCTERMS, FOAF, ORG, RDFS, SKOS, slugify
from rdflib import Literal, URIRef


class PartyRecords(BuilderCore):
    """Writes parties (in the graph of the document that names them), initiatives and teams."""

    def party(self, party: r.Party, key: PathKey) -> None:
        doc = (party.source.document if party.source else None) or self.document
        previous = self.graph
        self.use_graph(doc)
        iri = self.entity(self.iris.party(party.id), PARTY_CLASS[party.type], key, party.source, party.issues)
        for j, src in enumerate(party.sources):
            self.provenance(iri, src, (*key, "sources", j))
        self.add_text(iri, SKOS.prefLabel, party.label)
        self.add_text(iri, RDFS.label, party.label)
        self.add_text(iri, SKOS.prefLabel, party.label_en, "en")
        self.add_text(iri, RDFS.label, party.label_en, "en")
        for alt in party.alt_labels:
            self.add_text(iri, SKOS.altLabel, alt)
        if party.abbreviation:
            self.add(iri, self.nkc.abbreviation, Literal(party.abbreviation))
            self.add(iri, SKOS.altLabel, Literal(party.abbreviation))
        for field_name, prop in (
            ("part_of", ORG.subOrganizationOf),
            ("member_of", ORG.memberOf),
            ("affiliations", self.nkc.affiliation),
        ):
            for j, other in enumerate(getattr(party, field_name)):
                target = self.party_iri(other, (*key, field_name, j))
                self.add(iri, prop, target)
                if target is not None and field_name == "part_of":
                    self.add(target, ORG.hasSubOrganization, iri)
        if party.homepage:
            self.add(iri, FOAF.homepage, URIRef(party.homepage))
        self.add_text(iri, DCTERMS.description, party.description)
        self.add_text(iri, self.nkc.note, party.note)
        if party.status == "curated":
            self.add(iri, self.nkc.addedByCurators, Literal(True))
        self.graph = previous

    def initiative(self, ini: r.Initiative, key: PathKey) -> None:
        iri = self.entity(self.iris.initiative(ini.id), "Initiative", key, ini.source)
        self.add_text(iri, RDFS.label, ini.label)
        self.add_text(iri, SKOS.prefLabel, ini.label)
        self.add_text(iri, RDFS.label, ini.label_en, "en")
        if ini.abbreviation:
            self.add(iri, self.nkc.abbreviation, Literal(ini.abbreviation))
            self.add(iri, SKOS.altLabel, Literal(ini.abbreviation))
        self.add_text(iri, DCTERMS.description, ini.description)
        self.add_text(iri, DCTERMS.description, ini.description_en, "en")
        if ini.homepage:
            self.add(iri, FOAF.homepage, URIRef(ini.homepage))
        if ini.status == "curated":
            self.add(iri, self.nkc.addedByCurators, Literal(True))
        self.roles(iri, ini.parties, "project-owner", (*key, "parties"))

    def team(self, plan_id: str, team: r.Team, key: PathKey) -> None:
        iri = self.entity(self.iris.team(team.id), "Team", key, team.source)
        self.add(self.iris.plan(plan_id), self.nkc.hasTeam, iri)
        self.add_text(iri, RDFS.label, team.label)
        self.add_text(iri, SKOS.prefLabel, team.label)
        self.add_text(iri, RDFS.label, team.label_en, "en")
        self.add_text(iri, self.nkc.note, team.contributors_text)
        for j, m in enumerate(team.members):
            mkey = (*key, "members", j)
            person = self.party_iri(m.person, (*mkey, "person"))
            if person is None:
                continue
            ms = self.entity(self.iris.membership(team.id, m.person), ORG.Membership, mkey, team.source)
            self.add(ms, ORG.member, person)
            self.add(ms, ORG.organization, iri)
            self.add(person, ORG.memberOf, iri)
            self.add(person, ORG.hasMembership, ms)
            self.add(ms, self.nkc.former, Literal(m.former))
            self.add_text(ms, self.nkc.affiliationText, m.affiliation_text)
            label = self.parties[m.person][0].label
            self.add_text(ms, RDFS.label, f"{label} in {team.label}" + (" (voormalig)" if m.former else ""))
            if m.role:
                labels = TEAM_ROLE_LABELS.get(m.role.lower(), (m.role, None))
                self.add(ms, ORG.role, self.concept("team-role", slugify(m.role), labels, "PartyRole"))
            for k, aff in enumerate(m.affiliations):
                self.add(person, self.nkc.affiliation, self.party_iri(aff, (*mkey, "affiliations", k)))
        self.roles(iri, team.contributors, "partner", (*key, "contributors"))
