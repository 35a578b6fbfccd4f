"""The enquiry list and page, the navigators' work on an enquiry, exports and erasure."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

from sqlalchemy import select

from bot.db.models import Message
from bot.db.session import get_sessionmaker
from bot.enquiries.models import Enquiry
from bot.staff.models import AuditEntry, StaffUser
from tests.enquiries.helpers import stored_conversation
from tests.staff.conftest import PASSWORD, add_enquiry, csrf_from

SCRIPT = "<script>alert('x')</script>"


def audit_actions(enquiry_id: str) -> list[str]:
    with get_sessionmaker()() as db:
        return db.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.enquiry_id == enquiry_id)
            .order_by(AuditEntry.id)
        ).all()


def test_list_puts_urgent_first_and_marks_out_of_hours(navigator):
    plain = add_enquiry()
    urgent = add_enquiry(urgent=True)
    with get_sessionmaker()() as db:
        db.get(Enquiry, plain).out_of_hours = True
        db.get(Enquiry, urgent).out_of_hours = False
        db.commit()
    page = navigator.get("/navigator/enquiries").text
    refs = {e: get_ref(e) for e in (plain, urgent)}
    assert page.index(refs[urgent]) < page.index(refs[plain])
    row = page[page.index(refs[plain]) :]
    assert "Out of hours" in row[: row.index("</tr>")]
    urgent_only = navigator.get("/navigator/enquiries?urgent=yes").text
    assert refs[urgent] in urgent_only and refs[plain] not in urgent_only
    ooh = navigator.get("/navigator/enquiries?out_of_hours=yes").text
    assert refs[plain] in ooh and refs[urgent] not in ooh


def get_ref(enquiry_id: str) -> str:
    with get_sessionmaker()() as db:
        return db.get(Enquiry, enquiry_id).reference


def test_search_by_reference_and_name(navigator):
    enquiry_id = add_enquiry(name="Morwenna Quickfall")
    other = add_enquiry()
    page = navigator.get("/navigator/enquiries", params={"q": "quickfall"}).text
    assert get_ref(enquiry_id) in page and get_ref(other) not in page
    page = navigator.get("/navigator/enquiries", params={"q": get_ref(other).lower()}).text
    assert get_ref(other) in page and get_ref(enquiry_id) not in page


def test_carer_text_is_always_shown_as_text(navigator):
    conversation_id = stored_conversation(("user", SCRIPT), ("bot", "Hello"))
    enquiry_id = add_enquiry(
        name=SCRIPT, best_time=SCRIPT, carer_words=SCRIPT, conversation_id=conversation_id
    )
    page = navigator.get(f"/navigator/enquiries/{enquiry_id}")
    token = csrf_from(page.text)
    navigator.post(
        f"/navigator/enquiries/{enquiry_id}/notes", data={"text": SCRIPT, "csrf_token": token}
    )
    page = navigator.get(f"/navigator/enquiries/{enquiry_id}").text
    assert "<script>" not in page
    assert (
        page.count("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") >= 5
    )  # 3 fields, transcript, note
    listing = navigator.get("/navigator/enquiries", params={"q": "script"}).text
    assert "<script>" not in listing
    api = navigator.get(f"/api/staff/enquiries/{enquiry_id}")
    assert api.headers["content-type"].startswith("application/json")


def test_enquiry_page_has_the_hand_off_summary_and_is_audited(navigator):
    enquiry_id = add_enquiry(
        needs=["housing", "education"], sections_shown=["housing"], best_time="after school"
    )
    page = navigator.get(f"/navigator/enquiries/{enquiry_id}").text
    for part in (
        "Special guardianship",
        "Housing",
        "School and education",
        "Alex Example",
        "07700 900123",
        "after school",
        "We need help with housing.",
        "privacy notice version",
    ):
        assert part in page, part
    assert '<a class="skip-link" href="#main">' in page
    assert "<h1>" in page and '<label for="note">' in page
    assert audit_actions(enquiry_id) == ["viewed"]


def test_assign_note_status_and_close_with_an_outcome(navigator):
    enquiry_id = add_enquiry()
    url = f"/navigator/enquiries/{enquiry_id}"
    token = csrf_from(navigator.get(url).text)
    assert navigator.post(f"{url}/assign", data={"csrf_token": token}).status_code == 200
    navigator.post(f"{url}/notes", data={"text": "Rang, left voicemail", "csrf_token": token})
    refused = navigator.post(f"{url}/status", data={"status": "closed", "csrf_token": token})
    assert refused.status_code == 422 and "outcome" in refused.json()["detail"]
    navigator.post(
        f"{url}/status", data={"status": "closed", "outcome": "fgc_requested", "csrf_token": token}
    )
    with get_sessionmaker()() as db:
        enquiry = db.get(Enquiry, enquiry_id)
        assert enquiry.status == "closed" and enquiry.outcome == "fgc_requested"
        assert enquiry.assigned_to.email == navigator.email
        assert [n.text for n in enquiry.notes] == ["Rang, left voicemail"]
        assert enquiry.first_contact_at is not None
    page = navigator.get(url).text
    assert "Family group conference requested" in page
    changes = [a for a in audit_actions(enquiry_id) if a != "viewed"]
    assert changes == ["assigned", "added_note", "changed_status"]
    assert "viewed" in audit_actions(enquiry_id)
    closed = navigator.get("/navigator/enquiries?status=closed").text
    assert get_ref(enquiry_id) in closed
    assert get_ref(enquiry_id) not in navigator.get("/navigator/enquiries").text


def test_manager_exports_csv_safe_from_formula_injection(manager):
    enquiry_id = add_enquiry(name='=HYPERLINK("http://evil")', carer_words="+1 and -2 @x")
    response = manager.get("/navigator/export.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    row = next(r for r in rows if r["reference"] == get_ref(enquiry_id))
    assert row["name"] == '\'=HYPERLINK("http://evil")'
    assert row["message"] == "'+1 and -2 @x"
    assert row["contact"] == "07700 900123"
    with get_sessionmaker()() as db:
        assert db.scalar(select(AuditEntry).where(AuditEntry.action == "exported_csv"))
    assert manager.get("/navigator/audit").status_code == 200


def test_manager_erases_on_request_without_keeping_it_in_the_log(manager):
    conversation_id = stored_conversation(("user", "my phone is 07700 900999"))
    enquiry_id = add_enquiry(conversation_id=conversation_id, name="Erin Erasable")
    url = f"/navigator/enquiries/{enquiry_id}"
    token = csrf_from(manager.get(url).text)
    manager.post(f"{url}/notes", data={"text": "Erin's note", "csrf_token": token})
    response = manager.post(f"{url}/erase", data={"csrf_token": token, "confirm": "yes"})
    assert response.status_code == 200
    assert "erased on request" in response.text
    with get_sessionmaker()() as db:
        enquiry = db.get(Enquiry, enquiry_id)
        assert enquiry.erased_on_request and enquiry.personal_data_deleted_at
        assert (enquiry.name, enquiry.contact_value, enquiry.carer_words, enquiry.transcript) == (
            None,
            None,
            None,
            None,
        )
        assert enquiry.notes == []
        assert enquiry.arrangement == "sgo"  # the anonymous facts stay
        assert not db.scalars(
            select(Message).where(Message.conversation_id == conversation_id)
        ).all()
        log = db.scalars(select(AuditEntry).where(AuditEntry.enquiry_id == enquiry_id)).all()
        assert "erased_on_request" in [a.action for a in log]
        for entry in log:
            assert "Erin" not in entry.detail and "07700" not in entry.detail


def test_staff_api_lists_enquiries(navigator):
    enquiry_id = add_enquiry()
    items = navigator.get("/api/staff/enquiries").json()
    assert any(i["id"] == enquiry_id for i in items)
    assert navigator.get("/api/staff/enquiries/nope").status_code == 404


def test_create_user_command(tmp_path):
    email = "new.manager@council.example.org"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.staff.create_user",
            "--email",
            email,
            "--role",
            "manager",
            "--password-stdin",
        ],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    with get_sessionmaker()() as db:
        user = db.scalar(select(StaffUser).where(StaffUser.email == email))
        assert user.role == "manager" and user.password_hash.startswith("$argon2")
    again = subprocess.run(
        [sys.executable, "-m", "bot.staff.create_user", "--email", email, "--password-stdin"],
        input="short\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode == 1 and "Not created" in again.stderr


def test_a_young_persons_referral_is_marked_for_childrens_social_care(navigator):
    """A young person's request for help after a danger message (actions/referral.py): urgent,
    from a young person, marked as a safeguarding referral in the list and on its page."""
    referral = add_enquiry(urgent=True, audience="young_person", carer_words="he hits me")
    carer = add_enquiry(urgent=True)
    page = navigator.get("/navigator/enquiries").text
    row = page[page.index(get_ref(referral)) :]
    assert "Young person: safeguarding referral" in row[: row.index("</tr>")]
    row = page[page.index(get_ref(carer)) :]
    assert "safeguarding referral" not in row[: row.index("</tr>")]
    detail = navigator.get(f"/navigator/enquiries/{referral}").text
    assert "Safeguarding referral from a young person, for children's social care." in detail
    assert "A young person" in detail and "he hits me" in detail
    other = navigator.get(f"/navigator/enquiries/{carer}").text
    assert "Safeguarding referral from a young person" not in other
    assert "left after a safeguarding message" in other
