"""Schemathesis against the OpenAPI schema (bounded): no request the schema allows gets a 5xx, and
no response breaks the schema. The records are the seed pages', so lookups find real data."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from services.api.app import app
from services.extractor.pipeline import process_document
from services.fetcher.http import FetchResult
from services.fetcher.store import store_page
from tests.conftest import CORPUS, empty_database

pytestmark = pytest.mark.slow

schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.fixture(scope="module", autouse=True)
def seed_records():
    empty_database()
    for path in sorted((CORPUS / "seeds").glob("*.txt")):
        doc_id = store_page(None, FetchResult(url=f"http://corpus.test/{path.name}", status=200,
                                              body=path.read_bytes(), content_type="text/plain"), enqueue=False)
        process_document(doc_id)
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
