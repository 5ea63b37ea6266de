"""`python -m bench [NAME...]`: run the named benchmarks (all by default) and print their figures."""
from __future__ import annotations

import argparse
import importlib
import sys

BENCHES = {
    "extract": "bench.extract",
    "consolidate": "bench.consolidate",
    "pipeline": "bench.pipeline",
    "fetch": "bench.fetch",
    "api": "bench.api",
    "schedule": "bench.schedule",
    "freshness": "bench.freshness",
    "api_ingest": "bench.api_ingest",
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    ap.add_argument("names", nargs="*", metavar="NAME",
                    help=f"benchmarks to run: {', '.join(BENCHES)} (default: all)")
    ap.add_argument("--seconds", type=float, default=2.0, help="minimum measuring time per figure")
    ap.add_argument("--quick", action="store_true",
                    help="smaller stores and runs: checks the benchmarks work, figures not representative")
    args = ap.parse_args(argv)
    unknown = [n for n in args.names if n not in BENCHES]
    if unknown:
        ap.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHES)}")
    for name in args.names or list(BENCHES):
        importlib.import_module(BENCHES[name]).run(min_seconds=args.seconds, quick=args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
