"""Random walks through the real chat (the app, the real Rasa server and its trained model):
seeded, bounded, and mixing realistic messages, button presses taken from the last reply,
corrections, follow-ups, off-topic and danger messages. Every turn must hold the invariants
of a chat with no dead ends:

- the reply is not empty, and no bubble in it is empty;
- no bubble is repeated within one reply;
- the same reply is not given three turns running to different messages;
- "Start again" and "Talk to a person" always work;
- who is writing never changes without evidence: after the first message (or a start again)
  only a "who is writing" button or a message that says who is writing changes it;
- a message in clear danger always gets the safety reply.

The walks are the same on every run (fixed seed), so a failure can be replayed: the message
says which walk and turn. The message pools are development data, written for this test.
"""

from __future__ import annotations

import random

import httpx
import pytest

pytestmark = pytest.mark.integration

SEED = 20261202
WALKS = 110
TURNS_PER_WALK = 19  # with the opening message: 2,090 turns in all

OPENINGS = [
    "can I get money for my grandson",
    "hi im looking after my sisters 2 kids and we are skint",
    "our house is too small now the kids are here",
    "my granddaughter keeps getting excluded from school",
    "is there any nursery help for a 2 year old",
    "how do we sort contact with his mum",
    "he has nightmares and wets the bed since he came to us",
    "do I need a solicitor to get an sgo",
    "i might lose my job looking after them",
    "are there any groups for grandparents like me",
    "what is a special guardianship order",
    "hello",
    "me nan said to message u",
    "we got a child arrangements order last year, what help is there",
    "social services placed my nephew with us",
    "my friend's daughter has been staying with us for 2 months",
    "I'm a social worker, what can your kinship offer give my family",
    "Hiya, I'm a teacher with a pupil living with his grandma",
    "who do I ring?",
    "what was my reference number again",
]

FOLLOW_UPS = [
    "who do I ring?",
    "how much exactly?",
    "how do I apply for it then",
    "what about school",
    "and housing?",
    "is there anything for me, I'm exhausted",
    "thanks",
    "ok",
    "what does that mean",
    "can you say that more simply",
    "we have an sgo",
    "it's informal, no court",
    "he's 14",
    "she's only 3",
    "actually it's about money not school",
    "no that's not what I asked",
    "hello?",
    "???",
    "yes",
    "no",
    "when I'm 18 does the SGO stop",
    "will someone ring me tonight?",
    "can they email me instead",
    "my email is denise.b@gmial.com",
    "its gmail.com not gmial, and my name is just Denise",
    "07700 900123",
    "after 3pm",
    "will my daughter be able to see this? we don't get on",
    "what was my reference number again",
    "bye",
]

OFF_TOPIC = [
    "when is my bin collection?",
    "how do I pay my council tax",
    "tell me a joke",
    "asdfghjkl",
    "Czy ktoś mówi po polsku?",
    "12345",
    "🙂",
    "what's the weather like",
]

# Messages that say who is writing: after one, the audience may change.
SAYS_WHO = {
    "me nan said to message u",
    "I'm a social worker, what can your kinship offer give my family",
    "Hiya, I'm a teacher with a pupil living with his grandma",
    "when I'm 18 does the SGO stop",  # someone not yet 18
}

DANGER = [
    "my son in law is outside with a knife threatening to kill us",
    "his dad has just turned up drunk and is kicking the door in",
    "she has taken a load of tablets and won't wake up",
    "he's been missing since this morning and it's dark now, he's only 9",
]

START_AGAIN = "/start_again"
WHO_PAYLOADS = ("/young_person_opening", "/professional_opening", '"writer": "carer"')
TALK_TO_A_PERSON = "/request_human"


def choose_turn(rng: random.Random, last_reply: dict | None) -> dict:
    """One person's next message: mostly a button from the last reply or a follow-up."""
    buttons = [b for m in (last_reply or {}).get("messages", []) for b in m.get("buttons", [])]
    roll = rng.random()
    if buttons and roll < 0.40:
        return {"payload": rng.choice(buttons)["payload"]}
    if roll < 0.70:
        return {"text": rng.choice(FOLLOW_UPS)}
    if roll < 0.80:
        return {"text": rng.choice(OPENINGS)}
    if roll < 0.86:
        return {"text": rng.choice(OFF_TOPIC)}
    if roll < 0.90:
        return {"text": rng.choice(DANGER)}
    if roll < 0.95:
        return {"payload": START_AGAIN}
    return {"payload": TALK_TO_A_PERSON}


def texts(reply: dict) -> list[str]:
    return [m["text"] for m in reply["messages"]]


def check_turn(where: str, turn: dict, reply: dict, history: list[tuple[dict, dict]]) -> None:
    bubbles = texts(reply)
    assert bubbles, f"{where}: empty reply to {turn}"
    assert all(b.strip() for b in bubbles), f"{where}: an empty bubble in the reply to {turn}"
    assert len(bubbles) == len(set(bubbles)), f"{where}: a bubble repeated in one reply: {bubbles}"
    if len(history) >= 2:
        (turn1, reply1), (turn2, reply2) = history[-2:]
        same = texts(reply1) == texts(reply2) == bubbles
        different_asks = len({str(turn1), str(turn2), str(turn)}) == 3
        assert not (same and different_asks), (
            f"{where}: the same reply three turns running to {turn1}, {turn2}, {turn}: {bubbles}"
        )
    if turn.get("text") in DANGER:
        assert reply["safeguarding"], f"{where}: no safety reply to {turn['text']!r}"
        assert any("999" in b for b in bubbles), f"{where}: no 999 for {turn['text']!r}"
    if turn.get("payload") == START_AGAIN:
        assert reply["context"]["needs"] == [] and reply["context"]["arrangement"] == "unknown", (
            f"{where}: start again kept {reply['context']}"
        )
    if turn.get("payload") == TALK_TO_A_PERSON:
        joined = " ".join(bubbles)
        buttons = [b["payload"] for m in reply["messages"] for b in m["buttons"]]
        # (A young person under 16 is given Childline: a person to talk to, now.)
        # (Inside the message for a person already, the form's question comes again.)
        # (A young person after a danger message: children's social care, actions/referral.py.)
        in_handoff = any(m["kind"].startswith(("handoff", "referral")) for m in reply["messages"])
        person = "Kinship Navigator" in joined or "Childline" in joined or in_handoff
        person = person or "/affirm" in buttons
        assert person, f"{where}: talk to a person did not offer a person: {bubbles}"
    if history:
        before = history[-1][1]["context"]["audience"]
        after = reply["context"]["audience"]
        said_who = turn.get("text") in SAYS_WHO or any(
            p in str(turn.get("payload")) for p in WHO_PAYLOADS
        )
        fresh_start = START_AGAIN in (turn.get("payload"), history[-1][0].get("payload"))
        assert before == after or said_who or fresh_start, (
            f"{where}: the audience changed from {before} to {after} on {turn}"
        )


def test_random_walks_hold_every_invariant(live_system):
    rng = random.Random(SEED)
    url = f"{live_system.app_url}/api/chat/sessions"
    turns = 0
    with httpx.Client(timeout=60) as client:
        for walk in range(WALKS):
            created = client.post(url)
            assert created.status_code == 201, created.text
            session = created.json()["session_id"]
            history: list[tuple[dict, dict]] = []
            turn: dict = {"text": rng.choice(OPENINGS)}
            for step in range(TURNS_PER_WALK + 1):
                response = client.post(f"{url}/{session}/messages", json=turn)
                where = f"walk {walk} turn {step}"
                assert response.status_code == 200, f"{where}: {turn} -> {response.text}"
                reply = response.json()
                check_turn(where, turn, reply, history)
                history.append((turn, reply))
                turns += 1
                turn = choose_turn(rng, reply)
    assert turns >= 2000


def test_who_do_i_ring_after_a_section_keeps_the_conversation_alive(live_system):
    """The dead conversation found by hand: a money question, then "who do I ring?"; after it
    every message, the buttons, "Talk to a person" and "Start again" must still be answered."""
    session = live_system.new_session()
    first = live_system.say(session, "can I get money for my grandson")
    assert any(s["id"] == "financial-support" for m in first["messages"] for s in m["sections"])
    ring = live_system.say(session, "who do I ring?")
    bubbles = texts(ring)
    assert bubbles and len(bubbles) == len(set(bubbles)), bubbles
    assert "Sorry" not in bubbles[0], f"a plain question was not understood: {bubbles}"
    for turn in (
        {"text": "hello?"},
        {"payload": "/need_housing"},
        {"payload": TALK_TO_A_PERSON},
        {"payload": START_AGAIN},
        {"text": "can I get money for my grandson"},
    ):
        reply = live_system.say(session, **turn)
        assert texts(reply) and all(t.strip() for t in texts(reply)), f"empty reply to {turn}"
