"""URL canonicalisation: one page, one identity, before anything is stored or compared."""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from courlan import normalize_url

TRACKING_RX = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|_ga|ref|ref_src|cmpid|at_medium|at_campaign|"
                         r"amp|outputType|print)$", re.I)


@lru_cache(maxsize=32_768)   # a pure function of the string, asked for the same pages every round
def canonical_url(url: str) -> str:
    """Lower-case scheme and host, default port dropped, fragment and tracking parameters removed,
    remaining parameters sorted; AMP and print paths folded onto the article."""
    url = normalize_url(url.strip(), strict=False, trailing_slash=True)
    parts = urlsplit(url)
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not TRACKING_RX.match(k)))
    path = re.sub(r"/(amp|print)/?$", "/", parts.path) or "/"
    netloc = parts.netloc.lower()
    if (parts.scheme == "http" and netloc.endswith(":80")) or (parts.scheme == "https" and netloc.endswith(":443")):
        netloc = netloc.rsplit(":", 1)[0]
    return urlunsplit((parts.scheme.lower(), netloc, path, query, ""))
