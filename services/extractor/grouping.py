"""Which pages report the same announcement, and which mentions in an announcement are one award.

Both decisions are pure functions of the pages' own facts, so that the records built from a set of
pages do not depend on the order the pages arrive in:

- Two pages report one announcement when nothing rules it out (different funders, dates more than
  400 days apart, programmes with no word in common, disagreeing amounts for the same recipients,
  different totals with little else shared) and something ties them (a recipient with the same
  amount, two recipients in common, a recipient plus the same funder or total, or the same funder
  and total within a month). A page that presents itself as a correction (`corrections`) changes
  amounts on purpose: its disagreeing amounts rule nothing out, and a recipient in common with the
  same funder, programme or total (or two recipients in common) ties it to the page it corrects,
  whatever the size of the change.
  A recipient one page names by a shorter form or the acronym of a name the other gives
  (`variants`: "NCAT" / "Northfield Community Arts Trust") counts as one in common when both pages
  give it the same amount and nothing else on either page could be meant; a form that stands for
  names on pages of two announcements ties the page to neither.
  Announcements are the connected groups of that relation.
- Within one announcement, mentions with one recipient key are one award, and a council named only
  by its place ("Rutland") is the same award as the one organisation named after that place
  ("Rutland Carers Trust"), when there is exactly one; so is a short form of exactly one longer name
  ("LIFTUP" / "LIFTUP Young Carers"), and a joint award read with either party as the recipient.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from services.extractor import orgs
from shared import variants
from services.extractor.corrections import says_corrected
from shared.domain import Extraction

MAX_DAYS_APART = 400
CLOSE = Decimal("0.05")          # two reports of one award: "£300k" and "£306,150"
CLOSE_APPROX = Decimal("0.10")   # ... when one of them says "about"


@dataclass(frozen=True)
class Signature:
    """What consolidation compares pages by: one page's announcement facts and recipients."""

    funder: str | None = None
    total: Decimal | None = None
    terms: frozenset[str] = frozenset()
    published: dt.date | None = None
    recipients: dict[str, Decimal | None] = field(default_factory=dict)
    approximate: frozenset[str] = frozenset()
    funder_name: str | None = None   # as the page names them, for the announcement record
    programme: str | None = None
    correction: bool = False         # the page presents itself as a correction

    def as_json(self) -> dict[str, Any]:
        return {"funder": self.funder, "funder_name": self.funder_name, "programme": self.programme,
                "total": str(self.total) if self.total is not None else None,
                "terms": sorted(self.terms), "published": self.published.isoformat() if self.published else None,
                "recipients": {k: (str(v) if v is not None else None) for k, v in sorted(self.recipients.items())},
                "approximate": sorted(self.approximate), "correction": self.correction}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Signature:
        return cls(funder=data.get("funder"), total=_dec(data.get("total")), terms=frozenset(data.get("terms", ())),
                   published=dt.date.fromisoformat(data["published"]) if data.get("published") else None,
                   recipients={k: _dec(v) for k, v in data.get("recipients", {}).items()},
                   approximate=frozenset(data.get("approximate", ())), funder_name=data.get("funder_name"),
                   programme=data.get("programme"), correction=bool(data.get("correction")))


def recipient_key(recipient: str, org_id: str | None) -> str:
    return (org_id or orgs.name_key(recipient))[:300]


def funder_key(funder: str | None) -> str | None:
    return orgs.name_key(funder)[:200] if funder else None


def signature(extraction: Extraction) -> Signature:
    facts = extraction.announcement
    recipients: dict[str, Decimal | None] = {}
    approximate = set()
    for a in extraction.awards:
        key = recipient_key(a.recipient, a.recipient_org_id)
        if a.amount is not None and (recipients.get(key) is None or a.amount > recipients[key]):
            recipients[key] = a.amount
            if a.approximate:
                approximate.add(key)
        recipients.setdefault(key, None)
    return Signature(funder=funder_key(facts.funder), total=facts.total_amount,
                     terms=frozenset(facts.programme_terms), published=facts.announced_on,
                     recipients=recipients, approximate=frozenset(approximate), funder_name=facts.funder,
                     programme=facts.programme, correction=says_corrected(extraction.document.text))


def close(x: Decimal, y: Decimal, approximate: bool = False) -> bool:
    tolerance = CLOSE_APPROX if approximate else CLOSE
    return abs(x - y) <= tolerance * max(abs(x), abs(y))


def restated(a: Signature, b: Signature) -> dict[str, str]:
    """Recipients one page names by a shorter form or the acronym of a name the other page gives,
    with the same amount: a's key -> b's key. Only pairs with nothing else to choose from count (a
    key that could stand for two names, or two keys for one name, pair nothing), and only when both
    pages give the amount, so that a restatement is never the only thing two pages agree on."""
    only_a = [k for k in a.recipients if k not in b.recipients and a.recipients[k] is not None]
    only_b = [k for k in b.recipients if k not in a.recipients and b.recipients[k] is not None]
    pairs = [(x, y) for x in only_a for y in only_b if variants.restates(x, y) or variants.restates(y, x)]
    pairs = [(x, y) for x, y in pairs
             if sum(p[0] == x for p in pairs) == 1 and sum(p[1] == y for p in pairs) == 1]
    return {x: y for x, y in pairs
            if close(a.recipients[x], b.recipients[y], x in a.approximate or y in b.approximate)}


def same_funder(a: str, b: str) -> bool:
    """Two funder keys that may name one funder: equal, or one the other's last words with words
    before it ("about northvale arts foundation" / "northvale arts foundation", as a heading or a
    byline runs into the name); a one-word name ("foundation") says too little to match so."""
    short, long_ = sorted((a, b), key=len)
    return short == long_ or (" " in short and long_.endswith(" " + short))


def same_announcement(a: Signature, b: Signature, restatements: bool = True) -> bool:
    """Whether two pages report one announcement (the module's docstring says when);
    `restatements`: count a recipient one names by a shorter form or acronym of the other's."""
    shared = a.recipients.keys() & b.recipients.keys()
    agree = disagree = 0
    for key in shared:
        x, y = a.recipients[key], b.recipients[key]
        if x is not None and y is not None:
            if close(x, y, key in a.approximate or key in b.approximate):
                agree += 1
            else:
                disagree += 1
    if restatements:
        also = restated(a, b)
        agree += len(also)
        shared = shared | also.keys()
    days = abs((a.published - b.published).days) if a.published and b.published else None
    funders_agree = bool(a.funder and a.funder == b.funder)
    same_total = a.total is not None and b.total is not None and close(a.total, b.total)
    # what rules it out
    if a.funder and b.funder and not same_funder(a.funder, b.funder):
        return False
    if days is not None and days > MAX_DAYS_APART:
        return False
    if a.terms and b.terms and not a.terms & b.terms:
        return False
    if (a.correction or b.correction) and shared and (
            funders_agree or same_total or a.terms & b.terms or len(shared) >= 2):
        return True   # a correction of the other page's figures, whatever the change
    if disagree > agree:
        return False
    if a.total is not None and b.total is not None and not same_total and agree == 0 and len(shared) < 3:
        return False
    # what ties them
    if agree >= 1 or len(shared) >= 2:
        return True
    if shared and (funders_agree or same_total):
        return True
    return funders_agree and same_total and days is not None and days <= 31


def linked_announcements(sig: Signature, candidates: Iterable[tuple[int, Signature]]) -> set[int]:
    """The announcements of the candidate pages (announcement id, signature) that report the same
    announcement as a page. A page tied to one only by naming a recipient by a shorter form or
    acronym is not tied when that form stands for different names on pages of different
    announcements: two organisations with one acronym are not one award."""
    plain, by_restatement = set(), {}
    readings: dict[str, set[tuple[int, str]]] = {}   # a key of this page -> the names it stands for
    for announcement, other in candidates:
        if same_announcement(sig, other, restatements=False):
            plain.add(announcement)
        elif same_announcement(sig, other):
            by_restatement.setdefault(announcement, set()).update(restated(sig, other))
        else:
            continue
        for mine, theirs in restated(sig, other).items():
            readings.setdefault(mine, set()).add((announcement, theirs))
    ambiguous = {k for k, seen in readings.items() if len({a for a, _ in seen}) > 1 and len({n for _, n in seen}) > 1}
    return plain | {a for a, keys in by_restatement.items() if not keys & ambiguous}


@dataclass
class MentionRow:
    id: int
    recipient_key: str
    recipient: str
    org_id: str | None
    named_by_place: bool
    partner_keys: tuple[str, ...] = ()


def award_clusters(mentions: Iterable[MentionRow]) -> list[list[MentionRow]]:
    """Mentions of one announcement grouped into awards; each group sorted by mention id."""
    rows = sorted(mentions, key=lambda m: m.id)
    parent = {m.recipient_key: m.recipient_key for m in rows}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    # a joint award read with the other party as recipient elsewhere ("X and Y" / "Y")
    for m in rows:
        for p in m.partner_keys:
            if p in parent:
                union(m.recipient_key, p)
    named_orgs = {m.recipient_key: m for m in rows if not m.org_id}
    # a short form of exactly one longer name ("LIFTUP" / "LIFTUP Young Carers"), or its acronym
    # ("NHT" / "Northvale Hospitals Trust")
    for short in named_orgs:
        longer = [k for k in named_orgs if variants.shorter_form_of(short, k)]
        if len(longer) == 1:
            union(short, longer[0])
            continue
        expanded = [k for k in named_orgs if k != short and variants.acronym_of(short, k)]
        if len(expanded) == 1:
            union(short, expanded[0])
    for m in rows:
        if not m.named_by_place:
            continue
        place = orgs.name_key(m.recipient if not m.org_id else _place_of(m))
        if not place:
            continue
        matches = sorted(k for k in named_orgs if k.startswith(place + " "))
        if len(matches) == 1:
            union(m.recipient_key, matches[0])
    groups: dict[str, list[MentionRow]] = {}
    for m in rows:
        groups.setdefault(find(m.recipient_key), []).append(m)
    return sorted(groups.values(), key=lambda g: g[0].id)


def cluster_key(group: list[MentionRow]) -> str:
    """The award key of a group: the same whichever of its mentions came first."""
    named = [m.recipient_key for m in group if not m.named_by_place]
    return min(named or [m.recipient_key for m in group])


def _place_of(m: MentionRow) -> str:
    council = orgs.council(m.recipient)
    return council.place if council else m.recipient


def _dec(value: Any) -> Decimal | None:
    return Decimal(str(value)) if value is not None else None
