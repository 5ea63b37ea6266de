"""The seed records exported as a 360Giving package validate against the standard's JSON schema."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from services.api.export import export_awards
from tests.conftest import CORPUS, ROOT
from tests.feeds import read_inline

SCHEMAS = Path(__file__).parent / "data" / "360giving"


def validator() -> jsonschema.Draft202012Validator:
    grant = json.loads((SCHEMAS / "360-giving-schema.json").read_text())
    package = json.loads((SCHEMAS / "360-giving-package-schema.json").read_text())
    resource = DRAFT202012.create_resource(grant)   # its $schema URL is written with http://
    # the package refers to the grant schema by its published URL (of 1.4.2): resolve it offline
    refs = {grant["$id"], grant["$id"].replace("1.4.3", "1.4.2")}
    registry = Registry().with_resources([(ref, resource) for ref in refs])
    return jsonschema.Draft202012Validator(package, registry=registry,
                                           format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_seed_records_export_as_valid_360giving(db):
    for path in sorted((CORPUS / "seeds").glob("*.txt")):
        read_inline(path)
    out = subprocess.run([sys.executable, "-m", "services.cli", "export", "--format", "360giving"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    package = json.loads(out.stdout)
    errors = sorted(validator().iter_errors(package), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    grants = package["grants"]
    records = export_awards()
    with_amount = [r for r in records if r["amount"] is not None]
    assert len(grants) == len(with_amount) and len({g["id"] for g in grants}) == len(grants)
    assert f"{len(records) - len(with_amount)} awards with no stated amount left out" in out.stderr
    councils = [g for g in grants if g["recipientOrganization"][0]["id"].startswith("GB-LAE-")]
    assert councils and all(g["currency"] == "GBP" and g["amountAwarded"] > 0 for g in grants)


def test_the_validator_rejects_a_grant_missing_required_fields():
    broken = {"grants": [{"id": "360G-x-1", "title": "t", "currency": "GBP"}], "version": "1.4"}
    assert list(validator().iter_errors(broken))
