"""Pages built to make the reader's patterns work hard: each is read, with true quotes, and gives
what it says (timings are in bench/; the suite's time limit stops a pattern that runs away)."""
import pytest

from services.extractor.readers import DEFAULT
from shared.domain import TextDocument

CASES = {
    "a name joined by 'and' three thousand times": (" and ".join(["Harbour Trust"] * 3000) +
                                                    " have been awarded £5m.", 1),
    "spaces before the verb": ("The Harbour Trust" + " " * 8000 + "received £5,000.", None),
    "a sentence of relative clauses": ("Harbour Trust, which runs a club in Northvale and works with Wexley "
                                       "Council, " * 300 + "received £5m.", 1),
    "ten thousand amounts": ("£1 " * 10000, 0),
    "amounts in words": ("thirty million pounds " * 3000, 0),
    "two thousand list items": ("\n".join(f"- Harbour Trust {i} – £{i},000 for work" for i in range(1, 2001)), 2000),
    "a table of a thousand rows": ("| Recipient | Award |\n|---|---|\n" +
                                   "\n".join(f"| Harbour Trust {i} | £{i},000 |" for i in range(1, 1001)), 1000),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_pages_are_read(name):
    text, expected = CASES[name]
    title = "Harbour Trust wins £5m" if expected in (None, 0, 1) else None
    extraction = DEFAULT.extract(TextDocument(text=text, title=title))
    assert all(text[a.start:a.end] == a.quote for a in extraction.awards)
    if expected is not None:
        assert len(extraction.awards) == expected
