"""One reading of a typed message: the parts of the offer it asks about, ranked, and how sure
the reading is. Made once per message (cached by its words) and read by the chat turn and every
action that needs to know what was asked, so that no two places decide it differently.

The needs come from the need classifier (bot/understanding/needs.py: pretrained WordLlama
sentence embeddings and character n-grams, trained with scikit-learn on every need example the
project has). Rasa's own intent is still used by the dialogue; where the two disagree, the
actions take the classifier's confident answer first (actions/common.py `asked_needs`).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from bot.core.data_files import read_yaml
from bot.understanding.danger import word_alternatives
from bot.understanding.needs import NO_NEED, get_after_danger_classifier, get_need_classifier

log = logging.getLogger(__name__)

# A need counts as asked when the classifier gives it at least this probability (and "no need"
# is not more likely): chosen on the development sets (tests/data/dev/), never on a blind set
# (with the classifier's C: bot/understanding/needs.py).
NEED_MIN_PROBABILITY = 0.35
# A second need counts as also asked ("money and a bigger house") at this probability.
SECOND_NEED_MIN_PROBABILITY = 0.25
# At most this many needs read from one message.
MAX_NEEDS = 2


@dataclass(frozen=True)
class Reading:
    """What one message asks about. `needs`: section ids, best first, each with its
    probability; `no_need`: the probability that the message asks about no part of the offer."""

    needs: tuple[tuple[str, float], ...] = field(default_factory=tuple)
    no_need: float = 1.0

    @property
    def asked(self) -> list[str]:
        """The section ids the message asks about, best first ([] when none is likely)."""
        out: list[str] = []
        for i, (section_id, probability) in enumerate(self.needs[:MAX_NEEDS]):
            wanted = NEED_MIN_PROBABILITY if i == 0 else SECOND_NEED_MIN_PROBABILITY
            if probability >= wanted and probability > self.no_need:
                out.append(section_id)
            else:
                break
        return out

    @property
    def best(self) -> tuple[str, float] | None:
        return self.needs[0] if self.needs else None


NOTHING = Reading()


@lru_cache(maxsize=512)
def read(text: str, after_danger: bool = False) -> Reading:
    """The reading of a typed message; an empty reading when there are no words or no model
    (the assistant still works on Rasa's intents alone). `after_danger`: the reading of what a
    message that got the safety lines also asks (bot/understanding/needs.py CRISIS_WEIGHT)."""
    if not text or not text.strip():
        return NOTHING
    classifier = (get_after_danger_classifier() if after_danger else None) or get_need_classifier()
    if classifier is None:
        return NOTHING
    try:
        ranked = classifier.rank(text)
    except Exception:  # the reading must never stop a reply
        log.exception("need classifier failed on a message; Rasa's intent alone is used")
        return NOTHING
    no_need = next((g.probability for g in ranked if g.section_id == NO_NEED), 0.0)
    needs = tuple(
        (g.section_id, round(g.probability, 4)) for g in ranked if g.section_id != NO_NEED
    )
    return Reading(needs=needs[:4], no_need=round(no_need, 4))


SENTENCE_END = re.compile(r"(?<=[.?!])\s+|\n+")


def asked_in(text: str, after_danger: bool = False) -> list[str]:
    """The sections a message asks about: its reading as a whole, else the readings of its
    sentences ("My nephew's dad died of an overdose last year. Is there any bereavement support
    for kids?": read whole, the story outweighs the question). At most MAX_NEEDS."""
    asked = read(text, after_danger).asked
    if asked:
        return asked
    sentences = [p for p in SENTENCE_END.split(text or "") if p.strip()]
    if len(sentences) < 2:
        return []
    for sentence in sentences:
        for section_id in read(sentence, after_danger).asked:
            if section_id not in asked:
                asked.append(section_id)
    return asked[:MAX_NEEDS]


# A message that asks something: a question mark, a question word (not its negative: "I can't
# keep going", "he doesn't listen" ask nothing), or words asking for help ("I need help with him").
# Over the development emergencies of tests/data/dev/ (2026-12-05, never a blind set): those that
# ask something and got the answer too 178 -> 179 of 194; sections shown after the safety lines
# to emergencies that asked nothing 1,058 -> 1,032.
ASKS = re.compile(
    r"\?|\b(what|how|who|where|when|which|can|could|should|do|does|is there|are there)\b"
    r"(?!['\u2019]?t\b)|\bany\b(?! ?(more|longer)\b)"
    r"|\b(need|needs|want|wants) (some |any )?(help|support|advice)\b",
    re.IGNORECASE,
)
# After the safety lines, a need said rather than asked counts as asking too: "after this we need
# therapy for him", "we can't stay here", "ive got nowhere else to go". Over the development
# emergencies of tests/data/dev/ (2026-12-05, never a blind set): safety replies that also
# answered the question 815 -> 820 of 938 (development set 32, new that day: 65 -> 68 of 73);
# sections shown to emergencies that asked nothing 1,475 -> 1,512.
ASKS_AFTER_DANGER = re.compile(
    ASKS.pattern + r"|\b(need|needs|want|wants)\b|\bafter (this|tonight|today)\b"
    r"|\b(is|am|are) (that|it|this|i|we|he|she|they) (even |still |really |actually )?"
    r"(allowed|normal|ok|okay|right|legal|true)\b"
    r"|\bwill (this|that|it) (go|affect|count|stop|mean|show|be)\b"
    r"|\bnowhere (else )?to (go|stay|live|sleep)\b|\bcan ?(not|t|['\u2019]t) stay\b"
    # question words run together or spelt as said: "whos going to look after my brother"
    # (development set 53, 2026-12-06), or in Scots ("whit happens tae me noo": set 57)
    r"|\b(whos|whats|hows|wheres|whens|wot|wat|wots|wats|whit)\b"
    # a question put as not knowing: "I don't even know if I'm allowed to sign anything at the
    # hospital", "I don't know if I can still go [to court]" (development sets 78 and 79,
    # 2026-12-07; safety replies that also answered the question on set 78 55 -> 56 of 60)
    r"|\b(if|whether) (i|we|they)(['\u2019]?m| am| are|['\u2019]?re)? (allowed|able|meant|supposed)\b"
    r"|\b(if|whether) (i|we) (can|could|should|have to|need to)\b"
    # a question put as wondering ("hiya just wondering about the free school meals form. also
    # the little one fell off the top bunk ...": development set 84, 2026-12-07)
    r"|\b(wondering|wondered|wonder) (about|if|whether|how|what|who|where|when)\b"
    r"|\b(ask|asking|enquire|enquiring) (about|if|whether)\b"
    # a question put the way it is said, without its mark: "am i going to be in trouble for
    # letting her in", "if this gets back to social will they take him off me" (development set
    # 85, 2026-12-07)
    r"|\b(am|will|would|shall) (i|we|they)\b"
    # "will my gran lose her sgo money if she finds out" (development set 87, 2026-12-07)
    r"|\bwill (my|our|her|his|their) (\w+ ){1,2}(lose|get|keep|still|stop|have|need|be)\b"
    # "will nan get in trouble with social services cos i was meant to be watching her"
    # (development set 88, 2026-12-08)
    r"|\bwill (\w+ ){1,2}(get|be) in trouble\b"
    # "will nana lose us for this" (development set 91, 2026-12-08)
    r"|\bwill (nan|nana|nanna|nanny|gran|granny|grandma|grandad|grandpa|grandparents|mum|mam"
    r"|dad|auntie|aunty|aunt|uncle|social|social services|the council|my carer) (\w+ )?"
    r"(lose|get|keep|stop|have|need|be|take|find|know|make|send)\b",
    re.IGNORECASE,
)
# After the safety lines, the needs of a message (or of its sentences) that asks something count
# at this probability even when "no need" is more likely: a danger story outweighs the question in
# the reading ("...he's got a knife. Do we get any help with his anger?"). Chosen on development
# set 9 (safety replies that answered the question: 14/21 -> 16/21, one section added to a safety
# reply that asked nothing), never on a blind set.
AFTER_DANGER_MIN_PROBABILITY = 0.2
# A sentence of a danger message that asks, read on its own at least this sure of one section,
# puts that section first after the safety lines (`asked_about_danger`).
SURE_OF_THE_QUESTION = 0.8
# A danger message that asks nothing (no ASKS_AFTER_DANGER words: "his dad is outside now banging
# on the door saying he'll take him") gets a section after the safety lines only at this
# probability: the safety lines are the answer. Over the development emergencies of
# tests/data/dev/ (2026-12-06; the reading learns their copies, so the figures only compare):
# at 0.35 (NEED_MIN_PROBABILITY, as before) 1,536 of the 1,917 that ask about no section were
# shown one; at 0.8, 930, and those with a section labelled answered 737 -> 734 of 737 (0.7: 1,030
# and 736; 0.9: 850 and 723). Chosen because the integration test's message above got "Legal
# advice" at 0.68 once the reading learnt development sets 34 and 35.
UNASKED_MIN_PROBABILITY = 0.8
# A danger message that asks something the reading cannot place ("who do I ring??", "can anyone
# help", "what do I do") gets the Kinship Navigators after the safety lines: the council's team
# for "who do I talk to", and the people who hand-off goes to. Over development sets 9, 11 and 12
# and the danger questions (tests/data/dev/, 2026-12-03): safety replies that also answered the
# question 167/203 -> 171/203, 7 more sections shown (290 -> 297). Adding it beside one section
# already read as well gave 175/203 but 74 more sections on a phone's screen: not taken. Never
# chosen on a blind set.
AFTER_DANGER_FALLBACK = "kinship-navigators"


AFTER_DANGER_FILE = Path(__file__).resolve().parent / "rules" / "after_danger.yaml"


@lru_cache(maxsize=1)
def after_danger_sections() -> dict[str, str]:
    """The section shown after the safety lines for a danger of each category
    (bot/understanding/rules/after_danger.yaml), by category."""
    data = read_yaml(AFTER_DANGER_FILE) or {}
    out: dict[str, str] = {}
    for category, entry in (data.get("after") or {}).items():
        if not isinstance(entry, dict) or not isinstance(entry.get("section"), str):
            raise ValueError(
                f"{AFTER_DANGER_FILE.name}: the entry for {category!r} needs a `section` "
                "(the id of a section of the offer)"
            )
        out[str(category)] = entry["section"]
    return out


def asked_after_danger(text: str, category: str | None = None) -> list[str]:
    """`asked_about_danger` (what the message asks), then, when there is room, the section that
    helps after a danger of this `category` (bot/understanding/rules/after_danger.yaml)."""
    asked = asked_about_danger(text)
    extra = after_danger_sections().get(category or "")
    if extra and extra not in asked:
        # Where there is no room, it takes the place of the less likely of the two: someone who
        # says they will end it tonight and asks "is there any counselling" needs the crisis and
        # mental health help (health-and-wellbeing) more than the second guess at the question
        # (development sets 37 and 38, 2026-12-06: 5 such messages answered with therapy or the
        # Navigators alone).
        asked = [*asked[: MAX_NEEDS - 1], extra]
    return asked


ASIDE_FILE = Path(__file__).resolve().parent / "rules" / "asked_aside.yaml"


@lru_cache(maxsize=1)
def _aside() -> tuple[re.Pattern[str], re.Pattern[str], int]:
    """The words of bot/understanding/rules/asked_aside.yaml, compiled: a question set aside,
    the words that end it, and how many words it may run to."""
    data = read_yaml(ASIDE_FILE) or {}
    most = data.get("most")
    if not isinstance(most, int) or most < 1:
        raise ValueError(f"{ASIDE_FILE.name}: `most` needs a whole number of words (1 or more)")
    return (
        re.compile(rf"\b{word_alternatives(data, 'says', ASIDE_FILE)}\b"),
        re.compile(rf"\b{word_alternatives(data, 'until', ASIDE_FILE)}\b|[.!?;]"),
        most,
    )


def asked_aside(text: str) -> list[str]:
    """The sections of a question the writer set aside for a danger ("was going to ask about
    the kinship allowance but..."), read on its own words (asked_aside.yaml)."""
    says, until, most = _aside()
    plain = re.sub(r"['\u2019]", "", (text or "").lower())
    out: list[str] = []
    for match in says.finditer(plain):
        rest = plain[match.end() :]
        stop = until.search(rest)
        words = (rest[: stop.start()] if stop else rest).split()[:most]
        if not words:
            continue
        reading = read(" ".join(words), after_danger=True)
        found = reading.asked or (
            [reading.best[0]]
            if reading.best and reading.best[1] >= AFTER_DANGER_MIN_PROBABILITY
            else []
        )
        out += [s for s in found if s not in out]
    return out[:MAX_NEEDS]


def asked_about_danger(text: str) -> list[str]:
    """The sections a danger message also asks about: `asked_in`, then, when it asks something,
    the most likely needs of the message and of its sentences that ask, up to MAX_NEEDS (the
    Navigators when it asks something and none is likely: AFTER_DANGER_FALLBACK). Two
    rather than one (2026-12-03): over development sets 9, 11 and 12 and the danger questions
    (tests/data/dev/), safety replies that also answered the question 155/201 -> 162/201, with
    284 sections shown instead of 237; never chosen on a blind set."""
    asked = asked_aside(text)
    if text and not ASKS_AFTER_DANGER.search(text):
        # Asks nothing: a section only when the reading is all but sure of it.
        sure = [s for s, p in read(text, after_danger=True).needs if p >= UNASKED_MIN_PROBABILITY]
        return [*asked, *(s for s in sure if s not in asked)][:MAX_NEEDS]
    asking = [
        read(sentence, after_danger=True).best
        for sentence in SENTENCE_END.split(text)
        if sentence.strip() and ASKS_AFTER_DANGER.search(sentence)
    ]
    # A sentence that asks, read on its own and all but sure of a section, is the question
    # itself: that section comes first ("our lad has gone missing ... police know. will this go
    # on his school record": read whole, the story put the Navigators before school;
    # 2026-12-06, tests/understanding/test_reading.py)
    sure = [c[0] for c in asking if c and c[1] >= SURE_OF_THE_QUESTION]
    asked += [s for s in sure if s not in asked]
    asked += [s for s in asked_in(text, after_danger=True) if s not in asked]
    asked = asked[:MAX_NEEDS]
    if len(asked) >= MAX_NEEDS or not text:
        return asked
    candidates = [read(text, after_danger=True).best] if not asked else []
    candidates += asking
    found = sorted(
        (c for c in candidates if c and c[1] >= AFTER_DANGER_MIN_PROBABILITY),
        key=lambda c: -c[1],
    )
    for section_id, _ in found:
        if section_id not in asked:
            asked.append(section_id)
        if len(asked) >= MAX_NEEDS:
            break
    return asked or [AFTER_DANGER_FALLBACK]
