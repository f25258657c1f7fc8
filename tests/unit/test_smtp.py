"""Sending over SMTP to a real server (aiosmtpd) that wants a login: where the password comes
from, and what the error says when there is none."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from assistant.config import load_settings
from assistant.errors import AuthenticationError
from assistant.mailout.smtp import send

USER, PASSWORD = "anna@agency.example", "app-password-123"

# A loopback test server: a login without TLS is what is being tested.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")


class _Keep:
    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        return "250 OK"


@pytest.fixture
def login_server() -> Iterator[tuple[int, _Keep, list[tuple[bytes, bytes]]]]:
    """An SMTP server that takes mail only after AUTH with USER / PASSWORD: ``(port, handler, logins)``."""
    logins: list[tuple[bytes, bytes]] = []

    def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        assert isinstance(data, LoginPassword)
        logins.append((data.login, data.password))
        return AuthResult(success=(data.login, data.password) == (USER.encode(), PASSWORD.encode()))

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = _Keep()
    controller = Controller(
        handler, hostname="127.0.0.1", port=port, authenticator=authenticate, auth_required=True, auth_require_tls=False
    )
    controller.start()
    yield port, handler, logins
    controller.stop()


def _reply() -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = USER, "mette@client.example", "Re: Logo"
    msg.set_content("Hi Mette")
    return msg.as_bytes()


def test_the_smtp_password_kept_in_the_keyring_is_used(login_server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    port, handler, logins = login_server
    monkeypatch.setattr("assistant.config._keyring_password", lambda user: PASSWORD if user == USER else None)
    settings = load_settings(smtp_host="127.0.0.1", smtp_port=port, smtp_security="none", smtp_user=USER)
    send(settings, _reply())
    assert logins == [(USER.encode(), PASSWORD.encode())]
    assert [e.rcpt_tos for e in handler.envelopes] == [["mette@client.example"]]


def test_a_server_that_wants_a_login_without_a_password_names_the_password_setting(
    login_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    port, handler, _ = login_server
    monkeypatch.setattr("assistant.config._keyring_password", lambda user: None)
    settings = load_settings(smtp_host="127.0.0.1", smtp_port=port, smtp_security="none", smtp_user=USER)
    with pytest.raises(AuthenticationError) as err:
        send(settings, _reply())
    assert "ASSISTANT_SMTP_PASSWORD" in str(err.value) and "keyring set" in str(err.value)
    assert "ASSISTANT_SMTP_HOST" not in str(err.value) and handler.envelopes == []
