"""The app fails closed: a start refuses an ENVIRONMENT left unset and empty or placeholder
tokens in every environment, and a production start refuses each unsafe default (bot/main.py's
`check_config`, run by the app's lifespan before anything else)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from bot.main import UnsafeConfigError, check_config, create_app
from bot.settings import Settings

TOKENS = {"rasa_token": "r" * 32, "action_token": "a" * 32}
SAFE_PRODUCTION = {
    **TOKENS,
    "environment": "production",
    "metrics_token": "m" * 32,
    "public_base_url": "https://kinship.example.gov.uk",
    "smtp_host": "127.0.0.1",
    "navigator_team_email": "kinship.navigators@example.gov.uk",
    "safeguarding_referral_email": "front.door@example.gov.uk",
    "retention_interval_seconds": 3600.0,  # the tests' own environment says 0 (tests/conftest.py)
}


def refusal(**values) -> str:
    with pytest.raises(UnsafeConfigError) as refused:
        check_config(Settings(**values))
    return str(refused.value)


def settings_part(message: str) -> str:
    """The refusal without the content's placeholders (the demo council.yml has them)."""
    return message.split("\n- placeholder still in the content")[0]


def test_development_and_test_start_with_random_tokens():
    check_config(Settings(environment="development", **TOKENS))
    check_config(Settings(environment="test", **TOKENS))


def test_environment_must_be_set_explicitly(monkeypatch):
    monkeypatch.delenv("ENVIRONMENT", raising=False)
    settings = Settings(_env_file=None, **TOKENS)
    assert settings.environment == "development"  # the value tools read ...
    with pytest.raises(UnsafeConfigError, match="ENVIRONMENT is not set"):
        check_config(settings)  # ... but the server does not start on a guess


@pytest.mark.parametrize("environment", ["development", "test", "production"])
@pytest.mark.parametrize("name", ["rasa_token", "action_token"])
@pytest.mark.parametrize("value", ["", "   ", "change-me-development-only", "changeme", "secret"])
def test_empty_or_placeholder_tokens_are_refused_in_every_environment(environment, name, value):
    values = {**SAFE_PRODUCTION, "environment": environment, name: value}
    assert f"{name.upper()} is empty or a placeholder" in refusal(**values)


def test_a_placeholder_metrics_token_is_refused_everywhere():
    message = refusal(environment="development", **TOKENS, metrics_token="change-me")
    assert "METRICS_TOKEN is a placeholder" in message


def test_smtp_sign_in_without_a_password_is_refused():
    message = refusal(environment="test", **TOKENS, smtp_username="kinship")
    assert "SMTP_PASSWORD" in message


# Each unsafe default of a production start, with the words the refusal uses.
UNSAFE_IN_PRODUCTION = [
    ({"metrics_token": ""}, "METRICS_TOKEN is not set"),
    ({"rasa_token": "short-token"}, "RASA_TOKEN is shorter than 16"),
    ({"action_token": "short-token"}, "ACTION_TOKEN is shorter than 16"),
    ({"public_base_url": ""}, "PUBLIC_BASE_URL is not set"),
    ({"public_base_url": "http://kinship.example.gov.uk"}, "PUBLIC_BASE_URL must start with https"),
    ({"frame_ancestors": "http://www.example.gov.uk"}, "FRAME_ANCESTORS must list https"),
    ({"smtp_host": "mail.example.gov.uk"}, "SMTP_STARTTLS=true"),
    ({"smtp_host": ""}, "SMTP_HOST is not set"),
    ({"navigator_team_email": ""}, "NAVIGATOR_TEAM_EMAIL is not set"),
    ({"navigator_team_email": "  "}, "NAVIGATOR_TEAM_EMAIL is not set"),
    ({"safeguarding_referral_email": ""}, "SAFEGUARDING_REFERRAL_EMAIL is not set"),
    ({"allowed_embed_origins": "http://www.example.gov.uk"}, "ALLOWED_EMBED_ORIGINS must list"),
    ({"retention_interval_seconds": 0}, "RETENTION_INTERVAL_SECONDS is 0"),
]


@pytest.mark.parametrize(("unsafe", "words"), UNSAFE_IN_PRODUCTION)
def test_production_refuses_each_unsafe_default(unsafe, words):
    assert words in settings_part(refusal(**{**SAFE_PRODUCTION, **unsafe}))
    # The same values are no obstacle in development.
    check_config(Settings(**{**SAFE_PRODUCTION, **unsafe, "environment": "development"}))


def test_production_settings_alone_are_not_enough_while_content_has_placeholders(demo_in_use):
    message = refusal(**SAFE_PRODUCTION)
    assert settings_part(message).strip() == "Refusing to start (ENVIRONMENT=production):"
    assert "navigators.phone" in message  # the demo contact details in council.yml


def test_mail_to_this_machine_or_over_tls_is_allowed_in_production(demo_in_use):
    for smtp in (
        {"smtp_host": "127.0.0.1"},
        {"smtp_host": "mail.example.gov.uk", "smtp_starttls": True},
        {"smtp_host": "mail.example.gov.uk", "smtp_username": "u", "smtp_password": "p" * 20},
    ):
        assert "SMTP" not in settings_part(refusal(**{**SAFE_PRODUCTION, **smtp}))


@pytest.mark.parametrize(
    "value", ["not a url", "ftp://x.example", "https://", "https://x.example/?q=1"]
)
def test_public_base_url_must_be_an_address(value):
    with pytest.raises(ValueError, match="PUBLIC_BASE_URL"):
        Settings(public_base_url=value)


@pytest.mark.parametrize(
    "value", ["'unsafe-inline'", "*", "https://x.example/page", "https://x.example;script-src"]
)
def test_frame_ancestors_must_be_site_addresses(value):
    with pytest.raises(ValueError, match="FRAME_ANCESTORS"):
        Settings(frame_ancestors=value)


def test_the_real_app_does_not_start_with_an_unsafe_configuration(monkeypatch):
    """The lifespan runs the check: the server stops before it serves anything."""
    unsafe = Settings(environment="test", rasa_token="", action_token="a" * 32)
    monkeypatch.setattr("bot.main.get_settings", lambda: unsafe)
    with pytest.raises(UnsafeConfigError, match="RASA_TOKEN"), TestClient(create_app(unsafe)):
        pass
