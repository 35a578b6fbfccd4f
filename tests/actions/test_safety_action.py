"""The NLU's safety net: trusted only when sure; otherwise answered like an unclear message."""

from actions.safety import MIN_CONFIDENCE, ActionSafetyResponse
from tests.actions.helpers import run, tracker


def test_sure_nlu_gives_the_safety_response():
    messages, events = run(
        ActionSafetyResponse(),
        tracker("safeguarding_concern", ranking=[("safeguarding_concern", 0.99)]),
    )
    assert messages[0]["kind"] == "safeguarding" and "999" in messages[0]["text"]
    assert events == []


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
