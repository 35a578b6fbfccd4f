"""The chat turn's last net against dead ends: a reply is never empty and never says the same
bubble twice (bot/chat/service.py). The dialogue itself should never need it (see the
conversation fuzzer, tests/integration/test_conversation_fuzzer.py)."""

from __future__ import annotations

from bot.chat.schemas import ChatMessage
from bot.chat.service import never_empty, without_repeats


def test_a_repeated_bubble_is_said_once():
    said = [ChatMessage(text="Sorry"), ChatMessage(text="Sorry"), ChatMessage(text="Money")]
    assert [m.text for m in without_repeats(said)] == ["Sorry", "Money"]


def test_an_empty_reply_becomes_a_way_on():
    reply = never_empty([])
    assert len(reply) == 1 and reply[0].text.strip()
    assert {b.payload for b in reply[0].buttons} == {"/show_offer", "/request_human"}


def test_blank_bubbles_are_dropped_and_a_real_reply_is_kept():
    kept = never_empty([ChatMessage(text="  "), ChatMessage(text="Here is the offer")])
    assert [m.text for m in kept] == ["Here is the offer"]
