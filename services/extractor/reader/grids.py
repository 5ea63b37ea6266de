"""Rule: award records laid out as grids, read by their layout rather than by their wording.

Three layouts are read:

* ``|`` tables ("table_row"): columns in any order; the amount column found by its money, the
  recipient column by its header or, failing that, by cells that read as organisation names; other
  columns give the project, locations and partners. A table of one grant's record (``| Lead | X |``,
  ``| Grant | £Y |``) gives one award ("dl_pair").
* definition lists ("dl_pair"), which the page text renders as alternating ``- `` items: a short name
  followed by a longer item holding its amount, or a record of one grant (``- Lead`` / ``- X`` /
  ``- Grant`` / ``- £Y``, or lines such as ``Lead: X``).
* plain-text grids ("text_grid"), one cell per line as pages converted from PDF give them: a run of
  short header lines ("Organisation", "Grant 2025/26"), then the cells of each row, one per line.

Every candidate's unit is a unit of the page, or one built over a span of the page's text, so that its
quote and money offsets stay true."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from services.extractor import orgs
from services.extractor.reader.amounts import find_amounts as find_money
from services.extractor.reader.mentions import is_place, known_place, org_like, split_joint
from services.extractor.rules import names
from services.extractor.reader.money import AMOUNT_ALONE_RX, about_pay, award_money
from services.extractor.rules.base import Candidate, Context
from services.extractor.rules.tables import tables
from services.extractor.segments import Block, Unit, strip_bullet
from shared.domain import Money

STRENGTH = 3

# --- what a column's header says it holds ---------------------------------------------------------
# "lead partner" is the lead; other partners are partners
LEAD_PARTNER_RX = re.compile(r"^\s*lead\s+partner\s*$", re.I)
PARTNER_HEADER_RX = re.compile(r"\b(partners?|partnering|co-?applicants?|collaborators?|co-?investigators?|"
                               r"supported by|working with|joint with)\b", re.I)
RECIPIENT_HEADER_RX = re.compile(
    r"\b(recipients?|organi[sz]ations?|grantees?|awardees?|applicants?|beneficiar(?:y|ies)|winners?|"
    r"lead(?:\s+\w+)?|led by|hosts?|hosted by|institutions?|charit(?:y|ies)|providers?|bod(?:y|ies)|"
    r"compan(?:y|ies)|grant holders?|funded (?:organi[sz]ation|body)|awarded to|coordinator|"
    r"co-ordinator|commissioners?)\b", re.I)
COUNCIL_HEADER_RX = re.compile(r"\b(councils?|local authorit(?:y|ies)|authorit(?:y|ies)|municipalit(?:y|ies)|"
                               r"local governments?|LGAs?|shires?|boroughs?)\b", re.I)
PROJECT_HEADER_RX = re.compile(
    r"\b(projects?|programmes?|programs?|schemes?|purposes?|descriptions?|challenges?|titles?|activit(?:y|ies)|"
    r"pays? for|used for|what for|what it (?:is|pays|will pay) for|use of (?:funds|grant|money)|summary|"
    r"focus|theme|work)\b", re.I)
LOCATION_HEADER_RX = re.compile(r"\b(areas?|places?|regions?|locations?|count(?:y|ies)|cit(?:y|ies)|towns?|"
                                r"states?|where|countr(?:y|ies)|wards?|sites?|nations?)\b", re.I)
CITY_HEADER_RX = re.compile(r"\b(cit(?:y|ies)|towns?)\b", re.I)
WEAK_RECIPIENT_HEADER_RX = re.compile(r"\b(centres?|centers?|teams?|consortium|consortia|partnerships?|names?|"
                                      r"clubs?|schools?|universit(?:y|ies)|groups?|who)\b", re.I)
AMOUNT_HEADER_RX = re.compile(r"\b(awards?|awarded|grants?|amount|funding|funded|allocations?|allocated|sum|"
                              r"value|contribution|investment|offer(?:ed)?|£|\$|€)", re.I)
NON_AWARD_HEADER_RX = re.compile(
    r"\b(prices?|costs?|fees?|salar(?:y|ies)|pay|wages?|rates?|budgets?|spend(?:ing)?|spent|income|revenue|"
    r"turnover|match(?:ed)?|loss(?:es)?|cuts?|savings?|deficit|debts?|tickets?|subscriptions?|requested|"
    r"asked|applied for|bid|previous|prior|last year|shortfall)\b", re.I)
TOTAL_HEADER_RX = re.compile(r"\btotals?\b", re.I)

# --- what a cell says -----------------------------------------------------------------------------
NONE_CELL_RX = re.compile(r"^\s*(?:[—–-]+|n/?a|none|nil|tbc|tba|\?)?\s*$", re.I)
TOTAL_ROW_RX = re.compile(r"^\s*(?:grand\s+|sub-?)?(?:totals?|all\s+(?:projects|awards|grants|organi[sz]ations)|"
                          r"overall|sum)\b", re.I)
UNNAMED_RX = re.compile(r"\b(not named|unnamed|not yet named|to be (?:confirmed|announced|named)|various|"
                        r"anonymous|undisclosed|tbc|tba)\b", re.I)
TOTAL_MONEY_RX = re.compile(r"\b(?:total(?:\s+\w+){0,2}\s+(?:of|to|at)|in total|totalling|bringing (?:it|the "
                            r"(?:total|award|grant)) to)\s*$", re.I)
ACRONYM_RX = re.compile(r"^[A-Z][A-Z0-9&]{1,7}(?:\s+[A-Z][A-Z0-9&]{1,7})*$")
MIXED_CASE_RX = re.compile(r"^[a-z]+[A-Z][A-Za-z0-9]*$")   # a coined name: "eGrid", "iCare"
NUMBER_WORD_RX = names.NUMBER_WORD_RX
BRACKET_RX = re.compile(r"\s*\(([^()]{2,80})\)\s*$")
PERSON_ORG_RX = re.compile(r"^[^()]*\(([^()]+)\)\s*$")   # "Dr A Smith (Harbour University)"
PRICE_RX = re.compile(r"\b(tickets?|admission|entry fee|per (?:person|ticket|night|delegate)|prices?|priced|"
                      r"(?:from|only|just)\s+[£$€]|fees?|subscriptions?|rrp|discounts?|on sale|deals?|fitted)\b",
                      re.I)
RANK_RX = re.compile(r"^(?:(?:joint|equal|overall)?\s*(?:winners?|first|second|third|fourth|fifth|runners?-up|"
                     r"highly commended|shortlisted|finalists?|\d+(?:st|nd|rd|th))\s*)+$", re.I)
LOCATION_LEAD_RX = re.compile(r"^(?:across|in|throughout|around|all of|parts of)\s+", re.I)


@dataclass
class Cell:
    """One cell of a table row: its text and its offsets in the document text."""
    text: str
    start: int
    end: int


def span_unit(ctx: Context, start: int, end: int, kind: str, block: int) -> Unit:
    """A unit over a span of the page: its text is exactly the document text there."""
    return Unit(kind, ctx.doc.text[start:end], start, end, block)


def is_none(text: str) -> bool:
    """An empty cell, or one that says "none" (a dash, "n/a")."""
    return bool(NONE_CELL_RX.match(text))


def cell_money(text: str, unit: Unit, offset: int) -> Money | None:
    """The award in a cell or item: the total where it names one ("an extra £X, bringing the total
    to £Y"), else its first award amount (award_money has left out caps and rates)."""
    found = award_money(unit, text, offset)
    if not found:
        return None
    for m in found:
        if TOTAL_MONEY_RX.search(text[max(0, m.start - offset - 40):m.start - offset]):
            return m
    return found[0]


def says_each(text: str) -> bool:
    """An amount given per recipient ("£400 each"): not one award to one named body."""
    return bool(re.search(r"[\d.,]+\s*(?:k|m|bn|million|thousand)?\s+(?:each|apiece)\b", text, re.I))


# --- names ---------------------------------------------------------------------------------------
FOOTNOTE_RX = re.compile(r"\s*\[(?:footnote|note)?\s*\d{1,3}\]|\s*\[(?:footnote|note)\s*[a-z]?\]", re.I)


def tidy_name(text: str) -> tuple[str, str | None]:
    """A recipient as written, without bullet, trailing bracket and punctuation; with the bracket's
    content when there was one ("Harbour Trust (Northvale)" -> "Harbour Trust", "Northvale")."""
    _, text = strip_bullet(text.strip().strip("|").strip())      # a cell's own bar: "Harbour Trust |"
    text = FOOTNOTE_RX.sub("", text)          # "Harbour Council [footnote 1]", "Harbour Trust[2]"
    bracket = BRACKET_RX.search(text)
    inner = bracket.group(1).strip() if bracket else None
    if bracket:
        text = text[:bracket.start()]
    return orgs.clean_name(text), inner


def coined(name: str) -> bool:
    """A one-word coined name in mixed case ("eGrid"), which the capitalisation test would refuse."""
    return bool(MIXED_CASE_RX.match(name))


def named_in_cell(name: str) -> bool:
    """A cell under a recipient header names an organisation: it is capitalised, not a count
    ("Five groups"), not a generic description, not a region or a country."""
    if coined(name):
        return True
    if not name or not orgs.is_orgish(name) or counted(name) or names.GENERIC_RX.match(name):
        return False
    if orgs.fold(name) in names.NOT_NAMES or re.fullmatch(r"[\d\s.,%£$€-]+", name):
        return False
    return any(w[0].isupper() or w[0].isdigit() for w in name.split())


def counted(name: str) -> bool:
    """A count or a determiner opening a description ("Five community groups", "Each school"),
    not a title-case name that starts with a number word ("Seven Bridges Arts")."""
    words = name.split()
    if not (NUMBER_WORD_RX.match(words[0]) or names.DETERMINER_RX.match(name)):
        return False
    content = [w for w in words[1:] if not names.CONNECTOR_RX.fullmatch(w)]
    return not content or any(not (w[0].isupper() or w[0].isdigit()) for w in content)


def org_evidence(name: str) -> float:
    """How much a cell reads as an organisation's name: 1 for an org word, a council or an acronym,
    0.5 for a capitalised name of two or more words without figures, else 0."""
    if not name or re.search(r"[£$€%]", name):
        return 0.0
    if orgs.has_org_word(name) or orgs.council(name) or ACRONYM_RX.match(name):
        return 1.0 if named_in_cell(name) else 0.0
    words = [w for w in name.split() if not names.CONNECTOR_RX.fullmatch(w)]
    if len(words) >= 2 and all(w[0].isupper() and w.isalpha() for w in words) and names.acceptable(name):
        return 0.5
    return 0.0


def bracket_org(text: str) -> str | None:
    """The organisation a cell names in its trailing bracket ("Restoring the pier (Harbour Trust)"),
    if the bracket holds a name rather than an abbreviation, a place or a phase."""
    m = BRACKET_RX.search(text)
    if not m:
        return None
    inner = m.group(1).strip()
    if re.search(r"\d", inner) or orgs.is_place(inner) or orgs.fold(inner) in names.NOT_NAMES:
        return None
    if orgs.has_org_word(inner) and named_in_cell(inner):
        return inner
    words = [w for w in inner.split() if not names.CONNECTOR_RX.fullmatch(w)]
    if len(words) >= 2 and names.acceptable(inner) and not ACRONYM_RX.match(inner):
        return inner
    return None


def split_list(text: str) -> list[str]:
    """A cell listing several names: split on ";", or on "," when there is no ";"."""
    if is_none(text):
        return []
    parts = text.split(";") if ";" in text else text.split(",")
    return [p.strip() for p in parts if p.strip() and not is_none(p)]


def partners_in(text: str) -> list[str]:
    """The partner organisations a cell lists; "Dr A Smith (Harbour University)" gives the university."""
    out = []
    for part in split_list(text):
        m = PERSON_ORG_RX.match(part)
        outer = part[:m.start(1)].rstrip(" (") if m else part
        person = m and org_evidence(m.group(1).strip()) > 0 and not orgs.has_org_word(outer)
        name = m.group(1).strip() if person else orgs.clean_name(part)
        if name and (names.acceptable(name) or named_in_cell(name)):
            out.append(name)
    return out


def locations_in(text: str) -> list[str]:
    """The places a cell names: split on ",", ";" and an "and" between two capitalised places."""
    out = []
    for part in re.split(r"[;,/]", "" if is_none(text) else text):
        part = LOCATION_LEAD_RX.sub("", part.strip()).strip()
        if not part:
            continue
        pieces = re.split(r"\s+(?:and|&)\s+(?=[A-Z])", part)
        if len(pieces) > 1 and all(p[:1].isupper() for p in pieces):
            out += pieces
        else:
            out.append(part)
    return [p for p in out if p[:1].isupper() or p[:1].isdigit()]


# --- | tables -------------------------------------------------------------------------------------
SPACED_SPLIT_RX = re.compile(r" {2,}|\t+")   # (a narrow column leaves two spaces: "20 Sep  Harbour Trust")
TRAILING_NUMBER_RX = re.compile(r"\s(\d[\d,]*(?:\.\d\d)?)$")


# the dashes that set a dashed line's cells apart ("Harbour Rovers FC - New pitch - Soccer - 49,865")
DASH_SPLIT_RX = re.compile(r"\s+[-–—]\s*|\s*[-–—]\s+")


def _dash_cells(row: Unit) -> list[Cell]:
    """A dashed line's three cells: its first (the name), what stands between (project, kind, joined as
    one whatever dashes it holds) and its last (the amount)."""
    body = row.text
    cuts = list(DASH_SPLIT_RX.finditer(body))
    lead = len(body) - len(body.lstrip())
    first, last = cuts[0], cuts[-1]
    end = len(body.rstrip())
    spans = [(lead, first.start()), (first.end(), last.start()), (last.end(), end)]
    return [Cell(body[a:b], row.start + a, row.start + b) for a, b in spans]


def row_cells(row: Unit) -> list[Cell]:
    """The cells of a table row with their document offsets (as segments.py splits them); a row with
    no pipes is a plain-text table's line, its cells set apart by runs of spaces."""
    body = row.text
    if "|" not in body and not SPACED_SPLIT_RX.search(body.strip()) and len(DASH_SPLIT_RX.findall(body)) >= 2:
        return _dash_cells(row)
    if "|" not in body:
        cells, pos = [], len(body) - len(body.lstrip())
        for m in [*SPACED_SPLIT_RX.finditer(body, pos), None]:
            end = m.start() if m else len(body.rstrip())
            if end > pos:
                cells.append(Cell(body[pos:end], row.start + pos, row.start + end))
            pos = m.end() if m else pos
        tail = TRAILING_NUMBER_RX.search(cells[0].text) if len(cells) == 1 else None
        if tail:                # "Harbour Trust (for one project) 4,000": the figure is the last cell
            first, name = cells[0], cells[0].text[:tail.start()].rstrip()
            cells = [Cell(name, first.start, first.start + len(name)),
                     Cell(tail.group(1), first.start + tail.start(1), first.start + tail.end(1))]
        return cells
    left = len(body) - len(body.lstrip().lstrip("|"))
    right = len(body.rstrip().rstrip("|"))
    cells, pos = [], left
    for piece in body[left:right].split("|"):
        lead = len(piece) - len(piece.lstrip())
        text = piece.strip()
        start = row.start + pos + lead
        cells.append(Cell(text, start, start + len(text)))
        pos += len(piece) + 1
    return cells


def filled(cells: list[Cell]) -> list[Cell]:
    return [c for c in cells if c.text]


def has_money(cell: Cell, row: Unit) -> bool:
    return bool(award_money(row, cell.text, cell.start))


def header_and_data(rows: list[Unit]) -> tuple[list[str], list[tuple[Unit, list[Cell]]]]:
    """The header's cells (blank when the table has none) and the data rows with their cells;
    caption rows (one filled cell) above the header are dropped."""
    parsed = [(r, row_cells(r)) for r in rows]
    while parsed and len(filled(parsed[0][1])) <= 1 and len(parsed) > 1:
        parsed.pop(0)
    if not parsed:
        return [], []
    row, cells = parsed[0]
    width = max(len(c) for _, c in parsed)
    if len(cells) >= 2 and not any(has_money(c, row) for c in cells) and len(filled(cells)) >= len(cells) - 1:
        header = [c.text for c in cells] + [""] * (width - len(cells))
        data = parsed[1:]
    else:
        header, data = [""] * width, parsed
    return header, [(r, c) for r, c in data if len(filled(c)) >= 2]


def amount_score(header: str) -> int:
    """How far a header says its column holds awards: 2 yes, 0 silent, -1 no (prices, budgets)."""
    if NON_AWARD_HEADER_RX.search(header):
        return -1
    if AMOUNT_HEADER_RX.search(header):
        return 2
    return -1 if TOTAL_HEADER_RX.search(header) else 0


def amount_column(header: list[str], data: list[tuple[Unit, list[Cell]]]) -> int | None:
    """The column of award amounts: money in at least half its rows, and a header that says awards
    (or says nothing, when no other column holds money)."""
    money_cols = []
    for c in range(len(header)):
        hits = sum(1 for r, cells in data if c < len(cells) and has_money(cells[c], r))
        if hits and hits >= len(data) / 2:
            money_cols.append(c)
    scored = [(amount_score(header[c]), c) for c in money_cols]
    awards = [c for s, c in scored if s == 2]
    if awards:
        totals = [c for c in awards if TOTAL_HEADER_RX.search(header[c])]
        return (totals or awards)[0]
    silent = [c for s, c in scored if s == 0]
    return silent[0] if len(silent) == 1 and len(money_cols) == 1 else None


def column_roles(header: list[str], money_col: int) -> dict[int, str]:
    """Each other column's role by its header: partner, recipient, council, project, location, weak."""
    roles = {}
    for c, h in enumerate(header):
        if c == money_col or not h:
            continue
        if PARTNER_HEADER_RX.search(h) and not LEAD_PARTNER_RX.match(h):
            roles[c] = "partner"
        elif RECIPIENT_HEADER_RX.search(h):
            roles[c] = "recipient"
        elif COUNCIL_HEADER_RX.search(h):
            roles[c] = "council"
        elif PROJECT_HEADER_RX.search(h):
            roles[c] = "project"
        elif LOCATION_HEADER_RX.search(h):
            roles[c] = "location"
        elif WEAK_RECIPIENT_HEADER_RX.search(h):
            roles[c] = "weak"
    return roles


def column(data: list[tuple[Unit, list[Cell]]], c: int) -> list[str]:
    return [cells[c].text for _, cells in data if c < len(cells)]


def lists_several(texts: list[str]) -> bool:
    """A column whose cells mostly list several entries ("A (X); B (Y)"): people or partners."""
    return sum(";" in t for t in texts) >= max(1, len(texts) / 2)


_TITLED_RX = re.compile(r"(?:Dr|Prof|Professor|Mr|Mrs|Ms|Sir|Dame|Associate\s+Professor)\.?\s+[A-Z]")


def _people(cells: list[str]) -> bool:
    """A column of people: most of its cells open with a person's title."""
    return len(cells) >= 2 and sum(1 for t in cells if _TITLED_RX.match(t.strip())) * 2 > len(cells)


def recipient_column(header: list[str], data, money_col: int, roles: dict[int, str]) -> int | None:
    """The column naming recipients: by header (recipient, council, then centre/team words, a column
    listing several entries only when nothing else is left), else the column whose cells read most
    as organisation names."""
    people = {c for c in roles if _people(column(data, c))}
    if people and any(r in ("recipient", "council", "weak") and c not in people for c, r in roles.items()):
        roles = {c: r for c, r in roles.items() if c not in people}   # "Led by: Dr A (Biochemistry)" beside "University"
    for role in ("recipient", "council", "weak"):
        cols = [c for c, r in roles.items() if r == role]
        single = [c for c in cols if not lists_several(column(data, c))]
        if single:
            return single[0]
    for role in ("recipient", "council", "weak"):
        cols = [c for c, r in roles.items() if r == role]
        if cols:
            return cols[0]
    if len(data) < 2:
        return None
    best, best_score = None, 0.0
    for c in range(len(header)):
        if c == money_col or roles.get(c) in ("project", "location"):
            continue
        scores = [org_evidence(tidy_name(t)[0]) for t in column(data, c)]
        score = sum(scores)
        if score > best_score and 1.0 in scores and score >= len(data) / 2:
            best, best_score = c, score
    if best is None:   # a table of cities and their prizes: the cities are the recipients
        best = next((c for c, r in roles.items() if r == "location" and CITY_HEADER_RX.search(header[c])), None)
    return best


def row_is_total(cells: list[Cell], money_col: int) -> bool:
    """A totals row ("Total", "All projects"): its first filled cell besides the amount says so."""
    first = next((c.text for i, c in enumerate(cells) if c.text and i != money_col), "")
    return bool(TOTAL_ROW_RX.match(first))


# a recipient cell that names the place after the organisation: "Crooked River Council, Lowmere"
PLACE_AFTER_RX = re.compile(r"(?P<name>[^,]{3,}?),\s*(?P<place>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})")


def read_table(header: list[str], data, money_col: int) -> Iterator[tuple[Unit, str, Money, dict]]:
    """Each data row's recipient, award and other facts, as (row, recipient, money, facts)."""
    roles = column_roles(header, money_col)
    rec_col = recipient_column(header, data, money_col, roles)
    project_cols = [c for c, r in roles.items() if r == "project"]
    if rec_col is None:
        yield from bracket_rows(data, money_col, project_cols, roles)
        return
    partner_cols = [c for c, r in roles.items() if r == "partner" and c != rec_col]
    partner_cols += [c for c, r in roles.items() if r == "recipient" and c != rec_col
                     and lists_several(column(data, c))]
    location_cols = [c for c, r in roles.items() if r == "location" and c != rec_col and
                     not RANK_RX.match(" ".join(column(data, c)))]
    location_cols += [c for c, r in roles.items() if r == "council" and c != rec_col]
    if not project_cols:
        project_cols = [c for c, r in roles.items() if r == "weak" and c != rec_col]
    strict = rec_col not in roles
    for row, cells in data:
        if len(cells) <= max(rec_col, money_col) or row_is_total(cells, money_col) or about_pay(row.text):
            continue
        raw, amount = cells[rec_col].text, cells[money_col]
        if is_none(raw) or UNNAMED_RX.search(raw) or says_each(amount.text):
            continue
        money = cell_money(amount.text, row, amount.start)
        name, inner = tidy_name(raw)
        placed = PLACE_AFTER_RX.fullmatch(name)
        if placed and is_place(placed.group("place")) and not orgs.has_org_word(placed.group("place")) and \
                org_like(placed.group("name")):
            name, inner = placed.group("name"), inner or placed.group("place")   # "Harbour Rivers Trust, Lowmere"
        recipient, joint = split_joint(name)
        if money is None or not (names.acceptable(recipient) if strict else named_in_cell(recipient)):
            continue
        facts = {
            "partners": joint + [p for c in partner_cols if c < len(cells) for p in partners_in(cells[c].text)],
            "locations": [p for c in location_cols if c < len(cells) for p in locations_in(cells[c].text)],
            "project": next((cells[c].text for c in project_cols if c < len(cells) and not is_none(cells[c].text)),
                            None),
        }
        if inner and not orgs.has_org_word(inner) and not ACRONYM_RX.match(inner) and inner[:1].isupper():
            facts["locations"].append(inner)
        yield row, recipient, money, facts


def bracket_rows(data, money_col: int, project_cols: list[int], roles: dict[int, str]):
    """A table without a recipient column whose project cells name the organisation in brackets
    ("Restoring the pier (Harbour Trust)"): the bracketed organisation, at least two rows of them."""
    found = []
    location_cols = [c for c, r in roles.items() if r == "location"]
    for row, cells in data:
        if len(cells) <= money_col or row_is_total(cells, money_col) or says_each(cells[money_col].text):
            continue
        for c in project_cols:
            org = bracket_org(cells[c].text) if c < len(cells) else None
            money = cell_money(cells[money_col].text, row, cells[money_col].start)
            if org and money:
                project = BRACKET_RX.sub("", cells[c].text).strip()
                locations = [p for lc in location_cols if lc < len(cells) for p in locations_in(cells[lc].text)]
                found.append((row, org, money, {"partners": [], "locations": locations, "project": project}))
                break
    if len(found) >= 2:
        yield from found


# --- records of one grant ---------------------------------------------------------------------------
LABELS = {
    "lead": r"lead(?:\s+(?:organi[sz]ation|applicant|institution|body|partner))?|led by|recipients?|grantee|"
            r"awardee|awarded to|grant holder|coordinator|co-ordinator|host(?:\s+institution)?|beneficiary",
    "amount": r"(?:total\s+|(?-i:[A-Z]{2,3})\s+)?(?:grant|award|amount|funding|value)(?!\s+(?:agreement|number|"
              r"no|reference|ref|id|type|date|period|status|scheme|programme|body|round|dates?|holder|officer)\b)"
              r"(?-i:(?:\s+[a-z]+){0,2})",
    "location": r"local sites?|sites?|locations?|areas?|regions?|where|places?|geography(?:\s+served)?|"
                r"areas? (?:served|covered)",
    "project": r"project(?:\s+(?:name|title))?|title|purpose",
    "partners": r"partners?|co-?applicants?|collaborators?|partner organi[sz]ations",
    "funder": r"funder|funded by|funding body",
}
LABEL_RX = {k: re.compile(rf"^(?:{v})\s*:?\s*$", re.I) for k, v in LABELS.items()}
LABEL_LINE_RX = re.compile(r"^(?P<label>" + "|".join(f"(?:{v})" for v in LABELS.values()) +
                           r")(?:\s*:\s*|\s+(?=(?-i:[A-Z£$€\d])))(?P<value>\S.*)$", re.I)


def label_kind(text: str) -> str | None:
    """Which record field a short label names ("Lead", "Grant:", "Local sites"), if any."""
    text = BRACKET_RX.sub("", text.strip()).strip()
    for kind, rx in LABEL_RX.items():
        if rx.match(text):
            return kind
    return None


def is_label(text: str) -> bool:
    """A short item that could be a field's label: a few words, no money, no full stop."""
    words = text.split()
    return 0 < len(words) <= 4 and not re.search(r"[£$€\d.]", text)


def record_candidate(ctx: Context, fields: list[tuple[str, Unit, str, int, int]], kind: str) -> Candidate | None:
    """One award from a grant's record: (field, unit, value text, value offset, label start) entries
    with a lead and an amount. The unit spans the record's fields."""
    by_kind: dict[str, tuple[Unit, str, int, int]] = {}
    for field, unit, value, offset, label_start in fields:
        by_kind.setdefault(field, (unit, value, offset, label_start))
    if "lead" not in by_kind or "amount" not in by_kind:
        return None
    unit, value, offset, _ = by_kind["amount"]
    if says_each(value):
        return None
    money = cell_money(value, unit, offset)
    name, _ = tidy_name(by_kind["lead"][1])
    if money is None or not named_in_cell(name) or UNNAMED_RX.search(name):
        return None
    recipient, joint = split_joint(name)
    used = [v for k, v in by_kind.items() if k != "funder"]
    start = min(label_start for _, _, _, label_start in used)
    end = max(off + len(val) for _, val, off, _ in used)
    locations = locations_in(by_kind["location"][1]) if "location" in by_kind else []
    partners = joint + (partners_in(by_kind["partners"][1]) if "partners" in by_kind else [])
    project = by_kind["project"][1] if "project" in by_kind else None
    span = span_unit(ctx, start, end, kind, min(u.block for u, *_ in used))
    return Candidate(recipient, span, money, "dl_pair", partners, locations, project, STRENGTH)


def item_body(block: Block) -> tuple[str, int]:
    """An item's text without its bullet, and the document offset where that text starts."""
    cut, body = strip_bullet(block.text)
    lead = len(body) - len(body.lstrip())
    return body.strip(), block.start + cut + lead


def alternating_record(ctx: Context, items: list[Block]) -> Candidate | None:
    """A record rendered as alternating items: "- Lead" / "- Harbour Trust" / "- Grant" / "- £6,000"."""
    for first in (0, 1):
        fields = []
        for i in range(first, len(items) - 1, 2):
            label, _ = item_body(items[i])
            if not is_label(label):
                break
            kind = label_kind(label)
            value, offset = item_body(items[i + 1])
            if kind:
                fields.append((kind, items[i + 1].units[0], value, offset, items[i].start))
        cand = record_candidate(ctx, fields, "item")
        if cand is not None:
            return cand
    return None


def label_lines(ctx: Context) -> Iterator[Candidate]:
    """Records written as lines or items "Lead: Harbour Trust", "Grant £6,000", one field a line."""
    run: list[tuple[str, Unit, str, int, int]] = []
    for b in [*ctx.blocks, None]:
        m = None
        if b is not None and b.kind in ("item", "heading", "para") and len(b.text) <= 160:
            body, offset = item_body(b)
            m = LABEL_LINE_RX.match(body)
        if m:
            kind = label_kind(m.group("label"))
            run.append((kind, b.units[0], m.group("value").strip(), offset + m.start("value"), b.start))
            continue
        if len(run) >= 2:
            cand = record_candidate(ctx, run, "item")
            if cand is not None:
                yield cand
        run = []


def table_record(ctx: Context, rows: list[Unit]) -> Candidate | None:
    """A two-column table of one grant's record: "| Lead | X |", "| Grant | £Y |"."""
    fields = []
    for row in rows:
        cells = row_cells(row)
        if len(filled(cells)) != 2 or len(cells) != 2:
            return None
        kind = label_kind(cells[0].text)
        if kind:
            fields.append((kind, row, cells[1].text, cells[1].start, row.start))
    return record_candidate(ctx, fields, "row")


# --- definition lists of names and amounts ----------------------------------------------------------
def item_runs(ctx: Context) -> Iterator[list[Block]]:
    """Runs of consecutive list items."""
    run: list[Block] = []
    for b in [*ctx.blocks, None]:
        if b is not None and b.kind == "item":
            run.append(b)
            continue
        if run:
            yield run
        run = []


def is_name_item(block: Block) -> bool:
    """A definition list's term: a short name, no money, no sentence."""
    body, _ = item_body(block)
    name, _ = tidy_name(body)
    longest = 12 if _TERM_DASH_RX.fullmatch(body) else 8      # ("A Hospital Research Institute — Lowmere")
    if not body or len(body.split()) > longest or body.endswith((".", ":", ";", ",")) or label_kind(body):
        return False
    return not award_money(block.units[0]) and names.acceptable(name) and not UNNAMED_RX.search(body)


def detail_money(block: Block, name: Block) -> Money | None:
    """The amount a definition holds, when it is longer than its term and not a salary or a price."""
    body, offset = item_body(block)
    alone = AMOUNT_ALONE_RX.fullmatch(body.strip()) is not None      # "- $360,000."
    dashed = _TERM_DASH_RX.fullmatch(item_body(name)[0])
    term = dashed.group("name") if dashed else name.text               # (a town after the term's dash is no part)
    if len(body) <= len(term) and not alone or about_pay(body) or PRICE_RX.search(body) or says_each(body):
        return None
    return cell_money(body, block.units[0], offset)


# a term naming the body and then its project: "Harbour Trust – Night Owls"
_TERM_DASH_RX = re.compile(r"(?P<name>[^–—]+?)\s+[–—]\s+(?P<project>[^–—]+)")


def dl_pairs(ctx: Context, items: list[Block]) -> Iterator[Candidate]:
    """Alternating name and amount items: each name with the amount of the item after it; only runs
    of two pairs or more."""
    pairs, i = [], 0
    found: list[list[tuple[Block, Block, Money]]] = []
    while i < len(items) - 1:
        money = detail_money(items[i + 1], items[i]) if is_name_item(items[i]) else None
        if money is not None:
            pairs.append((items[i], items[i + 1], money))
            i += 2
            continue
        if pairs:
            found.append(pairs)
        pairs, i = [], i + 1
    if pairs:
        found.append(pairs)
    for run in found:
        if len(run) < 2:
            continue
        for term, detail, money in run:
            recipient, _ = tidy_name(item_body(term)[0])
            where, project = [], None
            dashed = _TERM_DASH_RX.fullmatch(recipient)
            town = dashed.group("project") if dashed else ""
            if dashed and org_like(dashed.group("name")) and is_place(town) and not org_like(town) and \
                    (known_place(town) or " " not in town):
                recipient, where = dashed.group("name"), [dashed.group("project")]   # "Harbour University — Lowmere"
            elif dashed and org_like(dashed.group("name")):
                recipient, project = dashed.group("name"), dashed.group("project")   # "Harbour Trust – Night Owls"
            placed = PLACE_AFTER_RX.fullmatch(re.sub(r",\s*[A-Z][a-z]{0,4}\.?$", "", recipient))
            if placed and is_place(placed.group("place")) and (org_like(placed.group("name")) or
                                                               len(placed.group("name").split()) >= 2):
                recipient, where = placed.group("name"), [placed.group("place")]   # "Harbour Market Corp., Lowmere"
            span = span_unit(ctx, term.start, detail.end, "item", term.units[0].block)
            yield Candidate(recipient, span, money, "dl_pair", [], where, project, STRENGTH)


# --- plain-text grids -----------------------------------------------------------------------------
def header_role(text: str) -> str | None:
    """What a one-line header cell names: recipients, amounts or another column."""
    if len(text.split()) > 5 or find_money(text) or text.endswith("."):
        return None
    if AMOUNT_HEADER_RX.search(text) and not NON_AWARD_HEADER_RX.search(text):
        return "amount"
    if PARTNER_HEADER_RX.search(text) and not LEAD_PARTNER_RX.match(text):
        return "partner"
    if RECIPIENT_HEADER_RX.search(text) or COUNCIL_HEADER_RX.search(text) or WEAK_RECIPIENT_HEADER_RX.search(text):
        return "recipient"
    if PROJECT_HEADER_RX.search(text):
        return "project"
    if LOCATION_HEADER_RX.search(text):
        return "location"
    return None


def amount_line(block: Block) -> bool:
    """A line that is an amount and little else ("£6,000", "£7,400 each")."""
    money = award_money(block.units[0]) if block.units else []
    if len(money) != 1:
        return False
    rest = block.text[:money[0].start - block.start] + block.text[money[0].end - block.start:]
    return len(rest.split()) <= 3


def text_grids(ctx: Context) -> Iterator[Candidate]:
    """One cell per line: header lines, then each row's cells on the lines that follow."""
    for run in line_runs(ctx):
        i = 0
        while i < len(run):
            roles = []
            while i + len(roles) < len(run) and len(roles) < 5 and header_role(run[i + len(roles)][1].text) and \
                    header_role(run[i + len(roles)][1].text) not in roles:   # (a header names each column once)
                roles.append(header_role(run[i + len(roles)][1].text))
            if len(roles) >= 2 and roles.count("amount") == 1 and "recipient" in roles:
                cands = list(grid_rows_after(ctx, run[i + len(roles):], roles))
                if cands:
                    yield from cands
                    i += len(roles)
                    continue
            i += 1


def line_runs(ctx: Context) -> Iterator[list[tuple[int, Block]]]:
    """Runs of consecutive plain lines (headings and paragraphs, not list items or table rows),
    each line with its block index."""
    run: list[tuple[int, Block]] = []
    for i, b in enumerate([*ctx.blocks, None]):
        if b is not None and b.kind in ("heading", "para"):
            run.append((i, b))
            continue
        if run:
            yield run
        run = []


def grid_rows_after(ctx: Context, lines: list[tuple[int, Block]], roles: list[str]) -> Iterator[Candidate]:
    """The rows of a text grid after its header: groups of len(roles) lines, the amount line where the
    header put it, while the lines keep that shape; at least two rows."""
    k, money_at, name_at = len(roles), roles.index("amount"), roles.index("recipient")
    found, rows, j = [], 0, 0
    while j + k <= len(lines):
        group = [b for _, b in lines[j:j + k]]
        if not amount_line(group[money_at]) or any(
                find_money(g.text) or len(g.text.split()) > 15 for n, g in enumerate(group) if n != money_at):
            break
        rows += 1
        cand = grid_row(ctx, lines[j][0], group, roles)
        if cand is not None:
            found.append(cand)
        j += k
    if rows >= 2:
        yield from found


def grid_row(ctx: Context, block: int, group: list[Block], roles: list[str]) -> Candidate | None:
    """One row of a text grid: its recipient line with the amount on its amount line."""
    name_line, money_line = group[roles.index("recipient")], group[roles.index("amount")]
    name, _ = tidy_name(name_line.text)
    money = cell_money(money_line.text, money_line.units[0], money_line.start)
    if money is None or says_each(money_line.text) or UNNAMED_RX.search(name_line.text) or \
            not names.acceptable(name):
        return None
    project = next((group[n].text for n, r in enumerate(roles) if r == "project"), None)
    locations = [p for n, r in enumerate(roles) if r == "location" for p in locations_in(group[n].text)]
    span = span_unit(ctx, min(g.start for g in group), max(g.end for g in group), "item", block)
    return Candidate(name, span, money, "text_grid", [], locations, project, STRENGTH)


# --- the rule ------------------------------------------------------------------------------------
def table_candidates(ctx: Context) -> Iterator[Candidate]:
    """Awards in | tables: one per data row, or one for a table of one grant's record."""
    for rows in tables(ctx):
        record = table_record(ctx, rows)
        if record is not None:
            yield record
            continue
        header, data = header_and_data(rows)
        if not data:
            continue
        money_col = amount_column(header, data)
        if money_col is None:
            found = list(bare_amount_rows(ctx, rows, header, data))
            yield from found or named_rows(ctx, rows, header, data)
            continue
        for row, recipient, money, facts in read_table(header, data, money_col):
            yield Candidate(recipient, row, money, "table_row", facts["partners"], facts["locations"],
                            facts["project"], STRENGTH)


# what the text just above a table says of the organisations it lists: they got money
NAMED_TABLE_CUE_RX = re.compile(r"\b(?:recipients|funded|awarded|on\s+the\s+list|successful|(?:have|has|will)\s+"
                                r"receive[ds]?|receiving)\b", re.I)
DECLINED_RX = re.compile(r"\b(?:refused|rejected|declined|deferred|withdrawn|unsuccessful|not\s+funded|pending)\b", re.I)


def named_rows(ctx: Context, rows: list[Unit], header: list[str], data) -> Iterator[Candidate]:
    """A table of recipients without amounts ("Organization | What they do"), under a text that says they
    were funded: each row's organisation, its award's amount not given."""
    name_col = next((c for c, h in enumerate(header) if RECIPIENT_HEADER_RX.search(h) and len(h.split()) <= 3), None)
    if name_col is None or len(data) < 2 or "|" not in rows[0].text or \
            any(find_money(r.text) or DECLINED_RX.search(r.text) for r in rows):
        return               # (a | table with a header, of organisations none of which was turned down)
    i = next((n for n, b in enumerate(ctx.blocks) if b.units and b.units[0] is rows[0]), None)
    above = " ".join(b.text for b in ctx.blocks[max(0, (i or 0) - 3):i or 0])
    if i is None or not NAMED_TABLE_CUE_RX.search(above):
        return
    for row, cells in data:
        if len(cells) <= name_col:
            continue
        name, _ = tidy_name(cells[name_col].text)
        if names.acceptable(name) and not UNNAMED_RX.search(name):
            yield Candidate(name, row, None, "table_row", strength=2)


# a header or caption that names the currency of a column of bare numbers: "Amount ($)", "Grant £",
# "Award (US$)", "EUR"
CURRENCY_HEADER_RX = re.compile(r"(?:^|[\s(])(?P<c>£|\$|€|US\$|NZ\$|A\$|AU\$|C\$|CA\$|GBP|USD|EUR|NZD|AUD|CAD)\s*\)?\s*$")
_HEADER_CURRENCIES = {"£": "GBP", "$": "USD", "€": "EUR", "US$": "USD", "NZ$": "NZD", "A$": "AUD", "AU$": "AUD",
                      "C$": "CAD", "CA$": "CAD"}
BARE_AMOUNT_RX = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d\d)?|\d+(?:\.\d\d)?")


def bare_amount_rows(ctx: Context, rows: list[Unit], header: list[str], data) -> Iterator[Candidate]:
    """A table whose amounts are bare numbers, under a header naming their currency ("Award (US$)",
    in any column) or a caption just above the table ("Grants were awarded to:  $" / "Harbour Trust
    3,500", the last column): a name and its award a row, the name from the recipient column."""
    if not data:
        return
    money_col, currency = None, None
    for c, h in enumerate(header):
        m = CURRENCY_HEADER_RX.search(h) if h else None
        if m and sum(1 for _, cells in data if c < len(cells) and BARE_AMOUNT_RX.fullmatch(cells[c].text)) \
                >= max(2, len(data) / 2):
            money_col, currency = c, m.group("c")
            break
    captioned = money_col is None
    if captioned:
        caption = ctx.blocks[rows[0].block - 1].text if rows[0].block > 0 else ""
        m = CURRENCY_HEADER_RX.search(caption) if caption else None
        if m is None:
            return
        money_col, currency = -1, m.group("c")
    currency = _HEADER_CURRENCIES.get(currency, currency)
    numbered = [(row, cells) for row, cells in data if len(cells) > money_col
                and BARE_AMOUNT_RX.fullmatch(cells[money_col].text)]
    if len(numbered) < max(2, len(data) / 2):
        return
    rec_col = 0 if captioned else recipient_column(header, data, money_col, column_roles(header, money_col))
    if rec_col is None:
        return
    for row, cells in numbered:
        if rec_col >= len(cells):
            continue
        name, _ = tidy_name(cells[rec_col].text)
        recipient, joint = split_joint(name)
        if captioned and len(filled(cells)) != 2 or not names.acceptable(recipient) or about_pay(row.text):
            continue
        amount = cells[money_col]
        money = Money(Decimal(amount.text.replace(",", "")), currency, start=amount.start, end=amount.end)
        if money.value > 0:
            yield Candidate(recipient, row, money, "table_row", joint, strength=STRENGTH)


def list_candidates(ctx: Context) -> Iterator[Candidate]:
    """Awards in definition lists: a grant's record, or alternating names and amounts."""
    for items in item_runs(ctx):
        record = alternating_record(ctx, items)
        if record is not None:
            yield record
            continue
        yield from dl_pairs(ctx, items)


def grid_rows(ctx: Context) -> Iterator[Candidate]:
    """Award records laid out as grids: | tables, definition lists and one-cell-a-line text grids."""
    yield from table_candidates(ctx)
    yield from list_candidates(ctx)
    yield from label_lines(ctx)
    yield from text_grids(ctx)
