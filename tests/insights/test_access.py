"""Who may see what: the dashboard and its CSV are for managers; content review for all staff."""

from __future__ import annotations

import pytest

MANAGER_ONLY = ["/navigator/insights", "/navigator/insights.csv"]
ALL_STAFF = ["/navigator/content-review"]


@pytest.mark.parametrize("path", MANAGER_ONLY + ALL_STAFF)
def test_anonymous_is_sent_to_sign_in(client, path):
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/navigator/sign-in"


@pytest.mark.parametrize("path", MANAGER_ONLY)
def test_navigator_is_refused_the_dashboard(navigator, path):
    response = navigator.get(path, follow_redirects=False)
    assert response.status_code == 403
    assert response.json()["detail"] == "Only managers can do this."


def test_navigator_sees_content_review_but_no_insights_link(navigator):
    response = navigator.get("/navigator/content-review")
    assert response.status_code == 200
    assert 'href="/navigator/content-review"' in response.text
    assert 'href="/navigator/insights"' not in response.text


@pytest.mark.parametrize("path", MANAGER_ONLY + ALL_STAFF)
def test_manager_sees_everything(manager, path):
    response = manager.get(path)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"


def test_manager_nav_links_to_insights_and_views_are_audited(manager):
    page = manager.get("/navigator/enquiries")
    assert 'href="/navigator/insights"' in page.text
    manager.get("/navigator/insights")
    manager.get("/navigator/insights.csv")
    audit = manager.get("/navigator/audit").text
    assert "viewed_insights" in audit and "exported_insights_csv" in audit
