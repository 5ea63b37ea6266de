"""Consolidated awards as 360Giving Data Standard grants (schema 1.4), so that fundwatch's records can
go straight into tools built for the standard.

- Grant identifiers are fundwatch's prefix (setting `giving360_prefix`, a 360G- prefix) and the
  award's id.
- Recipients resolved to a UK local authority carry its org-id (GB-LAE-, GB-LAS-, GB-PLA-,
  GB-LANI-); others, and funders, get an identifier under fundwatch's prefix made from their
  normalised name, as the standard's guidance does for organisations without a registered one.
- The standard requires an amount and an award date: an award whose amount no source states is
  left out (the export counts them); the award date is the earliest date a source gave, else the
  announcement's, else the first time fundwatch saw the award.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from shared import orgs
from shared.domain import jsonable
from shared.models import Award

SCHEMA_VERSION = "1.4"


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", orgs.fold(name)).strip("-")[:80] or "unknown"


def grant(award: Award, prefix: str) -> dict[str, Any] | None:
    if award.amount is None or award.currency is None:
        return None
    dates = [award.awarded_on, award.announcement.announced_on if award.announcement else None]
    award_date = next((d for d in dates if d), None) or award.created_at.date()
    funder = award.funder or (award.announcement.funder if award.announcement else None)
    programme = award.programme or (award.announcement.programme if award.announcement else None)
    quotes = [m.quote for m in award.mentions]
    title = f"{award.recipient}: {award.project}" if award.project else f"Award to {award.recipient}"
    description = award.project or (quotes[0] if quotes else title)
    out: dict[str, Any] = {
        "id": f"{prefix}-award-{award.id}",
        "title": title[:140],
        "description": description,
        "currency": award.currency,
        "amountAwarded": jsonable(award.amount),
        "awardDate": award_date.isoformat(),
        "recipientOrganization": [{"id": award.recipient_org_id or f"{prefix}-org-{slug(award.recipient)}",
                                   "name": award.recipient}],
        "fundingOrganization": [{"id": f"{prefix}-funder-{slug(funder)}" if funder else f"{prefix}-funder-unknown",
                                 "name": funder or "Unknown funder"}],
        "dateModified": award.updated_at.astimezone(dt.timezone.utc).isoformat(),
    }
    if programme:
        out["grantProgramme"] = [{"code": slug(programme), "title": programme}]
    if award.locations:
        out["beneficiaryLocation"] = [{"name": loc} for loc in award.locations]
    docs = {m.document.url: m.document for m in award.mentions}
    if docs:
        out["relatedDocument"] = [{"id": f"{prefix}-document-{d.id}", "title": d.title or url, "url": url}
                                  for url, d in docs.items()]
    return out


# The standard's flat (spreadsheet) form: its column titles, and where each comes from in a grant.
FLAT = (
    ("Identifier", lambda g: g["id"]),
    ("Title", lambda g: g["title"]),
    ("Description", lambda g: g["description"]),
    ("Currency", lambda g: g["currency"]),
    ("Amount Awarded", lambda g: g["amountAwarded"]),
    ("Award Date", lambda g: g["awardDate"]),
    ("Recipient Org:Identifier", lambda g: g["recipientOrganization"][0]["id"]),
    ("Recipient Org:Name", lambda g: g["recipientOrganization"][0]["name"]),
    ("Funding Org:Identifier", lambda g: g["fundingOrganization"][0]["id"]),
    ("Funding Org:Name", lambda g: g["fundingOrganization"][0]["name"]),
    ("Grant Programme:Code", lambda g: (g.get("grantProgramme") or [{}])[0].get("code")),
    ("Grant Programme:Title", lambda g: (g.get("grantProgramme") or [{}])[0].get("title")),
    ("Beneficiary Location:Name", lambda g: "; ".join(loc["name"] for loc in g.get("beneficiaryLocation", []))),
    ("Last Modified", lambda g: g["dateModified"]),
    ("Related Document:URL", lambda g: " ".join(d["url"] for d in g.get("relatedDocument", []))),
)


def flat_titles() -> list[str]:
    return [title for title, _ in FLAT]


def flat_row(g: dict[str, Any]) -> list[Any]:
    return [get(g) for _, get in FLAT]

