"""CPU_LAYOUT: Rasa gets a core of its own, the app the others (bot/core/cpu_layout.py)."""

from __future__ import annotations

import os

import pytest

from bot.core.cpu_layout import apply, cores_for


def test_split_gives_rasa_the_last_core_and_the_app_the_rest():
    assert cores_for("rasa", "split", {0, 1}) == {1}
    assert cores_for("app", "split", {0, 1}) == {0}
    assert cores_for("rasa", "split", {2, 5, 7, 3}) == {7}
    assert cores_for("app", "split", {2, 5, 7, 3}) == {2, 3, 5}
    assert cores_for("app", " Split ", {0, 1}) == {0}


def test_one_core_or_none_leaves_placement_to_the_system():
    assert cores_for("rasa", "split", {0}) is None
    assert cores_for("app", "split", {0}) is None
    assert cores_for("rasa", "none", {0, 1}) is None
    assert cores_for("app", "", {0, 1}) is None


def test_mistakes_are_explained():
    with pytest.raises(ValueError, match="CPU_LAYOUT must be 'split' or 'none'"):
        cores_for("app", "spread", {0, 1})
    with pytest.raises(ValueError, match="unknown role"):
        cores_for("database", "split", {0, 1})


def test_the_default_is_split(monkeypatch):
    monkeypatch.delenv("CPU_LAYOUT", raising=False)
    assert cores_for("rasa", available={0, 1}) == {1}


def test_none_changes_nothing():
    before = os.sched_getaffinity(0)
    assert apply("rasa", "none") is None
    assert os.sched_getaffinity(0) == before


@pytest.mark.integration  # the real system (live_system)
@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs at least two cores")
def test_the_running_processes_are_bound_as_documented(live_system):
    """The real app and the real Rasa, started as `make run` starts them."""
    cores = sorted(os.sched_getaffinity(0))
    assert os.sched_getaffinity(live_system.rasa.pid) == {cores[-1]}
    assert os.sched_getaffinity(live_system.app.pid) == set(cores[:-1])
    # Every thread, including those started after start-up (TensorFlow's, the app's workers).
    for pid, expected in ((live_system.rasa.pid, {cores[-1]}), (live_system.app.pid, None)):
        threads = os.listdir(f"/proc/{pid}/task")
        assert len(threads) > 1
        for thread in threads:
            assert os.sched_getaffinity(int(thread)) == (expected or set(cores[:-1]))


def test_importing_and_starting_the_app_in_a_process_binds_nothing():
    """Only the launcher (scripts/app_server.py) binds: the app's own start-up, run here in the
    test process, leaves the process as it was."""
    from fastapi.testclient import TestClient

    from bot.main import app

    before = os.sched_getaffinity(0)
    with TestClient(app) as client:  # runs the app's start-up (lifespan)
        assert client.get("/api/offer/sections").status_code == 200
    assert os.sched_getaffinity(0) == before
