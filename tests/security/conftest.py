"""Signed-in staff clients, shared with tests/staff."""

from tests.staff.conftest import manager, navigator  # noqa: F401 - fixtures
