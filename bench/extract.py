"""Extraction throughput over the corpus HTML, one core: fundwatch's whole per-page extraction
(decode, parse, trafilatura, award rules) against bare trafilatura on the same pages."""
from __future__ import annotations

import time

import trafilatura

from bench.common import corpus_pages, forget_memos, heading, row, timed
from services.extractor.document import to_text_document
from services.extractor.readers import DEFAULT


class _Clock:
    """Accumulates the time spent inside trafilatura.bare_extraction while fundwatch runs."""

    def __init__(self):
        self.seconds = 0.0
        self.original = trafilatura.bare_extraction

    def __enter__(self):
        def wrapped(*args, **kwargs):
            t = time.perf_counter()
            try:
                return self.original(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - t
        trafilatura.bare_extraction = wrapped
        return self

    def __exit__(self, *exc):
        trafilatura.bare_extraction = self.original


def run(min_seconds: float = 2.0, quick: bool = False) -> dict[str, float]:
    pages = corpus_pages()
    texts = [raw.decode("utf-8", "replace") for _, raw in pages]
    heading(f"extraction: {len(pages)} corpus HTML pages, one process (one core)")

    def bare():
        for html in texts:
            trafilatura.bare_extraction(html, with_metadata=True, include_tables=True, include_comments=False,
                                        deduplicate=False, favor_recall=True)

    def ours():
        forget_memos()       # each pass reads the pages as new ones
        for _, raw in pages:
            DEFAULT.extract(to_text_document(raw, content_type="text/html"))

    docs = [to_text_document(raw, content_type="text/html") for _, raw in pages]

    def facts():
        forget_memos()
        for doc in docs:
            DEFAULT.extract(doc)

    t_bare, _ = timed(bare, min_seconds)
    with _Clock() as clock:
        t_ours, n = timed(ours, min_seconds)
    t_traf = clock.seconds / (n + 1)     # timed() makes one warm-up call besides the n measured
    t_facts, _ = timed(facts, min_seconds)
    per = len(pages)
    row("bare trafilatura (baseline)", f"{per / t_bare:,.1f} pages/s")
    row("fundwatch: page -> award statements", f"{per / t_ours:,.1f} pages/s",
        f"{t_bare / t_ours:.2f} x baseline")
    row("share of fundwatch time inside trafilatura", f"{t_traf / t_ours:.0%}")
    row("award rules alone", f"{t_facts / per * 1000:,.2f} ms/page",
        f"{t_facts / t_traf:.2f} x trafilatura's time")
    return {"pages_per_s": per / t_ours, "baseline_pages_per_s": per / t_bare,
            "trafilatura_share": t_traf / t_ours, "facts_over_trafilatura": t_facts / t_traf}
