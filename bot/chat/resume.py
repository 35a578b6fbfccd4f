"""What "carry on" (`/resume`, after a safety response) shows again, without contact details.

The hand-off's check step ("Please check your message before I send it.") lists the person's
name, phone number or e-mail address, best time and message. A safety response may be shown
because someone else is there; "carry on" then never puts those details back on the screen.
The check step is replayed as a neutral question with the same buttons (send, change, cancel),
plus a button to see the details again, which asks Rasa for the question again (in the form,
"talk to a person" repeats the question: actions/handoff.py `ValidateHandoffForm.run`).
"""

from __future__ import annotations

from bot.chat.schemas import Button, ChatMessage
from bot.offer.loader import get_offer

HANDOFF_QUESTION = "handoff_question"
# In the hand-off form, "talk to a person" asks the question again: here, the check step.
SHOW_DETAILS_PAYLOAD = "/request_human"


def is_handoff_check(message: ChatMessage) -> bool:
    """The hand-off's check step: its heading, or any of its labelled lines of details."""
    if message.kind != HANDOFF_QUESTION:
        return False
    dialogue = get_offer().dialogue
    if message.text.strip().startswith(dialogue["handoff_summary"].strip()):
        return True
    labels = ("handoff_label_name", "handoff_label_contact", "handoff_label_message")
    lines = [line.strip() for line in message.text.splitlines()]
    return any(line.startswith(f"- {dialogue[label]}:") for label in labels for line in lines)


def without_contact_details(messages: list[ChatMessage]) -> list[ChatMessage]:
    """`messages` to show again, with the hand-off's check step put in neutral words."""
    dialogue = get_offer().dialogue
    out = []
    for message in messages:
        if not is_handoff_check(message):
            out.append(message)
            continue
        buttons = [
            Button(title=dialogue["resume_handoff_show_button"], payload=SHOW_DETAILS_PAYLOAD),
            *message.buttons,
        ]
        out.append(
            ChatMessage(text=dialogue["resume_handoff_check"], buttons=buttons, kind=message.kind)
        )
    return out
