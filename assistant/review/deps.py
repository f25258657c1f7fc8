"""The review app's declared dependencies: the logged-in reviewer, the clients their page
covers, the CSRF-checked form, and a draft id from the path as the draft it names.

A route takes them as parameters (``actor: CurrentUser``, ``form: CsrfForm``,
``d: VisibleDraft``), so FastAPI runs the check before the route's body and a route cannot
forget it. ``tests/unit/test_review_app.py`` walks the routes and fails on one that does not
declare them.

Who sees what is decided here and nowhere else: an admin sees every message; an account
manager only those of the clients whose ``account_manager`` is their email address (never a
message with no client). A draft outside the reviewer's clients is answered exactly as a
draft that does not exist (404), whatever the route, so guessing ids tells nothing.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Collection
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from sqlalchemy import select

from assistant.errors import UserError
from assistant.review.auth import User, email_address, session_reviewer
from assistant.state import Client, Draft, Store

#: The largest id SQLite (and most databases) can store: a larger number names no row.
MAX_ID = 2**63 - 1
NOT_FOUND = "no such draft"


class LoginRequired(Exception):
    """Raised by :func:`current_reviewer`; the app answers it with a redirect to the login page."""


def current_reviewer(request: Request) -> User:
    """The logged-in reviewer (with the role ``users.toml`` gives them now), else LoginRequired.
    The cookie only carries the session's token: the session must still be in the state
    database (not logged out, not ended by a new password, not run out) and its reviewer
    still listed in ``users.toml``."""
    token = request.session.get("sid")
    user = token and session_reviewer(request.app.state.store, request.app.state.settings.home, str(token))
    if not user:
        raise LoginRequired
    return user


def current_user(reviewer: Annotated[User, Depends(current_reviewer)]) -> str:
    """The logged-in reviewer's user name (the actor in the audit trail), else LoginRequired."""
    return reviewer.username


@dataclass(frozen=True)
class ClientScope:
    """The clients a reviewer's page covers: all (``client_ids`` None) for an admin, the ones
    they manage for a manager."""

    reviewer: User
    client_ids: frozenset[str] | None

    def covers(self, client_id: str | None) -> bool:
        """Whether a message of ``client_id`` is on this reviewer's page (one with no client
        is an admin's only)."""
        return self.client_ids is None or (client_id is not None and client_id in self.client_ids)

    def clients(self, clients: Collection[Client]) -> list[Client]:
        return [c for c in clients if self.covers(c.id)]


def scope_for(store: Store, reviewer: User) -> ClientScope:
    """``reviewer``'s clients: for a manager, those whose ``account_manager`` is their address
    (compared without case or display name)."""
    if reviewer.is_admin:
        return ClientScope(reviewer, None)
    with store.session() as s:
        rows = s.execute(select(Client.id, Client.account_manager)).all()
    mine = frozenset(cid for cid, manager in rows if reviewer.email and email_address(manager) == reviewer.email)
    return ClientScope(reviewer, mine)


def client_scope(request: Request, reviewer: Annotated[User, Depends(current_reviewer)]) -> ClientScope:
    """The logged-in reviewer's :class:`ClientScope`."""
    return scope_for(request.app.state.store, reviewer)


def draft_id_path(draft_id: str) -> int:
    """The ``{draft_id}`` of a route's path: 404 for anything that is not a stored row's id
    (not a number, negative, zero, or larger than the database can hold)."""
    if not (draft_id.isascii() and draft_id.isdigit()) or len(draft_id) > 19 or not 0 < int(draft_id) <= MAX_ID:
        raise HTTPException(status_code=404, detail=NOT_FOUND)
    return int(draft_id)


def visible_draft(
    request: Request,
    draft_id: Annotated[int, Depends(draft_id_path)],
    scope: Annotated[ClientScope, Depends(client_scope)],
) -> Draft:
    """The draft of the path's ``{draft_id}`` (with its message and triage result), when the
    logged-in reviewer's page covers its client; 404, as for an id that names nothing,
    otherwise."""
    try:
        draft = request.app.state.store.draft(draft_id)
    except UserError:
        raise HTTPException(status_code=404, detail=NOT_FOUND) from None
    if not scope.covers(draft.message.client_id):
        raise HTTPException(status_code=404, detail=NOT_FOUND)
    return draft


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
Reviewer = Annotated[User, Depends(current_reviewer)]
ReviewScope = Annotated[ClientScope, Depends(client_scope)]
CsrfForm = Annotated[dict[str, Any], Depends(csrf_checked_form)]
DraftId = Annotated[int, Depends(draft_id_path)]
VisibleDraft = Annotated[Draft, Depends(visible_draft)]
