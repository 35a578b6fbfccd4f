"""Export the offer as Open Referral UK (HSDS UK profile) JSON.

Shape: a page of services like the Open Referral UK API's `GET /services` (`content`, with
`totalElements`, `totalPages`, `number`, `size`, `first`, `last`), each service with its nested
`organization`, `contacts` (with `phones`), `eligibilitys`, `service_areas`, `reviews` and `links`
(field names, including the spellings "eligibilitys" and "service_taxonomys", follow the
Open Referral UK data standard v1). Each offer section becomes one service of the council.

Placeholder contact details are left out: an open data feed must never publish demo numbers.
Ids are stable UUIDs derived from the section and contact ids.
"""

from __future__ import annotations

import uuid
from typing import Any

from .models import ARRANGEMENT_IDS, Contact, Offer, Section
from .render import markdown_to_plain

_NAMESPACE = uuid.UUID("6f0c3c2e-1b7a-5b43-9d7e-4b0f3f2a9a11")


def _id(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))


def _organization(offer: Offer) -> dict[str, Any]:
    council = offer.council
    org = {
        "id": _id("organization", council.name),
        "name": council.name,
        "description": f"{council.name} publishes the {council.offer_name} for kinship carers "
        "and the children they raise.",
        "url": None if council.website.placeholder else council.website.value,
        "logo": None,
        "uri": None,
    }
    return org


def _contact(contact: Contact, section_id: str) -> dict[str, Any] | None:
    phones = []
    if contact.phone is not None and not contact.phone.placeholder:
        phones.append(
            {
                "id": _id("phone", section_id, contact.id),
                "number": contact.phone.value,
                "language": "English",
            }
        )
    if not phones and (contact.email is None or contact.email.placeholder):
        return None  # nothing real to publish
    return {
        "id": _id("contact", section_id, contact.id),
        "name": contact.name,
        "title": contact.description or None,
        "phones": phones,
    }


def _service(offer: Offer, section: Section, base_url: str, organization: dict) -> dict[str, Any]:
    contacts = [
        c for c in (_contact(x, section.id) for x in offer.section_contacts(section.id)) if c
    ]
    email = next(
        (
            c.email.value
            for c in offer.section_contacts(section.id)
            if c.email is not None and not c.email.placeholder
        ),
        None,
    )
    eligibilitys = []
    for key in ("everyone", *ARRANGEMENT_IDS):
        note = section.arrangements.get(key, "")
        if not note:
            continue
        label = (
            "All kinship families"
            if key == "everyone"
            else offer.arrangements[key].title
            if key in offer.arrangements
            else key
        )
        eligibilitys.append(
            {
                "id": _id("eligibility", section.id, key),
                "eligibility": f"{label}: {note}",
                "minimum_age": None,
                "maximum_age": None,
                "taxonomys": [],
            }
        )
    return {
        "id": _id("service", section.id),
        "name": f"{offer.council.offer_name}: {section.title}",
        "description": markdown_to_plain(section.carer_text),
        "url": base_url.rstrip("/") + offer.section_url(section.id),
        "email": email,
        "status": "active",
        "fees": "Free",
        "accreditations": None,
        "deliverable_type": "Advice" if not section.referral_needed else "Support",
        "attending_type": None,
        "attending_access": "referral" if section.referral_needed else "drop-in",
        "assured_date": section.last_reviewed.isoformat(),
        "assurer_email": None,
        "organization": organization,
        "contacts": contacts,
        "eligibilitys": eligibilitys,
        "service_areas": [
            {
                "id": _id("service_area", section.id),
                "service_area": offer.council.area,
                "extent": None,
                "uri": None,
            }
        ],
        "reviews": [
            {
                "id": _id("review", section.id, section.last_reviewed.isoformat()),
                "reviewer_organization_id": organization["id"],
                "title": f"Content review by {section.owner}",
                "description": f"Next review due {section.review_due.isoformat()}.",
                "date": section.last_reviewed.isoformat(),
                "score": None,
                "url": None,
                "widget": None,
            }
        ],
        "links": [
            {"id": _id("link", section.id, link.url), "label": link.title, "link": link.url}
            for link in section.links
            if not link.placeholder
        ],
        "languages": [{"id": _id("language", section.id), "language": "English"}],
        "service_taxonomys": [],
        "service_at_locations": [],
        "regular_schedules": [],
        "holiday_schedules": [],
        "fundings": [],
        "cost_options": [],
    }


def export_services(offer: Offer, base_url: str = "") -> dict[str, Any]:
    """The whole offer as one page of Open Referral UK services."""
    organization = _organization(offer)
    services = [_service(offer, s, base_url, organization) for s in offer.sections.values()]
    return {
        "totalElements": len(services),
        "totalPages": 1,
        "number": 1,
        "size": len(services),
        "first": True,
        "last": True,
        "content": services,
    }
