"""Who is writing, decided once from the words: the rules of actions/audience_rules.py when
they see a clear cue ("im 12", "one of my families"), else the audience classifier of
actions/audience_classifier.py when it is sure (messages of six words or more), else the NLU
intent, else a carer. The actions (actions/common.py, actions/audience.py) and the chat API's
safety reply (bot/chat/service.py) all ask here."""

from __future__ import annotations

from actions import audience_classifier
from actions.audience_rules import CARER, PROFESSIONAL, YOUNG_PERSON, detect


def clear_audience(text: str) -> str | None:
    """Who the words of one message show is writing: the rules' call, else the audience
    classifier's when it is sure (its thresholds keep carers carers); None when neither can
    tell (the NLU intent, then "carer", decides)."""
    guess = detect(text)
    if guess.audience is not None:
        return guess.audience
    return audience_classifier.classify(text)


def decide(text: str, intent: str | None = None) -> str:
    """The audience of a message: `clear_audience`, otherwise the NLU intent
    (`young_person_opening`, `professional_opening`), otherwise a carer."""
    clear = clear_audience(text)
    if clear is not None:
        return clear
    by_intent = {"young_person_opening": YOUNG_PERSON, "professional_opening": PROFESSIONAL}
    return by_intent.get(intent or "", CARER)
