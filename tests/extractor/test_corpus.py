"""Every award statement read from the corpus carries a quote that its offsets point at."""
import pytest

from services.extractor.document import to_text_document
from services.extractor.readers import DEFAULT
from tests.conftest import CORPUS

FILES = sorted((CORPUS / "seeds").glob("*.txt")) + sorted((CORPUS / "dev").glob("*.html"))


@pytest.mark.skipif(not FILES, reason="the corpus (../shared/corpus) is not beside the checkout")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_quotes_match_offsets(path):
    doc = to_text_document(path.read_bytes(), name=path.name)
    extraction = DEFAULT.extract(doc)
    for award in extraction.awards:
        assert doc.text[award.start:award.end] == award.quote
        assert award.recipient and award.quote


def test_corpus_is_present():
    assert len(FILES) >= 20, "expected the seed and dev corpus beside the checkout"
