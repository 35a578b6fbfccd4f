"""The managers' CSV export, safe to open in a spreadsheet (no formula injection)."""

from __future__ import annotations

import csv
import io

from bot.enquiries.contact import shown_contact
from bot.enquiries.models import OUTCOMES, Enquiry

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = (
    "reference",
    "received",
    "source",
    "status",
    "urgent",
    "out of hours",
    "arrangement",
    "audience",
    "needs",
    "sections shown",
    "name",
    "contact method",
    "contact",
    "best time",
    "message",
    "access needs",
    "consent version",
    "consent given",
    "assigned to",
    "outcome",
    "closed",
)


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def enquiries_csv(enquiries: list[Enquiry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for e in enquiries:
        writer.writerow(
            safe_cell(v)
            for v in (
                e.reference,
                e.created_at.isoformat(),
                e.source,
                e.status,
                "yes" if e.urgent else "no",
                "yes" if e.out_of_hours else "no",
                e.arrangement,
                e.audience,
                " ".join(e.needs or []),
                " ".join(e.sections_shown or []),
                e.name,
                e.contact_method,
                shown_contact(e.contact_method, e.contact_value),
                e.best_time,
                e.carer_words,
                e.access_needs,
                e.consent_version,
                e.consent_at.isoformat(),
                e.assigned_to.email if e.assigned_to else "",
                OUTCOMES.get(e.outcome or "", ""),
                e.closed_at.isoformat() if e.closed_at else "",
            )
        )
    return out.getvalue()
