"""Rare cancer types and EURACAN domains."""

from __future__ import annotations

import re

from nkc_kg.loaders.names import fold
from nkc_kg.service.graph.plan_data.base import JsonDict, PlanGraph
from nkc_kg.service.graph.rows import boolean, integer, text


class CancerTypes(PlanGraph):
    """The rare cancer types and the EURACAN domains they belong to."""

    def cancer_types(self) -> JsonDict:
        types: dict[str, JsonDict] = {}
        for row in self._select("cancer-types"):
            domain = row.get("domain")
            entry = types.setdefault(
                str(row["type"]),
                self.entity(
                    row["type"],
                    text(row, "label") or text(row, "labelEn"),
                    labelEn=text(row, "labelEn"),
                    altLabels=[],
                    domain=None
                    if domain is None
                    else self.entity(domain, text(row, "domainLabel"), notation=text(row, "domainNotation")),
                    domainStatus=text(row, "domainStatus"),
                    orphaCode=integer(row, "orphaCode"),
                    orphanet=text(row, "orphanet"),
                    orphanetStatus=text(row, "orphanetStatus"),
                    icd10=text(row, "icd10"),
                ),
            )
            alt = text(row, "altLabel")
            if alt is not None and alt not in entry["altLabels"]:
                entry["altLabels"].append(alt)
        return {"cancerTypes": sorted(types.values(), key=lambda t: fold(t["label"]))}

    def euracan_domains(self) -> JsonDict:
        domains: dict[str, JsonDict] = {}
        for row in self._select("euracan-domains"):
            entry = domains.setdefault(
                str(row["domain"]),
                self.entity(
                    row["domain"],
                    text(row, "label") or text(row, "labelEn"),
                    notation=text(row, "notation"),
                    name=text(row, "prefLabel"),
                    labelEn=text(row, "labelEn"),
                    status=text(row, "status"),
                    addedByCurators=bool(boolean(row, "addedByCurators")),
                    families=[],
                    cancerTypes=[],
                ),
            )
            family = text(row, "family")
            if family is not None and family not in entry["families"]:
                entry["families"].append(family)
        for cancer in self.cancer_types()["cancerTypes"]:
            if cancer["domain"] is not None and cancer["domain"]["iri"] in domains:
                domains[cancer["domain"]["iri"]]["cancerTypes"].append(self.entity(cancer["iri"], cancer["label"]))
        return {"domains": sorted(domains.values(), key=lambda d: _notation_key(d["notation"]))}


def _notation_key(notation: str | None) -> tuple[int, str]:
    match = re.fullmatch(r"G(\d+)", notation or "")
    return (int(match[1]), "") if match else (10**6, notation or "")
