"""The reader's confidence means what it says on the shared sets, and `make eval` reports it."""
import pytest

from services.extractor import evaluate
from services.extractor.reader.extractor import GeneralReader
from tests.conftest import CORPUS

SETS = [s for s in evaluate.SETS if (CORPUS / s).exists()]


@pytest.fixture(scope="module")
def results():
    if len(SETS) < 4:
        pytest.skip("the corpus (../shared/corpus) is not beside the checkout")
    return evaluate.evaluate(CORPUS, SETS, {GeneralReader.version: GeneralReader()})


def test_statements_at_ninety_percent_confidence_are_right_ninety_five_times_in_a_hundred(results):
    high = [ok for conf, ok, _ in results["confidence"] if conf >= 0.9]
    assert len(high) >= 100
    assert sum(high) / len(high) >= 0.95


@pytest.fixture(scope="module")
def unfiltered():
    if len(SETS) < 4:
        pytest.skip("the corpus (../shared/corpus) is not beside the checkout")
    return evaluate.evaluate(CORPUS, SETS, {GeneralReader.version: GeneralReader()}, unfiltered=True)


def test_lower_confidence_bands_are_less_often_right(unfiltered):
    # over every statement the reader could make (those its funder and phrase checks then leave out
    # included: what the model learns its doubts from), a lower confidence is right less often
    low = [ok for conf, ok, _ in unfiltered["confidence"] if conf < 0.9]
    high = [ok for conf, ok, _ in unfiltered["confidence"] if conf >= 0.9]
    assert low and sum(low) / len(low) < sum(high) / len(high)


def test_report_names_every_set_and_both_extractors(capsys):
    if len(SETS) < 4:
        pytest.skip("the corpus (../shared/corpus) is not beside the checkout")
    assert evaluate.main(["--corpus", str(CORPUS), "--sets", "seeds,dev3"]) == 0
    out = capsys.readouterr().out
    for word in ("seeds", "dev3", GeneralReader.version, "rules-0.2"):
        assert word in out
    band = next(line for line in out.splitlines() if line.strip().startswith("0.9-1.0")).split()
    assert int(band[1]) > 0 and 0.0 <= float(band[2]) <= 1.0      # statements counted in the top band


def test_a_missing_model_is_a_clear_error(monkeypatch, tmp_path):
    from services.extractor.reader import confidence

    monkeypatch.setattr(confidence, "WEIGHTS", tmp_path / "no-such-model.json")
    confidence._weights.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="confidence model .* is missing"):
            confidence.confidence({"bias": 1.0})
    finally:
        confidence._weights.cache_clear()
