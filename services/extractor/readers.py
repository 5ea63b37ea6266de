"""The extractors fundwatch can run, by version, and the one it runs by default."""
from __future__ import annotations

from services.extractor.extract import Extractor, RuleExtractor
from services.extractor.reader.extractor import GeneralReader

EXTRACTORS: dict[str, type] = {RuleExtractor.version: RuleExtractor, GeneralReader.version: GeneralReader}
DEFAULT: Extractor = GeneralReader()


def by_version(version: str | None) -> Extractor:
    """The extractor of that version (the default for None); a clear error for an unknown one."""
    if version is None or version == DEFAULT.version:
        return DEFAULT
    if version not in EXTRACTORS:
        raise ValueError(f"unknown extractor {version!r}; known: {', '.join(sorted(EXTRACTORS))}")
    return EXTRACTORS[version]()
