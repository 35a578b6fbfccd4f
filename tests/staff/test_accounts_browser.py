"""The staff account pages in Chromium: no serious or critical axe-core violations (the staff
accounts list with its forms, a reset code, your account, choosing a new password, sign-in).

Run with: .venv/bin/python -m pytest tests/staff -m browser
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from tests.axe import axe_script, serious_problems
from tests.staff.conftest import PASSWORD, make_user

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    import uvicorn

    from bot.main import create_app

    port = _free_port()
    config = uvicorn.Config(
        create_app(), host="127.0.0.1", port=port, log_config=None, log_level=None, access_log=False
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def manager_page(browser, base_url):
    axe_script()  # skips when axe-core is not vendored
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(base_url + "/navigator/sign-in")
    page.get_by_label("E-mail address").fill(make_user("manager"))
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/navigator/enquiries")
    yield page
    context.close()


@pytest.mark.parametrize(
    "path",
    ["/navigator/staff", "/navigator/account", "/navigator/reset-password", "/navigator/sign-in"],
)
def test_axe_finds_no_serious_problems(manager_page, base_url, path):
    page = manager_page
    page.goto(base_url + path)
    assert page.locator("h1").count() == 1
    assert serious_problems(page) == []


def test_the_reset_code_page_and_the_buttons_name_their_account(manager_page, base_url):
    page = manager_page
    navigator = make_user("navigator")
    page.goto(base_url + "/navigator/staff")
    assert serious_problems(page) == []
    for name in (f"Sign out everywhere for {navigator}", f"Deactivate {navigator}"):
        assert page.get_by_role("button", name=name, exact=True).count() == 1
    page.get_by_role("button", name=f"Make a password reset code for {navigator}").click()
    page.wait_for_url("**/reset-password")
    assert page.locator(".reset-code").inner_text().count("-") == 3
    assert serious_problems(page) == []
