"""The fetcher process: lease due sources from PostgreSQL, poll each, store new and changed pages."""
from __future__ import annotations

import asyncio
import fnmatch
import logging
import os
import re
import signal
import socket
import threading
from dataclasses import dataclass

from services.fetcher import discover, leases, store
from services.fetcher.http import FetchError, FetchResult, HttpFetcher
from services.fetcher.leases import Leased, Outcome
from services.fetcher.store import StoredPage
from services.fetcher.turns import LATER, URGENT, Turns
from services.fetcher.urls import canonical_url
from shared import metrics, outages, runtime, sources
from shared.settings import Settings, get_settings

log = logging.getLogger("fundwatch.fetcher")
# formats a source's own document may have (a JSON Feed, a gzipped sitemap) but a page may not
NOT_PAGES = frozenset({"application/feed+json", "application/json", "application/gzip", "application/x-gzip"})


@dataclass
class PollReport:
    pages_seen: int = 0
    stored: int = 0
    errors: int = 0
    outcome: Outcome | None = None     # what the round records for the source


class Fetcher:
    def __init__(self, settings: Settings | None = None, owner: str | None = None):
        self.settings = settings or get_settings()
        self.owner = owner or f"{socket.gethostname()}:{os.getpid()}:{id(self):x}"
        self.http = HttpFetcher(self.settings)
        self._page_slots = Turns(self.settings.fetch_concurrency)   # new pages first
        self._busy = False      # the last round leased a full batch of sources

    async def aclose(self) -> None:
        await self.send_counts()
        await self.http.aclose()

    async def poll_due(self) -> int:
        """Poll every source that is due now, renewing their leases while the polls run, then record
        their outcomes in one statement and send the round's fetch counters; returns how many were
        polled. Raises the database's error when it went out of reach meanwhile (the polls it cut
        short are then neither successes nor failures). A round abandoned (the fetcher stopping)
        still records the polls that finished."""
        lease = self.settings.source_lease_seconds
        due = await asyncio.to_thread(leases.lease_due, self.owner, self.settings.fetch_sources_per_lease, lease,
                                      self.settings.fetch_max_pages_per_poll)
        if not due:
            return 0
        outcomes: list[Outcome] = []

        async def polled(src: Leased) -> None:
            report = await self.poll(src)
            if report.outcome is not None:
                outcomes.append(report.outcome)

        renewing = asyncio.create_task(self._renew(lease))
        try:
            results = await asyncio.gather(*(polled(src) for src in due), return_exceptions=True)
        except asyncio.CancelledError:
            await self._record_finished(outcomes)
            raise
        finally:
            renewing.cancel()
        await asyncio.to_thread(leases.record, self.owner, outcomes)
        await self.send_counts()
        for r in results:
            if isinstance(r, BaseException):
                raise r
        return len(due)

    async def _record_finished(self, outcomes: list[Outcome]) -> None:
        """The finished polls of an abandoned round, recorded if the database lets; otherwise their
        sources are released with the rest and polled again."""
        try:
            await asyncio.to_thread(leases.record, self.owner, outcomes)
        except Exception as exc:
            if not outages.DATABASE.noticed(exc):
                log.exception("recording the finished polls of an abandoned round failed")

    async def send_counts(self) -> None:
        """The round's fetch counters to Redis in one round trip (a Redis call a request measured
        slower, see bench/fetch.py); kept for the next round if the broker is away."""
        counts = self.http.tally.take()
        if counts and not await asyncio.to_thread(metrics.send, counts):
            self.http.tally.keep(counts)

    async def _renew(self, lease: int) -> None:
        while True:
            await asyncio.sleep(max(1.0, lease / 3))
            try:
                await asyncio.to_thread(leases.renew, self.owner, lease)
            except Exception as exc:
                if not outages.DATABASE.noticed(exc):
                    log.exception("renewing the leases failed")

    async def release(self) -> None:
        """Give back the sources this fetcher holds (it is stopping, or its polls were cut short)."""
        try:
            n = await asyncio.to_thread(leases.release, self.owner)
        except Exception as exc:
            if not outages.DATABASE.noticed(exc):
                raise
            log.info("leases not released (the database is out of reach); they end within %d s",
                     self.settings.source_lease_seconds)
            return
        if n:
            log.info("released %d sources, due again at once", n)

    async def poll(self, src: Leased) -> PollReport:
        """Poll one source: its own document, then its pages (conditionally); the report's outcome
        is what poll_due records for it. Raises only when the database is out of reach."""
        report = PollReport()
        try:
            links, etag, last_modified = await self._links(src)
            links = [link for link in links if _wanted(src, link)]
            known = await self._stored(src, links)
            links, unchanged = _changed(links, known)
            links, backlog = _this_round(links, known, self.settings.fetch_max_pages_per_poll)
            handoff = _Handoff(self.settings.extract_batch_size)
            # the new pages, handed to the workers as soon as they are stored; then the stored ones,
            # asked again whether they changed (behind other sources' new pages on the same host)
            fresh = [link for link in links if link.url not in known]
            again = [link for link in links if link.url in known]
            links, results = fresh + again, []
            for part in (fresh, again):
                results += await asyncio.gather(*(self._page(src, link, handoff, known.get(link.url)) for link in part),
                                                return_exceptions=True)
                await handoff.flush()
            _raise_outage(results)
            failed = []
            for link, r in zip(links, results):
                report.pages_seen += 1
                if isinstance(r, BaseException):
                    report.errors += 1
                    failed.append(f"{link.url}: {r}")
                    log.warning("source %s: page %s failed: %s", src.name, link.url, r)
                elif r:
                    report.stored += 1
            if links and report.errors == len(links):
                raise FetchError(f"all {len(links)} pages failed, e.g. {failed[0]}")
            note = f"{len(failed)} of {len(links)} pages failed, e.g. {failed[0]}" if failed else None
            report.outcome = Outcome(src.id, True, report.pages_seen, etag, last_modified, note, backlog > 0)
            log.info("source %s: %d pages, %d new or changed%s%s", src.name, report.pages_seen, report.stored,
                     f", {unchanged} unchanged by their sitemap lastmod" if unchanged else "",
                     f", {backlog} left for the next round" if backlog else "")
        except (FetchError, discover.DiscoveryError) as exc:
            report.outcome = Outcome(src.id, False, error=str(exc))
            log.warning("source %s failed: %s", src.name, exc)
        except Exception as exc:  # a bug must not stop the other sources
            if outages.is_database_outage(exc):
                raise    # not the source's failure: the poll is repeated once the database is back
            log.exception("source %s: unexpected error", src.name)
            report.outcome = Outcome(src.id, False, error=f"{type(exc).__name__}: {exc}")
        return report

    async def _stored(self, src: Leased, links: list[discover.Link]) -> dict[str, StoredPage]:
        """The stored pages among these links, by URL: those the lease brought, and the others
        looked up together (one SELECT, none when the lease brought them all)."""
        known, missing = {}, []
        for link in links:
            page = src.pages.get(canonical_url(link.url))
            if page is None:
                missing.append(link.url)
            else:
                known[link.url] = page
        if missing:
            known |= await asyncio.to_thread(store.stored_pages, missing)
        return known

    async def _links(self, src: Leased) -> tuple[list[discover.Link], str | None, str | None]:
        if src.kind == "page":
            return [discover.Link(src.url)], None, None
        res = await self.http.fetch(src.url, trusted=src.trusted, etag=src.etag, last_modified=src.last_modified)
        if res.not_modified:
            # no new pages listed; the ones already known (the lease brought them, last fetched
            # first) are still asked (conditionally) whether they changed
            return [discover.Link(p.url) for p in src.pages.values()], src.etag, src.last_modified
        _ok(res)
        # parsing runs in a thread: a feed of 10,000 items takes about a second of CPU, which on the
        # event loop would eat into the deadlines of every fetch in flight beside it
        if src.kind == "feed":
            links = await asyncio.to_thread(discover.feed_links, res.body, res.url, res.content_type)
            return links, res.etag, res.last_modified
        cap = self.settings.fetch_max_bytes
        if src.kind == "sitemap":
            pages, children = await asyncio.to_thread(discover.sitemap_links, res.body, cap)
            for child in children[: src.max_pages]:
                sub = await self.http.fetch(child, trusted=src.trusted)
                _ok(sub)
                pages += (await asyncio.to_thread(discover.sitemap_links, sub.body, cap))[0]
            return pages, res.etag, res.last_modified
        links, nxt = await asyncio.to_thread(discover.listing_links, res.body, res.url)
        own = {src.url, res.url}   # the listing's own pages are not documents
        for _ in range(src.max_pages - 1):
            if not nxt or nxt in own:
                break
            own.add(nxt)
            page = await self.http.fetch(nxt, trusted=src.trusted)
            _ok(page)
            more, nxt = await asyncio.to_thread(discover.listing_links, page.body, page.url)
            links += more
        # navigation (home, about, other sections) is not the listing's: unless the source's
        # include patterns say which links to follow, only those under the listing's own path
        listed = [link for link in links if link.url not in own
                  and (src.include_patterns or discover.under(res.url, link.url))]
        return listed, res.etag, res.last_modified

    async def _page(self, src: Leased, link: discover.Link, handoff: _Handoff, stored: StoredPage | None) -> bool:
        """Fetch one page, conditionally when `stored`; True when it was new or changed and stored (and
        handed on), with the publication time its listing gave. A page whose sitemap gives a lastmod
        has a 304 recorded as a fetch (or the next poll, comparing lastmod with the last fetch, would ask
        again)."""
        url, dated = link.url, link.modified is not None
        async with self._page_slots.turn(URGENT if stored is None else LATER):
            etag, last_modified = (stored.etag, stored.last_modified) if stored else (None, None)
            res = await self.http.fetch(url, trusted=src.trusted, etag=etag, last_modified=last_modified,
                                        urgent=stored is None)
            if res.not_modified:
                if dated:
                    await asyncio.to_thread(store.touch, url)
                return False
            if res.status in (404, 410) and src.kind == "listing":
                # a dead link on someone's listing page is theirs to mend, not this source failing
                log.info("source %s: %s answered HTTP %d; skipped", src.name, url, res.status)
                return False
            _ok(res)
            ctype = (res.content_type or "").split(";")[0].strip().lower()
            if ctype in NOT_PAGES:
                raise FetchError(f"format not supported: {ctype} (as a page)")
            if not res.body.strip():
                raise FetchError("empty body")
            doc_id = await asyncio.to_thread(store.store_page, src.id, res, False, link.published_at)
            if doc_id is None:
                return False
            await handoff.add(doc_id)
            return True

    async def run_forever(self, stop: asyncio.Event | None = None) -> None:
        """Poll due sources every tick (at once again after a round that leased a full batch, so a
        backlog is worked through at the fetcher's pace, not a batch a tick) until `stop` is set; then
        the round in flight is abandoned and this fetcher's leases released, so a fetcher started next
        polls those sources at once."""
        stop = stop or asyncio.Event()
        n = await self._start(stop)
        if n is None:
            return
        log.info("fetcher %s started; %d sources from %s", self.owner, n, self.settings.sources_file)
        cut_short = False   # a round ended by a database outage left leases to give back
        while not stop.is_set():
            if outages.DATABASE.up:
                if cut_short:
                    await self.release()
                    cut_short = not outages.DATABASE.up
                if not cut_short:
                    cut_short = await self._round(stop)
            if self._busy and not cut_short:
                continue        # the round leased as many sources as it may: more may be due, go on at once
            try:
                await asyncio.wait_for(stop.wait(), self.settings.fetcher_tick_seconds)
            except TimeoutError:
                pass
        await self.release()
        log.info("fetcher %s stopped", self.owner)

    async def _start(self, stop: asyncio.Event) -> int | None:
        """Load the sources file and free the leases of this host's dead fetchers, waiting for the
        database if it is out of reach; None if stopped meanwhile."""
        while not stop.is_set():
            try:
                n = await asyncio.to_thread(sources.sync_file, self.settings.sources_file)
                freed = await asyncio.to_thread(leases.release_dead, socket.gethostname(),
                                                  runtime.alive)
            except Exception as exc:
                if not outages.DATABASE.noticed(exc):
                    raise
                try:
                    await asyncio.wait_for(stop.wait(), self.settings.fetcher_tick_seconds)
                except TimeoutError:
                    pass
                continue
            if freed:
                log.info("released the sources of %s, no longer running", ", ".join(freed))
            return n
        return None

    async def _round(self, stop: asyncio.Event) -> bool:
        """One polling round, abandoned if `stop` is set meanwhile; True when a database outage cut it short."""
        polling = asyncio.create_task(self.poll_due())
        stopping = asyncio.create_task(stop.wait())
        try:
            await asyncio.wait({polling, stopping}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopping.cancel()
        if not polling.done():
            polling.cancel()
            await asyncio.wait({polling}, timeout=5)
            return False
        exc = polling.exception()
        if exc is None:
            self._busy = polling.result() >= self.settings.fetch_sources_per_lease
            return False
        if outages.DATABASE.noticed(exc):
            return True
        log.error("polling round failed; retrying", exc_info=exc)
        return False


class _Handoff:
    """Pages stored by one poll, handed to the workers a full batch at a time and the rest when the
    poll ends. A page stored but not handed on (the fetcher stopped in between) is found by the sweep."""

    def __init__(self, size: int):
        self.size, self.ids = max(1, size), []

    async def add(self, doc_id: int) -> None:
        self.ids.append(doc_id)
        if len(self.ids) >= self.size:
            await self.flush()

    async def flush(self) -> None:
        ids, self.ids = self.ids, []
        if ids:
            await asyncio.to_thread(store.hand_on, ids)


def _changed(links: list[discover.Link], known: dict[str, StoredPage]) -> tuple[list[discover.Link], int]:
    """The links to request: a page stored since its sitemap lastmod is not asked again."""
    keep = [link for link in links
            if link.modified is None or link.url not in known or known[link.url].fetched_at < link.modified]
    return keep, len(links) - len(keep)


def _this_round(links: list[discover.Link], known: dict[str, StoredPage], cap: int) -> tuple[list[discover.Link], int]:
    """At most `cap` links, pages not stored yet first (so a new page is asked before the re-checks
    of known ones queue on its host); and how many new pages wait for the next round. Known pages
    left out are no backlog: they are asked again when the round has room."""
    links = list({link.url: link for link in links}.values())
    new = [link for link in links if link.url not in known]
    ordered = new + [link for link in links if link.url in known]
    return ordered[:cap], max(0, len(new) - cap)


def _ok(res: FetchResult) -> None:
    if res.status != 200:
        raise FetchError(f"HTTP {res.status} for {res.url}")


def _wanted(src: Leased, link: discover.Link) -> bool:
    if src.start_date and link.published and link.published < src.start_date:
        return False
    if src.include_patterns and not any(_match(p, link.url) for p in src.include_patterns):
        return False
    return not any(_match(p, link.url) for p in src.exclude_patterns)


def _match(pattern: str, url: str) -> bool:
    if pattern.startswith("re:"):
        return re.search(pattern[3:], url) is not None
    return fnmatch.fnmatch(url, pattern) or pattern in url


def _raise_outage(results: list) -> None:
    """A page that met the database out of reach did not fail: the whole poll waits for the database."""
    for r in results:
        if isinstance(r, BaseException) and outages.is_database_outage(r):
            raise r


def main() -> None:
    """The fetcher process: SIGTERM and SIGINT stop it promptly, its leases released."""
    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        if threading.current_thread() is threading.main_thread():   # signals reach the main thread only
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(sig, stop.set)
        fetcher = Fetcher()
        try:
            await fetcher.run_forever(stop)
        finally:
            await fetcher.aclose()

    asyncio.run(run())
