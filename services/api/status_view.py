"""The status page's first view, rendered on the server: what GET /status/summary says, as the
HTML the page's script would build from it, so that the page reads the same with scripts off.
Plain functions of the summary; every value is escaped."""
from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path
from typing import Any

PAGE = (Path(__file__).resolve().parent / "static" / "status.html").read_text(encoding="utf-8")


def when(t: dt.datetime | None) -> str:
    return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC") if t else "never"


def money(amount: float | None, currency: str | None) -> str:
    return "not stated" if amount is None else f"{currency or 'GBP'} {amount:,.0f}"


def _cell(text: Any, cls: str | None = None) -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<td{attr}>{escape('' if text is None else str(text))}</td>"


def _rows(cells: list[str]) -> str:
    if not cells:
        return '<tr><td class="muted">none yet</td></tr>'
    return "".join(f"<tr>{c}</tr>" for c in cells)


def fragments(summary: Any) -> dict[str, str]:
    """The HTML of each slot for a StatusSummary."""
    t, docs = summary.throughput, summary.documents
    figures = [("pages fetched", t.pages_fetched), ("pages extracted", t.pages_extracted),
               ("pages failed", t.pages_failed), ("awards created", t.awards_created),
               ("pages waiting", docs.get("pending", 0))]
    sources = []
    for s in summary.sources:
        failing = s.consecutive_failures > 0
        sources.append(_cell(s.name) + _cell(f"failing ({s.consecutive_failures})" if failing else "ok",
                                             "failing" if failing else "ok")
                       + _cell(when(s.last_success_at)) + _cell(s.pages_seen) + _cell(when(s.next_due_at))
                       + _cell(s.last_error, "muted"))
    awards = [_cell(a.recipient, "recipient") + _cell(money(a.amount, a.currency)) + _cell(a.funder)
              + _cell(a.programme) + f'<td><a href="awards/{a.id}">sources</a></td>' for a in summary.latest_awards]
    return {
        "generated": escape(f"at {when(summary.generated_at)}"),
        "figures": "".join(f'<div class="figure"><strong>{n}</strong>{escape(label)}</div>' for label, n in figures),
        "document-rows": _rows([_cell(status) + _cell(n) for status, n in sorted(docs.items())]),
        "source-rows": _rows(sources),
        "award-rows": _rows(awards),
    }


def render(summary: Any) -> str:
    """The whole page with its first view in place of its <!--slot--> comments (the elements its
    script fills again on each refresh)."""
    page = PAGE
    for slot, html in fragments(summary).items():
        page = page.replace(f"<!--{slot}-->", html, 1)
    return page
