"""Export the offer as Open Referral UK 3.0 (the UK profile of HSDS 3.0) JSON.

Shape: one page of services as the Open Referral UK API's `GET /services` returns it (the `Page`
of its `openapi.json`: `total_items`, `total_pages`, `page_number`, `size`, `first_page`,
`last_page`, `empty`, and the services in `contents`). Each offer section becomes one service
of the council, with its nested `organization`, `contacts` (with `phones`), `service_areas` and
`languages`, as `schema/compiled/service.json` describes them. HSDS 3.0 fields that the UK
profile does not list are kept where they carry the offer's meaning (`eligibility_description`,
`phones`, `urls`, a language's `name` and `code`); the schema allows them.

Nothing is ever `null`: the schema wants a string or no field at all, so a value we do not have
is left out. Placeholder contact details are left out too: an open data feed must never publish
demo numbers. Ids are stable UUIDs derived from the section and contact ids.
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
    org: dict[str, Any] = {
        "id": _id("organization", council.name),
        "name": council.name,
        "description": f"{council.name} publishes the {council.offer_name} for kinship carers "
        "and the children they raise.",
    }
    if not council.website.placeholder:
        org["website"] = council.website.value
    return org


def _contact(contact: Contact, section_id: str, service_id: str) -> dict[str, Any] | None:
    contact_id = _id("contact", section_id, contact.id)
    phones = []
    if contact.phone is not None and not contact.phone.placeholder:
        phones.append(
            {
                "id": _id("phone", section_id, contact.id),
                "contact_id": contact_id,
                "number": contact.phone.value,
            }
        )
    if not phones and (contact.email is None or contact.email.placeholder):
        return None  # nothing real to publish
    out: dict[str, Any] = {"id": contact_id, "service_id": service_id, "name": contact.name}
    if contact.description:
        out["title"] = contact.description
    if contact.email is not None and not contact.email.placeholder:
        out["email"] = contact.email.value
    out["phones"] = phones
    return out


def _eligibility(offer: Offer, section: Section) -> str:
    """What everyone gets, then what each arrangement adds, one paragraph each."""
    lines = []
    for key in ("everyone", *ARRANGEMENT_IDS):
        note = section.arrangements.get(key, "")
        if not note:
            continue
        if key == "everyone":
            label = "All kinship families"
        elif key in offer.arrangements:
            label = offer.arrangements[key].title
        else:
            label = key
        lines.append(f"{label}: {markdown_to_plain(note).strip()}")
    return "\n\n".join(lines)


def _service(offer: Offer, section: Section, base_url: str, organization: dict) -> dict[str, Any]:
    service_id = _id("service", section.id)
    contacts = [
        c
        for c in (_contact(x, section.id, service_id) for x in offer.section_contacts(section.id))
        if c
    ]
    email = next(
        (
            c.email.value
            for c in offer.section_contacts(section.id)
            if c.email is not None and not c.email.placeholder
        ),
        None,
    )
    service: dict[str, Any] = {
        "id": service_id,
        "organization_id": organization["id"],
        "name": f"{offer.council.offer_name}: {section.title}",
        "description": markdown_to_plain(section.carer_text),
        "url": base_url.rstrip("/") + offer.section_url(section.id),
        "status": "active",
        "assured_date": section.last_reviewed.isoformat(),
    }
    if email is not None:
        service["email"] = email
    eligibility = _eligibility(offer, section)
    if eligibility:
        service["eligibility_description"] = eligibility
    service.update(
        {
            "organization": organization,
            "contacts": contacts,
            "service_areas": [
                {
                    "id": _id("service_area", section.id),
                    "service_id": service_id,
                    "name": offer.council.area,
                    "service_area": offer.council.area,
                }
            ],
            "languages": [
                {
                    "id": _id("language", section.id),
                    "service_id": service_id,
                    "name": "English",
                    "code": "en",
                }
            ],
            "urls": [
                {
                    "id": _id("link", section.id, link.url),
                    "service_id": service_id,
                    "label": link.title,
                    "url": link.url,
                }
                for link in section.links
                if not link.placeholder
            ],
            "schedules": [],
            "service_at_locations": [],
            "funding": [],
            "cost_options": [],
            "attributes": [],
        }
    )
    return service


def export_services(offer: Offer, base_url: str = "") -> dict[str, Any]:
    """The whole offer as one page of Open Referral UK services."""
    organization = _organization(offer)
    services = [_service(offer, s, base_url, organization) for s in offer.sections.values()]
    return {
        "total_items": len(services),
        "total_pages": 1,
        "page_number": 1,
        "size": len(services),
        "first_page": True,
        "last_page": True,
        "empty": not services,
        "contents": services,
    }
