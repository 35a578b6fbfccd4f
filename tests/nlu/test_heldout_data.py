"""The held-out NLU examples stay held out, and the scoring script reads them right."""

from pathlib import Path

import yaml

from scripts.generate_nlu import build
from scripts.nlu_eval import evaluate, load_examples, parse_example

ROOT = Path(__file__).resolve().parents[2]
HELDOUT = ROOT / "tests" / "nlu" / "heldout.yml"
ACCEPTANCE = ROOT / "tests" / "acceptance" / "first_messages.yml"


def training_texts() -> set[str]:
    texts = set()
    files = [p for p in (ROOT / "data" / "nlu").glob("*.yml") if p.name != "generated_glossary.yml"]
    for path in files:
        texts |= {e.text.lower() for e in load_examples(path)}
    generated = yaml.safe_load(build())
    for block in generated["nlu"]:
        if "intent" in block:
            for line in block["examples"].splitlines():
                if line.strip().startswith("- "):
                    texts.add(parse_example(line.strip()[2:], block["intent"]).text.lower())
    return texts


def test_heldout_examples_are_not_in_the_training_data():
    overlap = [e.text for e in load_examples(HELDOUT) if e.text.lower() in training_texts()]
    assert not overlap


def test_acceptance_messages_are_not_in_the_training_data():
    messages = yaml.safe_load(ACCEPTANCE.read_text())["messages"]
    overlap = [m["text"] for m in messages if m["text"].lower() in training_texts()]
    assert not overlap


def test_every_intent_in_the_domain_is_held_out_except_the_hand_off_form():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    held = {e.intent for e in load_examples(HELDOUT)}
    handoff_only = {"cancel_handoff", "skip_question", "inform_contact_method", "handoff_change"}
    # The safety intent is measured on the safety sets instead (scripts/bench_voices.py).
    safety = {"safeguarding_concern"}
    assert set(domain["intents"]) - handoff_only - safety - held == set()


def test_annotations_are_parsed():
    example = parse_example(
        'we got [special guardian ship]{"entity": "arrangement", "value": "sgo"} ok',
        "inform_arrangement",
    )
    assert example.text == "we got special guardian ship ok"
    assert example.entities == [("arrangement", "sgo")]
    assert parse_example("what's an [SGO](term)", "ask_term").entities == [("term", "SGO")]


def test_scores():
    examples = [
        parse_example("[sgo](arrangement:sgo) money", "need_financial_support"),
        parse_example("hello", "greet"),
    ]
    results = [
        {
            "text": "sgo money",
            "intent": "need_financial_support",
            "confidence": 0.9,
            "entities": [{"entity": "arrangement", "value": "sgo", "start": 0, "end": 3}],
        },
        {"text": "hello", "intent": "nlu_fallback", "confidence": 0.3, "entities": []},
    ]
    summary = evaluate(examples, results)
    assert summary["per_intent"]["greet"]["recall"] == 0
    assert summary["per_entity"]["arrangement"]["f1"] == 1
    assert summary["fallbacks"] == 1
