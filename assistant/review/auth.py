"""Reviewer accounts (``<home>/users.toml``), the session signing key (``<home>/secret_key``),
the server-side login sessions (table ``review_sessions``) and the login throttle.

``users.toml``::

    [users.anna]
    password_hash = "$argon2id$..."
    name = "Anna"
    role = "manager"                 # or "admin"
    email = "anna@agency.example"    # a manager's: the clients whose account_manager it is

An entry without a ``role`` (written before roles existed) is read as an admin.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import secrets
import threading
import time
import tomllib
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from email.utils import parseaddr
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete

from assistant.errors import ConfigError, UserError
from assistant.state import ReviewSession, Store

USERS_FILE = "users.toml"
SECRET_FILE = "secret_key"
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
MIN_PASSWORD = 10
#: An admin sees every message; a manager only those of the clients they manage.
ROLES = ("admin", "manager")

_hasher = PasswordHasher()  # argon2id, library defaults
_DUMMY_HASH = _hasher.hash("not-a-real-password")


@dataclass(frozen=True)
class User:
    username: str
    name: str
    password_hash: str
    role: str = "admin"
    email: str = ""  # a manager's address, as the clients' ``account_manager`` gives it

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def email_address(value: str) -> str:
    """The bare, lower-cased address in ``value`` ("Anna <anna@x.example>" -> "anna@x.example");
    "" when it holds none."""
    addr = parseaddr(value or "")[1].strip().lower()
    return addr if "@" in addr and " " not in addr else ""


def hash_password(password: str) -> str:
    """An argon2id hash of ``password``."""
    return _hasher.hash(password)


def users_path(home: Path) -> Path:
    return Path(home) / USERS_FILE


def load_users(home: Path) -> dict[str, User]:
    path = users_path(home)
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}", fix="fix or remove the file") from None
    users = {}
    for username, entry in (data.get("users") or {}).items():
        if isinstance(entry, dict) and isinstance(entry.get("password_hash"), str):
            role = entry.get("role") or "admin"  # an account from before roles: it saw everything
            if role not in ROLES:
                raise ConfigError(
                    f"{path}: reviewer {username!r} has role {role!r}", fix='use role = "manager" or role = "admin"'
                )
            email = email_address(str(entry.get("email") or ""))
            if role == "manager" and not email:
                raise ConfigError(
                    f"{path}: manager {username!r} has no email address",
                    fix=f"run `assistant serve --add-user {username} --role manager --email ADDRESS`",
                )
            name = str(entry.get("name") or username)
            users[username] = User(username, name, entry["password_hash"], role, email)
    return users


def verify_password(home: Path, username: str, password: str) -> User | None:
    """The user when ``password`` is right; None otherwise (same work for unknown users)."""
    user = load_users(home).get(username)
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    return user


def _toml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def check_account(home: Path, username: str, role: str | None = None, email: str | None = None) -> tuple[str, str]:
    """The role and email address ``username`` gets from :func:`add_user`: those given, else
    the existing account's; a new account needs a role, a manager an email address."""
    if not USERNAME.match(username):
        raise UserError(f"invalid user name {username!r}", fix="use lower-case letters, digits, '.', '_' or '-'")
    existing = load_users(home).get(username)
    if role is None and existing is None:
        raise UserError(
            f"a new reviewer needs a role: {username!r} is not in users.toml yet",
            fix="add --role manager --email ADDRESS (sees only their clients) or --role admin (sees everything)",
        )
    role = role or (existing.role if existing else "admin")
    if role not in ROLES:
        raise UserError(f"unknown role {role!r}", fix="use --role manager or --role admin")
    address = email_address(email) if email else (existing.email if existing else "")
    if email and not address:
        raise UserError(f"not an email address: {email!r}", fix="give --email the manager's address")
    if role == "manager" and not address:
        raise UserError(
            "a manager needs an email address",
            fix="add --email ADDRESS: the account_manager address of their clients in clients.json",
        )
    return role, address


def add_user(
    home: Path,
    username: str,
    password: str,
    name: str | None = None,
    *,
    role: str | None = None,
    email: str | None = None,
) -> None:
    """Add (or reset the password of) a reviewer in ``<home>/users.toml`` (written 0600).
    ``role`` and ``email`` default to the existing account's; a new account without a
    role is an admin here (the CLI asks for one, see :func:`check_account`)."""
    users = load_users(home)
    existing = users.get(username)
    role, email = check_account(home, username, role or (None if existing else "admin"), email)
    if len(password) < MIN_PASSWORD:
        raise UserError("the password is too short", fix=f"use at least {MIN_PASSWORD} characters")
    name = name or (existing.name if existing else username)
    users[username] = User(username, name, hash_password(password), role, email)
    lines = []
    for u in users.values():
        lines += [
            f"[users.{_toml_str(u.username)}]",
            f"password_hash = {_toml_str(u.password_hash)}",
            f"name = {_toml_str(u.name)}",
            f"role = {_toml_str(u.role)}",
            *([f"email = {_toml_str(u.email)}"] if u.email else []),
            "",
        ]
    path = users_path(home)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # the data home: owner-only
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    os.replace(tmp, path)


def secret_key(home: Path) -> str:
    """The session signing key, created (0600) on first use."""
    path = Path(home) / SECRET_FILE
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # the data home: owner-only
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_text(encoding="ascii").strip()
        if len(key) < 32:
            raise ConfigError(f"{path} holds no usable key", fix="delete it; a new one is made on start") from None
        return key
    key = secrets.token_urlsafe(48)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key + "\n")
    return key


# -- server-side sessions ----------------------------------------------------------------------

#: How long a login lasts (also the signed cookie's Max-Age).
SESSION_SECONDS = 12 * 3600


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def start_session(store: Store, user: User, *, now: float | None = None) -> str:
    """Record a new login for ``user``; returns the token for the browser's cookie. Sessions
    that have run out are cleared on the way."""
    now = time.time() if now is None else now
    token = secrets.token_urlsafe(32)
    with store.session() as s:
        s.execute(delete(ReviewSession).where(ReviewSession.expires < int(now)))
        s.add(
            ReviewSession(
                token_hash=_sha256(token),
                username=user.username,
                password_stamp=_sha256(user.password_hash),
                expires=int(now) + SESSION_SECONDS,
            )
        )
    return token


def session_user(store: Store, home: Path, token: str, *, now: float | None = None) -> str | None:
    """The user name of the reviewer logged in with ``token`` (see :func:`session_reviewer`)."""
    user = session_reviewer(store, home, token, now=now)
    return user.username if user else None


def session_reviewer(store: Store, home: Path, token: str, *, now: float | None = None) -> User | None:
    """The reviewer logged in with ``token``, with their role as ``users.toml`` gives it now:
    None when the session was ended (logout, new password), has run out, or its reviewer is
    no longer in ``users.toml``."""
    now = time.time() if now is None else now
    with store.session() as s:
        row = s.get(ReviewSession, _sha256(token))
        if row is None or row.expires < now:
            return None
        username, stamp = row.username, row.password_stamp
    user = load_users(home).get(username)
    if user is None or not secrets.compare_digest(stamp, _sha256(user.password_hash)):
        return None
    return user


def end_session(store: Store, token: str) -> None:
    """Logout: the token logs nobody in any more, wherever the cookie was copied to."""
    with store.session() as s:
        s.execute(delete(ReviewSession).where(ReviewSession.token_hash == _sha256(token)))


def end_sessions_of(store: Store, username: str) -> int:
    """End every session of ``username`` (after a password change); returns how many."""
    with store.session() as s:
        return s.execute(delete(ReviewSession).where(ReviewSession.username == username)).rowcount or 0


# -- login throttling --------------------------------------------------------------------------


@dataclass
class _Failures:
    count: int = 0
    last: float = 0.0  # when the last failure was
    ready: float = 0.0  # when this key's next attempt is checked


class LoginThrottle:
    """Growing delays after failed logins, per user name and per client address.

    After ``free`` failures of a key, its next attempt waits ``base`` seconds, doubling with
    each further failure up to ``cap``; a key is forgotten ``forget`` seconds after its last
    failure. The attempt then goes ahead: the right password still logs in, so nobody can
    lock a reviewer out by failing on purpose — the most it costs them is ``cap`` seconds.
    Attempts from one address are also spaced out one after the other, so guessing in
    parallel from one address gains nothing. ``clock`` and ``sleep`` are injectable for tests.
    """

    def __init__(
        self,
        *,
        free: int = 3,
        base: float = 1.0,
        cap: float = 30.0,
        forget: float = 900.0,
        max_keys: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.free, self.base, self.cap, self.forget, self.max_keys = free, base, cap, forget, max_keys
        self.clock, self.sleep = clock, sleep
        self._keys: OrderedDict[str, _Failures] = OrderedDict()
        self._lock = threading.Lock()

    def delay(self, failures: int) -> float:
        """The wait before the attempt that follows ``failures`` failures."""
        if failures <= self.free:
            return 0.0
        return min(self.cap, self.base * 2 ** (failures - self.free - 1))

    def _get(self, key: str, now: float) -> _Failures | None:
        entry = self._keys.get(key)
        if entry is not None and now - entry.last > self.forget:
            del self._keys[key]
            return None
        return entry

    def wait_for(self, username: str, address: str) -> float:
        """Seconds this attempt must wait first (the address's turn is taken now)."""
        with self._lock:
            now = self.clock()
            wait = 0.0
            user = self._get("user:" + username, now)
            if user is not None:
                wait = max(wait, user.last + self.delay(user.count) - now)
            addr = self._get("addr:" + address, now)
            if addr is not None and addr.count > self.free:
                turn = max(now, addr.ready, addr.last + self.delay(addr.count))
                addr.ready = turn + self.delay(addr.count)
                wait = max(wait, turn - now)
            return max(0.0, wait)

    async def before_attempt(self, username: str, address: str) -> float:
        """Sleep out this attempt's delay; returns it."""
        wait = self.wait_for(username, address)
        if wait > 0:
            await self.sleep(wait)
        return wait

    def failed(self, username: str, address: str) -> None:
        with self._lock:
            now = self.clock()
            for key in ("user:" + username, "addr:" + address):
                entry = self._get(key, now) or _Failures()
                entry.count += 1
                entry.last = now
                self._keys[key] = entry
                self._keys.move_to_end(key)
            while len(self._keys) > self.max_keys:  # a flood of made-up names cannot fill memory
                self._keys.popitem(last=False)

    def succeeded(self, username: str) -> None:
        """The user name's failures are forgiven; the address's are not (an attacker with an
        account of their own could otherwise clear them between guesses)."""
        with self._lock:
            self._keys.pop("user:" + username, None)
