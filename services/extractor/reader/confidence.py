"""How likely a statement the reader makes is right: a logistic model over what supports it (which
structure linked it, how many passages state it, whether the name reads as an organisation), with
weights learned from the evaluation corpus (`make train-confidence`) and kept in
`data/confidence.json`, so that a confidence of 0.9 means right about nine times in ten."""
from __future__ import annotations

import json
import math
from functools import cache

from services.extractor import orgs
from services.extractor.reader.mentions import is_place, org_like
from services.extractor.rules.base import AWARD_CUE_RX, Candidate

WEIGHTS = orgs.DATA / "confidence.json"

# the structures that link a recipient to its amount, by family
FAMILIES = {
    "grid": ("table_row", "dl_pair", "text_grid", "labelled_record"),
    "list": ("list_item", "list_sentence", "name_then_amount", "headed_profile", "amount_group"),
    "linked": ("money_to_recipient", "subject_receives", "name_bracket_money", "owner_money", "indirect_object",
               "name_with_money", "inverted_with_money", "respective_amounts", "hosted_money", "fronted_recipient", "name_money_purpose",
               "money_enables", "further_amount", "secured_from"),
    "referent": ("referent_receives", "referent_its_money", "same_amount"),
    "each": ("each_named", "each_listed"),
    "title": ("title",),
    "named": ("named_run", "include_list", "council_run", "named_without_amount"),
}
FEATURES = ("bias", *(f"rule_{f}" for f in FAMILIES), "rule_other", "has_amount", "approximate", "support",
            "families", "org_word", "council", "short_name", "long_name", "in_title", "strength", "bare_place",
            "award_cue", "kind_item", "kind_row", "kind_heading")


def features(group: list[Candidate], title: str | None) -> dict[str, float]:
    """The features of the award a group of candidates states."""
    rules = {c.rule for c in group}
    best = max(group, key=lambda c: (c.strength, c.money is not None))
    name = best.recipient
    family = next((f for f, members in FAMILIES.items() if best.rule in members), "other")
    families = {next((f for f, m in FAMILIES.items() if r in m), "other") for r in rules}
    out = {"bias": 1.0, f"rule_{family}": 1.0,
           "has_amount": float(any(c.money is not None for c in group)),
           "approximate": float(any(c.money is not None and c.money.approximate for c in group)),
           "support": math.log(1 + len({c.unit.start for c in group})),
           "families": float(len(families) - 1),
           "org_word": float(org_like(name)), "council": float(orgs.council(name) is not None),
           "short_name": float(len(name.split()) == 1), "long_name": float(len(name.split()) > 6),
           "in_title": float(bool(title) and orgs.fold(name) in orgs.fold(title or "")),
           "strength": float(max(c.strength for c in group)),
           "bare_place": float(is_place(name) and not org_like(name)),
           "award_cue": float(bool(AWARD_CUE_RX.search(best.unit.text))),
           "kind_item": float(best.unit.kind == "item"), "kind_row": float(best.unit.kind == "row"),
           "kind_heading": float(best.unit.kind == "heading")}
    return {k: out.get(k, 0.0) for k in FEATURES}


@cache
def _weights() -> dict[str, float]:
    """The fitted weights; a missing or broken model file is an installation fault, said plainly."""
    try:
        return json.loads(WEIGHTS.read_text())["weights"]
    except (OSError, ValueError, KeyError) as exc:
        raise RuntimeError(f"the confidence model {WEIGHTS} is missing or unreadable ({exc}); "
                           "reinstall fundwatch or run `make train-confidence`") from exc


def confidence(feats: dict[str, float]) -> float:
    """The model's probability that the statement is right, to two places."""
    weights = _weights()
    z = sum(weights.get(k, 0.0) * v for k, v in feats.items())
    return round(1 / (1 + math.exp(-z)), 2)
