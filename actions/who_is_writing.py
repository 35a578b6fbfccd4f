"""Who is writing, decided once from the words: the rules of actions/audience_rules.py when
they see a clear cue ("im 12", "one of my families"), unless they read a young person from the
wording alone and the audience classifier is sure it is a carer; else the classifier of
actions/audience_classifier.py when it is sure (messages of six words or more); else the NLU
intent, unless the classifier gives a carer; else a carer. The actions (actions/common.py,
actions/audience.py) and the chat API's safety reply (bot/chat/service.py) all ask here."""

from __future__ import annotations

from actions import audience_classifier
from actions.audience_rules import CARER, PROFESSIONAL, YOUNG_PERSON, detect

BY_INTENT = {"young_person_opening": YOUNG_PERSON, "professional_opening": PROFESSIONAL}


def clear_audience(text: str) -> str | None:
    """Who the words of one message show is writing: the rules' call (a young person read from
    the wording alone, with no stated age, is set aside when the classifier is sure of a carer),
    else the classifier's when it is sure; None when neither can tell (the NLU intent, then
    "carer", decides)."""
    guess = detect(text)
    found = audience_classifier.probabilities(text)
    if (
        guess.audience == YOUNG_PERSON
        and "yp_age" not in guess.cues
        and found is not None
        and found[CARER] >= audience_classifier.CARER_VETO
    ):
        return CARER
    if guess.audience is not None:
        return guess.audience
    return audience_classifier.call(found) if found is not None else None


def by_intent(text: str, intent: str | None) -> str | None:
    """The audience the NLU intent says (young person or professional), unless the classifier
    gives a carer at least INTENT_VETO; None otherwise."""
    said = BY_INTENT.get(intent or "")
    if said is None:
        return None
    found = audience_classifier.probabilities(text) if text else None
    if found is not None and found[CARER] >= audience_classifier.INTENT_VETO:
        return None
    return said


def decide(text: str, intent: str | None = None) -> str:
    """The audience of a message: `clear_audience`, otherwise the NLU intent (`by_intent`),
    otherwise a carer."""
    return clear_audience(text) or by_intent(text, intent) or CARER
