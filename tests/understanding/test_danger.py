"""The second opinion on danger (bot/understanding/danger.py): it may set aside an alarm of the
safety check's classifier alone, never one of the rules, and a broken reading never takes a
safety response away."""

from __future__ import annotations

import pytest
import yaml

from bot.safety import assess, engine
from bot.understanding import danger

RULE_DANGER = "help hes hitting me"  # a rule's catch (see bot/safety/rules.py)


@pytest.fixture
def fresh_checker(monkeypatch):
    checker = engine.SafetyChecker()
    monkeypatch.setattr(engine, "_checker", checker)
    danger.second_opinion.cache_clear()
    yield checker
    danger.second_opinion.cache_clear()


def test_the_rules_are_never_overridden(fresh_checker, monkeypatch):
    assert fresh_checker.rules_only(RULE_DANGER).assessment.danger
    monkeypatch.setattr(engine, "surely_not_danger", lambda text: True)
    assert engine.assess(RULE_DANGER).danger


def test_a_classifier_only_alarm_is_set_aside_only_when_the_second_opinion_is_sure(
    fresh_checker, monkeypatch
):
    text = "he was poorly in the night and i am really worried about him"
    monkeypatch.setattr(
        fresh_checker,
        "rules_only",
        lambda t: engine.RuleResult(
            engine.SafetyAssessment(False), words=t.split(), lemmas=t.split()
        ),
    )

    class Alarmed:
        def probability(self, words, lemmas):
            return 0.99

    monkeypatch.setattr(fresh_checker, "classifier", lambda: Alarmed())
    monkeypatch.setattr(engine, "is_distress", lambda t: False)
    monkeypatch.setattr(engine, "doubts_danger", lambda t: False)
    monkeypatch.setattr(engine, "surely_not_danger", lambda t: False)
    assert engine.assess(text).danger
    monkeypatch.setattr(engine, "surely_not_danger", lambda t: True)
    found = engine.assess(text)
    assert not found.danger and found.matched == ["classifier", "not danger"]


def test_a_broken_reading_keeps_the_alarm(monkeypatch):
    danger.second_opinion.cache_clear()
    monkeypatch.setattr(danger, "get_danger_classifier", lambda: None)
    try:
        assert danger.danger_probability("anything at all here") == 1.0
        assert not danger.surely_not_danger("anything at all here")
    finally:
        danger.second_opinion.cache_clear()


def test_it_learns_from_the_safety_sets_and_the_distress_pairs():
    texts, labels, weights = danger.training_examples()
    assert len(texts) == len(labels) == len(weights) == len(set(texts))
    assert {danger.DANGER, danger.NONE} == set(labels)
    distress = {t for t, label in danger.extra_examples() if label == danger.NONE}
    assert distress and distress <= set(texts)


def test_it_learns_that_other_council_services_are_not_danger():
    texts, labels, weights = danger.training_examples()
    learnt = dict(zip(texts, zip(labels, weights, strict=True), strict=True))
    others = danger.out_of_scope_examples()
    assert len(others) > 250
    assert all(learnt[t][0] == danger.NONE for t in others)
    # in new words: without them the safety check's classifier alone raised the emergency reply
    assert not assess(
        "a massive pothole on the high street nearly wrecked my tyre last night"
    ).danger


def test_it_is_sure_of_everyday_words_and_not_of_danger():
    assert danger.danger_probability("help he's got a knife and he's stabbing my nan") > 0.5
    assert danger.surely_not_danger("what time does the family hub open on saturday")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("he ran off after school but he's safe at his nan's now", True),
        ("Nobody was hurt, he's calmed down", True),
        ("Teacher here. No immediate risk, but who do I refer to?", True),
        ("he keeps hanging round outside, nothing's happened yet but I don't like it", True),
        ("It's not urgent, but who do I tell about a worry?", True),
        # someone else's word, a question, "safe to": not the writer saying nobody is in danger
        ("her mum's boyfriend says she's fine but she won't look at me", False),
        ("is she safe there on her own?", False),
        ("is he safe to stay at his dad's overnight", False),
        # the writer safe and doing nothing to themselves; not "for now", "until ..."
        ("sat in the car park crying. im safe, im not going to do anything, just tired", True),
        ("i wont do anything silly i just need someone to talk to", True),
        ("im safe for now but he knows where we live", False),
        ("we're safe until he gets out on friday", False),
        # a scare that is over
        ("took her to the walk-in, false alarm, just a virus", True),
        ("they had a scrap over the tablet but it's all been sorted and both fine", True),
        ("she's home now but he's still sat outside in his van", False),
        # something sorted, then something else (not_now.yaml `turned_by`, `turned_now`)
        ("the injunction is all sorted. but he's just pulled up outside the nursery", False),
        ("gas all sorted, trouble is her lad went out at 5 and nobody can reach him", False),
        ("she's safe with me now but I worry about contact next month", True),
        ("", False),
    ],
)
def test_the_writer_says_nobody_is_in_danger_now(text, says):
    from bot.understanding.danger import says_not_now

    assert says_not_now(text) is says


def test_a_concern_needs_weak_evidence_and_the_writers_word():
    from bot.safety.engine import SafetyAssessment, concern_not_emergency

    calm = "he's safe with me now"
    weak = SafetyAssessment(True, "safety_concern", ["classifier"])
    assert concern_not_emergency(weak, calm)
    assert not concern_not_emergency(weak, "he won't tell me where he was")
    strong = SafetyAssessment(True, "violence", ["harm_person"])
    assert not concern_not_emergency(strong, calm)  # a harm named outright stands


@pytest.mark.parametrize(
    ("text", "talked"),
    [
        ("our team is booking a training session on child exploitation next month", True),
        ("my son has a college assignment about knife crime, can you help", True),
        ("saw a documentary about grooming gangs last night", True),
        ("the soap storyline where the dad hits the kids upset my granddaughter", True),
        # not the subject of something taught or watched; "story" never (a child may tell so)
        ("can i talk to someone about my dad hitting me", False),
        ("he hit me on the way home from training", False),
        ("i wrote a story about a boy whose uncle hurts him", False),
        ("", False),
    ],
)
def test_harm_talked_about_as_a_subject(text, talked):
    from bot.understanding.danger import talked_about

    assert talked_about(text) is talked


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # harm the subject of a course or a programme: the classifiers confirm the rules' catch
        ("could you recommend a course on domestic abuse for foster carers in Rotherham", "none"),
        # ... and a child who tells through a lesson still gets the emergency reply
        (
            "after our lesson about abuse i think it happens to me, my uncle hits me every night",
            "emergency",
        ),
        (
            "we watched a film about knife crime and now my brother has a knife and says hes stabbing someone tonight",
            "emergency",
        ),
    ],
)
def test_a_subject_of_talk_needs_confirming(text, level):
    from bot.safety import assess

    assert assess(text).level == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a young person's poem or essay about harm: the classifiers confirm; a child's own
        # disclosure through one still gets the emergency reply
        ("i wrote a poem about my uncle touching me at night and he comes in my room", "emergency"),
        ("my song is about my dad hitting me and he still does it every night", "emergency"),
    ],
)
def test_a_disclosure_through_a_poem_or_a_song_is_still_heard(text, level):
    from bot.safety import assess

    assert assess(text).level == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a young child's words in a temper, told by the adult who heard them: a concern
        ("our little one shouts that she wants to die whenever bath time ends. she's 4", "concern"),
        (
            "he said he wants to kill himself cos I took the ipad off him, he is 8. normal?",
            "concern",
        ),
        # nothing set the words off: the emergency reply stays
        ("my nephew is 8 and keeps saying he wants to die", "emergency"),
        # older, or a danger now in the message: the emergency reply stays
        ("she keeps saying she wants to die and won't come out of her room. she's 15", "emergency"),
        ("he's 8 and says he wants to die, he's got my tablets in his hand", "emergency"),
        ("he's 7 and he's standing at the open window saying he wants to die", "emergency"),
        # the writer's own words: not a child's
        ("i want to die. i'm 9 and nobody listens to me", "emergency"),
    ],
)
def test_a_young_childs_words_in_a_temper_are_a_concern(text, level):
    from bot.safety import assess

    assert assess(text).level == level


def test_a_broken_young_child_said_file_is_named(tmp_path, monkeypatch):
    path = tmp_path / "young_child_said.yaml"
    path.write_text(
        "rules: [want_to_die]\nsaid: []\ntriggers: [when]\nages: ['(\\d)']\nmax_age: 9\nnow: [x]\n"
    )
    monkeypatch.setattr(danger, "YOUNG_CHILD_SAID_FILE", path)
    danger._young_child_said.cache_clear()
    try:
        with pytest.raises(ValueError, match="young_child_said.yaml: `said` needs at least one"):
            danger.said_by_a_young_child("he said he wants to die, he's 5", ["want_to_die"])
    finally:
        danger._young_child_said.cache_clear()


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("my grandson wrote a story about a dad who stabs a man, the teacher rang me", "concern"),
        (
            "she drew a picture of a man hitting a lady with a belt. should I tell someone?",
            "concern",
        ),
        # never the emergency reply: a concern when the classifiers confirm the rule's catch of
        # "suicide", no safety message at all when they do not (which of the two has changed as
        # they learnt more development sets: "none" on 2026-12-06, "concern" on 2026-12-07)
        (
            "there's a film with a suicide in it on her reading list, she's 14, is that ok",
            ("none", "concern"),
        ),
        # a story beside a danger now (story_or_picture.yaml `now`): the emergency reply stays
        (
            "we were watching a film and her stepdad came in drunk and he is hitting her now",
            "emergency",
        ),
        # a danger now beside the story: the emergency reply stays
        (
            "he wrote a story about a man with a gun and now he's got a knife in his bag",
            "emergency",
        ),
        # a writer naming themselves with a number ("Year 9 teacher here"): not someone "here"
        # now (development set 78, 2026-12-07)
        (
            "Year 5 teacher here. A boy in my class wrote a story about his house on fire with "
            "everyone dying inside, very vivid. No disclosure, the DSL knows. Can you point me to "
            "bereavement support for him?",
            ("none", "concern"),
        ),
        # pictures sent to a stranger are grooming, not a drawing
        ("a man on snapchat keeps asking my niece for pictures of herself, she's 12", "emergency"),
    ],
)
def test_harm_in_a_story_or_a_picture_is_a_concern(text, level):
    from bot.safety import assess

    allowed = level if isinstance(level, tuple) else (level,)
    assert assess(text).level in allowed


def test_a_broken_story_file_is_named(tmp_path, monkeypatch):
    path = tmp_path / "story_or_picture.yaml"
    path.write_text("made: [wrote]\nworks: []\ntold: [story]\nties: [about]\nnow: [now]\n")
    monkeypatch.setattr(danger, "STORY_FILE", path)
    danger._story_or_picture.cache_clear()
    try:
        with pytest.raises(ValueError, match="story_or_picture.yaml: `works` needs at least one"):
            danger.a_story_or_picture("he wrote a story about a gun")
    finally:
        danger._story_or_picture.cache_clear()


@pytest.mark.parametrize(
    "text",
    [
        # ("could somebody phone me after tea tonight?" no longer alarms the classifiers at all
        # since they learnt the development sets, 2026-12-06)
        # ("can somebody phone me tonight please" no longer alarms the classifiers at all since
        # they learnt bot/safety/data/form_answers.yaml, 2026-12-06)
        "can somebody ring me back tonight please",
        "will someone call me back tonight about the allowance",
        "is anybody going to ring me tonight",
        # details put right (2026-12-05: "its hotmail.co.uk not hotmial, and my name is just Bev"
        # no longer alarms the classifiers at all, so it cannot show what the file sets aside)
        "sorry its outlook not outlok, ring me tonight if you can",
    ],
)
def test_a_short_request_for_a_call_back_is_no_emergency(text, monkeypatch):
    """The classifiers alone read these as danger ("tonight"); a message that only asks to be
    contacted is answered instead (bot/understanding/rules/contact_request.yaml)."""
    assert engine.assess(text).danger is False
    assert "asks to be contacted" in engine.assess(text).matched
    monkeypatch.setattr(engine, "only_asks_to_be_contacted", lambda words: False)
    assert engine.assess(text).danger is True  # without the file: the false alarm


@pytest.mark.parametrize(
    "text",
    [
        "ring me now please",  # something is happening now
        "call me tonight, she's not back yet",  # someone else in the message
        "can someone phone me, im frightened",
        "can someone please call me back tonight, the kids mam has turned up at the house again "
        "and is shouting through the letterbox",  # long: the classifiers and the rules decide
    ],
)
def test_a_call_back_with_anything_else_is_not_set_aside(text):
    checker = engine.get_checker()
    assert not danger.only_asks_to_be_contacted(checker.rules_only(text).words)


def test_a_broken_contact_request_file_is_named(tmp_path, monkeypatch):
    path = tmp_path / "contact_request.yaml"
    path.write_text("max_words: 12\nasks: []\nnot_with: [now]\n")
    monkeypatch.setattr(danger, "CONTACT_REQUEST_FILE", path)
    danger._contact_request.cache_clear()
    try:
        with pytest.raises(ValueError, match="contact_request.yaml: `asks` needs at least one"):
            danger.only_asks_to_be_contacted(["call", "me"])
        path.write_text("max_words: lots\nasks: [call me]\nnot_with: [now]\n")
        danger._contact_request.cache_clear()
        with pytest.raises(ValueError, match="contact_request.yaml: `max_words` needs a whole"):
            danger.only_asks_to_be_contacted(["call", "me"])
    finally:
        danger._contact_request.cache_clear()


def test_the_distress_reading_learns_the_development_sets_distress_and_emergencies():
    from bot.understanding import distress

    texts, labels, _ = distress.training_examples()
    dev = yaml.safe_load(distress.DEV_DATA.read_text(encoding="utf-8"))["examples"]
    assert {e["label"] for e in dev} == {"distress", "danger"}
    pairs = set(zip(texts, labels, strict=True))
    assert all((e["text"], e["label"]) in pairs for e in dev)


def test_a_carer_crying_out_of_the_childrens_hearing_is_struggling_not_in_danger():
    # the classifier alone read danger; the distress reading, taught the development sets'
    # distress messages and emergencies (2026-12-05), reads someone struggling
    found = assess(
        "sat in the bathroom with the tap running so the kids cant hear me crying. nobody "
        "warned me it would be this lonely"
    )
    assert (found.danger, found.distress) == (False, True)
