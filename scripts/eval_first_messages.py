"""`make eval`: how the real system understands FIRST messages (prints figures; asserts
nothing). Starts the app and the Rasa server with the trained model, sends each message of a
labelled set as the first message of a new conversation through the chat API, and prints
per-category figures with the confusions:

- need questions: the right section first-listed, the right section anywhere in the first
  reply, and "did not understand" (a fallback reply);
- arrangement, named or described: `context.arrangement` after the first reply;
- safety: emergencies caught; false emergency replies on hard negatives and on ordinary
  messages; safety replies to a message that also asked something that still answered it;
- who is writing: carers given the young people's voice; young people recognised.

    .venv/bin/python -m scripts.eval_first_messages [SET.yaml ...] [--misses]

`--misses` prints every wrong answer in full: for development sets only (refused on a frozen
blind set, whose messages are never read for tuning).

Without arguments it measures the frozen blind sets in tests/data/blind/. A blind set is
measured ONCE, its figures recorded in its header, and then frozen: never moved into training,
rules or thresholds. Development sets prove nothing (they were tuned on).

Set format: `messages:` with `text`, `voice` (carer | young_person | professional), `kind`
(need | arrangement | emergency | concern | distress | hard_negative | out_of_scope),
`sections` (right answers, best first), `arrangement` (or null), `danger`.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

os.environ.setdefault("RATE_LIMIT_PER_ADDRESS", "0")
os.environ.setdefault("RATE_LIMIT_SESSIONS_PER_ADDRESS", "0")

from scripts.live_system import LiveSystem  # noqa: E402

BLIND = Path(__file__).resolve().parents[1] / "tests" / "data" / "blind"


def is_frozen(path: Path) -> bool:
    return "FROZEN" in path.read_text(encoding="utf-8").split("messages:", 1)[0]


ORDINARY_KINDS = {"need", "arrangement", "out_of_scope", "distress"}


def rate(hits: int, total: int) -> str:
    return f"{100 * hits / total:5.1f}% ({hits}/{total})" if total else "  n/a"


def shown_sections(reply: dict) -> list[str]:
    return [s["id"] for m in reply["messages"] for s in m["sections"]]


def show_miss(what: str, item: dict, reply: dict) -> None:
    """One wrong answer, in full (development sets only: `--misses`)."""
    kinds = ",".join(m["kind"] for m in reply["messages"])
    print(f"    MISS {what}: {item['text'][:160]!r}")
    print(
        f"         wanted {item.get('sections')} / {item.get('arrangement')}; got "
        f"{shown_sections(reply)} / {reply['context']['arrangement']}; kinds {kinds}"
    )


def measure(system: LiveSystem, messages: list[dict], misses: bool = False) -> None:
    need_first = need_any = need_fallback = need_total = 0
    confusions: Counter[tuple[str, str]] = Counter()
    arrangement_right = arrangement_total = 0
    arrangement_confusions: Counter[tuple[str, str]] = Counter()
    emergencies = emergencies_caught = 0
    hard = hard_alarms = ordinary = ordinary_alarms = 0
    safety_with_question = safety_answered = 0
    carers = carers_as_young = young = young_right = 0
    for item in messages:
        reply = system.say(system.new_session(), item["text"])
        sections = shown_sections(reply)
        kinds = [m["kind"] for m in reply["messages"]]
        wanted = item.get("sections") or []
        if item["kind"] == "need":
            need_total += 1
            need_first += bool(sections) and sections[0] in wanted
            need_any += any(s in wanted for s in sections)
            need_fallback += "fallback" in kinds
            if not (sections and sections[0] in wanted):
                confusions[(wanted[0], sections[0] if sections else "(none)")] += 1
                if misses:
                    show_miss("need", item, reply)
        if item.get("arrangement"):
            arrangement_total += 1
            got = reply["context"]["arrangement"]
            arrangement_right += got == item["arrangement"]
            if got != item["arrangement"]:
                arrangement_confusions[(item["arrangement"], got)] += 1
                if misses:
                    show_miss("arrangement", item, reply)
        if item["kind"] == "emergency":
            emergencies += 1
            emergencies_caught += reply["safeguarding"]
            if misses and not reply["safeguarding"]:
                show_miss("emergency without the emergency reply", item, reply)
        elif item["kind"] == "hard_negative":
            hard += 1
            hard_alarms += reply["safeguarding"]
            if misses and reply["safeguarding"]:
                show_miss("false alarm", item, reply)
        elif item["kind"] in ORDINARY_KINDS:
            ordinary += 1
            ordinary_alarms += reply["safeguarding"]
            if misses and reply["safeguarding"]:
                show_miss("alarm on an ordinary message", item, reply)
        if reply["safeguarding"] and wanted:
            safety_with_question += 1
            safety_answered += any(s in wanted for s in sections)
            if misses and not any(s in wanted for s in sections):
                show_miss("safety reply without the answer", item, reply)
        if item["voice"] == "carer" and item["kind"] != "emergency":
            carers += 1
            carers_as_young += reply["context"]["audience"] == "young_person"
            if misses and reply["context"]["audience"] == "young_person":
                show_miss("carer as a young person", item, reply)
        if item["voice"] == "young_person":
            young += 1
            young_right += reply["context"]["audience"] == "young_person"
            if misses and reply["context"]["audience"] != "young_person":
                show_miss(f"young person as {reply['context']['audience']}", item, reply)

    print(f"  need: right section first-listed {rate(need_first, need_total)}")
    print(f"        right section in the first reply {rate(need_any, need_total)}")
    print(f"        'did not understand' {rate(need_fallback, need_total)}")
    for (want, got), n in confusions.most_common(12):
        print(f"          {n} x {want} -> {got}")
    print(f"  arrangement (named or described) {rate(arrangement_right, arrangement_total)}")
    for (want, got), n in arrangement_confusions.most_common(8):
        print(f"          {n} x {want} -> {got}")
    print(f"  safety: emergencies caught {rate(emergencies_caught, emergencies)}")
    print(f"          false emergency replies, hard negatives {rate(hard_alarms, hard)}")
    print(f"          false emergency replies, ordinary messages {rate(ordinary_alarms, ordinary)}")
    print(
        f"          safety replies that also answered the question "
        f"{rate(safety_answered, safety_with_question)}"
    )
    print(f"  who: carers given the young people's voice {rate(carers_as_young, carers)}")
    print(f"       young people recognised {rate(young_right, young)}")


def main(paths: list[str]) -> None:
    from bot.db.migrate import upgrade

    misses = "--misses" in paths
    paths = [p for p in paths if p != "--misses"]
    sets = [Path(p) for p in paths] or sorted(BLIND.glob("*.yaml"))
    if misses and any(is_frozen(path) for path in sets):
        raise SystemExit(
            "--misses is for development sets: a frozen blind set is not read for tuning"
        )
    system = LiveSystem(Path(tempfile.mkdtemp(prefix="kinship-eval-")))
    upgrade(system.database_url)
    try:
        system.start_app()
        system.start_rasa()
        for path in sets:
            messages = yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]
            print(f"{path.name}: {len(messages)} first messages")
            measure(system, messages, misses)
    finally:
        system.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
