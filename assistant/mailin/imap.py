"""A real mailbox over IMAP, through imaplib2 (threaded; supports IDLE).

Reading never changes the mailbox: the folder is opened with EXAMINE (read-only) and bodies are
fetched with ``BODY.PEEK[]``, so no ``\\Seen`` flag is set. The only write is
:meth:`ImapSource.append_draft`, which APPENDs a reply draft to the Drafts folder.

Folder names in settings and in this API are ordinary (Unicode) names such as ``Entwürfe``;
they are converted to IMAP's modified UTF-7 on the wire.

Errors come out as one-line :class:`~assistant.errors.UserError` subclasses naming the
setting to fix. A connection that drops mid-session raises
:class:`~assistant.errors.ConnectionLostError`; a server that cannot be reached raises
:class:`ServerUnreachableError`; both are what :func:`assistant.mailin.watch.run_watch`
reconnects on.
"""

from __future__ import annotations

import base64
import logging
import math
import re
import socket
import ssl
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import imaplib2

from assistant.config import Settings
from assistant.errors import AuthenticationError, ConnectionLostError, MailboxError
from assistant.mailin import Cursor, MailSource, RawMessage

log = logging.getLogger(__name__)

#: Re-IDLE before this even if asked to wait longer (RFC 2177: servers may drop an IDLE
#: after 30 minutes of inactivity).
MAX_IDLE_SECONDS = 28 * 60
#: Without IDLE, poll with NOOP this often.
POLL_SECONDS = 60.0
#: How often a wait checks its ``stop`` event.
STOP_CHECK_SECONDS = 0.2

DRAFTS_CANDIDATES = (
    "Drafts",
    "INBOX.Drafts",
    "INBOX/Drafts",
    "[Gmail]/Drafts",
    "[Google Mail]/Drafts",
    "Draft",
    "Kladder",
    "Entwürfe",
    "Brouillons",
    "Borradores",
    "Bozze",
    "Concepten",
    "Utkast",
    "Rascunhos",
    "Luonnokset",
    "Черновики",
    "ฉบับร่าง",
)
SENT_CANDIDATES = (
    "Sent",
    "INBOX.Sent",
    "INBOX/Sent",
    "[Gmail]/Sent Mail",
    "[Google Mail]/Sent Mail",
    "Sent Items",
    "Sent Messages",
    "Sendt post",
    "Sendte elementer",
    "Gesendet",
    "Gesendete Elemente",
    "Skickat",
    "Skickade objekt",
    "Éléments envoyés",
    "Enviados",
    "Inviati",
    "Verzonden items",
)

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


# -- modified UTF-7 (RFC 3501 section 5.1.3) ----------------------------------------------


def encode_mailbox(name: str) -> str:
    """A Unicode folder name in IMAP modified UTF-7 (``Entwürfe`` -> ``Entw&APw-rfe``)."""
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            data = "".join(pending).encode("utf-16-be")
            out.append("&" + base64.b64encode(data).decode("ascii").rstrip("=").replace("/", ",") + "-")
            pending.clear()

    for ch in name:
        if 0x20 <= ord(ch) <= 0x7E:
            flush()
            out.append("&-" if ch == "&" else ch)
        else:
            pending.append(ch)
    flush()
    return "".join(out)


_MUTF7_SHIFT = re.compile(r"&([A-Za-z0-9+,]*)-")


def decode_mailbox(name: str) -> str:
    """A modified UTF-7 folder name as Unicode; malformed input is returned unchanged."""

    def repl(match: re.Match[str]) -> str:
        b64 = match.group(1)
        if not b64:
            return "&"
        b64 = b64.replace(",", "/")
        b64 += "=" * (-len(b64) % 4)
        return base64.b64decode(b64).decode("utf-16-be")

    try:
        return _MUTF7_SHIFT.sub(repl, name)
    except (ValueError, UnicodeDecodeError):
        return name


def quote_mailbox(name: str) -> str:
    """A folder name as an IMAP quoted string (imaplib2 sends arguments verbatim)."""
    return _quote(encode_mailbox(name))


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# -- small protocol helpers ----------------------------------------------------------------


def xoauth2_string(user: str, token: str) -> bytes:
    """The SASL XOAUTH2 initial response (before base64, which imaplib2 applies)."""
    return f"user={user}\x01auth=Bearer {token}\x01\x01".encode()


def uid_set(uids: Iterable[int]) -> str:
    """``[1, 2, 3, 7, 9, 10]`` -> ``"1:3,7,9:10"``."""
    ranges: list[str] = []
    ordered = sorted(set(uids))
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        ranges.append(str(ordered[i]) if i == j else f"{ordered[i]}:{ordered[j]}")
        i = j + 1
    return ",".join(ranges)


_UID_RE = re.compile(rb"\bUID (\d+)")
_BODY_RE = re.compile(rb"\bBODY\[\] \{\d+\}$")


def parse_fetch_bodies(data: list[Any]) -> dict[int, bytes]:
    """``{uid: raw}`` from imaplib2's data for ``UID FETCH ... (UID BODY.PEEK[])``.

    Each message arrives as ``(b'5 (UID 12 BODY[] {n}', raw)`` followed by ``b')'``; some
    servers put ``UID 12`` after the literal instead (``b' UID 12)'``). Unsolicited FETCH
    responses (flag changes) are plain bytes and are skipped.
    """
    bodies: dict[int, bytes] = {}
    for i, item in enumerate(data):
        if not isinstance(item, tuple) or len(item) != 2:
            continue
        head, raw = item
        if not _BODY_RE.search(head):
            continue
        match = _UID_RE.search(head)
        if match is None and i + 1 < len(data) and isinstance(data[i + 1], bytes):
            match = _UID_RE.search(data[i + 1])
        if match is None:
            log.warning("FETCH response without UID skipped: %.80r", head)
            continue
        bodies[int(match.group(1))] = raw
    return bodies


def parse_search(data: list[Any]) -> list[int]:
    uids: list[int] = []
    for item in data:
        if isinstance(item, bytes):
            uids.extend(int(x) for x in item.split() if x.isdigit())
    return uids


@dataclass(frozen=True)
class ListEntry:
    """One LIST response line, with the name decoded to Unicode."""

    name: str
    attributes: frozenset[str]
    delimiter: str | None

    @property
    def selectable(self) -> bool:
        return not ({"\\noselect", "\\nonexistent"} & self.attributes)


_LIST_RE = re.compile(rb'^\((?P<attrs>[^)]*)\) (?P<delim>"(?:\\.|[^"\\])*"|NIL) (?P<name>.*)$', re.IGNORECASE)


def _unquote(text: bytes) -> bytes:
    if len(text) >= 2 and text[:1] == b'"' and text[-1:] == b'"':
        return re.sub(rb"\\(.)", rb"\1", text[1:-1])
    return text


def parse_list(data: list[Any]) -> list[ListEntry]:
    """Entries from imaplib2's LIST data; names sent as literals arrive as tuples."""
    entries: list[ListEntry] = []
    for item in data:
        if isinstance(item, tuple):
            head, literal = item
            line = head.rsplit(b"{", 1)[0] + b'"' + literal.replace(b"\\", b"\\\\").replace(b'"', b'\\"') + b'"'
        elif isinstance(item, bytes):
            line = item
        else:
            continue
        match = _LIST_RE.match(line.strip())
        if not match:
            continue
        delim = match.group("delim")
        delimiter = None if delim.upper() == b"NIL" else _unquote(delim).decode("utf-8", "replace")
        name = decode_mailbox(_unquote(match.group("name")).decode("utf-8", "replace"))
        attrs = frozenset(a.decode("ascii", "replace").lower() for a in match.group("attrs").split())
        entries.append(ListEntry(name=name, attributes=attrs, delimiter=delimiter))
    return entries


def _server_text(exc: BaseException, secret: str | None = None) -> str:
    """The server's words from an imaplib2 exception, without the echoed command.

    imaplib2 appends ``Data: <the command sent>`` to BAD errors — for LOGIN that includes the
    password — so that part is always cut, and the secret is masked for good measure.
    """
    text = str(exc)
    text = text.split(". Data: ", 1)[0]
    text = re.sub(r"^b'(.*)'$", r"\1", text)
    text = re.sub(r"^b\"(.*)\"$", r"\1", text)
    if secret:
        text = text.replace(secret, "***")
    return text.strip() or exc.__class__.__name__


def _response_text(data: list[Any] | None) -> str:
    if not data:
        return ""
    last = data[-1]
    if isinstance(last, tuple):
        last = last[0]
    if isinstance(last, bytes):
        return last.decode("utf-8", "replace")
    return str(last) if last is not None else ""


# -- imaplib2 connection classes -------------------------------------------------------------


class _LogSink:
    """imaplib2's ``debug_file``: its (rare, debug=0) messages go to our log at DEBUG."""

    def write(self, text: str) -> None:
        text = text.strip()
        if text:
            log.debug("imaplib2: %s", text)

    def flush(self) -> None:
        pass


class _Verified:
    """Mixin: a connect timeout, and TLS that verifies the certificate and host name.

    imaplib2's own ``ssl_wrap_socket`` uses ``CERT_NONE`` unless ``ca_certs`` is given, i.e.
    it accepts any certificate; this uses the system trust store (``SSL_CERT_FILE`` /
    ``SSL_CERT_DIR`` are honoured for private CAs).
    """

    connect_timeout: float | None = None
    host: str
    port: int
    sock: Any
    read_fd: int

    def _init_debug(self, *args: Any, **kw: Any) -> None:
        # imaplib2 only accepts a debug_file of sys.stderr's exact type; swap it in after.
        super()._init_debug(*args, **kw)  # type: ignore[misc]
        self.debug_file = _LogSink()

    def open_socket(self) -> socket.socket:
        return socket.create_connection((self.host, self.port), timeout=self.connect_timeout)

    def ssl_wrap_socket(self) -> None:
        context = ssl.create_default_context()
        raw = self.sock
        try:
            self.sock = context.wrap_socket(raw, server_hostname=self.host)
        except BaseException:
            raw.close()
            raise
        self.read_fd = self.sock.fileno()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)


class VerifiedIMAP4(_Verified, imaplib2.IMAP4):
    def __init__(self, host: str, port: int, timeout: float | None) -> None:
        self.connect_timeout = timeout
        super().__init__(host, port, timeout=timeout)


class VerifiedIMAP4_SSL(_Verified, imaplib2.IMAP4_SSL):
    def __init__(self, host: str, port: int, timeout: float | None) -> None:
        self.connect_timeout = timeout
        super().__init__(host, port, timeout=timeout)


# -- the source ------------------------------------------------------------------------------


class ImapSource(MailSource):
    """One IMAP folder (``settings.imap_folder`` unless ``folder`` is given).

    Connects on first use. Not thread-safe: use one instance per thread.
    """

    def __init__(self, settings: Settings, folder: str | None = None) -> None:
        self.settings = settings
        self.folder = folder or settings.imap_folder
        self.host = settings.imap_host or ""
        self.port = settings.imap_port_value()
        self.user = settings.imap_user or ""
        self.key = f"imap://{self.user}@{self.host}:{self.port}/{self.folder}"
        self._conn: imaplib2.IMAP4 | None = None
        self._capabilities: frozenset[str] = frozenset()
        self._selected: str | None = None
        self._special: dict[str, str] = {}  # "\\drafts" / "\\sent" → folder name, once found

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
                f"no IMAP greeting from {where}: {_server_text(exc)}",
                fix="check ASSISTANT_IMAP_SECURITY and ASSISTANT_IMAP_PORT: port 993 needs ASSISTANT_IMAP_SECURITY=ssl",
            ) from exc
        except imaplib2.IMAP4.error as exc:
            raise MailboxError(
                f"{where} did not behave like an IMAP server: {_server_text(exc)}",
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
                conn.login(_quote(self.user), secret)  # imaplib2 quotes the password, not the user
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
                f"{where} closed the connection during login: {_server_text(exc, secret)}",
                fix="try again later; if it persists check ASSISTANT_IMAP_USER",
            ) from None
        except imaplib2.IMAP4.error as exc:
            text = _server_text(exc, secret)
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
        self._capabilities = _capabilities_after_login(conn)

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
    def _session(self, action: str) -> Iterator[imaplib2.IMAP4]:
        """The live connection; a dropped connection becomes :class:`ConnectionLostError`
        (and the connection is discarded, so the next call reconnects)."""
        conn = self._connection()
        try:
            yield conn
        except _DROPPED as exc:
            self._discard()
            raise ConnectionLostError(
                f"connection to {self.host}:{self.port} lost while {action}: {_server_text(exc)}",
                fix="it is retried automatically by `watch`; otherwise run the command again",
            ) from exc
        except imaplib2.IMAP4.error as exc:  # BAD or a protocol error; the connection stays
            raise MailboxError(f"IMAP error while {action} on {self.host}:{self.port}: {_server_text(exc)}") from exc

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
            raise self._folder_error(self.folder, _response_text(data), setting="ASSISTANT_IMAP_FOLDER")
        self._selected = self.folder
        uidvalidity = _int_response(conn, "UIDVALIDITY")
        if uidvalidity is None:
            raise MailboxError(f"{self.host} sent no UIDVALIDITY for {self.folder!r}")
        uidnext = _int_response(conn, "UIDNEXT")
        exists = int(data[0]) if data and data[0] else 0
        return uidvalidity, uidnext, exists

    def fetch_new(self, cursor: Cursor | None) -> Iterator[RawMessage]:
        """Messages past ``cursor`` in ascending UID order, without touching any flag.

        With an up-to-date cursor this is one round trip (EXAMINE; UIDNEXT says nothing is new).
        """
        with self._session(f"reading {self.folder}") as conn:
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
            typ, data = conn.uid("SEARCH", "UID", f"{first}:*")
            if typ != "OK":
                raise MailboxError(f"UID SEARCH failed in {self.folder!r}: {_response_text(data)}")
            # "N:*" always matches the highest UID, even when it is below N.
            uids = sorted(u for u in set(parse_search(data)) if u >= first)
        log.debug("%s: %d new message(s)", self.key, len(uids))
        batch_size = self.settings.imap_batch_size
        for start in range(0, len(uids), batch_size):
            batch = uids[start : start + batch_size]
            with self._session(f"fetching from {self.folder}") as conn:
                typ, data = conn.uid("FETCH", uid_set(batch), "(UID BODY.PEEK[])")
                if typ != "OK":
                    raise MailboxError(f"UID FETCH failed in {self.folder!r}: {_response_text(data)}")
            bodies = parse_fetch_bodies(data or [])
            for uid in batch:
                raw = bodies.get(uid)
                if raw is None:  # expunged since the SEARCH
                    continue
                yield RawMessage(
                    raw=raw,
                    location=f"{self.key};UIDVALIDITY={uidvalidity};UID={uid}",
                    cursor=Cursor(uidvalidity=uidvalidity, last_uid=uid),
                )

    # -- folders ------------------------------------------------------------------------------

    def list_folders(self) -> list[ListEntry]:
        """Every folder (``LIST "" "*"``), names decoded."""
        with self._session("listing folders") as conn:
            typ, data = conn.list('""', '"*"')
            if typ != "OK":
                raise MailboxError(f"LIST failed: {_response_text(data)}")
        return parse_list(data or [])

    def _folder_error(self, folder: str, server_says: str, setting: str) -> FolderNotFoundError:
        try:
            names = [e.name for e in self.list_folders() if e.selectable]
        except MailboxError:
            names = []
        existing = ", ".join(sorted(names)) if names else "none listed"
        return FolderNotFoundError(
            f"folder {folder!r} not found on {self.host}: {_strip_timing(server_says) or 'no such mailbox'}",
            fix=f"set {setting} to one of: {existing}",
        )

    def find_drafts_folder(self) -> str:
        """The Drafts folder: the setting, else the ``\\Drafts`` special-use folder, else a
        folder with a usual name; raises :class:`FolderNotFoundError` naming
        ``ASSISTANT_IMAP_DRAFTS_FOLDER`` when there is none."""
        return self._find_special(
            "\\drafts", self.settings.imap_drafts_folder, DRAFTS_CANDIDATES, "ASSISTANT_IMAP_DRAFTS_FOLDER"
        )

    def find_sent_folder(self) -> str:
        """The Sent folder, found like the Drafts folder (``\\Sent``, then usual names)."""
        return self._find_special(
            "\\sent", self.settings.imap_sent_folder, SENT_CANDIDATES, "ASSISTANT_IMAP_SENT_FOLDER"
        )

    def _find_special(self, use: str, configured: str | None, candidates: tuple[str, ...], setting: str) -> str:
        if configured:
            return configured
        if use in self._special:
            return self._special[use]
        entries: list[ListEntry] = []
        caps = self.capabilities
        if "SPECIAL-USE" in caps and "LIST-EXTENDED" in caps:
            with self._session("listing special-use folders") as conn:
                try:
                    typ, data = conn._simple_command("LIST", "(SPECIAL-USE)", '""', '"*"', untagged_response="LIST")
                except imaplib2.IMAP4.abort:
                    raise
                except imaplib2.IMAP4.error as exc:  # BAD: the server lied about LIST-EXTENDED
                    log.debug("LIST (SPECIAL-USE) refused: %s", exc)
                    typ, data = "NO", []
            if typ == "OK":
                entries = parse_list(data or [])
        found = _pick_special(entries, use)
        all_entries: list[ListEntry] | None = None
        if found is None:
            all_entries = self.list_folders()  # special-use attributes show in plain LIST too
            found = _pick_special(all_entries, use)
        if found is None:
            by_name = {e.name.casefold(): e for e in all_entries or [] if e.selectable}
            for candidate in candidates:
                entry = by_name.get(candidate.casefold())
                if entry is not None:
                    found = entry.name
                    break
        if found is None:
            for candidate in candidates:  # e.g. "INBOX.Kladder", "Privat/Drafts"
                for entry in all_entries or []:
                    leaf = entry.name.rsplit(entry.delimiter, 1)[-1] if entry.delimiter else entry.name
                    if entry.selectable and leaf.casefold() == candidate.casefold():
                        found = entry.name
                        break
                if found:
                    break
        if found is None:
            names = ", ".join(sorted(e.name for e in all_entries or [] if e.selectable)) or "none listed"
            raise FolderNotFoundError(
                f"no {use.strip(chr(92)).title()} folder found on {self.host}",
                fix=f"set {setting} to one of: {names}",
            )
        log.info("%s: %s folder is %r", self.key, use, found)
        self._special[use] = found
        return found

    # -- writing ------------------------------------------------------------------------------

    def append_draft(self, raw: bytes, folder: str | None = None) -> int | None:
        """APPEND ``raw`` to the Drafts folder flagged ``\\Draft \\Seen``; the new UID when the
        server reports it (UIDPLUS), else ``None``."""
        target = folder or self.find_drafts_folder()
        return self._append(raw, target, r"(\Draft \Seen)", "ASSISTANT_IMAP_DRAFTS_FOLDER", "draft")

    def append_sent(self, raw: bytes, folder: str | None = None) -> int | None:
        """File a copy of a message sent over SMTP in the Sent folder, flagged ``\\Seen``."""
        target = folder or self.find_sent_folder()
        return self._append(raw, target, r"(\Seen)", "ASSISTANT_IMAP_SENT_FOLDER", "sent copy")

    def _append(self, raw: bytes, target: str, flags: str, setting: str, what: str) -> int | None:
        with self._session(f"saving a {what} to {target}") as conn:
            conn.response("APPENDUID")  # drop any stale one
            typ, data = conn.append(quote_mailbox(target), flags, None, raw)
            if typ != "OK":
                text = _response_text(data)
                if "TRYCREATE" in text.upper() or "exist" in text.lower():
                    raise self._folder_error(target, text, setting=setting)
                raise MailboxError(f"the server refused the {what} for {target!r}: {text}", fix=f"check {setting}")
            _typ, appenduid = conn.response("APPENDUID")
        log.info("%s: %s saved to %r", self.key, what, target)
        if appenduid and appenduid[-1]:
            parts = appenduid[-1].split()
            if len(parts) >= 2 and parts[-1].isdigit():
                return int(parts[-1])
        return None

    # -- waiting ------------------------------------------------------------------------------

    def wait_for_mail(self, timeout: float | None = None, stop: threading.Event | None = None) -> bool:
        """Wait (IMAP IDLE) until the folder reports new mail (True) or ``timeout`` seconds pass
        (False; default ``settings.imap_idle_seconds``). Setting ``stop`` ends the wait early
        (False). IDLE is renewed at least every 28 minutes; nothing is marked read."""
        timeout = self.settings.imap_idle_seconds if timeout is None else timeout
        deadline = time.monotonic() + max(0.0, timeout)
        with self._session(f"waiting for mail in {self.folder}") as conn:
            if self._selected != self.folder or conn.state != "SELECTED":
                self._examine(conn)
            # Anything that arrived since the last EXAMINE (e.g. during a FETCH) counts.
            if _drain(conn) & {"EXISTS"}:
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
            raise MailboxError(f"the server refused IDLE: {_response_text(data)}")
        return _drain(conn)

    def _poll_once(self, conn: imaplib2.IMAP4, seconds: float, stop: threading.Event | None) -> set[str]:
        if stop is not None:
            if stop.wait(seconds):
                return set()
        else:
            time.sleep(seconds)
        typ, data = conn.noop()
        if typ != "OK":
            raise MailboxError(f"NOOP failed: {_response_text(data)}")
        return _drain(conn)


# -- module helpers ---------------------------------------------------------------------------


def _strip_timing(text: str) -> str:
    """Dovecot appends ``(0.001 + 0.000 secs).`` to its replies; not for users."""
    return re.sub(r"\s*\([\d.+ ]+secs\)\.?$", "", text).strip()


def _pick_special(entries: Iterable[ListEntry], use: str) -> str | None:
    for entry in entries:
        if use in entry.attributes and entry.selectable:
            return entry.name
    return None


def _is_ascii(text: str) -> bool:
    return text.isascii()


def _drain(conn: imaplib2.IMAP4) -> set[str]:
    """Remove all pending untagged responses; the set of their types."""
    return {typ for typ, _data in conn.pop_untagged_responses()}


def _int_response(conn: imaplib2.IMAP4, code: str) -> int | None:
    _typ, data = conn.response(code)
    for item in reversed(data or []):
        if isinstance(item, bytes) and item.strip().isdigit():
            return int(item.strip())
    return None


def _capabilities_after_login(conn: imaplib2.IMAP4) -> frozenset[str]:
    """imaplib2 keeps the pre-login CAPABILITY list; servers announce more after login
    (UIDPLUS, SPECIAL-USE, ...), in the tagged OK or on request."""
    _typ, data = conn.response("CAPABILITY")
    line = data[-1] if data and data[-1] else None
    if line is None:
        typ, data = conn.capability()
        line = data[-1] if typ == "OK" and data and data[-1] else None
    if line is None:
        return frozenset(c.upper() for c in conn.capabilities)
    return frozenset(line.decode("ascii", "replace").upper().split())


def _shutdown_quietly(conn: imaplib2.IMAP4) -> None:
    try:
        conn.logout()
    except (*_IMAP_ERRORS, OSError, EOFError) as exc:
        log.debug("closing a broken IMAP connection: %s", exc)
