"""Fuzz every operation in the app's OpenAPI description with schemathesis against the real
system (app + Rasa): whatever a client sends, the app never answers with a 5xx, and every
JSON error has a plain-words `detail`."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

pytestmark = pytest.mark.integration

EXAMPLES_PER_OPERATION = 25


def check(case, seen: list[int]) -> None:
    response = case.call(timeout=30)
    seen.append(response.status_code)
    where = (case.method, case.path, response.status_code, response.text[:300])
    assert response.status_code < 500, where
    if response.status_code >= 400 and "json" in response.headers.get("content-type", ""):
        assert isinstance(response.json().get("detail"), str), where


def test_no_server_errors(live_system):
    schema = schemathesis.openapi.from_url(f"{live_system.app_url}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 5
    seen: list[int] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def fuzz(case):
            check(case, seen)

        fuzz()
    # The fuzzing really ran: many requests, both accepted and refused ones.
    assert len(seen) >= 3 * len(operations)
    assert any(code < 300 for code in seen) and any(code >= 400 for code in seen)
