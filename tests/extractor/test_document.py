"""Pages as the reader is given them: the main text of an HTML page, its tables kept as rows."""
from pathlib import Path

from services.extractor.document import to_text_document
from services.extractor.readers import DEFAULT

PAGE = Path(__file__).resolve().parents[1] / "data" / "pages" / "table-in-a-press-release.html"


def test_a_table_keeps_its_rows_where_trafilatura_falls_back_to_running_text():
    # on this page trafilatura's own main-text pass gives way to a fallback that runs a table's
    # cells into one line; the rows must survive as rows
    doc = to_text_document(PAGE.read_bytes(), content_type="text/html")
    assert "| $15,000 | Harbour Housing Trust |" in doc.text.splitlines()
    awards = {a.recipient: int(a.amount) for a in DEFAULT.extract(doc).awards}
    assert awards == {"Quayside Health Centre": 20000, "Harbour Housing Trust": 15000, "Tidemark Food Bank": 20000}
