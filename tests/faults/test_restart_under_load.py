"""50 people leave messages while the app is killed (SIGKILL) and started again in the middle:
every enquiry the app acknowledged (201 with a reference) is in the database afterwards.
Uses the "leave a message" route, which needs no Rasa; the chat hand-off stores its enquiry
through the same service (tests/enquiries/test_handoff_live.py kills the app after a chat
hand-off too)."""

from __future__ import annotations

import threading
import time

import httpx
import pytest

from scripts.live_system import LiveSystem
from tests.faults.helpers import stored_references

pytestmark = pytest.mark.integration

PEOPLE = 50


def test_no_acknowledged_enquiry_is_lost_across_a_kill(tmp_path):
    from bot.db.migrate import upgrade

    system = LiveSystem(tmp_path)
    upgrade(system.database_url)
    system.start_app()
    acknowledged: list[str] = []
    refused = 0
    lock = threading.Lock()
    # One client for everyone: a new one per request (httpx.post) loads the CA bundle each
    # time, and 50 people doing that kept the machine so busy that the restart took 46 s.
    client = httpx.Client(timeout=10)

    def leave_message(i: int) -> None:
        nonlocal refused
        body = {"contact": f"07700 900{i:03d}", "message": f"Message {i}", "consent": True}
        deadline = time.monotonic() + 180  # however long the restart takes on a busy machine
        while time.monotonic() < deadline:  # a person tries again when it did not work
            try:
                response = client.post(f"{system.app_url}/api/chat/fallback-enquiry", json=body)
            except httpx.HTTPError:
                time.sleep(0.25)
                continue
            if response.status_code == 201:
                with lock:
                    acknowledged.append(response.json()["reference"])
                return
            with lock:
                refused += 1
            time.sleep(0.25)

    try:
        threads = [threading.Thread(target=leave_message, args=(i,)) for i in range(PEOPLE)]
        for i, thread in enumerate(threads):
            thread.start()
            if i == PEOPLE // 2:
                system.stop_app(kill=True)
                system.start_app()
            time.sleep(0.02)
        for thread in threads:
            thread.join(timeout=240)
    finally:
        client.close()
        system.stop()

    stored = stored_references(system.database_url)
    assert acknowledged, "some enquiries were acknowledged"
    assert set(acknowledged) <= stored, "an acknowledged enquiry was lost"
    assert len(acknowledged) == PEOPLE, f"{PEOPLE - len(acknowledged)} people never got through"
