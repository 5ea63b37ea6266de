"""Helpers shared by the benchmarks: the corpus location, timing loops and the report table."""
from __future__ import annotations

import gc
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("FUNDWATCH_CORPUS", ROOT.parent / "shared" / "corpus"))


def corpus_pages() -> list[tuple[Path, bytes]]:
    """The corpus HTML pages, or the project's own sample site where the corpus is absent."""
    pages = sorted((CORPUS / "dev").glob("*.html"))
    if not pages:
        pages = sorted((ROOT / "examples" / "site").glob("*.html"))
        print(f"note: no corpus at {CORPUS}; using the sample site ({len(pages)} pages)")
    return [(p, p.read_bytes()) for p in pages]


def timed(fn: Callable[[], object], min_seconds: float = 2.0) -> tuple[float, int]:
    """Run fn repeatedly for at least min_seconds after one warm-up; return (seconds per run, runs)."""
    fn()
    runs, start = 0, time.perf_counter()
    while True:
        fn()
        runs += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return elapsed / runs, runs


@contextmanager
def own_heap(collect: bool = True) -> Iterator[None]:
    """Time a piece of work without paying for what earlier benchmarks left in this process (`make
    bench` runs them all in one): that heap is frozen out of the collector for the duration, and the
    collector is switched off altogether when `collect` is False."""
    gc.collect()
    gc.freeze()
    if not collect:
        gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.unfreeze()


def forget_memos(packages: tuple[str, ...] = ("services.extractor", "shared.orgs")) -> int:
    """Empty the packages' bounded memo caches (per text, per name), so that a benchmark reading the
    same pages again reads them as new pages, as production does; the registers and models loaded
    once (unbounded caches) stay loaded. Returns how many caches were emptied."""
    emptied = 0
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(packages):
            continue
        for value in vars(module).values():
            params = getattr(value, "cache_parameters", None)
            if params is not None and params().get("maxsize") is not None:
                value.cache_clear()
                emptied += 1
    return emptied


def heading(title: str) -> None:
    print(f"\n== {title}")


def row(label: str, value: str, note: str = "") -> None:
    print(f"  {label:<44} {value:>14}  {note}")


def wait_for_port(proc: subprocess.Popen, port: int, timeout: float = 20.0) -> subprocess.Popen:
    """The benchmark server `proc` once it accepts connections on 127.0.0.1:`port`; RuntimeError if
    it exits or does not within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("benchmark server did not start") from None
            time.sleep(0.05)
