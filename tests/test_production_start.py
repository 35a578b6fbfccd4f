"""A production start refuses placeholder secrets and placeholder contact details."""

from __future__ import annotations

import pytest

from bot.main import ProductionConfigError, check_production
from bot.settings import PLACEHOLDER_SECRET, Settings


def test_development_starts_with_placeholders():
    check_production(Settings(environment="development"))


def test_production_refuses_placeholders_and_says_which():
    with pytest.raises(ProductionConfigError) as refused:
        check_production(Settings(environment="production", rasa_token=PLACEHOLDER_SECRET))
    message = str(refused.value)
    assert "RASA_TOKEN" in message and "SECRET_KEY" in message and "METRICS_TOKEN" in message
    assert "navigators.phone" in message  # the demo contact details in council.yml


def test_production_secrets_alone_are_not_enough_while_content_has_placeholders():
    settings = Settings(
        environment="production",
        rasa_token="r" * 32,
        action_token="a" * 32,
        secret_key="s" * 32,
        metrics_token="m" * 32,
    )
    with pytest.raises(ProductionConfigError) as refused:
        check_production(settings)
    assert "TOKEN" not in str(refused.value).split("placeholder still")[0]
