"""The review app's declared dependencies: the logged-in reviewer, the CSRF-checked form and
a draft id from the path.

A route takes them as parameters (``actor: CurrentUser``, ``form: CsrfForm``), so FastAPI runs
the check before the route's body and a route cannot forget it. ``tests/unit/test_review_app.py``
walks the routes and fails on one that does not declare them.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request

from assistant.review.auth import session_user

#: The largest id SQLite (and most databases) can store: a larger number names no row.
MAX_ID = 2**63 - 1


class LoginRequired(Exception):
    """Raised by :func:`current_user`; the app answers it with a redirect to the login page."""


def current_user(request: Request) -> str:
    """The logged-in reviewer's user name, else LoginRequired. The cookie only carries the
    session's token: the session must still be in the state database (not logged out, not
    ended by a new password, not run out) and its reviewer still listed in ``users.toml``."""
    token = request.session.get("sid")
    username = token and session_user(request.app.state.store, request.app.state.settings.home, str(token))
    if not username:
        raise LoginRequired
    return username


def draft_id_path(draft_id: str) -> int:
    """The ``{draft_id}`` of a route's path: 404 for anything that is not a stored row's id
    (not a number, negative, zero, or larger than the database can hold)."""
    if not (draft_id.isascii() and draft_id.isdigit()) or len(draft_id) > 19 or not 0 < int(draft_id) <= MAX_ID:
        raise HTTPException(status_code=404, detail="no such draft")
    return int(draft_id)


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made on first use."""
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return token


async def csrf_checked_form(request: Request) -> dict[str, Any]:
    """The POSTed form once its ``csrf`` field matches the session's token (403 otherwise);
    ``red_flags`` is a list, every other field a single value."""
    form = await request.form()
    sent, expected = str(form.get("csrf") or ""), request.session.get("csrf") or ""
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise HTTPException(status_code=403, detail="CSRF token missing or wrong; reload the page")
    return {k: form.getlist(k) if k == "red_flags" else form.get(k) for k in form}


CurrentUser = Annotated[str, Depends(current_user)]
CsrfForm = Annotated[dict[str, Any], Depends(csrf_checked_form)]
DraftId = Annotated[int, Depends(draft_id_path)]
