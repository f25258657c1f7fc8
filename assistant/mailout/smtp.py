"""Sending an approved reply over SMTP (only with ``assistant drafts approve ID --send``)."""

from __future__ import annotations

import smtplib
import socket
import ssl
from email import message_from_bytes
from email.utils import getaddresses

from assistant.config import Settings
from assistant.errors import AuthenticationError, MailboxError


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
            client: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=settings.smtp_timeout, context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(host, port, timeout=settings.smtp_timeout)
        with client:
            if settings.smtp_security == "starttls":
                client.starttls(context=ssl.create_default_context())
            user = settings.smtp_user or settings.imap_user
            password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
            if password is None and settings.imap_password:
                password = settings.imap_password.get_secret_value()
            client.ehlo_or_helo_if_needed()
            if user and password and client.has_extn("auth"):
                client.login(user, password)
            client.sendmail(settings.smtp_sender(), recipients, raw)
    except smtplib.SMTPAuthenticationError:
        raise AuthenticationError(
            f"SMTP login failed for {settings.smtp_user or settings.imap_user}@{host}",
            fix="check ASSISTANT_SMTP_USER and ASSISTANT_SMTP_PASSWORD (Gmail/Outlook need an app password)",
        ) from None
    except smtplib.SMTPRecipientsRefused as exc:
        raise MailboxError(f"the SMTP server refused the recipient(s): {', '.join(exc.recipients)}",
                           fix="edit the draft's recipient") from None
    except (ssl.SSLError, smtplib.SMTPNotSupportedError) as exc:
        raise MailboxError(f"TLS with {host}:{port} failed: {exc}",
                           fix="check ASSISTANT_SMTP_SECURITY (ssl on 465, starttls on 587) and ASSISTANT_SMTP_PORT") from None
    except socket.gaierror:
        raise MailboxError(f"unknown SMTP host {host!r}", fix="check ASSISTANT_SMTP_HOST") from None
    except (OSError, smtplib.SMTPException) as exc:
        raise MailboxError(f"could not send through {host}:{port}: {exc}",
                           fix="check ASSISTANT_SMTP_HOST and ASSISTANT_SMTP_PORT") from None
