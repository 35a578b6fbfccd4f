"""The chat's answer to a message in another language (bot/understanding/language.py reads it):
first a short reply in that language, then the same in English, with a button that starts the
hand-off with "interpreter: <language>" recorded, and one to carry on in English.

Called from `begin_turn` (bot/chat/service.py), after the safety check; the turn never reaches
Rasa, whose NLU only knows English."""

from __future__ import annotations

import json
from collections.abc import Callable

from bot.chat.schemas import Button, ChatMessage
from bot.understanding.language import (
    SupportedLanguage,
    interpreter_asked_for,
    language_content,
    read_language,
    safety_word_language,
)

# Answers to these questions are names, numbers and addresses, which read as any language.
NOT_AFTER_KINDS = {"handoff_question"}


def interpreter_button(language: SupportedLanguage, in_language: bool = True) -> Button:
    content = language_content()
    title = f"{content.interpreter_button} ({language.name})"
    if in_language:
        title = f"{language.button} / {title}"
    entities = json.dumps({"access_needs": language.access_need}, ensure_ascii=False)
    return Button(title=title, payload=f"/request_human{entities}")


def language_reply(text: str, last_bot_kind: Callable[[], str | None]) -> list[ChatMessage]:
    """The reply to a message written in a supported language other than English, or to an
    English one asking for an interpreter in one; [] for every other message (and for an
    answer to a hand-off question: `last_bot_kind` gives the kind of the assistant's last
    message, asked only when the message is in another language)."""
    messages = _reply(text)
    if messages and last_bot_kind() in NOT_AFTER_KINDS:
        return []
    return messages


def _reply(text: str) -> list[ChatMessage]:
    content = language_content()
    carry_on = Button(title=content.carry_on_button, payload="/show_offer")
    language = read_language(text).language
    if language is not None:
        return [
            ChatMessage(text=language.reply, kind="language"),
            ChatMessage(
                text=content.english_reply,
                kind="language",
                buttons=[interpreter_button(language), carry_on],
            ),
        ]
    asked = interpreter_asked_for(text)
    if asked is not None:
        return [
            ChatMessage(
                text=content.asks_for_interpreter,
                kind="language",
                buttons=[interpreter_button(asked, in_language=False), carry_on],
            )
        ]
    return []


def danger_in_other_language(text: str) -> str | None:
    """The code of the supported language whose danger words the message holds, or None."""
    language = safety_word_language(text)
    return language.code if language else None
