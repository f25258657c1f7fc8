"""A real mailbox over IMAP, through imaplib2 (threaded; supports IDLE).

Reading never changes the mailbox: the folder is opened with EXAMINE (read-only) and bodies are
fetched with ``BODY.PEEK[]``, so no ``\\Seen`` flag is set. Writing (APPEND to Drafts or Sent)
belongs to mail out, :mod:`assistant.mailout.imap_folders`, over this class's connection.

This module is the source: connect, log in, EXAMINE, fetch, IDLE. Its parts live beside it:
modified UTF-7 folder names (:mod:`~assistant.mailin.imap_utf7`), response parsing
(:mod:`~assistant.mailin.imap_responses`) and verified TLS connections
(:mod:`~assistant.mailin.imap_tls`), made only by :meth:`ImapSource.open_connection`.

Folder names in settings and in this API are ordinary (Unicode) names such as ``Entwürfe``;
they are converted to IMAP's modified UTF-7 on the wire.

Errors come out as one-line :class:`~assistant.errors.UserError` subclasses naming the
setting to fix. A connection that drops mid-session raises
:class:`~assistant.errors.ConnectionLostError`; a server that cannot be reached raises
:class:`ServerUnreachableError`; both are what :func:`assistant.mailin.watch.run_watch`
reconnects on.
"""

from __future__ import annotations

import logging
import math
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import imaplib2

from assistant.config import Settings
from assistant.errors import AuthenticationError, ConnectionLostError, MailboxError
from assistant.mailin import Cursor, MailSource, RawMessage
from assistant.mailin.imap_responses import (
    ListEntry,
    capabilities_after_login,
    drain,
    imap_date,
    int_response,
    parse_fetch_bodies,
    parse_fetch_headers,
    parse_list,
    parse_search,
    response_text,
    server_text,
    strip_timing,
    uid_set,
)
from assistant.mailin.imap_tls import VerifiedIMAP4, VerifiedIMAP4_SSL
from assistant.mailin.imap_utf7 import quote_mailbox, quote_string

log = logging.getLogger(__name__)

#: Re-IDLE before this even if asked to wait longer (RFC 2177: servers may drop an IDLE
#: after 30 minutes of inactivity).
MAX_IDLE_SECONDS = 28 * 60
#: Without IDLE, poll with NOOP this often.
POLL_SECONDS = 60.0
#: How often a wait checks its ``stop`` event.
STOP_CHECK_SECONDS = 0.2

_IMAP_ERRORS = (imaplib2.IMAP4.error,)  # abort and readonly are subclasses
_DROPPED = (imaplib2.IMAP4.abort, OSError, EOFError)

AUTH_FIX = (
    "check ASSISTANT_IMAP_USER and ASSISTANT_IMAP_PASSWORD; Gmail and Outlook refuse the "
    "normal password: use an app password, or set ASSISTANT_IMAP_AUTH=xoauth2"
)


class ServerUnreachableError(MailboxError):
    """No connection could be made (unknown host, refused, timed out, network down)."""


class FolderNotFoundError(MailboxError):
    """The folder to read (or the Drafts folder) does not exist."""


#: What a sync fetches per message; PEEK never sets \Seen.
BODY_ITEMS = "(UID FLAGS BODY.PEEK[])"
HEADERS_ITEMS = "(UID FLAGS BODY.PEEK[HEADER.FIELDS (FROM DATE MESSAGE-ID IN-REPLY-TO REFERENCES)])"


# -- login ------------------------------------------------------------------------------------


def xoauth2_string(user: str, token: str) -> bytes:
    """The SASL XOAUTH2 initial response (before base64, which imaplib2 applies)."""
    return f"user={user}\x01auth=Bearer {token}\x01\x01".encode()


# -- the source ------------------------------------------------------------------------------


class ImapSource(MailSource):
    """One IMAP folder (``settings.imap_folder`` unless ``folder`` is given); with
    ``headers_only``, messages come as their From, Date, Message-ID, In-Reply-To and
    References headers only (``BODY.PEEK[HEADER.FIELDS (...)]``).

    Connects on first use. Not thread-safe: use one instance per thread.
    """

    def __init__(
        self,
        settings: Settings,
        folder: str | None = None,
        headers_only: bool = False,
        setting: str = "ASSISTANT_IMAP_FOLDER",
    ) -> None:
        self.settings = settings
        self.folder = folder or settings.imap_folder
        #: The setting a missing folder's error names.
        self.setting = setting
        #: Fetch only the threading headers (for the Sent folder: who answered what), not bodies.
        self.headers_only = headers_only
        self.host = settings.imap_host or ""
        self.port = settings.imap_port_value()
        self.user = settings.imap_user or ""
        self.key = settings.imap_source_key(self.folder)
        self._conn: imaplib2.IMAP4 | None = None
        self._capabilities: frozenset[str] = frozenset()
        self._selected: str | None = None

    # -- the seam ---------------------------------------------------------------------------

    @classmethod
    def open_connection(cls, settings: Settings) -> imaplib2.IMAP4:
        """Create the (unauthenticated) imaplib2 connection. Tests substitute this.

        Raises socket/ssl errors and imaplib2 errors as they come; :meth:`connect` maps them.
        """
        host = settings.imap_host or ""
        port = settings.imap_port_value()
        timeout = settings.imap_timeout
        if settings.imap_security == "ssl":
            return VerifiedIMAP4_SSL(host, port, timeout)
        conn = VerifiedIMAP4(host, port, timeout)
        if settings.imap_security == "starttls":
            try:
                if "STARTTLS" not in conn.capabilities:
                    raise MailboxError(
                        f"{host}:{port} does not offer STARTTLS",
                        fix="set ASSISTANT_IMAP_SECURITY=ssl with ASSISTANT_IMAP_PORT=993 or the server's TLS port",
                    )
                conn.starttls()
            except BaseException:
                _shutdown_quietly(conn)
                raise
        return conn

    # -- connection ---------------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        return self._conn is not None

    @property
    def capabilities(self) -> frozenset[str]:
        """Server capabilities after login (upper case); connects if needed."""
        self._connection()
        return self._capabilities

    def connect(self) -> None:
        """Connect and log in now (otherwise this happens on first use)."""
        self._connection()

    def _connection(self) -> imaplib2.IMAP4:
        if self._conn is None:
            self._conn = self._connect()
        return self._conn

    def _connect(self) -> imaplib2.IMAP4:
        s = self.settings
        s.check_imap()
        secret = s.imap_secret()
        where = f"{self.host}:{self.port}"
        log.info("connecting to %s as %s (security=%s, auth=%s)", where, self.user, s.imap_security, s.imap_auth)
        try:
            conn = self.open_connection(s)
        except socket.gaierror as exc:
            raise ServerUnreachableError(
                f"cannot resolve IMAP host {self.host!r}: {exc.strerror or exc}",
                fix="check ASSISTANT_IMAP_HOST",
            ) from exc
        except ssl.SSLCertVerificationError as exc:
            raise MailboxError(
                f"the TLS certificate of {where} is not trusted: {exc.verify_message or exc}",
                fix="check ASSISTANT_IMAP_HOST is the server's real name; trust a private CA with SSL_CERT_FILE",
            ) from exc
        except ssl.SSLError as exc:
            raise MailboxError(
                f"TLS handshake with {where} failed: {exc.reason or exc}; the port may be plain IMAP",
                fix="check ASSISTANT_IMAP_SECURITY and ASSISTANT_IMAP_PORT: ssl is usually port 993, starttls 143",
            ) from exc
        except ConnectionRefusedError as exc:
            raise ServerUnreachableError(
                f"connection to {where} refused",
                fix="check ASSISTANT_IMAP_HOST and ASSISTANT_IMAP_PORT",
            ) from exc
        except TimeoutError as exc:
            raise ServerUnreachableError(
                f"connection to {where} timed out after {s.imap_timeout:g}s",
                fix="check ASSISTANT_IMAP_HOST and ASSISTANT_IMAP_PORT, or raise ASSISTANT_IMAP_TIMEOUT",
            ) from exc
        except OSError as exc:
            raise ServerUnreachableError(
                f"cannot connect to {where}: {exc.strerror or exc}",
                fix="check the network, ASSISTANT_IMAP_HOST and ASSISTANT_IMAP_PORT",
            ) from exc
        except imaplib2.IMAP4.abort as exc:
            # No greeting: typically plain IMAP spoken to a TLS port, or a non-IMAP service.
            raise ServerUnreachableError(
                f"no IMAP greeting from {where}: {server_text(exc)}",
                fix="check ASSISTANT_IMAP_SECURITY and ASSISTANT_IMAP_PORT: port 993 needs ASSISTANT_IMAP_SECURITY=ssl",
            ) from exc
        except imaplib2.IMAP4.error as exc:
            raise MailboxError(
                f"{where} did not behave like an IMAP server: {server_text(exc)}",
                fix="check ASSISTANT_IMAP_HOST, ASSISTANT_IMAP_PORT and ASSISTANT_IMAP_SECURITY",
            ) from exc

        try:
            self._authenticate(conn, secret)
        except BaseException:
            _shutdown_quietly(conn)
            raise
        log.info("logged in to %s as %s", where, self.user)
        return conn

    def _authenticate(self, conn: imaplib2.IMAP4, secret: str) -> None:
        s = self.settings
        where = f"{self.host}:{self.port}"
        try:
            if s.imap_auth == "xoauth2":
                if "AUTH=XOAUTH2" not in conn.capabilities:
                    raise MailboxError(
                        f"{where} does not offer XOAUTH2",
                        fix="set ASSISTANT_IMAP_AUTH=login and ASSISTANT_IMAP_PASSWORD",
                    )
                responses = [xoauth2_string(self.user, secret)]

                def respond(_challenge: bytes) -> bytes:
                    # First the token; after a failure the server sends an error challenge,
                    # which must be answered with an empty response (then comes the NO).
                    return responses.pop() if responses else b""

                conn.authenticate("XOAUTH2", respond)
            elif "LOGINDISABLED" in conn.capabilities:
                raise MailboxError(
                    f"{where} refuses LOGIN on an unencrypted connection",
                    fix="set ASSISTANT_IMAP_SECURITY=starttls, or ssl with ASSISTANT_IMAP_PORT=993",
                )
            elif _is_ascii(self.user) and _is_ascii(secret):
                conn.login(quote_string(self.user), secret)  # imaplib2 quotes the password, not the user
            elif "AUTH=PLAIN" in conn.capabilities:
                # LOGIN arguments are ASCII; SASL PLAIN carries UTF-8.
                plain = f"\x00{self.user}\x00{secret}".encode()
                conn.authenticate("PLAIN", lambda _challenge: plain)
            else:
                raise AuthenticationError(
                    "the user name or password has non-ASCII characters and the server offers no AUTH=PLAIN",
                    fix="check ASSISTANT_IMAP_USER and ASSISTANT_IMAP_PASSWORD",
                )
        except imaplib2.IMAP4.abort as exc:
            raise ConnectionLostError(
                f"{where} closed the connection during login: {server_text(exc, secret)}",
                fix="try again later; if it persists check ASSISTANT_IMAP_USER",
            ) from None
        except imaplib2.IMAP4.error as exc:
            text = server_text(exc, secret)
            if "[UNAVAILABLE]" in text.upper():
                raise ServerUnreachableError(
                    f"{where} is temporarily unavailable: {text}", fix="try again later"
                ) from None
            if s.imap_auth == "xoauth2":
                fix = (
                    "check ASSISTANT_IMAP_USER and refresh ASSISTANT_IMAP_OAUTH_TOKEN; access "
                    "tokens expire after about an hour"
                )
            else:
                fix = AUTH_FIX
            raise AuthenticationError(f"{where} refused the login for {self.user!r}: {text}", fix=fix) from None
        except OSError as exc:
            raise ConnectionLostError(
                f"connection to {where} lost during login: {exc}", fix="try again later"
            ) from None
        self._capabilities = capabilities_after_login(conn)

    def close(self) -> None:
        """Log out; a dead connection is just dropped."""
        conn, self._conn = self._conn, None
        self._selected = None
        if conn is None:
            return
        try:
            conn.logout()
        except (*_IMAP_ERRORS, OSError, EOFError) as exc:
            log.debug("logout from %s:%s failed (ignored): %s", self.host, self.port, exc)

    # -- error mapping --------------------------------------------------------------------------

    @contextmanager
    def session(self, action: str) -> Iterator[imaplib2.IMAP4]:
        """The live connection; a dropped connection becomes :class:`ConnectionLostError`
        (and the connection is discarded, so the next call reconnects)."""
        conn = self._connection()
        try:
            yield conn
        except _DROPPED as exc:
            self._discard()
            raise ConnectionLostError(
                f"connection to {self.host}:{self.port} lost while {action}: {server_text(exc)}",
                fix="it is retried automatically by `watch`; otherwise run the command again",
            ) from exc
        except imaplib2.IMAP4.error as exc:  # BAD or a protocol error; the connection stays
            raise MailboxError(f"IMAP error while {action} on {self.host}:{self.port}: {server_text(exc)}") from exc

    def _discard(self) -> None:
        conn, self._conn = self._conn, None
        self._selected = None
        if conn is not None:
            _shutdown_quietly(conn)

    # -- reading --------------------------------------------------------------------------------

    def _examine(self, conn: imaplib2.IMAP4) -> tuple[int, int | None, int]:
        """EXAMINE the folder: ``(uidvalidity, uidnext or None, exists)``."""
        typ, data = conn.examine(quote_mailbox(self.folder))
        if typ != "OK":
            self._selected = None
            raise self.folder_error(self.folder, response_text(data), setting=self.setting)
        self._selected = self.folder
        uidvalidity = int_response(conn, "UIDVALIDITY")
        if uidvalidity is None:
            raise MailboxError(f"{self.host} sent no UIDVALIDITY for {self.folder!r}")
        uidnext = int_response(conn, "UIDNEXT")
        exists = int(data[0]) if data and data[0] else 0
        return uidvalidity, uidnext, exists

    def folder_status(self) -> tuple[int, int]:
        """``(uidvalidity, messages)`` of the folder, read-only (EXAMINE)."""
        with self.session(f"opening {self.folder!r}") as conn:
            uidvalidity, _uidnext, exists = self._examine(conn)
        return uidvalidity, exists

    def fetch_new(self, cursor: Cursor | None, since: date | None = None) -> Iterator[RawMessage]:
        """Messages past ``cursor`` in ascending UID order, without touching any flag; with
        ``since``, only those that arrived on or after that day (``SEARCH SINCE``: the
        server's arrival date, not the Date header a sender wrote).

        With an up-to-date cursor this is one round trip (EXAMINE; UIDNEXT says nothing is new).
        """
        with self.session(f"reading {self.folder}") as conn:
            uidvalidity, uidnext, exists = self._examine(conn)
            if cursor is not None and cursor.uidvalidity == uidvalidity:
                first = cursor.last_uid + 1
                if uidnext is not None and uidnext <= first:
                    log.debug("%s: nothing new (UIDNEXT %s)", self.key, uidnext)
                    return
            else:
                if cursor is not None:
                    log.info(
                        "%s: UIDVALIDITY changed (%s -> %s); reading the whole folder again",
                        self.key,
                        cursor.uidvalidity,
                        uidvalidity,
                    )
                first = 1
            if exists == 0:
                return
            criteria = ["UID", f"{first}:*"] + (["SINCE", imap_date(since)] if since is not None else [])
            typ, data = conn.uid("SEARCH", *criteria)
            if typ != "OK":
                raise MailboxError(f"UID SEARCH failed in {self.folder!r}: {response_text(data)}")
            # "N:*" always matches the highest UID, even when it is below N.
            uids = sorted(u for u in set(parse_search(data)) if u >= first)
        log.debug("%s: %d new message(s)%s", self.key, len(uids), f" since {since}" if since else "")
        batch_size = self.settings.imap_batch_size
        for start in range(0, len(uids), batch_size):
            batch = uids[start : start + batch_size]
            with self.session(f"fetching from {self.folder}") as conn:
                typ, data = conn.uid("FETCH", uid_set(batch), HEADERS_ITEMS if self.headers_only else BODY_ITEMS)
                if typ != "OK":
                    raise MailboxError(f"UID FETCH failed in {self.folder!r}: {response_text(data)}")
            fetched = (parse_fetch_headers if self.headers_only else parse_fetch_bodies)(data or [])
            for uid in batch:
                got = fetched.get(uid)
                if got is None:  # expunged since the SEARCH
                    continue
                yield RawMessage(
                    raw=got.raw,
                    location=f"{self.key};UIDVALIDITY={uidvalidity};UID={uid}",
                    cursor=Cursor(uidvalidity=uidvalidity, last_uid=uid),
                    answered=got.answered,
                )

    # -- folders ------------------------------------------------------------------------------

    def list_folders(self) -> list[ListEntry]:
        """Every folder (``LIST "" "*"``), names decoded."""
        with self.session("listing folders") as conn:
            typ, data = conn.list('""', '"*"')
            if typ != "OK":
                raise MailboxError(f"LIST failed: {response_text(data)}")
        return parse_list(data or [])

    def folder_error(self, folder: str, server_says: str, setting: str) -> FolderNotFoundError:
        """The error for a missing ``folder``: the server's words, and the folders that do exist
        as the values ``setting`` can take."""
        try:
            names = [e.name for e in self.list_folders() if e.selectable]
        except MailboxError:
            names = []
        existing = ", ".join(sorted(names)) if names else "none listed"
        return FolderNotFoundError(
            f"folder {folder!r} not found on {self.host}: {strip_timing(server_says) or 'no such mailbox'}",
            fix=f"set {setting} to one of: {existing}",
        )

    # -- waiting ------------------------------------------------------------------------------

    def wait_for_mail(self, timeout: float | None = None, stop: threading.Event | None = None) -> bool:
        """Wait (IMAP IDLE) until the folder reports new mail (True) or ``timeout`` seconds pass
        (False; default ``settings.imap_idle_seconds``). Setting ``stop`` ends the wait early
        (False). IDLE is renewed at least every 28 minutes; nothing is marked read."""
        timeout = self.settings.imap_idle_seconds if timeout is None else timeout
        deadline = time.monotonic() + max(0.0, timeout)
        with self.session(f"waiting for mail in {self.folder}") as conn:
            if self._selected != self.folder or conn.state != "SELECTED":
                self._examine(conn)
            # Anything that arrived since the last EXAMINE (e.g. during a FETCH) counts.
            if drain(conn) & {"EXISTS"}:
                return True
            use_idle = "IDLE" in self._capabilities
            while True:
                if stop is not None and stop.is_set():
                    return False
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                if use_idle:
                    seen = self._idle_once(conn, min(remaining, MAX_IDLE_SECONDS), stop)
                else:
                    seen = self._poll_once(conn, min(remaining, POLL_SECONDS), stop)
                if seen & {"EXISTS", "RECENT"}:
                    log.debug("%s: new mail signalled (%s)", self.key, ", ".join(sorted(seen)))
                    return True
                # Timed out, stopped, or another change (flags, expunge): loop and re-check.

    def _idle_once(self, conn: imaplib2.IMAP4, seconds: float, stop: threading.Event | None) -> set[str]:
        done = threading.Event()
        outcome: dict[str, Any] = {}

        def finished(result: tuple[Any, Any, Any]) -> None:
            response, _arg, error = result
            outcome["response"], outcome["error"] = response, error
            done.set()

        # imaplib2 ends the IDLE itself on the first untagged change or after `seconds`
        # (with a synthetic "* IDLE TIMEOUT"); with a callback it returns once idling.
        # The timeout must be an int: imaplib2 silently replaces a float by 29 minutes.
        conn.idle(timeout=max(1, math.ceil(seconds)), callback=finished)
        while not done.wait(STOP_CHECK_SECONDS if stop is not None else None):
            if stop is not None and stop.is_set():
                conn.noop()  # any command ends the IDLE (imaplib2 sends DONE first)
                done.wait(self.settings.imap_timeout)
                break
        error = outcome.get("error")
        if error is not None:
            exc_type, value = error
            raise exc_type(value)
        if not done.is_set():
            raise imaplib2.IMAP4.abort("IDLE did not finish")
        typ, data = outcome["response"]
        if typ != "OK":  # refused: do not spin re-sending IDLE
            raise MailboxError(f"the server refused IDLE: {response_text(data)}")
        return drain(conn)

    def _poll_once(self, conn: imaplib2.IMAP4, seconds: float, stop: threading.Event | None) -> set[str]:
        if stop is not None:
            if stop.wait(seconds):
                return set()
        else:
            time.sleep(seconds)
        typ, data = conn.noop()
        if typ != "OK":
            raise MailboxError(f"NOOP failed: {response_text(data)}")
        return drain(conn)


def _is_ascii(text: str) -> bool:
    return text.isascii()


def _shutdown_quietly(conn: imaplib2.IMAP4) -> None:
    try:
        conn.logout()
    except (*_IMAP_ERRORS, OSError, EOFError) as exc:
        log.debug("closing a broken IMAP connection: %s", exc)
