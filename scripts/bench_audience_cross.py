"""Cross-set validation of the audience classifier: for each labelled set S in
bot/understanding/data/audience/, train on the other sets (and the NLU examples) only and measure on
S — rules alone, classifier alone, and the combination that ``who_is_writing.decide`` makes.

Each set was written by a different person at a different time, so a set left out of training is
the fair stand-in for unseen wording. (The rules were tuned on these sets, so "rules alone" is
optimistic on all of them; the sets' headers and tests/understanding/test_audience_rules.py record
the rules' first runs.) No NLU intent is used: where nothing makes a call, the writer counts as a
carer, as ``decide(text)`` without an intent.

Columns: young people / professionals / carers recognised, per held-out set.
  rules alone        ``detect(text).audience``, no call = carer
  classifier alone   the most probable audience
  combined           the rules' call, else the classifier's above its thresholds, else carer

Run:  .venv/bin/python -m scripts.bench_audience_cross            # the table
      .venv/bin/python -m scripts.bench_audience_cross --sweep    # also thresholds, per fold
      .venv/bin/python -m scripts.bench_audience_cross --no-nlu   # without the NLU examples
Prints figures only, never message text, and asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.understanding import audience_classifier as ac  # noqa: E402
from bot.understanding.audience_rules import CARER, PROFESSIONAL, YOUNG_PERSON, detect  # noqa: E402

AUDIENCES = (YOUNG_PERSON, PROFESSIONAL, CARER)


class Fold:
    """One held-out set: per message, its audience, the rules' call and the classifier's
    probabilities when trained without this set."""

    def __init__(self, held_out: Path, train_sets: list[Path], nlu: bool) -> None:
        self.name = held_out.stem
        held = ac.load_set(held_out)
        pairs, weights = ac.training_data(train_sets, nlu=nlu, leave_out=[t for t, _ in held])
        t0 = time.perf_counter()
        model = ac.train(pairs, weights)
        self.train_ms = (time.perf_counter() - t0) * 1000
        self.train_size = len(pairs)
        self.items = []
        for text, label in held:
            guess = detect(text)
            long_enough = len(text.split()) >= ac.MIN_WORDS
            aged = "yp_age" in guess.cues
            self.items.append((label, guess.audience, model.probabilities(text), long_enough, aged))

    def verdicts(
        self, yp: float, pro: float, veto: float = ac.CARER_VETO
    ) -> tuple[list[str], list[str], list[str]]:
        """Rules alone, classifier alone, and the combination as deployed
        (``who_is_writing.clear_audience``, then carer): a young person the rules read from the
        wording alone set aside when the classifier gives a carer ``veto``; the classifier
        only on messages of MIN_WORDS or more."""
        rules, clf, both = [], [], []
        for _, rule, p, long_enough, aged in self.items:
            rules.append(rule or CARER)
            clf.append(max(AUDIENCES, key=lambda a: p[a]))
            if rule == YOUNG_PERSON and not aged and long_enough and p[CARER] >= veto:
                both.append(CARER)
            else:
                both.append(rule or (ac.call(p, yp, pro) if long_enough else None) or CARER)
        return rules, clf, both

    def rates(self, said: list[str]) -> dict[str, tuple[int, int]]:
        """Per audience: (recognised, total)."""
        out = {}
        for audience in AUDIENCES:
            pairs = [
                (item[0], s)
                for item, s in zip(self.items, said, strict=True)
                if item[0] == audience
            ]
            out[audience] = (sum(y == s for y, s in pairs), len(pairs))
        return out


def _cell(rates: dict[str, tuple[int, int]]) -> str:
    return " ".join(f"{r / t if t else 0:6.1%}" for r, t in (rates[a] for a in AUDIENCES))


def _add(total: dict[str, list[int]], rates: dict[str, tuple[int, int]]) -> None:
    for audience, (r, t) in rates.items():
        total.setdefault(audience, [0, 0])
        total[audience][0] += r
        total[audience][1] += t


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--yp", type=float, default=ac.YOUNG_PERSON_THRESHOLD)
    parser.add_argument("--pro", type=float, default=ac.PROFESSIONAL_THRESHOLD)
    parser.add_argument("--veto", type=float, default=ac.CARER_VETO)
    parser.add_argument("--sweep", action="store_true", help="figures over thresholds")
    parser.add_argument("--no-nlu", action="store_true", help="train without data/nlu examples")
    args = parser.parse_args(argv)

    sets = ac.development_sets()
    nlu = not args.no_nlu
    print(f"labelled sets, held out in turn: {', '.join(s.stem for s in sets)}")
    print(f"NLU examples trained on: {'yes' if nlu else 'no'}")
    print(
        f"thresholds: young person {args.yp:.2f}, professional {args.pro:.2f}, "
        f"carer veto {args.veto:.2f}"
    )
    folds = [Fold(s, [o for o in sets if o != s], nlu) for s in sets]
    sub = "young    pro  carer"
    print(f"{'':20s} {'':>9s}  {'rules alone':^20s}  {'classifier alone':^20s}  {'combined':^20s}")
    header = f"{'held out':20s} {'trained':>9s}  {sub:>20s}  {sub:>20s}  {sub:>20s}"
    print(header)
    print("-" * len(header))
    pooled: list[dict[str, list[int]]] = [{}, {}, {}]
    for fold in folds:
        cells = []
        for total, said in zip(pooled, fold.verdicts(args.yp, args.pro, args.veto), strict=True):
            rates = fold.rates(said)
            _add(total, rates)
            cells.append(_cell(rates))
        print(f"{fold.name:20s} {fold.train_size:>5d} msg  " + "  ".join(cells))
    print(
        f"{'pooled':20s} {'':>9s}  "
        + "  ".join(_cell({a: tuple(t[a]) for a in AUDIENCES}) for t in pooled)
    )
    sizes = ", ".join(
        f"{f.name} {'/'.join(str(f.rates([item[0] for item in f.items])[a][1]) for a in AUDIENCES)}"
        for f in folds
    )
    print(f"messages per set (young / pro / carer): {sizes}")
    print("training time per fold: " + ", ".join(f"{f.name} {f.train_ms:.0f} ms" for f in folds))

    if args.sweep:
        print("\ncombined, over thresholds (professional as given): worst fold and pooled")
        print(f"{'yp':>5s} {'veto':>5s}  {'worst fold':^20s}  {'pooled':^20s}  carers as young")
        for yp in (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9):
            for veto in (0.5, 0.7, 0.9, 1.01):
                worst = {a: 1.0 for a in AUDIENCES}
                total: dict[str, list[int]] = {}
                carers = carers_young = 0
                for fold in folds:
                    said = fold.verdicts(yp, args.pro, veto)[2]
                    rates = fold.rates(said)
                    _add(total, rates)
                    for a, (r, t) in rates.items():
                        worst[a] = min(worst[a], r / t if t else 1.0)
                    for (label, *_), s in zip(fold.items, said, strict=True):
                        carers += label == CARER
                        carers_young += label == CARER and s == YOUNG_PERSON
                pooled_rates = {a: tuple(total[a]) for a in AUDIENCES}
                print(
                    f"{yp:5.2f} {veto:5.2f}  "
                    + " ".join(f"{worst[a]:6.1%}" for a in AUDIENCES)
                    + "  "
                    + _cell(pooled_rates)
                    + f"  {carers_young / carers:6.1%}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
