"""Publishing the offer: JSON API, accessible HTML pages, printable leaflet, Open Referral export.

    app.include_router(router)

Routes: /api/offer/sections, /api/offer/sections/{id}, /api/offer/openreferral.json,
/offer, /offer/leaflet, /offer/arrangements/{id}, /offer/{section_id}, /offer/static/offer.css,
and /accessibility (the accessibility statement of the offer pages and the chat).
The offer comes from the `offer_dependency` (the cached `get_offer()`); tests may override it.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import FileResponse, HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pydantic import BaseModel

from bot.settings import Settings, get_settings

from .loader import get_offer
from .models import Contact, Link, Offer, OfficeHours, Value
from .openreferral import export_services
from .render import markdown_to_html

HERE = Path(__file__).resolve().parent
router = APIRouter()

# Where "Exit this page" goes (the GOV.UK pattern's neutral site): the pages' own link, and the
# chat widget on them (data-exit-url), which clears the chat and replaces the page.
EXIT_URL = "https://www.bbc.co.uk/weather"


def offer_dependency() -> Offer:
    return get_offer()


OfferDep = Annotated[Offer, Depends(offer_dependency)]


# --------------------------------------------------------------------------- JSON


class ContactOut(BaseModel):
    id: str
    name: str
    description: str
    when: str
    phone: Value | None
    email: Value | None
    web: Value | None
    address: Value | None
    hours: OfficeHours | None
    placeholder: bool


class SectionOut(BaseModel):
    id: str
    title: str
    summary: str
    url: str
    carer_text: str
    young_person_text: str
    professional_text: str
    arrangements: dict[str, str]
    how_to_get_it: str
    referral_needed: bool
    # Short answers to the questions people ask next, by key (e.g. "how_to_apply").
    answers: dict[str, str]
    contacts: list[ContactOut]
    links: list[Link]
    owner: str
    last_reviewed: dt.date
    review_due: dt.date
    keywords: list[str]


def _contact_out(contact: Contact) -> ContactOut:
    data = contact.model_dump()
    return ContactOut(**data, placeholder=contact.placeholder)


def section_out(offer: Offer, section_id: str) -> SectionOut:
    section = offer.sections[section_id]
    data = section.model_dump(exclude={"contacts", "source_file"})
    return SectionOut(
        **data,
        url=offer.section_url(section_id),
        contacts=[_contact_out(c) for c in offer.section_contacts(section_id)],
    )


@router.get("/api/offer/sections", response_model=list[SectionOut], tags=["offer"])
def list_sections(offer: OfferDep) -> list[SectionOut]:
    return [section_out(offer, sid) for sid in offer.sections]


@router.get("/api/offer/sections/{section_id}", response_model=SectionOut, tags=["offer"])
def get_section(section_id: str, offer: OfferDep) -> SectionOut:
    if section_id not in offer.sections:
        raise HTTPException(status_code=404, detail=f"There is no offer section '{section_id}'.")
    return section_out(offer, section_id)


@router.get("/api/offer/openreferral.json", tags=["offer"])
def open_referral(
    offer: OfferDep, settings: Annotated[Settings, Depends(get_settings)]
) -> dict[str, Any]:
    # Links from PUBLIC_BASE_URL, never from the request's Host header (anyone can send one).
    return export_services(offer, base_url=settings.base_url)


# --------------------------------------------------------------------------- HTML


@lru_cache(maxsize=1)
def _templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = markdown_to_html
    env.globals["exit_url"] = EXIT_URL
    env.globals["preview"] = False  # True on the staff preview of a section (section_page)
    env.filters["longdate"] = lambda d: f"{d.day} {d:%B %Y}"
    return env


def _page(template: str, offer: Offer, status_code: int = 200, **context: Any) -> HTMLResponse:
    html = (
        _templates()
        .get_template(template)
        .render(offer=offer, council=offer.council, today=dt.date.today(), **context)
    )
    return HTMLResponse(html, status_code=status_code)


@router.get("/offer/static/offer.css", include_in_schema=False)
def offer_css() -> FileResponse:
    return FileResponse(HERE / "static" / "offer.css", media_type="text/css")


@router.get("/accessibility", response_class=HTMLResponse, tags=["offer pages"])
def accessibility_statement(offer: OfferDep) -> HTMLResponse:
    """The accessibility statement (GOV.UK's pattern). Problems are reported to the council's
    `accessibility` contact in council.yml when it has one, else to the Kinship Navigators."""
    council = offer.council
    return _page(
        "accessibility.html",
        offer,
        title="Accessibility statement",
        report_to=council.contacts.get("accessibility") or council.navigators,
    )


@router.get("/privacy", response_class=HTMLResponse, tags=["offer pages"])
def privacy_notice(offer: OfferDep) -> HTMLResponse:
    """The full privacy notice of council.yml, with the periods retention really applies (the
    chat shows its summary before asking for consent)."""
    return _page("privacy.html", offer, title="Privacy notice")


@router.get("/offer", response_class=HTMLResponse, tags=["offer pages"])
def offer_index(offer: OfferDep) -> HTMLResponse:
    return _page("index.html", offer, title=offer.council.offer_name)


@router.get("/offer/leaflet", response_class=HTMLResponse, tags=["offer pages"])
def offer_leaflet(offer: OfferDep) -> HTMLResponse:
    return _page("leaflet.html", offer, title=f"{offer.council.offer_name}: a short guide")


@router.get(
    "/offer/arrangements/{arrangement_id}", response_class=HTMLResponse, tags=["offer pages"]
)
def offer_arrangement(arrangement_id: str, offer: OfferDep) -> HTMLResponse:
    arrangement = offer.arrangements.get(arrangement_id)
    if arrangement is None:
        return _page("not_found.html", offer, status_code=404, title="Page not found")
    return _page("arrangement.html", offer, title=arrangement.title, arrangement=arrangement)


@router.get("/offer/{section_id}", response_class=HTMLResponse, tags=["offer pages"])
def offer_section(section_id: str, offer: OfferDep, arrangement: str | None = None) -> HTMLResponse:
    return section_page(offer, section_id, arrangement)


def section_page(
    offer: Offer, section_id: str, arrangement: str | None = None, *, preview: bool = False
) -> HTMLResponse:
    """A section's page from `offer`. `preview`: the staff preview of the content folder as it
    stands (bot/staff/content.py), with a banner saying so, `noindex` and no chat."""
    section = offer.sections.get(section_id)
    if section is None:
        return _page(
            "not_found.html", offer, status_code=404, title="Page not found", preview=preview
        )
    chosen = arrangement if arrangement in offer.arrangements else None
    return _page(
        "section.html",
        offer,
        title=section.title,
        section=section,
        contacts=offer.section_contacts(section_id),
        chosen=chosen,
        preview=preview,
    )
