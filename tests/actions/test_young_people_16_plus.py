"""Young people of 16 and over (#15 Build 4): their own answers about turning 18, their order at
18, staying with their carer after 18 and money for college, in their own words; money asked
about at 16 or over gets the answer for their age, while a younger child (or one whose age we
do not know) keeps the gentle one. The answers for older young people (`instead_of`,
`from_age`) and `sources` are checked by the content check."""

from __future__ import annotations

import shutil

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.audience import ActionSetAudience
from actions.offer_sections import ActionShowSections
from actions.young_people import answer_text, for_age, question_in
from bot.offer.checks import check_content
from bot.offer.loader import content_dir_from_env, get_offer, load_offer
from bot.offer.readability import LIMITS, grade
from tests.actions.helpers import run, tracker

PER_TEXT = LIMITS["young_person"][0]
OLDER = ("money_16_plus", "turning_18", "order_at_18", "stay_after_18")


def young(text: str = "", slots=None, entities=None, intent="young_person_opening") -> Tracker:
    track = tracker(intent, text=text, slots=slots)
    if entities:
        track.latest_message["entities"] = entities
    return track


def answered(messages) -> str:
    return "\n".join(m["text"] for m in messages)


def answer(key: str) -> str:
    return get_offer().young_people[key].answer


# ------------------------------------------------------------------ their words, their answer


@pytest.mark.parametrize(
    "text, question",
    [
        ("im 17 what happens when i turn 18, does my sgo stop", "turning_18"),
        ("what changes when im 18", "turning_18"),
        ("will i be a care leaver", "turning_18"),
        ("does my sgo end when im 18", "order_at_18"),
        ("how long does my sgo last", "order_at_18"),
        ("when does my cao end", "order_at_18"),
        ("im 16 and in kinship foster care can i stay with my aunt after 18", "stay_after_18"),
        ("what is staying put", "stay_after_18"),
        ("will i have to move out at 18", "stay_after_18"),
        ("can i get money for college", "money_16_plus"),
        ("is there a bursary for sixth form", "money_16_plus"),
        ("how do i pay for college", "money_16_plus"),
        # The common questions keep their answers.
        ("does my nan get money for me", "money"),
        ("do I have to move school", "school"),
        # Several match and the longest is one word: the reading of the whole message decides.
        ("is there any money for my driving lessons", "money"),
        ("can i change school, my lessons are rubbish", "school"),
        ("what is an SGO", "what_is_sgo"),
    ],
)
def test_question_from_their_words(text, question):
    assert question_in(text) == question


def test_seventeen_asking_about_18_and_their_sgo():
    messages, events = run(
        ActionSetAudience(), young("im 17 what happens when i turn 18, does my sgo stop")
    )
    assert SlotSet("audience", "young_person") in events
    assert SlotSet("age", 17.0) in events
    text = answered(messages)
    assert answer("turning_18") in text
    assert "special guardianship order (SGO) is meant to last until you are 18" in text
    assert "Childline until you are 19" in text
    assert "0800 1111" in messages[-1]["text"]
    # No section text for children ("ask the grown-ups to explain it") before the answer.
    assert "grown-ups to explain" not in text
    assert [s["id"] for m in messages for s in m["sections"]] == ["kinship-navigators"]


def test_sixteen_asking_if_their_order_ends():
    messages, _ = run(ActionSetAudience(), young("im 16 does my sgo end when im 18"))
    text = answered(messages)
    assert answer("order_at_18") in text
    assert "until you are 18" in text
    assert "child arrangements order" in text.lower()


def test_sixteen_in_kinship_foster_care_asking_to_stay_after_18():
    messages, events = run(
        ActionSetAudience(),
        young("im 16 and in kinship foster care can i stay with my aunt after 18"),
    )
    assert SlotSet("age", 16.0) in events
    text = answered(messages)
    assert answer("stay_after_18") in text
    assert "social worker" in text
    assert "Kinship Navigators" in text


@pytest.mark.parametrize(
    "text",
    [
        "can i get money for college",
        "im 17 can i get money for college",
        "im 16 does my nan get money for me",
        "i am 17 years old, do i get any money",
        "im in year 12 how do i pay for college",
    ],
)
def test_money_at_16_or_over_or_for_college_gets_the_older_answer(text):
    messages, _ = run(ActionSetAudience(), young(text))
    text = answered(messages)
    assert answer("money_16_plus") in text
    assert "college or sixth form" in text
    assert answer("money") not in text
    assert "You do not have to sort out money" not in text


@pytest.mark.parametrize(
    "text",
    [
        "im 10 does my nan get money for me",
        "im 13 and i live with my aunty, does she get paid for me",
        "im 15 does my grandad get money for me",
        "im in year 8 does my nan get money",
        "does my aunty get money for me",  # age not known: the usual answer
    ],
)
def test_a_younger_child_asking_about_money_keeps_the_gentle_answer(text):
    messages, _ = run(ActionSetAudience(), young(text))
    text = answered(messages)
    assert answer("money") in text
    assert "You do not have to sort out money for your home." in text
    assert answer("money_16_plus") not in text


def test_age_said_earlier_is_remembered():
    older = {"audience": "young_person", "age": 17.0}
    messages, _ = run(ActionSetAudience(), young("does my nan get paid for me", older))
    assert answer("money_16_plus") in answered(messages)
    younger = {"audience": "young_person", "age": 11.0}
    messages, _ = run(ActionSetAudience(), young("does my nan get paid for me", younger))
    assert answer("money") in answered(messages)


def test_the_money_button_gives_the_answer_for_their_age():
    entities = [{"entity": "yp_question", "value": "money"}]
    payload = '/young_person_opening{"yp_question": "money"}'
    older = {"audience": "young_person", "age": 16.0}
    messages, _ = run(ActionSetAudience(), young(payload, older, entities))
    assert len(messages) == 1
    assert answer("money_16_plus") in messages[0]["text"]
    unknown = {"audience": "young_person"}
    messages, _ = run(ActionSetAudience(), young(payload, unknown, entities))
    assert answer("money") in messages[0]["text"]


def test_a_money_need_from_a_young_person_of_17_gets_their_answer():
    messages, events = run(
        ActionShowSections(),
        young("im 17 is there any money for college", intent="need_financial_support"),
    )
    assert SlotSet("audience", "young_person") in events
    assert answer("money_16_plus") in answered(messages)
    assert "0800 1111" in messages[-1]["text"]


def test_for_age():
    assert for_age("money", None) == "money"
    assert for_age("money", 15.0) == "money"
    assert for_age("money", 16.0) == "money_16_plus"
    assert for_age("money", 19.0) == "money_16_plus"
    assert for_age("school", 17.0) == "school"


# ------------------------------------------------------------------ the content


@pytest.mark.parametrize("key", OLDER)
def test_older_answers_are_easy_to_read_and_say_their_sources(key):
    item = get_offer().young_people[key]
    assert grade(f"{item.answer}\n\n{item.who_to_talk_to}") <= PER_TEXT
    assert grade(answer_text(key)) <= PER_TEXT
    assert item.sources and all(source.strip() for source in item.sources)
    assert item.section in get_offer().sections


def test_the_older_money_answer_replaces_money_from_16():
    item = get_offer().young_people["money_16_plus"]
    assert (item.instead_of, item.from_age) == ("money", 16)
    assert "grown-ups" not in item.answer


@pytest.fixture
def content(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(content_dir_from_env(), folder)
    return folder


def edit_questions(folder, change) -> list[tuple[str, str]]:
    path = folder / "young_people.yml"
    data = yaml.safe_load(path.read_text())
    change(data["questions"])
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return [
        (p.field, p.message)
        for p in check_content(folder)
        if p.file == "young_people.yml" and p.level == "error"
    ]


def test_answers_without_the_new_fields_still_load_and_pass(content):
    def strip(questions):
        for item in questions.values():
            for field in ("instead_of", "from_age", "sources"):
                item.pop(field, None)

    assert edit_questions(content, strip) == []
    assert load_offer(content).young_people["money_16_plus"].sources == []


@pytest.mark.parametrize(
    "change, field, words",
    [
        (
            lambda q: q["money_16_plus"].pop("from_age"),
            "questions.money_16_plus.from_age",
            "go together",
        ),
        (
            lambda q: q["money_16_plus"].pop("instead_of"),
            "questions.money_16_plus.instead_of",
            "go together",
        ),
        (
            lambda q: q["money_16_plus"].update(instead_of="pocket_money"),
            "questions.money_16_plus.instead_of",
            "'pocket_money' is not another question",
        ),
        (
            lambda q: q["money_16_plus"].update(instead_of="money_16_plus"),
            "questions.money_16_plus.instead_of",
            "is not another question",
        ),
        (
            lambda q: q["money_16_plus"].update(from_age=99),
            "questions.money_16_plus.from_age",
            "write an age from 5 to 20",
        ),
        (
            lambda q: q["turning_18"]["sources"].append("  "),
            "questions.turning_18.sources",
            "one line of the 'sources:' list is empty",
        ),
    ],
)
def test_content_check_explains_mistakes(content, change, field, words):
    errors = edit_questions(content, change)
    assert any(f == field and words in message for f, message in errors), errors


def test_an_age_that_is_not_a_number_is_refused(content):
    errors = edit_questions(content, lambda q: q["money_16_plus"].update(from_age="16+"))
    assert any("from_age" in field for field, _ in errors), errors
