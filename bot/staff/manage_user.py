"""Manage a staff account from the command line, when no manager can sign in to do it from the
staff pages (/navigator/staff). Audited as done by "command line".

python -m bot.staff.manage_user reset --email someone@council.gov.uk
python -m bot.staff.manage_user deactivate --email someone@council.gov.uk
python -m bot.staff.manage_user reactivate --email someone@council.gov.uk
python -m bot.staff.manage_user end-sessions --email someone@council.gov.uk

`reset` prints a one-time code (once: only its hash is kept) for the person to choose a new
password with at /navigator/reset-password; their old password and sessions stop working.
"""

from __future__ import annotations

import argparse
import sys

from bot.db.session import get_sessionmaker
from bot.staff import accounts
from bot.staff.security import RESET_CODE_LIFETIME, find_user

ACTIONS = ("reset", "deactivate", "reactivate", "end-sessions")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Manage a Kinship Navigator staff account.")
    parser.add_argument("action", choices=ACTIONS)
    parser.add_argument("--email", required=True)
    args = parser.parse_args(argv)
    with get_sessionmaker()() as db:
        user = find_user(db, args.email)
        if user is None:
            print(f"There is no staff account for {args.email}. Nothing was done.", file=sys.stderr)
            return 1
        try:
            if args.action == "reset":
                code = accounts.reset_password(db, user)
            elif args.action == "deactivate":
                ended = accounts.deactivate(db, user)
            elif args.action == "reactivate":
                accounts.reactivate(db, user)
            else:
                ended = accounts.end_sessions(db, user)
        except accounts.AccountRefused as exc:
            print(f"Nothing was done: {exc}", file=sys.stderr)
            return 1
        db.commit()
        if args.action == "reset":
            hours = int(RESET_CODE_LIFETIME.total_seconds() // 3600)
            print(
                f"Password reset code for {user.email} (shown only now; it works once, for "
                f"{hours} hours):\n\n    {code}\n\n"
                "With it they choose a new password at /navigator/reset-password. Their old "
                "password and every session of theirs no longer work."
            )
        elif args.action == "deactivate":
            print(f"Deactivated {user.email}; {ended} session(s) ended.")
        elif args.action == "reactivate":
            print(f"Reactivated {user.email}.")
        else:
            print(f"Signed {user.email} out everywhere; {ended} session(s) ended.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
