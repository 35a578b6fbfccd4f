"""The chat turn: safety first, then Rasa, with every message stored before and after."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from bot.actions_server.router import CONTEXT_KEY
from bot.chat.languages import danger_in_other_language, language_reply
from bot.chat.rasa_client import RasaClient, RasaUnavailable
from bot.chat.reference import asks_for_reference, reference_reply
from bot.chat.resume import without_contact_details
from bot.chat.schemas import (
    Button,
    ChatMessage,
    ChatReply,
    ContactRoute,
    Context,
    UserMessage,
    WidgetConfig,
)
from bot.core import clock
from bot.core.contacts import contact_json, contact_sentence
from bot.core.errors import AppError
from bot.core.hours import is_out_of_hours
from bot.db.base import utcnow
from bot.db.models import Conversation, Message
from bot.db.session import relax_durability
from bot.insights import recording as insights
from bot.observability.metrics import (
    RASA_ERRORS,
    RASA_LATENCY,
    SAFETY_RESPONSES,
    rasa_error_reason,
)
from bot.offer.loader import get_offer
from bot.safety import SafetyAssessment, assess
from bot.safety.engine import classifiers_mean
from bot.safety.response import concern_messages, safety_messages
from bot.settings import Settings
from bot.understanding.arrangements import arrangement_shown
from bot.understanding.reading import ASKS, asked_after_danger
from bot.understanding.typed_answers import asks_what_to_do, button_for, only_says_when
from bot.understanding.who_is_writing import age_given, clear_audience

log = logging.getLogger("bot.chat")
T = TypeVar("T")

VALID_ARRANGEMENTS = {"kinship_fostering", "sgo", "cao", "informal", "private_fostering"}
VALID_AUDIENCES = {"carer", "young_person", "professional"}


def create_conversation(db: Session) -> Conversation:
    conversation = Conversation(out_of_hours=is_out_of_hours())
    db.add(conversation)
    db.flush()
    insights.record_conversation_started(db, conversation)
    return conversation


def find_conversation(db: Session, session_key: str) -> Conversation:
    if len(session_key) > 64:
        raise AppError(404, "This conversation was not found. Please start a new one.")
    conversation = db.scalar(select(Conversation).where(Conversation.session_key == session_key))
    if conversation is None:
        raise AppError(404, "This conversation was not found. Please start a new one.")
    return conversation


def hours_text(hours: float) -> str:
    """2 -> "2 hours", 1 -> "1 hour", 0.5 -> "30 minutes"."""
    if hours < 1:
        minutes = max(1, round(hours * 60))
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    whole = f"{hours:g}"
    return f"{whole} hour{'s' if whole != '1' else ''}"


def ensure_not_ended(conversation: Conversation, settings: Settings) -> None:
    """A chat with nothing said in it for CHAT_SESSION_IDLE_HOURS has ended: its id (a bearer
    key in the URL) stops working, with a 410 the widget answers by starting a new chat."""
    last = conversation.last_activity_at
    if last is None:
        return
    if last.tzinfo is None:  # SQLite gives back naive datetimes (stored in UTC)
        last = last.replace(tzinfo=dt.UTC)
    if clock.now() - last > dt.timedelta(hours=settings.chat_session_idle_hours):
        raise AppError(
            410,
            "This chat has ended because nothing was said in it for "
            f"{hours_text(settings.chat_session_idle_hours)}. Please start a new one.",
        )


def writer_is_young(text: str) -> bool:
    """The words clearly show a child or teenager writing (the audience rules, and their
    classifier when it is sure: bot/understanding/who_is_writing.py)."""
    try:
        return clear_audience(text) == "young_person"
    except Exception:  # never let this stand in the way of the safety response
        log.exception("audience rules failed")
        return False


def said_to_young(conversation: Conversation, text: str) -> bool:
    """Whether the warm word or the concern is said to a young person: one already, or one whose
    words show it (never to a professional)."""
    return conversation.audience == "young_person" or (
        conversation.audience in (None, "carer") and writer_is_young(text)
    )


# The carer's question after the safety lines ("Would you like a Kinship Navigator to contact
# you?") carries the Navigators' section when the message asked something: who they are and how
# to reach them is the answer to "who do I talk to?", and no second card repeats it.
NAVIGATORS = "kinship-navigators"


def section_card(section_id: str) -> dict[str, str] | None:
    """A section of the offer as a card (id, title, link); None when the offer has no such
    section."""
    offer = get_offer()
    section = offer.sections.get(section_id)
    if section is None:
        return None
    return {"id": section.id, "title": section.title, "url": offer.section_url(section.id)}


def answer_after_safety(
    text: str, young_person: bool, category: str | None = None
) -> tuple[list[ChatMessage], bool]:
    """The parts of the offer a danger message also asked about (the one reading of its
    words, bot/understanding/reading.py), and what helps after a danger of its `category`, as
    section cards to show after the safety lines; and whether the carer's question about a
    Navigator should carry the Navigators' card (`NAVIGATORS`) instead of a card of its own."""
    try:
        asked = asked_after_danger(text, category)
        asks = bool(ASKS.search(text or ""))
    except Exception:  # never let this stand in the way of the safety response
        log.exception("reading failed on a safety message")
        return [], False
    navigators_on_ask = not young_person and (asks or NAVIGATORS in asked)
    if navigators_on_ask:
        asked = [s for s in asked if s != NAVIGATORS]
    offer = get_offer()
    out = []
    for section_id in asked:
        section = offer.sections.get(section_id)
        if section is None:
            continue
        words = section.young_person_text if young_person else section.carer_text
        out.append(
            ChatMessage(
                text=f"{offer.dialogue['safety_and_your_question']}\n\n**{section.title}**\n{words}"
                if not out
                else f"**{section.title}**\n{words}",
                sections=[section_card(section.id)],
                kind="section",
            )
        )
    return out, navigators_on_ask


def arrangement_in(text: str) -> str | None:
    """The arrangement a danger message shows (never in the way of the safety response)."""
    try:
        return arrangement_shown(text)
    except Exception:
        log.exception("arrangement reading failed on a safety message")
        return None


DISTRESS_KIND = "support"
CONCERN_KIND = "concern"
# The warm word is not said again while it is among the assistant's last this many messages.
DISTRESS_QUIET_MESSAGES = 8


def acknowledged_lately(db: Session, conversation: Conversation) -> bool:
    """The warm word for someone struggling is among the assistant's last few messages."""
    kinds = db.scalars(
        select(Message.kind)
        .where(Message.conversation_id == conversation.id, Message.sender == "bot")
        .order_by(Message.id.desc())
        .limit(DISTRESS_QUIET_MESSAGES)
    ).all()
    return DISTRESS_KIND in kinds


def concern_chat_messages(young_person: bool = False) -> list[ChatMessage]:
    """For a worry about a child's safety that is not danger now: who to tell, one calm line
    about 999 (bot/safety/response.py `concern_messages`); Rasa's answer follows."""
    return [
        ChatMessage(
            text=concern_messages(get_offer().council, young_person=young_person),
            kind=CONCERN_KIND,
            buttons=[Button(title="Talk to a person", payload="/request_human")],
        )
    ]


def distress_messages(young_person: bool = False) -> list[ChatMessage]:
    """For someone struggling (not in danger): an acknowledgement, the people who can help,
    and one calm line about danger; Rasa's answer to what they asked follows. A young person
    is pointed to Childline and a grown-up they trust, not to carers' support groups."""
    offer = get_offer()
    if young_person:
        text = "\n\n".join(
            offer.dialogue[key]
            for key in (
                "distress_support_young_person",
                "young_person_childline",
                "distress_more_young_person",
            )
        )
        buttons = [Button(title="Talk to a person", payload="/request_human")]
        return [ChatMessage(text=text, kind=DISTRESS_KIND, buttons=buttons)]
    text = "\n\n".join(
        [
            offer.dialogue["distress_support"],
            contact_sentence(offer.council.navigators),
            offer.dialogue["distress_more"],
        ]
    )
    return [
        ChatMessage(
            text=text,
            kind=DISTRESS_KIND,
            buttons=[
                Button(title="Talk to a person", payload="/request_human"),
                Button(
                    title=offer.sections["support-groups-and-training"].title,
                    payload="/need_support_groups",
                )
                if "support-groups-and-training" in offer.sections
                else Button(title=offer.dialogue["resume_menu_button"], payload="/show_offer"),
            ],
        )
    ]


def check_length(incoming: UserMessage, settings: Settings) -> None:
    if incoming.text is not None and len(incoming.text) > settings.max_message_chars:
        raise AppError(
            413,
            f"Your message is too long. Please keep it under {settings.max_message_chars} "
            "characters — you can send more in a second message.",
        )


URGENT_HANDOFF = re.compile(r"^/request_human\s*\{.*\burgent\b.*\}\s*$", re.DOTALL)


def to_rasa_text(incoming: UserMessage, safeguarding: bool = False) -> str:
    """What Rasa receives. Typed text may not start with '/', which Rasa reads as an intent.
    An urgent hand-off is only ever offered under the safety reply: sent in a conversation that
    never had one, it is an ordinary "talk to a person" (a forged "urgent" would put the
    safeguarding banner at the top of the Navigators' inbox)."""
    if incoming.payload is not None:
        if not safeguarding and URGENT_HANDOFF.match(incoming.payload):
            log.warning("an urgent hand-off without a safety reply was sent as an ordinary one")
            return "/request_human"
        return incoming.payload
    return incoming.text.strip().lstrip("/").strip() or "?"


def unavailable_detail() -> str:
    offer = get_offer()
    return f"{offer.dialogue['unavailable']} {contact_sentence(offer.council.navigators)}"


def widget_config() -> WidgetConfig:
    offer = get_offer()
    return WidgetConfig(
        council_name=offer.council.name,
        out_of_hours=is_out_of_hours(),
        out_of_hours_message=offer.dialogue["handoff_out_of_hours"],
        privacy_notice=offer.council.privacy_notice.summary,
        navigators=ContactRoute(**contact_json(offer.council.navigators)),
    )


def normalise(rasa_messages: list[dict[str, Any]]) -> list[ChatMessage]:
    """Turn Rasa's REST replies into contract messages.

    Custom actions send the whole message as a `custom` JSON payload (text, buttons, sections,
    kind); plain domain responses come as `text` and `buttons`.
    """
    out: list[ChatMessage] = []
    for item in rasa_messages:
        custom = item.get("custom")
        if isinstance(custom, dict) and "text" in custom:
            custom = {k: v for k, v in custom.items() if k != CONTEXT_KEY}
            out.append(ChatMessage.model_validate(custom))
        elif item.get("text"):
            out.append(
                ChatMessage(
                    text=item["text"],
                    buttons=[
                        {"title": b.get("title", ""), "payload": b.get("payload", "")}
                        for b in item.get("buttons") or []
                    ],
                )
            )
    return out


def without_repeats(messages: list[ChatMessage]) -> list[ChatMessage]:
    """A bubble said once per reply: a repeated one (the same text again) is dropped."""
    seen: set[str] = set()
    kept = []
    for message in messages:
        if message.text in seen:
            continue
        seen.add(message.text)
        kept.append(message)
    return kept


def never_empty(messages: list[ChatMessage]) -> list[ChatMessage]:
    """No dead ends: when the dialogue gave nothing to say, the person still gets a way on (the
    topics, and a person). The dialogue should never do this; a log line says it did."""
    messages = [m for m in messages if m.text.strip()]
    if messages:
        return messages
    log.warning("the dialogue gave an empty reply; answered with the way on")
    dialogue = get_offer().dialogue
    return [
        ChatMessage(
            text=dialogue["fallback"],
            kind="fallback",
            buttons=[
                Button(title=dialogue["resume_menu_button"], payload="/show_offer"),
                Button(title="Talk to a person", payload="/request_human"),
            ],
        )
    ]


def reported_slots(rasa_messages: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The slots the last action of the turn reported (see bot/actions_server/router.py), or
    None when no action of ours ran this turn."""
    for item in reversed(rasa_messages):
        custom = item.get("custom")
        if isinstance(custom, dict) and isinstance(custom.get(CONTEXT_KEY), dict):
            return custom[CONTEXT_KEY]
    return None


def context_from_slots(slots: dict[str, Any]) -> Context:
    arrangement = slots.get("arrangement")
    audience = slots.get("audience")
    needs = slots.get("needs") or []
    offer_ids = set(get_offer().sections)
    return Context(
        arrangement=arrangement if arrangement in VALID_ARRANGEMENTS else "unknown",
        audience=audience if audience in VALID_AUDIENCES else "carer",
        needs=[n for n in needs if n in offer_ids],
    )


def _row(conversation: Conversation, sender: str, message: ChatMessage) -> dict[str, Any]:
    return {
        "conversation_id": conversation.id,
        "sender": sender,
        "text": message.text,
        "kind": message.kind,
        "sections": [s.id for s in message.sections],
        "buttons": [b.model_dump() for b in message.buttons],
        "created_at": utcnow(),
    }


def _store(db: Session, conversation: Conversation, sender: str, message: ChatMessage) -> None:
    db.add(Message(**_row(conversation, sender, message)))


def _store_all(
    db: Session, conversation: Conversation, sender: str, messages: list[ChatMessage]
) -> None:
    """Every reply of a turn in one INSERT (the ORM's unit of work for each row was the biggest
    CPU cost of a chat turn in the app under load)."""
    if messages:
        db.execute(insert(Message.__table__), [_row(conversation, sender, m) for m in messages])


RESUME_PAYLOAD = "/resume"
START_AGAIN_PAYLOAD = "/start_again"
# Rasa's own restart sent as a button payload (the widget's `data-restart-payload` may name it):
# the same "Start again". Sent on to Rasa as it is, it cleared the conversation and said nothing,
# and the reply was "Sorry, I did not understand that".
RASA_RESTART_PAYLOAD = "/restart"

# A young person's safety flow (actions/referral_route.py): the safety reply, then their request
# for contact with children's social care and its questions. A danger message typed there is
# their reason for asking, kept, not met with the whole safety reply again.
SAFETY_KIND = "safeguarding"
REFERRAL_KINDS = {"referral", "referral_question"}
REFERRAL_REASON_KIND = "referral_reason"  # "what is happening?": the answer goes to the form


def young_safety_flow(db: Session, conversation: Conversation) -> str | None:
    """The kind of the assistant's last message when this conversation is a young person's
    safety flow (the safety reply was given in a young person's words, and nothing else has
    been said since but the referral's own messages); otherwise None."""
    if not conversation.safeguarding or conversation.audience != "young_person":
        return None
    kind = db.scalar(
        select(Message.kind)
        .where(Message.conversation_id == conversation.id, Message.sender == "bot")
        .order_by(Message.id.desc())
        .limit(1)
    )
    if kind in (SAFETY_KIND, REFERRAL_REASON_KIND, *REFERRAL_KINDS):
        return kind
    return None


def danger_now_message() -> ChatMessage:
    return ChatMessage(text=get_offer().dialogue["referral_danger_now"], kind=SAFETY_KIND)


def kept_reply(
    db: Session, conversation: Conversation, flow: str, young_ask: ChatMessage | None
) -> list[ChatMessage]:
    """A young person's danger message in their safety flow: one line (999), "I have kept what
    you wrote", then what was asked before: the offer of contact, or the referral's question."""
    dialogue = get_offer().dialogue
    first = ChatMessage(
        text=f"{dialogue['referral_danger_now']}\n\n{dialogue['safety_kept']}", kind=SAFETY_KIND
    )
    if flow == SAFETY_KIND:
        return [first, *([young_ask] if young_ask else [])]
    return [first, *last_turn_before_safety(db, conversation)]


def last_turn_before_safety(db: Session, conversation: Conversation) -> list[ChatMessage]:
    """The assistant's last ordinary turn (e.g. the question a form was asking), so that after a
    safety response the person can carry on exactly where they were."""
    recent = db.scalars(
        select(Message)
        .where(Message.conversation_id == conversation.id)
        .order_by(Message.id.desc())
        .limit(60)
    ).all()
    # The newest turn of the assistant's (its messages between two of the person's) with no
    # safety message in it: a safety turn may also hold the answer to what was asked.
    turn: list[Message] = []
    safety_turn = False
    for message in recent:
        if message.sender != "bot":
            if turn and not safety_turn:
                break
            turn, safety_turn = [], False
        elif message.kind == "safeguarding":
            safety_turn = True
        else:
            turn.append(message)
    if safety_turn:
        turn = []
    sections = get_offer().sections
    return [
        ChatMessage(
            text=m.text,
            buttons=m.buttons or [],
            sections=[
                {"id": s, "title": sections[s].title, "url": get_offer().section_url(s)}
                for s in m.sections or []
                if s in sections
            ],
            kind=m.kind,
        )
        for m in reversed(turn)
    ]


async def _inline(function: Callable[..., T], *args: Any) -> T:
    return function(*args)


def database_work(db: Session) -> Callable[..., Awaitable[Any]]:
    """How a chat turn runs its database work. PostgreSQL: in a worker thread, so the event
    loop is free while statements wait on the network. SQLite: right here — its statements
    are local and, without an fsync per commit (`relax_durability`), all CPU, which under
    Python's GIL blocks the event loop just as much from a worker thread, plus the cost of
    handing the work over and back (measured at about 1.5 ms of the app's CPU per message)."""
    if db.get_bind().dialect.name == "sqlite":
        return _inline
    return run_in_threadpool


# Rasa is told in the background; the safety reply waits for it at most this long (a slow or
# hung Rasa never holds up a safety response).
TELL_RASA_WAIT_SECONDS = 0.5
_telling: set[asyncio.Task] = set()


async def tell_rasa_the_arrangement(rasa: RasaClient, sender_id: str, arrangement: str) -> None:
    """Rasa did not see a message answered here (the safety reply): it is told the arrangement
    the words showed, so the next answers are tailored."""
    await tell_rasa(rasa, sender_id, {"arrangement": arrangement})


def facts_for_rasa(reply: ChatReply, text: str | None) -> dict[str, Any]:
    """What a safety reply answered here showed, for Rasa's slots: the arrangement, and a young
    person (with their age, when they gave it), so that their "yes, get in touch" goes to
    children's social care (actions/referral_route.py), not to the carers' hand-off."""
    facts: dict[str, Any] = {}
    if reply.context.arrangement not in (None, "unknown"):
        facts["arrangement"] = reply.context.arrangement
    if reply.context.audience == "young_person":
        facts["audience"] = "young_person"
        try:
            age = age_given(text) if text else None
        except Exception:  # never in the way of the safety response
            log.exception("age reading failed on a safety message")
            age = None
        if age is not None:
            facts["age"] = age
    return facts


async def tell_rasa(rasa: RasaClient, sender_id: str, facts: dict[str, Any]) -> None:
    """Rasa did not see a message answered here: it is told, as slot events, what the words
    showed (`facts_for_rasa`)."""

    async def tell() -> None:
        for name, value in facts.items():
            try:
                await rasa.set_slot(sender_id, name, value)
            except RasaUnavailable as exc:
                log.warning("rasa not told the %s: %s", name, exc)

    task = asyncio.ensure_future(tell())
    _telling.add(task)
    task.add_done_callback(_telling.discard)
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=TELL_RASA_WAIT_SECONDS)
    except TimeoutError:
        log.warning("rasa slow to take the safety reply's facts; the reply did not wait")


async def handle_message(
    db: Session,
    rasa: RasaClient,
    settings: Settings,
    session_key: str,
    incoming: UserMessage,
) -> ChatReply:
    """One chat turn. Its database work runs as `database_work` says: in a worker thread on
    PostgreSQL (the event loop stays free for other conversations and for Rasa's calls to the
    action endpoint while statements wait on the network), inline on SQLite (CPU-bound; a
    write that has to wait for SQLite's lock holds up the loop for that long, which is one
    reason production uses PostgreSQL)."""

    def begin() -> tuple[Conversation, ChatReply | None, Context, list[ChatMessage]]:
        nonlocal incoming
        relax_durability(db)
        conversation = find_conversation(db, session_key)
        ensure_not_ended(conversation, settings)
        # Read before the turn's own writes: a query after its commit would hold a connection
        # (and SQLite's lock) open across the call to Rasa.
        last = last_bot_message(db, conversation)
        incoming = as_button(last, incoming)
        return conversation, *begin_turn(db, settings, conversation, incoming, last)

    run = database_work(db)
    conversation, answered, context_before, preface = await run(begin)
    if answered is not None:
        if answered.safeguarding and (facts := facts_for_rasa(answered, incoming.text)):
            await tell_rasa(rasa, conversation.id, facts)
        return answered
    if incoming.payload == RASA_RESTART_PAYLOAD:
        incoming = incoming.model_copy(update={"payload": START_AGAIN_PAYLOAD})
    try:
        if incoming.payload == START_AGAIN_PAYLOAD:
            # Start again always starts again: Rasa's own restart first clears everything, even
            # a form in the middle of a question (which would otherwise take "/start_again" as
            # its answer), then the assistant's start-again reply offers the next steps.
            with RASA_LATENCY.labels(operation="send").time():
                await rasa.send(conversation.id, RASA_RESTART_PAYLOAD)
        with RASA_LATENCY.labels(operation="send").time():
            replies = await rasa.send(
                conversation.id, to_rasa_text(incoming, bool(conversation.safeguarding))
            )
        slots = reported_slots(replies)
        if slots is None:  # only Rasa's own actions ran: ask it for the state
            with RASA_LATENCY.labels(operation="slots").time():
                slots = await rasa.slots(conversation.id)
    except RasaUnavailable as exc:
        log.warning("rasa unavailable: %s", exc)
        RASA_ERRORS.labels(reason=rasa_error_reason(exc)).inc()
        raise AppError(
            503, unavailable_detail(), contacts=[contact_json(get_offer().council.navigators)]
        ) from exc
    return await run(finish_turn, db, conversation, incoming, replies, slots, preface)


# The safety lines given again to someone who asks what to do right after them.
ASKED_AGAIN = "asked_again"


class LastBotMessage(NamedTuple):
    kind: str | None
    buttons: list[dict]
    text: str


def last_bot_message(db: Session, conversation: Conversation) -> LastBotMessage:
    """The kind, buttons and words of the assistant's last message in this conversation."""
    row = db.execute(
        select(Message.kind, Message.buttons, Message.text)
        .where(Message.conversation_id == conversation.id, Message.sender == "bot")
        .order_by(Message.id.desc())
        .limit(1)
    ).first()
    return (
        LastBotMessage(row[0], list(row[1] or []), row[2] or "")
        if row
        else LastBotMessage(None, [], "")
    )


# The hand-off form's questions that want a short answer (a name, how and when to be contacted,
# an address or a number, yes or no): every one but "Is there anything else the Kinship Navigator
# should know?", where the person tells their worry in their own words.
FORM_QUESTION_KIND = "handoff_question"
# There, an alarm of the classifiers alone stands when the mean of their two probabilities is at
# least this. Over development set tests/data/dev/dev_contact_requests.yaml (asking to be rung
# back, form answers and corrections, and emergencies in the same shapes; never trained on): of
# its 12 emergencies only the classifiers caught, the lowest mean was 0.81 ("actually forget the
# callback, he's holding her head under the bath water"); of its 19 false alarms, 5 were below
# 0.8 ("its gmail not gmial, and my name is just Denise" 0.61), the rest from 0.81 to 0.96
# ("actually don't ring tonight, tomorrow's better"): the classifiers cannot tell those apart, so
# they stand. Setting every such alarm aside in a form answer (tried first) would have lost all 12.
# 0.8 -> 0.55 (2026-12-06): over bot/safety/data/form_answers.yaml (answers to the form's short
# questions by another separate author), before the classifiers learnt it, the 30 of its 70 danger
# answers only the classifiers caught had means from 0.59 ("don't ring this number, he answers
# it ... I'm hiding in hers"); at 0.8 the form lost 7 of them, at 0.55 none, while 9 of its 230
# ordinary answers alarmed instead of 4. An emergency is never missed: the alarm of the
# classifiers alone is set aside only where the second opinion all but disagrees.
FORM_ANSWER_MEAN = 0.55
FREE_TEXT_QUESTION = "handoff_ask_message"


def answers_a_short_form_question(last: LastBotMessage) -> bool:
    """The assistant's last message is a question of the hand-off form that wants a short
    answer (not the one that asks for the person's own words)."""
    if last.kind != FORM_QUESTION_KIND:
        return False
    free_text = get_offer().dialogue.get(FREE_TEXT_QUESTION, "")
    return not (free_text and last.text.startswith(free_text.strip()))


def asked_what_to_do(last: LastBotMessage, text: str) -> bool:
    """Right after the safety lines, the person asks what to do
    (bot/understanding/typed_answers.py)."""
    try:
        return asks_what_to_do(text, last.kind, last.buttons)
    except Exception:  # never in the way of the turn
        log.exception("typed answer not read")
        return False


def as_button(last: LastBotMessage, incoming: UserMessage) -> UserMessage:
    """What the person typed, read as the button of the assistant's last message it stands for
    (bot/understanding/typed_answers.py): "yes please" to the urgent contact after the safety
    lines, or a button's title typed out. The typed words are kept as typed."""
    if incoming.text is None or incoming.payload is not None:
        return incoming
    try:
        payload = button_for(incoming.text, last.kind, last.buttons)
    except Exception:  # never in the way of the turn: the words go on as typed
        log.exception("typed answer not read")
        return incoming
    if payload is None:
        return incoming
    return UserMessage(text=incoming.text, payload=payload)


def begin_turn(
    db: Session,
    settings: Settings,
    conversation: Conversation,
    incoming: UserMessage,
    last: LastBotMessage | None = None,
) -> tuple[ChatReply | None, Context, list[ChatMessage]]:
    """Store the person's message, then answer here what never goes to Rasa: the safety
    response, and "carry on" after it. Returns (the reply or None, the context before, what
    to say before Rasa's answer: a warm word to someone struggling). `last`: the assistant's
    last message before this turn (read here when not given)."""
    check_length(incoming, settings)
    if last is None:
        last = last_bot_message(db, conversation)
    now = utcnow()
    user_text = incoming.text if incoming.text is not None else ""
    # Core statements, not the ORM's unit of work: this runs on every message.
    db.execute(
        insert(Message.__table__),
        [
            {
                "conversation_id": conversation.id,
                "sender": "user",
                "text": user_text,
                "payload": incoming.payload,
                "kind": "payload" if incoming.payload is not None else "text",
                "sections": [],
                "buttons": [],
                "created_at": now,
            }
        ],
    )
    db.execute(
        update(Conversation.__table__)
        .where(Conversation.__table__.c.id == conversation.id)
        .values(last_activity_at=now)
    )
    # The person's message is saved before anything else can fail.
    db.commit()

    context_before = Context(
        arrangement=conversation.arrangement,
        audience=conversation.audience,
        needs=list(conversation.needs or []),
    )

    # Safety comes first and does not depend on Rasa. A form in progress in Rasa is left as it
    # is (paused, not lost): this turn is answered here and never reaches Rasa.
    preface: list[ChatMessage] = []
    if incoming.text is not None and incoming.payload is None:
        assessment = assess(incoming.text)
        if (
            assessment.matched == ["classifier"]
            and answers_a_short_form_question(last)
            and (mean := classifiers_mean(incoming.text)) is not None
            and mean < FORM_ANSWER_MEAN
        ):
            # Only the classifiers saw danger, not surely, in an answer to one of the hand-off
            # form's short questions ("its gmail not gmial, and my name is just Denise"): an
            # answer, not an alarm. The rules still read every answer.
            log.info("classifiers' alarm set aside in a form answer")
            assessment = SafetyAssessment(False, None, ["classifier", "form answer"])
        if (
            assessment.matched == ["classifier"]
            and answers_a_short_form_question(last)
            and only_says_when(incoming.text)
        ):
            # Only the classifiers saw danger, however surely, in an answer to one of the form's
            # short questions that only says when (and perhaps a name): "Sandra. tonight, once
            # the little ones are in bed" (a mean of 0.91). They learnt "tonight" from
            # emergencies. Any other word keeps the alarm (rules/answers.yaml `when_words`).
            log.info("classifiers' alarm set aside in an answer that only says when")
            assessment = SafetyAssessment(False, None, ["classifier", "says when"])
        if not assessment.danger and asked_what_to_do(last, incoming.text):
            # "what do I do?" right after the safety lines: they are given again, 999 first,
            # with the same question (not a menu of the offer).
            assessment = SafetyAssessment(danger=True, category=ASKED_AGAIN, matched=["again"])
        # --- languages: danger words in the supported languages (bot/chat/languages.py) ---
        if not assessment.danger and (code := danger_in_other_language(incoming.text)):
            assessment = SafetyAssessment(
                danger=True, category="other_language", matched=[f"language:{code}"]
            )
        # --- end languages ---
        if assessment.level == "concern":
            # A worry about a child's safety that the writer says is not danger now: who to
            # tell about it and one calm line about 999, then the answer (not 999 first).
            log.info("concern acknowledged")
            SAFETY_RESPONSES.labels(category="concern").inc()
            preface = concern_chat_messages(young_person=said_to_young(conversation, incoming.text))
        if assessment.level == "distress" and not acknowledged_lately(db, conversation):
            # Struggling, not in danger: a warm word and who can help, then the answer (once:
            # said again a turn later, the same words would sound like a machine's).
            log.info("distress acknowledged")
            SAFETY_RESPONSES.labels(category="distress").inc()
            preface = distress_messages(young_person=said_to_young(conversation, incoming.text))
        if assessment.danger:
            log.info("safety response given (category=%s)", assessment.category)
            SAFETY_RESPONSES.labels(category=assessment.category or "unknown").inc()
            # A young person in danger is pointed to Childline first, even on a first message
            # (Rasa, which normally works out who is writing, is not asked on this turn).
            young_person = conversation.audience == "young_person" or (
                conversation.audience == "carer" and writer_is_young(incoming.text)
            )
            if young_person:
                context_before = context_before.model_copy(update={"audience": "young_person"})
                # Kept, so the young person's request for contact goes to children's social
                # care (actions/referral_route.py); Rasa is told too (`facts_for_rasa`).
                conversation.audience = "young_person"
            messages = [
                ChatMessage.model_validate(m)
                for m in safety_messages(
                    get_offer().council,
                    in_office_hours=not is_out_of_hours(),
                    young_person=young_person,
                )
            ]
            flow = young_safety_flow(db, conversation) if young_person else None
            if flow == REFERRAL_REASON_KIND:
                # The answer to "what is happening?": the form keeps it (Rasa), after one line.
                insights.record_safety_response(db, conversation)
                db.commit()
                return None, context_before, [danger_now_message()]
            if flow is not None:
                # Written again after the safety reply: kept as their reason (it stays in the
                # conversation's messages, which the referral reads), not the whole reply again.
                ask = messages[-1] if messages and messages[-1].buttons else None
                messages = kept_reply(db, conversation, flow, ask)
                insights.record_safety_response(db, conversation)
                for message in messages:
                    _store(db, conversation, "bot", message)
                db.commit()
                reply = ChatReply(messages=messages, context=context_before, safeguarding=True)
                return reply, context_before, []
            # A safety reply never swallows the question: after the safety lines, what the
            # message asked about ("he hit me again last night — can we get a bigger house
            # away from him?").
            answer, navigators_on_ask = (
                answer_after_safety(incoming.text, young_person, assessment.category)
                if assessment.category != ASKED_AGAIN
                else ([], False)
            )
            asks = messages[-1:] if messages and messages[-1].buttons else []
            if asks and navigators_on_ask and (card := section_card(NAVIGATORS)):
                asks = [ChatMessage.model_validate({**asks[0].model_dump(), "sections": [card]})]
            # the answer goes before the last safety message, which asks what to do next
            messages = [*messages[: len(messages) - len(asks)], *answer, *asks]
            shown = [s.id for m in asks for s in m.sections]
            if answer or shown:
                context_before = context_before.model_copy(
                    update={
                        "needs": list(
                            dict.fromkeys(
                                [
                                    *context_before.needs,
                                    *(s.id for m in answer for s in m.sections),
                                    *shown,
                                ]
                            )
                        )
                    }
                )
            if context_before.arrangement in (None, "unknown"):
                # The family's arrangement the words show is kept, as Rasa would have kept it
                # ("she's 14 and hasn't been home for 2 nights... just family, no court").
                shown = arrangement_in(incoming.text)
                if shown:
                    conversation.arrangement = shown
                    context_before = context_before.model_copy(update={"arrangement": shown})
            conversation.safeguarding = True
            insights.record_safety_response(db, conversation)
            for message in messages:
                _store(db, conversation, "bot", message)
            db.commit()
            reply = ChatReply(messages=messages, context=context_before, safeguarding=True)
            return reply, context_before, []

    # --- languages: a message in another language is answered here (bot/chat/languages.py) ---
    if incoming.text is not None and incoming.payload is None:
        # The assistant's last message was read before this turn's writes (`last`); only the
        # person's message has been stored since.
        in_language = language_reply(incoming.text, lambda: last.kind)
        if in_language:
            for message in in_language:
                _store(db, conversation, "bot", message)
            db.commit()
            return ChatReply(messages=in_language, context=context_before), context_before, []
    # --- end languages ---

    # --- the reference of a message left for a Navigator, asked for again (bot/chat/reference.py)
    if (
        incoming.text is not None
        and incoming.payload is None
        and last.kind not in (FORM_QUESTION_KIND, *REFERRAL_KINDS)  # never inside a form
        and asks_for_reference(incoming.text)
    ):
        messages = reference_reply(db, conversation)
        for message in messages:
            _store(db, conversation, "bot", message)
        db.commit()
        return ChatReply(messages=messages, context=context_before), context_before, []

    # "Carry on" after a safety response: show again what the assistant last asked. Rasa was
    # never told about the interruption, so a form in progress is still waiting for its answer.
    if incoming.payload == RESUME_PAYLOAD:
        # Never the person's contact details again (the hand-off's check step): bot/chat/resume.py
        replay = without_contact_details(last_turn_before_safety(db, conversation))
        messages = [ChatMessage(text=get_offer().dialogue["resume"], kind="text"), *replay]
        if not replay:
            messages[0].buttons = [
                Button(title=get_offer().dialogue["resume_menu_button"], payload="/show_offer")
            ]
        for message in messages:
            _store(db, conversation, "bot", message)
        db.commit()
        return ChatReply(messages=messages, context=context_before), context_before, []
    return None, context_before, preface


def finish_turn(
    db: Session,
    conversation: Conversation,
    incoming: UserMessage,
    replies: list[dict[str, Any]],
    slots: dict[str, Any],
    preface: list[ChatMessage] = (),
) -> ChatReply:
    """Store Rasa's answer (after `preface`) and what it tells us about the conversation."""
    relax_durability(db)
    messages = [*preface, *never_empty(without_repeats(normalise(replies)))]
    typed = incoming.text is not None and incoming.payload is None
    if typed and [m.text for m in messages] == [
        m.text for m in last_turn_before_safety(db, conversation)
    ]:
        # The same reply to a typed message as last time: say so, rather than repeat it word
        # for word (a person who keeps getting the same answer is stuck).
        messages.insert(0, ChatMessage(text=get_offer().dialogue["said_again"], kind="text"))
    context = context_from_slots(slots)
    # Analytics (anonymous; unanswered text redacted) from what is new in this turn.
    insights.record_turn(
        db, conversation, incoming.text, messages, context, names=[slots.get("carer_name")]
    )
    shown = list(conversation.sections_shown or [])
    for message in messages:
        for section in message.sections:
            if section.id not in shown:
                shown.append(section.id)
    _store_all(db, conversation, "bot", messages)
    # The NLU's safety net (intent safeguarding_concern) answered with the safety response.
    nlu_safety = any(m.kind == "safeguarding" for m in messages[len(preface) :])
    # The app's own safety line before Rasa's answer (a young person's reason, kept).
    safety_line = any(m.kind == "safeguarding" for m in preface)
    changes: dict[str, Any] = {
        "arrangement": context.arrangement,
        "audience": context.audience,
        "needs": context.needs,
        "sections_shown": shown,
    }
    if nlu_safety:
        changes["safeguarding"] = True
        SAFETY_RESPONSES.labels(category="nlu").inc()
    db.execute(
        update(Conversation.__table__)
        .where(Conversation.__table__.c.id == conversation.id)
        .values(**changes)
    )
    db.commit()
    # The hand-off's last action sets `enquiry_reference`; it is reported on the turn it is sent.
    reference = slots.get("enquiry_reference")
    sent = isinstance(reference, str) and any(m.kind == "enquiry_sent" for m in messages)
    return ChatReply(
        messages=messages,
        context=context,
        safeguarding=nlu_safety or safety_line,
        enquiry_reference=reference if sent else None,
    )
