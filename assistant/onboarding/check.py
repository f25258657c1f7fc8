"""``assistant check``: is a workspace ready to ingest, and do the services it needs answer?

Every finding is one line: ``ok``, ``warn`` (works, but probably not as meant) or ``fail``
(triage or ingestion would stop on it, with the setting or file to fix). Each statement of
work also gets what it was understood to say (:mod:`assistant.onboarding.reading`), so a
misread document shows before any mail is judged against it. Nothing is written: no
ingestion, no mail fetched, no flag changed.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from email.utils import parseaddr
from pathlib import Path
from typing import Literal
from urllib.parse import urlparse

from assistant.config import Settings
from assistant.errors import UserError
from assistant.knowledge.chunking import load_chunks
from assistant.knowledge.workspace import ClientSpec, Workspace, load_workspace
from assistant.onboarding.reading import SowReading, read_sow

log = logging.getLogger(__name__)

Status = Literal["ok", "warn", "fail"]
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: How long a service may take to answer a check.
CHECK_TIMEOUT = 15.0
#: Characters of a clause shown in a reading.
CLAUSE_CHARS = 100


@dataclass
class Finding:
    status: Status
    text: str
    #: Lines shown under the finding: what a statement of work was understood to say.
    detail: list[str] = field(default_factory=list)


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)

    def add(self, status: Status, text: str, detail: list[str] | None = None) -> None:
        self.findings.append(Finding(status, text, detail or []))

    def count(self, status: Status) -> int:
        return sum(f.status == status for f in self.findings)

    @property
    def failed(self) -> bool:
        return self.count("fail") > 0


def run_checks(directory: Path, settings: Settings) -> CheckReport:
    """The workspace in ``directory`` and the services configured in ``settings``."""
    report = CheckReport()
    check_workspace(directory, report)
    check_mailboxes(settings, report)
    check_llm(settings, report)
    check_chroma(settings, report)
    return report


# -- the workspace ------------------------------------------------------------------------------


def check_workspace(directory: Path, report: CheckReport) -> None:
    try:
        ws = load_workspace(directory)
    except UserError as exc:
        report.add("fail", f"workspace: {exc}")
        return
    documents = sum(len(c.documents) for c in ws.clients)
    if not ws.clients:
        report.add("fail", f'workspace {directory}: clients.json lists no clients (add them under "clients")')
        return
    report.add("ok", f"workspace {directory}: {_plural(len(ws.clients), 'client')}, {_plural(documents, 'document')}")
    _check_agency(ws, report)
    owners: dict[str, list[str]] = {}
    for client in ws.clients:
        for domain in client.domains:
            owners.setdefault(domain, []).append(client.id)
        _check_client(ws, client, report)
    for domain, ids in sorted(owners.items()):
        if len(ids) > 1:
            report.add(
                "warn",
                f"clients {', '.join(ids)} share the domain {domain}: mail from it matches neither unless the "
                "sender is a listed contact (give each client its own domains, or list contacts)",
            )


def _check_agency(ws: Workspace, report: CheckReport) -> None:
    if not ws.agency.domains:
        report.add(
            "warn",
            "agency: no domains in clients.json: your own colleagues' mail could be taken for a client's "
            '(add the agency\'s mail domains under "agency")',
        )
    for domain in ws.agency.domains:
        if domain.endswith(".example"):
            report.add("warn", f"agency: {domain} is an example domain: put your agency's own mail domain there")


def _check_client(ws: Workspace, client: ClientSpec, report: CheckReport) -> None:
    who = f"client {client.id}"
    if not client.domains and not client.contacts:
        report.add(
            "fail", f"{who}: no domains or contacts in clients.json: none of its mail can be matched to it (add them)"
        )
    agency = set(ws.agency.domains)
    examples = []
    for address in [*client.domains, *client.contacts]:
        domain = address.rpartition("@")[2]
        if any(domain == d or domain.endswith("." + d) for d in agency):
            report.add(
                "fail", f"{who}: {address} is in the agency's own domain: mail from it is never a client's (remove it)"
            )
        elif domain.endswith(".example"):
            examples.append(address)
    if examples:
        report.add(
            "warn",
            f"{who}: example addresses, real mail never comes from them: {', '.join(examples)} (put the client's own)",
        )
    if "@" not in parseaddr(client.account_manager)[1]:
        report.add(
            "warn",
            f"{who}: account_manager {client.account_manager!r} is not an email address: "
            "the digest cannot be emailed to them",
        )
    if not any(doc.kind == "scope" for doc in client.documents):
        report.add(
            "warn",
            f'{who}: no statement of work (a document of kind "scope"): its requests cannot be held against an '
            "agreed scope",
        )
    for doc in client.documents:
        path = ws.document_path(doc)
        if doc.date and not _DATE.fullmatch(doc.date):
            report.add("warn", f"{who}: {doc.path}: date {doc.date!r} is not YYYY-MM-DD: drafts quote it as written")
        try:
            if doc.kind == "scope":
                reading = read_sow(path)
            else:
                chunks = load_chunks(path)
        except UserError as exc:
            report.add("fail", f"{who}: {exc}")
            continue
        if doc.kind != "scope":
            refusals = sum(c.excluded for c in chunks)
            report.add(
                "ok",
                f"{who}: {doc.path}: call notes, {_plural(len(chunks), 'note')} "
                f"({_plural(refusals, 'refusal')}: notes that say something is not included)",
            )
            continue
        report.add("ok", f"{who}: {doc.path}: statement of work, read as:", describe(reading))
        for warning in reading.warnings():
            report.add("warn", f"{who}: {doc.path}: {warning}")


def describe(reading: SowReading) -> list[str]:
    """What a statement of work was understood to say, a line per clause."""
    lines = [f"included ({len(reading.included)}):"]
    for item in reading.included:
        limit = f"  [limit {item.limit}]" if item.limit is not None else ""
        lines.append(f"  - {_clip(item.text)}{limit}")
    lines.append(f"not included ({len(reading.exclusions)}):")
    lines += [f"  - {_clip(text)}" for text in reading.exclusions]
    lines.append(f"rates: {'; '.join(reading.rates) or 'none found'}")
    lines.append(f"payment terms ({len(reading.payment_terms)}):")
    lines += [f"  - {_clip(text)}" for text in reading.payment_terms]
    lines.append(f"change-request rule ({len(reading.change_requests)}):")
    lines += [f"  - {_clip(text)}" for text in reading.change_requests]
    return lines


# -- the mailbox --------------------------------------------------------------------------------


def check_mailboxes(settings: Settings, report: CheckReport) -> None:
    """The Maildir (``ASSISTANT_MAILDIR``) and the IMAP mailbox, whichever are configured."""
    if settings.maildir is None and not settings.imap_configured:
        report.add("fail", "mailbox: none configured (set ASSISTANT_IMAP_HOST, or ASSISTANT_MAILDIR for a Maildir)")
    if settings.maildir is not None:
        _check_maildir(settings.maildir, report)
    if settings.imap_configured:
        _check_imap(settings, report)


def _check_maildir(path: Path, report: CheckReport) -> None:
    if not path.is_dir():
        report.add("fail", f"Maildir {path}: no such folder (check ASSISTANT_MAILDIR)")
        return
    if any((path / sub).is_dir() for sub in ("cur", "new")):
        count = sum(1 for sub in ("cur", "new") if (path / sub).is_dir() for p in (path / sub).iterdir() if p.is_file())
        report.add("ok", f"Maildir {path}: {_plural(count, 'message')}")
        return
    count = sum(1 for _ in path.rglob("*.eml"))
    if count:
        report.add("ok", f"mail folder {path}: {_plural(count, '.eml file')}")
    else:
        report.add(
            "warn", f"Maildir {path}: neither cur/ nor new/ nor .eml files: nothing to read (check ASSISTANT_MAILDIR)"
        )


def _check_imap(settings: Settings, report: CheckReport) -> None:
    from assistant.mailin.imap import ImapSource

    source = ImapSource(settings)
    where = f"IMAP {settings.imap_user or '(no user)'}@{source.host}:{source.port}"
    try:
        source.connect()
        folders = {entry.name for entry in source.list_folders()}
    except UserError as exc:
        report.add("fail", f"{where}: {exc}")
        return
    finally:
        source.close()
    if source.folder not in folders and not (source.folder.upper() == "INBOX" and "INBOX" in map(str.upper, folders)):
        report.add("fail", f"{where}: login ok, but no folder {source.folder!r} (check ASSISTANT_IMAP_FOLDER)")
        return
    report.add("ok", f"{where}: login ok, folder {source.folder} found")


# -- the LLM endpoint and the Chroma server -----------------------------------------------------


def check_llm(settings: Settings, report: CheckReport) -> None:
    if not settings.llm_configured:
        report.add("ok", "LLM: no endpoint configured; triage uses the offline engine")
        return
    import openai

    url = settings.openai_base_url or "https://api.openai.com/v1"
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "not-needed"
    client = openai.OpenAI(
        api_key=key, base_url=settings.openai_base_url, timeout=min(settings.llm_timeout, CHECK_TIMEOUT), max_retries=0
    )
    where = f"LLM endpoint {url}"
    try:
        models = [m.id for m in client.models.list()]
    except openai.AuthenticationError:
        report.add("fail", f"{where}: the API key was refused (check OPENAI_API_KEY)")
        return
    except openai.NotFoundError:
        report.add("warn", f"{where}: answers, but lists no models: {settings.llm_model!r} not verified")
        return
    except openai.APIConnectionError as exc:
        report.add("fail", f"{where}: cannot connect: {_cause(exc)} (check OPENAI_BASE_URL)")
        return
    except openai.APIStatusError as exc:
        report.add("fail", f"{where}: answered HTTP {exc.status_code} (check OPENAI_BASE_URL)")
        return
    finally:
        client.close()
    if models and settings.llm_model not in models:
        report.add(
            "warn",
            f"{where}: reachable, but model {settings.llm_model!r} is not among the {_plural(len(models), 'model')} "
            "it offers (check ASSISTANT_LLM_MODEL)",
        )
        return
    report.add("ok", f"{where}: reachable, model {settings.llm_model} offered")


def check_chroma(settings: Settings, report: CheckReport) -> None:
    if not settings.chroma_url:
        report.add("ok", f"vector store: on disk in {settings.chroma_path}")
        return
    url = settings.chroma_url
    parsed = urlparse(url)
    if parsed.scheme not in {"http", "https"} or not parsed.hostname:
        report.add("fail", f"Chroma server {url!r}: not a URL (set ASSISTANT_CHROMA_URL like http://host:8000)")
        return
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    try:
        client = chromadb.HttpClient(
            host=parsed.hostname,
            port=parsed.port or (443 if parsed.scheme == "https" else 8000),
            ssl=parsed.scheme == "https",
            settings=ChromaSettings(anonymized_telemetry=False, allow_reset=False),
        )
        client.heartbeat()
    except Exception as exc:  # the client raises many types: each is this service failing, logged in full
        log.debug("Chroma server %s did not answer", url, exc_info=True)
        report.add("fail", f"Chroma server {url}: cannot reach it: {_cause(exc)} (check ASSISTANT_CHROMA_URL)")
        return
    report.add("ok", f"Chroma server {url}: reachable")


# -- helpers ------------------------------------------------------------------------------------


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _clip(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= CLAUSE_CHARS else flat[: CLAUSE_CHARS - 1] + "…"


def _cause(exc: BaseException) -> str:
    """The innermost reason (the end of the exception's chain), on one line."""
    seen = {id(exc)}
    while (inner := exc.__cause__ or exc.__context__) is not None and id(inner) not in seen:
        seen.add(id(inner))
        exc = inner
    return " ".join(str(exc).split()) or type(exc).__name__
