"""The review web app (FastAPI). Build it with :func:`create_app`; serve it with uvicorn on
127.0.0.1. Every page needs a login; every POST needs the session's CSRF token (both declared
as dependencies, :mod:`assistant.review.deps`)."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader
from sqlalchemy import func, select
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import Message, Receive, Scope, Send
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from assistant.config import Settings
from assistant.errors import UserError
from assistant.label.schema import CATEGORIES, LABELS
from assistant.review import actions
from assistant.review.auth import (
    SESSION_SECONDS,
    LoginThrottle,
    end_session,
    load_users,
    secret_key,
    start_session,
    verify_password,
)
from assistant.review.corrections import corrections
from assistant.review.deps import (
    ClientScope,
    CsrfForm,
    CurrentUser,
    DraftId,
    LoginRequired,
    ReviewScope,
    VisibleDraft,
    csrf_token,
)
from assistant.review.mailbox import update_mailbox_label
from assistant.state import (
    DRAFT_STATUSES,
    Client,
    Draft,
    KnowledgeDocument,
    Store,
)
from assistant.state.answers import answered_reason, answered_without_draft

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
LABEL_ORDER = {"red_flag": 0, "out_of_scope": 1, "in_scope": 2}

CSP = (
    "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
}

CSS = Path(__file__).parent / "static" / "style.css"
#: The item page's one script (keyboard shortcuts, the draft box sized to its text), served
#: by the app; only that page's policy allows scripts, and only files from the app itself.
JS = Path(__file__).parent / "static" / "review.js"
ITEM_CSP = CSP.replace("script-src 'none'", "script-src 'self'")


def _templates() -> Environment:
    env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)
    env.filters["when"] = lambda d: d.strftime("%Y-%m-%d %H:%M") if d else "-"
    env.filters["pct"] = lambda x: f"{float(x or 0) * 100:.0f}%"
    return env


#: Host names the page always answers to (its own loopback address, for an SSH tunnel).
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
SESSION_COOKIE = "review_session"


def allowed_hosts(names: Iterable[str] = ()) -> list[str]:
    """The Host headers the page answers: loopback names and ``names`` (IPv6 in brackets)."""
    out = list(LOOPBACK_HOSTS)
    for name in names:
        name = name.lower()
        name = f"[{name}]" if ":" in name and not name.startswith("[") else name
        if name not in out:
            out.append(name)
    return out


class _SessionCookie(SessionMiddleware):
    """Starlette's signed session cookie, marked Secure on every request that came over HTTPS
    (the request's own scheme, or X-Forwarded-Proto from a trusted proxy), not only when the
    app was told so at start."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("scheme") != "https" or "; secure" in self.security_flags:
            await super().__call__(scope, receive, send)
            return
        prefix = (self.session_cookie + "=").encode()

        async def send_secure(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    (k, v + b"; secure" if k.lower() == b"set-cookie" and v.startswith(prefix) else v)
                    for k, v in message.get("headers", [])
                ]
            await send(message)

        await super().__call__(scope, receive, send_secure)


def create_app(
    settings: Settings,
    store: Store | None = None,
    *,
    manager_limit: int | None = None,
    https_only: bool = False,
    host_names: Iterable[str] = (),
    throttle: LoginThrottle | None = None,
) -> FastAPI:
    """The review app for ``settings.home``. ``store`` defaults to ``Store(settings.db_url)``.
    Set ``https_only`` when it is served behind TLS (marks the session cookie Secure; it is
    marked on any request that came over HTTPS anyway). It answers requests for loopback
    names, ``settings.review_hosts`` and ``host_names`` only (400 for any other Host header:
    no DNS rebinding); X-Forwarded-Proto/-For are believed only from
    ``settings.review_trusted_proxies``."""
    if manager_limit is None:
        manager_limit = settings.clients_per_manager
    store = store or Store(settings.db_url)
    home = settings.home
    env = _templates()
    app = FastAPI(title="Triage review", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.store, app.state.settings = store, settings
    throttle = throttle or LoginThrottle()

    @app.middleware("http")
    async def _headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    # Added last = outermost: the session exists for the header middleware and the routes;
    # a request for a foreign host name is refused before anything else looks at it.
    app.add_middleware(
        _SessionCookie,
        secret_key=secret_key(home),
        session_cookie=SESSION_COOKIE,
        max_age=SESSION_SECONDS,
        same_site="lax",
        https_only=https_only,
    )
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts([*settings.review_hosts, *host_names]))
    if settings.review_trusted_proxies:
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=list(settings.review_trusted_proxies))

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, _exc: LoginRequired) -> Response:
        request.session.pop("sid", None)  # a session that was ended or ran out
        request.session.pop("user", None)
        return RedirectResponse("/login?" + urlencode({"next": request.url.path}), status_code=303)

    @app.exception_handler(StarletteHTTPException)
    async def _not_found(request: Request, exc: StarletteHTTPException) -> Response:
        """A page of its own for 404: a draft that does not exist and one of another manager's
        clients read the same."""
        if exc.status_code != 404:
            return await http_exception_handler(request, exc)
        return render(request, "not_found.html", status_code=404)

    def render(request: Request, template: str, status_code: int = 200, **ctx: Any) -> HTMLResponse:
        flash = request.session.pop("flash", None)
        html = env.get_template(template).render(
            csrf=csrf_token(request), user=request.session.get("user"), flash=flash, **ctx
        )
        return HTMLResponse(html, status_code=status_code)

    def flash(request: Request, text: str, kind: str = "ok") -> None:
        request.session["flash"] = {"text": text, "kind": kind}

    # -- login ---------------------------------------------------------------------------

    @app.get("/static/style.css")
    def style() -> Response:
        return Response(CSS.read_text(encoding="utf-8"), media_type="text/css")

    @app.get("/static/review.js")
    def script(_user: CurrentUser) -> Response:  # only the item page, behind the login, loads it
        return Response(JS.read_text(encoding="utf-8"), media_type="text/javascript")

    @app.get("/login", response_class=HTMLResponse)
    def login_form(request: Request, next: str = "/") -> HTMLResponse:
        return render(request, "login.html", next=_safe_next(next), error=None, no_users=not load_users(home))

    @app.post("/login")
    async def login(request: Request, form: CsrfForm) -> Response:
        username = str(form.get("username") or "").strip()[:64]
        target = _safe_next(str(form.get("next") or "/"))
        address = request.client.host if request.client else "unknown"
        await throttle.before_attempt(username, address)  # a delay after failures, never a refusal
        found = await run_in_threadpool(verify_password, home, username, str(form.get("password") or ""))
        if found is None:
            throttle.failed(username, address)
            log.warning("failed review login for %r from %s", username, address)
            return render(
                request,
                "login.html",
                status_code=401,
                next=target,
                error="Wrong user name or password.",
                no_users=False,
            )
        throttle.succeeded(username)
        old = request.session.get("sid")
        if old:
            end_session(store, str(old))
        request.session.clear()  # a fresh session (and CSRF token) after login
        request.session["sid"] = start_session(store, found)
        request.session["user"] = found.username
        return RedirectResponse(target, status_code=303)

    @app.post("/logout")
    async def logout(request: Request, _form: CsrfForm) -> Response:
        token = request.session.get("sid")
        if token:
            end_session(store, str(token))  # the cookie, replayed, logs nobody in
        request.session.clear()
        return RedirectResponse("/login", status_code=303)

    # -- queue ---------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse)
    def queue(
        request: Request,
        _user: CurrentUser,
        scope: ReviewScope,
        label: str = "",
        client: str = "",
        manager: str = "",
        status: str = "pending",
    ) -> HTMLResponse:
        status = status if status in (*DRAFT_STATUSES, "all") else "pending"
        clients = _clients(store)
        rows = []
        for d in store.drafts(status, client_ids=scope.client_ids):
            m = d.message
            c = clients.get(m.client_id or "")
            row = _row(d, c, settings.mailbox_label(m.source_key))
            if label and row["label"] != label:
                continue
            if client and row["client_id"] != client:
                continue
            if manager and row["manager"] != manager:
                continue
            rows.append(row)
        ordered = _grouped(rows)
        mine = scope.clients(clients.values())
        managers = sorted({c.account_manager for c in mine if c.account_manager})
        return render(
            request,
            "queue.html",
            groups=ordered,
            total=len(rows),
            labels=LABELS,
            statuses=(*DRAFT_STATUSES, "all"),
            clients=sorted(mine, key=lambda c: c.name),
            managers=managers,
            # a manager sees what is stored of their clients' mail only (mail of no client: admins)
            quarantined=[q for q in store.quarantined() if scope.covers(q.message.client_id if q.message else None)],
            answered=[(m, why) for m, why in answered_without_draft(store) if scope.covers(m.client_id)],
            f={"label": label, "client": client, "manager": manager, "status": status},
        )

    # -- one item ------------------------------------------------------------------------

    # Every route with a {draft_id} takes the draft as ``VisibleDraft`` (deps.visible_draft):
    # 404 for an id that names nothing or a draft outside the reviewer's clients.

    @app.get("/items/{draft_id}", response_class=HTMLResponse)
    def item(request: Request, _user: CurrentUser, d: VisibleDraft, scope: ReviewScope) -> HTMLResponse:
        m = d.message
        clients = _clients(store)
        c = clients.get(m.client_id or "")
        prev_id, next_id = _neighbours(store, clients, d.id, scope)
        page = render(
            request,
            "item.html",
            prev_id=prev_id,
            next_id=next_id,
            edited=d.status == "pending" and actions.edited_by_hand(store, d.id),
            d=d,
            m=m,
            row=_row(d, c, settings.mailbox_label(m.source_key)),
            quoted=(m.parsed or {}).get("quoted_text") or "",
            result=m.triage.result if m.triage else None,
            labels=LABELS,
            categories=CATEGORIES,
            verdict_words=VERDICT_WORDS,
            audit=store.audit_trail("draft", str(d.id)),
            corrections=corrections(store, m.id),
            answered=answered_reason(store.answers([m.message_id]).get(m.message_id, [])),
        )
        page.headers["Content-Security-Policy"] = ITEM_CSP
        return page

    @app.post("/items/{draft_id}/draft")
    async def draft_action(
        request: Request, actor: CurrentUser, form: CsrfForm, draft_id: DraftId, _d: VisibleDraft
    ) -> Response:
        action = str(form.get("action") or "save")
        try:
            edited = None
            if action in {"save", "approve", "send"} and form.get("body") is not None:
                d = store.draft(draft_id)
                if d.status == "pending":
                    edited = actions.edit(
                        settings, store, draft_id, actor, str(form["body"]), str(form.get("subject") or d.subject)
                    )
            if action == "save":
                result = edited or _not_saved(store, draft_id)
            elif action == "approve":
                result = actions.approve(settings, store, draft_id, actor)
            elif action == "send":
                result = actions.approve_and_send(settings, store, draft_id, actor)
            elif action == "reject":
                result = actions.reject(settings, store, draft_id, actor)
            else:
                raise HTTPException(status_code=400, detail="unknown action")
            flash(
                request,
                result.message + (f" Warning: {result.warning}" if result.warning else ""),
                "warn" if result.warning else "ok",
            )
        except UserError as exc:
            flash(request, str(exc), "error")
        return RedirectResponse(f"/items/{draft_id}", status_code=303)

    @app.post("/items/{draft_id}/relabel")
    async def relabel(
        request: Request, actor: CurrentUser, form: CsrfForm, draft_id: DraftId, d: VisibleDraft
    ) -> Response:
        label, flags = str(form.get("label") or ""), [str(f) for f in form.get("red_flags") or []]
        reason = str(form.get("reason") or "")
        edited = str(form.get("edited") or "ask")
        try:
            result = actions.relabel(
                settings,
                store,
                draft_id,
                actor,
                label,
                flags,
                reason,
                edited=edited if edited in actions.EDITED_CHOICES else "ask",
            )
            flash(
                request,
                f"{result.message} The assistant will use the label for this client's similar messages.",
            )
        except actions.EditedDraftError:  # ask first: the relabel would replace the manager's own text
            return render(
                request, "relabel_confirm.html", d=d, m=d.message, label=label, red_flags=flags, reason=reason.strip()
            )
        except UserError as exc:
            flash(request, str(exc), "error")
            return RedirectResponse(f"/items/{draft_id}", status_code=303)
        in_mailbox = update_mailbox_label(settings, store, d.message_pk)  # the mail client shows it too
        if in_mailbox is not None and (in_mailbox.failed or in_mailbox.error):
            flash(
                request,
                f"Label corrected; the label in the mailbox was not updated: {in_mailbox.error or 'see the log'}",
                "warn",
            )
        return RedirectResponse(f"/items/{draft_id}", status_code=303)

    # -- clients and managers ------------------------------------------------------------

    @app.get("/clients", response_class=HTMLResponse)
    def clients_page(request: Request, _user: CurrentUser, scope: ReviewScope) -> HTMLResponse:
        return render(request, "clients.html", **_overview(store, manager_limit, scope=scope))

    return app


def _grouped(rows: list[dict[str, Any]]) -> list[tuple[tuple[str, str], list[dict[str, Any]]]]:
    """The queue's order: red flags first, grouped by manager and client, newest first."""
    rows = sorted(rows, key=lambda r: (LABEL_ORDER.get(r["label"], 3), -(r["date"].timestamp() if r["date"] else 0)))
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[(r["manager"], r["client_name"])].append(r)
    return sorted(groups.items(), key=lambda kv: (min(LABEL_ORDER.get(r["label"], 3) for r in kv[1]), kv[0]))


def _neighbours(
    store: Store, clients: dict[str, Client], draft_id: int, scope: ClientScope
) -> tuple[int | None, int | None]:
    """The drafts before and after ``draft_id`` in the reviewer's pending queue, as it lists them."""
    pending = store.drafts("pending", client_ids=scope.client_ids)
    order = [
        r["id"]
        for _, rows in _grouped([_row(d, clients.get(d.message.client_id or "")) for d in pending])
        for r in rows
    ]
    if draft_id not in order:
        return None, order[0] if order else None
    i = order.index(draft_id)
    return (order[i - 1] if i > 0 else None), (order[i + 1] if i + 1 < len(order) else None)


def _not_saved(store: Store, draft_id: int) -> actions.ActionResult:
    status = store.draft(draft_id).status
    why = f"it is {status}, and only pending drafts can be edited" if status != "pending" else "the form had no text"
    return actions.ActionResult(draft_id, status, False, f"Draft {draft_id} not saved: {why}.")


def _safe_next(target: str) -> str:
    """Only local paths: no open redirect to another site."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _clients(store: Store) -> dict[str, Client]:
    with store.session() as s:
        return {c.id: c for c in s.scalars(select(Client))}


def _row(d: Draft, c: Client | None, mailbox: str | None = None) -> dict[str, Any]:
    """A draft as the queue and its page show it; ``mailbox``: where its message came to (named
    only when several mailboxes are read)."""
    m = d.message
    result = m.triage.result if m.triage else {}
    return {
        "id": d.id,
        "status": d.status,
        "mailbox": mailbox,
        "subject": m.subject,
        "sender_name": m.sender_name,
        "sender_email": m.sender_email,
        "date": m.date or m.stored_at,
        "client_id": m.client_id or "",
        "client_name": c.name if c else (m.client_id or "(unknown client)"),
        "manager": (c.account_manager if c else "") or "(no manager)",
        "label": m.triage.label if m.triage else "",
        "red_flags": result.get("red_flags", []),
        "confidence": m.triage.confidence if m.triage else None,
        "needs_judgement": bool(result.get("needs_judgement")),
    }


#: How the page names each request's verdict.
VERDICT_WORDS = {
    "covered": "covered by the agreement",
    "excluded": "excluded by the agreement",
    "beyond_limit": "beyond the agreed limit",
    "not_covered": "not covered by anything agreed",
    "unclear": "not settled by the documents",
}


def _overview(
    store: Store, manager_limit: int, now: datetime | None = None, *, scope: ClientScope | None = None
) -> dict[str, Any]:
    """The clients page: the clients ``scope`` covers (all without one). Scope creep and last
    contact are the digest's own per-client figures (one definition of "this month", "last
    month" and "contact" for both); open drafts and open red flags are the page's."""
    from assistant.digest import build_digest

    now = now or datetime.now(UTC)
    digest = build_digest(store, now.date(), now=now)
    activity = {act.client_id: act for md in digest.managers for act in md.clients}
    clients = _clients(store)
    if scope is not None:
        clients = {c.id: c for c in scope.clients(clients.values())}
    with store.session() as s:
        docs = dict(
            s.execute(select(KnowledgeDocument.client_id, func.count()).group_by(KnowledgeDocument.client_id)).all()
        )
    stats = {}
    for cid, c in clients.items():
        act = activity.get(cid)
        stats[cid] = {
            "client": c,
            "documents": docs.get(cid, 0),
            "red_open": 0,
            "open": 0,
            "oos_this": act.out_of_scope_this_month if act else 0,
            "oos_last": act.out_of_scope_last_month if act else 0,
            "last_contact": act.last_contact if act else None,
        }
    for d in store.drafts("pending", client_ids=scope.client_ids if scope else None):
        st = stats.get(d.message.client_id or "")
        if st is not None:
            st["open"] += 1
            st["red_open"] += d.message.triage is not None and d.message.triage.label == "red_flag"
    managers: dict[str, dict[str, Any]] = {}
    for st in stats.values():
        name = st["client"].account_manager or "(no manager)"
        mg = managers.setdefault(name, {"name": name, "clients": 0, "open": 0})
        mg["clients"] += 1
        mg["open"] += st["open"]
    for mg in managers.values():
        mg["over"] = mg["clients"] > manager_limit
    return {
        "clients": sorted(stats.values(), key=lambda st: (-st["red_open"], st["client"].name)),
        "managers": sorted(managers.values(), key=lambda mg: mg["name"]),
        "limit": manager_limit,
    }


def serve(
    settings: Settings,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    allow_remote: bool = False,
    host_names: Iterable[str] = (),
) -> None:
    """Run the review app with uvicorn until Ctrl-C. Plain HTTP, so loopback only unless
    ``allow_remote``: then a TLS proxy is in front, and the session cookie is marked Secure so
    a browser never sends it unencrypted. It answers to loopback names, ``host_names``,
    ``settings.review_hosts`` and ``host`` itself when that is one address (not 0.0.0.0)."""
    import ipaddress

    import uvicorn

    from assistant.config import _is_loopback
    from assistant.review.auth import load_users as _users

    if not allow_remote and not _is_loopback(host):
        raise UserError(
            f"refusing to serve the review page on {host} over plain HTTP",
            fix="use --host 127.0.0.1 (and an SSH tunnel or a TLS reverse proxy)",
        )
    if not _users(settings.home):
        raise UserError("no reviewer accounts yet", fix="add one with `assistant serve --add-user NAME --role admin`")
    names = list(host_names)
    try:
        if not ipaddress.ip_address(host).is_unspecified:
            names.append(host)
    except ValueError:
        names.append(host)  # a host name to listen on is one to answer to
    store = Store(settings.db_url)
    try:
        uvicorn.run(
            create_app(settings, store, https_only=allow_remote, host_names=names),
            host=host,
            port=port,
            proxy_headers=False,  # X-Forwarded-* only from ASSISTANT_REVIEW_TRUSTED_PROXIES (create_app)
            server_header=False,
            log_level="info",
        )
    finally:
        store.close()
