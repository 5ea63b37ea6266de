"""No recipient of the evaluation corpus is written into fundwatch's code: the reader must find
them by general cues. The registers under services/extractor/data/ (councils, funders, places) are
general data and left aside, and so are the gold names they hold ("Kent", "Glasgow")."""
import json
import re
from pathlib import Path

import pytest

from tests.conftest import CORPUS, ROOT

SOURCES = [p for folder in ("services", "shared") for p in sorted((ROOT / folder).rglob("*"))
           if p.is_file() and p.suffix in (".py", ".json", ".md", ".yaml", ".txt", ".csv", ".html", ".js")
           and "data" not in p.relative_to(ROOT).parts and "__pycache__" not in p.parts]


def gold_names() -> set[str]:
    names: set[str] = set()
    files = sorted(CORPUS.glob("*/*.gold.json")) + sorted(CORPUS.glob("*/gold.json"))
    for f in files:
        data = json.loads(f.read_text())
        for doc in data.get("documents", [data]):
            for ann in doc.get("announcements", []):
                for award in ann.get("awards", []):
                    names |= {award["recipient"], *award.get("aliases", []), *award.get("co_recipients", [])}
    registers = " ".join(p.read_text().lower() for p in (ROOT / "services" / "extractor" / "data").glob("*.csv"))
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
