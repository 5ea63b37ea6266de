"""Consolidation: one document's award statements into announcement and award records.

Every consolidation runs inside one transaction under one advisory lock (`changes.consolidating`),
so consolidations never interleave whatever the number of workers; awards are unique by
(announcement, recipient key) and mentions by (document, ordinal), so a redelivered task can't
duplicate either. Which pages share an announcement and which mentions are one award are decided by
`grouping`, from the pages' own facts, so the records do not depend on arrival order.

This is the hot path of every worker: a handful of statements per page (rows in as one JSON
recordset, one read per table), each built with SQLAlchemy once and run on psycopg directly
(`shared.db.Statement`); the rarer steps (merging announcements, moving mentions) run through
SQLAlchemy Core."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache
from typing import Any

import orjson
from sqlalchemy import Connection, Date, Integer, Text, any_, bindparam, delete, literal, select, update
from sqlalchemy.dialects.postgresql import ARRAY

from services.extractor import grouping
from shared import variants
from services.extractor.changes import changed, recordset
from services.extractor.repo import DROP_AWARDS, NEW_AWARD, recompute_awards, set_values
from services.extractor.values import Stated, announcement_values, party_key
from shared.db import Statement, pg_ints, pg_texts
from shared.domain import Extraction
from shared.models import Announcement, Award, Document, Mention

# The statements every page runs, built once; lists go in as arrays (`= ANY`), rows as one JSON recordset.
_DROP_MENTIONS = Statement("DELETE FROM mentions WHERE document_id = :doc RETURNING award_id")
# A page's own row once its announcement is known (its reading, signature and LSH bands): with its
# mentions when it has some, in one statement
_PAGE = """
    bands AS (INSERT INTO document_bands (band, hash, document_id)
              SELECT b, h, :doc FROM unnest(CAST(:bands AS smallint[]), CAST(:hashes AS bigint[])) AS u(b, h)
              ON CONFLICT DO NOTHING)"""
_SET_PAGE = """
    UPDATE documents SET text = :text, text_hash = :text_hash, title = :title, published = CAST(:published AS date),
                         published_at = coalesce(published_at, CAST(:published_at AS timestamptz)),
                         extracted_version = :extracted_version, last_error = NULL,
                         signature = CAST(:signature AS jsonb), funder_key = :funder_key,
                         recipient_forms = CAST(:forms AS text[]),
                         announcement_id = CAST(:announcement_id AS int), status = :status,
                         duplicate_of_id = CAST(:original AS int), updated_at = now()
    WHERE id = :doc"""
_PLACE = Statement(f"WITH {_PAGE} {_SET_PAGE}")
_PLACE_COPY = Statement(_SET_PAGE)   # a copy keeps its reading, but no bands: lookups find the original
_PLACE_WITH_MENTIONS = Statement(f"""
    WITH {_PAGE}, page AS ({_SET_PAGE} RETURNING fetched_at)
    INSERT INTO mentions (document_id, award_id, ordinal, recipient_key, published, quote, start, "end", values,
                          extractor_version)
    SELECT :doc, r.award_id, r.ordinal, r.recipient_key, CAST(:published AS date), r.quote, r.start, r."end",
           r.values, :extracted_version
    FROM jsonb_to_recordset(CAST(:rows AS jsonb))
         AS r(award_id int, ordinal int, recipient_key text, quote text, start int, "end" int, values jsonb)
    RETURNING id, ordinal, (SELECT fetched_at FROM page)""")


def store_extraction(session: Connection, doc_id: int, previous: int | None, extraction: Extraction,
                     sig: grouping.Signature, page: dict[str, Any], first_reading: bool = False,
                     copied: set[tuple[str, Decimal | None]] = frozenset()) -> int | None:
    """Replace the document's mentions with this extraction's and re-derive what they touch.
    `page` is the page's own row (`page_row`), written with its mentions once its announcement is
    known; a page's first reading has no mentions to replace. A near copy of another page
    (`page["original"]`) marks the statements that page makes too (`copied`: recipient key and
    amount) as copies of it: sources, but not independent ones. Returns the document's announcement
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
    corrected = sig.correction
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
        if (key, statement.amount) in copied:
            values["copy_of"] = page["original"]
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
                fetched_at, extraction.document.url))
        new = sorted(stated)
        set_values(session, new, dict.fromkeys(new, NEW_AWARD),
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
            "published_at": doc.published_at,
            "extracted_version": version, "signature": orjson.dumps(sig.as_json()).decode(),
            "funder_key": sig.funder, "forms": pg_texts(variants.page_forms(sig.recipients)), "bands": pg_ints(b for b, _ in bands), "hashes": pg_ints(h for _, h in bands),
            "status": "extracted", "original": None}


def store_copy(session: Connection, doc_id: int, previous: int | None, page: dict[str, Any], original: int) -> None:
    """Record a page as a copy of an earlier one: out of the records, its row pointing at the original."""
    detach(session, doc_id, previous)
    _PLACE_COPY(session, {**page, "status": "duplicate", "original": original, "announcement_id": None})


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
    rows = [(row.announcement_id, grouping.Signature.from_json(row.signature))
            for row in statement(session, params) if row.signature]
    linked = sorted(grouping.linked_announcements(sig, rows))
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
    """Pages that might report the same announcement: sharing a recipient, or naming one by a
    shorter form or acronym of the other's (within the date window and not of another funder), or
    of the same funder with the same total. `grouping` decides. Returns the statement and its parameters."""
    forms = variants.page_forms(sig.recipients)
    params: dict[str, Any] = {"doc": doc_id, "keys": pg_texts(sorted({*sig.recipients, *forms})),
                              "names": pg_texts(sorted(sig.recipients))}
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
    lo, hi = bindparam("lo", type_=Date), bindparam("hi", type_=Date)
    window = [Mention.published.is_(None) | Mention.published.between(lo, hi)] if windowed else []
    page_window = [Document.published.is_(None) | Document.published.between(lo, hi)] if windowed else []
    named = bindparam("funder", type_=Text)
    # not of another funder: the same, or one the other's last words (`grouping.same_funder`)
    funder = [Document.funder_key.is_(None) | (Document.funder_key == named)
              | named.like(literal("% ") + Document.funder_key) | Document.funder_key.like(literal("% ") + named)] \
        if with_funder else []
    others = [Document.id != bindparam("doc", type_=Integer), Document.announcement_id.is_not(None)]
    columns = (Document.id, Document.signature, Document.announcement_id)
    sharing = (select(*columns)
               .join(Mention, Mention.document_id == Document.id)
               .where(Mention.recipient_key == any_(bindparam("keys", type_=ARRAY(Text))), *others, *window, *funder))
    # pages naming in full what this one names by a shorter form or an acronym
    restating = select(*columns).where(Document.recipient_forms.overlap(bindparam("names", type_=ARRAY(Text))),
                                       *others, *page_window, *funder)
    queries = [sharing, restating]
    if with_total:
        queries.append(select(*columns).where(Document.funder_key == bindparam("funder", type_=Text),
                                              Document.signature["total"].astext == bindparam("total", type_=Text),
                                              *others))
    return Statement(queries[0].union(*queries[1:]))


def merge_announcements(session: Connection, source: int, target: int) -> set[int]:
    """Move one announcement's pages and awards into another (the same award in both: one award).
    Returns the awards that gained mentions."""
    session.execute(update(Document).where(Document.announcement_id == source).values(announcement_id=target))
    existing = dict(session.execute(select(Award.recipient_key, Award.id).where(Award.announcement_id == target)).all())
    folded: dict[int, int] = {}   # an award of the source -> the target's award for the same recipient
    for award_id, key in session.execute(select(Award.id, Award.recipient_key)
                                         .where(Award.announcement_id == source).order_by(Award.id)).all():
        if key in existing:
            folded[award_id] = existing[key]
        else:
            session.execute(update(Award).where(Award.id == award_id).values(announcement_id=target))
    if folded:
        _FOLD_MENTIONS(session, {"old": pg_ints(folded), "new": pg_ints(folded.values())})
        _retire_awards(session, list(folded), folded, None)
    session.execute(delete(Announcement).where(Announcement.id == source))
    changed(session, "announcement", [source], "deleted", None)
    return set(folded.values())


def _retire_awards(session: Connection, awards: list[int], successors: dict[int, int], document_id: int | None) -> None:
    """Delete awards whose mentions have all gone elsewhere; each one's history follows it to its
    successor (the award its mentions joined), and the change feed says it went."""
    followed = [(old, successors[old]) for old in awards if old in successors]
    if followed:
        _MOVE_HISTORY(session, {"old": pg_ints(o for o, _ in followed), "new": pg_ints(n for _, n in followed)})
    if awards:
        DROP_AWARDS(session, {"ids": pg_ints(awards)})
    changed(session, "award", awards, "deleted", document_id)


def regroup(session: Connection, announcement_id: int, document_id: int | None, include: int | None = None,
            exclude: int | None = None) -> set[int]:
    """Re-derive which mentions of an announcement are one award; returns the awards changed.
    `include`/`exclude`: a page joining or leaving the announcement in this transaction."""
    rows = _mentions_statement(include is not None, exclude is not None)(
        session, {"a": announcement_id, "include": include, "exclude": exclude})
    current = {r.id: r.award_id for r in rows}
    mentions = [grouping.MentionRow(r.id, r.recipient_key, r.values.get("recipient") or r.recipient_key,
                                    r.values.get("recipient_org_id"), bool(r.values.get("named_by_place")),
                                    tuple(party_key(p) for p in r.values.get("partners") or ()))
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
    moves: list[tuple[int, int]] = []  # (mention, award it joins)
    for key, group in clusters:
        for m in group:
            if current[m.id] != ids[key]:
                went_to.setdefault(current[m.id], ids[key])
                moved |= {current[m.id], ids[key]}
                moves.append((m.id, ids[key]))
    if moves:
        _MOVE_MENTIONS(session, {"mentions": pg_ints(m for m, _ in moves), "awards": pg_ints(a for _, a in moves)})
    stale = [r.id for r in _STALE_AWARDS(session, {"a": announcement_id, "keep": pg_ints(sorted(keep))})]
    _retire_awards(session, stale, went_to, document_id)
    moved.difference_update(stale)
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
_MOVE_MENTIONS = Statement("""
    UPDATE mentions AS m SET award_id = u.award
    FROM unnest(CAST(:mentions AS int[]), CAST(:awards AS int[])) AS u(mention, award) WHERE m.id = u.mention""")
_FOLD_MENTIONS = Statement("""
    UPDATE mentions AS m SET award_id = u.new
    FROM unnest(CAST(:old AS int[]), CAST(:new AS int[])) AS u(old, new) WHERE m.award_id = u.old""")
_MOVE_HISTORY = Statement("""
    UPDATE award_history AS h SET award_id = u.new
    FROM unnest(CAST(:old AS int[]), CAST(:new AS int[])) AS u(old, new) WHERE h.award_id = u.old""")
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
    announcement_id, created = rows[0].announcement_id, rows[0].created
    if created:   # otherwise the page's earlier announcement, whose refresh records the update
        changed(session, "announcement", [announcement_id], "created", doc_id)
    return announcement_id, {r.recipient_key: r.id for r in rows if r.id is not None}, created


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
    changed(session, "announcement", [announcement_id], "updated", include[0] if include else exclude)
    _SET_ANNOUNCEMENT(session, {"a": announcement_id, **announcement_values([s for _, s in sigs])})
