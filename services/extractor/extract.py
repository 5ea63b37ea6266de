"""The extractor interface and the rule-based extractor behind it.

Any extractor (rules, a statistical model, an LLM behind an HTTP API) implements `Extractor`:
`extract(TextDocument) -> Extraction`, with a `version` recorded on everything it derives, so that
`fundwatch extract` and the corpus scorer compare them on equal terms."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from services.extractor import orgs
from services.extractor.money import precision
from services.extractor.rules import enumerations, lists, prose, tables
from services.extractor.rules.announcement import announcement_facts
from services.extractor.rules.base import Candidate, Context
from services.extractor.segments import units
from shared.domain import AwardStatement, Extraction, TextDocument


class Extractor(Protocol):
    version: str

    def extract(self, doc: TextDocument) -> Extraction: ...


Rule = Callable[[Context], Iterable[Candidate]]

RULES: dict[str, Rule] = {
    "list_items": lists.list_items,
    "table_rows": tables.table_rows,
    "money_statements": prose.money_statements,
    "amountless_statements": prose.amountless_statements,
    "include_lists": enumerations.include_lists,
    "council_runs": enumerations.council_runs,
}


class RuleExtractor:
    """Award facts by small named rules over sentences, list items and table rows."""

    version = "rules-0.2"   # what a reading stores (facts, near-duplicate bands); reprocess re-reads older ones

    def __init__(self, rules: dict[str, Rule] | None = None):
        self.rules = rules or RULES

    def extract(self, doc: TextDocument) -> Extraction:
        ctx = Context(doc, units(doc.text))
        candidates = [c for rule in self.rules.values() for c in rule(ctx)]
        awards = [_statement(group, doc) for group in merge(candidates)]
        awards.sort(key=lambda a: a.start)
        facts = announcement_facts(doc, awards)
        for award in awards:
            award.funder, award.programme = facts.funder, facts.programme
        return Extraction(doc, facts, awards, self.version)


def merge(candidates: list[Candidate]) -> list[list[Candidate]]:
    """Group the candidates that name one recipient ("Harbour Arts" twice, "Coastal
    Carers Alliance" within "Coastal Carers Alliance for Training and Advice")."""
    groups: list[tuple[str, list[Candidate]]] = []
    for cand in sorted(candidates, key=lambda c: (-c.strength, c.unit.start)):
        key = _key(cand.recipient)
        if not key:
            continue
        for i, (gkey, group) in enumerate(groups):
            if _same(key, gkey):
                group.append(cand)
                if len(key) > len(gkey):
                    groups[i] = (key, group)
                break
        else:
            groups.append((key, [cand]))
    # a recipient read as someone's partner elsewhere in the page is that award's partner, not a new one
    partner_keys = {_key(p) for _, g in groups for c in g for p in c.partners}
    return [g for key, g in groups if not (key in partner_keys and all(c.money is None for c in g))]


def _key(name: str) -> str:
    c = orgs.council(name)
    return c.org_id if c else orgs.name_key(name)


def _same(a: str, b: str) -> bool:
    if a == b:
        return True
    if a.startswith("GB-") or b.startswith("GB-"):
        return False
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and (long_.startswith(short + " ") or long_.endswith(" " + short))


def _statement(group: list[Candidate], doc: TextDocument) -> AwardStatement:
    with_money = [c for c in group if c.money is not None]
    best = max(with_money, key=lambda c: (c.strength, not c.money.approximate, precision(c.money))) \
        if with_money else group[0]
    named = max(group, key=lambda c: (c.strength, len(c.recipient)))
    name, org_id = orgs.resolve(named.recipient)
    partners = list(dict.fromkeys(p for c in group for p in c.partners))
    locations = list(dict.fromkeys(loc for c in group for loc in c.locations))
    money = best.money
    return AwardStatement(
        recipient=name, recipient_org_id=org_id, quote=best.unit.text, start=best.unit.start,
        end=best.unit.end, amount=money.value if money else None, currency=money.currency if money else None,
        approximate=money.approximate if money else False,
        project=next((c.project for c in group if c.project), None),
        partners=[orgs.resolve(p)[0] for p in partners], locations=locations,
        awarded_on=doc.published, rule=best.rule,
        named_by_place=org_id is not None and orgs.is_place(named.recipient),
    )
