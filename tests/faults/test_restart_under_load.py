"""50 people keep leaving messages while the app is killed (SIGKILL) and started again: every
enquiry the app acknowledged (201 with a reference) is in the database afterwards, and everyone
gets through again once it is back.
Uses the "leave a message" route, which needs no Rasa; the chat hand-off stores its enquiry
through the same service (tests/enquiries/test_handoff_live.py kills the app after a chat
hand-off too).

Nothing here depends on timing: the kill comes once every person has been served at least once
(so all 50 are demonstrably sending when it happens, and they go on sending throughout) and
while requests are on their way; the people stop only once each has been served again after
the restart; and the test checks that attempts really were refused while the app was down.
"""

from __future__ import annotations

import threading

import httpx
import pytest

from scripts.live_system import LiveSystem
from tests.faults.helpers import stored_references

pytestmark = pytest.mark.integration

PEOPLE = 50
HANG_GUARD = 300  # seconds: only a guard against a hang, never a verdict on speed
PAUSE_AFTER_SUCCESS = 1.0  # a person's pause before the next message (traffic, not a verdict)
PAUSE_AFTER_FAILURE = 0.5  # and before trying again when it did not work
IN_FLIGHT = 2  # requests on their way when the kill comes


def test_no_acknowledged_enquiry_is_lost_across_a_kill(tmp_path):
    from bot.db.migrate import upgrade

    system = LiveSystem(tmp_path)
    upgrade(system.database_url)
    system.start_app()
    acknowledged: list[str] = []
    served_before: set[int] = set()  # people served before the kill
    served_after: set[int] = set()  # people served by the restarted app
    failed_while_down = 0  # attempts that failed between the kill and the restarted app
    refused_while_down: set[int] = set()  # the people they came from
    in_flight = 0  # requests sent and not yet answered
    phase = "before"  # "before" the kill, "down", "after" the restarted app answered
    changed = threading.Condition()
    stop = threading.Event()
    # One client for everyone: a new one per request (httpx.post) loads the CA bundle each
    # time, and 50 people doing that kept the machine so busy that the restart took 46 s.
    client = httpx.Client(timeout=10)

    def leave_messages(i: int) -> None:
        nonlocal failed_while_down, in_flight
        n = 0
        while not stop.is_set():
            body = {"contact": f"07700 900{i:03d}", "message": f"Message {i}.{n}", "consent": True}
            with changed:
                sent_in = phase
                in_flight += 1
                changed.notify_all()
            try:
                response = client.post(f"{system.app_url}/api/chat/fallback-enquiry", json=body)
                reference = response.json()["reference"] if response.status_code == 201 else None
            except httpx.HTTPError:
                reference = None
            with changed:
                in_flight -= 1
                if reference:
                    acknowledged.append(reference)
                    if phase == "after" and sent_in == "after":
                        served_after.add(i)
                    elif phase == "before":
                        served_before.add(i)
                    changed.notify_all()
                elif sent_in == "down" or phase == "down":
                    failed_while_down += 1
                    refused_while_down.add(i)
            if reference:
                n += 1
            stop.wait(PAUSE_AFTER_SUCCESS if reference else PAUSE_AFTER_FAILURE)

    def wait_until(condition, what: str) -> None:
        with changed:
            if not changed.wait_for(condition, timeout=HANG_GUARD):
                raise AssertionError(f"hang guard: {what} not within {HANG_GUARD} s")

    threads = [threading.Thread(target=leave_messages, args=(i,)) for i in range(PEOPLE)]
    try:
        for thread in threads:
            thread.start()
        wait_until(
            lambda: len(served_before) == PEOPLE and in_flight >= IN_FLIGHT,
            f"everyone served once, and {IN_FLIGHT} requests on their way",
        )
        with changed:
            phase = "down"
            in_flight_at_kill = in_flight
        system.stop_app(kill=True)
        system.start_app()
        with changed:
            phase = "after"
        wait_until(lambda: len(served_after) == PEOPLE, "everyone served by the restarted app")
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        client.close()
        system.stop()

    stored = stored_references(system.database_url)
    print(
        f"{len(acknowledged)} acknowledged; at the kill {in_flight_at_kill} requests in flight; "
        f"{failed_while_down} attempts from {len(refused_while_down)} people failed while down"
    )
    # The kill overlapped the traffic: people were turned away while the app was down.
    assert failed_while_down > 0 and refused_while_down, (
        "no attempt failed while the app was down: the kill overlapped no traffic "
        f"({in_flight_at_kill} requests were in flight at the kill)"
    )
    assert set(acknowledged) <= stored, (
        f"acknowledged but lost: {sorted(set(acknowledged) - stored)}"
    )
    assert len(served_after) == PEOPLE, f"{PEOPLE - len(served_after)} people never got through"
