"""Who is writing, decided once from the words: the rules of bot/understanding/audience_rules.py
when they see a clear cue ("im 12", "one of my families"), unless they read a young person from the
wording alone and the audience classifier is sure it is a carer (or read a carer or a professional
and the classifier is all but sure it is a young person); else the classifier of
bot/understanding/audience_classifier.py when it is sure (messages of six words or more); else the
NLU intent, unless the classifier gives a carer; else a carer. The actions (actions/common.py,
actions/audience.py) and the chat API's safety reply (bot/chat/service.py) all ask here."""

from __future__ import annotations

import re

from bot.understanding import audience_classifier
from bot.understanding.audience_rules import (
    CARER,
    GROWN_UP_MAX_AGE,
    PROFESSIONAL,
    YOUNG_PERSON,
    detect,
)

BY_INTENT = {"young_person_opening": YOUNG_PERSON, "professional_opening": PROFESSIONAL}


def clear_audience(text: str, strict: bool = False) -> str | None:
    """Who the words of one message show is writing: the rules' call (a young person read from
    the wording alone, with no stated age, is set aside when the classifier is sure of a carer;
    a young adult who gives their age and says they grew up in kinship is not; a carer or a
    professional is set aside when the classifier is all but sure of a young person,
    YOUNG_PERSON_OVERRIDE, unless the writer gives an age past a young adult's), else the
    classifier's when it is sure (`strict`: very sure, audience_classifier.STRICT_THRESHOLD, for
    a message outside the offer); None when neither can tell (the NLU intent, then "carer",
    decides)."""
    guess = detect(text)
    found = audience_classifier.probabilities(text)
    if (
        guess.audience == YOUNG_PERSON
        and "yp_age" not in guess.cues
        and not {"young_adult", "yp_grew_up_in_kinship"} <= set(guess.cues)
        and "yp_one_of_us_looked_after" not in guess.cues
        and found is not None
        and found[CARER] >= audience_classifier.CARER_VETO
    ):
        return CARER
    if (
        guess.audience in (CARER, PROFESSIONAL)
        and not (guess.age or 0) > GROWN_UP_MAX_AGE  # "im 40 lol, i'm the aunt": never a child
        and found is not None
        and found[YOUNG_PERSON] >= audience_classifier.YOUNG_PERSON_OVERRIDE
    ):
        return YOUNG_PERSON
    if guess.audience is not None:
        return guess.audience
    if found is None:
        return None
    if strict:
        threshold = audience_classifier.STRICT_THRESHOLD
        return audience_classifier.call(found, yp_threshold=threshold, pro_threshold=threshold)
    return audience_classifier.call(found)


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


_AGE_PATTERNS = (
    # "I'm 13", "im 13", "i am 13 and ..." (not "I'm 13 weeks pregnant")
    re.compile(
        r"\b(?:i'?m|i am|am)\s+(\d{1,2})(?!\s*(?:weeks?|days?|months?|mins?|minutes?|hours?|%|st|nd|rd|th)\b)\b"
    ),
    # "13 years old", "13yo", "13 yrs old"
    re.compile(r"\b(\d{1,2})\s*(?:years?|yrs?)\s*old\b"),
    re.compile(r"\b(\d{1,2})\s*yo\b"),
)
# "I'm in year 8", "year 8 here", "yr 7": school year + 4 (the younger age of that year, so a
# child is never taken for older than they are).
_YEAR_GROUP = re.compile(r"(?:\b(?:i'?m|i am|im)\s+(?:in\s+)?|^\s*)(?:year|yr)\s*(\d{1,2})\b")


def age_given(text: str) -> float | None:
    """The age a young person gives ("I'm 13", "year 8"); None when they give none. Read once
    who is writing is known to be a young person (their "yes, get in touch" goes to children's
    social care with it), unlike `audience_rules.stated_age`, which decides who is writing."""
    plain = text.lower().replace("\u2019", "'")
    for pattern in _AGE_PATTERNS:
        match = pattern.search(plain)
        if match and 4 <= int(match.group(1)) <= 99:
            return float(match.group(1))
    match = _YEAR_GROUP.search(plain)
    if match and 1 <= int(match.group(1)) <= 13:
        return float(int(match.group(1)) + 4)
    return None
