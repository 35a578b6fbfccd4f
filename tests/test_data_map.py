"""docs/data-map.md and council.yml's `retention_days` say the same: every period the system
applies is in the map with its number and what it is for, and some store in the map is kept
for it. So a new period, or a changed number, cannot reach the council's DPIA unnoticed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.offer.loader import content_dir_from_env, load_offer

ROOT = Path(__file__).resolve().parents[1]
DATA_MAP = ROOT / "docs" / "data-map.md"


def _table(heading: str) -> list[list[str]]:
    """The rows (cells without the outer pipes) of the first table under `## heading`."""
    text = DATA_MAP.read_text(encoding="utf-8")
    section = text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    rows = [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines]
    assert all(len(row) == len(rows[0]) for row in rows), f"a row of '{heading}' is broken"
    return rows[2:]


@pytest.fixture(scope="module")
def retention_days() -> dict[str, int]:
    return load_offer(content_dir_from_env()).council.retention_days


def test_every_retention_period_is_in_the_map_with_its_number_and_purpose(retention_days):
    periods = {}
    for key, days, purpose in _table("Retention periods"):
        assert purpose, f"docs/data-map.md: say what the {key} period is for"
        periods[key.strip("`")] = int(days)
    assert periods == retention_days, (
        "docs/data-map.md's 'Retention periods' and council.yml's retention_days differ: "
        "change both together"
    )


def test_every_retention_period_keeps_some_store(retention_days):
    how_long = [row[4] for row in _table("Stores")]
    for key in retention_days:
        assert any(re.search(rf"`{key}` days", cell) for cell in how_long), (
            f"no store in docs/data-map.md is kept for `{key}` days"
        )
