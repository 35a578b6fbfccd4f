"""Check the Kinship Local Offer content and explain each problem in plain words.

    python -m scripts.content_check                 # development: placeholders are warnings
    python -m scripts.content_check --production    # going live: placeholders are errors

With ENVIRONMENT=production (in the environment, or in .env as the app reads it) the check is
in production mode without --production: a server set up to go live never passes with
placeholders, or without the front door and out-of-hours numbers the safety reply gives.
Exit code 0 when there are no errors (warnings are allowed), 1 when there are errors.
The content folder is offer_content/ beside this project, or CONTENT_DIR, or --content-dir.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # so `python scripts/content_check.py` works too
    sys.path.insert(0, str(ROOT))

from bot.offer.checks import check_content  # noqa: E402
from bot.offer.loader import content_dir_from_env  # noqa: E402


def environment() -> str:
    """ENVIRONMENT as the app sees it: the environment first, then .env (bot/settings.py)."""
    value = os.environ.get("ENVIRONMENT")
    if value is None:
        env_file = Path(".env")
        if env_file.is_file():
            from dotenv import dotenv_values

            value = dotenv_values(env_file).get("ENVIRONMENT")
    return (value or "").strip().lower()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="content_check", description="Check the Kinship Local Offer content."
    )
    parser.add_argument(
        "--production",
        action="store_true",
        help="treat placeholders (demo phone numbers, links ...) as errors",
    )
    parser.add_argument(
        "--content-dir", type=Path, default=None, help="folder of offer content to check"
    )
    parser.add_argument("--quiet", action="store_true", help="print errors only")
    args = parser.parse_args(argv)

    content_dir = args.content_dir or content_dir_from_env()
    production = args.production or environment() == "production"
    problems = check_content(content_dir, production=production)
    errors = [p for p in problems if p.level == "error"]
    warnings = [p for p in problems if p.level == "warning"]

    mode = "production" if production else "development"
    print(f"Checking the offer content in {content_dir} ({mode} mode)")
    shown = errors if args.quiet else errors + warnings
    current_file = None
    for problem in sorted(shown, key=lambda p: (p.level != "error", p.file)):
        if problem.file != current_file:
            current_file = problem.file
            print(f"\n{problem.file}")
        field = f" {problem.field}:" if problem.field else ""
        print(f"  {problem.level.upper()}:{field} {problem.message}")
    print()
    if errors:
        print(f"{len(errors)} error(s), {len(warnings)} warning(s). Fix the errors and run again.")
        return 1
    print(f"No errors, {len(warnings)} warning(s). The content can be used.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
