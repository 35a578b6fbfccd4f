"""Application settings, read from the environment (and an optional `.env` file).

Every setting is documented in `.env.example`. Outside development the app refuses to start
with placeholder secrets left in (see `Settings.check_production_ready`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER_SECRET = "change-me-development-only"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"

    app_host: str = "127.0.0.1"
    app_port: int = 8000
    public_base_url: str = "http://127.0.0.1:8000"

    rasa_url: str = "http://127.0.0.1:5005"
    rasa_token: str = PLACEHOLDER_SECRET
    action_token: str = PLACEHOLDER_SECRET
    rasa_timeout_seconds: float = 15.0
    # Rasa's tracker store, as Rasa is started with it: erasure and retention delete a
    # conversation there too (bot/chat/tracker_store.py). Relative paths: from the project.
    rasa_endpoints: str = "endpoints.yml"
    rasa_tracker_db: str = "var/rasa_tracker.db"
    rasa_tracker_url: str = ""

    database_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'app.db'}"

    secret_key: str = PLACEHOLDER_SECRET
    max_message_chars: int = Field(default=2000, ge=1)

    # When set, /metrics needs "Authorization: Bearer <token>" (required in production).
    metrics_token: str = ""

    # Rate limits on the chat API, per minute (0 turns a limit off).
    rate_limit_per_session: int = 30
    rate_limit_per_address: int = 300
    rate_limit_sessions_per_address: int = 60

    # --- hand-off: notification e-mails, staff sessions, retention ---
    smtp_host: str = ""  # empty: notification mails wait in the outbox until it is set
    smtp_port: int = 25
    smtp_from: str = "kinship-assistant@localhost"
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = False
    navigator_team_email: str = ""
    outbox_poll_seconds: float = Field(default=10.0, gt=0)
    retention_interval_seconds: float = Field(default=3600.0, gt=0)
    staff_session_hours: float = Field(default=8.0, gt=0)

    # Tests only: the time the app takes as "now" (bot/core/clock.py), ISO 8601 with its UTC
    # offset. Honoured only when ENVIRONMENT=test; ignored otherwise.
    fixed_now: str = ""

    @field_validator("fixed_now")
    @classmethod
    def _fixed_now_is_a_time(cls, value: str) -> str:
        from bot.core.clock import parse_fixed_now

        value = value.strip()
        if value:
            parse_fixed_now(value)
        return value

    def problems_for_production(self) -> list[str]:
        """What stops this configuration from being run in production, in plain words."""
        problems = []
        for name in ("rasa_token", "action_token", "secret_key"):
            value = getattr(self, name)
            if value == PLACEHOLDER_SECRET or len(value) < 16:
                problems.append(
                    f"{name.upper()} is still the development placeholder (or shorter than 16 "
                    "characters): set a long random value."
                )
        if not self.metrics_token:
            problems.append("METRICS_TOKEN is not set: /metrics would be open to anyone.")
        return problems


@lru_cache
def get_settings() -> Settings:
    return Settings()
