"""The status page in headless Chromium against a real API process with data in PostgreSQL: its
first view is rendered on the server, so its figures and tables are there with scripts off, and
its script refreshes them when scripts run."""
from __future__ import annotations

import html
import os
import re
import shutil
import subprocess

import pytest

from tests import browser
from tests.apiserver import api_process
from tests.conftest import CORPUS
from tests.feeds import read_inline

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.fixture
def chromium():
    if CHROMIUM is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but Chromium is not installed: .ci/run installs Debian's chromium")
        pytest.skip("Chromium is not installed (apt-get install chromium; .ci/run installs it)")
    return CHROMIUM


@pytest.fixture
def api(db, redis_client, tmp_path):
    from shared import sources

    sources.upsert(sources.SourceSpec(name="harbour-news", kind="feed", url="http://127.0.0.1:9/feed.xml"),
                   trusted=True)
    for path in sorted((CORPUS / "seeds").glob("*.txt"))[:2]:
        read_inline(path)
    with api_process(log=tmp_path / "api.log") as url:
        yield url


def dump_dom(chromium: str, url: str, profile, scripts: bool) -> str:
    if not scripts:
        return browser.dom_without_scripts(chromium, url, profile)
    # with scripts, Chromium's own --dump-dom, after 12 s of the page's virtual time
    out = subprocess.run([chromium, *browser.FLAGS[:-2], f"--user-data-dir={profile}", "--virtual-time-budget=12000",
                          "--dump-dom", url], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "</html>" in out.stdout, out.stderr[-2000:]
    return out.stdout


def tbody(dom: str, element_id: str) -> list[list[str]]:
    """The text of each cell of each row of the table body with this id."""
    body = re.search(rf'<tbody id="{element_id}">(.*?)</tbody>', dom, re.S).group(1)
    return [[html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def expected():
    """What the database says the page should show."""
    from sqlalchemy import func, select

    from services.api.status_view import when
    from shared.db import session_scope
    from shared.models import Award, Document, Source

    with session_scope() as s:
        source = s.scalars(select(Source).where(Source.name == "harbour-news")).one()
        docs = dict(s.execute(select(Document.status, func.count()).group_by(Document.status)).all())
        newest = s.scalars(select(Award).order_by(Award.id.desc())).first().recipient
        return when(source.next_due_at), docs, newest


def test_with_scripts_off_the_page_shows_its_figures_and_tables(chromium, api, tmp_path):
    next_poll, docs, newest = expected()
    dom = dump_dom(chromium, f"{api}/status", tmp_path / "profile", scripts=False)
    assert "<noscript" not in dom and re.search(r'id="generated">at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC<', dom)
    # documents by status, with the counts PostgreSQL holds
    assert docs and {row[0]: int(row[1]) for row in tbody(dom, "document-rows")} == docs
    # the source, its health and its next poll
    (source,) = [row for row in tbody(dom, "source-rows") if row[0] == "harbour-news"]
    assert source[1] == "ok" and source[4] == next_poll
    # the latest awards, newest first, each linked to its sources
    awards = tbody(dom, "award-rows")
    assert awards[0][0] == newest and all(row[4] == "sources" for row in awards)
    figures = {label: int(n) for n, label in re.findall(r'<div class="figure"><strong>(\d+)</strong>([^<]+)</div>', dom)}
    assert figures["pages extracted"] >= 2 and figures["awards created"] >= len(awards) > 0


def test_with_scripts_on_the_page_refreshes_itself(chromium, api, tmp_path):
    _, docs, newest = expected()
    dom = dump_dom(chromium, f"{api}/status", tmp_path / "profile", scripts=True)
    generated = re.search(r'id="generated">([^<]*)<', dom).group(1)
    # the script's refresh (after 10 s of the page's virtual time) wrote its own time format
    assert generated.startswith("at ") and not generated.endswith("UTC"), generated
    assert {row[0]: int(row[1]) for row in tbody(dom, "document-rows")} == docs
    assert tbody(dom, "award-rows")[0][0] == newest
    assert '<p id="error" class="failing" hidden=""></p>' in dom   # no error shown
