"""Young people: recognised, answered in short kind words (reading grade 6 or less), always
offered Childline and a trusted adult, never asked for contact details."""

import statistics

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.audience import ActionSetAudience
from actions.young_people import answer_text, question_buttons, question_in
from bot.offer.loader import get_offer
from bot.offer.readability import LIMITS, grade
from bot.understanding.who_is_writing import age_given
from tests.actions.helpers import run, tracker

PER_TEXT, MEDIAN = LIMITS["young_person"]
YOUNG_PERSON_PHRASES = (
    "young_person_welcome",
    "young_person_next",
    "young_person_childline",
    "young_person_choose",
    "young_person_questions",
    "young_person_not_sure",
    "handoff_young_person",
)
CONTACT_WORDS = ("phone number", "e-mail", "email", "address", "your name", "contact you")


def young(text="", slots=None, entities=None) -> Tracker:
    track = tracker("young_person_opening", text=text, slots=slots)
    if entities:
        track.latest_message["entities"] = entities
    return track


def all_text(messages):
    return "\n".join(m["text"] for m in messages)


def payloads(messages):
    return [b["payload"] for m in messages for b in m["buttons"]]


def test_every_young_person_phrase_is_easy_to_read():
    for key in YOUNG_PERSON_PHRASES:
        assert grade(get_offer().dialogue[key]) <= PER_TEXT, key


def test_every_answer_is_easy_to_read_as_shown():
    grades = {key: grade(answer_text(key)) for key in get_offer().young_people}
    assert len(grades) >= 7
    assert all(value <= PER_TEXT for value in grades.values()), grades
    assert statistics.median(grades.values()) <= MEDIAN
    answers = [f"{a.answer}\n\n{a.who_to_talk_to}" for a in get_offer().young_people.values()]
    assert statistics.median(grade(a) for a in answers) <= MEDIAN


def test_the_common_questions_are_all_answered():
    assert {
        "why_not_parents",
        "see_family",
        "school",
        "money",
        "talk_to_someone",
        "what_is_sgo",
        "have_a_say",
    } <= set(get_offer().young_people)


@pytest.mark.parametrize(
    "text, question",
    [
        ("why can't I live with my mum?", "why_not_parents"),
        ("how come i cant stay with my dad", "why_not_parents"),
        ("will i still see my dad", "see_family"),
        ("do I have to move school", "school"),
        ("does my nan get money for me", "money"),
        ("who can i talk to", "talk_to_someone"),
        ("what is an SGO", "what_is_sgo"),
        ("do i get a say", "have_a_say"),
        ("hello", None),
    ],
)
def test_question_from_words(text, question):
    assert question_in(text) == question


@pytest.mark.parametrize(
    "text, age",
    [
        ("I'm 13 and live with my nan", 13.0),
        ("im 11", 11.0),
        ("i am 15 years old", 15.0),
        ("im in year 8", 12.0),
        ("yr 7 here", 11.0),
        ("my grandson is in year 8", None),
        ("i live with my nan", None),
    ],
)
def test_the_age_a_young_person_gives(text, age):
    assert age_given(text) == age


def test_opening_with_a_question_answers_it_with_childline_and_next_questions():
    messages, events = run(ActionSetAudience(), young("I'm 13, why can't I live with my mum?"))
    assert SlotSet("audience", "young_person") in events
    assert SlotSet("age", 13.0) in events
    answer = get_offer().young_people["why_not_parents"]
    text = all_text(messages)
    assert answer.answer in text
    assert "0800 1111" in messages[-1]["text"]
    assert "trust" in messages[-1]["text"]
    assert messages[-1]["buttons"]
    assert all(p.startswith("/young_person_opening") for p in payloads(messages))
    # The answer itself must not repeat the question as a button.
    assert not any("why_not_parents" in p for p in payloads(messages))


def test_opening_without_a_question_welcomes_and_lists_questions():
    messages, events = run(ActionSetAudience(), young("me and my brother live with our aunty"))
    assert events == [SlotSet("audience", "young_person")]
    assert len(messages) == 1
    assert "0800 1111" in messages[0]["text"]
    assert len(messages[0]["buttons"]) >= 5
    assert grade(messages[0]["text"]) <= PER_TEXT


@pytest.mark.parametrize("key", sorted(get_offer().young_people))
def test_question_button_answers_that_question(key):
    entities = [{"entity": "yp_question", "value": key}]
    messages, events = run(
        ActionSetAudience(),
        young(
            f'/young_person_opening{{"yp_question": "{key}"}}',
            {"audience": "young_person"},
            entities,
        ),
    )
    assert len(messages) == 1  # no second welcome
    reply = messages[0]
    assert get_offer().young_people[key].answer in reply["text"]
    assert "0800 1111" in reply["text"]
    assert grade(reply["text"]) <= PER_TEXT
    assert reply["buttons"] and all("yp_question" in b["payload"] for b in reply["buttons"])
    assert not any(word in reply["text"].lower() for word in CONTACT_WORDS)


def test_sgo_uses_the_young_person_meaning():
    entities = [{"entity": "yp_question", "value": "what_is_sgo"}]
    messages, _ = run(ActionSetAudience(), young("", {"audience": "young_person"}, entities))
    term = get_offer().term_for("sgo")
    assert term.young_person_meaning in messages[0]["text"]
    assert term.meaning not in messages[0]["text"]


def test_family_time_answer_links_the_section():
    messages, events = run(ActionSetAudience(), young("will i still see my dad"))
    assert [s["id"] for m in messages for s in m["sections"]] == ["family-time"]


def test_not_understood_still_offers_childline():
    messages, _ = run(ActionSetAudience(), young("blah", {"audience": "young_person"}))
    assert "0800 1111" in messages[0]["text"]
    assert messages[0]["buttons"]


def test_an_adult_taken_for_a_child_is_treated_as_a_carer():
    _, events = run(ActionSetAudience(), young("i'm 62 and live with my grandson"))
    assert SlotSet("audience", "carer") in events


def test_no_button_asks_a_young_person_for_contact_details():
    assert not any("request_human" in b["payload"] for b in question_buttons())


def test_content_check_refuses_a_hard_answer(tmp_path):
    import shutil

    import yaml

    from bot.offer.checks import check_content
    from bot.offer.loader import content_dir_from_env

    folder = tmp_path / "content"
    shutil.copytree(content_dir_from_env(), folder)
    path = folder / "young_people.yml"
    data = yaml.safe_load(path.read_text())
    data["questions"]["money"]["answer"] = (
        "Financial entitlements administered by the local authority are determined through "
        "comprehensive assessment of household circumstances, considering documented "
        "expenditure associated with accommodating additional dependants."
    )
    data["questions"]["money"]["section"] = "no-such-section"
    path.write_text(yaml.safe_dump(data))
    problems = [p for p in check_content(folder) if p.file == "young_people.yml"]
    fields = {p.field for p in problems if p.level == "error"}
    assert "questions.money" in fields
    assert "questions.money.section" in fields


def test_offer_without_young_people_file_still_loads(tmp_path):
    import shutil

    from bot.offer.loader import content_dir_from_env, load_offer

    folder = tmp_path / "content"
    shutil.copytree(content_dir_from_env(), folder)
    (folder / "young_people.yml").unlink()
    assert load_offer(folder).young_people == {}


def test_a_word_explained_to_a_young_person():
    from actions.terms import ActionExplainTerm

    track = tracker("ask_term", text="what is an sgo", slots={"audience": "young_person"})
    messages, _ = run(ActionExplainTerm(), track)
    term = get_offer().term_for("sgo")
    assert term.young_person_meaning in messages[0]["text"]
    assert "0800 1111" in messages[0]["text"]
    assert grade(messages[0]["text"]) <= PER_TEXT
    assert all("yp_question" in b["payload"] for b in messages[0]["buttons"])


def test_the_part_of_the_offer_the_whole_message_asks_about_comes_before_a_keyword_answer():
    # "turn 18" matches the answer about turning 18 (the Kinship Navigators); the message asks
    # about money: money first, then the answer about 18.
    messages, _ = run(
        ActionSetAudience(), young("what happens to the money nan gets for me when i turn 18")
    )
    shown = [s["id"] for m in messages for s in m["sections"]]
    assert shown[0] == "financial-support"
    assert get_offer().young_people["turning_18"].answer in all_text(messages)
    assert "0800 1111" in messages[-1]["text"]


def test_the_keyword_answer_alone_when_the_reading_agrees():
    messages, _ = run(ActionSetAudience(), young("will i still see my dad at the weekends"))
    shown = [s["id"] for m in messages for s in m["sections"]]
    assert shown == ["family-time"]
