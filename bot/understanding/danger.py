"""A second opinion on danger, asked only where the safety check's own classifier alone (no
rule) saw danger: "He told me he'd kill me if I took his xbox off him again haha" or "the
toddler bit another kid at nursery" are everyday worries, and a false 999 reply frightens a
carer and buries their question.

A classifier on pretrained sentence embeddings and character and word n-grams
(bot/understanding/text_classifier.py), trained on the labelled messages of bot/safety/data/
(all of them: the safety check's classifier leaves out SECOND_OPINION_ONLY) and the Rasa NLU
examples, weighted as the safety check's classifier weighs them, and the
distress/danger pairs of bot/understanding/data/distress.yaml and the alarming-sounding
messages that are not danger of not_danger.yaml and not_danger_2.yaml (the second with danger
messages close to them in wording). The alarm stands unless this
reading gives danger a probability below CONFIRM_PROBABILITY. The rules, which must never miss,
are never overridden (in cross-validation this reading would have lost too many of their
catches).

Chosen by 5-fold cross-validation over those labelled sets (`scripts/bench_danger_cross.py`),
never on a blind set. On 2026-12-03, with bot/safety/data/dev6.yaml added (3,863 messages, C 16),
of the 255 held-out danger messages the classifier alone caught, a threshold of 0.1 lost 2 and set
aside 13 of its 125 false alarms; 0.2 lost the same 2 and set aside 27. But 0.2 set aside a child
whose father, barred from the house, was at the door (second opinion 0.12; development set
tests/data/dev/dev_danger_questions.yaml): CONFIRM_PROBABILITY stays 0.1. With the need
questions in many voices added (`need_questions`), 0.1 loses the same 2 and sets aside 33 of the
125 (0.15 loses 3). Over the rules' catches it would lose 44 of 795 at 0.1: it never overrides a
rule.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path

from bot.core.data_files import read_yaml
from bot.understanding.text_classifier import TextClassifier, build_or_none

log = logging.getLogger(__name__)

DANGER = "danger"
NONE = "none"
C = 16.0
CONFIRM_PROBABILITY = 0.1
# Where only the classifiers saw danger and this reading gives it less than DOUBT_PROBABILITY
# (but at least CONFIRM_PROBABILITY), the message is a CONCERN: who to tell about a worry about a
# child's safety, the NSPCC or Childline, one calm line about 999, and the answer to what was
# asked (bot/safety/response.py `concern_messages`), not the emergency reply. Chosen on
# 2026-12-05 over every labelled development message (`scripts.bench_safety_dev`; all of them
# tuned on, none a measure), with this reading trained to convergence: at 0.15, 4 of 4,209
# emergencies lost the emergency reply and 39 of 8,425 false alarms were set aside; at 0.2, 7
# and 83; at 0.25, 11 and 107. Rules then caught 6 of those 7 (a jump from a bridge "i think to
# jump", "next time i wont sit down", "neither of them are up" at a lake, a car rammed, "he
# means the kids", "the one who finds me"), and 0.15 was kept for a test sentence, a child unfed
# "since the weekend" beside a mother asleep "with needles everywhere", whose second opinion was
# 0.198. Raised to 0.2 later that day, once rules the classifiers confirm caught that sentence
# too ("not had anything to eat", asleep "with needles"): over the 4,469 danger messages and
# 9,065 others of every labelled development set (development sets 32 and 33 among them, new
# that day), no emergency lost and 46 false alarms set aside (805 -> 759); at 0.25, 4 emergencies
# lost ("blood all down his arms, says he did it himself"). Tried before at 0.3, without
# converging this reading (withdrawn 2026-12-02, below).
DOUBT_PROBABILITY = 0.2
# Trained to convergence since 2026-12-05 (text_classifier.py TOLERANCE): before, its solver
# stopped after 22 to 37 iterations of the 103 it needs, and one NLU example changed anywhere moved
# short messages' readings by up to 0.2. Converged, over every labelled development message
# (`scripts.bench_safety_dev`) it lost 3 emergencies (a diabetic going hypo, a hand over a child's
# mouth, "jk jk... not really" before a razor), now caught by rules, and raised 2 more false alarms
# of 7,923; a sweep of MEAN_THRESHOLD and CONFIRM_PROBABILITY found no better pair (0.5/0.1: 20
# missed, 741 false alarms; 0.55/0.15: 24 and 693; 0.6/0.1: 23 and 723).
# Tried and withdrawn (2026-12-02): a "concern" grade, where a classifier-only alarm with a second
# opinion below 0.3 got who to tell about a worry and the answer instead of the emergency reply.
# On the development set of danger messages that also ask something (tests/data/dev/
# dev_danger_questions.yaml) it took 3 of 90 emergencies out of the emergency reply (second
# opinions 0.13, 0.20 and 0.25, no higher than the everyday worries it was meant for): this
# reading does not separate them well enough, and an emergency is never to be missed.
# Tried and not taken (2026-12-05, with DOUBT_PROBABILITY): development sets 29 and 31 (600
# messages by two separate authors: hard negatives, emergencies with a question, young people) as
# training data for this reading only. Over the other labelled development messages
# (`scripts.bench_safety_dev --compare`) it set aside about 35 false alarms and raised 12 new
# ones, but lost 3 emergencies ("tonight is different ... im at the canal lock", a kettle pulled
# over with the arm blistering, "these guys took me to a flat ... the door's locked"): the same
# trade as before, a few false alarms fewer for an emergency more.
# Tried and not taken (2026-12-05): an "alarm review", a third reading trained only on the alarms
# the safety check raised over the labelled development messages (5,000 alarms, 4,229 of them
# danger), to make a doubted classifier-only alarm a concern. Held out a set at a time over the
# sets of tests/data/dev/ alone it looked strong (at 0.45, 110 of 321 false alarms set aside, no
# danger lost) but lost 26 danger messages of bot/safety/data/ (grooming, self-harm, short
# disclosures); over all 37 sets it set aside only 19 of 369 at no loss (0.3), and on development
# set 32, written after, none of its 10 classifier-only false alarms. Sentence embeddings alone
# ranked set 32 well but lost 8 danger messages held out at 0.3. One kind of writing does not
# carry over to another.
DATA = Path(__file__).resolve().parent / "data"
# not_danger_2.yaml (2026-12-03): in `scripts/bench_danger_cross.py` (classifier, or the mean of
# the two at 0.55) danger missed 28 -> 29 of 1,433 and false alarms 212 -> 205 of 3,455; on the
# development set of danger messages with a question (tests/data/dev/dev_danger_questions.yaml)
# 86 -> 87 of 90 caught; false alarms on development sets 9, 11 and 12 unchanged. Taught to the
# safety check's own classifier instead (its 420 messages that are not danger), it failed the
# dev2 regression floor with its danger messages and cost 5 danger messages in that bench without.
EXTRA_DATA = (DATA / "distress.yaml", DATA / "not_danger.yaml", DATA / "not_danger_2.yaml")
# Tried and not taken (2026-12-04): the 1,258 pairs of development set 18 (tests/data/dev/
# dev_set_18.yaml: one message not danger now, one danger now, close in wording) as training data
# here. Trained on two of its three authors' files and tested on the third, this reading then
# set aside 72 of the 105 false alarms the rules raised there (below 0.1) and lost none of their
# catches; but over the other development sets of tests/data/dev/ (never trained on) it lost 5
# emergencies even where it doubted no rule ("im on the roof of the multi storey", "hes taken a
# load of my heart pills ... hes going sleepy"; weights 0.5 to 2 alike) and, doubting the rules
# below 0.1, 22 more ("my mate is drowning at the quarry"), for 114 fewer false alarms of 5,312.
# Gating the doubt on words of a story, the past or a joke ("ago", "said", "lol") still lost 4
# ("mum snatched my granddaughter off the park 20 mins ago"). Pairs written to order fit pairs
# written to order: the set stays a development set for the rules.
# Tried and not taken (2026-12-05): 310 short everyday messages by a separate author (asking for a
# call back "tonight", "nobody answers", a website that "won't let me", corrections of details) as
# messages that are not danger, here or in the safety check's own classifier. Over every labelled
# development message (`scripts/bench_safety_dev.py`) it set aside the contact requests that got
# the 999 reply ("call me after 6 tonight please", "its gmail not gmial") but lost 3 emergencies
# here ("tonight is different ... im at the canal lock", "im doing it tonite") and 7 in the
# classifier ("cant stop the bleeding"): taught that "tonight" is everyday, they stop hearing it
# in danger. Also not taken: each classifier trained on the development sets of tests/data/dev/
# as well. Held out a set at a time (16 sets, 6,105 messages), the second opinion so trained
# missed 30 danger messages with 424 false alarms against 27 and 453 as it is, and at thresholds
# that keep the misses at 28, 444 against 471: a few false alarms fewer for an emergency more.


def extra_examples(paths: tuple[Path, ...] = EXTRA_DATA) -> list[tuple[str, str]]:
    """The distress/danger pairs and the alarming-sounding messages that are not danger:
    distress is not danger."""
    out = []
    for path in paths:
        data = read_yaml(path) or {}
        out += [
            (e["text"], DANGER if e["label"] == DANGER else NONE)
            for e in data.get("examples") or []
            if e.get("text") and e.get("label")
        ]
    return out


NEED_QUESTION_WEIGHT = 3.0


def need_questions() -> list[str]:
    """The need questions in many voices of the Rasa NLU data (data/nlu/needs_voices_*.yml, by
    separate authors): everyday questions, many about a child's behaviour or health, that the
    safety check's own classifier does not learn from (they cost it an emergency's recall) but this
    second opinion does, each weighing NEED_QUESTION_WEIGHT. In a fold over the three files it set
    aside 24 of the classifier's 141 false alarms on the file left out (10 without them; 18 at
    weight 1, 38 at weight 8), and lost no more held-out danger messages of the labelled sets
    (`scripts/bench_danger_cross.py`); at weight 8 it set aside a child whose barred father was at
    the door (tests/data/dev/dev_danger_questions.yaml), at 3 none (2026-12-03)."""
    from bot.core import nlu_examples as nlu_data
    from bot.safety.classifier import NLU_DIR, NLU_EXCLUDED_INTENTS

    return [
        text
        for name, intent, text in nlu_data.examples(NLU_DIR, "danger classifier")
        if name.startswith("needs_voices_") and intent not in NLU_EXCLUDED_INTENTS
    ]


OUT_OF_SCOPE_FILE = DATA / "out_of_scope_dev.yaml"
# 1 (2026-12-06): at NEED_QUESTION_WEIGHT (3), over every labelled development message
# (`scripts.bench_safety_dev`) the second opinion doubted two more emergencies ("a man claiming to
# be the dad ..." and one now caught by the rule `at_a_height_secret`); at 1 only the second.
OUT_OF_SCOPE_WEIGHT = 1.0


def out_of_scope_examples(path: Path = OUT_OF_SCOPE_FILE) -> list[str]:
    """Messages about other council services and other things (bot/understanding/data/
    out_of_scope_dev.yaml): not danger, each weighing OUT_OF_SCOPE_WEIGHT. "a pothole nearly took
    my wheel off", "someone's dumped a fridge behind the shops again" drew the classifier's
    alarm."""
    if not path.is_file():
        return []
    data = read_yaml(path) or {}
    return [e["text"] for e in data.get("examples") or [] if e.get("text")]


def training_examples() -> tuple[list[str], list[str], list[float]]:
    """Texts, labels and weights: the safety check's labelled sets (weighted as it weighs
    them), then the distress/danger pairs (1 each) and the need questions in many voices
    (NEED_QUESTION_WEIGHT each)."""
    from bot.safety.classifier import development_sets, training_data

    pairs, weights = training_data(development_sets())
    texts = [text for text, _ in pairs]
    labels = [DANGER if label else NONE for _, label in pairs]
    weights = list(weights)
    seen = set(texts)
    extra = [(text, label, 1.0) for text, label in extra_examples()]
    extra += [(text, NONE, NEED_QUESTION_WEIGHT) for text in need_questions()]
    extra += [(text, NONE, OUT_OF_SCOPE_WEIGHT) for text in out_of_scope_examples()]
    for text, label, weight in extra:
        if text not in seen:
            seen.add(text)
            texts.append(text)
            labels.append(label)
            weights.append(weight)
    return texts, labels, weights


@lru_cache(maxsize=1)
def get_danger_classifier() -> TextClassifier | None:
    """Trained once (or loaded from the cache); None when it cannot be built (then every alarm
    of the safety check stands)."""
    return build_or_none("danger-classifier", training_examples, C=C, words=True)


@lru_cache(maxsize=256)
def second_opinion(text: object) -> float | None:
    """How likely these words are those of someone in danger; None when it cannot be read
    (then the safety check decides without it)."""
    if not isinstance(text, str) or not text.strip():
        return None
    classifier = get_danger_classifier()
    if classifier is None:
        return None
    try:
        return dict(classifier.probabilities(text)).get(DANGER)
    except Exception:
        log.exception("danger classifier failed on a message")
        return None


def danger_probability(text: object) -> float:
    """How likely these words are those of someone in danger (1.0 when it cannot be read: a
    broken reading never takes away a safety response)."""
    found = second_opinion(text)
    return 1.0 if found is None else found


NOT_NOW_FILE = Path(__file__).resolve().parent / "rules" / "not_now.yaml"


@lru_cache(maxsize=1)
def _not_now() -> tuple[re.Pattern[str], frozenset[str], re.Pattern[str]]:
    """The writer's words that nobody is in danger now (bot/understanding/rules/not_now.yaml),
    the words that may come just before them, and what turns to something else after them
    (`turned_by`, `turned_now`: "all sorted. Problem is...", "fine last night, but this
    morning...")."""
    data = read_yaml(NOT_NOW_FILE) or {}
    says = sorted((str(p).strip() for p in data.get("says") or [] if p), key=len, reverse=True)
    after = ["to", *(str(w).strip() for w in data.get("not_before") or [] if w)]
    pattern = re.compile(
        r"(?:^|(?<=\s))("
        + "|".join(re.escape(p) for p in says)
        + r")\b(?! (?:"
        + "|".join(re.escape(w) for w in after)
        + r")\b)"
    )
    by = word_alternatives(data, "turned_by", NOT_NOW_FILE)
    turned_now = word_alternatives(data, "turned_now", NOT_NOW_FILE)
    now = word_alternatives(data, "now_words", NOT_NOW_FILE)
    turned = re.compile(rf"\b{by}\b|\b{turned_now}\b(?: \S+){{0,6}}? {now}\b")
    return pattern, frozenset(str(w) for w in data.get("not_after") or []), turned


def _plain_words(text: str) -> str:
    """Lower case, apostrophes dropped ("she's" is "shes"), words joined by single spaces."""
    return " ".join(re.findall(r"[a-z0-9]+", re.sub(r"['\u2019]", "", text.lower())))


def turns_after(text: str) -> bool:
    """Whether something else follows (not_now.yaml `turned_by`, `turned_now`): "we're all fine
    here, it's just that my sister's lad ran off an hour ago"."""
    return bool(_not_now()[2].search(_plain_words(text)))


def says_not_now(text: object) -> bool:
    """The writer says that nobody is in danger now ("she's safe with me now", "nobody was
    hurt"), in their own words (not "she says she's fine")."""
    if not isinstance(text, str):
        return False
    pattern, not_after, turned = _not_now()
    words = _plain_words(text)
    for found in pattern.finditer(words):
        before = words[: found.start()].split()
        if before and before[-1] in not_after:
            continue
        if turned.search(words[found.end() :]):
            continue  # "all sorted. But I've just seen him outside the school"
        return True
    return False


TALKED_ABOUT_FILE = Path(__file__).resolve().parent / "rules" / "talked_about.yaml"


@lru_cache(maxsize=1)
def _talked_about() -> re.Pattern[str]:
    """Harm as the subject of something taught, watched or read
    (bot/understanding/rules/talked_about.yaml)."""
    data = read_yaml(TALKED_ABOUT_FILE) or {}
    subjects = sorted((str(p).strip() for p in data.get("subjects") or [] if p), key=len)
    about = [str(w).strip() for w in data.get("about") or [] if w]
    within = int(data.get("within") or 1)
    return re.compile(
        r"\b(?:"
        + "|".join(re.escape(p) for p in reversed(subjects))
        + r")\b(?: [a-z0-9]+){0,"
        + str(max(within - 1, 0))
        + r"} (?:"
        + "|".join(re.escape(w) for w in about)
        + r")\b"
    )


@lru_cache(maxsize=1)
def _happening_to_the_writer() -> re.Pattern[str]:
    """The writer's words that the harm talked about happens to them
    (talked_about.yaml `happening_to_the_writer`)."""
    data = read_yaml(TALKED_ABOUT_FILE) or {}
    return re.compile(
        rf"\b{word_alternatives(data, 'happening_to_the_writer', TALKED_ABOUT_FILE)}\b"
    )


def talked_about(text: object) -> bool:
    """The message names harm as the subject of a course, a lesson, a documentary, a storyline
    ("staff training on domestic abuse"), and does not say it happens to the writer: the safety
    rules' catch then needs confirming."""
    if not isinstance(text, str):
        return False
    words = _plain_words(text)
    return bool(_talked_about().search(words)) and not _happening_to_the_writer().search(words)


CONTACT_REQUEST_FILE = Path(__file__).resolve().parent / "rules" / "contact_request.yaml"


@lru_cache(maxsize=1)
def _contact_request() -> tuple[int, re.Pattern[str], re.Pattern[str]]:
    """The most words, the phrases that ask to be contacted and the words that something is
    happening now (bot/understanding/rules/contact_request.yaml)."""
    path = CONTACT_REQUEST_FILE
    data = read_yaml(path) or {}
    most = max_words(data, path)
    asks = re.compile(r"\b" + word_alternatives(data, "asks", path) + r"\b")
    now = re.compile(r"\b" + word_alternatives(data, "not_with", path) + r"\b")
    return most, asks, now


def only_asks_to_be_contacted(words: list[str]) -> bool:
    """The words (the safety check's normalised words of a message: text-speak spelled out) of
    a short message that only asks to be contacted, or why nobody has been in touch ("will
    someone ring me tonight?"), with no word that something is happening now."""
    plain = _plain_words(" ".join(words))
    most, asks, now = _contact_request()
    return (
        0 < len(re.findall(r"[a-z]+", plain)) <= most
        and bool(asks.search(plain))
        and not now.search(plain)
    )


def surely_not_danger(text: object) -> bool:
    """True when the second opinion sets the classifier's alarm aside."""
    return danger_probability(text) < CONFIRM_PROBABILITY


def doubts_danger(text: object) -> bool:
    """True when the second opinion doubts the classifier's alarm (below DOUBT_PROBABILITY): a
    concern, not an emergency."""
    return danger_probability(text) < DOUBT_PROBABILITY


def max_words(data: dict, path: Path) -> int:
    """A rules file's `max_words`: a whole number of words, 1 or more (else it is named)."""
    most = data.get("max_words")
    if not isinstance(most, int) or most < 1:
        raise ValueError(f"{path.name}: `max_words` needs a whole number of words (1 or more)")
    return most


def word_alternatives(data: dict, key: str, path: Path) -> str:
    """The words listed under `key` of a rules file, longest first, as one regular-expression
    group; a list left empty is named with its file."""
    found = sorted((str(w).strip() for w in data.get(key) or [] if w), key=len, reverse=True)
    if not found:
        raise ValueError(f"{path.name}: `{key}` needs at least one word")
    return "(?:" + "|".join(re.escape(w) for w in found) + ")"


YOUNG_CHILD_SAID_FILE = Path(__file__).resolve().parent / "rules" / "young_child_said.yaml"


@lru_cache(maxsize=1)
def _young_child_said() -> tuple[
    frozenset[str],
    re.Pattern[str],
    re.Pattern[str],
    tuple[re.Pattern[str], ...],
    int,
    re.Pattern[str],
]:
    """The words of bot/understanding/rules/young_child_said.yaml, compiled."""
    data = read_yaml(YOUNG_CHILD_SAID_FILE) or {}

    def words(key: str) -> re.Pattern[str]:
        return re.compile(rf"\b{word_alternatives(data, key, YOUNG_CHILD_SAID_FILE)}\b")

    ages = tuple(re.compile(str(p), re.IGNORECASE) for p in data.get("ages") or [])
    if not ages or not isinstance(data.get("max_age"), int):
        raise ValueError(f"{YOUNG_CHILD_SAID_FILE.name}: needs `ages` and a whole-number `max_age`")
    rules = frozenset(str(r) for r in data.get("rules") or [])
    return rules, words("said"), words("triggers"), ages, data["max_age"], words("now")


def said_by_a_young_child(text: object, matched: list[str]) -> bool:
    """Only the rules of wishing to die fired, on words a young child said when something set
    them off (a temper, shame, grief), with no danger now in the message
    (bot/understanding/rules/young_child_said.yaml)."""
    if not isinstance(text, str):
        return False
    rules, said, triggers, ages, max_age, now = _young_child_said()
    fired = set(matched) - {"classifier"}
    if not fired or not fired <= rules:
        return False
    low = text.lower().replace("\u2019", "'")
    if not said.search(low) or not triggers.search(low) or now.search(low):
        return False
    for pattern in ages:
        for found in pattern.finditer(low):
            age = next((g for g in found.groups() if g), None)
            if age is not None and int(age) <= max_age:
                return True
    return False


STORY_FILE = Path(__file__).resolve().parent / "rules" / "story_or_picture.yaml"


# A writer naming themselves at the start ("Teacher here.", "school nurse here"): not someone
# "here" now (never "dad is here", "hes here": a role or a family word just before "here").
_NAMED_HERE = re.compile(
    r"^(?:[a-z0-9']+ ){0,2}(?:teacher|nurse|worker|practitioner|manager|officer|lead|counsellor|"
    r"visitor|senco|dsl|head|carer|nan|nana|gran|grandma|grandad|grandpa|aunt|auntie|aunty|"
    r"uncle) here\b"
)


@lru_cache(maxsize=1)
def _story_or_picture() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The words of bot/understanding/rules/story_or_picture.yaml, compiled: a story, a picture
    or a film, a danger now, and words that hold a word of now without meaning it."""
    data = read_yaml(STORY_FILE) or {}

    def alternatives(key: str) -> str:
        return word_alternatives(data, key, STORY_FILE)

    within = int(data.get("within") or 1)
    made, works = alternatives("made"), alternatives("works")
    story = re.compile(
        rf"\b{made}\b(?: [a-z0-9']+){{0,{within}}}? (?:a |an |the |his |her |my |their )?{works}\b"
        rf"|\b{alternatives('told')} {alternatives('ties')}\b"
        rf"|\b{alternatives('drawn')}\b(?! (?:a |an |the |his |her |their |my )?"
        rf"{alternatives('not_drawn')}\b)"
    )
    return (
        story,
        re.compile(rf"\b{alternatives('now')}\b"),
        re.compile(rf"\b{alternatives('not_now')}\b"),
    )


def a_story_or_picture(text: object) -> bool:
    """The message is about harm in a story, a picture, a book or a film, with no danger now in
    it (bot/understanding/rules/story_or_picture.yaml)."""
    if not isinstance(text, str):
        return False
    story, now, not_now = _story_or_picture()
    words = " ".join(re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'")))
    if not story.search(words):
        return False
    return not now.search(not_now.sub(" ", _NAMED_HERE.sub(" ", words)))
