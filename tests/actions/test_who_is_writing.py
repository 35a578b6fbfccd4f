"""When the words do not show who is writing: the first answer is followed by "are you a young
person, or do you work with children and families?" with two buttons, and a young person or a
professional found only by the classifier or the NLU intent can say "I'm an adult caring for a
child" with one tap. Each button answers what the person typed before it, in their words."""

from actions.audience import ActionSetAudience
from actions.common import CARER_PAYLOAD, WHO_PAYLOADS
from actions.fallback import ActionFallback
from actions.greeting import ActionGreet
from actions.offer_sections import ActionShowSections, ActionTailorOffer
from actions.terms import ActionExplainTerm
from bot.offer.loader import get_offer
from bot.understanding.audience_rules import detect
from tests.actions.helpers import run, tracker

ASK = get_offer().dialogue["ask_audience"]
WHO_BUTTONS = sorted(WHO_PAYLOADS.values())
NO_CUE = "is there any money"


def payloads(message):
    return sorted(b["payload"] for b in message["buttons"])


def asks(messages):
    return [m for m in messages if m["text"] == ASK]


def with_events(track, *said):
    track.events = [{"event": "user", "text": text} for text in said]
    return track


def test_a_first_message_that_shows_nobody_is_answered_then_asked_who_is_writing():
    assert detect(NO_CUE).audience is None
    track = with_events(tracker("need_financial_support", text=NO_CUE), NO_CUE)
    messages, events = run(ActionShowSections(), track)
    assert "financial-support" in [s["id"] for s in messages[0]["sections"]], "answer first"
    [ask] = asks(messages)
    assert payloads(ask) == WHO_BUTTONS
    # The reply still ends with the action's own question (the arrangement, with its buttons).
    assert messages.index(ask) == len(messages) - 2
    assert "/not_sure_arrangement" in payloads(messages[-1])
    assert not any(e.get("name") == "audience" for e in events), "nobody is assumed"


def test_a_single_answer_is_followed_by_the_question(monkeypatch):
    from bot.understanding import audience_classifier

    monkeypatch.setattr(audience_classifier, "classify", lambda text: None)  # nobody shown
    text = "what is an sgo"
    messages, _ = run(ActionExplainTerm(), with_events(tracker("ask_term", text=text), text))
    assert "special guardianship" in messages[0]["text"].lower()
    assert messages[-1]["text"] == ASK


def test_asked_only_once_and_only_when_nobody_is_known():
    second = with_events(tracker("need_financial_support", text=NO_CUE), "hello", NO_CUE)
    assert not asks(run(ActionShowSections(), second)[0]), "only on the first message"
    known = tracker("need_financial_support", text=NO_CUE, slots={"audience": "carer"})
    assert not asks(run(ActionShowSections(), known)[0])
    young = "im 12 is there money for me"
    messages, _ = run(ActionShowSections(), tracker("need_financial_support", text=young))
    assert not asks(messages), "the words showed a young person"
    pressed = tracker("need_financial_support", text="/need_financial_support")
    assert not asks(run(ActionShowSections(), pressed)[0]), "a button press shows nothing"
    # Actions that do not answer a question never ask (a carer telling their arrangement).
    tailored = tracker("inform_arrangement", text="we have an sgo", slots={"arrangement": "sgo"})
    assert not asks(run(ActionTailorOffer(), tailored)[0])


def test_a_fallback_first_message_is_asked_too():
    # ("can u help me with something" gets the Kinship Navigators: the people who help.)
    text = "i have a question"
    messages, _ = run(ActionFallback(), with_events(tracker("nlu_fallback", text=text), text))
    assert messages[-1]["text"] == ASK


def test_the_young_person_button_answers_the_earlier_question_in_their_words():
    payload = WHO_PAYLOADS["young_person"]
    track = with_events(
        tracker("young_person_opening", text=payload), "why cant i live with my mum", payload
    )
    messages, events = run(ActionSetAudience(), track)
    assert ("audience", "young_person") in [(e.get("name"), e.get("value")) for e in events]
    assert any("Why can't I live with my mum or dad?" in m["text"] for m in messages)
    assert not any(b["payload"] == CARER_PAYLOAD for m in messages for b in m["buttons"]), (
        "they said who they are: no way back is offered"
    )


def test_the_professional_button_gives_the_referral_route():
    payload = WHO_PAYLOADS["professional"]
    track = with_events(tracker("professional_opening", text=payload), "what is kinship", payload)
    messages, events = run(ActionSetAudience(), track)
    assert ("audience", "professional") in [(e.get("name"), e.get("value")) for e in events]
    assert any("refer" in m["text"].lower() for m in messages)


def test_a_young_person_found_without_the_rules_can_say_they_are_an_adult_carer():
    text = "can you help me with something"  # no cue: the rules make no call
    assert detect(text).audience is None
    messages, _ = run(ActionSetAudience(), tracker("young_person_opening", text=text))
    assert CARER_PAYLOAD in [b["payload"] for m in messages for b in m["buttons"]]
    sure = "im 12 and i live with my nan"
    assert detect(sure).audience == "young_person"
    messages, _ = run(ActionSetAudience(), tracker("young_person_opening", text=sure))
    assert CARER_PAYLOAD not in [b["payload"] for m in messages for b in m["buttons"]]


def test_a_professional_found_without_the_rules_can_say_they_are_an_adult_carer():
    text = "support for families?"  # too short for the classifier: the intent decides
    assert detect(text).audience is None
    messages, _ = run(ActionSetAudience(), tracker("professional_opening", text=text))
    assert CARER_PAYLOAD in payloads(messages[0])


def test_the_adult_carer_button_switches_to_the_carer_and_answers_what_they_asked():
    track = with_events(
        tracker("greet", text=CARER_PAYLOAD, slots={"audience": "young_person"}),
        "is there money for looking after my grandson",
        CARER_PAYLOAD,
    )
    track.latest_message["entities"] = [{"entity": "writer", "value": "carer"}]
    messages, events = run(ActionGreet(), track)
    assert ("audience", "carer") in [(e.get("name"), e.get("value")) for e in events]
    assert "financial-support" in [s["id"] for m in messages for s in m["sections"]]
    assert "Childline" not in "\n".join(m["text"] for m in messages), "carer words, not a child's"


def test_a_bare_greeting_is_not_guessed_by_the_classifier():
    # "hello" carries nothing: only the rules may say who wrote it, and then nobody is assumed.
    from actions.common import audience_in_words

    assert audience_in_words(tracker("greet", text="hello")) is None
    assert audience_in_words(tracker("greet", text="hi im 12")) == "young_person"
    messages, events = run(ActionGreet(), with_events(tracker("greet", text="hello"), "hello"))
    assert not any(e.get("name") == "audience" for e in events)
    assert messages[-1]["text"] == ASK


def test_inside_a_form_only_a_clear_cue_says_who_is_writing(monkeypatch):
    # The answers to the hand-off form's questions ("after 3pm", "change my message") are not
    # openings: the classifier's guess is never asked, but "im 13" still stops the form.
    from actions.common import audience_in_words
    from bot.understanding import audience_classifier

    monkeypatch.setattr(
        audience_classifier,
        "probabilities",
        lambda text: {"young_person": 0.99, "professional": 0.0, "carer": 0.01},
    )
    opening = tracker("need_financial_support", text="change my message")
    assert audience_in_words(opening) == "young_person"  # the (forced) guess, outside a form
    in_form = tracker("nlu_fallback", text="change my message")
    in_form.active_loop = {"name": "handoff_form"}
    assert audience_in_words(in_form) is None
    said_age = tracker("nlu_fallback", text="im 13")
    said_age.active_loop = {"name": "handoff_form"}
    assert audience_in_words(said_age) == "young_person"


def test_a_question_outside_the_offer_is_not_taken_for_a_young_persons_by_its_style(monkeypatch):
    # "when is my brown bin collected" can read like a child's to the classifier (short, no
    # family word); outside the offer the classifier speaks only when it is very sure
    # (audience_classifier.STRICT_THRESHOLD), and a clear cue ("im 14") always does.
    from actions.common import audience_in_words
    from bot.understanding import audience_classifier

    sure = {"young_person": 0.85, "professional": 0.0, "carer": 0.15}
    monkeypatch.setattr(audience_classifier, "probabilities", lambda text: sure)
    bins = "when is my brown bin collected, im in Wickersley"
    assert audience_in_words(tracker("out_of_scope", text=bins)) is None
    assert audience_in_words(tracker("need_housing", text=bins)) == "young_person"
    very_sure = {"young_person": 0.95, "professional": 0.0, "carer": 0.05}
    monkeypatch.setattr(audience_classifier, "probabilities", lambda text: very_sure)
    game = "whats the best game on switch rn, im so bored"
    assert audience_in_words(tracker("out_of_scope", text=game)) == "young_person"
    said_age = tracker("out_of_scope", text="im 14 whats the best game on switch")
    assert audience_in_words(said_age) == "young_person"


def test_whats_up_is_a_greeting_not_a_word_to_explain():
    # "heyyy whats up" was answered "Sorry, I don't know that word yet"
    messages, _ = run(ActionExplainTerm(), tracker("ask_term", text="heyyy whats up"))
    assert messages[0]["text"] == get_offer().dialogue["greet"]
    assert "don't know that word" not in "".join(m["text"] for m in messages)
