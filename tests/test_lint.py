"""`make lint` holds the architecture: a forbidden import added to a copy of the tree breaks it."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

BIN = Path(sys.executable).parent


def lint(tree: Path) -> subprocess.CompletedProcess:
    """The checks `make lint` runs, in the given tree."""
    ruff = subprocess.run([BIN / "ruff", "check", "--no-cache", "services", "shared", "tests", "bench"], cwd=tree,
                          capture_output=True, text=True, timeout=120)
    if ruff.returncode:
        return ruff
    return subprocess.run([BIN / "lint-imports", "--no-cache"], cwd=tree, capture_output=True, text=True, timeout=120)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    copy = tmp_path / "fundwatch"
    copy.mkdir()
    for part in ("services", "shared", "tests", "bench"):
        shutil.copytree(ROOT / part, copy / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy(ROOT / "pyproject.toml", copy)
    return copy


def add_line(path: Path, line: str) -> None:
    """Put an import after the module's `from __future__` line, where a developer would add one."""
    text = path.read_text()
    head, sep, rest = text.partition("from __future__ import annotations\n")
    path.write_text(head + sep + line + "\n" + rest if sep else line + "\n" + text)


def test_the_tree_as_it_is_passes(tree: Path):
    result = lint(tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(("module", "forbidden", "contract"), [
    ("services/fetcher/store.py", "import services.extractor.tasks  # noqa: F401",
     "Services meet only through shared: none imports another BROKEN"),
    ("services/api/routes/sources.py", "from services.fetcher import leases  # noqa: F401",
     "Services meet only through shared: none imports another BROKEN"),
    ("shared/celery_app.py", "import services.extractor.tasks  # noqa: F401", "shared imports no service BROKEN"),
    ("services/extractor/grouping.py", "import sqlalchemy  # noqa: F401",
     "Pure domain modules import no Celery, FastAPI, SQLAlchemy, psycopg or httpx BROKEN"),
])
def test_a_forbidden_import_fails_the_lint(tree: Path, module: str, forbidden: str, contract: str):
    add_line(tree / module, forbidden)
    result = lint(tree)
    assert result.returncode != 0
    assert contract in result.stdout, result.stdout


def test_an_unused_import_fails_the_lint(tree: Path):
    add_line(tree / "services/notifier/webhooks.py", "import os")
    result = lint(tree)
    assert result.returncode != 0 and "F401" in result.stdout
