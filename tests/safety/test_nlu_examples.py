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


def test_nlu_examples_rarely_alarm():
    texts = nlu_examples()
    if not NLU_DIR.is_dir():  # pragma: no cover - the NLU data is not shipped with this copy
        return
    assert len(texts) > 500
    offenders = [t for t in texts if assess(t).danger]
    rate = len(offenders) / len(texts)
    assert rate <= 0.01, (
        f"{len(offenders)}/{len(texts)} NLU examples ({rate:.1%}) raise the safety response:\n"
        + "\n".join(offenders)
    )
