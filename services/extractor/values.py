"""Record values, decided from what the sources say (no SQL here: `repo.py` loads and writes).

An award's fields are chosen from the mentions behind it (an explicit correction, then a confident
statement over a doubtful one, then the most recent, then the most specific), the others kept with
their sources, and the reason is the rank on which the chosen statement won. What changed becomes
history and change-feed entries (`plan_values`). An announcement's facts come from all its pages
(`announcement_values`)."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from services.extractor import grouping, orgs
from shared.domain import jsonable

TRACKED = ("recipient", "recipient_org_id", "amount", "currency", "approximate", "project", "funder",
           "programme", "awarded_on")
# why a value won, for each place of the rank in choose_values (the last ones: the more specific figure);
# the first is the correction's, which names the correcting page (`corrected_by`)
RANK_REASONS = ("explicit correction", "more confident statement", "most recent statement",
                "more confident statement", "most specific statement", "most specific statement",
                "most specific statement")


@dataclass
class Stated:
    """One mention as consolidation reads it: what it says, and when its page said it."""

    id: int
    document_id: int
    recipient_key: str
    quote: str
    values: dict[str, Any]
    published: dt.date | None
    fetched_at: dt.datetime
    url: str | None = None          # the page's, for the reason a correction gives


@dataclass
class Plan:
    """What to write for a set of awards: new values, history rows, awards left without mentions,
    and which awards the change feed reports as created or updated."""

    updates: list[dict[str, Any]] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)
    empty: list[int] = field(default_factory=list)
    created: list[int] = field(default_factory=list)
    modified: list[int] = field(default_factory=list)


def plan_values(ids: list[int], awards: dict[int, Any], stated: dict[int, list[Stated]],
                document_id: int | None) -> Plan:
    """Each award's values chosen from its mentions (in mention order), compared with what it has:
    `awards` holds each award's current row (an award just created has no choices yet)."""
    plan = Plan()
    for award_id in ids:
        award = awards.get(award_id)
        if award is None:
            continue
        rows = stated.get(award_id)
        if not rows:
            plan.empty.append(award_id)
            continue
        new, choices = choose_values(rows)
        if not award.choices:
            plan.created.append(award_id)       # a new record's first values are not a change
        else:
            if any(jsonable(getattr(award, f)) != jsonable(new.get(f)) for f in (*TRACKED, "partners", "locations")):
                plan.modified.append(award_id)
            for name in TRACKED:
                old_value, new_value = jsonable(getattr(award, name)), jsonable(new.get(name))
                if old_value != new_value and (old_value is not None or name == "amount"):
                    plan.history.append(dict(award_id=award_id, field=name, old_value=old_value, new_value=new_value,
                                             document_id=document_id, reason=choices.get(name, {}).get("reason")))
        plan.updates.append({"award": award_id, **{f: new.get(f) for f in TRACKED}, "partners": new["partners"],
                             "locations": new["locations"], "choices": choices, "confidence": new["confidence"]})
    return plan


def choose_values(rows: list[Stated]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The chosen value of each field: an explicit correction first, then a confident statement
    over a doubtful one, then the most recent, then the most specific; the others are kept with
    their sources, and the amount's reason is the rank that decided it."""
    def when(row: Stated) -> dt.date:
        return row.published or row.fetched_at.date()

    def rank(row: Stated) -> tuple:
        v = row.values
        amount = v.get("amount")
        specific = len(str(amount).rstrip("0").replace(".", "")) if amount is not None else 0
        # in the order of RANK_REASONS: a doubtful statement never outranks a confident one; ties
        # broken by content, never by arrival order
        return (bool(v.get("correction")), confident(row), when(row), _confidence(row), not v.get("approximate"),
                specific, row.quote)

    chosen: dict[str, Any] = {}
    choices: dict[str, Any] = {}
    with_amount = [r for r in rows if r.values.get("amount") is not None]
    if with_amount:
        scored = [(rank(r), r) for r in with_amount]
        mine, best = max(scored, key=lambda s: s[0])
        v = best.values
        chosen.update(amount=Decimal(str(v["amount"])), currency=v.get("currency"),
                      approximate=bool(v.get("approximate")))
        rivals = [r for r in with_amount if r.values["amount"] != v["amount"]]
        others = [{"value": r.values["amount"], "mention_id": r.id, "document_id": r.document_id} for r in rivals]
        if rivals:   # the reason is the rank on which the chosen statement beat the best of the others
            theirs = max(score for score, r in scored if r.values["amount"] != v["amount"])
            decided = next((i for i, (a, b) in enumerate(zip(mine, theirs)) if a != b), len(RANK_REASONS) - 1)
            reason = corrected_by(best) if decided == 0 else RANK_REASONS[decided]
        else:
            reason = "only statement" if len(with_amount) == 1 else "all statements agree"
        choices["amount"] = {"reason": reason, "mention_id": best.id, "others": others}
    else:
        chosen.update(amount=None, currency=None, approximate=False)
    # the recipient: the party most sources name (as recipient or as partner of a joint award),
    # then a name over a bare place, a known org-id, the longest name
    appearances = Counter(r.recipient_key for r in rows)
    partner_of = Counter(party_key(p) for r in rows for p in r.values.get("partners") or ())
    for key in appearances:
        appearances[key] += partner_of[key]

    def naming(r: Stated) -> tuple:
        name = r.values.get("recipient") or ""
        capitals = sum(w[:1].isupper() for w in name.split())
        return (appearances[r.recipient_key], not r.values.get("named_by_place"),
                bool(r.values.get("recipient_org_id")), len(name), capitals, name)
    named = max(rows, key=naming)
    chosen["recipient"] = named.values["recipient"]
    chosen["recipient_org_id"] = named.values.get("recipient_org_id")
    co_recipients = {r.values["recipient"] for r in rows
                     if r.recipient_key != named.recipient_key and partner_of[r.recipient_key] == 0
                     and any(party_key(p) == named.recipient_key for p in r.values.get("partners") or ())}
    ranked = sorted(rows, key=rank, reverse=True)
    for name in ("project", "funder", "programme"):
        chosen[name] = next((r.values.get(name) for r in ranked if r.values.get(name)), None)
    dates = [r.values.get("awarded_on") for r in rows if r.values.get("awarded_on")]
    chosen["awarded_on"] = dt.date.fromisoformat(min(dates)) if dates else None
    chosen["partners"] = sorted({p for r in rows for p in r.values.get("partners") or []
                                 if party_key(p) != named.recipient_key} | co_recipients)
    chosen["locations"] = sorted({p for r in rows for p in r.values.get("locations") or []})
    # the record is as likely right as the statement whose amount it took (else the one naming it)
    took = best if with_amount else named
    chosen["confidence"] = took.values.get("confidence")
    choices["recipient"] = {"reason": "most specific name", "mention_id": named.id}
    choices["latest_mention_id"] = ranked[0].id
    return chosen, choices


def corrected_by(row: Stated) -> str:
    """The reason a correction's value won: the page that corrects it."""
    return f"corrected by {row.url or f'document {row.document_id}'}"


CONFIDENT = 0.7   # below this a statement is doubtful: it gives a value only where no confident one does


def _confidence(row: Stated) -> float:
    c = row.values.get("confidence")
    return 1.0 if c is None else float(c)     # statements read without an estimate rank as before


def confident(row: Stated) -> bool:
    return _confidence(row) >= CONFIDENT


def party_key(name: str) -> str:
    """The recipient key a party of a joint award would have as a recipient."""
    return grouping.recipient_key(*orgs.resolve(name))


def announcement_values(signatures: list[dict[str, Any]]) -> dict[str, Any]:
    """An announcement's facts from the signatures of all the pages that report it: the most common
    funder and programme, the total most pages give, the earliest date."""
    funders = Counter(s.get("funder_name") for s in signatures if s.get("funder_name"))
    programmes = Counter(s.get("programme") for s in signatures if s.get("programme"))
    totals = Counter(s.get("total") for s in signatures if s.get("total"))
    dates = [s["published"] for s in signatures if s.get("published")]
    return {"funder": _most_common(funders), "programme": _most_common(programmes),
            "total": Decimal(_most_common(totals)) if totals else None,
            "announced_on": dt.date.fromisoformat(min(dates)) if dates else None}


def _most_common(counter: Counter) -> Any:
    return max(counter, key=lambda k: (counter[k], str(k))) if counter else None
