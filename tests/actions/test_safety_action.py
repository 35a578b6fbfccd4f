"""The NLU's safety net: trusted only when sure; otherwise answered like an unclear message."""

from actions.safety import MIN_CONFIDENCE, ActionSafetyResponse
from bot.core import clock
from bot.core.contacts import shown
from bot.offer.loader import get_offer
from tests.actions.helpers import run, tracker
from tests.office_hours import BOTH_BRANCHES


@BOTH_BRANCHES
def test_sure_nlu_gives_the_safety_response(when, out_of_hours):
    with clock.fixed(when):
        messages, events = run(
            ActionSafetyResponse(),
            tracker("safeguarding_concern", ranking=[("safeguarding_concern", 0.99)]),
        )
    assert messages[0]["kind"] == "safeguarding" and "999" in messages[0]["text"]
    assert events == []
    # Children's social care in office hours, the emergency duty team out of hours.
    emergency = get_offer().council.emergency
    front_door = shown(emergency["front_door"].phone)
    duty_team = shown(emergency["emergency_duty_team"].phone)
    texts = " ".join(m["text"] for m in messages)
    assert (duty_team in texts, front_door in texts) == (out_of_hours, not out_of_hours)


def test_unsure_nlu_is_answered_like_an_unclear_message():
    messages, _ = run(
        ActionSafetyResponse(),
        tracker(
            "safeguarding_concern",
            ranking=[("safeguarding_concern", MIN_CONFIDENCE - 0.2), ("need_housing", 0.15)],
        ),
    )
    assert all(m["kind"] != "safeguarding" for m in messages)
    assert messages[-1]["buttons"]
