"""A gated pattern finds what its bare pattern finds: on invented sentences, and on every sentence of
the corpus for every gate the extractor has (a gate word missing from a match would lose it)."""
import importlib
import pkgutil
import re

import pytest

import services.extractor
from services.extractor.document import to_text_document
from services.extractor.gate import Gated
from services.extractor.reader.units import read_units
from tests.conftest import CORPUS


def _gates() -> dict[str, Gated]:
    found = {}
    for info in pkgutil.walk_packages(services.extractor.__path__, "services.extractor."):
        if info.name.endswith((".tasks", ".repo", ".pipeline", ".reprocess", ".claims", ".changes")):
            continue                    # the worker's modules: no patterns, and they need the settings
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, Gated):
                found.setdefault(id(value), (f"{info.name}.{name}", value))
    return dict(found.values())


GATES = _gates()
FILES = sorted((CORPUS / "seeds").glob("*.txt")) + [p for s in ("dev", "dev2", "dev3")
                                                     for p in sorted((CORPUS / s).glob("*.html"))]


def _same(gated: Gated, text: str, pos: int = 0, endpos: int = 10**9) -> None:
    bare = [(m.span(), m.group(0)) for m in gated.rx.finditer(text, pos, endpos)]
    assert [(m.span(), m.group(0)) for m in gated.finditer(text, pos, endpos)] == bare
    first = gated.rx.search(text, pos, endpos)
    got = gated.search(text, pos, endpos)
    assert (got and got.span()) == (first and first.span())


def test_the_extractor_has_gates():
    assert len(GATES) >= 6, sorted(GATES)


def test_a_gate_runs_its_pattern_only_where_a_word_is():
    gate = Gated(re.compile(r"\b(?:working|teamed\s+up)\s+with\b", re.I), "with")
    assert gate.search("The Tollbridge Trust is working with Eastmere College.").group(0) == "working with"
    assert gate.search("The Tollbridge Trust TEAMED UP WITH Eastmere College.").group(0) == "TEAMED UP WITH"
    assert gate.search("The Tollbridge Trust received £5,000.") is None
    assert list(gate.finditer("Working with A; teamed up with B.")) != []
    # the gate reads the part of the text the search is limited to
    text = "working with A, then alone"
    assert gate.search(text, 14) is None and gate.search(text, 0, 12).group(0) == "working with"


def test_gate_words_are_lower_case():
    with pytest.raises(ValueError, match="lower case"):
        Gated(re.compile("With"), "With")


@pytest.mark.parametrize("invented", [
    "The Harbour Arts Trust, working closely with Eastmere College, was awarded £40,000.",
    "It is a consortium of the Lowfield Trust, Northby Council and Westcombe Housing.",
    "Winners of the Coast Awards are: Tidemark Theatre, Lowfield Choir and Eastmere Museum.",
    "Northby Rowing Club, Eastmere Hall and Lowfield Library are among the groups chosen.",
    "The bid was turned down last year, and a salary of £30,000 per annum is offered.",
    "Tidemark Museum has secured £12,000 of cash to spend on its archive.",
])
def test_every_gate_agrees_with_its_pattern_on_invented_sentences(invented):
    for gated in GATES.values():
        _same(gated, invented)
        _same(gated, invented.upper())


@pytest.mark.skipif(not FILES, reason="the corpus (../shared/corpus) is not beside the checkout")
def test_every_gate_agrees_with_its_pattern_on_the_corpus():
    matched = {name: 0 for name in GATES}
    for path in FILES:
        doc = to_text_document(path.read_bytes(), content_type="text/html" if path.suffix == ".html" else None,
                               name=path.name)
        for unit in [part for block in read_units(doc.text, doc.title) for part in (block, *block.units)]:
            for name, gated in GATES.items():
                _same(gated, unit.text)
                matched[name] += gated.rx.search(unit.text) is not None
    # each gate was put to the test: the corpus holds matches of every gated pattern
    assert all(matched.values()), {n: c for n, c in matched.items() if not c}
