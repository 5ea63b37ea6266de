"""The OpenAPI document shows every field of every model with an example, and each example is a
value the field's own schema accepts (so the documentation cannot drift from the models)."""
from __future__ import annotations

import jsonschema
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from services.api.app import app


def documented_elsewhere(prop: dict) -> bool:
    """A field that is another model, or a list of one: that model's fields carry the examples."""
    return "$ref" in prop or "$ref" in prop.get("items", {})


def test_every_field_has_an_example_its_schema_accepts():
    spec = app.openapi()
    registry = Registry().with_resource("", DRAFT202012.create_resource(spec))   # "#/components/…" refs
    missing, wrong = [], []
    for model, schema in spec["components"]["schemas"].items():
        for name, prop in (schema.get("properties") or {}).items():
            examples = prop.get("examples", [prop["example"]] if "example" in prop else [])
            if not examples:
                if not documented_elsewhere(prop):
                    missing.append(f"{model}.{name}")
                continue
            validator = jsonschema.Draft202012Validator(prop, registry=registry,
                                                        format_checker=jsonschema.FormatChecker())
            wrong += [f"{model}.{name}: {example!r}" for example in examples if not validator.is_valid(example)]
    assert not missing, f"fields without an example: {missing}"
    assert not wrong, f"examples their field's schema refuses: {wrong}"
