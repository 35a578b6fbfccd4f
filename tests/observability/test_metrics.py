"""GET /metrics: the counters are there, they move, and no session id ever becomes a label."""

from __future__ import annotations

import re

from prometheus_client.parser import text_string_to_metric_families

from bot.observability.metrics import ENQUIRIES_CREATED, RASA_ERRORS, SAFETY_RESPONSES
from bot.observability.middleware import route_template

CHAT_ROUTE = "/api/chat/sessions/{session_id}/messages"


def samples(client, **headers) -> dict[tuple[str, tuple], float]:
    response = client.get("/metrics", headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    out = {}
    for family in text_string_to_metric_families(response.text):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def value(all_samples, name, **labels) -> float:
    return all_samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_metrics_exposes_the_counters(client):
    # One request first: a labelled histogram has no sample until a request is timed (run alone,
    # this test's own GET /metrics would otherwise be the first).
    client.get("/health")
    text = client.get("/metrics").text
    for name in (
        "kinship_http_requests_total",
        "kinship_http_request_duration_seconds_bucket",
        "kinship_chat_messages_total",
        "kinship_safety_responses_total",
        "kinship_rasa_errors_total",
        "kinship_rasa_request_duration_seconds_bucket",
        "kinship_enquiries_created_total",
    ):
        assert name in text, name


def test_counters_move_and_no_session_id_in_labels(client):
    before = samples(client)
    session_ids = []
    for _ in range(3):
        response = client.post("/api/chat/sessions")
        assert response.status_code == 201
        session_ids.append(response.json()["session_id"])
    for session_id in session_ids:
        # Rasa is "down" in these tests: 503 and a Rasa error.
        response = client.post(
            f"/api/chat/sessions/{session_id}/messages", json={"text": "hello, what help is there?"}
        )
        assert response.status_code == 503
    # The safety response does not need Rasa.
    response = client.post(
        f"/api/chat/sessions/{session_ids[0]}/messages", json={"text": "he is hitting me now"}
    )
    assert response.status_code == 200 and response.json()["safeguarding"] is True
    # Unknown session: rejected, labelled by template too.
    client.post("/api/chat/sessions/not-a-real-session-id-zzz/messages", json={"text": "hi"})
    ENQUIRIES_CREATED.inc()

    response = client.get("/metrics")
    for session_id in session_ids + ["not-a-real-session-id-zzz"]:
        assert session_id not in response.text
    after = samples(client)

    def delta(name, **labels):
        return value(after, name, **labels) - value(before, name, **labels)

    assert delta("kinship_http_requests_total", method="POST", route=CHAT_ROUTE, status="503") == 3
    assert delta("kinship_http_requests_total", method="POST", route=CHAT_ROUTE, status="200") == 1
    assert delta("kinship_http_requests_total", method="POST", route=CHAT_ROUTE, status="404") == 1
    assert (
        delta(
            "kinship_http_requests_total", method="POST", route="/api/chat/sessions", status="201"
        )
        == 3
    )
    assert delta("kinship_chat_messages_total", result="unavailable") == 3
    assert delta("kinship_chat_messages_total", result="answered") == 1
    assert delta("kinship_chat_messages_total", result="rejected") == 1
    assert delta("kinship_safety_responses_total", category="violence") == 1
    assert delta("kinship_rasa_errors_total", reason="connect") == 3
    assert delta("kinship_rasa_request_duration_seconds_count", operation="send") == 3
    assert delta("kinship_enquiries_created_total") == 1
    assert (
        delta("kinship_http_request_duration_seconds_count", method="POST", route=CHAT_ROUTE) == 5
    )

    # Every route label is a template or <unmatched>: nothing that looks like a token.
    routes = {dict(labels).get("route") for (_, labels) in after if dict(labels).get("route")}
    for route in routes:
        assert route == "<unmatched>" or route.startswith("/"), route
        assert not re.search(r"[A-Za-z0-9_-]{24,}", route), route


def test_unmatched_and_wrong_method_and_static(client):
    client.get("/no/such/page/abcdefghijklmnopqrstuvwxyz123456")
    client.get(CHAT_ROUTE.replace("{session_id}", "x" * 32))  # GET on a POST route: 405
    client.get("/widget/widget.js")
    text = client.get("/metrics").text
    assert 'route="<unmatched>"' in text
    assert "abcdefghijklmnopqrstuvwxyz123456" not in text
    assert 'method="GET",route="/api/chat/sessions/{session_id}/messages",status="405"' in text
    assert 'route="/widget/{path}"' in text


def test_route_template_direct():
    from bot.main import app

    def scope(path, method="GET"):
        return {
            "type": "http",
            "path": path,
            "method": method,
            "root_path": "",
            "query_string": b"",
            "headers": [],
        }

    assert route_template(app, scope("/widget/widget.js")) == "/widget/{path}"
    assert route_template(app, scope("/nothing-here")) == "<unmatched>"


def test_the_counters_other_modules_increment_count_by_their_labels():
    from prometheus_client import REGISTRY

    counted = (
        (
            SAFETY_RESPONSES.labels(category="self_harm"),
            "kinship_safety_responses_total",
            {"category": "self_harm"},
        ),
        (RASA_ERRORS.labels(reason="timeout"), "kinship_rasa_errors_total", {"reason": "timeout"}),
        (ENQUIRIES_CREATED, "kinship_enquiries_created_total", {}),
    )
    for counter, name, labels in counted:
        before = REGISTRY.get_sample_value(name, labels) or 0.0
        counter.inc()
        assert REGISTRY.get_sample_value(name, labels) == before + 1, name


def test_metrics_token(client, monkeypatch):
    from bot.settings import get_settings

    monkeypatch.setattr(get_settings(), "metrics_token", "s3cret-token-for-tests")
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
    ok = client.get("/metrics", headers={"Authorization": "Bearer s3cret-token-for-tests"})
    assert ok.status_code == 200 and "kinship_http_requests_total" in ok.text


def test_multiprocess_mode(tmp_path, monkeypatch):
    from bot.observability import metrics

    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    body, content_type = metrics.render()  # an empty directory: valid, empty exposition
    assert content_type.startswith("text/plain")
    assert isinstance(body, bytes)
