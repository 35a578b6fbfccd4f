"""The NLU's safety intent does not decide danger (the app's safety check does, before Rasa):
a message Rasa reads as `safeguarding_concern` is answered like an unclear one, by the reading
of its words."""

from actions.safety import ActionSafetyResponse
from tests.actions.helpers import run, tracker


def test_the_nlu_intent_alone_is_answered_by_the_reading_not_alarmed():
    text = (
        "My nephew's dad died of an overdose last year. Is there any bereavement support for kids?"
    )
    messages, _ = run(
        ActionSafetyResponse(),
        tracker("safeguarding_concern", text=text, ranking=[("safeguarding_concern", 0.9999)]),
    )
    assert all(m["kind"] != "safeguarding" for m in messages)
    assert "999" not in " ".join(m["text"] for m in messages)
    # the question's section among the first two shown (which of therapeutic support and
    # health and wellbeing comes first has changed as the reading learnt more development sets)
    assert "therapeutic-support" in [s["id"] for m in messages for s in m["sections"]][:2]
    assert messages[-1]["buttons"]
