"""The Rasa NLU training examples (data/nlu/*.yml) are ordinary messages: apart from the safety
intent, hardly any of them may raise the safety response."""

from bot.safety import assess
from bot.safety.classifier import NLU_DIR, nlu_examples


def test_nlu_examples_are_read_without_the_safety_intent(tmp_path):
    (tmp_path / "a.yml").write_text(
        'version: "3.1"\nnlu:\n  - intent: inform_arrangement\n    examples: |\n'
        "      - we have an [sgo](arrangement:sgo)\n"
        '      - i am a [special guardian]{"entity": "arrangement", "value": "sgo"}\n'
        "  - intent: safeguarding_concern\n    examples: |\n      - he hits her\n"
        "  - synonym: sgo\n    examples: |\n      - special guardianship\n",
        encoding="utf-8",
    )
    (tmp_path / "generated_safety.yml").write_text(
        "nlu:\n  - intent: other\n    examples: |\n      - left out\n", encoding="utf-8"
    )
    (tmp_path / "broken.yml").write_text("nlu: [unclosed\n", encoding="utf-8")
    assert nlu_examples(tmp_path) == ["we have an sgo", "i am a special guardian"]
    assert nlu_examples(tmp_path / "missing") == []


# Need questions written in many voices by separate authors who never saw the safety rules
# (data/nlu/needs_voices_*.yml). The rules were never tuned on them; since 2026-12-03 the second
# opinion on danger (bot/understanding/danger.py) learns from them, so this is a regression check,
# not a measurement (about 9% alarmed before, 2.8% after).
BLIND_WRITTEN = "needs_voices_"


def _alarms(texts: list[str]) -> tuple[list[str], float]:
    offenders = [t for t in texts if assess(t).danger]
    return offenders, len(offenders) / max(len(texts), 1)


def _examples(blind_written: bool) -> list[str]:
    from bot.core import nlu_examples as nlu_data
    from bot.safety.classifier import NLU_EXCLUDED_INTENTS

    return [
        text
        for name, intent, text in nlu_data.examples(NLU_DIR, "test")
        if name != "generated_safety.yml"
        and intent not in NLU_EXCLUDED_INTENTS
        and name.startswith(BLIND_WRITTEN) == blind_written
    ]


def test_regression_the_projects_own_nlu_examples_rarely_alarm():
    """A regression check: the rules were written alongside these examples."""
    texts = _examples(blind_written=False)
    assert len(texts) > 500
    offenders, rate = _alarms(texts)
    assert rate <= 0.01, (
        f"{len(offenders)}/{len(texts)} NLU examples ({rate:.1%}) raise the safety response:\n"
        + "\n".join(offenders)
    )


def test_need_questions_written_blind_rarely_alarm():
    texts = _examples(blind_written=True)
    assert len(texts) > 500
    offenders, rate = _alarms(texts)
    assert rate <= 0.01, (
        f"{len(offenders)}/{len(texts)} blind-written need questions ({rate:.1%}) raise the "
        "safety response:\n" + "\n".join(offenders)
    )
