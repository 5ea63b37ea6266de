"""No recipient of the evaluation corpus, nor one of its distinctive amounts, is written into
fundwatch's code or tests: the reader must find them by general cues, and tests use invented examples.
The registers under shared/data/ (councils) and services/extractor/data/ (funders, places) are
general data and left aside, and so are the gold names they hold ("Kent", "Glasgow")."""
import json
import re

import pytest

from tests.conftest import CORPUS, ROOT

SOURCES = [p for folder in ("services", "shared", "tests", "bench") for p in sorted((ROOT / folder).rglob("*"))
           if p.is_file() and p.suffix in (".py", ".json", ".md", ".yaml", ".txt", ".csv", ".html", ".js")
           and "data" not in p.relative_to(ROOT).parts and "__pycache__" not in p.parts
           and p.name != "test_no_corpus_names.py"]


def gold_names() -> set[str]:
    names: set[str] = set()
    files = sorted(CORPUS.glob("*/*.gold.json")) + sorted(CORPUS.glob("*/gold.json"))
    for f in files:
        data = json.loads(f.read_text())
        for doc in data.get("documents", [data]):
            for ann in doc.get("announcements", []):
                for award in ann.get("awards", []):
                    names |= {award["recipient"], *award.get("aliases", []), *award.get("co_recipients", [])}
    registers = " ".join(p.read_text().lower() for folder in (ROOT / "shared" / "data", ROOT / "services" / "extractor" / "data")
                         for p in folder.glob("*.csv"))
    words = set(re.findall(r"[\w'’&.-]+(?: [\w'’&.-]+)*", registers.replace(",", "\n").replace("|", "\n")))
    return {n for n in names if len(n) >= 4 and n.lower() not in words}


@pytest.mark.skipif(not CORPUS.exists(), reason="the corpus (../shared/corpus) is not beside the checkout")
def test_no_gold_recipient_or_alias_in_the_code():
    names = gold_names()
    assert len(names) > 200
    pattern = re.compile(r"(?<![\w'’])(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                         + r")(?![\w'’])", re.I)
    found = {f"{p.relative_to(ROOT)}: {m.group(0)}" for p in SOURCES for m in pattern.finditer(p.read_text())}
    assert not found, sorted(found)


def gold_amounts() -> set[str]:
    """The corpus's distinctive amounts (five or more significant digits), as a page writes them."""
    found: set[str] = set()
    files = sorted(CORPUS.glob("*/*.gold.json")) + sorted(CORPUS.glob("*/gold.json"))
    for f in files:
        data = json.loads(f.read_text())
        for doc in data.get("documents", [data]):
            for ann in doc.get("announcements", []):
                for award in [*ann.get("awards", []), {"amount": ann.get("total_amount")}]:
                    amount = award.get("amount")
                    if isinstance(amount, (int, float)) and len(str(int(amount)).rstrip("0")) >= 5:
                        found.add(f"{int(amount):,}")
    return found


@pytest.mark.skipif(not CORPUS.exists(), reason="the corpus (../shared/corpus) is not beside the checkout")
def test_no_distinctive_gold_amount_in_the_code_or_tests():
    amounts = gold_amounts()
    assert len(amounts) > 20
    pattern = re.compile(r"(?<![\d,.])(?:" + "|".join(re.escape(a) for a in sorted(amounts)) + r")(?![\d,])")
    found = {f"{p.relative_to(ROOT)}: {m.group(0)}" for p in SOURCES for m in pattern.finditer(p.read_text())}
    assert not found, sorted(found)
