"""Trains the app's readings into var/cache/ (or finds them there already), so the app and the
tests start without waiting for them. `scripts/train.sh` runs the three groups beside Rasa's
training, one process each.

    .venv/bin/python -m scripts.train_readings [after-danger | arrangement | others]   (all when
    none given)
"""

from __future__ import annotations

import sys

from bot.understanding.trained import GROUPS, train


def main(argv: list[str]) -> int:
    unknown = [group for group in argv if group not in GROUPS]
    if unknown:
        print(f"unknown group {unknown[0]!r}: choose from {', '.join(GROUPS)}", file=sys.stderr)
        return 2
    names = tuple(name for group in (argv or list(GROUPS)) for name in GROUPS[group])
    failed = train(names)
    if failed:
        print(
            f"could not be trained: {', '.join(failed)} (the log above says why)", file=sys.stderr
        )
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
