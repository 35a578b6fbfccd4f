"""The one reading of a message's needs (bot/understanding/reading.py), the arrangement reading
(bot/understanding/arrangements.py) and the distress reading (bot/understanding/distress.py).
Regression checks on sentences written for this file (development data, not a measure of
accuracy: `make eval` measures that on the frozen blind sets)."""

from __future__ import annotations

import pytest

from bot.safety import assess
from bot.understanding import arrangements, reading
from bot.understanding.distress import is_distress
from bot.understanding.reading import Reading, read


def test_a_need_question_is_read_and_small_talk_is_not():
    assert read("we can barely afford the food shop since the two of them came").asked == [
        "financial-support"
    ]
    assert read("thanks love").asked == []
    assert read("").asked == [] and read("   ").asked == []


def test_a_danger_message_is_not_read_as_a_question_about_the_offer():
    # Before danger messages taught "no need", this one was read as therapy (p=0.89), and the
    # safety reply would have shown the therapy section as if it had been asked for.
    assert read("his dad is outside the house threatening to kill him").asked == []


def test_asked_takes_the_best_need_and_a_likely_second_only():
    both = Reading(needs=(("housing", 0.55), ("financial-support", 0.3)), no_need=0.1)
    assert both.asked == ["housing", "financial-support"]
    one = Reading(needs=(("housing", 0.55), ("financial-support", 0.1)), no_need=0.1)
    assert one.asked == ["housing"]
    unsure = Reading(needs=(("housing", reading.NEED_MIN_PROBABILITY - 0.01),), no_need=0.0)
    assert unsure.asked == []
    outweighed = Reading(needs=(("housing", 0.45),), no_need=0.5)
    assert outweighed.asked == []


@pytest.mark.parametrize(
    ("text", "arrangement"),
    [
        (
            "no court or anything, his mum just dropped him round to us and never came back",
            "informal",
        ),
        ("the judge made us special guardians for our granddaughter last spring", "sgo"),
    ],
)
def test_an_arrangement_described_is_read(text, arrangement):
    guess = arrangements.read_arrangement(text)
    assert guess.arrangement == arrangement and guess.sure, guess


def test_short_answers_describe_no_arrangement():
    # "no" to one of the assistant's questions once came out as "informal", sure.
    for text in ("no", "yes please", "my grandson", "not sure really"):
        assert arrangements.read_arrangement(text) == arrangements.NO_GUESS


def test_the_classifiers_are_cached_and_load_without_training(tmp_path, monkeypatch):
    from bot.understanding import text_classifier

    monkeypatch.setattr(text_classifier, "CACHE_DIR", tmp_path)
    texts, labels = arrangements.training_examples()
    first = text_classifier.load_or_train("arrangement-test", texts, labels, C=16.0, words=True)
    assert len(list(tmp_path.glob("arrangement-test-*.pickle"))) == 1

    def no_training(self, *args, **kwargs):
        raise AssertionError("trained again although the cache was there")

    monkeypatch.setattr(text_classifier.TextClassifier, "__init__", no_training)
    second = text_classifier.load_or_train("arrangement-test", texts, labels, C=16.0, words=True)
    text = "we had them placed with us by social services and get a fostering allowance"
    assert first.probabilities(text) == second.probabilities(text)


def test_a_carer_struggling_is_answered_not_alarmed():
    text = (
        "I can't do this anymore. I'm 73, he's 14 and bigger than me and I cry every night. "
        "I love him but I'm done in"
    )
    assert is_distress(text)
    found = assess(text)
    assert (found.danger, found.level) == (False, "distress")


def test_only_the_writers_own_struggle_is_read_as_distress():
    from bot.understanding.distress import speaks_of_the_writer

    # the writer speaks of themselves, however it is typed
    assert speaks_of_the_writer("cannae sleep, a\u2019ve nae help and ma heid is mince")
    assert speaks_of_the_writer("we are so tired, honestly")
    # a message that names nobody as "I" or "we" tells of someone else: never the writer's
    # own distress, whatever the reading says of its words
    other = (
        "the toddler has been crying in a wet cot since breakfast and no one has given him a drink"
    )
    assert not speaks_of_the_writer(other)
    assert not is_distress(other)


@pytest.mark.parametrize(
    "text",
    [
        # A rule fires: never overridden by the distress reading.
        "i feel like im going to snap and do something to him. please someone help me before i do",
        "I'm at breaking point and I'm frightened of what I might do to her",
        "i want to die",
    ],
)
def test_danger_stays_an_emergency(text):
    assert assess(text).level == "emergency"


def test_a_question_after_a_story_is_read_sentence_by_sentence(monkeypatch):
    from bot.understanding.reading import asked_in

    text = (
        "My nephew's dad died of an overdose last year. We've told him. "
        "Is there any bereavement support for kids?"
    )
    assert asked_in(text)[0] == "therapeutic-support"  # the real model
    assert asked_in("thanks love. bye") == []
    # Read whole, a story can outweigh the question: then each sentence is read.
    story = Reading(needs=(("therapeutic-support", 0.3),), no_need=0.6)
    question = Reading(needs=(("therapeutic-support", 0.8),), no_need=0.1)
    readings = {text: story, "Is there any bereavement support for kids?": question}
    monkeypatch.setattr(
        reading, "read", lambda t, after_danger=False: readings.get(t, reading.NOTHING)
    )
    assert asked_in(text) == ["therapeutic-support"]


def test_after_danger_a_question_outweighed_by_the_story_is_still_answered(monkeypatch):
    """`asked_after_danger`: a danger message that asks something gets its most likely need
    even when "no need" is more likely, and the Navigators when no need is likely enough; one
    that asks nothing gets none."""
    story = Reading(needs=(("therapeutic-support", 0.3), ("housing", 0.1)), no_need=0.6)
    weak = Reading(needs=(("housing", reading.AFTER_DANGER_MIN_PROBABILITY - 0.01),), no_need=0.9)
    readings = {
        "he has a knife and he is going for the lad. do we get any help with his anger?": story,
        "he has a knife and he is going for the lad.": story,
        "do we get any help with his anger?": story,
        "he is kicking the door in right now": story,
        "he is kicking the door in. can you help": weak,
        "can you help": weak,
    }
    monkeypatch.setattr(
        reading, "read", lambda text, after_danger=False: readings.get(text, reading.NOTHING)
    )
    asked = reading.asked_after_danger
    assert asked(
        "he has a knife and he is going for the lad. do we get any help with his anger?"
    ) == ["therapeutic-support"]
    assert asked("he is kicking the door in right now") == []  # asks nothing
    # nothing likely enough: the council's team for "who do I talk to"
    assert asked("he is kicking the door in. can you help") == [reading.AFTER_DANGER_FALLBACK]
    assert reading.AFTER_DANGER_FALLBACK == "kinship-navigators"
    assert asked("") == []


def test_after_danger_two_questions_are_both_answered(monkeypatch):
    """`asked_after_danger` gives up to MAX_NEEDS sections: the likely needs of the sentences
    that ask, best first, never the same one twice."""
    story = Reading(needs=(("therapeutic-support", 0.1),), no_need=0.8)
    house = Reading(needs=(("housing", 0.4), ("financial-support", 0.3)), no_need=0.5)
    money = Reading(needs=(("financial-support", 0.6),), no_need=0.3)
    text = "he is smashing the house up now. can we get moved? and is there any money for us?"
    readings = {
        text: story,
        "he is smashing the house up now.": story,
        "can we get moved?": house,
        "and is there any money for us?": money,
    }
    monkeypatch.setattr(
        reading, "read", lambda t, after_danger=False: readings.get(t, reading.NOTHING)
    )
    assert reading.asked_after_danger(text) == ["financial-support", "housing"]
    assert len(reading.asked_after_danger(text)) == reading.MAX_NEEDS


def test_after_a_danger_of_some_kinds_the_help_for_what_comes_next_is_shown(monkeypatch):
    """bot/understanding/rules/after_danger.yaml: after harm to themselves (or a carer at
    breaking point) the health section is shown too, asked or not; where two were asked it
    takes the place of the less likely one; never a third section, never twice, and nothing for
    a danger of another kind."""
    money = Reading(needs=(("financial-support", 0.8),), no_need=0.1)
    both = Reading(needs=(("financial-support", 0.6), ("housing", 0.4)), no_need=0.1)
    readings = {"i cut myself tonight. is there money for us": money, "need moving and money": both}
    monkeypatch.setattr(
        reading, "read", lambda t, after_danger=False: readings.get(t, reading.NOTHING)
    )
    asked = reading.asked_after_danger
    assert asked("i cut myself again tonight", "self_harm") == ["health-and-wellbeing"]
    assert asked("i cut myself tonight. is there money for us", "self_harm") == [
        "financial-support",
        "health-and-wellbeing",
    ]
    assert asked("need moving and money", "self_harm") == [
        "financial-support",
        "health-and-wellbeing",
    ]
    assert asked("need moving and money", "violence") == ["financial-support", "housing"]
    assert asked("i cut myself again tonight", "violence") == []
    assert asked("i cut myself again tonight", "overdose") == ["health-and-wellbeing"]
    assert asked("i cut myself again tonight") == []


def test_after_a_danger_that_asks_nothing_a_section_only_when_the_reading_is_all_but_sure(
    monkeypatch,
):
    """A danger message that asks nothing gets a section after the safety lines only at
    UNASKED_MIN_PROBABILITY: the safety lines are the answer."""
    unsure = Reading(needs=(("legal-support", 0.68),), no_need=0.3)
    sure = Reading(needs=(("housing", 0.9),), no_need=0.05)
    readings = {"his dad is at the door shouting": unsure, "the flat is on fire": sure}
    monkeypatch.setattr(
        reading, "read", lambda t, after_danger=False: readings.get(t, reading.NOTHING)
    )
    assert reading.asked_about_danger("his dad is at the door shouting") == []
    assert reading.asked_about_danger("the flat is on fire") == ["housing"]
    assert reading.UNASKED_MIN_PROBABILITY == 0.8


def test_the_sections_after_a_danger_are_sections_of_the_offer_and_categories_of_safety():
    """Every entry of after_danger.yaml names a category of the safety check and a section of
    the offer; a broken entry is named in plain words."""
    from bot.offer.loader import get_offer
    from bot.safety.rules import CATEGORIES

    after = reading.after_danger_sections()
    assert after  # the file is read
    assert set(after) <= set(CATEGORIES)
    assert set(after.values()) <= set(get_offer().sections)


def test_a_broken_after_danger_file_is_named(tmp_path, monkeypatch):
    broken = tmp_path / "after_danger.yaml"
    broken.write_text("after:\n  self_harm:\n    means: no section here\n", encoding="utf-8")
    monkeypatch.setattr(reading, "AFTER_DANGER_FILE", broken)
    reading.after_danger_sections.cache_clear()
    try:
        with pytest.raises(ValueError, match="needs a `section`"):
            reading.after_danger_sections()
    finally:
        reading.after_danger_sections.cache_clear()


def test_after_the_safety_lines_a_question_asked_in_a_crisis_is_read():
    """The real models: the reading after the safety lines knows the questions asked in a
    crisis (bot/understanding/needs.py CRISIS_WEIGHT), where the need reading of an ordinary
    message reads this one as a question about activities or nothing."""
    text = "he's smashing the place up, where can me and the kids stay tonight?"
    assert reading.asked_after_danger(text)[0] == "housing"
    assert reading.read("where can me and the kids stay tonight?", after_danger=True).best[0] == (
        "housing"
    )


@pytest.mark.parametrize(
    "text, asks",
    [
        ("I can't keep going any more", False),
        ("he doesn't listen to a word I say", False),
        ("we don't get a penny for her", False),
        ("can someone ring me back after tea", True),
        ("any chance of a grant for a bed", True),
        ("Does she still get free school meals", True),
        ("and tomorrow I need help with him, I can't manage", True),
        ("we want support for her anger", True),
        ("what happens now?", True),
    ],
)
def test_a_question_word_in_its_negative_asks_nothing(text, asks):
    # "can't", "doesn't", "don't" are not questions; asking for help is (reading.ASKS decides
    # whether a safety reply also carries an answer and the Navigators).
    assert bool(reading.ASKS.search(text)) is asks


@pytest.mark.parametrize(
    "text, section",
    [
        (
            "i was going to ask about the allowance for kinship carers but hes kicking the door in",
            "financial-support",
        ),
        ("was gonna ask about a school place for her, then he turned up drunk", "education"),
        ("sorry, ill get back to the housing question later, the baby is not breathing", "housing"),
        # a question asked before and not answered (development set 90, 2026-12-08)
        (
            "he is banging on the window with a brick, police coming. i never got a call back "
            "about the school uniform grant either",
            "financial-support",
        ),
    ],
)
def test_a_question_set_aside_for_a_danger_is_still_answered(text, section):
    # asked_aside.yaml: the words after "was going to ask" are read on their own, so the danger
    # beside them does not outweigh the question
    assert reading.asked_aside(text)[:1] == [section]
    assert section in reading.asked_after_danger(text)


def test_a_message_that_sets_nothing_aside_has_no_aside():
    assert reading.asked_aside("he has hit her again and I am scared") == []
    assert reading.asked_aside("I wanted to ask") == []  # nothing after it to read


def test_a_broken_aside_file_is_named(tmp_path, monkeypatch):
    broken = tmp_path / "asked_aside.yaml"
    broken.write_text("says: [was going to ask]\nuntil: [but]\n", encoding="utf-8")
    monkeypatch.setattr(reading, "ASIDE_FILE", broken)
    reading._aside.cache_clear()
    try:
        with pytest.raises(ValueError, match="`most`"):
            reading._aside()
    finally:
        reading._aside.cache_clear()


def test_the_reading_after_the_safety_lines_learns_the_development_sets_questions():
    from bot.understanding import needs

    copied = needs.crisis_messages(needs.CRISIS_MESSAGES_FILES[-1])
    assert needs.CRISIS_MESSAGES_FILES[-1].name == "after_danger_dev.yaml"
    assert len(copied) > 1000
    texts, _, weights = needs.after_danger_examples()
    trained = dict(zip(texts, weights, strict=True))
    assert all(trained.get(text) == needs.CRISIS_MESSAGE_WEIGHT for text, _ in copied)


def test_a_question_about_school_after_a_child_gone_missing_gets_school():
    # the reading after the safety lines gave health and the Navigators before it learnt the
    # development sets' questions (2026-12-05)
    from bot.understanding.reading import asked_after_danger

    text = "our lad has gone missing since 4 and its dark, hes 12. police know. will this go on his school record"
    assert asked_after_danger(text, assess(text).category)[0] == "education"


def test_is_that_allowed_asks_after_a_danger(monkeypatch):
    """ "is that allowed", "is it normal": a question after the safety lines, though it has no
    question word (development set 40, 2026-12-06: answered with nothing)."""
    likely = Reading(needs=(("health-and-wellbeing", 0.4),), no_need=0.5)
    text = "my gran gives my little cousin her sleeping tablets so he sleeps, is that allowed"
    monkeypatch.setattr(
        reading, "read", lambda t, after_danger=False: likely if t == text else reading.NOTHING
    )
    assert reading.ASKS_AFTER_DANGER.search(text)
    assert reading.asked_about_danger(text) == ["health-and-wellbeing"]
    assert not reading.ASKS_AFTER_DANGER.search("he is right outside the door")
    assert reading.ASKS_AFTER_DANGER.search("will it go on her record at school")


def test_a_question_word_run_together_still_asks_after_the_safety_lines():
    # "whos" (who is) asks: the Navigators, not nothing, after the safety lines
    text = (
        "nan has fallen down the stairs and isnt moving, ambulance on its way. whos going to "
        "mind me and my brother if she goes to hospital"
    )
    assert reading.asked_after_danger(text, "medical_emergency")


@pytest.mark.parametrize(
    "text",
    ["wots gonna happen to me and my brother now", "whit happens tae ma wee sister noo"],
)
def test_question_words_run_together_or_in_scots_ask_after_a_danger(text):
    assert reading.ASKS_AFTER_DANGER.search(text)


@pytest.mark.parametrize(
    "text",
    [
        "she's fitting on the floor, I'm not sure if we're allowed to say yes to treatment",
        "police are here for his dad, no idea if i have to go with them",
    ],
)
def test_not_knowing_if_allowed_asks_after_a_danger(text):
    # a question put as not knowing (development sets 78 and 79, 2026-12-07)
    assert reading.ASKS_AFTER_DANGER.search(text)
    assert not reading.ASKS_AFTER_DANGER.search("he hit me and now i am allowed out")


@pytest.mark.parametrize(
    "text",
    [
        "just wondering about the uniform grant. also her dad is here now kicking off",
        "i was going to ask about respite but my son has taken all his tablets",
    ],
)
def test_wondering_or_asking_about_asks_after_a_danger(text):
    # a question put as wondering or asking about (development set 84, 2026-12-07)
    assert reading.ASKS_AFTER_DANGER.search(text)
    assert not reading.ASKS_AFTER_DANGER.search("i keep wondering why he hit me")


@pytest.mark.parametrize(
    "text",
    [
        "shes overdosed, ambulance coming. am i going to be in trouble for letting her in",
        "the house is on fire, fire brigade coming. will they take the kids off me for this",
    ],
)
def test_a_question_without_its_mark_asks_after_a_danger(text):
    # "am i", "will they" (development set 85, 2026-12-07)
    assert reading.ASKS_AFTER_DANGER.search(text)
    assert not reading.ASKS_AFTER_DANGER.search("he is outside and he says he will kill her")


def test_will_my_someone_asks_after_a_danger():
    # development set 87 (2026-12-07)
    text = "someone spiked my drink and i cant stand up. will my nan lose her allowance over this"
    assert reading.ASKS_AFTER_DANGER.search(text)


def test_will_someone_get_in_trouble_asks_after_a_danger():
    # "will nan get in trouble ..." (development set 88, 2026-12-08)
    text = "my brother is not breathing properly, 999 on the way. will grandad be in trouble for leaving us"
    assert reading.ASKS_AFTER_DANGER.search(text)
    assert not reading.ASKS_AFTER_DANGER.search("he is in trouble with the police again tonight")


@pytest.mark.parametrize(
    "text",
    [
        "dad is at the school gates drunk trying to take my sister. is he even allowed near us",
        "my little brother swallowed bleach, ambulance coming. will nana lose us over this",
    ],
)
def test_more_questions_without_their_mark_ask_after_a_danger(text):
    # development set 91 (2026-12-08)
    assert reading.ASKS_AFTER_DANGER.search(text)
    assert not reading.ASKS_AFTER_DANGER.search("nana is at work and he is not breathing")
