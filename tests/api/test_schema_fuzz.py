"""Schemathesis against the OpenAPI schema (bounded): no request the schema allows gets a 5xx, and
no response breaks the schema. The records are the seed pages', so lookups find real data."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from services.api.app import app
from tests.conftest import CORPUS, empty_database
from tests.feeds import read_inline

pytestmark = pytest.mark.slow

schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.fixture(scope="module", autouse=True)
def seed_records():
    empty_database()
    for path in sorted((CORPUS / "seeds").glob("*.txt")):
        read_inline(path)
    yield
    empty_database()


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_conforms_to_its_schema(case):
    case.headers = {**(case.headers or {}), "X-API-Key": "test-admin-key"}
    # the checks of the issue: no 5xx; status codes, content types, bodies and headers as documented
    case.call_and_validate(checks=[checks.not_a_server_error, checks.status_code_conformance,
                                   checks.content_type_conformance, checks.response_schema_conformance,
                                   checks.response_headers_conformance])
