"""Sending an approved reply over SMTP (only with ``assistant drafts approve ID --send``)."""

from __future__ import annotations

import logging
import smtplib
import socket
import ssl
from email import message_from_bytes
from email.utils import getaddresses

from assistant.config import KEYRING_SERVICE, Settings
from assistant.errors import AuthenticationError, MailboxError

log = logging.getLogger(__name__)


def send(settings: Settings, raw: bytes) -> None:
    """Send ``raw`` (a rendered reply) to its To/Cc recipients; errors name the setting to fix."""
    settings.check_smtp()
    msg = message_from_bytes(raw)
    recipients = [addr for _, addr in getaddresses(msg.get_all("To", []) + msg.get_all("Cc", [])) if addr]
    if not recipients:
        raise MailboxError("the reply has no recipient", fix="edit the draft (assistant drafts edit ID)")
    host, port = settings.smtp_host or "", settings.smtp_port_value()
    try:
        if settings.smtp_security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                host, port, timeout=settings.smtp_timeout, context=ssl.create_default_context()
            )
        else:
            client = smtplib.SMTP(host, port, timeout=settings.smtp_timeout)
        with client:
            if settings.smtp_security == "starttls":
                client.starttls(context=ssl.create_default_context())
            password = settings.smtp_secret()
            _login(client, settings.smtp_login_user(), password, host)
            try:
                client.sendmail(settings.smtp_sender(), recipients, raw)
            except smtplib.SMTPResponseException as exc:
                if exc.smtp_code == 530:  # RFC 4954: authentication required
                    raise _login_needed(settings, host, password) from None
                raise
    except smtplib.SMTPAuthenticationError:
        raise AuthenticationError(
            f"SMTP login failed for {settings.smtp_login_user()}@{host}",
            fix="check ASSISTANT_SMTP_USER and ASSISTANT_SMTP_PASSWORD (Gmail/Outlook need an app password)",
        ) from None
    except smtplib.SMTPRecipientsRefused as exc:
        raise MailboxError(
            f"the SMTP server refused the recipient(s): {', '.join(exc.recipients)}", fix="edit the draft's recipient"
        ) from None
    except (ssl.SSLError, smtplib.SMTPNotSupportedError) as exc:
        raise MailboxError(
            f"TLS with {host}:{port} failed: {exc}",
            fix="check ASSISTANT_SMTP_SECURITY (ssl on 465, starttls on 587) and ASSISTANT_SMTP_PORT",
        ) from None
    except socket.gaierror:
        raise MailboxError(f"unknown SMTP host {host!r}", fix="check ASSISTANT_SMTP_HOST") from None
    except (OSError, smtplib.SMTPException) as exc:
        raise MailboxError(
            f"could not send through {host}:{port}: {exc}", fix="check ASSISTANT_SMTP_HOST and ASSISTANT_SMTP_PORT"
        ) from None


def _login(client: smtplib.SMTP, user: str, password: str | None, host: str) -> None:
    """Log in when there is a password and the server offers AUTH. Without a password the
    mail goes out without a login (a relay that needs none); a server that wants one then
    answers 530, which :func:`_login_needed` turns into an error naming the setting."""
    client.ehlo_or_helo_if_needed()
    if not (user and password):
        return
    if not client.has_extn("auth"):
        log.warning("%s offers no login (AUTH) on this connection; sending without one", host)
        return
    client.login(user, password)


def _login_needed(settings: Settings, host: str, password: str | None) -> AuthenticationError:
    user = settings.smtp_login_user()
    if not user:
        return AuthenticationError(
            f"the SMTP server {host} wants a login and no SMTP user is set",
            fix="set ASSISTANT_SMTP_USER and ASSISTANT_SMTP_PASSWORD",
        )
    if password is None:
        return AuthenticationError(
            f"the SMTP server {host} wants a login and there is no SMTP password for {user}",
            fix=f"set ASSISTANT_SMTP_PASSWORD, or store it with `keyring set {KEYRING_SERVICE} {user}`",
        )
    return AuthenticationError(
        f"the SMTP server {host} wants a login but offers none on this connection",
        fix="check ASSISTANT_SMTP_SECURITY (ssl on 465, starttls on 587) and ASSISTANT_SMTP_PORT",
    )
