"""Hostile or broken pages give a clear per-document outcome, never a crash or a hang."""
import time

import pytest

from services.extractor.document import ExtractionError, to_text_document
from services.extractor.readers import DEFAULT


def outcome(raw: bytes, **kw):
    try:
        doc = to_text_document(raw, **kw)
    except ExtractionError as exc:
        return f"error: {exc}"
    return DEFAULT.extract(doc)


def test_empty_page():
    assert outcome(b"") == "error: empty document"
    assert outcome(b"   \n ") == "error: empty document"


def test_binary_bytes():
    assert outcome(b"%PDF-1.7\n" + bytes(range(256)) * 10).startswith("error: binary content")
    assert outcome(b"\x00\x01\x02" * 1000).startswith("error: binary content")


def test_twenty_megabyte_page_is_refused_quickly():
    raw = b"<html><body>" + b"<p>Riverside Trust has been awarded \xc2\xa31m.</p>" * 450_000 + b"</body></html>"
    assert len(raw) > 20_000_000
    started = time.monotonic()
    assert outcome(raw, max_bytes=5_000_000).startswith("error: document too large")
    assert time.monotonic() - started < 2


def test_ten_thousand_deep_nesting_ends():
    raw = (b"<html><body>" + b"<div>" * 10_000 + b"<p>Riverside Trust has been awarded \xc2\xa31m.</p>"
           + b"</div>" * 10_000 + b"</body></html>")
    started = time.monotonic()
    result = outcome(raw, content_type="text/html")
    assert time.monotonic() - started < 10
    # lxml stops at its depth limit: either a clear error or a normal reading, and quickly
    assert result == "error: no main text found" or isinstance(result.awards, list)


def test_wrong_declared_charset_is_read_as_utf8():
    html = "<html><head><meta charset='iso-8859-1'></head><body><p>" + \
           "Riverside Trust has been awarded £250,000 to open a youth club in the town.</p>" * 3 + "</body></html>"
    result = outcome(html.encode("utf-8"), content_type="text/html; charset=iso-8859-1")
    assert [int(a.amount) for a in result.awards] == [250000]
    assert "Â" not in result.document.text


def test_latin1_page_without_declaration():
    html = "<html><body><p>" + "Riverside Trust has been awarded £250,000 for the café project.</p>" * 3 + "</body></html>"
    result = outcome(html.encode("latin-1"), content_type="text/html")
    assert "café" in result.document.text


def test_xhtml_page_with_an_xml_declaration():
    page = ('<?xml version="1.0" encoding="iso-8859-1"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>'
            + "Riverside Trust has been awarded £250,000 for the café project.</p><p>" * 3 + "</p></body></html>")
    result = outcome(page.encode("latin-1"), content_type="application/xhtml+xml")
    assert [int(a.amount) for a in result.awards] == [250000] and "café" in result.document.text


@pytest.mark.parametrize("raw", [b"<html><body></body></html>", b"<html><script>x</script></html>"])
def test_pages_with_no_text(raw):
    assert outcome(raw, content_type="text/html") == "error: no main text found"


def test_garbage_markup_reads_as_a_page_with_no_awards():
    result = outcome(b"<<<>>> </p></div><<", content_type="text/html")
    assert isinstance(result, str) and result.startswith("error:") or result.awards == []


def test_stray_nul_bytes_are_dropped_from_the_text():
    raw = b"<html><body><p>" + b"Riverside Trust has been awarded \xc2\xa3250,000 to open\x00 a youth club. " * 3 + b"</p></body></html>"
    result = outcome(raw, content_type="text/html")
    assert "\x00" not in result.document.text and [int(a.amount) for a in result.awards] == [250000]
