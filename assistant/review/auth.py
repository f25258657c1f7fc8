"""Reviewer accounts (``<home>/users.toml``) and the session signing key (``<home>/secret_key``).

``users.toml``::

    [users.anna]
    password_hash = "$argon2id$..."
    name = "Anna"
"""

from __future__ import annotations

import json
import os
import re
import secrets
import tomllib
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from assistant.errors import ConfigError, UserError

USERS_FILE = "users.toml"
SECRET_FILE = "secret_key"
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
MIN_PASSWORD = 10

_hasher = PasswordHasher()  # argon2id, library defaults
_DUMMY_HASH = _hasher.hash("not-a-real-password")


@dataclass(frozen=True)
class User:
    username: str
    name: str
    password_hash: str


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
            users[username] = User(username, str(entry.get("name") or username), entry["password_hash"])
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


def add_user(home: Path, username: str, password: str, name: str | None = None) -> None:
    """Add (or reset the password of) a reviewer in ``<home>/users.toml`` (written 0600)."""
    if not USERNAME.match(username):
        raise UserError(f"invalid user name {username!r}", fix="use lower-case letters, digits, '.', '_' or '-'")
    if len(password) < MIN_PASSWORD:
        raise UserError("the password is too short", fix=f"use at least {MIN_PASSWORD} characters")
    users = load_users(home)
    existing = users.get(username)
    users[username] = User(username, name or (existing.name if existing else username), hash_password(password))
    lines = []
    for u in users.values():
        lines += [
            f"[users.{_toml_str(u.username)}]",
            f"password_hash = {_toml_str(u.password_hash)}",
            f"name = {_toml_str(u.name)}",
            "",
        ]
    path = users_path(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    os.replace(tmp, path)


def secret_key(home: Path) -> str:
    """The session signing key, created (0600) on first use."""
    path = Path(home) / SECRET_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
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
