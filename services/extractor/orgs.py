"""Organisation names as the extractor reads them: the shared normalisation and council register
(`shared/orgs.py`), and `DATA`, the folder of the extractor's own registers (funders, places, the
confidence model)."""
from __future__ import annotations

from pathlib import Path

from shared.orgs import (GOVERNMENT_WORDS, ORG_WORDS, Council, clean_name, council, council_ids, find_places, fold,
                         has_org_word, is_orgish, is_place, name_key, resolve)

DATA = Path(__file__).parent / "data"

__all__ = ["DATA", "GOVERNMENT_WORDS", "ORG_WORDS", "Council", "clean_name", "council", "council_ids", "find_places",
           "fold", "has_org_word", "is_orgish", "is_place", "name_key", "resolve"]
