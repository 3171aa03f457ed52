"""Rare cancer types per EURACAN domain."""

from __future__ import annotations

from collections import Counter, defaultdict

from nkc_kg.service.graph.rows import text
from nkc_kg.service.i18n.wording import join_words
from nkc_kg.service.questions.answers.shaping import STATUS, Context, Row, Shaped

# -- rare cancer types per EURACAN domain ---------------------------------------------------------


def cancer_types_by_domain(ctx: Context) -> Shaped:
    domains: dict[str, list[Row]] = defaultdict(list)
    for row in ctx.rows:
        domains[text(row, "domain") or ""].append(row)
    with_types = {d: [r for r in rs if r.get("cancerType") is not None] for d, rs in domains.items()}
    filled = [d for d, rs in with_types.items() if rs]
    statuses = Counter(text(r, "mappingStatus") for rs in with_types.values() for r in rs)
    notations = sorted(domains, key=lambda d: int(d[1:]) if d[1:].isdigit() else 0)
    span = f"{notations[0]}–{notations[-1]}" if notations else ""
    listed = [f"{d} ({join_words([text(r, 'label') or '' for r in with_types[d]], ctx.lang)})" for d in filled]
    sentence = ctx.t(
        f"Van de {len(domains)} EURACAN-domeinen ({span}) {'heeft' if len(filled) == 1 else 'hebben'} er "
        f"{len(filled)} een zeldzame kankersoort uit de bronnen: {join_words(listed, 'nl')}.",
        f"Of the {len(domains)} EURACAN domains ({span}), {len(filled)} "
        f"{'has' if len(filled) == 1 else 'have'} a rare cancer type from the sources: {join_words(listed, 'en')}.",
    )
    known = [(s, n) for s, n in statuses.items() if s in STATUS]
    if known:
        parts = [f"{STATUS[s][ctx.lang]} {ctx.t('voor', 'for')} {n}" for s, n in sorted(known)]
        sentence += " " + ctx.t(
            f"De koppeling aan het domein is {join_words(parts, 'nl')}.",
            f"The domain mapping is {join_words(parts, 'en')}.",
        )
    rows, cited = [], []
    for notation in notations:
        for row in domains[notation]:
            domain = ctx.entity(str(ctx.iris.euracan_domain(notation)), f"{notation} {ctx.domain_label(notation)}")
            cancer = None if row.get("cancerType") is None else ctx.entity(str(row["cancerType"]), text(row, "label"))
            if cancer:
                cited.append(cancer["iri"])
            rows.append(
                {
                    "domain": domain,
                    "cancerType": cancer,
                    "orpha": text(row, "orpha"),
                    "mappingStatus": STATUS.get(text(row, "mappingStatus") or "", {}).get(ctx.lang),
                }
            )
    columns = [
        ("domain", ctx.t("EURACAN-domein", "EURACAN domain")),
        ("cancerType", ctx.t("Zeldzame kankersoort", "Rare cancer type")),
        ("orpha", "ORPHA"),
        ("mappingStatus", ctx.t("Koppeling", "Mapping")),
    ]
    return Shaped(sentence, columns, rows, cited, [])
