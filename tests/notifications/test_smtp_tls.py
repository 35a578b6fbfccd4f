"""Notification mail over verified TLS: STARTTLS checks the server's certificate and name, and a
sign-in (SMTP_USERNAME) always goes over TLS, never in clear. A real aiosmtpd server with a
throwaway certificate for `localhost` (made by openssl); the plain loopback server without a
sign-in is tests/notifications/test_outbox.py."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from sqlalchemy import select

from bot.db.session import get_sessionmaker
from bot.notifications.models import OutboxMail
from bot.notifications.service import send_pending, tls_context
from tests.conftest import MailSink, free_port
from tests.notifications.test_outbox import clear_outbox, new_enquiry, settings_for

PASSWORD = "a-long-smtp-password-for-tests"

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for the name `localhost` only (not 127.0.0.1)."""
    folder = tmp_path_factory.mktemp("smtp-tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost"]
        + ["-addext", "subjectAltName=DNS:localhost"],
        check=True,
        capture_output=True,
    )
    return cert, key


class Accounts:
    """aiosmtpd authenticator: records each sign-in (and whether it came over TLS)."""

    def __init__(self):
        self.sign_ins: list[tuple[str, bool]] = []

    def __call__(self, server, session, envelope, mechanism, auth_data):
        assert isinstance(auth_data, LoginPassword)
        self.sign_ins.append((auth_data.login.decode(), session.ssl is not None))
        return AuthResult(success=auth_data.password.decode() == PASSWORD)


@pytest.fixture(scope="module")
def tls_server(certificate):
    import ssl

    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    sink, accounts = MailSink(), Accounts()
    sink.port = free_port()
    controller = Controller(
        sink,
        hostname="127.0.0.1",
        port=sink.port,
        tls_context=context,
        require_starttls=True,
        authenticator=accounts,
        auth_require_tls=True,
    )
    controller.start()
    sink.accounts = accounts
    try:
        yield sink
    finally:
        controller.stop()


def send_one(settings) -> tuple[int, OutboxMail, str]:
    """Queue one enquiry's mail and try to send it; (sent, the mail, its reference)."""
    with get_sessionmaker()() as db:
        clear_outbox(db)
        enquiry = new_enquiry(db)
        sent = send_pending(db, settings)
        mail = db.scalar(select(OutboxMail).where(OutboxMail.enquiry_id == enquiry.id))
        db.expunge(mail)
        return sent, mail, enquiry.reference


def test_the_certificate_is_checked(tls_server):
    """STARTTLS against a certificate no trusted CA signed: nothing is sent, it is retried."""
    settings = settings_for(tls_server.port).model_copy(
        update={"smtp_host": "localhost", "smtp_starttls": True}
    )
    sent, mail, reference = send_one(settings)
    assert sent == 0 and mail.sent_at is None and mail.attempts == 1
    assert "SSLCertVerificationError" in mail.last_error
    assert not any(reference in m for m in tls_server.messages)


def test_the_server_name_is_checked(tls_server, certificate):
    """A trusted certificate for `localhost` does not do for the address 127.0.0.1."""
    settings = settings_for(tls_server.port).model_copy(
        update={"smtp_starttls": True, "smtp_ca_file": str(certificate[0])}
    )
    assert settings.smtp_host == "127.0.0.1"
    sent, mail, _ = send_one(settings)
    assert sent == 0 and "SSLCertVerificationError" in mail.last_error


def test_with_a_trusted_certificate_the_mail_goes_and_the_sign_in_is_over_tls(
    tls_server, certificate
):
    settings = settings_for(tls_server.port).model_copy(
        update={
            "smtp_host": "localhost",
            "smtp_ca_file": str(certificate[0]),
            "smtp_username": "kinship",  # a sign-in turns STARTTLS on, even left false
            "smtp_password": PASSWORD,
            "smtp_starttls": False,
        }
    )
    sent, mail, reference = send_one(settings)
    assert sent == 1 and mail.sent_at is not None
    assert any(reference in m for m in tls_server.messages)
    assert tls_server.accounts.sign_ins[-1] == ("kinship", True)


def test_a_sign_in_is_never_sent_to_a_server_without_tls(smtp_server):
    """The plain loopback server offers no STARTTLS: with credentials set, nothing is sent."""
    settings = settings_for(smtp_server.port).model_copy(
        update={"smtp_username": "kinship", "smtp_password": PASSWORD}
    )
    sent, mail, reference = send_one(settings)
    assert sent == 0 and "SMTPNotSupportedError" in mail.last_error
    assert not any(reference in m for m in smtp_server.messages)


def test_the_tls_context_verifies():
    import ssl

    context = tls_context(settings_for(25))
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
