"""Create a staff account.

python -m bot.staff.create_user --email someone@council.gov.uk --role manager
echo "$PASSWORD" | python -m bot.staff.create_user --email ... --role navigator --password-stdin
"""

from __future__ import annotations

import argparse
import getpass
import sys

from bot.db.session import get_sessionmaker
from bot.staff.models import ROLES
from bot.staff.security import MIN_PASSWORD_LENGTH, create_user


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Create a Kinship Navigator staff account.")
    parser.add_argument("--email", required=True)
    parser.add_argument("--role", choices=ROLES, default="navigator")
    parser.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    args = parser.parse_args(argv)
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(f"Password (at least {MIN_PASSWORD_LENGTH} characters): ")
        if getpass.getpass("Same password again: ") != password:
            print("The passwords are not the same. Nothing was created.", file=sys.stderr)
            return 1
    with get_sessionmaker()() as db:
        try:
            user = create_user(db, args.email, password, args.role)
        except ValueError as exc:
            print(f"Not created: {exc}.", file=sys.stderr)
            return 1
        db.commit()
        print(f"Created {user.role} account for {user.email}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
