"""Application settings, read from the environment (and an optional `.env` file).

Every setting is documented in `.env.example`. The app refuses to start, in every environment,
without an explicit ENVIRONMENT or with an empty or placeholder token; in production also
without PUBLIC_BASE_URL, a metrics token, a mail server and the navigator team's address, TLS to
a remote mail server, or with placeholder contact details (`Settings.problems_at_start`, checked by `bot.main.check_config`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[1]
# Values that are clearly not a secret someone chose: refused for every token in use.
_PLACEHOLDER_WORDS = ("change-me", "changeme", "change_me", "placeholder", "example", "xxxx")
_PLACEHOLDER_VALUES = {"secret", "password", "token", "test", "dev", "development", "none", "null"}
LOOPBACK_HOSTS = {"127.0.0.1", "::1", "localhost"}


def is_placeholder(value: str) -> bool:
    """An empty token, or one that is plainly a placeholder ("change-me", "secret" ...)."""
    value = value.strip().lower()
    return (
        not value
        or value in _PLACEHOLDER_VALUES
        or any(word in value for word in _PLACEHOLDER_WORDS)
    )


def origins(value: str) -> list[str]:
    """The origins listed in a setting (spaces or commas between them)."""
    return [part for part in re.split(r"[\s,]+", value.strip()) if part]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    # No silent default for a real start: the app refuses to start unless ENVIRONMENT is set
    # (the environment or .env); `make run` sets development, the tests set test.
    environment: Literal["development", "test", "production"] = "development"

    app_host: str = "127.0.0.1"
    app_port: int = 8000
    # The address people reach the app at: the links in notification mails and the Open
    # Referral export are built from it, never from a request's Host header. Required (https)
    # in production; elsewhere it defaults to http://APP_HOST:APP_PORT (see `base_url`).
    public_base_url: str = ""
    # The council's site(s) allowed to show the app's pages in a frame (CSP frame-ancestors),
    # e.g. "https://www.example.gov.uk"; empty: only the app's own pages.
    frame_ancestors: str = ""
    # The council's site(s) whose pages may call the chat API (/api/chat/...) from the browser
    # (CORS), for the widget embedded with data-api-base pointing here. Empty: only pages
    # served by the app itself (same origin). No other route is ever opened to other sites.
    allowed_embed_origins: str = ""

    rasa_url: str = "http://127.0.0.1:5005"
    # Both tokens are required in every environment (`make run` and the tests make random ones).
    rasa_token: str = ""
    action_token: str = ""
    rasa_timeout_seconds: float = 15.0
    # Rasa's tracker store, as Rasa is started with it: erasure and retention delete a
    # conversation there too (bot/chat/tracker_store.py). Relative paths: from the project.
    rasa_endpoints: str = "endpoints.yml"
    rasa_tracker_db: str = "var/rasa_tracker.db"
    rasa_tracker_url: str = ""

    database_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'app.db'}"

    max_message_chars: int = Field(default=2000, ge=1)

    # When set, /metrics needs "Authorization: Bearer <token>" (required in production).
    metrics_token: str = ""

    # Rate limits on the chat API, per minute (0 turns a limit off).
    rate_limit_per_session: int = 30
    rate_limit_per_address: int = 300
    rate_limit_sessions_per_address: int = 60
    # "Leave a message" (POST /api/chat/fallback-enquiry), per hour: per address (an IPv6
    # address counts by its /64) and for everyone together (0 turns a limit off).
    fallback_enquiries_per_address_per_hour: int = 10
    fallback_enquiries_per_hour: int = 60
    # Where the rate limits count (bot/core/ratelimit.py): "memory", each app worker on its
    # own; or "redis", shared by every worker and host, in the Redis named below.
    rate_limit_store: Literal["memory", "redis"] = "memory"
    # Redis: Rasa's lock store (endpoints.production*.yml), and the app's rate limits with
    # RATE_LIMIT_STORE=redis. REDIS_CA_FILE set: TLS, Redis's certificate checked against that
    # CA (and, by the app, its host name).
    redis_host: str = "127.0.0.1"
    redis_port: int = 6379
    redis_password: str = ""
    redis_ca_file: str = ""
    # How long the token the widget's config gives for "leave a message" is valid (it lets the
    # widget leave one when the chat failed although the assistant is up, e.g. a timeout).
    fallback_token_minutes: float = Field(default=30.0, gt=0)
    # A chat with nothing said for this long has ended: its next message is refused (410) and
    # the widget starts a new one.
    chat_session_idle_hours: float = Field(default=2.0, gt=0)

    # --- hand-off: notification e-mails, staff sessions, retention ---
    smtp_host: str = ""  # empty: notification mails wait in the outbox until it is set
    smtp_port: int = 25
    smtp_from: str = "kinship-assistant@localhost"
    smtp_username: str = ""
    smtp_password: str = ""
    # STARTTLS with the certificate and host name verified. Always used when SMTP_USERNAME is
    # set (a password is never sent in clear); required in production for a server that is not
    # on this machine. SMTP_CA_FILE: a CA bundle to trust instead of the system's (PEM).
    smtp_starttls: bool = False
    smtp_ca_file: str = ""
    navigator_team_email: str = ""
    # Children's social care's secure inbox (the Integrated Front Door / MASH): a young person's
    # request for help after a danger message (a safeguarding referral) is announced here, not
    # to the Navigators, who support the family's carers. Empty: NAVIGATOR_TEAM_EMAIL (refused
    # in production: the council must decide where referrals go).
    safeguarding_referral_email: str = ""
    outbox_poll_seconds: float = Field(default=10.0, gt=0)
    # Messages left through "leave a message" (POST /api/chat/fallback-enquiry) that are not
    # urgent are announced together: one digest mail once the oldest has waited this long, so
    # the form cannot flood the Navigators' mailbox (bot/notifications/service.py). Hand-offs
    # from the chat and every urgent enquiry keep their own mail at once.
    fallback_digest_minutes: float = Field(default=15.0, gt=0)
    # How often the app applies the retention periods itself (bot/enquiries/retention.py), the
    # first time as it starts. 0: never, where something else runs `python -m
    # bot.enquiries.retention` (and in the in-process tests, which apply it themselves: a run
    # started with the app raced them). Refused in production: personal data must be deleted.
    retention_interval_seconds: float = Field(default=3600.0, ge=0)
    # How often the app looks for content changes to put live (bot/offer/live.py); 0: never.
    content_reload_seconds: float = Field(default=10.0, ge=0)
    staff_session_hours: float = Field(default=8.0, gt=0)
    # How long a browser that signed in is remembered (its device cookie): its sign-in tries are
    # let through the account's wait for guessing from many addresses (bot/staff/security.py).
    # Each sign-in renews it.
    staff_device_cookie_days: float = Field(default=90.0, gt=0)

    # Tests only: the time the app takes as "now" (bot/core/clock.py), ISO 8601 with its UTC
    # offset. Honoured only when ENVIRONMENT=test; ignored otherwise.
    fixed_now: str = ""

    @property
    def base_url(self) -> str:
        """PUBLIC_BASE_URL without a trailing slash (outside production it falls back to the
        address the app listens on)."""
        return (self.public_base_url or f"http://{self.app_host}:{self.app_port}").rstrip("/")

    @property
    def smtp_tls(self) -> bool:
        """Whether mail is sent over STARTTLS: when asked for, and always with a sign-in."""
        return self.smtp_starttls or bool(self.smtp_username)

    @field_validator("public_base_url")
    @classmethod
    def _public_base_url_is_an_address(cls, value: str) -> str:
        value = value.strip()
        if value:
            parts = urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
                raise ValueError(
                    "PUBLIC_BASE_URL must be an address like https://kinship.example.gov.uk"
                )
        return value

    @field_validator("frame_ancestors", "allowed_embed_origins")
    @classmethod
    def _sites_are_origins(cls, value: str, info: ValidationInfo) -> str:
        for origin in origins(value):
            parts = urlsplit(origin)
            if (
                parts.scheme not in ("http", "https")
                or not parts.netloc
                or parts.path not in ("", "/")
                or parts.query
                or parts.fragment
                or not re.fullmatch(r"[A-Za-z0-9.:*\[\]-]+", parts.netloc)
                # CORS compares whole origins: a wildcard would match nothing (or everything).
                or (info.field_name == "allowed_embed_origins" and "*" in parts.netloc)
            ):
                raise ValueError(
                    f"{info.field_name.upper()}: {origin!r} is not a site address like "
                    "https://www.example.gov.uk"
                )
        # Browsers send an Origin without a trailing slash.
        return " ".join(origin.rstrip("/") for origin in origins(value))

    @field_validator("fixed_now")
    @classmethod
    def _fixed_now_is_a_time(cls, value: str) -> str:
        from bot.core.clock import parse_fixed_now

        value = value.strip()
        if value:
            parse_fixed_now(value)
        return value

    def problems_at_start(self) -> list[str]:
        """What stops the app from starting with this configuration, in plain words. Every
        environment: ENVIRONMENT set explicitly, no empty or placeholder token. Production:
        also `problems_for_production`."""
        problems = []
        if "environment" not in self.model_fields_set:
            problems.append(
                "ENVIRONMENT is not set: set it to production (or development, test) in the "
                "environment or .env; the app does not guess."
            )
        for name in ("rasa_token", "action_token"):
            if is_placeholder(getattr(self, name)):
                problems.append(
                    f"{name.upper()} is empty or a placeholder: set a long random value "
                    "(make run makes one per run)."
                )
        if self.metrics_token and is_placeholder(self.metrics_token):
            problems.append("METRICS_TOKEN is a placeholder: set a long random value.")
        if self.smtp_username and is_placeholder(self.smtp_password):
            problems.append("SMTP_USERNAME is set but SMTP_PASSWORD is empty or a placeholder.")
        if self.environment == "production":
            problems += self.problems_for_production()
        return problems

    def problems_for_production(self) -> list[str]:
        """What stops this configuration from being run in production, in plain words."""
        problems = []
        for name in ("rasa_token", "action_token", "metrics_token"):
            value = getattr(self, name)
            if not is_placeholder(value) and len(value) < 16:
                problems.append(f"{name.upper()} is shorter than 16 characters.")
        if not self.metrics_token:
            problems.append("METRICS_TOKEN is not set: /metrics would be open to anyone.")
        if not self.public_base_url:
            problems.append(
                "PUBLIC_BASE_URL is not set: links in mails and the Open Referral export need "
                "the address people use (https://...)."
            )
        elif urlsplit(self.public_base_url).scheme != "https":
            problems.append("PUBLIC_BASE_URL must start with https:// in production.")
        if any(urlsplit(o).scheme != "https" for o in origins(self.frame_ancestors)):
            problems.append("FRAME_ANCESTORS must list https:// sites only in production.")
        if any(urlsplit(o).scheme != "https" for o in origins(self.allowed_embed_origins)):
            problems.append("ALLOWED_EMBED_ORIGINS must list https:// sites only in production.")
        # An enquiry the carer was told was sent must reach a person: without these the
        # notification mails would wait in the outbox and nobody would know.
        if not self.retention_interval_seconds:
            problems.append(
                "RETENTION_INTERVAL_SECONDS is 0: the app would never delete personal data when "
                "its retention period ends."
            )
        if not self.smtp_host:
            problems.append(
                "SMTP_HOST is not set: the Kinship Navigators would never be told of new "
                "enquiries (the mails would wait in the outbox)."
            )
        if not self.navigator_team_email.strip():
            problems.append(
                "NAVIGATOR_TEAM_EMAIL is not set: new enquiries would be announced to nobody."
            )
        if not self.safeguarding_referral_email.strip():
            problems.append(
                "SAFEGUARDING_REFERRAL_EMAIL is not set: a child's request for help after a "
                "danger message would be announced to the Kinship Navigators, not to children's "
                "social care (set it to the front door's secure inbox)."
            )
        if self.smtp_host and self.smtp_host not in LOOPBACK_HOSTS and not self.smtp_tls:
            problems.append(
                f"SMTP_HOST {self.smtp_host} is not on this machine: set SMTP_STARTTLS=true "
                "(mail would cross the network unencrypted)."
            )
        return problems


@lru_cache
def get_settings() -> Settings:
    return Settings()
