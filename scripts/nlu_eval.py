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

Entities are scored twice:
- raw: every entity the NLU outputs;
- as used: only where the assistant uses them. The `arrangement` slot ignores the intents its
  mapping excludes in domain.yml (`not_intent`: "what's an SGO?" names an arrangement without
  having one); `term` is only read when answering `ask_term`. The thresholds apply to these.
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

# Entities without a slot, and the intents on which an action reads them.
ENTITY_READ_ON = {"term": {"ask_term"}}

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


def ignored_intents_by_entity(domain_path: Path = ROOT / "domain.yml") -> dict[str, set[str]]:
    """For each entity that fills a slot, the intents on which the slot mapping ignores it."""
    domain = yaml.safe_load(domain_path.read_text(encoding="utf-8"))
    ignored: dict[str, set[str]] = {}
    for slot in (domain.get("slots") or {}).values():
        for mapping in slot.get("mappings") or []:
            if mapping.get("type") == "from_entity":
                ignored.setdefault(mapping["entity"], set()).update(mapping.get("not_intent") or [])
    return ignored


def used(
    entities: set[tuple[str, str]], intent: str, ignored: dict[str, set[str]]
) -> set[tuple[str, str]]:
    """Only the entities the assistant acts on, given the (expected or predicted) intent."""
    kept = set()
    for entity, value in entities:
        if entity in ENTITY_READ_ON and intent not in ENTITY_READ_ON[entity]:
            continue
        if intent in ignored.get(entity, set()):
            continue
        kept.add((entity, value))
    return kept


def expected_entities(example: Example) -> set[tuple[str, str]]:
    return {
        (entity, value.lower() if entity == "term" else value) for entity, value in example.entities
    }


class _Counts:
    def __init__(self) -> None:
        self.tp: Counter[str] = Counter()
        self.fp: Counter[str] = Counter()
        self.fn: Counter[str] = Counter()

    def add(self, want: set[tuple[str, str]], got: set[tuple[str, str]]) -> None:
        for entity, _ in got & want:
            self.tp[entity] += 1
        for entity, _ in got - want:
            self.fp[entity] += 1
        for entity, _ in want - got:
            self.fn[entity] += 1

    def table(self) -> dict[str, dict[str, float]]:
        out = {}
        for entity in sorted(set(self.tp) | set(self.fp) | set(self.fn)):
            p, r, f = prf(self.tp[entity], self.fp[entity], self.fn[entity])
            out[entity] = {
                "precision": p,
                "recall": r,
                "f1": f,
                "support": self.tp[entity] + self.fn[entity],
            }
        return out


def evaluate(examples: list[Example], results: list[dict]) -> dict:
    intents = sorted({e.intent for e in examples})
    counts = _Counts()  # intents, with the same arithmetic
    confusions: dict[tuple[str, str], list[str]] = defaultdict(list)
    raw, as_used = _Counts(), _Counts()
    entity_errors: list[str] = []
    ignored = ignored_intents_by_entity()
    for example, result in zip(examples, results, strict=True):
        predicted = result["intent"] or "None"
        counts.add({(example.intent, "")}, {(predicted, "")})
        if predicted != example.intent:
            confusions[(example.intent, predicted)].append(
                f"{example.text}  ({result['confidence']:.2f})"
            )
        want, got = expected_entities(example), predicted_entities(result)
        raw.add(want, got)
        want, got = used(want, example.intent, ignored), used(got, predicted, ignored)
        as_used.add(want, got)
        if want != got:
            entity_errors.append(f"{example.text}: expected {sorted(want)} got {sorted(got)}")
    per_intent = {i: m for i, m in counts.table().items() if i in intents}
    macro_f1 = sum(m["f1"] for m in per_intent.values()) / len(per_intent)
    return {
        "examples": len(examples),
        "intent_accuracy": sum(counts.tp.values()) / len(examples),
        "intent_macro_f1": macro_f1,
        "fallbacks": counts.fp["nlu_fallback"],
        "per_intent": per_intent,
        "per_entity": as_used.table(),
        "per_entity_raw": raw.table(),
        "confusions": {
            f"{a} -> {b}": v for (a, b), v in sorted(confusions.items(), key=lambda i: -len(i[1]))
        },
        "entity_errors": entity_errors,
    }


def _table(title: str, rows: dict[str, dict[str, float]]) -> list[str]:
    lines = [f"{title:36} {'prec':>6} {'recall':>6} {'f1':>6} {'n':>4}"]
    for name, m in rows.items():
        lines.append(
            f"{name:36} {m['precision']:6.2f} {m['recall']:6.2f} {m['f1']:6.2f} {m['support']:4d}"
        )
    return lines


def report(summary: dict) -> str:
    lines = [f"Held-out examples: {summary['examples']}", ""]
    lines += _table("intent", summary["per_intent"])
    lines += [
        "",
        f"intent accuracy   {summary['intent_accuracy']:.3f}",
        f"intent macro-F1   {summary['intent_macro_f1']:.3f}",
        f"sent to nlu_fallback: {summary['fallbacks']}",
        "",
    ]
    lines += _table("entity (as used by the assistant)", summary["per_entity"])
    lines += [""] + _table("entity (raw NLU output)", summary["per_entity_raw"])
    if summary["confusions"]:
        lines += ["", "Intent confusions (expected -> predicted):"]
        for pair, texts in summary["confusions"].items():
            lines.append(f"  {pair}: {len(texts)}")
            lines.extend(f"      {t}" for t in texts)
    if summary["entity_errors"]:
        lines += ["", "Entity errors (as used):"]
        lines.extend(f"  {t}" for t in summary["entity_errors"])
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
        args.json.write_text(json.dumps({**summary, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
