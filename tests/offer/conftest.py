"""Shared fixtures for the offer tests: the real content, a test app, and broken copies."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot.offer.loader import content_dir_from_env, load_offer
from bot.offer.models import Offer
from bot.offer.router import router
from tests.content_packs import filled_copy, in_use

# The content in use: offer_content/, or the filled-in copy on make test's second pass.
CONTENT_DIR = content_dir_from_env()


@pytest.fixture(scope="session")
def offer() -> Offer:
    return load_offer(CONTENT_DIR)


@pytest.fixture(scope="session")
def client() -> TestClient:
    app = FastAPI()
    app.include_router(router)
    return TestClient(app)


@pytest.fixture
def filled_in_use(tmp_path: Path, monkeypatch):
    """A copy of the content in use with every placeholder filled in (as a council going live
    has it), in use for one test."""
    yield from in_use(monkeypatch, filled_copy(CONTENT_DIR, tmp_path / "filled_content"))


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A copy of the real offer content that a test may break."""
    target = tmp_path / "offer_content"
    shutil.copytree(CONTENT_DIR, target)
    return target


@pytest.fixture
def edit(content_copy: Path) -> Callable[[str, str, str], Path]:
    """edit(file, old, new): replace text once in a file of the content copy."""

    def _edit(relative: str, old: str, new: str) -> Path:
        path = content_copy / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return content_copy

    return _edit
