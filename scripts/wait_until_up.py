"""Waits until a URL answers 200 (used by `make run` and the tests' process fixtures)."""

from __future__ import annotations

import argparse
import sys
import time

import httpx


def wait(url: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    return False


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()
    sys.exit(0 if wait(args.url, args.timeout) else 1)
