"""Fuzz every operation in the app's OpenAPI description with schemathesis against the real
system (app + Rasa): whatever a client sends, the app never answers with a 5xx."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

pytestmark = pytest.mark.integration


@pytest.fixture
def api_schema(live_system):
    return schemathesis.openapi.from_url(f"{live_system.app_url}/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_errors(case):
    response = case.call(timeout=30)
    assert response.status_code < 500, (case.method, case.path, response.status_code, response.text[:300])
    if response.headers.get("content-type", "").startswith("application/json"):
        if response.status_code >= 400:
            assert isinstance(response.json().get("detail"), str), response.text[:300]
