"""Consolidation: one document's award statements into announcement and award records.

Every consolidation runs inside one transaction that first takes a PostgreSQL advisory lock, so
consolidations never interleave whatever the number of workers; awards are unique by
(announcement, recipient key) and mentions by (document, ordinal), so a redelivered task can't
duplicate either. Which pages share an announcement and which mentions are one award are decided by
`grouping`, from the pages' own facts, so the records do not depend on arrival order.

This is the hot path of every worker: a handful of statements per page (rows in as one JSON
recordset, one read per table), each built with SQLAlchemy once and run on psycopg directly
(`shared.db.Statement`); the rarer steps (merging announcements, moving mentions) run through
SQLAlchemy Core."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter, namedtuple
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

import orjson
from sqlalchemy import Connection, Date, Integer, Text, any_, bindparam, delete, select, update
from sqlalchemy.dialects.postgresql import ARRAY

from services.extractor import grouping, orgs
from shared.db import Statement, pg_ints, pg_texts
from shared.domain import Extraction
from shared.models import Announcement, Award, AwardHistory, Document, Mention

CORRECTION_RX = re.compile(r"\b(UPDATE:|CORRECTION:|correction|corrected|has been amended|amended to|"
                           r"the exact (?:sum|figure|amount)|final (?:grant )?figure)", re.I)
TRACKED = ("recipient", "recipient_org_id", "amount", "currency", "approximate", "project", "funder",
           "programme", "awarded_on")
LOCK_ID = 0x66756E64  # "fund": the advisory lock all consolidations take

# The statements every page runs, built once; lists go in as arrays (`= ANY`), rows as one JSON recordset.
_LOCK = Statement("SELECT pg_advisory_xact_lock(:id)")
_DROP_MENTIONS = Statement("DELETE FROM mentions WHERE document_id = :doc RETURNING award_id")
# A page's own row once its announcement is known (its reading, signature and LSH bands): with its
# mentions when it has some, in one statement
_PAGE = """
    bands AS (INSERT INTO document_bands (band, hash, document_id)
              SELECT b, h, :doc FROM unnest(CAST(:bands AS smallint[]), CAST(:hashes AS bigint[])) AS u(b, h)
              ON CONFLICT DO NOTHING)"""
_SET_PAGE = """
    UPDATE documents SET text = :text, text_hash = :text_hash, title = :title, published = CAST(:published AS date),
                         extracted_version = :extracted_version, last_error = NULL,
                         signature = CAST(:signature AS jsonb), funder_key = :funder_key,
                         announcement_id = CAST(:announcement_id AS int), status = 'extracted', duplicate_of_id = NULL,
                         updated_at = now()
    WHERE id = :doc"""
_PLACE = Statement(f"WITH {_PAGE} {_SET_PAGE}")
_PLACE_WITH_MENTIONS = Statement(f"""
    WITH {_PAGE}, page AS ({_SET_PAGE} RETURNING fetched_at)
    INSERT INTO mentions (document_id, award_id, ordinal, recipient_key, published, quote, start, "end", values,
                          extractor_version)
    SELECT :doc, r.award_id, r.ordinal, r.recipient_key, CAST(:published AS date), r.quote, r.start, r."end",
           r.values, :extracted_version
    FROM jsonb_to_recordset(CAST(:rows AS jsonb))
         AS r(award_id int, ordinal int, recipient_key text, quote text, start int, "end" int, values jsonb)
    RETURNING id, ordinal, (SELECT fetched_at FROM page)""")
# the change feed's rows of a transaction, in the order they were made
_ADD_CHANGES = Statement("""
    INSERT INTO changes (kind, entity_id, action, document_id)
    SELECT e->>'kind', CAST(e->>'entity_id' AS int), e->>'action', CAST(e->>'document_id' AS int)
    FROM jsonb_array_elements(CAST(:rows AS jsonb)) WITH ORDINALITY AS x(e, n) ORDER BY n""")


def recordset(rows: list[dict[str, Any]]) -> str:
    """Rows as one JSON array for jsonb_to_recordset: many rows in one statement and one parameter,
    instead of a statement per row (Decimal as its exact text, dates as ISO)."""
    return orjson.dumps(rows, default=_exact).decode()


def _exact(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


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


def changed(session: Connection, kind: str, ids: list[int] | set[int], action: str, document_id: int | None) -> None:
    """Append to the change feed (GET /changes): kept by `consolidating`, which writes them in one
    insert when it ends, in the order they were made."""
    session.info[_PENDING_CHANGES].extend(
        {"kind": kind, "entity_id": i, "action": action, "document_id": document_id} for i in sorted(ids))


_PENDING_CHANGES = "fundwatch.pending_changes"


@contextmanager
def consolidating(session: Connection) -> Iterator[None]:
    """A consolidation in this transaction, which every change to the records runs in: the advisory
    lock first (before any row lock, so consolidations never interleave), the change feed's rows
    written together at the end. On an error nothing is written and the transaction is the caller's
    to roll back."""
    _LOCK(session, {"id": LOCK_ID})
    session.info[_PENDING_CHANGES] = []
    try:
        yield
        rows = session.info[_PENDING_CHANGES]
        if rows:
            _ADD_CHANGES(session, {"rows": recordset(rows)})
    finally:
        session.info.pop(_PENDING_CHANGES, None)   # the connection goes back to the pool without them


def store_extraction(session: Connection, doc_id: int, previous: int | None, extraction: Extraction,
                     sig: grouping.Signature, page: dict[str, Any], first_reading: bool = False) -> int | None:
    """Replace the document's mentions with this extraction's and re-derive what they touch.
    `page` is the page's own row (`page_row`), written with its mentions once its announcement is
    known; a page's first reading has no mentions to replace. Returns the document's announcement
    (None when it states no award)."""
    touched = set() if first_reading else _dropped_mentions(session, doc_id)
    if not extraction.awards:
        if previous:
            touched |= regroup(session, previous, doc_id, exclude=doc_id)
            refresh_announcement(session, previous, exclude=doc_id)
        _PLACE(session, {**page, "announcement_id": None})
        recompute_awards(session, touched, doc_id)
        return None
    announcement_id, fresh = _announcement_for(session, doc_id, sig, extraction, previous, touched)
    corrected = bool(CORRECTION_RX.search(extraction.document.text))
    keyed = [(grouping.recipient_key(a.recipient, a.recipient_org_id), ordinal, a)
             for ordinal, a in enumerate(extraction.awards)]
    wanted = {key: (a.recipient, a.recipient_org_id) for key, _, a in sorted(keyed, key=lambda k: k[:2])}
    if announcement_id is None:
        announcement_id, awards, fresh = _new_announcement(session, doc_id, extraction, wanted)
    else:
        awards = _awards(session, announcement_id, wanted)
    rows = []
    for key, ordinal, statement in keyed:
        values = statement.as_json()
        values["correction"] = corrected
        for k in ("quote", "start", "end"):
            values.pop(k)
        rows.append(dict(award_id=awards[key], ordinal=ordinal, recipient_key=key, quote=statement.quote,
                         start=statement.start, end=statement.end, values=values))
    mentions = recordset(rows)
    written = _PLACE_WITH_MENTIONS(session, {**page, "announcement_id": announcement_id, "rows": mentions})
    if fresh:
        # A new announcement holds only this page, whose statements are already one per award, and
        # its awards have no other mentions: their values come from these rows, with no read back.
        ids = {r.ordinal: r.id for r in written}
        fetched_at = written[0].fetched_at
        stated: dict[int, list[Stated]] = {}
        for row in orjson.loads(mentions):   # as PostgreSQL keeps them (JSON values, amounts as text)
            stated.setdefault(row["award_id"], []).append(Stated(
                ids[row["ordinal"]], doc_id, row["recipient_key"], row["quote"], row["values"], page["published"],
                fetched_at))
        new = sorted(stated)
        _set_values(session, new, dict.fromkeys(new, _NEW_AWARD),
                    {a: sorted(said, key=lambda m: m.id) for a, said in stated.items()}, doc_id)
    else:
        touched |= set(awards.values())
        touched |= regroup(session, announcement_id, doc_id, include=doc_id)
        refresh_announcement(session, announcement_id, include=(doc_id, sig))
    if previous and previous != announcement_id:
        touched |= regroup(session, previous, doc_id, exclude=doc_id)
        refresh_announcement(session, previous, exclude=doc_id)
    recompute_awards(session, touched, doc_id)
    return announcement_id


def page_row(doc_id: int, extraction: Extraction, version: str, digest: str, bands: list[tuple[int, int]],
             sig: grouping.Signature) -> dict[str, Any]:
    """A page's own row as `store_extraction` writes it: its reading, signature and LSH bands."""
    doc = extraction.document
    return {"doc": doc_id, "text": doc.text, "text_hash": digest, "title": doc.title, "published": doc.published,
            "extracted_version": version, "signature": orjson.dumps(sig.as_json()).decode(),
            "funder_key": sig.funder, "bands": pg_ints(b for b, _ in bands), "hashes": pg_ints(h for _, h in bands)}


def _dropped_mentions(session: Connection, doc_id: int) -> set[int]:
    """Delete a page's mentions; the awards they were behind."""
    return {r.award_id for r in _DROP_MENTIONS(session, {"doc": doc_id})}


def detach(session: Connection, doc_id: int, previous: int | None) -> None:
    """Take a page out of the records (it duplicates another, or no longer reads): its mentions
    go, and what they touched is re-derived."""
    touched = _dropped_mentions(session, doc_id)
    if previous:
        touched |= regroup(session, previous, doc_id, exclude=doc_id)
        refresh_announcement(session, previous, exclude=doc_id)
    recompute_awards(session, touched, doc_id)


def _announcement_for(session: Connection, doc_id: int, sig: grouping.Signature, extraction: Extraction,
                      previous: int | None, touched: set[int]) -> tuple[int | None, bool]:
    """The announcement of the pages this one reports the same announcement as, merging theirs if
    it links several (the awards that gain mentions go into `touched`); if it links none, the one it
    had (re-extraction), or (None, True): a new one is needed."""
    statement, params = _candidates(doc_id, sig)
    linked = sorted({row.announcement_id for row in statement(session, params)
                     if row.signature and grouping.same_announcement(sig, grouping.Signature.from_json(row.signature))})
    if not linked and previous is not None and _ANNOUNCEMENT_EXISTS(session, {"a": previous}):
        return previous, False
    if not linked:
        return None, True
    target, *others = linked
    for other in others:
        touched |= merge_announcements(session, other, target)
    return target, False


_ANNOUNCEMENT_EXISTS = Statement("SELECT 1 FROM announcements WHERE id = :a")


def _candidates(doc_id: int, sig: grouping.Signature) -> tuple[Statement, dict[str, Any]]:
    """Pages that might report the same announcement: sharing a recipient (within the date window
    and not of another funder), or of the same funder with the same total. `grouping` decides.
    Returns the statement and its parameters."""
    params: dict[str, Any] = {"doc": doc_id, "keys": pg_texts(sig.recipients)}
    if sig.published:
        params["lo"] = sig.published - dt.timedelta(days=grouping.MAX_DAYS_APART)
        params["hi"] = sig.published + dt.timedelta(days=grouping.MAX_DAYS_APART)
    if sig.funder:
        params["funder"] = sig.funder
    if sig.funder and sig.total is not None:
        params["total"] = str(sig.total)
    return _candidates_statement(bool(sig.published), bool(sig.funder), "total" in params), params


@lru_cache(maxsize=8)
def _candidates_statement(windowed: bool, with_funder: bool, with_total: bool) -> Statement:
    """The candidates query for one shape of signature, built once."""
    window = [Mention.published.is_(None) | Mention.published.between(bindparam("lo", type_=Date),
                                                                          bindparam("hi", type_=Date))] \
        if windowed else []
    funder = [Document.funder_key.is_(None) | (Document.funder_key == bindparam("funder", type_=Text))] \
        if with_funder else []
    others = [Document.id != bindparam("doc", type_=Integer), Document.announcement_id.is_not(None)]
    sharing = (select(Document.id, Document.signature, Document.announcement_id)
               .join(Mention, Mention.document_id == Document.id)
               .where(Mention.recipient_key == any_(bindparam("keys", type_=ARRAY(Text))), *others, *window, *funder))
    if with_total:
        same_total = (select(Document.id, Document.signature, Document.announcement_id)
                      .where(Document.funder_key == bindparam("funder", type_=Text),
                             Document.signature["total"].astext == bindparam("total", type_=Text), *others))
        return Statement(sharing.union(same_total))
    return Statement(sharing.distinct())


def merge_announcements(session: Connection, source: int, target: int) -> set[int]:
    """Move one announcement's pages and awards into another (the same award in both: one award).
    Returns the awards that gained mentions."""
    session.execute(update(Document).where(Document.announcement_id == source).values(announcement_id=target))
    existing = dict(session.execute(select(Award.recipient_key, Award.id).where(Award.announcement_id == target)).all())
    gained = set()
    for award_id, key in session.execute(select(Award.id, Award.recipient_key)
                                         .where(Award.announcement_id == source).order_by(Award.id)).all():
        if key in existing:
            _fold_award(session, award_id, existing[key])
            gained.add(existing[key])
        else:
            session.execute(update(Award).where(Award.id == award_id).values(announcement_id=target))
    session.execute(delete(Announcement).where(Announcement.id == source))
    changed(session, "announcement", [source], "deleted", None)
    return gained


def _fold_award(session: Connection, source: int, target: int) -> None:
    session.execute(update(Mention).where(Mention.award_id == source).values(award_id=target))
    session.execute(update(AwardHistory).where(AwardHistory.award_id == source).values(award_id=target))
    session.execute(delete(Award).where(Award.id == source))
    changed(session, "award", [source], "deleted", None)


def regroup(session: Connection, announcement_id: int, document_id: int | None, include: int | None = None,
            exclude: int | None = None) -> set[int]:
    """Re-derive which mentions of an announcement are one award; returns the awards changed.
    `include`/`exclude`: a page joining or leaving the announcement in this transaction."""
    rows = _mentions_statement(include is not None, exclude is not None)(
        session, {"a": announcement_id, "include": include, "exclude": exclude})
    current = {r.id: r.award_id for r in rows}
    mentions = [grouping.MentionRow(r.id, r.recipient_key, r.values.get("recipient") or r.recipient_key,
                                    r.values.get("recipient_org_id"), bool(r.values.get("named_by_place")),
                                    tuple(_key_of(p) for p in r.values.get("partners") or ()))
                for r in rows]
    clusters = [(grouping.cluster_key(g), g) for g in grouping.award_clusters(mentions)]
    wanted = {}
    for key, group in clusters:
        first = next(m for m in group if m.recipient_key == key)
        wanted[key] = (first.recipient, first.org_id)
    ids = _awards(session, announcement_id, wanted)
    moved: set[int] = set()
    keep = set(ids.values())
    went_to: dict[int, int] = {}  # old award -> the award its mentions joined
    moves: list[dict[str, int]] = []
    for key, group in clusters:
        for m in group:
            if current[m.id] != ids[key]:
                went_to.setdefault(current[m.id], ids[key])
                moved |= {current[m.id], ids[key]}
                moves.append({"mention": m.id, "award": ids[key]})
    if moves:
        mentions_table = Mention.__table__
        session.execute(update(mentions_table).where(mentions_table.c.id == bindparam("mention"))
                        .values(award_id=bindparam("award")), moves)
    stale = [r.id for r in _STALE_AWARDS(session, {"a": announcement_id, "keep": pg_ints(sorted(keep))})]
    for award_id in stale:
        if award_id in went_to:  # its history follows its mentions
            session.execute(update(AwardHistory).where(AwardHistory.award_id == award_id)
                            .values(award_id=went_to[award_id]))
        session.execute(delete(Award).where(Award.id == award_id))
        moved.discard(award_id)
    changed(session, "award", stale, "deleted", document_id)
    if not keep:
        session.execute(delete(Announcement).where(Announcement.id == announcement_id))
        changed(session, "announcement", [announcement_id], "deleted", document_id)
    return moved


@lru_cache(maxsize=4)
def _mentions_statement(including: bool, excluding: bool) -> Statement:
    """An announcement's mentions, with a page joining it (`include`) or leaving it (`exclude`)."""
    pages = Document.announcement_id == bindparam("a", type_=Integer)
    if including:
        pages = pages | (Document.id == bindparam("include", type_=Integer))
    if excluding:
        pages = pages & (Document.id != bindparam("exclude", type_=Integer))
    return Statement(select(Mention.id, Mention.award_id, Mention.recipient_key, Mention.values)
                     .join(Document, Document.id == Mention.document_id).where(pages))


_STALE_AWARDS = Statement("SELECT id FROM awards WHERE announcement_id = :a AND id <> ALL(CAST(:keep AS int[]))")
_awards_table = Award.__table__
# The awards insert both statements below share: the missing recipient keys of an announcement,
# created in key order (so concurrent writers would lock them in one order); DO UPDATE rather than
# DO NOTHING so that a row another writer made meanwhile is returned too.
_ADD_AWARDS = """
    INSERT INTO awards (announcement_id, recipient_key, recipient, recipient_org_id, partners, locations, choices,
                        approximate, created_at, updated_at)
    SELECT {announcement}, k, r, o, '[]'::jsonb, '[]'::jsonb, '{{}}'::jsonb, false, now(), now()
    FROM {source} unnest(CAST(:keys AS text[]), CAST(:names AS text[]), CAST(:orgs AS text[])) AS w(k, r, o)
    {where} ORDER BY k
    ON CONFLICT ON CONSTRAINT uq_awards_announcement_recipient DO UPDATE SET announcement_id = EXCLUDED.announcement_id
    RETURNING recipient_key, id"""
# an announcement's awards for these keys, existing rows read (not rewritten), in one statement
_AWARDS_FOR = Statement(f"""
    WITH found AS (SELECT recipient_key, id FROM awards
                   WHERE announcement_id = :a AND recipient_key = ANY(CAST(:keys AS text[]))),
         added AS ({_ADD_AWARDS.format(announcement=":a", source="",
                                       where="WHERE k NOT IN (SELECT recipient_key FROM found)")})
    SELECT recipient_key, id FROM found UNION ALL SELECT recipient_key, id FROM added""")
# a new announcement with its awards, in one statement
_NEW_ANNOUNCEMENT = Statement(f"""
    WITH ann AS (INSERT INTO announcements (key, funder, programme, total_amount, currency, projects, announced_on)
                 VALUES (:key, :funder, :programme, :total, :currency, :projects, :announced_on)
                 ON CONFLICT (key) DO UPDATE SET updated_at = now()
                 RETURNING id, xmax = 0 AS created),
         added AS ({_ADD_AWARDS.format(announcement="ann.id", source="ann,", where="")})
    SELECT ann.id AS announcement_id, ann.created, added.recipient_key, added.id FROM ann LEFT JOIN added ON true""")


def _award_params(wanted: dict[str, tuple[str, str | None]]) -> dict[str, str]:
    keys = sorted(wanted)
    return {"keys": pg_texts(keys), "names": pg_texts(wanted[k][0] for k in keys),
            "orgs": pg_texts(wanted[k][1] for k in keys)}


def _new_announcement(session: Connection, doc_id: int, extraction: Extraction,
                      wanted: dict[str, tuple[str, str | None]]) -> tuple[int, dict[str, int], bool]:
    """A new announcement for a page that links to none, with its awards: one statement. Returns
    its id, its awards, and whether it is new (rather than the page's earlier one, kept by others)."""
    facts = extraction.announcement
    rows = _NEW_ANNOUNCEMENT(session, {
        "key": f"document:{doc_id}", "funder": facts.funder, "programme": facts.programme,
        "total": facts.total_amount, "currency": facts.currency, "projects": facts.projects,
        "announced_on": facts.announced_on, **_award_params(wanted)})
    announcement_id = rows[0].announcement_id
    changed(session, "announcement", [announcement_id], "created", doc_id)
    return announcement_id, {r.recipient_key: r.id for r in rows if r.id is not None}, rows[0].created


def _awards(session: Connection, announcement_id: int, wanted: dict[str, tuple[str, str | None]]) -> dict[str, int]:
    """The award ids of an announcement's recipient keys, creating those missing."""
    if not wanted:
        return {}
    return dict(_AWARDS_FOR(session, {"a": announcement_id, **_award_params(wanted)}))


_SIGNATURES = Statement("SELECT id, signature FROM documents WHERE announcement_id = :a")
# no total from the pages keeps the one the announcement has
_SET_ANNOUNCEMENT = Statement("""
    UPDATE announcements SET funder = :funder, programme = :programme,
                             total_amount = COALESCE(CAST(:total AS numeric), total_amount),
                             announced_on = CAST(:announced_on AS date), updated_at = now()
    WHERE id = :a""")


def refresh_announcement(session: Connection, announcement_id: int, include: tuple[int, grouping.Signature] | None = None,
                         exclude: int | None = None) -> None:
    """An announcement's facts from all the pages that report it: the most common funder and
    programme, the total most pages give, the earliest date."""
    sigs = [(r.id, r.signature) for r in _SIGNATURES(session, {"a": announcement_id})
            if r.id != exclude and r.signature]
    if include is not None:
        sigs = [s for s in sigs if s[0] != include[0]] + [(include[0], include[1].as_json())]
    if not sigs:
        return
    funders = Counter(s.get("funder_name") for _, s in sigs if s.get("funder_name"))
    programmes = Counter(s.get("programme") for _, s in sigs if s.get("programme"))
    totals = Counter(s.get("total") for _, s in sigs if s.get("total"))
    dates = [s["published"] for _, s in sigs if s.get("published")]
    changed(session, "announcement", [announcement_id], "updated", include[0] if include else exclude)
    _SET_ANNOUNCEMENT(session, {"a": announcement_id, "funder": _most_common(funders),
                                "programme": _most_common(programmes),
                                "total": Decimal(_most_common(totals)) if totals else None,
                                "announced_on": dt.date.fromisoformat(min(dates)) if dates else None})


def _most_common(counter: Counter) -> Any:
    return max(counter, key=lambda k: (counter[k], str(k))) if counter else None


AWARD_COLUMNS = (Award.id, Award.recipient, Award.recipient_org_id, Award.amount, Award.currency, Award.approximate,
                 Award.project, Award.funder, Award.programme, Award.awarded_on, Award.choices, Award.partners,
                 Award.locations)
# awards locked (in id order) and read with every mention behind them, in one statement
_AWARDS_STATED = Statement(select(*AWARD_COLUMNS, Mention.id.label("mention_id"), Mention.document_id, Mention.recipient_key,
                         Mention.quote, Mention.values, Document.published, Document.fetched_at)
                  .select_from(Award.__table__.outerjoin(Mention.__table__, Mention.award_id == Award.id)
                               .outerjoin(Document.__table__, Document.id == Mention.document_id))
                  .where(Award.id == any_(bindparam("ids", type_=ARRAY(Integer))))
                  .order_by(Award.id, Mention.id).with_for_update(of=Award.__table__))
_SET_AWARD_VALUES = Statement("""
    UPDATE awards AS a
    SET recipient = r.recipient, recipient_org_id = r.recipient_org_id, amount = r.amount, currency = r.currency,
        approximate = r.approximate, project = r.project, funder = r.funder, programme = r.programme,
        awarded_on = r.awarded_on, partners = r.partners, locations = r.locations, choices = r.choices,
        updated_at = now()
    FROM jsonb_to_recordset(CAST(:rows AS jsonb))
         AS r(award int, recipient text, recipient_org_id text, amount numeric, currency text, approximate boolean,
              project text, funder text, programme text, awarded_on date, partners jsonb, locations jsonb,
              choices jsonb)
    WHERE a.id = r.award""")
_ADD_HISTORY = Statement("""
    INSERT INTO award_history (award_id, field, old_value, new_value, document_id, reason)
    SELECT r.award_id, r.field, r.old_value, r.new_value, r.document_id, r.reason
    FROM jsonb_to_recordset(CAST(:rows AS jsonb))
         AS r(award_id int, field text, old_value jsonb, new_value jsonb, document_id int, reason text)""")
_DROP_AWARDS = Statement("DELETE FROM awards WHERE id = ANY(CAST(:ids AS int[]))")


def recompute_awards(session: Connection, award_ids: set[int], document_id: int | None = None) -> None:
    """Derive awards' values from all their mentions; record what changed and why."""
    if not award_ids:
        return
    ids = sorted(award_ids)
    awards: dict[int, Any] = {}
    stated: dict[int, list[Stated]] = {}
    for r in _AWARDS_STATED(session, {"ids": pg_ints(ids)}):
        awards.setdefault(r.id, r)
        if r.mention_id is not None:
            stated.setdefault(r.id, []).append(Stated(r.mention_id, r.document_id, r.recipient_key, r.quote,
                                                      r.values, r.published, r.fetched_at))
    _set_values(session, ids, awards, stated, document_id)


# an award as just created: no values chosen yet
_NEW_AWARD = namedtuple("_NewAward", [c.key for c in AWARD_COLUMNS])(*(None for _ in AWARD_COLUMNS))._replace(
    choices={})


def _set_values(session: Connection, ids: list[int], awards: dict[int, Any], stated: dict[int, list[Stated]],
                document_id: int | None) -> None:
    """Choose awards' values from their mentions (in mention order) and write them, with what
    changed into history and the change feed; an award with no mentions left is deleted."""
    updates, history, empty, created, modified = [], [], [], [], []
    for award_id in ids:
        award = awards.get(award_id)
        if award is None:
            continue
        rows = stated.get(award_id)
        if not rows:
            empty.append(award_id)
            continue
        new, choices = choose_values(rows)
        if not award.choices:
            created.append(award_id)       # a new record's first values are not a change
        else:
            if any(_jsonable(getattr(award, f)) != _jsonable(new.get(f)) for f in (*TRACKED, "partners", "locations")):
                modified.append(award_id)
            for field in TRACKED:
                old_value, new_value = _jsonable(getattr(award, field)), _jsonable(new.get(field))
                if old_value != new_value and (old_value is not None or field == "amount"):
                    history.append(dict(award_id=award_id, field=field, old_value=old_value, new_value=new_value,
                                        document_id=document_id, reason=choices.get(field, {}).get("reason")))
        updates.append({"award": award_id, **{f: new.get(f) for f in TRACKED}, "partners": new["partners"],
                        "locations": new["locations"], "choices": choices})
    if updates:
        _SET_AWARD_VALUES(session, {"rows": recordset(updates)})
    if history:
        _ADD_HISTORY(session, {"rows": recordset(history)})
    if empty:
        _DROP_AWARDS(session, {"ids": pg_ints(empty)})
    changed(session, "award", created, "created", document_id)
    changed(session, "award", modified, "updated", document_id)
    changed(session, "award", empty, "deleted", document_id)


def choose_values(rows: list[Stated]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The chosen value of each field: an explicit correction first, then the most recent
    statement, then the most specific one; the others are kept with their sources."""
    def when(row: Stated) -> dt.date:
        return row.published or row.fetched_at.date()

    def rank(row: Stated) -> tuple:
        v = row.values
        amount = v.get("amount")
        specific = len(str(amount).rstrip("0").replace(".", "")) if amount is not None else 0
        # ties broken by content, never by arrival order
        return (bool(v.get("correction")), when(row), not v.get("approximate"), specific, row.quote)

    chosen: dict[str, Any] = {}
    choices: dict[str, Any] = {}
    with_amount = [r for r in rows if r.values.get("amount") is not None]
    if with_amount:
        best = max(with_amount, key=rank)
        v = best.values
        chosen.update(amount=Decimal(str(v["amount"])), currency=v.get("currency"),
                      approximate=bool(v.get("approximate")))
        others = [{"value": r.values["amount"], "mention_id": r.id, "document_id": r.document_id}
                  for r in with_amount if r.values["amount"] != v["amount"]]
        reason = ("explicit correction" if v.get("correction") and others else
                  "most recent statement" if others and len({when(r) for r in with_amount}) > 1 else
                  "most specific statement" if others else "only statement" if len(with_amount) == 1 else
                  "all statements agree")
        choices["amount"] = {"reason": reason, "mention_id": best.id, "others": others}
    else:
        chosen.update(amount=None, currency=None, approximate=False)
    # the recipient: the party most sources name (as recipient or as partner of a joint award),
    # then a name over a bare place, a known org-id, the longest name
    appearances = Counter(r.recipient_key for r in rows)
    partner_of = Counter(_key_of(p) for r in rows for p in r.values.get("partners") or ())
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
                     and any(_key_of(p) == named.recipient_key for p in r.values.get("partners") or ())}
    ranked = sorted(rows, key=rank, reverse=True)
    for field in ("project", "funder", "programme"):
        chosen[field] = next((r.values.get(field) for r in ranked if r.values.get(field)), None)
    dates = [r.values.get("awarded_on") for r in rows if r.values.get("awarded_on")]
    chosen["awarded_on"] = dt.date.fromisoformat(min(dates)) if dates else None
    chosen["partners"] = sorted({p for r in rows for p in r.values.get("partners") or []
                                 if _key_of(p) != named.recipient_key} | co_recipients)
    chosen["locations"] = sorted({p for r in rows for p in r.values.get("locations") or []})
    choices["recipient"] = {"reason": "most specific name", "mention_id": named.id}
    choices["latest_mention_id"] = ranked[0].id
    return chosen, choices


def amount_timeline(mentions: list[Mention], chosen_mention_id: int | None) -> list[dict[str, Any]]:
    """What each source said the amount was, oldest first: an award's value history as the sources
    tell it (a rounded first report, then the corrected figure), whatever order they were read in."""
    out = []
    for m in mentions:
        v = m.values
        if v.get("amount") is None:
            continue
        d = m.document
        out.append({"value": v["amount"], "currency": v.get("currency"), "approximate": bool(v.get("approximate")),
                    "stated_on": (d.published or d.fetched_at.date()).isoformat(), "document_id": d.id,
                    "document_url": d.url, "correction": bool(v.get("correction")),
                    "chosen": m.id == chosen_mention_id})
    return sorted(out, key=lambda e: (e["stated_on"], e["correction"], e["document_id"]))


def _key_of(name: str) -> str:
    return grouping.recipient_key(*orgs.resolve(name))


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value
