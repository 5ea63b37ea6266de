"""Extraction of local files, with no server (`fundwatch extract FILE...`)."""
from __future__ import annotations

import mimetypes
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from services.extractor.document import ExtractionError, to_text_document
from services.extractor.extract import Extractor
from services.extractor.readers import DEFAULT


def extract_file(path: Path, extractor: Extractor = DEFAULT, max_bytes: int = 5_000_000) -> dict[str, Any]:
    """One JSON-ready result for one file: its awards, or the reason it could not be read."""
    result: dict[str, Any] = {"document": str(path), "extractor": extractor.version}
    try:
        raw = path.read_bytes()
        ctype = mimetypes.guess_type(path.name)[0]
        doc = to_text_document(raw, content_type=ctype if ctype and "html" in ctype else None,
                               name=path.name, max_bytes=max_bytes)
        extraction = extractor.extract(doc)
    except ExtractionError as exc:
        return {**result, "error": str(exc), "awards": []}
    except OSError as exc:
        return {**result, "error": f"cannot read file: {exc.strerror or exc}", "awards": []}
    return {**result, "title": doc.title, "published": doc.published.isoformat() if doc.published else None,
            "announcement": extraction.announcement.as_json(),
            "awards": [a.as_json() for a in extraction.awards]}


def extract_files(paths: list[Path], extractor: Extractor = DEFAULT) -> Iterator[dict[str, Any]]:
    for path in paths:
        yield extract_file(path, extractor)
