"""Content changes go live without a restart; a mistake keeps the last good content in use and
says so (bot/offer/live.py)."""

from __future__ import annotations

import logging
import os
import re
import shutil
import time
from pathlib import Path

import pytest

from bot.offer.live import ContentWatcher, fingerprint
from bot.offer.loader import content_dir_from_env, get_offer
from tests.content_packs import in_use


@pytest.fixture
def content(tmp_path, monkeypatch) -> Path:
    """A copy of the offer content, in use as CONTENT_DIR; the real one again afterwards."""
    root = tmp_path / "offer_content"
    shutil.copytree(content_dir_from_env(), root)
    yield from in_use(monkeypatch, root)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    # a later modification time, even on a file system with coarse times
    later = time.time() + 5
    os.utime(path, (later, later))


def test_a_text_change_goes_live_without_a_restart(content):
    watcher = ContentWatcher(content)
    assert watcher.check() is False  # nothing changed yet
    edit(content / "sections" / "housing.md", "title: Housing", "title: Housing and homes")
    assert watcher.check() is True
    assert get_offer().sections["housing"].title == "Housing and homes"
    assert watcher.status.state == "ok"


def test_a_mistake_keeps_the_last_good_content_and_says_so(content, caplog):
    watcher = ContentWatcher(content)
    before = get_offer()
    edit(content / "sections" / "housing.md", "title: Housing", "titel: Housing")
    with caplog.at_level(logging.ERROR, logger="bot.offer.live"):
        assert watcher.check() is False
    assert get_offer() is before  # still serving the last good content
    assert get_offer().sections["housing"].title == "Housing"
    assert watcher.status.state == "invalid"
    assert any("housing.md" in p for p in watcher.status.problems), watcher.status.problems
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "NOT applied" in logged and "last good content" in logged and "housing.md" in logged
    # Logged once, not at every look while it stays broken.
    caplog.clear()
    with caplog.at_level(logging.ERROR, logger="bot.offer.live"):
        assert watcher.check() is False
    assert not caplog.records
    # Fixed: it goes live and the status is ok again.
    edit(content / "sections" / "housing.md", "titel: Housing", "title: Housing at last")
    assert watcher.check() is True
    assert get_offer().sections["housing"].title == "Housing at last"
    assert watcher.status.state == "ok"


def test_a_change_the_content_check_finds_wrong_is_not_used_either(content):
    # It loads, but `make content-check` says every section needs its sources: not put in use.
    watcher = ContentWatcher(content)
    path = content / "sections" / "housing.md"
    sources = re.search(r"^sources:\n(?:  - .*\n)+", path.read_text(encoding="utf-8"), re.M)
    edit(path, sources.group(0), "")
    assert watcher.check() is False
    assert watcher.status.state == "invalid"
    assert any("housing.md" in p and "sources" in p for p in watcher.status.problems)
    assert get_offer().sections["housing"].sources  # the last good content


def test_an_unreadable_file_is_a_mistake_too_never_a_crash(content):
    watcher = ContentWatcher(content)
    edit(content / "council.yml", "name:", "name: [unclosed\nname:")
    assert watcher.check() is False
    assert watcher.status.state == "invalid"
    assert get_offer().council.name  # the last good content


def test_the_fingerprint_sees_a_new_removed_or_changed_file(tmp_path):
    (tmp_path / "a.md").write_text("one", encoding="utf-8")
    first = fingerprint(tmp_path)
    assert fingerprint(tmp_path) == first
    (tmp_path / "b.yml").write_text("two", encoding="utf-8")
    second = fingerprint(tmp_path)
    assert second != first
    (tmp_path / "b.yml").unlink()
    assert fingerprint(tmp_path) == first
    (tmp_path / "notes.txt").write_text("not content", encoding="utf-8")
    assert fingerprint(tmp_path) == first


def test_health_says_when_the_content_in_the_folder_cannot_be_used(content):
    from fastapi.testclient import TestClient

    from bot.main import app

    with TestClient(app) as client:
        assert client.get("/health").json()["content"] == "ok"
        edit(content / "sections" / "housing.md", "title: Housing", "titel: Housing")
        app.state.content.check()
        body = client.get("/health").json()
        assert body["content"] == "invalid"
        assert "housing.md" not in str(body)  # the details are in the log, not public
        page = client.get("/offer/housing")
        assert page.status_code == 200 and "Housing" in page.text  # still served
