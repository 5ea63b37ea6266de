"""Where in a unit an award's own words are: its scope (the unit less the amounts, clauses and
sentences of other awards) and the clause a project or a purpose is read from."""
from __future__ import annotations

import re

Span = tuple[int, int]

_BOUNDARY_RX = re.compile(r";\s+|,?\s+(?:while|whereas)\s+|(?<=[.!?])\s+(?=[A-Z])|\s+[–—]\s+(?=.*[£$€])")
# a list item's sentences all state its one award; a paragraph's sentences may state others
_ITEM_BOUNDARY_RX = re.compile(r";\s+(?=.*[£$€])|,?\s+(?:while|whereas)\s+")
_NEXT_NAME_RX = re.compile(r",\s+(?:and\s+|while\s+)?(?:the\s+)?(?=[A-Z])|\s+and\s+(?:the\s+)?(?=[A-Z])")
# what ends a list item's lead after its recipient: "Harbour Trust – ...", "Orbit's Young Carers Club: ..."
ITEM_SEP_AFTER_RX = re.compile(r"(?:['’]s\s+[^–—:]{2,80}?)?\s*(?:[–—:]|\s-)\s+")


def award_scope(text: str, rec: Span | None, money: Span | None, monies: list[Span], item: bool) -> Span:
    """The part of the unit about this award: up to the amounts, clauses and sentences of others."""
    anchors = [s for s in (rec, money) if s]
    if not anchors:
        return 0, len(text)
    lo, hi = min(a for a, _ in anchors), max(b for _, b in anchors)
    start, end = 0, len(text)
    for a, b in monies:
        if money and (a, b) == money or (a < hi and b > lo):
            continue
        if b <= lo:
            start = max(start, b)
        elif a >= hi:
            end = min(end, a)
    for m in (_ITEM_BOUNDARY_RX if item else _BOUNDARY_RX).finditer(text):
        if m.end() <= lo:
            start = max(start, m.end())
        elif m.start() >= hi:
            end = min(end, m.start())
    if money and rec:
        if money[1] <= rec[0] and start > 0 and any(b <= money[0] for _, b in monies):
            start = money[0]           # "£7m for Eastbrook, £3m for Westmere": from the amount on
        if rec[1] <= money[0] and any(a >= money[1] for a, _ in monies):
            nxt = _NEXT_NAME_RX.search(text, money[1], end)
            if nxt:                    # "Orbit gets £7m to do X, Harbour Trust £3m": up to the next name
                end = nxt.start()
    return start, end


# the end of the clause a project or a purpose is read from
_CLAUSE_END_RX = re.compile(
    r"(?:,\s+(?:which|while|whereas|who|whom|whose|with|including|includes|alongside|plus|both|but|as|so|"
    r"one|after|making|bringing|taking|according|said|says|it|they|where|when|although|though|meaning|"
    r"and|the|a|an|this|these|those|its|their|his|her|each|every|up|since|until|helping|allowing|"
    r"enabling|covering|ranging|from|by|through|following|under|in|at|on|to|for|is|are|was|were|has|"
    r"have|will|would|could|should|can|may|more|than|all|not|only|also|just|now|run|led|delivered|"
    r"supported|funded|backed|part|subject|pending|provided|held|built|made|known|seen|given|"
    r"set|announced|launched|opened|founded|based|located|designed|developed|created|established|named|"
    r"called|chosen|selected|awarded|granted|agreed|approved|confirmed|expected|planned|scheduled|due)\b"
    r"|;|\s+[–—]\s+|\s+-\s+|\.(?=\s|$)|\s+\(|\)|\s+and\s+(?:will|would|is|are|was|were|has|have|it|they|"
    r"the\s+\w+\s+will|also)\b|\s+(?:while|whereas|which|who)\s+|\s+(?:working|in partnership|in collaboration|"
    r"in association|together|jointly|alongside|run|delivered|led|co-led|supported|funded)\s+(?:with|by)\b"
    r"|\s+so\s+that\b|\s+so\s+(?=it|they|the)|\s+as\s+part\s+of\b|\s+according\s+to\b|\s+over\s+the\s+next\b"
    r"|\s+from\s+(?:the\s+)?[A-Z]|\s+by\s+(?:the\s+)?[A-Z]|\s*:\s+(?![A-Z]))")


def clause(text: str, start: int, limit: int) -> str:
    """The text from start to the end of its clause (or to limit)."""
    m = _CLAUSE_END_RX.search(text, start, limit)
    return text[start:m.start() if m else limit]
