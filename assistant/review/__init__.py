"""The review web page: a human reads each triaged message and approves, edits, rejects
or relabels its draft. FastAPI + Jinja2, plain HTML forms; one small script file for the
item page's keys (``static/review.js``).

Names are imported lazily, so ``assistant.review.actions`` (used by the CLI) needs neither
FastAPI nor argon2.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "create_app": "assistant.review.app",
    "add_user": "assistant.review.auth",
    "hash_password": "assistant.review.auth",
    "load_users": "assistant.review.auth",
    "verify_password": "assistant.review.auth",
    "Correction": "assistant.state",
    "examples_for": "assistant.review.corrections",
    "record_correction": "assistant.review.corrections",
}

__all__ = [
    "Correction",
    "add_user",
    "create_app",
    "examples_for",
    "hash_password",
    "load_users",
    "record_correction",
    "verify_password",
]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'assistant.review' has no attribute {name!r}")
