"""The announcement's funder and programme for the general reader.

Starts from the shared rule (`rules.announcement.announcement_facts`: the register of funders, "awarded by
X", "X has announced", the programme the page names most) and reads both again from general cues, so that
a funder the register does not know, or one the page names in other words, is found:

- funder: who gives, in any position and voice ("X has awarded / chose / committed ... £Y", "X on Monday
  named", "awarded by X", "funded jointly by X", "a grant from X", "£Y from X", "administered by X",
  "X's £Y fund", "X, which manages the fund"), a label ("Funder: X", "Funders: X and Y"), a press
  release's "SOURCE X" / "NEWS PROVIDED BY X", a minister's title ("Harbours Secretary", "Minister for
  Ferries" -> that department), a capital standing for its government ("Stormont says"), the ministry or
  foundation the page goes on calling "the ministry" / "the foundation"; a name in the title counts more.
  A name is a funder by the register, by its shape ("... Foundation", "Government of ...", "U.S.
  Department of ...", "... Philanthropies", "National ... Institute", "... Council") or, when the cue is
  strong, as any organisation's name; never a person, a newspaper or the recipient of one of the awards.
  An acronym ("NICR", "HFS") counts for the full name it stands for on the page.
- programme: named funds and programmes (the shared rule's names, and "... Grants", "... Plan"), "X, a
  programme that ...", "round N of X", "its X round", "the Wexley Trust's second competitive funding
  call", "one of three Coastal Data Centres", a heading "X grants:", a title "X: ...", acronyms spelled out
  ("HSUs" -> "harbour survey units"). The one the page speaks of most (with the names that share
  its words), in its title, and "under / through / from" it in the awards' sentences wins; a project an
  award pays for ("£3m to develop the Tideway programme", "Westby's Anchor programme"), a programme the
  page says came before, the funder and a recipient are not the programme.

The funder is read in `reader.funder`, the programme in `reader.programme`.
"""
from __future__ import annotations

import dataclasses

from services.extractor import orgs
from services.extractor.reader.funder import find_funder
from services.extractor.reader.programme import find_programme
from services.extractor.rules import announcement as shared
from shared.domain import AnnouncementFacts, AwardStatement, TextDocument

__all__ = ["announcement_facts", "find_funder", "find_programme"]



def announcement_facts(doc: TextDocument, awards: list[AwardStatement] = (),
                       base: AnnouncementFacts | None = None) -> AnnouncementFacts:
    """The shared rule's facts, with the funder and the programme read again from general cues.
    `base` is the shared rule's reading of the page without its awards, if already made: only the
    total depends on the awards, and it is read again."""
    awards = list(awards)
    if base is None:
        facts = shared.announcement_facts(doc, awards)
    else:
        facts = dataclasses.replace(base, total_amount=None, currency=None, approximate=False)
        total = shared.find_total(shared.head_lines(doc), awards)
        if total:
            facts.total_amount, facts.currency, facts.approximate = total
    funder = find_funder(doc, awards, facts.funder)
    if funder:
        facts.funder = funder
    elif facts.funder and any(orgs.name_key(a.recipient) == orgs.name_key(facts.funder) for a in awards):
        facts.funder = None
    programme = find_programme(doc, awards, facts.funder)
    if programme:
        facts.programme = programme
    return facts
