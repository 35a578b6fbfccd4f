"""Changing the offer's text and restarting the app changes what the assistant says, with the
same trained model (no retraining)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
NEW_SENTENCE = "This sentence was added by a council officer to test a content change."


def test_text_change_needs_only_a_restart(live_system, tmp_path):
    content = tmp_path / "offer_content"
    shutil.copytree(ROOT / "offer_content", content)
    section = content / "sections" / "financial-support.md"
    text = section.read_text()
    section.write_text(text.replace("# For carers\n\n", f"# For carers\n\n{NEW_SENTENCE}\n\n", 1))
    model = live_system.rasa.args  # the same model file, loaded once
    try:
        live_system.stop_app()
        live_system.extra_env = {**live_system.extra_env, "CONTENT_DIR": str(content)}
        live_system.start_app()
        session = live_system.new_session()
        reply = live_system.say(session, "can I get any money for looking after my grandson")
        assert any(NEW_SENTENCE in m["text"] for m in reply["messages"])
        assert live_system.rasa.args == model and live_system.rasa.poll() is None
    finally:
        live_system.stop_app()
        live_system.extra_env = {
            k: v for k, v in live_system.extra_env.items() if k != "CONTENT_DIR"
        }
        live_system.start_app()
    reply = live_system.say(live_system.new_session(), "can I get any money for my grandson")
    assert not any(NEW_SENTENCE in m["text"] for m in reply["messages"])
