"""Every award statement read from the corpus carries a quote that its offsets point at."""
import pytest

from services.extractor.document import to_text_document
from services.extractor.readers import DEFAULT
from tests.conftest import CORPUS

FILES = sorted((CORPUS / "seeds").glob("*.txt")) + [p for s in ("dev", "dev2", "dev3")
                                                     for p in sorted((CORPUS / s).glob("*.html"))]


@pytest.mark.skipif(not FILES, reason="the corpus (../shared/corpus) is not beside the checkout")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_quotes_match_offsets(path):
    doc = to_text_document(path.read_bytes(), content_type="text/html" if path.suffix == ".html" else None,
                           name=path.name)
    extraction = DEFAULT.extract(doc)
    for award in extraction.awards:
        assert doc.text[award.start:award.end] == award.quote
        assert award.recipient and award.quote
        assert award.confidence is not None and 0.0 <= award.confidence <= 1.0


def test_corpus_is_present():
    assert len(FILES) >= 20, "expected the seed and dev corpus beside the checkout"
