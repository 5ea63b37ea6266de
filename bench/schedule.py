"""Sources on schedule: N sources on a local server (an aiohttp app in its own process), each due
every INTERVAL seconds, polled by the real fetcher (services.fetcher.service.Fetcher: its poll_due
and run_forever loop, default lease size and tick) against an embedded PostgreSQL.

The mix, as monitoring sees it (most sources unchanged most of the time): 40% feeds answering 304
(their one known page asked again conditionally: 304 too), 20% feeds with one new item on every
request (two known items 304, the new one stored and handed to Redis), 20% sitemaps (200, their
pages unchanged by lastmod: not asked) and 20% single pages answering 304.

Phases: every source polled once (the first, full fetch); then only the 304 sources, as fast as one
process goes (CPU and SQL statements per 304 poll; then the two parts of that CPU timed alone: a
304 request, an SQL call); then every source's due time spread evenly over one interval and the
run loop of one, then two fetcher processes (sharing the sources through their leases) run for a
window: lag from due time to the poll starting (a source still due and unpolled at the end counts
at its age), CPU and statements per poll; then every source due at once, one against two
processes: the rate the loop reaches.

One local host stands for N hosts: per-host politeness (interval, concurrency) is switched off for
the benchmark, as N real sources sit on many hosts. CPU figures are process_time (all threads) of
the fetcher's process, idle moments of the loop included on schedule; PostgreSQL and the HTTP
server run in their own processes, on the same 2 cores as everything else."""
from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import textwrap
import time

from sqlalchemy import event, text

from bench.common import ROOT, heading, row, wait_for_port
from bench.fetch import free_port
from bench.servers import servers

MIX = (("f304", "feed", 4), ("fnew", "feed", 2), ("sm", "sitemap", 2), ("pg", "page", 2))   # tenths of N

SERVER = textwrap.dedent("""
    import sys
    from aiohttp import web
    PAGE = b"<html><head><title>Grant news</title></head><body><p>" + b"A community trust was awarded a grant. " * 40 + b"</p></body></html>"
    counters = {}
    def conditional(request, etag, body, ctype):
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=body, content_type=ctype, headers={"ETag": etag})
    def rss(port, urls):
        items = "".join(f"<item><title>{u}</title><link>http://127.0.0.1:{port}{u}</link><guid>{u}</guid></item>" for u in urls)
        return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>http://127.0.0.1/</link>'
                f'<description>t</description>{items}</channel></rss>').encode()
    async def f304(request):
        i = request.match_info["i"]
        return conditional(request, f'"f{i}"', rss(PORT, [f"/p/{i}-0.html"]), "application/rss+xml")
    async def fnew(request):
        i = request.match_info["i"]
        k = counters[i] = counters.get(i, 0) + 1
        return conditional(request, f'"n{i}-{k}"', rss(PORT, [f"/n/{i}-{j}.html" for j in range(k, max(0, k - 3), -1)]),
                           "application/rss+xml")
    async def sm(request):
        i = request.match_info["i"]
        urls = "".join(f"<url><loc>http://127.0.0.1:{PORT}/s/{i}-{j}.html</loc><lastmod>2025-01-01</lastmod></url>" for j in range(2))
        body = f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        return web.Response(body=body.encode(), content_type="application/xml")
    async def page(request):
        name = request.match_info["name"]
        return conditional(request, f'"{name}"', PAGE + name.encode(), "text/html")
    async def robots(request):
        return web.Response(text="User-agent: *\\nAllow: /\\n")
    PORT = int(sys.argv[1])
    app = web.Application()
    app.router.add_get("/robots.txt", robots)
    app.router.add_get("/f304/{i}.xml", f304)
    app.router.add_get("/fnew/{i}.xml", fnew)
    app.router.add_get("/sm/{i}.xml", sm)
    app.router.add_get("/{kind}/{name}", page)
    web.run_app(app, host="127.0.0.1", port=PORT, print=None, access_log=None)
""")


def start_server(port: int) -> subprocess.Popen:
    return wait_for_port(subprocess.Popen([sys.executable, "-c", SERVER, str(port)]), port)


def add_sources(n: int, port: int, interval: int) -> None:
    """N trusted sources by bulk SQL, in the mix above, all due now."""
    from shared.db import get_engine

    with get_engine().begin() as conn:
        start = 0
        for prefix, kind, tenths in MIX:
            count = n * tenths // 10 if prefix != "pg" else n - start
            path = "'/pg/' || i || '.html'" if kind == "page" else f"'/{prefix}/' || i || '.xml'"
            conn.execute(text(
                "INSERT INTO sources (name, kind, url, interval_seconds, trusted, enabled, include_patterns,"
                " exclude_patterns, max_pages, consecutive_failures, pages_seen, next_due_at, created_at)"
                f" SELECT '{prefix}-' || i, :kind, 'http://127.0.0.1:{port}' || {path}, :interval, true, true,"
                " '[]', '[]', 5, 0, 0, now(), now() FROM generate_series(CAST(:lo AS int), CAST(:hi AS int)) AS i"),
                {"kind": kind, "interval": interval, "lo": start, "hi": start + count - 1})
            start += count
        conn.execute(text("ANALYZE sources"))


def bench_settings(**overrides: object):
    from shared.settings import get_settings

    base = {"fetch_host_interval": 0.0, "fetch_per_host_concurrency": 50, "sources_file": ROOT / "var" / "none.yaml"}
    return get_settings().model_copy(update=base | overrides)


def drive(seconds: float, drain: bool = False, **overrides: object) -> dict:
    """Run one Fetcher's loop in this process for `seconds` (or, with drain, until nothing is due);
    returns polls, lags (seconds from due time to the poll starting), CPU seconds, SQL statements."""
    from services.fetcher.service import Fetcher
    from shared.db import get_engine

    stats = {"polls": 0, "lags": [], "statements": 0}

    def count_statement(*_args: object) -> None:
        stats["statements"] += 1

    class TimedFetcher(Fetcher):
        async def poll(self, src):
            stats["lags"].append(time.time() - src.next_due_at.timestamp())
            stats["polls"] += 1
            return await super().poll(src)

    async def go() -> None:
        fetcher = TimedFetcher(bench_settings(**overrides))
        try:
            if drain:
                while await fetcher.poll_due():
                    pass
            else:
                try:
                    await asyncio.wait_for(fetcher.run_forever(), seconds)
                except TimeoutError:
                    pass
        finally:
            await fetcher.aclose()

    engine = get_engine()
    event.listen(engine, "before_cursor_execute", count_statement)
    cpu, wall = time.process_time(), time.perf_counter()
    try:
        asyncio.run(go())
    finally:
        event.remove(engine, "before_cursor_execute", count_statement)
    stats["cpu"], stats["wall"], stats["end"] = time.process_time() - cpu, time.perf_counter() - wall, time.time()
    return stats


def parts(port: int, runs: int = 300) -> tuple[float, float]:
    """Where a 304 poll's CPU goes, each part alone in this process: CPU ms of one conditional
    request answered 304 (HttpFetcher), and of one of the fetcher's SQL calls (a session, one
    SELECT by canonical URL, its commit: store.stored_pages, the look-up of pages a lease did not bring)."""
    from services.fetcher import store
    from services.fetcher.http import HttpFetcher

    url = f"http://127.0.0.1:{port}/pg/0.html"

    async def requests() -> None:
        http = HttpFetcher(bench_settings())
        try:
            for _ in range(runs):
                res = await http.fetch(url, trusted=True, etag='"0.html"')
                assert res.not_modified
        finally:
            await http.aclose()

    asyncio.run(requests())          # warm: connection, robots.txt
    cpu = time.process_time()
    asyncio.run(requests())
    http_ms = (time.process_time() - cpu) * 1000 / runs
    store.stored_pages([url])
    cpu = time.process_time()
    for _ in range(runs):
        store.stored_pages([url])
    return http_ms, (time.process_time() - cpu) * 1000 / runs


def child(seconds: float) -> None:
    """A fetcher process of the shared run: its figures as JSON on stdout."""
    import logging

    logging.disable(logging.WARNING)
    print(json.dumps(drive(seconds)))


OFFSET = 4.0   # seconds from the schedule's setting to its first due time: the fetcher processes start meanwhile


def spread(interval: int, kinds: tuple[str, ...] | None = None, offset: float = OFFSET) -> None:
    """Sources due one after another, evenly over one interval starting `offset` s from now (or,
    given kinds, those sources' prefixes due now and the rest not for a day)."""
    from shared.db import get_engine

    with get_engine().begin() as conn:
        # a window's end cancels the polls in flight: their leases go with them
        conn.execute(text("UPDATE sources SET lease_until = NULL, lease_owner = NULL"))
        if kinds is None:
            conn.execute(text(
                "UPDATE sources s SET next_due_at = now() + make_interval(secs => :off + :iv * r.k / r.n)"
                " FROM (SELECT id, row_number() OVER (ORDER BY random()) - 1 AS k, count(*) OVER () AS n"
                " FROM sources) r WHERE r.id = s.id"), {"off": offset, "iv": interval})
        else:
            conn.execute(text("UPDATE sources SET next_due_at = CASE WHEN split_part(name, '-', 1) = ANY(:kinds)"
                              " THEN now() ELSE now() + interval '1 day' END"), {"kinds": list(kinds)})


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * q))] if values else float("nan")


def overdue() -> list[float]:
    """How late each source is that is due and was not polled (a fetcher falling behind)."""
    from shared.db import get_engine

    with get_engine().connect() as conn:
        return list(conn.execute(text("SELECT extract(epoch FROM now() - next_due_at) FROM sources"
                                      " WHERE next_due_at <= now() AND lease_until IS NULL")).scalars())


def scheduled(results: list[dict], n: int, interval: int, first_due: float) -> dict:
    """The fetchers' figures together; the rate is over the due times from `first_due` to the
    last fetcher's end."""
    polls = sum(r["polls"] for r in results)
    late = overdue()
    lags = [lag for r in results for lag in r["lags"]] + [float(x) for x in late]
    span = max(r["end"] for r in results) - first_due
    return {"polls": polls, "rate": polls / span, "span": span, "need": n / interval, "p50": pct(lags, 0.5),
            "p99": pct(lags, 0.99), "cpu": sum(r["cpu"] for r in results) / max(1, polls),
            "stmts": sum(r["statements"] for r in results) / max(1, polls), "behind": len(late)}


def shared_run(processes: int, n: int, interval: int, window: float, at_once: bool = False,
               offset: float = OFFSET) -> dict:
    """The run loop in `processes` child processes for `window` s: the sources spread over one
    interval (from `offset` s on), or with at_once all due now (how fast the loop goes)."""
    spread(interval, kinds=tuple(p for p, _, _ in MIX) if at_once else None, offset=offset)
    first_due = time.time() + (0 if at_once else offset)
    procs = [subprocess.Popen([sys.executable, "-c", f"import bench.schedule as b; b.child({window})"], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True, env=os.environ.copy()) for _ in range(processes)]
    outs = [json.loads(p.communicate(timeout=window + 120)[0].strip().splitlines()[-1]) for p in procs]
    return scheduled(outs, n, interval, first_due)


def run(min_seconds: float = 2.0, quick: bool = False, n: int | None = None) -> dict[str, float]:
    import logging

    n = n or int(os.environ.get("FUNDWATCH_BENCH_SOURCES", 0)) or (150 if quick else 10_000)
    interval = 20 if quick else 300
    window = 1.5 if quick else max(90.0, min_seconds)
    heading(f"sources on schedule: {n:,} sources due every {interval} s, one local server, real fetcher loop "
            "(default lease size and tick)")
    logging.disable(logging.WARNING)   # a log line per poll would be most of the figure
    port = free_port()
    server = start_server(port)
    flat_out = {"fetch_sources_per_lease": 200, "fetcher_tick_seconds": 0.0}
    try:
        with servers(redis=True):     # new pages are handed to the broker; no worker reads them here
            add_sources(n, port, interval)
            first = drive(0, drain=True, **flat_out)
            row("first poll of every source (full fetch)", f"{first['polls'] / first['wall']:,.0f} polls/s",
                f"{first['cpu'] * 1000 / first['polls']:.2f} ms CPU, {first['statements'] / first['polls']:.1f} SQL a poll")
            spread(interval, kinds=("f304", "pg"))
            drive(0, drain=True, **flat_out)   # warm-up: every page known, every validator stored
            spread(interval, kinds=("f304", "pg"))
            hot = drive(0, drain=True, **flat_out)
            per304 = hot["cpu"] * 1000 / hot["polls"]
            row("304 polls, one process flat out (lease 200, no tick)", f"{hot['polls'] / hot['wall']:,.0f} polls/s",
                f"({hot['polls']:,} polls)")
            row("  fetcher CPU per 304 poll", f"{per304:.2f} ms", "(target < 1 ms)")
            stmts = hot["statements"] / hot["polls"]
            row("  SQL statements per 304 poll", f"{stmts:.2f}")
            http_ms, sql_ms = parts(port)
            share = {p: t for p, _, t in MIX}   # a 304 feed asks itself and its page; a page itself
            reqs = (2 * share["f304"] + share["pg"]) / (share["f304"] + share["pg"])
            row("  of which: a 304 request (HttpFetcher)", f"{http_ms:.2f} ms", f"x {reqs:.2f} requests a poll")
            row("  of which: an SQL call (session, SELECT, commit)", f"{sql_ms:.2f} ms",
                f"x {stmts:.2f} a poll; sum {reqs * http_ms + stmts * sql_ms:.2f} ms")
            results = {}
            for procs in (1, 2):
                label = f"{procs} fetcher process{'es' if procs > 1 else ''}"
                results[procs] = r = shared_run(procs, n, interval, window, offset=1.0 if quick else OFFSET)
                report(f"{label} on schedule", r)
            for procs in (1, 2):
                label = f"{procs} fetcher process{'es' if procs > 1 else ''}"
                results[-procs] = r = shared_run(procs, n, interval, window / 2, at_once=True)
                row(f"{label}, every source due at once", f"{r['rate']:,.1f} polls/s",
                    f"{r['rate'] / results[-1]['rate']:.2f} x one process" if procs > 1 else
                    f"(loop capacity; {r['need']:,.1f}/s needed)")
    finally:
        logging.disable(logging.NOTSET)
        server.terminate()
        server.wait(10)
    return {"cpu_ms_per_304_poll": per304, "p99_lag_1": results[1]["p99"], "p99_lag_2": results[2]["p99"],
            "capacity_ratio": results[-2]["rate"] / results[-1]["rate"]}


def report(label: str, r: dict) -> None:
    row(f"{label}, {r['span']:.0f} s of due times", f"{r['rate']:,.1f} polls/s", f"({r['need']:,.1f}/s due)")
    row("  lag due -> poll p50 / p99", f"{r['p50']:.2f} / {r['p99']:.2f} s", "(target p99 < 5 s)")
    if r["behind"]:
        row("  due but not polled at the window's end", f"{r['behind']:,}", "(counted in the lag at their age)")
    row("  fetcher CPU / SQL statements per poll", f"{r['cpu'] * 1000:.2f} ms / {r['stmts']:.2f}")


if __name__ == "__main__":
    run(quick="--quick" in sys.argv, n=int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else None)
