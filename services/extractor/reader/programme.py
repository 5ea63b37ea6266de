"""The page's programme for the general reader (`reader.facts` puts it beside the funder).

Named funds and programmes (the shared rule's names, and "... Grants", "... Plan"), "X, a programme
that ...", "round N of X", "its X round", "the Wexley Trust's second competitive funding call", "one of
three Coastal Data Centres", a heading "X grants:", a title "X: ...", acronyms spelled out ("HSUs" ->
"harbour survey units"). The one the page speaks of most (with the names that share its words), in its
title, and "under / through / from" it in the awards' sentences wins; a project an award pays for ("£3m
to develop the Tideway programme", "Westby's Anchor programme"), a programme the page says came
before, the funder and a recipient are not the programme.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from services.extractor import orgs
from services.extractor.reader.funder import EARLY, MONEY, initials, page_head
from services.extractor.rules import announcement as shared
from shared.domain import AwardStatement, TextDocument

# --- programme ------------------------------------------------------------------------------------

_LOWER_HEADS = ("programme", "program", "fund", "scheme", "initiative", "pilot", "grants", "competition", "challenge",
                "prize", "awards")
# "The Safer Quays, Brighter Harbours programme": capitalised words before a lower-case one
NAMED_LOWER_END_RX = re.compile(
    r"\b(?:[Tt]he|[Ii]ts|[Tt]heir|[Tt]his|[A-Z][\w.&-]*['’]s)\s+(?P<n>(?:[A-Z][\w'’-]*,?\s+(?:(?:and|for|of|to|in|on)\s+)?)"
    rf"{{1,7}}(?:{'|'.join(_LOWER_HEADS)}))$")
_EXTRA_HEADS = ("Grants", "Grant", "Plan", "Plans", "Accelerator", "Funding")
EXTRA_END_RX = re.compile(r"\b(?P<n>(?:[A-Z][\w'’,-]*\s+(?:(?:and|for|of|to|in)\s+)?){1,6}"
                          rf"(?:{'|'.join(_EXTRA_HEADS)}))$")
# "a national funding call", "its second, regional funding round", "the Wexley Trust's second competitive funding call"
ROUND_END_RX = re.compile(
    r"\b(?:[Ii]ts|[Tt]heir|[Tt]he\s+fund['’]s|[Tt]he\s+programme['’]s|(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*['’]s)\s+"
    r"(?P<n>(?:[\w-]+,?\s+){1,5}?(?:funding\s+)?(?:round|call))$"
    r"|\b(?:an?|the|its|their)\s+(?P<c>(?:open|competitive|national|annual|public|new|first|second|third)\s+"
    r"(?:funding\s+)?call)$")
# "Round three of the HSUs", "the second round of the council's Harbour Walls Fund"
ROUND_OF_AT_RX = re.compile(
    r"(?:[Rr]ound|[Pp]hase|[Ww]ave|[Cc]ohort|[Cc]all)\s+(?P<num>\d+|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"[IVX]+)?\s*of\s+(?:the\s+)?(?:[\w’'.]+['’]s\s+)?(?:its\s+)?"
    rf"(?:{MONEY}\s+)?(?P<n>[A-Z][\w'’-]*(?:\s+(?:(?:and|for|of|to|in)\s+)?[A-Z][\w'’-]*)*)")
_ROUND_WORDS = ("round", "Round", "phase", "Phase", "wave", "cohort", "call")
# "Tidewatch is one of three Coastal Data Centres": the named family of awards it belongs to
ONE_OF_AT_RX = re.compile(r"one\s+of\s+(?:the\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                          r"several|many|\w+teen|\w+ty)\s+(?:new\s+)?(?P<n>(?:[A-Z][\w-]*\s+){1,5}[A-Z][\w-]*s)\b")
# "Safe Moorings, a joint programme backed by ..."
APPOSITIVE_AT_RX = re.compile(r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,5}?(?:programme|program|fund|initiative|scheme|"
                              r"competition|challenge|contest|prize)\b")
_OWN_PROJECT_RX = re.compile(r"\b(?:council|charity|authority|trust|club|group|school|university)['’]s?\s|\b(?:its|their|our)\s")
_RUN_BY_OWN_RX = re.compile(r"\s+(?:that\s+|which\s+)?(?:the\s+)?(?:council|charity|authority|trust|club|group|it|they)\s+"
                            r"(?:has\s+|have\s+)?(?:run|runs|ran|delivers|delivered|set\s+up|started|piloted)\b")
APPOSITIVE_NAME_RX = re.compile(r"(?P<n>(?:U\.S\.\s+)?[A-Z][\w'’-]*(?:\s+(?:(?:and|for|of|the|in|&)\s+)*[A-Z0-9][\w'’-]*)"
                                r"{0,6})$")
HEADING_RX = re.compile(r"[ \t]*(?P<n>[A-Z][\w’'-]*(?:[ \t]+[\w’'-]+){0,4}[ \t]+(?:grants|awards|fund|programme))[ \t]*$")
TITLE_PREFIX_RX = re.compile(r"^\s*(?P<n>[A-Z][^:\n]{2,60}?):\s")
ACRONYM_AT_RX = re.compile(r"\((?P<a>[A-Z][A-Za-z]{1,8}s?)\)")
# the project an award pays for, not the programme: "£3.6m to develop the Tideway programme"
PROJECT_BEFORE_RX = re.compile(r"\b(?:to|will)\s+(?:develop|deliver|run|fund|expand|extend|launch|support|set\s+up|"
                               r"establish|start|build|create|pilot|grow|continue|scale\s+up)\s+"
                               r"(?:(?:the|its|their|a|an)\s+)?(?:[\w-]+\s+){0,2}$")
AWARD_PROJECT_BEFORE_RX = re.compile(r"\b(?:for|on)\s+(?:its|their|the)\s+(?:[\w-]+\s+){0,2}$")
PROJECT_AFTER_RX = re.compile(r",?\s+(?:(?:which|that)\s+(?:is|was|will\s+be)\s+)?(?:delivered|run|led|operated|devised|"
                              r"designed)\s+by\b")
OWNER_BEFORE_RX = re.compile(r"(?P<o>[A-Z][\w.&-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w.&-]*)*)['’]s?\s+(?:[\w-]+\s+){0,2}$")
PAST_BEFORE_RX = re.compile(r"\b(?:originally|previously|formerly|earlier|once|last\s+year['’]s|former|predecessor|"
                            r"succeeds|replaced?|replacing|scrapped|successor\s+to)\s+(?:[\w-]+\s+){0,3}$")
LINKED_BEFORE_RX = re.compile(r"(?:\b(?:under|through|via|part\s+of|round\s+of|in|of|by|with)|"
                              r"\b(?:grants?|funding|money|awards?|share|cash|investment|support)\s+from|"
                              rf"{MONEY}\s+(?:\w+\s+)?from)\s+"
                              r"(?:the\s+|its\s+|their\s+|this\s+year['’]s\s+|[\w.&-]+['’]s\s+)?"
                              r"(?:(?:first|second|third|latest|opening|new|\d{4})\s+)?"
                              rf"(?:{MONEY}\s+)?$")
_ANAPHOR_BEFORE = ("the new ", "The new ", "this ", "This ", "the ", "The ", "that ")
_ADJECTIVES_RX = re.compile(r"^(?:(?:separate|new|general|broader|wider|whole|same|joint|flagship|overall|"
                            r"national|first|second|latest|existing|current|original|main)\s+)+", re.I)
_OWNER_RX = re.compile(r"^(?:U\.S\.\s+)?(?:[A-Z][\w.&-]*\s+){0,4}[A-Z][\w.&-]*['’]s?\s+(?=\S)")


def _prog_tokens(name: str) -> frozenset[str]:
    return frozenset(w for w in orgs.fold(name).split()
                     if w not in shared.GENERIC_TERMS and not w.isdigit() and len(w) > 1)


def _overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a and b) and len(a & b) / min(len(a), len(b)) >= 0.5


@lru_cache(maxsize=4096)
def _clean_programme(name: str, funder: str | None) -> str:
    name = shared._tidy(name)
    if funder and orgs.fold(name).startswith(orgs.fold(funder) + " "):
        name = name[len(funder):].lstrip("'’s ").strip()
    owner = _OWNER_RX.match(name)
    if owner and len(name) > owner.end() + 3:
        name = name[owner.end():]
    return _ADJECTIVES_RX.sub("", name).strip(" ,")


def find_programme(doc: TextDocument, awards: list[AwardStatement], funder: str | None,
                   debug: list | None = None) -> str | None:
    """The programme the page's awards are made under, or None."""
    text, title_end, shift = page_head(doc)
    title = (doc.title or "").strip()
    title_tokens = _prog_tokens(title or text[:200])
    funder_keys = {orgs.fold(funder or ""), orgs.name_key(funder or "")} - {""}
    if funder:
        funder_keys.add(initials(funder).lower())
    recipients = {k for a in awards for k in (orgs.fold(a.recipient), orgs.name_key(a.recipient)) if k}
    spans = [(a.start + shift - 150, a.end + shift + 60) for a in awards]

    acronyms: dict[str, str] = {}                     # "HSUs" -> "harbour survey units"
    i = text.find("(")
    while i >= 0:
        m = ACRONYM_AT_RX.match(text, i)
        if m:
            acr = m.group("a")
            letters = acr.rstrip("s").lower()
            words = text[max(0, i - 90):i].split()[-len(letters):]
            if len(words) == len(letters) and "".join(w[0].lower() for w in words) == letters:
                acronyms[acr] = acronyms[acr.rstrip("s")] = " ".join(words)
        i = text.find("(", i + 1)

    found: list[tuple[str, int, int, float]] = []    # (name, start, end, weight) of each mention

    def add(name: str | None, start: int, end: int, weight: float = 1.0) -> None:
        if "\n" in text[start:end]:
            return            # a name does not run on from one line to the next ("The Lowmere Tribune\n\nThe fund")
        name = _clean_programme(name or "", funder)
        name = acronyms.get(name, name)
        key = orgs.fold(name)
        if not name or key in funder_keys or key in recipients or orgs.name_key(name) in recipients:
            return
        if shared._BAD_PROGRAMME.match(name) or not _prog_tokens(name):
            return
        found.append((name, start, end, weight))

    anaphors: list[tuple[int, str]] = []
    lower_heads = set(_LOWER_HEADS)
    for end in shared._word_ends(text, shared.PROGRAMME_END_WORDS):
        lo = max(0, end - 120)
        m = shared.PROGRAMME_END_RX.search(text, lo, end)
        if m:
            g = "p" if m.group("p") else "q"
            add(m.group(g), m.start(g), m.end(g))
        space = text.rfind(" ", lo, end)
        head = text[space + 1:end]
        if head in lower_heads:
            word_start = end - len(head)
            if text[text.rfind(" ", lo, space - 1) + 1:space][:1].isupper():
                m = NAMED_LOWER_END_RX.search(text, lo, end)
                if m:
                    add(m.group("n"), m.start("n"), end)
            if any(text.endswith(a, 0, word_start) for a in _ANAPHOR_BEFORE) and \
                    not re.match(r"\s+(?:of|for)\b", text[end:end + 5]):
                anaphors.append((word_start, head))
    for end in shared._word_ends(text, _EXTRA_HEADS):
        space = text.rfind(" ", 0, end)
        if not text[text.rfind(" ", 0, space - 1) + 1:space][:1].isupper():
            continue
        m = EXTRA_END_RX.search(text, max(0, end - 120), end)
        if m:
            add(m.group("n"), m.start("n"), end)
    for end in shared._word_ends(text, ("round", "call")):
        window = text[max(0, end - 100):end]
        if not ("s " in window or "its " in window or "their " in window or window.endswith("call")):
            continue
        m = ROUND_END_RX.search(text, max(0, end - 100), end)
        if m:
            g = "n" if m.group("n") else "c"
            add(m.group(g), m.start(g), end)
    for start, _ in shared._occurrences(text, _ROUND_WORDS):
        m = ROUND_OF_AT_RX.match(text, start)
        if m:
            name = m.group("n")
            if m.group("num") or re.search(r"(?:first|second|third|fourth|fifth|sixth|latest|opening|final|next|"
                                           r"\d(?:st|nd|rd|th))\s+(?:funding\s+)?$", text[max(0, start - 20):start]):
                if m.group("num") or name[:1].isupper():
                    add(name, m.start("n"), m.end("n"), 2.0)
    for start, _ in shared._occurrences(text, ("one of ",)):
        m = ONE_OF_AT_RX.match(text, start)
        if m:
            add(m.group("n"), m.start("n"), m.end("n"), 1.5)
    for start, _ in shared._occurrences(text, (", a ", ", an ", ", the ")):
        m = APPOSITIVE_AT_RX.match(text, start)
        if m and not _OWN_PROJECT_RX.search(m.group(0)) and not _RUN_BY_OWN_RX.match(text, m.end()):
            # not "X, the council's summer programme", "X, the programme the council has run"
            m = APPOSITIVE_NAME_RX.search(text, max(0, start - 80), start)
            if m:
                add(m.group("n"), m.start("n"), start, 3.0)
    for start, _ in shared._occurrences(text, ("grants:", "awards:", "fund:", "programme:")):
        line = text.rfind("\n", 0, start) + 1
        m = HEADING_RX.fullmatch(text, line, start + len(text[start:].split(":", 1)[0]))
        if m:
            add(m.group("n"), m.start("n"), m.end("n"), 1.5)
    if title:
        m = TITLE_PREFIX_RX.match(title)
        if m and len(m.group("n").split()) <= 6 and (
                re.search(r"\b(?:programmes?|programs?|funds?|initiative|scheme|grants|awards|challenge|prize)\b",
                          m.group("n"), re.I) or all(w[0].isupper() for w in m.group("n").split())):
            add(m.group("n"), 0, 0, 2.0)
    if not found:
        return None

    seen: dict[int, tuple[str, int, int, float]] = {}
    for item in found:                               # one mention found by two patterns counts once
        if item[1] not in seen or item[3] > seen[item[1]][3]:
            seen[item[1]] = item
    found = sorted(seen.values(), key=lambda item: item[1])
    starts = [item[1] for item in found]
    for pos, head in anaphors:                       # "this programme": the last programme named so
        for j in range(bisect_left(starts, pos) - 1, -1, -1):
            name, start, end, _ = found[j]
            if pos - start > 1500:
                break
            if end <= pos and name.lower().endswith(head):
                found.append((name, start, end, 0.5))
                break

    def weight(item: tuple[str, int, int, float]) -> float:
        """What one mention counts for: a project an award pays for, or a programme the page says came
        before, counts against; named in an award's sentence as what it comes under, for more."""
        name, start, end, w = item
        before = text[max(0, start - 50):start]
        in_award = any(a <= start <= b for a, b in spans)
        owner = OWNER_BEFORE_RX.search(before) if ("'" in before or "’" in before) else None
        owner_key = orgs.name_key(owner.group("o")) if owner else ""
        after = orgs.fold(text[end:end + 80].lstrip(" ,–—-:"))
        if PROJECT_BEFORE_RX.search(before) or PROJECT_AFTER_RX.match(text, end) or \
                (in_award and AWARD_PROJECT_BEFORE_RX.search(before)) or \
                (owner_key and (owner_key in recipients or orgs.is_place(owner.group("o")))) or \
                any(after.startswith(r + " ") or after == r for r in recipients if len(r) > 3):
            return -1.0 if in_award else -0.5
        if PAST_BEFORE_RX.search(before):
            return -0.5
        if owner_key and owner_key in funder_keys:
            w += 1.0
        if in_award and LINKED_BEFORE_RX.search(before):
            w += 1.5
        return w + (0.25 if start < EARLY else 0)

    groups: dict[frozenset[str], list[tuple[str, int, int, float]]] = {}
    for item in found:
        groups.setdefault(_prog_tokens(item[0]), []).append(item)
    own = {tokens: sum(weight(item) for item in items) for tokens, items in groups.items()}
    lowered = text.lower()

    def score(tokens: frozenset[str]) -> float:
        s = own[tokens] + sum(0.5 * own[o] for o in groups if o is not tokens and _overlap(tokens, o))
        s += 0.25 * min(min(lowered.count(t) for t in tokens), 10)     # the words the page speaks of most
        if tokens & title_tokens:
            s += 2.0 * len(tokens & title_tokens) / len(tokens)
        return s

    scored = [(score(tokens), tokens) for tokens in groups]
    if debug is not None:
        debug.extend(sorted(((round(sc, 2), sorted({n for n, *_ in groups[t]}),
                              [(it[1], round(weight(it), 2)) for it in groups[t]]) for sc, t in scored),
                            reverse=True))
    best, tokens = max(scored, key=lambda x: (x[0], -groups[x[1]][0][1]))
    if best <= 0:
        return None
    names = [n for n, *_ in groups[tokens]]
    return max(names, key=lambda n: (names.count(n), n[0].isupper(), -abs(len(n.split()) - 4)))

