"""Raw page bytes -> TextDocument: charset, size and content guards, then trafilatura."""
from __future__ import annotations

import codecs
import copy
import datetime as dt
import re
import threading
from collections.abc import Iterator

import htmldate
import lxml.html
import trafilatura
from charset_normalizer import from_bytes
from lxml import etree
from trafilatura import metadata as tm
from trafilatura.settings import Extractor

from shared.domain import TextDocument


class ExtractionError(Exception):
    """A document that cannot be read; the message is the recorded reason."""


BLOCK_TAGS = {"p", "ul", "ol", "div", "h1", "h2", "h3", "h4", "table", "article", "section"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?\s*([\w-]+)""", re.I)
# an XML declaration before an XHTML page; lxml refuses a decoded string that starts with one
_XML_DECLARATION = re.compile(r"\s*<\?xml[^>]*\?>")
_DATE_PATTERNS = [
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{2,4})\b"), "dmy"),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "ymd"),
]


def decode(raw: bytes, declared: str | None = None) -> str:
    """Decode page bytes. UTF-8 wins when it decodes cleanly, whatever the page declares,
    because a wrong declaration (latin-1 on a UTF-8 page) is the common fault; then the
    declared charset; then charset detection."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared or _sniff_charset(raw)
    if declared:
        try:
            codecs.lookup(declared)
            text = raw.decode(declared)
            if "\ufffd" not in text:
                return text
        except (LookupError, UnicodeDecodeError):
            pass
    best = from_bytes(raw[:200_000]).best()
    encoding = best.encoding if best else "utf-8"
    return raw.decode(encoding, errors="replace")


def _sniff_charset(raw: bytes) -> str | None:
    m = _META_CHARSET.search(raw[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None


def check_bytes(raw: bytes, max_bytes: int) -> None:
    if not raw or not raw.strip():
        raise ExtractionError("empty document")
    if len(raw) > max_bytes:
        raise ExtractionError(f"document too large: {len(raw)} bytes (limit {max_bytes})")
    head = raw[:8192]
    if head.startswith(b"%PDF") or head.count(b"\x00") > 8:
        raise ExtractionError("binary content, not a text or HTML page")


def is_html(raw_or_text: bytes | str, content_type: str | None = None, name: str | None = None) -> bool:
    if content_type:
        return "html" in content_type or "xml" in content_type
    if name and name.lower().endswith((".txt", ".text")):
        return False
    head = raw_or_text[:2048]
    head = head.decode("latin-1") if isinstance(head, bytes) else head
    return bool(re.search(r"<(!doctype|html|head|body|p|div)\b", head, re.I))


def unwrap_layout_tables(tree: lxml.html.HtmlElement) -> None:
    """Turn tables used for page layout (cells holding paragraphs or lists) into plain blocks,
    so that their content is read as text; data tables are left alone."""
    for table in list(tree.iter("table")):
        cells = table.xpath("./tr/td|./tr/th|./*/tr/td|./*/tr/th")
        if not any(child.tag in BLOCK_TAGS for cell in cells for child in cell):
            continue
        parts = table.xpath("./tbody|./thead|./tfoot|./tr|./*/tr")
        for el in [table, *parts, *cells]:
            el.tag = "div"
            for attr in ("colspan", "rowspan"):
                el.attrib.pop(attr, None)


def data_tables(tree: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    """The tables of a page that hold data: two rows or more of two cells or more."""
    for table in tree.iter("table"):
        if sum(1 for row in table.xpath("./tr|./*/tr") if len(row.xpath("./td|./th")) >= 2) >= 2:
            yield table


def tables_as_rows(tree: lxml.html.HtmlElement) -> None:
    """Each data table made a run of paragraphs, one a row, its cells between bars ("| £5,000 | A |"),
    a header row followed by the bar line that ends a header."""
    for table in list(data_tables(tree)):       # (listed first: the loop replaces what it walks)
        block = lxml.html.Element("div")
        for row in table.xpath("./tr|./*/tr"):
            cells = row.xpath("./td|./th")
            if not cells:
                continue
            line = lxml.html.Element("p")
            line.text = "| " + " | ".join(" ".join(c.text_content().split()) for c in cells) + " |"
            block.append(line)
            if all(c.tag == "th" for c in cells):
                bar = lxml.html.Element("p")
                bar.text = "|" + "---|" * len(cells)
                block.append(bar)
        block.tail = table.tail
        table.getparent().replace(table, block)


# trafilatura's options for the main text, built once: bare_extraction otherwise builds them from
# its configuration file on every call. Each page gets a copy carrying its URL.
_MAIN_TEXT = Extractor(output_format="python", recall=True, comments=False, tables=True, dedup=False,
                       with_metadata=False)


def _main_text_options(url: str | None) -> Extractor:
    options = copy.copy(_MAIN_TEXT)
    options.url = options.source = url
    return options


_parsers = threading.local()   # an lxml parser is used by one thread at a time


def html_parser() -> lxml.html.HTMLParser:
    """lxml.html's parser with every element an HtmlElement, chosen in C. Its default lookup calls
    back into Python for each element handed out, to pick the form and input classes that neither
    fundwatch nor trafilatura uses."""
    parser = getattr(_parsers, "parser", None)
    if parser is None:
        parser = _parsers.parser = lxml.html.HTMLParser()
        parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
            element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity))
    return parser


# a page's whole text against the main text it may give: boilerplate (menus, footers, related links)
# is rarely more than four times the main text of a long page
_WHOLE_TEXT_PER_MAIN_TEXT = 5


def text_from_html(html: str, url: str | None = None, max_elements: int | None = None,
                   max_text_chars: int | None = None) -> TextDocument:
    try:
        declaration = _XML_DECLARATION.match(html)
        tree = lxml.html.fromstring(html[declaration.end():] if declaration else html, parser=html_parser())
    except (etree.ParserError, ValueError) as exc:
        raise ExtractionError(f"unparseable HTML: {exc}") from exc
    # trafilatura's work grows faster than the page (seconds for tens of thousands of elements, a
    # worker held for minutes near the byte limit); lxml counts them in milliseconds
    if max_elements is not None:
        elements = sum(1 for _ in tree.iter())
        if elements > max_elements:
            raise ExtractionError(f"too many HTML elements: {elements:,} (limit {max_elements:,})")
    # nor is a page whose text is far beyond what the reader is given worth seconds of trafilatura
    if max_text_chars is not None:
        whole = len(tree.text_content())
        if whole > max_text_chars * _WHOLE_TEXT_PER_MAIN_TEXT:
            raise ExtractionError(f"main text too long: {whole:,} characters in the page (limit {max_text_chars:,} "
                                  "of main text)")
    title, published, sitename = page_metadata(tree, url)   # before trafilatura prunes the tree
    unwrap_layout_tables(tree)
    tables = next(data_tables(tree), None) is not None      # (before trafilatura prunes the tree)
    result = trafilatura.bare_extraction(tree, options=_main_text_options(url))
    if result is not None and tables and "|" not in (result.text or ""):
        # trafilatura's fallback extractors, chosen on some pages, run a table's cells together into
        # one line ("Grant Organization $30,000 A $20,000 B ..."); read such a page again with each
        # row made a paragraph of its own, as its main extractor writes rows ("| $30,000 | A |")
        again = lxml.html.fromstring(html[declaration.end():] if declaration else html, parser=html_parser())
        unwrap_layout_tables(again)
        tables_as_rows(again)
        result = trafilatura.bare_extraction(again, options=_main_text_options(url)) or result
    if result is None or not (result.text or "").strip():
        raise ExtractionError("no main text found")
    return TextDocument(text=result.text, title=title, published=published.date() if published else None, url=url,
                        sitename=sitename, published_at=published if published and published.tzinfo else None)


def page_metadata(tree: lxml.html.HtmlElement, url: str | None) -> tuple[str | None, dt.datetime | None, str | None]:
    """Title, publication time and site name, by the same trafilatura and htmldate steps as
    trafilatura's own metadata pass, without the ones fundwatch does not use (author, categories,
    tags, licence), which cost four times as much as these. The publication time is timezone-aware
    only when the page states a time of day with its zone (article:published_time, JSON-LD
    datePublished, a <time datetime>); a date alone, or a time with no zone, comes back naive."""
    meta = tm.examine_meta(tree)
    try:
        meta = tm.extract_meta_json(tree, meta)
    except Exception:  # noqa: BLE001 - malformed JSON-LD on a page is not the page's failure
        pass
    title = meta.title or tm.extract_title(tree)
    # htmldate keeps a stated time and zone in this format (a date alone: naive midnight); its upper
    # bound is now, not today's midnight, or a time later today would fail it and fall back to a date
    date = htmldate.find_date(tree, url=url or meta.url, extensive_search=True, original_date=True,
                              outputformat=_MOMENT_FORMAT, max_date=_latest_publication())
    sitename = meta.sitename or tm.extract_sitename(tree)
    return (title.strip() if title else None), _moment(date), sitename


def text_from_plain(text: str, url: str | None = None) -> TextDocument:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ExtractionError("empty document")
    title = next((line.strip() for line in text.splitlines() if line.strip()), None)
    return TextDocument(text=text, title=title, published=_date_in_text(text[:600]), url=url)


def to_text_document(raw: bytes, *, content_type: str | None = None, url: str | None = None,
                     name: str | None = None, max_bytes: int = 5_000_000, max_elements: int | None = None,
                     max_text_chars: int | None = None) -> TextDocument:
    """The one entry point: raw bytes of a fetched page or a local file -> TextDocument. Limits
    (None: none): raw bytes, HTML elements given to trafilatura, characters of main text."""
    check_bytes(raw, max_bytes)
    declared = None
    if content_type and "charset=" in content_type:
        declared = content_type.split("charset=", 1)[1].split(";")[0].strip().strip('"')
    text = decode(raw, declared).replace("\x00", "")  # PostgreSQL text holds no NUL; a page may carry a few
    if is_html(text, content_type, name):
        doc = text_from_html(text, url, max_elements, max_text_chars)
    else:
        doc = text_from_plain(text, url)
    # what the reader is given: its work grows with the text (a second for 200,000 characters of
    # dense award statements), and no news page's main text comes near this
    if max_text_chars is not None and len(doc.text) > max_text_chars:
        raise ExtractionError(f"main text too long: {len(doc.text):,} characters (limit {max_text_chars:,})")
    return doc


_MOMENT_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


def _latest_publication() -> dt.datetime:
    """The latest publication time a page can state: now, give or take a publisher's clock (to the
    minute, so htmldate's cache of checked dates keeps working within it)."""
    soon = dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=5)
    return soon.replace(second=0, microsecond=0)


def _moment(value: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(value, _MOMENT_FORMAT) if value else None
    except ValueError:
        try:
            return dt.datetime.strptime(value[:19], _MOMENT_FORMAT[:-2])
        except ValueError:
            return None


def _date_in_text(head: str) -> dt.date | None:
    """A date written near the top of a plain-text page (dateparser reads the spelled-out forms)."""
    import dateparser.search  # slow to import; only plain-text pages need it

    for rx, order in _DATE_PATTERNS:
        m = rx.search(head)
        if m:
            a, b, c = (int(x) for x in m.groups())
            try:
                if order == "ymd":
                    return dt.date(a, b, c)
                return dt.date(c + 2000 if c < 100 else c, b, a)
            except ValueError:
                continue
    lines = [ln for ln in head.splitlines() if ln.strip()][:6]
    for line in lines:
        if len(line) > 80 or not re.search(r"\b(19|20)\d{2}\b", line):
            continue
        found = dateparser.search.search_dates(line, languages=["en"],
                                               settings={"PREFER_DAY_OF_MONTH": "first"})
        if found:
            return found[0][1].date()
    return None
