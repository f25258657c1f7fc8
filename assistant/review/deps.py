"""The review app's declared dependencies: the logged-in reviewer and the CSRF-checked form.

A route takes them as parameters (``actor: CurrentUser``, ``form: CsrfForm``), so FastAPI runs
the check before the route's body and a route cannot forget it. ``tests/unit/test_review_app.py``
walks the routes and fails on one that does not declare them.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request

from assistant.review.auth import load_users


class LoginRequired(Exception):
    """Raised by :func:`current_user`; the app answers it with a redirect to the login page."""


def current_user(request: Request) -> str:
    """The logged-in reviewer's user name (still listed in ``users.toml``), else LoginRequired."""
    username = request.session.get("user")
    if not username or username not in load_users(request.app.state.settings.home):
        raise LoginRequired
    return username


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
