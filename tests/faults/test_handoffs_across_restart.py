"""50 people go through the whole chat hand-off (real app, real Rasa) while the app is killed
(SIGKILL) and started again in the middle. Every enquiry the chat acknowledged (a reply with
`enquiry_reference`) is in the database afterwards, and everyone gets through in the end.

Someone whose chat fails mid-way starts again from the beginning, as the widget invites them
to: a turn that failed may or may not have reached Rasa, so answering the same question again
could land in the wrong field.
"""

from __future__ import annotations

import threading
import time

import httpx
import pytest

from scripts.live_system import LiveSystem
from tests.faults.helpers import stored_references

pytestmark = pytest.mark.integration

PEOPLE = 50
PATIENCE = 300  # seconds a person keeps trying (the app takes a while to come back)


def hand_off_script(i: int) -> list[dict]:
    return [
        {"payload": "/request_human"},
        {"payload": "/affirm"},
        {"text": f"Person {i}"},
        {"payload": '/inform_contact_method{"contact_method": "phone"}'},
        {"text": f"07700 900{i:03d}"},
        {"text": "after 3pm"},
        {"text": f"We need help with school, message {i}"},
        {"payload": "/affirm"},  # consent to keep the details
        {"payload": "/affirm"},  # the summary is right: send it
    ]


def test_no_acknowledged_hand_off_is_lost_across_a_kill(tmp_path):
    from bot.db.migrate import upgrade

    system = LiveSystem(tmp_path)
    upgrade(system.database_url)
    system.start_app()
    system.start_rasa()
    acknowledged: dict[int, list[str]] = {}
    failed_turns = 0
    lock = threading.Lock()

    def hand_off(i: int, client: httpx.Client) -> str | None:
        """One attempt; returns the reference, or None if a turn failed."""
        nonlocal failed_turns
        try:
            created = client.post(f"{system.app_url}/api/chat/sessions")
            if created.status_code != 201:
                raise httpx.HTTPError(f"status {created.status_code}")
            session = created.json()["session_id"]
            reply: dict = {}
            for turn in hand_off_script(i):
                response = client.post(
                    f"{system.app_url}/api/chat/sessions/{session}/messages", json=turn
                )
                if response.status_code != 200:
                    raise httpx.HTTPError(f"status {response.status_code}")
                reply = response.json()
            return reply.get("enquiry_reference")
        except httpx.HTTPError:
            with lock:
                failed_turns += 1
            return None

    def person(i: int) -> None:
        with httpx.Client(timeout=60) as client:
            deadline = time.monotonic() + PATIENCE
            while time.monotonic() < deadline:
                reference = hand_off(i, client)
                if reference:
                    with lock:
                        acknowledged.setdefault(i, []).append(reference)
                    return
                time.sleep(1)

    try:
        threads = [threading.Thread(target=person, args=(i,)) for i in range(PEOPLE)]
        for thread in threads:
            thread.start()
            time.sleep(0.1)
        time.sleep(3)  # mid-way: most people are part of the way through the form
        system.stop_app(kill=True)
        system.start_app()
        for thread in threads:
            thread.join(timeout=PATIENCE + 120)
    finally:
        system.stop()

    stored = stored_references(system.database_url)
    references = {r for refs in acknowledged.values() for r in refs}
    assert failed_turns > 0, "the kill interrupted nobody: the test did not test anything"
    assert references <= stored, f"acknowledged but lost: {sorted(references - stored)}"
    assert len(acknowledged) == PEOPLE, f"{PEOPLE - len(acknowledged)} people never got through"
