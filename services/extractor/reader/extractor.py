"""The general reader as an `Extractor`: today's rules plus the general ones, over the reader's units,
with what no award can be taken out (the page's funder, a person, a name the page only quotes)."""
from __future__ import annotations

import re
from decimal import Decimal

from services.extractor import orgs
from services.extractor.extract import RULES, Rule, _statement, merge
from services.extractor.reader import confidence, details, grids, lists, named, prose, records, spread
from services.extractor.reader.details.passages import passage_partners
from services.extractor.reader.details.places import dollar_countries
from services.extractor.reader.facts import announcement_facts as reader_facts
from services.extractor.reader.mentions import names_in, org_like, split_joint
from services.extractor.reader.units import read_units
from services.extractor.rules.announcement import announcement_facts, funder_name
from services.extractor.rules.base import Candidate, Context
from shared import variants
from shared.domain import AwardStatement, Extraction, TextDocument

READER_RULES: dict[str, Rule] = {
    **{name: rule for name, rule in RULES.items() if name not in ("money_statements", "table_rows", "council_runs")},
    "council_runs": named.council_runs,
    "include_lists": named.include_lists,
    "amountless_statements": named.amountless_statements,
    "list_items": lists.list_items,
    "grid_rows": grids.grid_rows,
    "money_links": prose.money_links,
    "distributive": spread.distributive,
    "title_links": spread.title_links,
    "same_amount": spread.same_amount,
    "referred_money": spread.referred_money,
    "secured_from": prose.secured_from,
    "received_without_amount": spread.received_without_amount,
    "named_runs": named.named_runs,
    "each_one_named": named.each_one_named,
    "respective_amounts": named.respective_amounts,
    "labelled_records": records.labelled_records,
    "name_then_amount": records.name_then_amount,
    "headed_profiles": records.headed_profiles,
    "amount_groups": records.amount_groups,
}


class GeneralReader:
    """Award facts from every unit of a page, linked by general structure."""

    version = "reader-0.12"   # what a reading stores; reprocess re-reads pages read by another version

    def __init__(self, rules: dict[str, Rule] | None = None):
        self.rules = rules or READER_RULES

    def extract(self, doc: TextDocument) -> Extraction:
        return self.read(doc)[0]

    def read(self, doc: TextDocument, unfiltered: bool = False) -> tuple[Extraction, list[dict[str, float]]]:
        """The extraction and, for each award, the features its confidence was computed from; with
        `unfiltered`, also the candidates the page's funder, programme and phrase checks leave out
        (what the confidence model learns its doubts from)."""
        ctx = Context(doc, read_units(doc.text, doc.title))
        candidates = [c for rule in self.rules.values() for c in rule(ctx) if not lists.award_part(ctx, c)]
        for c in candidates:          # "Lowmere-based Harbour Health": where it is based is no part of its name
            c.recipient = BASED_RX.sub("", c.recipient)
        candidates = _laid_out_first(candidates)
        facts = announcement_facts(doc, [])
        if not unfiltered:
            received = {orgs.name_key(c.recipient) for c in candidates if c.rule in RECEIVING_RULES}
            programmes = programme_acronyms(doc.text)
            candidates = [c for c in candidates
                          if not (_is_funder(c, facts.funder) and orgs.name_key(c.recipient) not in received)
                          and not _is_programme(c, facts) and not PHRASE_RX.match(c.recipient)
                          and c.recipient not in programmes and not _names_no_body(c.recipient)]
        units = ctx.units()
        groups = _without_title_short_names([part for group in merge(candidates) for part in split_listed(group)])
        read = [statement(group, doc) for group in join_co_mentioned(groups)]
        read.sort(key=lambda pair: pair[0].start)
        awards = [a for a, _ in read]
        dollars = page_dollars(doc)
        for award in awards:
            if award.currency == "USD" and dollars != "USD" and "US$" not in award.quote:
                award.currency = dollars
        spell_out_acronyms(doc.text, awards)
        name_in_full(doc.text, awards)
        for n, partners in passage_partners(units, awards).items():
            awards[n].partners = list(dict.fromkeys([*awards[n].partners, *(orgs.resolve(p)[0] for p in partners)]))
        facts = reader_facts(doc, awards, base=facts)
        for award in awards:
            award.funder, award.programme = facts.funder, facts.programme
            # an award that names no work of its own funds the programme's ("the ten areas chosen
            # for the pilot"): its project is the programme
            award.project = award.project or facts.programme
        return Extraction(doc, facts, awards, self.version), [f for _, f in read]


ACRONYM_RX = re.compile(r"[A-Z]{3,8}")


def spell_out_acronyms(text: str, awards: list[AwardStatement]) -> None:
    """An award to "LCE" on a page that names Lowmere College Eastbrook goes to Lowmere College
    Eastbrook: the one organisation on the page whose initials the acronym is."""
    short = [a for a in awards if ACRONYM_RX.fullmatch(a.recipient)]
    if not short:
        return
    every = []
    for m in names_in(text):
        first, others = split_joint(m.name)          # "A and B" names two
        every += [first, *others]
    named = {orgs.name_key(name): name for name in every if len(name.split()) >= 2 and org_like(name)}
    for award in short:
        full = {name for key, name in named.items() if variants.acronym_of(award.recipient.lower(), key)}
        if len(full) == 1:
            award.recipient = full.pop()


# a body named by its kind alone, capitalised as a name: "the University", "the Council", "the Trust"
KIND_ALONE_RX = re.compile(r"(?:University|College|Council|Trust|Foundation|Museum|Society|Hospital|School|Club|"
                           r"Charity|Institute|Academy|Centre|Center|Library|Theatre|Church|Association)")


def name_in_full(text: str, awards: list[AwardStatement]) -> None:
    """An award to "the University" goes to the university the page named in full before it ("The
    University of Lowmere was awarded ... the University announced it had received $X")."""
    for award in awards:
        if not KIND_ALONE_RX.fullmatch(award.recipient):
            continue
        named = [m.name for m in names_in(text[:award.end]) if award.recipient in m.name.split()
                 and len(m.name.split()) >= 2 and org_like(m.name)]
        if named:
            award.recipient = named[-1]


# a page's dollars: "$" on a page that writes A$ or Canadian dollars (and never US$) means those
DOLLAR_CUES = {"AUD": re.compile(r"\b(?:A\$|AU\$|AUD\b|Australian\s+dollars?)"),
               "CAD": re.compile(r"(?:\bCA\$|\bC\$|\bCAD\b|Canadian\s+dollars?)"),
               "NZD": re.compile(r"\b(?:NZ\$|NZD\b|New\s+Zealand\s+dollars?)")}
US_DOLLARS_RX = re.compile(r"\b(?:US\$|U\.S\.\$|USD\b|US\s+dollars?)")


def page_dollars(doc: TextDocument) -> str:
    """The currency a bare "$" stands for on this page: USD unless the page names one other dollar, or
    names places of one other dollar country only."""
    text = "\n".join(filter(None, [doc.title, doc.text]))
    if "$" not in text and "dollar" not in text:
        return "USD"
    named = [code for code, rx in DOLLAR_CUES.items() if rx.search(text)]
    if named:
        return named[0] if len(named) == 1 and not US_DOLLARS_RX.search(text) else "USD"
    # no dollar named: the country the page's places are in, where they are in one
    countries = dollar_countries(text)
    return countries.pop() if len(countries) == 1 and not US_DOLLARS_RX.search(text) else "USD"


def statement(group: list[Candidate], doc: TextDocument) -> tuple[AwardStatement, dict[str, float]]:
    """The award a group of candidates states, with its confidence and the features it came from."""
    award = _statement(group, doc)
    award.recipient = re.sub(r"^[Tt]he\s+(?=\S+\s+\S)", "", award.recipient)
    _add_details(award, group)
    feats = confidence.features(group, doc.title)
    award.confidence = confidence.confidence(feats)
    return award, feats


def _add_details(award: AwardStatement, group: list[Candidate]) -> None:
    """Project, partners and places read from the passages that state the award, where the rule that
    found it left them empty (partners said in sentences of their own: `details.passages`)."""
    best = next((c for c in group if c.unit.start == award.start and c.money is not None), None) or \
        next((c for c in group if c.unit.start == award.start), group[0])
    span = (best.money.start - best.unit.start, best.money.end - best.unit.start) \
        if best.money is not None and best.unit.start <= best.money.start < best.unit.end else None
    found = details.award_details(best.unit.text, best.recipient, span)
    award.project = award.project or found.project
    partners, locations = list(found.partners), list(found.locations)
    # the other passages that state the same award add their places and partners
    for other in {c.unit.start: c for c in group if c.unit.start != best.unit.start}.values():
        more = details.award_details(other.unit.text, other.recipient)
        partners += more.partners
        locations += more.locations
        award.project = award.project or more.project
    award.partners = list(dict.fromkeys([*award.partners, *(orgs.resolve(p)[0] for p in partners)]))
    award.locations = list(dict.fromkeys([*award.locations, *locations]))


def _laid_out_first(candidates: list[Candidate]) -> list[Candidate]:
    """An amount that a record's layout gives to the organisation above it ("Tide Museum" / "Lowmere,
    Westshire" / "$200,000 for Harbour Stories") goes to no other name the amount line holds."""
    laid_out = {(c.unit.start, c.money.start): c.recipient for c in candidates
                if c.rule in LAID_OUT_RULES and c.money is not None}
    return [c for c in candidates if c.money is None or c.rule in LAID_OUT_RULES
            or laid_out.get((c.unit.start, c.money.start), c.recipient) == c.recipient]


# (and a list item's: "Westshire: Harbour Rovers AFC - sports complex (€75,000)" is the club's, not the complex's)
LAID_OUT_RULES = ("name_then_amount", "list_item", "secured_from", "headed_profile", "amount_group")


def _without_title_short_names(groups: list[list[Candidate]]) -> list[list[Candidate]]:
    """A headline's short name for a body the page names in full ("Legion, First Nation and cultural centre
    each land $25,000" above "the Royal Canadian Legion Branch 187", "Alderville First Nation"): the full one."""
    def words(group: list[Candidate]) -> set[str]:
        return set(orgs.fold(group[0].recipient).split())

    def headline(group: list[Candidate]) -> bool:
        return all(c.rule == "title" or c.unit.kind == "heading" for c in group)
    full = [words(g) for g in groups if not headline(g)]
    return [g for g in groups if not headline(g) or not any(words(g) < other for other in full)]


def split_listed(group: list[Candidate]) -> list[list[Candidate]]:
    """One recipient listed with different amounts in different items or rows ("$800,366 to the
    University of Lowmere to ..." and "$249,303 to the University of Lowmere to ..."): an award per
    amount. Its mentions without an amount, or with another, go with the first."""
    totals = [c for c in group if c.money is not None and _said_as_total(c)]
    if totals and any(c.money is not None and c not in totals for c in group):
        group = [c for c in group if c not in totals]      # "X receives a total of $27m" beside X's own awards
    listed = [c for c in group if c.money is not None and c.unit.kind in ("item", "row")]
    values = list(dict.fromkeys(c.money.value for c in listed))
    if len(values) < 2 or len({c.unit.start for c in listed}) < len(values):
        listed = _separate_sentences(group)
        values = list(dict.fromkeys(c.money.value for c in listed))
        if len(values) < 2:
            return [group]
    parts: dict = {v: [] for v in values}
    for c in group:
        parts[c.money.value if c.money is not None and c.money.value in parts else values[0]].append(c)
    return list(parts.values())


_TOTAL_BEFORE_RX = re.compile(r"\b(?:a\s+total\s+of|in\s+total|totall?ing|combined|altogether)\s+(?:\w+\s+){0,2}$", re.I)


def _said_as_total(c: Candidate) -> bool:
    at = c.money.start - c.unit.start
    return 0 <= at <= len(c.unit.text) and _TOTAL_BEFORE_RX.search(c.unit.text[max(0, at - 40):at]) is not None


def _separate_sentences(group: list[Candidate]) -> list[Candidate]:
    """Sentences that each link the recipient to an amount of its own, far apart from the others ("A, of
    the University of X, will lead a $4.5m programme." ... "B's team at the University of X has been
    awarded $4.9m."): two awards. Amounts within a tenth of each other, or a total, restate one."""
    if any(c.rule in ("further_amount", "secured_from") for c in group):   # "A receives £X, with £Y of ..."
        said = [c for c in group if c.money is not None and c.strength >= 2]
        return said if len({c.money.value for c in said}) >= 2 else []
    said = [c for c in group if c.money is not None and c.unit.kind == "sentence" and c.strength >= 2
            and not c.money.approximate]
    by_value = {c.money.value: c for c in said}
    if len(by_value) < 2 or len({c.unit.start for c in said}) < len(by_value):
        return []
    values = sorted(by_value)
    if any(b <= a * Decimal("1.1") for a, b in zip(values, values[1:])):
        return []
    return said


def join_co_mentioned(groups: list[list[Candidate]]) -> list[list[Candidate]]:
    """Two names for one award: the same amount, and one name said in the passage that gives the other
    ("the Northvale centre, hosted by Northvale Hospitals Trust, has been awarded £5m" beside a table row
    for Northvale Hospitals Trust with £5m)."""
    out: list[list[Candidate]] = []
    by_amounts: dict[frozenset, list[list[Candidate]]] = {}     # only groups of equal amounts can join
    for group in sorted(groups, key=lambda g: -max(c.strength for c in g)):
        amounts = frozenset(c.money.value for c in group if c.money is not None)
        for kept in by_amounts.get(amounts, []) if amounts else []:
            shared_unit = {c.unit.start for c in group} & {c.unit.start for c in kept}
            if not shared_unit and not _each(group + kept) and (_said_in(group, kept) or _said_in(kept, group)):
                kept.extend(group)
                break
        else:
            out.append(group)
            by_amounts.setdefault(amounts, []).append(group)
    return out


def _each(cands: list[Candidate]) -> bool:
    return any(c.rule.startswith("each_") for c in cands)


def _said_in(a: list[Candidate], b: list[Candidate]) -> bool:
    names = {orgs.fold(c.recipient) for c in a}
    return any(n and len(n) > 3 and re.search(rf"\b{re.escape(n)}\b", orgs.fold(c.unit.text)) for c in b
               for n in names)


def _is_funder(cand: Candidate, funder: str | None) -> bool:
    """The page's funder is not its own recipient (a sentence "X has awarded £5m" names the giver),
    under any of the names the register of funders knows it by."""
    if not funder:
        return False
    key, fkey = orgs.name_key(cand.recipient), orgs.name_key(funder)
    if funder_name(cand.recipient) == funder:
        return True
    return key == fkey or (len(key) >= 4 and (fkey.startswith(key + " ") or fkey.endswith(" " + key)))


# links that say the organisation receives: a page's apparent funder that one of them names receives
# ("The University of Lowmere announced it was awarded $5m"), and is no funder of its own awards
RECEIVING_RULES = ("subject_receives",)

# where a body is based, before its name: "Lowmere-based Harbour Health"
BASED_RX = re.compile(r"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?-based\s+(?=[A-Z])")
# a job's title, not a body: "Helpline Coordinator, Lowmere – £23,500" in a page's vacancies
POST_TITLE_RX = re.compile(r"\b(?:Coordinator|Co-ordinator|Manager|Officer|Assistant|Administrator|Adviser|Advisor|"
                           r"Worker|Clerk|Technician|Apprentice)$")


# a word for a people, alone, names no body: "led by and serving Black, Indigenous and other people of colour"
PEOPLE_WORDS = {"black", "indigenous", "latino", "latina", "latinx", "hispanic", "asian", "white", "native",
                "aboriginal", "pacific", "caribbean", "african", "arab", "jewish", "muslim"}


def _names_no_body(name: str) -> bool:
    """A job's title or a people's word, not a body."""
    return bool(POST_TITLE_RX.search(name)) and len(name.split()) <= 5 or name.lower() in PEOPLE_WORDS


# "In Suffolk", "At Northvale": a prepositional phrase read as a name
PHRASE_RX = re.compile(r"^(?:In|At|On|For|From|By|With|Across|Under|Over|Near|Within|Throughout)(?:\s|$)")
PROGRAMME_NAME_RX = re.compile(r"\b(?:Fund|Programme|Program|Initiative|Scheme|Challenge|Prize|Competition|"
                               r"Strategy|Deal)$")
_PROGRAMME_WORD_MAX = len("Competition")      # where a name's last word may start, from its end


# a name and the acronym it is given: "the Canada Cultural Spaces Fund (CCSF)"
DEFINED_ACRONYM_RX = re.compile(r"(?P<name>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|and|for|the|in|on|to)){1,8})\s*"
                                r"\((?P<acronym>[A-Z]{2,8})\)")


def programme_acronyms(text: str) -> set[str]:
    """The acronyms a page gives its funds and programmes: "$300m for the CCSF" is money for a programme."""
    return {m.group("acronym") for m in DEFINED_ACRONYM_RX.finditer(text)
            if re.search(r"\b(?:Fund|Programme|Program|Scheme|Initiative)\b", m.group("name"))}


def _is_programme(cand: Candidate, facts) -> bool:
    """Money committed to a programme ("£38m to the Northvale Futures programme") is not an award; a body's
    own fund ("Rotary Club of Lowmere Charity Fund") is the body's."""
    head = re.sub(r"\s+(?:Charity|Charitable|Benevolent|Trust)?\s*Fund$", "", cand.recipient)
    if head != cand.recipient and re.search(r"\b(?:Club|Society|Association|Church|School|Lodge|Guild|League)\b", head):
        return False
    if PROGRAMME_NAME_RX.search(cand.recipient, max(0, len(cand.recipient) - _PROGRAMME_WORD_MAX)):
        # (an initiative said to receive money, or in a table's recipient column, is a body: "the
        # Lowmere Refugee Initiative will receive €90,000")
        return not (cand.recipient.endswith("Initiative") and cand.rule in (*RECEIVING_RULES, "table_row"))
    return bool(facts.programme) and orgs.name_key(cand.recipient) == orgs.name_key(facts.programme)
