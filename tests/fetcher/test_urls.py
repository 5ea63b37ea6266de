import pytest

from services.fetcher.urls import canonical_url


@pytest.mark.parametrize("a,b", [
    ("HTTP://Example.ORG:80/news/a?utm_source=x&id=3#top", "http://example.org/news/a?id=3"),
    ("https://example.org:443/news/a?b=2&a=1", "https://example.org/news/a?a=1&b=2"),
    ("https://example.org/news/a/amp/", "https://example.org/news/a/"),
    ("https://example.org/news/a?fbclid=abc&gclid=def", "https://example.org/news/a"),
])
def test_same_page_same_identity(a, b):
    assert canonical_url(a) == canonical_url(b)


def test_different_pages_differ():
    assert canonical_url("https://example.org/a?id=1") != canonical_url("https://example.org/a?id=2")
