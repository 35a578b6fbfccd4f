"""How the second opinion on danger (bot/understanding/danger.py) would have done on messages
it never saw: 5-fold cross-validation over the safety check's labelled sets (bot/safety/data/
and the NLU examples, weighted as the safety classifier weighs them). In each fold the safety
classifier and the second opinion are trained on four fifths; on the fifth held out, for the
messages where the safety classifier ALONE (no rule) saw danger, it prints how many danger
messages each threshold would lose and how many false alarms it would set aside. (Also what it
would do to the rules' catches, which it is never allowed to override.) Then the whole decision
where no rule fired, as it was (classifier, then the second opinion setting aside) and as it is
(the classifier, or the mean of the two; bot/safety/engine.py). Prints figures; asserts nothing.

    .venv/bin/python -m scripts.bench_danger_cross [C]
"""

from __future__ import annotations

import random
import sys
import time

from bot.safety.classifier import SECOND_OPINION_ONLY, development_sets, train, training_data
from bot.safety.engine import (
    EXPLICIT_VETOES,
    MEAN_THRESHOLD,
    SECOND_OPINION_FROM,
    THRESHOLD,
    VETO_THRESHOLD,
    classifier_may_judge,
    get_checker,
    only_confirm_rules,
    rule_may_be_doubted,
)
from bot.safety.evaluation import load
from bot.understanding.danger import (
    DANGER,
    NEED_QUESTION_WEIGHT,
    NONE,
    extra_examples,
    need_questions,
)
from bot.understanding.danger import C as DEFAULT_C
from bot.understanding.text_classifier import TextClassifier

FOLDS = 5


def main(argv: list[str]) -> None:
    c = float(argv[0]) if argv else DEFAULT_C
    checker = get_checker()
    pairs, weights = training_data(development_sets())
    extra = [(t, label, 1.0) for t, label in extra_examples()]
    extra += [(q, NONE, NEED_QUESTION_WEIGHT) for q in need_questions()]
    texts = [t for t, _ in pairs]
    rules = [checker.rules_only(t) for t in texts]
    # the safety classifier does not learn from these sets (bot/safety/classifier.py)
    not_for_old = {x["text"] for name in SECOND_OPINION_ONLY for part in load(name) for x in part}
    for_old = {i for i, t in enumerate(texts) if t not in not_for_old}
    order = list(range(len(pairs)))
    random.Random(0).shuffle(order)
    results = []  # (is danger, a rule fired, safety classifier p, second opinion p)
    started = time.perf_counter()
    for k in range(FOLDS):
        held = set(order[k::FOLDS])
        kept = [i for i in order if i not in held]
        old = train(
            [pairs[i] for i in kept if i in for_old],
            checker.tokens,
            [weights[i] for i in kept if i in for_old],
        )
        new = TextClassifier(
            [texts[i] for i in kept] + [t for t, _, _ in extra],
            [DANGER if pairs[i][1] else NONE for i in kept] + [label for _, label, _ in extra],
            C=c,
            words=True,
            weights=[weights[i] for i in kept] + [w for _, _, w in extra],
        )
        for i in held:
            r = rules[i]
            old_p = old.probability(r.words, r.lemmas) if classifier_may_judge(r.words) else 0.0
            new_p = dict(new.probabilities(texts[i]))[DANGER]
            vetoed = bool(r.vetoes & EXPLICIT_VETOES) and classifier_may_judge(r.words)
            results.append(
                (
                    pairs[i][1],
                    r.assessment.danger,
                    old_p,
                    new_p,
                    vetoed,
                    rule_may_be_doubted(r),
                    only_confirm_rules(r.assessment) and classifier_may_judge(r.words),
                )
            )
    print(f"C={c}: {len(pairs)} messages, {FOLDS} folds, {time.perf_counter() - started:.0f} s")
    alone_danger = [r for r in results if r[0] and not r[1] and r[2] >= THRESHOLD]
    alone_false = [r for r in results if not r[0] and not r[1] and r[2] >= THRESHOLD]
    rule_danger = [r for r in results if r[0] and r[1]]
    rule_false = [r for r in results if not r[0] and r[1]]
    for t in (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5):
        lost = sum(r[3] < t for r in alone_danger)
        saved = sum(r[3] < t for r in alone_false)
        rules_lost = sum(r[3] < t for r in rule_danger)
        rules_saved = sum(r[3] < t for r in rule_false)
        print(
            f"  threshold {t:.2f}: classifier alone: danger lost {lost}/{len(alone_danger)}, "
            f"false alarms set aside {saved}/{len(alone_false)} | (rules: danger lost "
            f"{rules_lost}/{len(rule_danger)}, false set aside {rules_saved}/{len(rule_false)})"
        )

    # Rules that do not need confirming (bot/safety/engine.py RULE_DOUBT_MEAN): where both
    # classifiers read such a rule's catch as far from danger, on a message long enough for them.
    doubtable_danger = [r for r in rule_danger if r[5]]
    doubtable_false = [r for r in rule_false if r[5]]
    for t in (0.02, 0.03, 0.05, 0.08, 0.1):
        lost = sum((r[2] + r[3]) / 2 < t for r in doubtable_danger)
        saved = sum((r[2] + r[3]) / 2 < t for r in doubtable_false)
        print(
            f"  rules that need no confirming, mean of the two below {t:.2f}: danger lost "
            f"{lost}/{len(doubtable_danger)}, false alarms set aside {saved}/{len(doubtable_false)}"
        )

    # Rules flagged `confirm` (bot/safety/engine.py RULE_CONFIRM_MEAN): their catch stands only
    # when the mean of the two classifiers reaches the threshold.
    confirm_danger = [r for r in rule_danger if r[6]]
    confirm_false = [r for r in rule_false if r[6]]
    for t in (0.15, 0.2, 0.25, 0.3):
        lost = sum((r[2] + r[3]) / 2 < t for r in confirm_danger)
        saved = sum((r[2] + r[3]) / 2 < t for r in confirm_false)
        print(
            f"  rules that need confirming, mean of the two below {t:.2f}: danger lost "
            f"{lost}/{len(confirm_danger)}, false alarms set aside {saved}/{len(confirm_false)}"
        )

    # The whole decision where no rule fired (bot/safety/engine.py `combine`), as it was and as
    # it is: danger messages missed and false alarms over every held-out message.
    def former(r, alone=THRESHOLD) -> bool:
        needed = VETO_THRESHOLD if r[4] else alone
        return r[2] >= needed and r[3] >= 0.1

    def mean(t, alone_too=True, alone=THRESHOLD):
        def decide(r) -> bool:
            if r[4]:
                return r[2] >= VETO_THRESHOLD and r[3] >= 0.1
            together = r[2] >= SECOND_OPINION_FROM and (r[2] + r[3]) / 2 >= t
            return together or (alone_too and former(r, alone))

        return decide

    danger_all = [r for r in results if r[0]]
    false_all = [r for r in results if not r[0]]
    for name, decide in [
        (f"former rule (classifier {THRESHOLD}, second opinion 0.1)", former),
        *[(f"as well, the mean of the two at {t}", mean(t)) for t in (0.5, MEAN_THRESHOLD, 0.6)],
        *[(f"instead, the mean alone at {t}", mean(t, False)) for t in (0.5, MEAN_THRESHOLD)],
        *[
            (
                f"the mean at {MEAN_THRESHOLD}, the classifier alone at {a}",
                mean(MEAN_THRESHOLD, True, a),
            )
            for a in (0.7, 0.8)
        ],
    ]:
        missed = sum(1 for r in danger_all if not (r[1] or decide(r)))
        alarms = sum(1 for r in false_all if r[1] or decide(r))
        print(
            f"  {name}: danger missed {missed}/{len(danger_all)}, "
            f"false alarms {alarms}/{len(false_all)}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
