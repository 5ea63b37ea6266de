"""Building test feeds from corpus files."""
from __future__ import annotations

from pathlib import Path


def rss(items: list[tuple[str, str]]) -> bytes:
    """An RSS 2.0 feed of (title, url) items."""
    body = "".join(f"<item><title>{t}</title><link>{u}</link><guid>{u}</guid></item>" for t, u in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>test</title>'
            f"<link>http://127.0.0.1/</link><description>test</description>{body}</channel></rss>").encode()


def serve_corpus(server, files: list[Path], content_type: str, prefix: str = "") -> bytes:
    """Serve each file at PREFIX/NAME with an ETag, and a feed listing them at PREFIX/feed.xml."""
    from tests.httpserver import Reply

    items = []
    for f in files:
        data = f.read_bytes()
        server.routes[f"{prefix}/{f.name}"] = Reply(data, 200, {"Content-Type": content_type,
                                                               "ETag": f'"{hash(data)}"'})
        items.append((f.stem, server.url(f"{prefix}/{f.name}")))
    feed = rss(items)
    server.routes[f"{prefix}/feed.xml"] = Reply(feed, 200, {"Content-Type": "application/rss+xml",
                                                           "ETag": '"feed-1"'})
    return feed


def poll_once(settings=None, owner: str = "test") -> int:
    """One polling round of a real Fetcher over the sources that are due; returns how many."""
    import asyncio

    from services.fetcher.service import Fetcher

    async def go() -> int:
        fetcher = Fetcher(settings, owner=owner)
        try:
            return await fetcher.poll_due()
        finally:
            await fetcher.aclose()
    return asyncio.run(go())


def read_inline(path: Path, content_type: str = "text/plain") -> int:
    """Store a corpus file as the page http://corpus.test/NAME and extract it in this process
    (the same functions a worker runs, without the queue); returns the document id."""
    from services.extractor.pipeline import process_document
    from services.fetcher.http import FetchResult
    from services.fetcher.store import store_page

    doc_id = store_page(None, FetchResult(url=f"http://corpus.test/{path.name}", status=200, body=path.read_bytes(),
                                          content_type=content_type), enqueue=False)
    process_document(doc_id)
    return doc_id
