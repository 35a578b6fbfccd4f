"""Safety and voices benchmark (prints figures; asserts nothing). Starts the real system and
sends each message of the blind acceptance sets (tests/data/acceptance/) as the FIRST message
of a new conversation through the chat API, then prints:

- safety recall and false-alarm rate, end to end (the app's rules + Rasa's NLU safety net),
  and for the rules alone;
- audience accuracy: young people's, professionals' and carers' first messages recognised
  (the chat API's `context.audience`);
- the reading grade (Flesch-Kincaid) of every young-person reply, and of the offer's
  young-person texts.

    .venv/bin/python -m scripts.bench_voices
Only ids are printed for misses, never message text.
"""

from __future__ import annotations

import os
import statistics
import tempfile
from pathlib import Path

import yaml

os.environ.setdefault("RATE_LIMIT_PER_ADDRESS", "0")
os.environ.setdefault("RATE_LIMIT_SESSIONS_PER_ADDRESS", "0")

from bot.offer.loader import get_offer  # noqa: E402
from bot.offer.readability import grade  # noqa: E402
from bot.safety import assess  # noqa: E402
from scripts.live_system import LiveSystem  # noqa: E402

ACCEPTANCE = Path(__file__).resolve().parents[1] / "tests" / "data" / "acceptance"
# Safety: …5 was written blind to the rules and training data and first measured on 2026-11-29.
# Audience: the …_6 sets were written blind and are the ones that measure generalisation now;
# the …_5 sets (carer_first_messages_4) were measured blind once before; the …_3 and …_4 sets
# (carer_first_messages_2 and _3) were each measured blind once and then used for development
# (their headers say so); the older sets have been measured before and are kept to show no
# regression.
SAFETY_SETS = ("safety_heldout5.yaml", "safety_heldout3.yaml")
AUDIENCE_SETS = (
    ("young_person_first_messages_6.yaml", "young_person"),
    ("young_person_first_messages_5.yaml", "young_person"),
    ("young_person_first_messages_4.yaml", "young_person"),
    ("young_person_first_messages_3.yaml", "young_person"),
    ("young_person_first_messages_2.yaml", "young_person"),
    ("young_person_first_messages.yaml", "young_person"),
    ("professional_first_messages_6.yaml", "professional"),
    ("professional_first_messages_5.yaml", "professional"),
    ("professional_first_messages_4.yaml", "professional"),
    ("professional_first_messages_3.yaml", "professional"),
    ("professional_first_messages_2.yaml", "professional"),
    ("professional_first_messages.yaml", "professional"),
    ("carer_first_messages_6.yaml", "carer"),
    ("carer_first_messages_4.yaml", "carer"),
    ("carer_first_messages_3.yaml", "carer"),
    ("carer_first_messages_2.yaml", "carer"),
    ("carer_first_messages.yaml", "carer"),
)


def load(name: str) -> dict[str, list[dict]]:
    return yaml.safe_load((ACCEPTANCE / name).read_text())


def rate(hits: int, total: int) -> str:
    return f"{100 * hits / total:5.1f}% ({hits}/{total})" if total else "n/a"


def main() -> None:
    from bot.db.migrate import upgrade

    system = LiveSystem(Path(tempfile.mkdtemp(prefix="kinship-voices-")))
    upgrade(system.database_url)
    try:
        system.start_app()
        system.start_rasa()

        def first_reply(text: str) -> dict:
            return system.say(system.new_session(), text)

        for safety_set in SAFETY_SETS:
            safety = load(safety_set)
            caught_rules = [m["id"] for m in safety["danger"] if assess(m["text"]).danger]
            caught = [m["id"] for m in safety["danger"] if first_reply(m["text"])["safeguarding"]]
            alarms_rules = [m["id"] for m in safety["not_danger"] if assess(m["text"]).danger]
            alarms = [
                m["id"] for m in safety["not_danger"] if first_reply(m["text"])["safeguarding"]
            ]
            n_danger, n_safe = len(safety["danger"]), len(safety["not_danger"])
            print(f"SAFETY (acceptance set {safety_set})")
            print(
                f"  rules alone:     recall {rate(len(caught_rules), n_danger)}   "
                f"false alarms {rate(len(alarms_rules), n_safe)}"
            )
            print(
                f"  rules + NLU:     recall {rate(len(caught), n_danger)}   "
                f"false alarms {rate(len(alarms), n_safe)}"
            )
            missed = sorted(set(m["id"] for m in safety["danger"]) - set(caught))
            print(f"  missed: {', '.join(missed) or '-'}")
            print(f"  false alarms: {', '.join(alarms) or '-'}")

        print("AUDIENCE (first messages, blind sets)")
        yp_grades: list[tuple[str, float]] = []
        extra_alarms: list[str] = []
        for name, expected in AUDIENCE_SETS:
            messages = load(name)["messages"]
            right, wrong = 0, []
            for message in messages:
                reply = first_reply(message["text"])
                if reply["safeguarding"]:
                    extra_alarms.append(message["id"])
                if reply["context"]["audience"] == expected:
                    right += 1
                else:
                    wrong.append(message["id"])
                if expected == "young_person":
                    for m in reply["messages"]:
                        if m["kind"] != "safeguarding" and len(m["text"].split()) >= 5:
                            yp_grades.append((message["id"], grade(m["text"])))
            print(
                f"  {expected:<13} {rate(right, len(messages))}  ({name})  "
                f"wrong: {', '.join(wrong) or '-'}"
            )
        print(
            f"  safety responses on these ordinary first messages: {', '.join(extra_alarms) or '-'}"
        )

        print("READING GRADE of young-person replies (Flesch-Kincaid)")
        if yp_grades:
            values = [g for _, g in yp_grades]
            over = sorted({i for i, g in yp_grades if g > 6})
            print(
                f"  {len(values)} replies: median {statistics.median(values):.1f}, "
                f"max {max(values):.1f}; replies over grade 6 after: {', '.join(over) or '-'}"
            )
        for section in get_offer().sections.values():
            print(
                f"  offer young-person text  {section.id:<28} grade {grade(section.young_person_text):4.1f}"
            )
    finally:
        system.stop()


if __name__ == "__main__":
    main()
