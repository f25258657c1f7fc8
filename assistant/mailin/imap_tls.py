"""imaplib2 connections with a connect timeout and TLS that verifies the server.

:meth:`assistant.mailin.imap.ImapSource.open_connection` is the one place these are made.
"""

from __future__ import annotations

import logging
import socket
import ssl
from typing import Any

import imaplib2

log = logging.getLogger(__name__)


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
