"""Reading the project's YAML data files, and where trained models are kept between starts.

Why: at start the app trains or loads a dozen readings and the safety classifier, and each of them
reads the same development sets (tens of files, some of 2,000 lines). With PyYAML's pure-Python
parser that took most of a minute on 2 cores (2026-12-07, under a profiler: nearly all of the
36 s the reading after the safety lines took to start went on parsing YAML), and with two app
workers starting side by side the app did not answer within the 90 s a live test gave it. libyaml's parser (PyYAML's C loader, in the wheel) reads the
same files about ten times faster, and each file is parsed once per process while it is unchanged.
"""

from __future__ import annotations

import copy
import os
import threading
from pathlib import Path
from typing import Any

import yaml

CACHE_DIR = Path(
    os.environ.get("NEED_CACHE_DIR") or Path(__file__).resolve().parents[2] / "var" / "cache"
)

# libyaml when PyYAML was built with it (it is, in the wheels on PyPI); the same results as
# yaml.safe_load on plain data files, which is all this reads.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_parsed: dict[Path, tuple[tuple[int, int], Any]] = {}
_lock = threading.Lock()


def parse_yaml(text: str) -> Any:
    """``yaml.safe_load`` with the fast loader."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader


def read_yaml(path: Path | str) -> Any:
    """The data in a YAML file, as ``yaml.safe_load`` gives it; parsed once while the file is
    unchanged (its size and modification time), and a fresh copy each time, so a caller may
    change what it got. Raises what reading or parsing the file raises."""
    path = Path(path).resolve()
    stat = path.stat()
    key = (stat.st_mtime_ns, stat.st_size)
    with _lock:
        held = _parsed.get(path)
    if held is None or held[0] != key:
        data = parse_yaml(path.read_text(encoding="utf-8"))
        with _lock:
            _parsed[path] = (key, data)
    else:
        data = held[1]
    return copy.deepcopy(data)
