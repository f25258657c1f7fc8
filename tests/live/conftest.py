"""A real, throw-away Dovecot IMAP server for the live tests.

Fixtures:

- ``dovecot`` (session): one Dovecot 2.3 on ``127.0.0.1:<free port>``, configured from a temp
  dir (see ``/work/shared/facts.md``). ``.host``, ``.port``, ``.stop()``, ``.start()``,
  ``.restart()`` (drops every client connection, as a real restart does), ``.running``,
  ``.doveadm(*args)``, ``.new_user()``, ``.add_user(user, password)``, ``.unused_port()``,
  ``.diagnostics()`` (tail of Dovecot's log).
- ``imap_account`` (function): a fresh, empty mailbox (an unused user) per test, with helpers
  that seed and inspect it over a *separate* stdlib-imaplib connection (``append``, ``flags``,
  ``uids``, ``uidvalidity``, ``set_uidvalidity``, ``create_folder``, ``delete_folder``,
  ``imap()``) and ``.settings(tmp_path, **overrides)`` returning an
  :class:`assistant.config.Settings` pointed at it (security "none"). ASSISTANT_* variables
  are cleared for the test.
- ``message`` (function): ``message(subject, body=..., sender=...)`` -> raw bytes.

Without ``/usr/sbin/dovecot`` (or without root) the tests are skipped, unless
``ASSISTANT_REQUIRE_SERVICES=1``, in which case they fail.
"""

from __future__ import annotations

import contextlib
import email
import email.message
import email.policy
import imaplib
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from assistant.config import Settings

DOVECOT = Path("/usr/sbin/dovecot")
DOVEADM = Path("/usr/bin/doveadm")
HOST = "127.0.0.1"
POOL_SIZE = 500


def pytest_configure(config: pytest.Config) -> None:
    # imaplib2 3.6 still calls Thread.setDaemon()/currentThread(): not ours to fix.
    config.addinivalue_line("filterwarnings", r"ignore:setDaemon\(\) is deprecated:DeprecationWarning")
    config.addinivalue_line("filterwarnings", r"ignore:currentThread\(\) is deprecated:DeprecationWarning")
    config.addinivalue_line("filterwarnings", r"ignore:getName\(\) is deprecated:DeprecationWarning")
    config.addinivalue_line("filterwarnings", r"ignore:setName\(\) is deprecated:DeprecationWarning")


def _require_services() -> bool:
    return os.environ.get("ASSISTANT_REQUIRE_SERVICES") == "1"


def _unavailable(reason: str) -> None:
    if _require_services():
        pytest.fail(f"{reason} (ASSISTANT_REQUIRE_SERVICES=1)", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _port_bindable(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((HOST, port))
        except OSError:
            return False
        return True


CONFIG = """\
protocols = imap
listen = {host}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2
auth_failure_delay = 0
base_dir = {base}/run
state_dir = {base}/state
log_path = {base}/dovecot.log
info_log_path = {base}/dovecot.log
default_login_user = dovenull
default_internal_user = dovecot
mail_location = maildir:~/Maildir
mail_fsync = never
imap_idle_notify_interval = 2 mins
shutdown_clients = yes

passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {base}/passwd
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={base}/mail/%u
}}

service imap-login {{
  inet_listener imap {{
    address = {host}
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
# No anvil "auth penalty" (a growing delay of the next login from an IP after a failed one;
# it made the test after a wrong-password test wait seconds).
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    port = 0
  }}
}}

namespace inbox {{
  inbox = yes
  separator = /
  mailbox Drafts {{
    special_use = \\Drafts
    auto = subscribe
  }}
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
}}
"""


@dataclass
class DovecotServer:
    """One Dovecot master process serving IMAP on ``host:port`` from ``base``."""

    base: Path
    port: int
    host: str = HOST
    _proc: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    #: Users written to the passwd-file up front: Dovecot re-reads that file at most once a
    #: second, so users added during the run would fail to log in for a moment.
    pool: list[tuple[str, str]] = field(default_factory=list, repr=False)
    _next: int = field(default=0, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def conf(self) -> Path:
        return self.base / "dovecot.conf"

    @property
    def passwd(self) -> Path:
        return self.base / "passwd"

    @property
    def log(self) -> Path:
        return self.base / "dovecot.log"

    @property
    def pid_file(self) -> Path:
        return self.base / "run" / "master.pid"

    def write_config(self) -> None:
        for sub in ("run", "state"):
            (self.base / sub).mkdir(exist_ok=True)
            os.chmod(self.base / sub, 0o755)
        mail = self.base / "mail"
        mail.mkdir(exist_ok=True)
        shutil.chown(mail, "nobody", "nogroup")
        os.chmod(self.base, 0o755)
        self.conf.write_text(CONFIG.format(host=self.host, port=self.port, base=self.base))
        run = uuid.uuid4().hex[:6]
        self.pool = [(f"u{run}n{i}", f"pw-{uuid.uuid4().hex[:10]}") for i in range(POOL_SIZE)]
        self.passwd.write_text("".join(f"{u}:{{PLAIN}}{p}\n" for u, p in self.pool))
        os.chmod(self.conf, 0o644)
        os.chmod(self.passwd, 0o644)

    # -- process control ---------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self, timeout: float = 15.0) -> None:
        if self.running:
            return
        deadline = time.monotonic() + timeout
        while not _port_bindable(self.port):  # old login processes may still hold it
            if time.monotonic() > deadline:
                raise RuntimeError(f"port {self.port} still busy")
            time.sleep(0.05)
        with open(self.base / "stdout.log", "ab") as out:
            # -F: stay in the foreground so we own the process; output redirected so the
            # daemon does not hold pytest's pipes open.
            self._proc = subprocess.Popen(
                [str(DOVECOT), "-F", "-c", str(self.conf)],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        while True:
            if self._proc.poll() is not None:
                raise RuntimeError(f"dovecot exited with {self._proc.returncode}:\n{self.diagnostics()}")
            try:
                with socket.create_connection((self.host, self.port), timeout=1) as s:
                    s.settimeout(2)
                    if s.recv(100).startswith(b"* OK"):
                        return
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"dovecot did not answer on {self.host}:{self.port}:\n{self.diagnostics()}")
            time.sleep(0.05)

    def stop(self, timeout: float = 15.0) -> None:
        proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        pid = proc.pid
        with contextlib.suppress(OSError, ValueError):
            pid = int(self.pid_file.read_text().strip())
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        # Logged-in imap processes outlive the master (they would go on serving their client),
        # so a "restart" would not drop connections. End them too, as a real restart would:
        # they are in the master's process group (its own session, see start()).
        self._end_group(proc.pid, timeout)

    @staticmethod
    def _end_group(pgid: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        sig = signal.SIGTERM
        while True:
            try:
                os.killpg(pgid, sig)
            except ProcessLookupError:
                return
            if time.monotonic() > deadline:
                sig = signal.SIGKILL
            time.sleep(0.05)

    @staticmethod
    def unused_port() -> int:
        """A loopback port nothing listens on (for connection-refused tests)."""
        return free_port()

    def restart(self) -> None:
        self.stop()
        self.start()

    def diagnostics(self) -> str:
        parts = []
        for path in (self.base / "stdout.log", self.log):
            if path.exists():
                parts.append(f"--- {path.name}\n" + path.read_text(errors="replace")[-4000:])
        return "\n".join(parts)

    # -- administration ----------------------------------------------------------------

    def new_user(self) -> tuple[str, str]:
        """``(user, password)`` of a user nobody has used yet (an empty mailbox)."""
        with self._lock:
            if self._next < len(self.pool):
                self._next += 1
                return self.pool[self._next - 1]
        user, password = f"x{uuid.uuid4().hex[:12]}", f"pw-{uuid.uuid4().hex[:10]}"
        self.add_user(user, password)
        return user, password

    def add_user(self, user: str, password: str, timeout: float = 5.0) -> None:
        """Add a user to the passwd-file and wait until Dovecot accepts it (up to ~1 s)."""
        with self._lock, open(self.passwd, "a") as f:
            f.write(f"{user}:{{PLAIN}}{password}\n")
        deadline = time.monotonic() + timeout
        while True:
            conn = imaplib.IMAP4(self.host, self.port, timeout=5)
            try:
                conn.login(user, password)
                return
            except imaplib.IMAP4.error:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
            finally:
                with contextlib.suppress(imaplib.IMAP4.error, OSError):
                    conn.logout()

    def doveadm(self, *args: str) -> str:
        result = subprocess.run(
            [str(DOVEADM), "-c", str(self.conf), *args],
            capture_output=True,
            text=True,
            timeout=30,
            stdin=subprocess.DEVNULL,
        )
        if result.returncode != 0:
            raise RuntimeError(f"doveadm {' '.join(args)} failed: {result.stderr or result.stdout}")
        return result.stdout


@pytest.fixture(scope="session")
def dovecot() -> Iterator[DovecotServer]:
    if not DOVECOT.exists():
        _unavailable("dovecot not installed: apt-get install dovecot-imapd")
    if os.geteuid() != 0:
        _unavailable("the throw-away Dovecot needs root (it switches to nobody/dovenull)")
    base = Path(tempfile.mkdtemp(prefix="assistant-dovecot-"))
    server = DovecotServer(base=base, port=free_port())
    server.write_config()
    try:
        server.start()
    except RuntimeError as exc:
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(f"could not start dovecot: {exc}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)


_APPENDUID = re.compile(rb"APPENDUID (\d+) (\d+)")


def _q(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass
class ImapAccount:
    """A fresh mailbox on the test Dovecot. Helpers use their own stdlib-imaplib connection."""

    server: DovecotServer
    user: str
    password: str

    @property
    def host(self) -> str:
        return self.server.host

    @property
    def port(self) -> int:
        return self.server.port

    def settings(self, tmp_path: Path, **overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "home": tmp_path,
            "imap_host": self.host,
            "imap_port": self.port,
            "imap_user": self.user,
            "imap_password": self.password,
            "imap_security": "none",
            "imap_timeout": 10.0,
        }
        values.update(overrides)
        return Settings(**values)

    @contextlib.contextmanager
    def imap(self) -> Iterator[imaplib.IMAP4]:
        """A logged-in stdlib connection (separate from the code under test)."""
        conn = imaplib.IMAP4(self.host, self.port, timeout=10)
        try:
            conn.login(self.user, self.password)
            yield conn
        finally:
            with contextlib.suppress(imaplib.IMAP4.error, OSError):
                conn.logout()

    def append(
        self, folder: str, raw: bytes, flags: tuple[str, ...] | list[str] = (), arrived: datetime | None = None
    ) -> int:
        """APPEND ``raw`` to ``folder`` (an ASCII name), with ``flags`` and the server's arrival
        date (INTERNALDATE, what SEARCH SINCE compares) ``arrived`` (default: now); its UID."""
        with self.imap() as conn:
            typ, data = conn.append(_q(folder), "(" + " ".join(flags) + ")" if flags else None, arrived, raw)
            assert typ == "OK", data
            match = _APPENDUID.search(data[-1] or b"")
            assert match, data
            return int(match.group(2))

    def create_folder(self, folder: str) -> None:
        with self.imap() as conn:
            typ, data = conn.create(_q(folder))
            assert typ == "OK", data

    def delete_folder(self, folder: str) -> None:
        with self.imap() as conn:
            typ, data = conn.delete(_q(folder))
            assert typ == "OK", data

    def flags(self, folder: str, uid: int) -> set[str]:
        """The FLAGS of one message, read from another connection (EXAMINE: changes nothing)."""
        with self.imap() as conn:
            typ, data = conn.select(_q(folder), readonly=True)
            assert typ == "OK", data
            typ, data = conn.uid("FETCH", str(uid), "(FLAGS)")
            assert typ == "OK", data
            line = next(d for d in data if d)
            if isinstance(line, tuple):
                line = line[0]
            match = re.search(rb"FLAGS \(([^)]*)\)", line)
            assert match, line
            return set(match.group(1).decode().split())

    def message(self, folder: str, uid: int) -> email.message.EmailMessage:
        """One message, parsed, read from another connection without setting \\Seen."""
        with self.imap() as conn:
            typ, data = conn.select(_q(folder), readonly=True)
            assert typ == "OK", data
            typ, data = conn.uid("FETCH", str(uid), "(BODY.PEEK[])")
            assert typ == "OK", data
        return email.message_from_bytes(data[0][1], policy=email.policy.default)

    def uids(self, folder: str) -> list[int]:
        with self.imap() as conn:
            typ, data = conn.select(_q(folder), readonly=True)
            assert typ == "OK", data
            typ, data = conn.uid("SEARCH", "ALL")
            return [int(x) for x in (data[0] or b"").split()]

    def uidvalidity(self, folder: str) -> int:
        with self.imap() as conn:
            typ, data = conn.status(_q(folder), "(UIDVALIDITY)")
            assert typ == "OK", data
            match = re.search(rb"UIDVALIDITY (\d+)", data[0])
            assert match, data
            return int(match.group(1))

    def set_uidvalidity(self, folder: str, value: int) -> None:
        self.server.doveadm("mailbox", "update", "-u", self.user, "--uid-validity", str(value), folder)


def make_message(subject: str, body: str = "Hello.", sender: str = "client@example.com") -> bytes:
    msg_id = f"<{uuid.uuid4().hex}@example.com>"
    return (
        f"From: Client <{sender}>\r\n"
        f"To: Account Manager <am@agency.example>\r\n"
        f"Subject: {subject}\r\n"
        f"Message-ID: {msg_id}\r\n"
        f"Date: Mon, 03 Mar 2025 10:00:00 +0000\r\n"
        f"MIME-Version: 1.0\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n"
        f"\r\n"
        f"{body}\r\n"
    ).encode()


@pytest.fixture
def imap_account(dovecot: DovecotServer, monkeypatch: pytest.MonkeyPatch) -> ImapAccount:
    """A fresh, empty mailbox (new user) per test; ASSISTANT_* env vars cleared."""
    for name in list(os.environ):
        if name.startswith("ASSISTANT_") and name != "ASSISTANT_REQUIRE_SERVICES":
            monkeypatch.delenv(name)
    if not dovecot.running:  # a test that stopped it and failed before starting it again
        dovecot.start()
    user, password = dovecot.new_user()
    return ImapAccount(server=dovecot, user=user, password=password)


@pytest.fixture
def message() -> Any:
    """``message(subject, body=..., sender=...)`` -> raw RFC 5322 bytes with a unique Message-ID."""
    return make_message


@pytest.fixture
def cli_env(imap_account: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The ``assistant`` command's settings for ``imap_account`` (its own data home)."""
    monkeypatch.setenv("ASSISTANT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("ASSISTANT_IMAP_HOST", imap_account.host)
    monkeypatch.setenv("ASSISTANT_IMAP_PORT", str(imap_account.port))
    monkeypatch.setenv("ASSISTANT_IMAP_USER", imap_account.user)
    monkeypatch.setenv("ASSISTANT_IMAP_PASSWORD", imap_account.password)
    monkeypatch.setenv("ASSISTANT_IMAP_SECURITY", "none")
    return imap_account
