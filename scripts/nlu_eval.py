"""NLU evaluation on held-out examples the model never trains on (tests/nlu/heldout.yml).

    .venv/bin/python -m scripts.nlu_eval [--model PATH] [--data PATH] [--json OUT]

Parses every held-out text with the trained model (through scripts/rasa_parse.py in the Rasa
environment) and prints, per intent and per entity: precision, recall, F1 and support; the
intent macro-F1; and the confusions with their examples.

Scoring is strict: a message the model sends to `nlu_fallback` counts as wrong (the assistant
then offers "did you mean" choices rather than answering). Entities are scored on their final
value after synonym mapping (for `arrangement`, the arrangement id), per message: a predicted
value in the expected set is a true positive, any other a false positive, a missed one a false
negative. `term` is scored on the words it covers.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MODEL = ROOT / "models" / "model.tar.gz"
DEFAULT_DATA = ROOT / "tests" / "nlu" / "heldout.yml"
RASA_PYTHON = ROOT / ".venv-rasa" / "bin" / "python"

_ANNOTATION = re.compile(r"\[(?P<text>[^\]]+)\](?:\((?P<short>[^)]*)\)|(?P<json>\{[^}]*\}))")


@dataclass
class Example:
    text: str
    intent: str
    entities: list[tuple[str, str]] = field(default_factory=list)  # (entity, value)


def parse_example(raw: str, intent: str) -> Example:
    """One Rasa training-format line: '[words](entity:value)' / '[words]{"entity": ...}'."""
    entities: list[tuple[str, str]] = []
    plain, last = [], 0
    for match in _ANNOTATION.finditer(raw):
        plain.append(raw[last : match.start()])
        words = match.group("text")
        plain.append(words)
        last = match.end()
        if match.group("short") is not None:
            entity, _, value = match.group("short").partition(":")
            entities.append((entity, value or words))
        else:
            data = json.loads(match.group("json"))
            entities.append((data["entity"], str(data.get("value", words))))
    plain.append(raw[last:])
    return Example("".join(plain).strip(), intent, entities)


def load_examples(path: Path) -> list[Example]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    examples = []
    for block in data.get("nlu", []):
        if "intent" not in block:
            continue
        for line in str(block["examples"]).splitlines():
            line = line.strip()
            if line.startswith("- "):
                examples.append(parse_example(line[2:].strip(), block["intent"]))
    return examples


def parse_with_model(model: Path, texts: list[str]) -> list[dict]:
    if not RASA_PYTHON.exists():
        sys.exit(f"The Rasa environment is missing ({RASA_PYTHON}): run `make install` first.")
    done = subprocess.run(
        [str(RASA_PYTHON), str(ROOT / "scripts" / "rasa_parse.py"), str(model)],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if done.returncode != 0 or "@@RESULTS@@" not in done.stdout:
        sys.exit(f"Parsing with the model failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.split("@@RESULTS@@", 1)[1])


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def predicted_entities(result: dict) -> set[tuple[str, str]]:
    found = set()
    for entity in result["entities"]:
        if entity["entity"] == "term":
            start, end = entity.get("start"), entity.get("end")
            words = result["text"][start:end] if start is not None else str(entity["value"])
            found.add(("term", words.lower()))
        else:
            found.add((entity["entity"], str(entity["value"])))
    return found


def expected_entities(example: Example) -> set[tuple[str, str]]:
    return {
        (entity, value.lower() if entity == "term" else value) for entity, value in example.entities
    }


def evaluate(examples: list[Example], results: list[dict]) -> dict:
    intents = sorted({e.intent for e in examples})
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    confusions: dict[tuple[str, str], list[str]] = defaultdict(list)
    etp: Counter[str] = Counter()
    efp: Counter[str] = Counter()
    efn: Counter[str] = Counter()
    entity_errors: list[str] = []
    for example, result in zip(examples, results, strict=True):
        predicted = result["intent"] or "None"
        if predicted == example.intent:
            tp[example.intent] += 1
        else:
            fn[example.intent] += 1
            fp[predicted] += 1
            confusions[(example.intent, predicted)].append(
                f"{example.text}  ({result['confidence']:.2f})"
            )
        want, got = expected_entities(example), predicted_entities(result)
        for item in got & want:
            etp[item[0]] += 1
        for item in got - want:
            efp[item[0]] += 1
        for item in want - got:
            efn[item[0]] += 1
        if want != got and (any(e == "arrangement" for e, _ in want | got)):
            entity_errors.append(f"{example.text}: expected {sorted(want)} got {sorted(got)}")
    per_intent = {}
    for intent in intents:
        p, r, f = prf(tp[intent], fp[intent], fn[intent])
        per_intent[intent] = {
            "precision": p,
            "recall": r,
            "f1": f,
            "support": tp[intent] + fn[intent],
        }
    macro_f1 = sum(v["f1"] for v in per_intent.values()) / len(per_intent)
    accuracy = sum(tp.values()) / len(examples)
    per_entity = {}
    for entity in sorted(set(etp) | set(efp) | set(efn)):
        p, r, f = prf(etp[entity], efp[entity], efn[entity])
        per_entity[entity] = {
            "precision": p,
            "recall": r,
            "f1": f,
            "support": etp[entity] + efn[entity],
        }
    return {
        "examples": len(examples),
        "intent_accuracy": accuracy,
        "intent_macro_f1": macro_f1,
        "fallbacks": fp["nlu_fallback"],
        "per_intent": per_intent,
        "per_entity": per_entity,
        "confusions": {
            f"{a} -> {b}": v
            for (a, b), v in sorted(confusions.items(), key=lambda item: -len(item[1]))
        },
        "arrangement_errors": entity_errors,
    }


def report(summary: dict) -> str:
    lines = [
        f"Held-out examples: {summary['examples']}",
        "",
        f"{'intent':34} {'prec':>6} {'recall':>6} {'f1':>6} {'n':>4}",
    ]
    for name, m in summary["per_intent"].items():
        lines.append(
            f"{name:34} {m['precision']:6.2f} {m['recall']:6.2f} {m['f1']:6.2f} {m['support']:4d}"
        )
    lines += [
        "",
        f"intent accuracy   {summary['intent_accuracy']:.3f}",
        f"intent macro-F1   {summary['intent_macro_f1']:.3f}",
        f"sent to nlu_fallback: {summary['fallbacks']}",
        "",
        f"{'entity':34} {'prec':>6} {'recall':>6} {'f1':>6} {'n':>4}",
    ]
    for name, m in summary["per_entity"].items():
        lines.append(
            f"{name:34} {m['precision']:6.2f} {m['recall']:6.2f} {m['f1']:6.2f} {m['support']:4d}"
        )
    if summary["confusions"]:
        lines += ["", "Confusions (expected -> predicted):"]
        for pair, texts in summary["confusions"].items():
            lines.append(f"  {pair}: {len(texts)}")
            lines.extend(f"      {t}" for t in texts)
    if summary["arrangement_errors"]:
        lines += ["", "Arrangement entity errors:"]
        lines.extend(f"  {t}" for t in summary["arrangement_errors"])
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    examples = load_examples(args.data)
    results = parse_with_model(args.model, [e.text for e in examples])
    summary = evaluate(examples, results)
    print(report(summary))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
