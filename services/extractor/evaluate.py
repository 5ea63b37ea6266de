"""`make eval`: the extractors scored on the evaluation corpus, side by side, with the corpus's own
scorer (`score.py` beside the corpus), and the reader's confidence checked against what is right.

  python -m services.extractor.evaluate [--corpus DIR] [--sets seeds,dev,dev2,dev3] [--train]

--train fits the confidence model (scikit-learn's logistic regression) on every set — on every
statement the reader could make there, those its funder, programme and phrase checks leave out
included, since the sets' final statements are nearly all right — prints its cross-validated figures
(each set held out in turn) and writes `data/confidence.json`."""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from types import ModuleType

from services.extractor.document import ExtractionError, to_text_document
from services.extractor.extract import RuleExtractor
from services.extractor.reader import confidence
from services.extractor.reader.extractor import GeneralReader

DEFAULT_CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
SETS = ("seeds", "dev", "dev2", "dev3")
BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.01))


def load_scorer(corpus: Path) -> ModuleType:
    """The corpus's scorer as a module (standard library only, kept beside the corpus)."""
    spec = importlib.util.spec_from_file_location("fundwatch_corpus_score", corpus / "score.py")
    if spec is None or spec.loader is None or not (corpus / "score.py").exists():
        sys.exit(f"evaluate: no scorer at {corpus / 'score.py'}; pass --corpus DIR")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pages(corpus: Path, name: str) -> tuple[Path, list[Path]]:
    """A set's gold (file or folder) and its pages."""
    folder = corpus / name
    if name == "seeds":
        return folder / "gold.json", sorted(folder.glob("*.txt"))
    return folder, sorted(folder.glob("*.html"))


def read_page(path: Path, reader, unfiltered: bool = False) -> tuple[list[dict], list[dict[str, float]]]:
    """One page's awards as the scorer reads them, and (for the general reader) their features."""
    ctype = "text/html" if path.suffix == ".html" else None
    try:
        doc = to_text_document(path.read_bytes(), content_type=ctype, name=path.name)
    except ExtractionError:
        return [], []
    if isinstance(reader, GeneralReader):
        extraction, feats = reader.read(doc, unfiltered=unfiltered)
    elif unfiltered:
        return _rule_statements(doc)
    else:
        extraction, feats = reader.extract(doc), []
    return [a.as_json() for a in extraction.awards], feats


def _rule_statements(doc) -> tuple[list[dict], list[dict[str, float]]]:
    """rules-0.2's statements with the features the reader's model reads: more examples of what
    goes wrong (the reader's own are nearly all right on these sets), for training only."""
    from services.extractor.extract import RULES, _statement, merge
    from services.extractor.rules.base import Context
    from services.extractor.segments import units

    groups = merge([c for rule in RULES.values() for c in rule(Context(doc, units(doc.text)))])
    return [_statement(g, doc).as_json() for g in groups], [confidence.features(g, doc.title) for g in groups]


def score_set(scorer: ModuleType, gold_spec: Path, predictions: dict[str, list[dict]]):
    """(tp, fp, fn, tp with amount) over a set, and per predicted award whether it is right
    (None for one matched to an optional gold award)."""
    gold = scorer.load_gold(gold_spec)
    tp = fp = fn = tpa = 0
    right: dict[str, list[bool | None]] = {}
    for name, gdoc in gold.items():
        golds, preds = scorer.gold_awards(gdoc), predictions.get(name, [])
        pairs, unmatched, ignored = scorer.match_doc(golds, preds)
        optional = {gi for gi, g in enumerate(golds) if g.get("optional")}
        verdicts: list[bool | None] = [False] * len(preds)
        for gi, pi in pairs:
            same = scorer.amount_eq(golds[gi].get("amount"), preds[pi].get("amount"))
            verdicts[pi] = None if gi in optional else bool(same)
            if gi not in optional:
                tp, tpa = tp + 1, tpa + same
        for pi in ignored:
            verdicts[pi] = None
        fn += len([gi for gi in range(len(golds)) if gi not in {g for g, _ in pairs} and gi not in optional])
        fp += len(unmatched)
        right[name] = verdicts
    return (tp, fp, fn, tpa), right


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(corpus: Path, sets: list[str], readers: dict[str, object], unfiltered: bool = False) -> dict:
    scorer = load_scorer(corpus)
    results: dict = {"sets": {}, "confidence": [], "features": []}
    for name in sets:
        gold_spec, files = pages(corpus, name)
        for label, reader in readers.items():
            started = time.perf_counter()
            preds, feats = {}, {}
            for path in files:
                preds[path.name], feats[path.name] = read_page(path, reader, unfiltered)
            (tp, fp, fn, tpa), right = score_set(scorer, gold_spec, preds)
            results["sets"][(name, label)] = {"recipient": prf(tp, fp, fn),
                                              "amount": prf(tpa, fp + tp - tpa, fn + tp - tpa),
                                              "tp": tp, "fp": fp, "fn": fn, "seconds": time.perf_counter() - started}
            if isinstance(reader, GeneralReader) or unfiltered:
                for doc, verdicts in right.items():
                    for award, verdict, f in zip(preds.get(doc, []), verdicts, feats.get(doc, [])):
                        if verdict is not None:
                            results["confidence"].append((award.get("confidence"), verdict, name))
                            results["features"].append((f, verdict, name))
    return results


def print_report(results: dict, sets: list[str], labels: list[str]) -> None:
    print(f"{'set':6} {'extractor':11} {'recipient P / R / F1':>24} {'recipient+amount P / R / F1':>30}  tp  fp  fn")
    for name in sets:
        for label in labels:
            r = results["sets"][(name, label)]
            (p, rc, f), (pa, ra, fa) = r["recipient"], r["amount"]
            print(f"{name:6} {label:11} {p:7.3f} {rc:7.3f} {f:7.3f}   {pa:9.3f} {ra:7.3f} {fa:7.3f}   "
                  f"{r['tp']:3d} {r['fp']:3d} {r['fn']:3d}")
    print("\nconfidence of the general reader's statements (right = recipient and amount as the gold says):")
    print(f"{'band':>11} {'statements':>10} {'right':>7}")
    for lo, hi in BANDS:
        inside = [ok for c, ok, _ in results["confidence"] if c is not None and lo <= c < hi]
        share = f"{sum(inside) / len(inside):.3f}" if inside else "-"
        print(f"{lo:4.1f}-{min(hi, 1.0):3.1f}  {len(inside):10d} {share:>7}")


def train(results: dict, sets: list[str]) -> dict:
    """Fit the confidence model on every set; report it held out one set at a time."""
    from sklearn.linear_model import LogisticRegression

    def fit(rows):
        x = [[f[k] for k in confidence.FEATURES[1:]] for f, _, _ in rows]
        y = [int(ok) for _, ok, _ in rows]
        return LogisticRegression(C=0.3, max_iter=1000).fit(x, y)   # few wrong statements: keep it modest

    rows = results["features"]
    print("\nconfidence model, each set held out in turn (trained on the others):")
    print(f"{'held out':8} {'statements':>10} {'≥0.9':>6} {'right ≥0.9':>10} {'mean conf':>9} {'share right':>11}")
    for held in sets:
        train_rows = [r for r in rows if r[2] != held]
        test_rows = [r for r in rows if r[2] == held]
        if not train_rows or not test_rows or len({ok for _, ok, _ in train_rows}) < 2:
            continue
        model = fit(train_rows)
        probs = model.predict_proba([[f[k] for k in confidence.FEATURES[1:]] for f, _, _ in test_rows])[:, 1]
        high = [ok for p, (_, ok, _) in zip(probs, test_rows) if p >= 0.9]
        print(f"{held:8} {len(test_rows):10d} {len(high):6d} {(sum(high) / len(high) if high else 0):10.3f} "
              f"{sum(probs) / len(probs):9.3f} {sum(ok for _, ok, _ in test_rows) / len(test_rows):11.3f}")
    model = fit(rows)
    weights = {"bias": float(model.intercept_[0])}
    weights |= {k: float(w) for k, w in zip(confidence.FEATURES[1:], model.coef_[0])}
    return {"trained_on": sets, "statements": len(rows), "weights": weights}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--train", action="store_true", help="fit the confidence model and write data/confidence.json")
    args = ap.parse_args(argv)
    sets = [s for s in args.sets.split(",") if s]
    readers = {GeneralReader.version: GeneralReader(), RuleExtractor.version: RuleExtractor()}
    started = time.perf_counter()
    # the model learns from every statement the reader could make, the left-out ones included
    results = evaluate(args.corpus, sets, readers, unfiltered=args.train)
    if args.train:
        model = train(results, sets)
        confidence.WEIGHTS.write_text(json.dumps(model, indent=1) + "\n")
        print(f"\nwrote {confidence.WEIGHTS} ({model['statements']} statements)")
        return 0
    print_report(results, sets, list(readers))
    print(f"\n({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
