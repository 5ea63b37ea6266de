"""Freshness: pages published on a local server (an aiohttp app in its own process) while the
whole system runs — the fetcher process (`fundwatch fetcher`, its sources from a sources file),
one Celery worker (concurrency 1) and the API (uvicorn) — each page announcing one award, linked
from one of FEEDS feeds polled every INTERVAL seconds. Publication times are spread evenly over
the run, so a page waits from 0 to INTERVAL for its feed's next poll.

Measured from a page's publication (the moment its feed lists it) until its award is at
`/awards?recipient=NAME`, and until the award's creation is at `/changes`, both asked every
0.25 s; p50 and p99 over the pages. The figure to compare: INTERVAL + 5 s."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import httpx
from sqlalchemy import text

from bench.api import free_port, serve
from bench.common import heading, row
from bench.pipeline import start_worker
from bench.schedule import pct
from bench.servers import servers

FEEDS = 4
# invented recipients: one name per page, read whole by the reader
FIRST = ["Riverside", "Harbour", "Moorland", "Valley", "Hillside", "Meadow", "Northgate", "Saltmarsh", "Beacon",
         "Oakfield", "Brookside", "Westcliff"]
SECOND = ["Youth", "Arts", "Heritage", "Wellbeing", "Music", "Garden", "Sports", "Literacy", "Carers", "Food"]

SERVER = textwrap.dedent("""
    import json, sys, time
    from email.utils import formatdate
    from aiohttp import web
    plan = json.load(open(sys.argv[2]))
    PORT = int(sys.argv[1])
    def html(title, body, when):
        return (f'<html><head><title>{title}</title><meta property="article:published_time" content="{when}">'
                f'</head><body><article><h1>{title}</h1><p>{body}</p></article></body></html>').encode()
    pages = {p["k"]: p for p in plan["pages"]}
    async def feed(request):
        f = int(request.match_info["f"])
        now = time.time()
        shown = [p for p in plan["pages"] if p["feed"] == f and p["at"] <= now]
        etag = f'"{f}-{len(shown)}"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        links = [(f"/old/{f}.html", 1735689600)] + [(f"/p/{p['k']}.html", p["at"]) for p in shown]
        items = "".join(f"<item><title>{u}</title><link>http://127.0.0.1:{PORT}{u}</link><guid>{u}</guid>"
                        f"<pubDate>{formatdate(at, usegmt=True)}</pubDate></item>" for u, at in links)
        body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>news {f}</title><link>http://127.0.0.1/</link>'
                f'<description>news</description>{items}</channel></rss>')
        return web.Response(body=body.encode(), content_type="application/rss+xml", headers={"ETag": etag})
    async def old(request):
        return web.Response(body=html("Archive", "Our news archive.", "2025-01-01T00:00:00Z"),
                            content_type="text/html", headers={"ETag": '"old"'})
    async def page(request):
        p = pages[int(request.match_info["k"])]
        etag = f'"p{p["k"]}"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        text = (f"The Coastal Communities Fund has awarded &pound;{p['amount']:,} to {p['name']} for a "
                "two-year programme in Whitby.")
        return web.Response(body=html(f"{p['name']} awarded", text, p["when"]), content_type="text/html",
                            headers={"ETag": etag})
    async def robots(request):
        return web.Response(text="User-agent: *\\nAllow: /\\n")
    app = web.Application()
    app.router.add_get("/robots.txt", robots)
    app.router.add_get("/feed/{f}.xml", feed)
    app.router.add_get("/old/{f}.html", old)
    app.router.add_get("/p/{k}.html", page)
    web.run_app(app, host="127.0.0.1", port=PORT, print=None, access_log=None)
""")


def plan(pages: int, start: float, span: float) -> list[dict]:
    out = []
    for k in range(pages):
        at = float(round(start + span * k / pages))   # whole seconds, as a feed's pubDate states them
        out.append({"k": k, "feed": k % FEEDS, "at": at, "amount": 20_000 + 250 * k,
                    "name": f"{FIRST[k % len(FIRST)]} {SECOND[k // len(FIRST) % len(SECOND)]} Trust",
                    "when": dt.datetime.fromtimestamp(at, dt.timezone.utc).isoformat(timespec="seconds")})
    return out


def watch(api: str, pages: list[dict], until: float) -> tuple[dict[int, float], dict[int, float]]:
    """Ask the API every 0.25 s until every page's award is seen at both places (or `until`);
    returns publication-to-listing seconds per page, for /awards and for /changes."""
    at_awards: dict[int, float] = {}
    at_changes: dict[int, float] = {}
    award_of: dict[int, int] = {}        # award id -> page
    changed: dict[int, float] = {}       # award id -> when first seen at /changes
    cursor = None
    with httpx.Client(base_url=api, timeout=10) as client:
        while time.time() < until and len(at_changes) < len(pages):
            now = time.time()
            for p in pages:
                if p["k"] in at_awards or p["at"] > now:
                    continue
                items = client.get("/awards", params={"recipient": p["name"], "limit": 5}).json()["items"]
                if items:
                    at_awards[p["k"]] = time.time() - p["at"]
                    for a in items:
                        award_of[a["id"]] = p["k"]
            params = {"kind": "award", "limit": 1000} | ({"after": cursor} if cursor else {})
            page = client.get("/changes", params=params).json()
            cursor = page["next_cursor"]
            for c in page["items"]:
                changed.setdefault(c["id"], time.time())
            for award_id, k in award_of.items():
                if k not in at_changes and award_id in changed:
                    at_changes[k] = changed[award_id] - pages[k]["at"]
            time.sleep(0.25)
    return at_awards, at_changes


def stages(pages: list[dict], port: int) -> tuple[list[float], list[float]]:
    """Per page, from the database: publication to its fetch (waiting for the feed's poll), and
    fetch to the first statement read from it (queue, extraction, consolidation)."""
    from shared.db import get_engine

    when = {f"http://127.0.0.1:{port}/p/{p['k']}.html": p["at"] for p in pages}
    waited, read = [], []
    with get_engine().connect() as conn:
        for url, fetched, first in conn.execute(text(
                "SELECT d.url, extract(epoch FROM d.fetched_at), extract(epoch FROM min(m.created_at))"
                " FROM documents d JOIN mentions m ON m.document_id = d.id GROUP BY d.id")):
            if url in when:
                waited.append(float(fetched) - when[url])
                read.append(float(first) - float(fetched))
    return waited, read


def metric(api: str, name: str) -> dict[str, float]:
    """A summary's samples by name and quantile: `_count`, `_sum`, `0.5`, `0.99` ..."""
    text = httpx.get(api + "/metrics", timeout=30).text
    values = {}
    for line in text.splitlines():
        if line.startswith(name) and not line.startswith("#"):
            key, value = line.rsplit(" ", 1)
            key = key[len(name):]
            values[key.split('quantile="')[1].rstrip('"}') if "quantile" in key else key] = float(value)
    return values


def run(min_seconds: float = 2.0, quick: bool = False) -> dict[str, float]:
    interval = 10 if quick else 60
    n = 4 if quick else 40
    span = 0.0 if quick else 4 * interval
    heading(f"freshness: {n} pages published over {span:.0f} s on {FEEDS} feeds polled every {interval} s "
            "(fetcher, one worker, API)")
    with servers(redis=True):
        data = Path(os.environ["FUNDWATCH_DATA_DIR"])
        data.mkdir(parents=True, exist_ok=True)
        port = free_port()
        feeds = "".join(f"  - {{name: news-{f}, kind: feed, url: 'http://127.0.0.1:{port}/feed/{f}.xml',"
                        f" interval_seconds: {interval}}}\n" for f in range(FEEDS))
        (data / "sources.yaml").write_text("sources:\n" + feeds)
        os.environ["FUNDWATCH_SOURCES_FILE"] = str(data / "sources.yaml")
        procs: list[subprocess.Popen] = []
        try:
            worker = start_worker(data / "worker.log")
            procs.append(worker)
            api_port = free_port()
            procs.append(serve(["services.api.app:app"], api_port))
            api = f"http://127.0.0.1:{api_port}"
            # the fetcher's first round (the old pages) comes before; a quick run's pages are out
            # already, found by that first round (a check that the chain works, not a figure)
            start = time.time() + (-1 if quick else 4)
            pages = plan(n, start, span)
            (data / "plan.json").write_text(json.dumps({"pages": pages}))
            procs.append(subprocess.Popen([sys.executable, "-c", SERVER, str(port), str(data / "plan.json")]))
            procs.append(subprocess.Popen([sys.executable, "-m", "services.cli", "fetcher"],
                                          stdout=open(data / "fetcher.log", "w"), stderr=subprocess.STDOUT,
                                          start_new_session=True))
            at_awards, at_changes = watch(api, pages, start + span + interval * 2 + 30)
            lag = metric(api, "fundwatch_publication_to_record_seconds")
            date_only = metric(api, "fundwatch_publication_date_only_pages").get("", 0.0)
            waited, read = stages(pages, port)
        finally:
            for proc in reversed(procs):
                try:   # the worker and the fetcher lead process groups (the worker's pool with it)
                    os.killpg(proc.pid, 15)
                except (ProcessLookupError, PermissionError):
                    proc.terminate()
                try:
                    proc.wait(30)
                except subprocess.TimeoutExpired:
                    proc.kill()
            os.environ.pop("FUNDWATCH_SOURCES_FILE", None)
    missing = n - len(at_awards)
    for label, lags in (("/awards", at_awards), ("/changes", at_changes)):
        values = list(lags.values())
        row(f"publication -> at {label} p50 / p99", f"{pct(values, 0.5):.1f} / {pct(values, 0.99):.1f} s",
            f"(target < {interval + 5} s; {len(values)} of {n} pages seen)")
    if missing:
        row("pages whose award never appeared", f"{missing}")
    row("  of which: publication -> fetched p50 / p99", f"{pct(waited, 0.5):.1f} / {pct(waited, 0.99):.1f} s",
        f"(its feed due every {interval} s from its previous due time, polled on the loop's tick)")
    row("  of which: fetched -> first statement p50 / p99", f"{pct(read, 0.5):.1f} / {pct(read, 0.99):.1f} s",
        "(queue, extraction, consolidation)")
    count = lag.get("_count", 0.0)
    mean = lag.get("_sum", 0.0) / count if count else float("nan")
    seen = list(at_awards.values())
    ours = {"mean": sum(seen) / max(1, len(seen)), "0.5": pct(seen, 0.5), "0.99": pct(seen, 0.99)}
    theirs = {"mean": mean, "0.5": lag.get("0.5", float("nan")), "0.99": lag.get("0.99", float("nan"))}
    apart = max(abs(theirs[k] - ours[k]) for k in ours)
    row("fundwatch_publication_to_record_seconds p50 / p99", f"{theirs['0.5']:.1f} / {theirs['0.99']:.1f} s",
        f"(mean {mean:.1f} s over {count:.0f} pages; {date_only:.0f} dated to the day only, left out)")
    row("  the bench's own at /awards p50 / p99", f"{ours['0.5']:.1f} / {ours['0.99']:.1f} s",
        f"(mean {ours['mean']:.1f} s; {'agrees' if apart < 5 else 'disagrees'}: at most {apart:.1f} s apart)")
    return {"p99_awards": ours["0.99"], "metric_mean": mean, "metric_p99": theirs["0.99"]}
