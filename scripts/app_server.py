"""Starts the app exactly as `uvicorn <arguments>` would, after binding the process to the app's
cores (CPU_LAYOUT, bot/core/cpu_layout.py; worker processes inherit it). `make run` and the
tests start the app this way:

    .venv/bin/python -m scripts.app_server bot.main:app --host 127.0.0.1 --port 8000

The binding is done here rather than in the app's start-up so that code which imports the app
in its own process (the tests' TestClient, a one-off script) never binds that process.
"""

from __future__ import annotations

import sys

from bot.core import cpu_layout


def main() -> None:
    cpu_layout.apply("app")
    from uvicorn.main import main as uvicorn_main

    sys.argv = ["uvicorn", *sys.argv[1:]]
    uvicorn_main()


if __name__ == "__main__":
    main()
