"""What an abbreviation stands for, per source."""

from __future__ import annotations

from typing import Any

from nkc_kg.service.graph.rows import flag, text
from nkc_kg.service.i18n.wording import join_words
from nkc_kg.service.questions.answers.shaping import STATUS, Context, Shaped, quoted

# -- what an abbreviation stands for --------------------------------------------------------------


def abbreviation(ctx: Context) -> Shaped:
    written = ctx.labels["abbr"]
    senses: dict[tuple[str, str], dict[str, Any]] = {}
    document_prefix = str(ctx.iris.document(""))
    for row in ctx.rows:
        spelled, document = text(row, "abbreviation") or written, text(row, "document")
        # one concept per abbreviation list: a document's, or the curators' (see loaders/iris.py)
        scheme = document[len(document_prefix) :] if document and document.startswith(document_prefix) else "curated"
        concept = str(ctx.iris.abbreviation(scheme, spelled))
        sense = senses.setdefault(
            (spelled, concept),
            {"abbreviation": spelled, "expansion": text(row, "expansion"), "document": document,
             "bySource": flag(row, "definedBySource"), "status": text(row, "status"), "denotes": []},
        )  # fmt: skip
        if row.get("denotes") is not None and str(row["denotes"]) not in sense["denotes"]:
            sense["denotes"].append(str(row["denotes"]))
    rows, cited, mentioned = [], [], []
    # one phrase per expansion: where the sources give it, or that only the curators do
    places: dict[str, list[str]] = {}
    statuses: dict[str, str | None] = {}
    for (_, concept), sense in senses.items():
        mentioned.extend([concept, *sense["denotes"]])
        located = ctx.locations(concept)
        if located:
            cited.append(concept)
        where = places.setdefault(sense["expansion"] or "", [])
        where.extend(loc for loc in located if loc not in where)
        if not sense["bySource"]:
            statuses.setdefault(sense["expansion"] or "", sense["status"])
    phrases = []
    for expansion, where in places.items():
        if where:
            phrases.append(f"{quoted(expansion)} ({'; '.join(where)})")
            continue
        status = STATUS.get(statuses.get(expansion) or "", {}).get(ctx.lang)
        phrases.append(
            quoted(expansion)
            + ctx.t(
                f" (toegevoegd door de curatoren{', ' + status if status else ''}; geen bron schrijft het uit)",
                f" (added by the curators{', ' + status if status else ''}; no source spells it out)",
            )
        )
    for (_, concept), sense in senses.items():
        rows.append(
            {
                "abbreviation": sense["abbreviation"],
                "expansion": ctx.entity(concept, sense["expansion"]),
                "definedIn": None if sense["document"] is None else ctx.entity(sense["document"], None),
                "definedBySource": sense["bySource"],
                "status": STATUS.get(sense["status"] or "", {}).get(ctx.lang),
                "denotes": [ctx.entity(iri, ctx.party_name(iri)) for iri in sense["denotes"]],
            }
        )
    if not phrases:
        sentence = ctx.t(f"{written} staat in geen enkele bron.", f"{written} is not in any source.")
    else:
        sentence = ctx.t(
            f"{written} staat voor {join_words(phrases, 'nl')}.", f"{written} stands for {join_words(phrases, 'en')}."
        )
        expansions = {s["expansion"] for s in senses.values()}
        # the party it names, where its name is not the expansion ('KWF' -> KWF Kankerbestrijding)
        denoted = dict.fromkeys(iri for s in senses.values() for iri in s["denotes"])
        named = [label for label in (ctx.entity(iri, None)["label"] for iri in denoted) if label not in expansions]
        if named:
            names = join_words(named, ctx.lang)
            sentence += " " + ctx.t(f"Het verwijst naar {names}.", f"It refers to {names}.")
    columns = [
        ("abbreviation", ctx.t("Afkorting", "Abbreviation")),
        ("expansion", ctx.t("Uitschrijving", "Expansion")),
        ("definedIn", ctx.t("Gedefinieerd in", "Defined in")),
        ("definedBySource", ctx.t("In een bron", "In a source")),
        ("status", ctx.t("Status (curatoren)", "Status (curators)")),
        ("denotes", ctx.t("Verwijst naar", "Refers to")),
    ]
    return Shaped(sentence, columns, rows, cited, mentioned)
