"""The "Offer content" page and its preview (bot/staff/content.py): what content staff see after
saving a change, without a developer."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from bot.offer.loader import content_dir_from_env, reload_offer
from bot.settings import get_settings
from tests.security.test_headers import INLINE

NEW_SENTENCE = "A preview sentence that visitors do not see yet."
OLD_TEXT = "If you need more space because a child has come to live with you"
BANNER = "Preview — not what visitors see until it goes live."


@pytest.fixture
def content(tmp_path, monkeypatch) -> Path:
    """A copy of the offer content in use as CONTENT_DIR (request it before `navigator`: the
    app then watches the copy). The app's own look for changes is pushed an hour away, so only
    the test decides when a change goes live. The real content again afterwards."""
    root = tmp_path / "offer_content"
    shutil.copytree(content_dir_from_env(), root)
    monkeypatch.setenv("CONTENT_DIR", str(root))
    monkeypatch.setattr(get_settings(), "content_reload_seconds", 3600.0)
    reload_offer()
    yield root
    monkeypatch.undo()
    reload_offer()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    later = time.time() + 5  # a later modification time, even on a coarse file system
    os.utime(path, (later, later))


def test_a_navigator_sees_the_real_content_in_use_with_no_errors(navigator):
    page = navigator.get("/navigator/content")
    assert page.status_code == 200
    assert "In use:" in page.text and "as it is now" in page.text
    assert "No problems: the content in the folder can be used." in page.text
    assert "ERROR:" not in page.text
    assert "Anyone signed in to these staff pages can see it." in page.text
    assert "glossary.yml" in page.text and "make train" in page.text
    assert 'href="/navigator/content/preview/housing"' in page.text
    # The link in the staff pages' navigation, for every member of staff.
    assert 'href="/navigator/content"' in navigator.get("/navigator/enquiries").text


def test_a_mistake_is_listed_in_plain_words_with_its_file_and_field(content, navigator):
    housing = content / "sections" / "housing.md"
    edit(housing, "review_due: 2027-06-30", "review_due: end of June")
    problem = "review_due: should be a date written like 2026-05-31"

    page = navigator.get("/navigator/content")
    assert page.status_code == 200
    assert "sections/housing.md" in page.text and problem in page.text
    assert "The folder has a change with mistakes. It will not go live" in page.text
    assert "the change goes live within 3600 seconds of saving" in page.text
    assert "There is no preview" in page.text

    # The app looks: the change is refused and the last good version stays in use.
    assert navigator.app.state.content.check() is False
    page = navigator.get("/navigator/content")
    assert "An older version is in use." in page.text and problem in page.text

    preview = navigator.get("/navigator/content/preview/housing")
    assert preview.status_code == 200
    assert "No preview: the content folder has problems" in preview.text
    assert problem in preview.text and BANNER not in preview.text


def test_the_preview_shows_a_saved_change_before_it_goes_live(content, navigator):
    housing = content / "sections" / "housing.md"
    edit(housing, OLD_TEXT, f"{NEW_SENTENCE} {OLD_TEXT}")

    page = navigator.get("/navigator/content")
    assert "A change is waiting to go live." in page.text

    preview = navigator.get("/navigator/content/preview/housing")
    assert preview.status_code == 200
    assert BANNER in preview.text and NEW_SENTENCE in preview.text
    assert '<meta name="robots" content="noindex, nofollow">' in preview.text
    assert "widget.js" not in preview.text  # no chat on a preview
    public = navigator.get("/offer/housing")
    assert OLD_TEXT in public.text and NEW_SENTENCE not in public.text
    assert BANNER not in public.text and "noindex" not in public.text
    assert 'src="/widget/widget.js"' in public.text  # the chat stays on the public page

    # The app looks: the change goes live, and the page says the folder is in use.
    assert navigator.app.state.content.check() is True
    assert NEW_SENTENCE in navigator.get("/offer/housing").text
    assert "In use:" in navigator.get("/navigator/content").text


def test_a_section_the_folder_does_not_have_is_not_found(navigator):
    response = navigator.get("/navigator/content/preview/no-such-section")
    assert response.status_code == 404
    assert BANNER in response.text


@pytest.mark.parametrize("path", ["/navigator/content", "/navigator/content/preview/housing"])
def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client, path):
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/navigator/sign-in"
    assert "In use" not in response.text and NEW_SENTENCE not in response.text


@pytest.mark.parametrize("path", ["/navigator/content", "/navigator/content/preview/housing"])
def test_the_pages_send_the_staff_security_headers(navigator, path):
    response = navigator.get(path)
    assert response.status_code == 200
    headers = response.headers
    assert headers["cache-control"] == "no-store"
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self';" in headers["content-security-policy"]
    for pattern, name in INLINE:
        assert not pattern.search(response.text), f"{path}: {name}"
