"""Cross-set validation of the safety classifier: for each development set S, train on the other
development sets only and measure on S — rules alone, classifier alone, and the combination.

Each development set was written by a different person at a different time, so a set left out of
training is the fair stand-in for unseen wording. (The rules were tuned on the earlier sets, so
"rules alone" on those is optimistic; each set's header records the rules' first run on it.)

Run:  .venv/bin/python -m scripts.bench_safety_cross             # the table
      .venv/bin/python -m scripts.bench_safety_cross --sweep     # also thresholds, pooled
      .venv/bin/python -m scripts.bench_safety_cross --ids       # also ids of the misses
Extra held-out sets of the same shape may be added with --extra NAME_OR_PATH (trained on every
development set, minus any message that also appears in the extra set). Prints figures only,
never message text, and asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.safety import engine  # noqa: E402
from bot.safety.classifier import development_sets, train, training_data  # noqa: E402
from bot.safety.evaluation import load  # noqa: E402


def _rate(flags: list[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def _cell(pos: list[bool], neg: list[bool]) -> str:
    return f"{_rate(pos):6.1%} {sum(pos):3d}/{len(pos):<3d} fa {_rate(neg):5.1%} {sum(neg):2d}/{len(neg):<3d}"


class Fold:
    """One held-out set: per message, the rules' result and the classifier's probability when
    trained without this set."""

    def __init__(self, name: str, train_sets: list[str], checker, everyday: bool = True) -> None:
        self.name = name
        danger, negatives = load(name)
        held = {i["text"] for i in danger + negatives}
        all_pairs, all_weights = training_data(train_sets, nlu=everyday)
        kept = [i for i, (t, _) in enumerate(all_pairs) if t not in held]
        pairs = [all_pairs[i] for i in kept]
        t0 = time.perf_counter()
        model = train(pairs, checker.tokens, [all_weights[i] for i in kept])
        self.train_ms = (time.perf_counter() - t0) * 1000
        self.train_size = len(pairs)
        self.items = []  # (id, label, rule result, probability)
        for items, label in ((danger, 1), (negatives, 0)):
            for item in items:
                result = checker.rules_only(item["text"])
                p = model.probability(result.words, result.lemmas) if result.words else 0.0
                self.items.append((item["id"], label, result, p))

    def verdicts(self, threshold: float, veto_threshold: float):
        rules, clf, both = {}, {}, {}
        for ident, _, result, p in self.items:
            rules[ident] = result.assessment.danger
            judged = engine.classifier_may_judge(result.words)
            clf[ident] = judged and p >= threshold
            needed = veto_threshold if result.vetoes & engine.EXPLICIT_VETOES else threshold
            both[ident] = result.assessment.danger or (judged and p >= needed)
        return rules, clf, both

    def split(self, flags: dict[str, bool]) -> tuple[list[bool], list[bool]]:
        pos = [flags[i] for i, y, _, _ in self.items if y == 1]
        neg = [flags[i] for i, y, _, _ in self.items if y == 0]
        return pos, neg


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=engine.THRESHOLD)
    parser.add_argument("--veto-threshold", type=float, default=engine.VETO_THRESHOLD)
    parser.add_argument("--sweep", action="store_true", help="pooled figures over thresholds")
    parser.add_argument("--ids", action="store_true", help="ids of misses and false alarms")
    parser.add_argument("--extra", action="append", default=[], help="another held-out set")
    parser.add_argument(
        "--no-everyday",
        action="store_true",
        help="train without the everyday negatives (ordinary.yaml and the data/nlu examples)",
    )
    args = parser.parse_args(argv)

    checker = engine.get_checker()
    everyday = not args.no_everyday
    sets = [s for s in development_sets() if everyday or s != "ordinary"]
    # a set without danger messages (ordinary.yaml) is always trained on, never held out
    held_out = [s for s in sets if load(s)[0]]
    print(f"development sets: {', '.join(sets)}; held out in turn: {', '.join(held_out)}")
    print(f"everyday negatives (ordinary.yaml, data/nlu examples): {'yes' if everyday else 'no'}")
    print(
        f"threshold {args.threshold:.2f}, after an explicit rule veto "
        f"{args.veto_threshold:.2f}; vetoes: {', '.join(sorted(engine.EXPLICIT_VETOES))}"
    )
    folds = [Fold(s, [o for o in sets if o != s], checker, everyday) for s in held_out]
    folds += [Fold(str(x), sets, checker, everyday) for x in args.extra]
    header = f"{'held out':10s} {'trained on':>10s}  {'rules alone':28s}  {'classifier alone':28s}  combined"
    print(header)
    print("-" * len(header.expandtabs()) + "-" * 20)
    pooled: dict[str, tuple[list[bool], list[bool]]] = {"r": ([], []), "c": ([], []), "b": ([], [])}
    for fold in folds:
        cells = []
        for key, flags in zip(
            "rcb", fold.verdicts(args.threshold, args.veto_threshold), strict=True
        ):
            pos, neg = fold.split(flags)
            cells.append(_cell(pos, neg))
            if fold.name in sets:
                pooled[key][0].extend(pos)
                pooled[key][1].extend(neg)
        label = Path(fold.name).stem
        print(f"{label:10s} {fold.train_size:>6d} msg  " + "  ".join(cells))
    print(
        f"{'pooled':10s} {'':>10s}  "
        + "  ".join(_cell(*pooled[k]) for k in "rcb")
        + "   (development sets only)"
    )
    print(
        "training time per fold: "
        + ", ".join(f"{Path(f.name).stem} {f.train_ms:.0f} ms" for f in folds)
    )

    if args.ids:
        for fold in folds:
            rules, clf, both = fold.verdicts(args.threshold, args.veto_threshold)
            missed = [i for i, y, _, _ in fold.items if y == 1 and not both[i]]
            alarms = [i for i, y, _, _ in fold.items if y == 0 and both[i]]
            added = [i for i, y, _, _ in fold.items if y == 1 and both[i] and not rules[i]]
            print(f"{Path(fold.name).stem}: combined missed {', '.join(missed) or '-'}")
            print(
                f"{'':{len(Path(fold.name).stem)}s}  combined false alarms {', '.join(alarms) or '-'}"
            )
            print(
                f"{'':{len(Path(fold.name).stem)}s}  caught by the classifier only {', '.join(added) or '-'}"
            )

    if args.sweep:
        print("\npooled over the development sets (each scored by the model trained without it)")
        print(f"{'thr':>5s} {'veto':>5s}  {'classifier alone':28s}  combined")
        dev_folds = [f for f in folds if f.name in sets]
        for veto in (0.95, 0.99, 1.01):
            for thr in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8):
                cp, cn, bp, bn = [], [], [], []
                for fold in dev_folds:
                    _, clf, both = fold.verdicts(thr, max(veto, thr))
                    p, n = fold.split(clf)
                    cp += p
                    cn += n
                    p, n = fold.split(both)
                    bp += p
                    bn += n
                print(f"{thr:5.2f} {veto:5.2f}  {_cell(cp, cn)}  {_cell(bp, bn)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
