"""Who is writing, from the words of a first message (bot/understanding/audience_rules.py), and the
actions that use it: a young person's first message answered in their voice whatever intent the
NLU gave it; professionals recognised from their role or the people they work with; carers
who talk like a young person ("my grandson lives with me", "I'm 62") kept as carers."""

from pathlib import Path

import pytest
import yaml

from actions.audience import ActionSetAudience
from actions.common import audience
from actions.fallback import ActionFallback
from actions.greeting import ActionGreet
from actions.offer_sections import ActionShowSections
from actions.terms import ActionExplainTerm
from bot.offer.loader import get_offer
from bot.understanding.audience_rules import CARER, PROFESSIONAL, YOUNG_PERSON, detect
from bot.understanding.who_is_writing import decide
from tests.actions.helpers import run, tracker

DEV_SET = Path(__file__).resolve().parents[1] / "nlu" / "audience_dev.yml"
DEV_SET_2 = Path(__file__).resolve().parents[1] / "nlu" / "audience_dev2.yml"
# The third development set: the acceptance sets measured once blind on 2026-11-29 (through the
# real system: young people 78.8%, professionals 92.3%, carers 90.7%), spent since, one file per
# audience. No other file of that folder is read here: the newer ones are blind.
SPENT_ACCEPTANCE = Path(__file__).resolve().parents[1] / "data" / "acceptance"
DEV_SET_3 = {
    YOUNG_PERSON: SPENT_ACCEPTANCE / "young_person_first_messages_3.yaml",
    PROFESSIONAL: SPENT_ACCEPTANCE / "professional_first_messages_3.yaml",
    CARER: SPENT_ACCEPTANCE / "carer_first_messages_2.yaml",
}
DEV_SETS = {"audience_dev": DEV_SET, "audience_dev2": DEV_SET_2, "spent_acceptance_3": DEV_SET_3}
# Regression figures, not accuracy: the rules were tuned on these three development sets, so
# the floors below only guard against breakage (the blind sets of tests/data/acceptance/ measure
# unseen wording, through scripts/bench_voices.py).
# Rules alone (`detect(text)`, no intent, no classifier; "no call" counts as a carer; the rules
# with the classifier, as `decide(text)`, are measured in test_audience_classifier.py), per audience
# (young people / professionals / carers).
# audience_dev.yml (100 / 75 / 87 messages): first rules 92% / 99% / 100%; 97% (97/100) /
#   100% (75/75) / 100% (87/87) before and after the spent set 3 was added.
# audience_dev2.yml (118 / 72 / 75, written by another author blind to the rules): first run
#   62% (73/118) / 61% (44/72) / 95% (71/75); with the rules built from audience_dev.yml only,
#   69% (82/118) / 72% (52/72) / 93% (70/75); tuned on both sets, 86% (101/118) / 100% / 100%;
#   then 87% (103/118) / 100% (72/72) / 100% (75/75). On 2026-12-02 one carer message that is
#   also in the frozen tests/acceptance/first_messages.yml was taken out (74 carers now).
# spent set 3 (85 / 52 / 54): rules alone before any change prompted by it 71% (60/85) /
#   90% (47/52) / 94% (51/54); now 82% (70/85) / 100% (52/52) / 100% (54/54). With the NLU
#   intent of the trained model where the rules make no call (`decide(text, intent)`, as the
#   real system): before 79% / 92% / 91%, now 87% (74/85) / 100% (52/52) / 96% (52/54).
# The goal is 90% / 90% / 95% on every set. Young people fall short on the second and third
# sets: what is left are questions that show nobody ("what does CAO stand for", "what's a
# contact centre", "is there anything for teenagers", text-speak alone). Carers ask them too, so
# they count as hints only and are left to the NLU intent, or carer, rather than risk taking
# carers for children (a carer taken for a young person loses the contact form).
MIN_ACCURACY = {
    "audience_dev": {YOUNG_PERSON: 0.95, PROFESSIONAL: 0.95, CARER: 0.95},
    "audience_dev2": {YOUNG_PERSON: 0.85, PROFESSIONAL: 0.95, CARER: 0.95},
    "spent_acceptance_3": {YOUNG_PERSON: 0.80, PROFESSIONAL: 0.95, CARER: 0.95},
}


# A first message of the spent set 3 that the generated glossary questions of the training data
# ("what does {term} mean") happen to produce too: written apart, the same by coincidence.
GLOSSARY_TEMPLATE_TEXTS = {"what does kinship mean"}


def dev_texts(name: str, expected: str) -> list[str]:
    """The first messages of one audience in a development set."""
    dev_set = DEV_SETS[name]
    if isinstance(dev_set, dict):
        return [m["text"] for m in yaml.safe_load(dev_set[expected].read_text())["messages"]]
    return yaml.safe_load(dev_set.read_text())[expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hi im 12", YOUNG_PERSON),
        ("im in year 8 and live with my nan", YOUNG_PERSON),
        ("does my nan get paid for me", YOUNG_PERSON),
        ("why cant i live with my mum", YOUNG_PERSON),
        ("me n my bro live wiv our nanna", YOUNG_PERSON),
        ("my grandparents are raising me", YOUNG_PERSON),
        ("i'm 15 years old", YOUNG_PERSON),
        ("one of our pupils lives with her grandparents", PROFESSIONAL),
        ("a family on my caseload are kinship carers", PROFESSIONAL),
        ("how do i refer a family", PROFESSIONAL),
        ("health visitor here, grandmother has the baby", PROFESSIONAL),
        ("i'm a children's social worker", PROFESSIONAL),
        ("i work for the local authority housing team", PROFESSIONAL),
        ("my patient is raising her grandson", PROFESSIONAL),
        ("my grandson lives with me", CARER),
        ("i'm 62 and look after my granddaughter", CARER),
        ("i look after my sisters boy", CARER),
        ("my carer's allowance has stopped", CARER),
        ("i'm a teacher and my granddaughter lives with me", CARER),
        ("i'm 19 and looking after my little brother", CARER),
        # ways of saying it: seen from a child's side
        ("can i still phone my big brother", YOUNG_PERSON),
        ("who is responsible for me now", YOUNG_PERSON),
        ("my mates all live with their mum and dad", YOUNG_PERSON),
        ("my grandad never lets me stay up late", YOUNG_PERSON),
        ("me nan sez i cant go", YOUNG_PERSON),
        ("is there stuff for kids or is it only for grown ups", YOUNG_PERSON),
        # a role at the start, a case from outside, "we run a ..."
        ("Practice nurse. Grandfather caring for twins, what support is there?", PROFESSIONAL),
        ("quick question from a health visitor", PROFESSIONAL),
        ("a pupil's nan asked me about pupil premium plus", PROFESSIONAL),
        ("we run a stay and play session and a nan asked about money", PROFESSIONAL),
        # carers: their own grandchild, being referred, naming themselves
        ("how do i get a referral for my grandson", CARER),
        ("my grandson's teacher wants a meeting", CARER),
        ("nan here, the school keeps phoning about my grandson", CARER),
        ("i'm gran to two little ones", CARER),
        ("is there help for grandparents like us", CARER),
        # a relative who looks after "me", a child's worries about the carer, a child's plans
        ("my dad's mum looks after me", YOUNG_PERSON),
        ("why did my aunt have to go to a meeting just to look after me", YOUNG_PERSON),
        ("will my aunt find out what i write here", YOUNG_PERSON),
        ("i want to find my birth dad", YOUNG_PERSON),
        ("do i need an ehcp", YOUNG_PERSON),
        ("me and my sister live with us at nannas", YOUNG_PERSON),
        ("is the youth club for kids like us", YOUNG_PERSON),
        ("can the navigators help kids too", YOUNG_PERSON),
        ("please explain a care order in easy words", YOUNG_PERSON),
        ("wat does sgo mean lol", YOUNG_PERSON),
        # carers naming their relation to the child, being assessed, comparing with a friend
        ("i am the boy's paternal grandmother and want to apply", CARER),
        ("I'm their great aunt, what help is there", CARER),
        ("we are being assessed as connected carers, what happens next", CARER),
        ("my friend gets a different allowance for her grandson", CARER),
        # a role named first with what the writer is doing, a team for its worker
        ("Speech therapist covering the ward - who can a grandad talk to?", PROFESSIONAL),
        ("Early help team here, where do we send families?", PROFESSIONAL),
        # a young adult who grew up with a relative (development set 13), not a carer of 19
        (
            "i'm 20 and my aunt raised me. i was on an sgo with my aunt, do i get help at uni",
            YOUNG_PERSON,
        ),
        ("im 21 and was brought up by my nan, do i count as a care leaver", YOUNG_PERSON),
        ("i'm 20 and look after my little brother, is there money for us", CARER),
        # "looked after" said of the writer, and a care leaver grown up (development set 14)
        ("im looked after by my nan, can i get pocket money", YOUNG_PERSON),
        ("i'm placed with my aunt, what does that mean for me", YOUNG_PERSON),
        ("I'm 21 and a care leaver, I was in foster care with my aunt till 18", YOUNG_PERSON),
        ("I'm looking after and raising my two grandsons, can I get money", CARER),
        # a young adult whose words say a young person's life and nothing of caring (development
        # set 15), and one who has lived with a relative since childhood
        (
            "im 19 now and theres no space for me at my grans anymore, can i get a flat",
            YOUNG_PERSON,
        ),
        (
            "I'm 20 and have lived with my uncle since I was 9, can I get help with driving lessons",
            YOUNG_PERSON,
        ),
        ("im 20 and my sgo stopped when i turned 18, what help is there now", YOUNG_PERSON),
        ("i'm 21 and raising my little brother since mum died, any help with money", CARER),
    ],
)
def test_clear_cues(text, expected):
    assert detect(text).audience == expected, detect(text)


@pytest.mark.parametrize(
    "text",
    [
        # a grown-up's own old parent is not a child's "my mum" (development set 11)
        "my dad is 91 now and his memory is going, is there help for me with him",
        "looking for a care home for my mum, where do I start",
        # someone else's role: "my own support worker", "not a social worker" (development set 13)
        "can i have my own support worker, not a social worker",
        # a child spoken of as looked after, not the writer (development set 14)
        "Can they exclude him when he's a looked after child?",
    ],
)
def test_not_read_as_a_young_person_or_a_professional(text):
    assert detect(text).audience not in (YOUNG_PERSON, PROFESSIONAL), detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "hello",
        "what is an sgo",
        "is there any money",
        "",
        "/greet",
        "help with school",
        # text-speak alone never decides; nor a need named by a role or a grant
        "wat is an sgo lol",
        "can u help me pls",
        "health visitor",
        "solicitor",
        "pupil premium plus",
        "what age can you leave a child home alone",
        # what a word means, help for teenagers, kids allowed: carers ask it too (hints only)
        "what does sgo stand for",
        "is there anything for teenagers",
        "are kids allowed at the support group",
        "my friend said i should ask here",
        # someone else's role is not the writer's
        "the child's social worker, she says i need advice",
    ],
)
def test_no_cue_gives_no_audience(text):
    assert detect(text).audience is None


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("hi im 12", 12),
        ("i am 10 years old", 10),
        ("im 15 yrs old", 15),
        ("im 13yo", 13),
        ("i'm nearly 14", 14),
        ("im in year 8", 12),
        ("year 10 here", 14),
        ("i'm 62 and look after my granddaughter", 62),
        ("my grandson is 12", None),
        ("a year 4 girl lives with her aunt", None),
        ("what happens when im 18", None),
        ("i'm 13 weeks pregnant", None),
        # an age at the start is the writer's own with "here" or a word of their own ...
        ("11 year old girl here", 11),
        ("15yo, my nan says i cant go out", 15),
        # ... and someone else's without: a carer describing a teenager
        ("16yo out till all hours and grunts at us when she gets in", None),
        # an age still to come is a year on from now
        ("I'm 18 next month, can I stay at my aunt's", 17),
        ("im 16 on saturday", 15),
        ("I'm 18 in March", 17),
        ("i'm 62 and look after my granddaughter next door", 62),
    ],
)
def test_stated_age_is_the_writers_own(text, age):
    assert detect(text).age == age


def test_the_intent_decides_when_the_words_do_not():
    assert decide("is there any money", "young_person_opening") == YOUNG_PERSON
    assert decide("where can i find the offer", "professional_opening") == PROFESSIONAL
    assert decide("is there any money", "need_therapeutic_support") == CARER
    # Clear words win over the intent.
    assert decide("my grandson lives with me", "young_person_opening") == CARER
    assert decide("hi im 12", "greet") == YOUNG_PERSON


@pytest.mark.parametrize("dev_set", list(DEV_SETS))
@pytest.mark.parametrize("expected", [YOUNG_PERSON, PROFESSIONAL, CARER])
def test_no_regression_on_the_dev_sets_per_audience(dev_set, expected):
    # A regression check, not a measure of accuracy: the rules were tuned on these sets.
    texts = dev_texts(dev_set, expected)
    assert len(texts) >= 50
    wrong = [t for t in texts if (detect(t).audience or CARER) != expected]  # rules alone
    accuracy = 1 - len(wrong) / len(texts)
    assert accuracy >= MIN_ACCURACY[dev_set][expected], (expected, accuracy, wrong)


@pytest.mark.parametrize("dev_set", list(DEV_SETS))
def test_no_carer_of_the_dev_sets_is_taken_for_a_young_person(dev_set):
    # A carer taken for a young person gets the wrong answers and no contact form.
    carers = dev_texts(dev_set, CARER)
    assert [t for t in carers if detect(t).audience == YOUNG_PERSON] == []


@pytest.mark.parametrize("dev_set", list(DEV_SETS))
def test_dev_set_is_not_training_data(dev_set):
    from tests.nlu.test_heldout_data import training_texts

    texts = {
        t.lower()
        for expected in (YOUNG_PERSON, PROFESSIONAL, CARER)
        for t in dev_texts(dev_set, expected)
    }
    assert not texts & training_texts() - GLOSSARY_TEMPLATE_TEXTS


# ---------------------------------------------------------------- the actions


def slot_set(events, name="audience"):
    return [e["value"] for e in events if e.get("event") == "slot" and e.get("name") == name]


def test_young_person_asking_about_money_gets_their_answer_and_the_slot():
    messages, events = run(
        ActionShowSections(),
        tracker("need_financial_support", "does my nan get paid for me"),
    )
    assert slot_set(events) == ["young_person"]
    assert get_offer().young_people["money"].answer in "\n".join(m["text"] for m in messages)
    assert "0800 1111" in messages[-1]["text"]


def test_young_person_need_without_a_common_question_gets_the_young_person_text():
    messages, events = run(
        ActionShowSections(), tracker("need_housing", "im 14 and my nan needs a bigger house")
    )
    assert slot_set(events)[0] == "young_person"
    assert messages[0]["text"] == get_offer().dialogue["young_person_welcome"].strip()
    assert get_offer().sections["housing"].young_person_text.strip() in messages[1]["text"]
    assert "0800 1111" in messages[-1]["text"]


def test_greeting_with_an_age_is_a_young_person():
    messages, events = run(ActionGreet(), tracker("greet", "hi im 12"))
    assert slot_set(events) == ["young_person"]
    assert slot_set(events, "age") == [12.0]
    assert messages[-1]["buttons"][0]["payload"].startswith("/young_person_opening")


def test_greeting_from_a_professional_gets_the_referral_route():
    messages, events = run(ActionGreet(), tracker("greet", "hello, school nurse here"))
    assert slot_set(events)[0] == "professional"
    assert any(m["sections"] and m["sections"][0]["id"] == "kinship-navigators" for m in messages)


def test_young_person_term_question_is_welcomed_and_answered_in_their_words():
    messages, events = run(ActionExplainTerm(), tracker("ask_term", "wat is an sgo im 12"))
    assert slot_set(events) == ["young_person"]
    sgo = get_offer().term_for("sgo")
    assert sgo.young_person_meaning.strip() in messages[-1]["text"]


def test_unclear_first_message_of_a_young_person_gets_their_questions():
    messages, events = run(ActionFallback(), tracker("nlu_fallback", "im 13 and idk"))
    assert slot_set(events)[0] == "young_person"
    assert all(b["payload"].startswith("/young_person_opening") for b in messages[-1]["buttons"])


def test_carer_first_messages_stay_carers():
    messages, events = run(
        ActionShowSections(),
        tracker("need_financial_support", "my grandson lives with me, can i get money"),
    )
    assert slot_set(events) in ([], ["carer"])
    assert get_offer().sections["financial-support"].carer_text.strip() in messages[0]["text"]


def test_professional_first_message_with_a_need_intent_is_answered_for_professionals():
    messages, events = run(
        ActionShowSections(),
        tracker("need_education", "one of our pupils lives with her nan, what help is there"),
    )
    assert slot_set(events)[0] == "professional"
    section = get_offer().sections["education"]
    expected = section.professional_text or section.carer_text
    assert any(expected.strip() in m["text"] for m in messages)


def test_set_audience_trusts_clear_words_over_the_intent():
    _, events = run(ActionSetAudience(), tracker("young_person_opening", "my grandson is 12"))
    assert slot_set(events) == ["carer"]
    _, events = run(ActionSetAudience(), tracker("professional_opening", "im 13 and i hate school"))
    assert slot_set(events) == ["young_person"]


def test_a_known_audience_is_not_read_again_from_later_words():
    track = tracker("need_housing", "my grandson needs a room", slots={"audience": "young_person"})
    assert audience(track) == "young_person"
    later = tracker("greet", "hi im 12")
    later.events = [{"event": "user"}] * 5
    assert audience(later) == "carer"


def test_asking_for_a_person_in_a_first_message_still_sets_the_audience():
    from actions.handoff import ActionTalkToPerson

    _, events = run(
        ActionTalkToPerson(), tracker("request_human", "school nurse here, who can i speak to")
    )
    assert slot_set(events)[0] == "professional"
    messages, events = run(ActionTalkToPerson(), tracker("request_human", "im 12 can i talk to u"))
    assert slot_set(events)[0] == "young_person"
    assert "0800 1111" in messages[0]["text"]


def test_young_person_naming_an_arrangement_word_gets_its_meaning_not_the_carers_question():
    from actions.offer_sections import ActionTailorOffer

    track = tracker("inform_arrangement", "am i in care")
    track.latest_message["entities"] = [
        {"entity": "term", "value": "in care", "start": 5, "end": 12}
    ]
    messages, events = run(ActionTailorOffer(), track)
    assert slot_set(events)[0] == "young_person"
    assert "0800 1111" in messages[-1]["text"]
    assert get_offer().dialogue["ask_arrangement"].strip() not in "\n".join(
        m["text"] for m in messages
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "at our house" is anybody's home, not a professional's workplace
        ("can you ring me back, we're at our house all afternoon", None),
        # a role that nobody has ("no solicitors or social workers") is not the writer's
        ("i stay at my aunties, there was no solicitors or social workers involved", YOUNG_PERSON),
        # brought up by a relative, in the writer's own words
        ("im 20 and the aunt who raised me has gone into a home, what happens to me", YOUNG_PERSON),
    ],
)
def test_homes_absent_roles_and_who_raised_me(text, expected):
    assert detect(text).audience == expected


def test_a_young_adult_who_grew_up_in_kinship_is_not_set_aside_by_the_classifier():
    from bot.understanding.who_is_writing import clear_audience

    text = "I'm 22 and I grew up with my nan, she passed away in March, is there any help for me?"
    assert clear_audience(text) == YOUNG_PERSON


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the grandparent, aunt or uncle who cares for the writer, as a child names them
        ("my gran keeps worrying about the gas bill, is there anything for her", YOUNG_PERSON),
        ("think my uncle needs someone to talk to, he's always tired", YOUNG_PERSON),
        ("grandad caught me vaping behind the garage and now im grounded", YOUNG_PERSON),
        # the writer and a brother or sister give their ages together
        ("we're 10 and 13 and our aunty has us now, is there a club for us", YOUNG_PERSON),
        # a carer's own words stay a carer's
        ("my grandsons are 10 and 13 and they live with me full time", CARER),
        ("we are 66 and 70 and have our granddaughter on an SGO", CARER),
    ],
)
def test_the_writers_own_carer_and_ages_given_together(text, expected):
    assert detect(text).audience == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a young adult who names a brother or sister and no home with a relative brings them up
        ("me sister's got parents evening n i dont no what to ask, im 21", CARER),
        ("im 23 and my little bro keeps getting detention, wot can i do", CARER),
        # one who lives or grew up with a relative is a care-experienced young person
        ("im 20 and me n my sister grew up with our gran, is there owt for uni", YOUNG_PERSON),
    ],
)
def test_a_young_adult_who_names_a_sibling_and_no_home_with_a_relative_is_a_carer(text, expected):
    assert detect(text).audience == expected


@pytest.mark.parametrize(
    ("text", "young"),
    [
        # a carer telling of the child coming home (development set 39, 2026-12-06), in new words
        (
            "our 13 year old came home with a split lip from football, does the allowance cover kit",
            False,
        ),
        (
            "she did not come home from her mates till midnight so i grounded her, any parenting tips",
            False,
        ),
        # the young person's own wish to go home
        ("when can i come home to my dad", True),
        ("will they ever let me come home", True),
    ],
)
def test_coming_home_is_the_young_persons_only_when_they_come_home(text, young):
    assert (detect(text).audience == YOUNG_PERSON) is young


@pytest.mark.parametrize(
    "text",
    [
        # a parent who left the children with the writer (development set 39, 2026-12-06), in
        # new words
        "my sister dropped her two girls with us at easter and hasnt been back, what now",
        "my brother left his lad at mine when he went inside, do i need to tell anyone",
    ],
)
def test_a_sibling_who_left_the_children_with_the_writer_is_a_carers_story(text):
    assert "carer_i_look_after" in detect(text).cues
    assert decide(text) == CARER


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the writer is one of the children looked after (development set 59, 2026-12-07)
        (
            "auntie's exhausted every night looking after the 5 of us, does she get any money",
            YOUNG_PERSON,
        ),
        ("I'm 70 and looking after the three of us, me and the two grandkids", CARER),
    ],
)
def test_one_of_the_children_looked_after_is_a_young_person(text, expected):
    assert detect(text).audience == expected
    # and the classifier, sure of a carer here, does not set the rules' young person aside
    assert decide(text) == expected


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        # a brother or sister named, and nothing else a child says: older siblings bring up
        # brothers and sisters too (DESIGN.md), so the rules alone do not call a young person
        # (development set 60, 2026-12-07: 19 of 147 carers taken for young people)
        ("my brother needs new school shoes, any grants for that", None),
        ("can our mum come to the parents evening or not", None),
        # with a child's other words they still do
        ("me and my little sister live with our nan and i hate my new school", YOUNG_PERSON),
    ],
)
def test_a_brother_or_sister_alone_is_only_a_hint_of_a_young_writer(text, audience):
    guess = detect(text)
    assert "yp_sibling" in guess.cues
    assert guess.audience == audience
