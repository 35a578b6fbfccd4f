"""The offer's JSON API, HTML pages, leaflet and Open Referral export."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot.offer.loader import load_offer
from bot.offer.models import SECTION_IDS
from bot.offer.router import offer_dependency, router

# The official Open Referral UK 3.0 schema files, copied unchanged (see the README there).
OPEN_REFERRAL = Path(__file__).parent / "schemas" / "openreferral-uk"
PAGES = ["/offer", "/offer/leaflet", "/offer/arrangements/sgo", "/privacy"] + [
    f"/offer/{s}" for s in SECTION_IDS
]


def test_sections_api(client) -> None:
    response = client.get("/api/offer/sections")
    assert response.status_code == 200
    sections = response.json()
    assert [s["id"] for s in sections] == list(SECTION_IDS)
    for s in sections:
        for field in (
            "id",
            "title",
            "carer_text",
            "young_person_text",
            "arrangements",
            "contacts",
            "links",
            "last_reviewed",
            "review_due",
        ):
            assert field in s
        assert s["url"] == f"/offer/{s['id']}"


def test_section_api_resolves_contacts(client, demo_in_use) -> None:
    data = client.get("/api/offer/sections/housing").json()
    assert data["last_reviewed"] == "2026-11-24"
    names = [c["id"] for c in data["contacts"]]
    assert names == ["navigators", "housing_options"]
    navigators = data["contacts"][0]
    phone = load_offer(demo_in_use).council.navigators.phone.value
    assert navigators["phone"] == {"value": phone, "placeholder": True}
    assert navigators["placeholder"] is True


def test_unknown_section_is_a_json_404(client) -> None:
    response = client.get("/api/offer/sections/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {"detail": "There is no offer section 'no-such-thing'."}


@pytest.mark.parametrize("url", PAGES)
def test_pages_respond_and_are_accessible_html(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert '<html lang="en-GB">' in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    # The only script is the chat widget's, deferred: the page reads and works without it
    # (its exit link is a plain link).
    scripts = re.findall(r"<script[^>]*>", html, flags=re.IGNORECASE)
    assert all('src="/widget/widget.js"' in s and " defer" in s for s in scripts), scripts
    assert "<script>" not in html.lower(), "no inline script"
    outline = HeadingOutline()
    outline.feed(html)
    assert outline.levels.count(1) == 1, "one h1 per page"
    for before, after in zip(outline.levels, outline.levels[1:], strict=False):
        assert after <= before + 1, f"heading jumps from h{before} to h{after} on {url}"


def test_unknown_page_is_404(client) -> None:
    assert client.get("/offer/no-such-thing").status_code == 404
    assert client.get("/offer/arrangements/no-such-thing").status_code == 404


def test_css_is_served(client) -> None:
    response = client.get("/offer/static/offer.css")
    assert response.status_code == 200
    assert "text/css" in response.headers["content-type"]
    assert "@media print" in response.text and "focus-visible" in response.text


def test_placeholders_are_marked_and_not_dialable(client, demo_in_use) -> None:
    html = client.get("/offer/kinship-navigators").text
    phone = load_offer(demo_in_use).council.navigators.phone.value
    tag = '<strong class="placeholder-tag">(placeholder: not the real phone number)</strong>'
    assert f"{phone} {tag}" in html
    assert f'href="tel:{phone.replace(" ", "")}"' not in html
    links = load_offer(demo_in_use).sections["kinship-navigators"].links
    if any(link.placeholder for link in links):  # a web page whose address is not known yet
        assert "placeholder: the address is not known yet" in html
    # Real national numbers are real links.
    assert 'href="tel:08001111"' in html


def test_real_numbers_are_dialable_and_unmarked(client, filled_in_use) -> None:
    # As a council going live has it: every placeholder replaced with the real detail.
    html = client.get("/offer/kinship-navigators").text
    phone = load_offer(filled_in_use).council.navigators.phone.value
    assert f'href="tel:{phone.replace(" ", "")}"' in html
    assert "placeholder" not in html.lower()


def test_privacy_notice_page_says_what_retention_does(client, offer) -> None:
    html = client.get("/privacy").text
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    days = offer.council.retention_days
    assert f"We keep it for {days['transcripts']} days, then delete it." in text
    assert f"We keep it for {days['enquiries']} days." in text
    assert offer.council.data_protection.name in text
    assert "{" not in text  # every period filled in
    assert '<a href="/privacy">Privacy notice</a>' in client.get("/offer").text


def test_arrangement_highlight(client) -> None:
    html = client.get("/offer/therapeutic-support?arrangement=sgo").text
    assert 'arrangement-note--chosen" id="arrangement-sgo"' in html
    assert "your arrangement" in html


def test_leaflet_is_short_and_points_to_navigators(client) -> None:
    html = client.get("/offer/leaflet").text
    assert "Talk to a Kinship Navigator" in html
    text = re.sub(r"<[^>]+>", " ", html)
    assert (
        len(text.split()) < 900
    )  # fits two A4 pages at the print size (checked in the browser test)


def test_raw_html_in_content_is_never_passed_through(content_copy) -> None:
    path = content_copy / "sections" / "housing.md"
    text = path.read_text()
    text = text.replace(
        "You may need more room.",
        "You may need <script>alert('x')</script> room. "
        "[click](javascript:alert(1)) <img src=x onerror=alert(1)>",
    )
    text = text.replace("title: Housing", "title: Housing <script>bad()</script>")
    path.write_text(text)
    offer = load_offer(content_copy)  # the loader accepts it; content_check flags it
    app = FastAPI()
    app.include_router(router)
    app.dependency_overrides[offer_dependency] = lambda: offer
    client = TestClient(app)
    for url in ("/offer/housing", "/offer", "/offer/leaflet"):
        html = client.get(url).text
        scripts = re.findall(r"<script[^>]*>", html, flags=re.IGNORECASE)
        assert all('src="/widget/widget.js"' in s for s in scripts), scripts  # the widget only
        assert "bad()</script>" not in html
        assert "<img" not in html.lower()
        assert 'href="javascript:' not in html.lower()
    assert "&lt;script&gt;" in client.get("/offer/housing").text


def _official(name: str) -> dict:
    return json.loads((OPEN_REFERRAL / name).read_text(encoding="utf-8"))


def _errors(schema: dict, instance: object) -> list[str]:
    """Every error of `instance` against `schema`, as 'path: message' lines."""
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    return [
        f"{'/'.join(str(p) for p in e.absolute_path) or '(top)'}: {e.message}"
        for e in validator.iter_errors(instance)
    ]


def _nulls(value: object, path: str = "") -> list[str]:
    if value is None:
        return [path or "(top)"]
    if isinstance(value, dict):
        return [n for k, v in value.items() for n in _nulls(v, f"{path}/{k}")]
    if isinstance(value, list):
        return [n for i, v in enumerate(value) for n in _nulls(v, f"{path}/{i}")]
    return []


def test_open_referral_export_validates_against_the_official_schemas(client) -> None:
    """The real export, through the app, against the official Open Referral UK 3.0 files."""
    data = client.get("/api/offer/openreferral.json").json()
    page_schema = _official("openapi.json")["components"]["schemas"]["Page"]
    service = _official("compiled/service.json")
    service_list = _official("compiled/service_list.json")

    errors = [f"page: {e}" for e in _errors(page_schema, data)]
    for item in data["contents"]:
        errors += [f"{item['name']} (service.json): {e}" for e in _errors(service, item)]
        errors += [f"{item['name']} (service_list.json): {e}" for e in _errors(service_list, item)]
    assert errors == []
    # The schemas want a value or no field at all: nothing in the export is null.
    assert _nulls(data) == []
    # The page wrapper has every field of the official Page, and is consistent.
    assert set(page_schema["properties"]) <= set(data)
    assert data["total_items"] == data["size"] == len(data["contents"]) == len(SECTION_IDS)
    assert data["first_page"] and data["last_page"] and not data["empty"]


def test_open_referral_export_content(client) -> None:
    data = client.get("/api/offer/openreferral.json").json()
    services = {s["url"].rsplit("/", 1)[-1]: s for s in data["contents"]}
    assert set(services) == set(SECTION_IDS)
    ids = [s["id"] for s in data["contents"]]
    assert len(set(ids)) == len(ids)
    legal = services["legal-support"]
    assert legal["organization"]["name"] == "Rotherham Metropolitan Borough Council"
    assert legal["organization_id"] == legal["organization"]["id"]
    assert legal["assured_date"] == "2026-11-24"
    assert "Special guardianship order (SGO):" in legal["eligibility_description"]
    # Real numbers are published; placeholder numbers never are.
    numbers = {p["number"] for s in data["contents"] for c in s["contacts"] for p in c["phones"]}
    assert "0808 801 0366" in numbers
    assert not any(n.startswith("01709 00000") for n in numbers)
    assert "example.invalid" not in json.dumps(data)


class HeadingOutline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.levels: list[int] = []

    def handle_starttag(self, tag, attrs) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))
