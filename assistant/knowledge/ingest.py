"""Ingestion: clients into the registry (state), their documents into the vector store.

Idempotent: a document whose content hash (bytes + kind, title, date + chunker version) is
unchanged is skipped; a changed one is re-indexed; one that left ``clients.json`` is
dropped. Every document to (re-)index is read and chunked *before* anything is written, so
an unreadable file stops the run with nothing half-indexed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.errors import UserError
from assistant.knowledge.chunking import load_chunks
from assistant.knowledge.documents import DocumentError
from assistant.knowledge.models import Chunk
from assistant.knowledge.workspace import ClientSpec, DocumentSpec, Workspace
from assistant.state import Agency, Client, KnowledgeDocument, Store
from vectorstore import VectorStore

#: Bump when chunking changes, so every document is re-indexed once.
CHUNKER_VERSION = (
    "6"  # bumped whenever chunk boundaries or exclusion phrases change: stored documents are re-chunked once
)


@dataclass
class IngestReport:
    clients: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    chunks: int = 0
    documents: list[str] = field(default_factory=list)  # what was (re-)indexed


@dataclass
class _Planned:
    client_id: str
    spec: DocumentSpec
    file: Path
    content_hash: str
    origin: str
    chunks: list[Chunk] | None = None


def doc_key(client_id: str, path: str) -> str:
    return f"{client_id}:{path}"


def _hash(file: Path, spec: DocumentSpec) -> str:
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"document not found: {file}", fix="fix the path in clients.json or add the file") from None
    except OSError as exc:
        raise DocumentError(f"cannot read {file}: {exc.strerror}", fix="check the file's permissions") from None
    h = hashlib.sha256(data)
    h.update(f"\0{spec.kind}\0{spec.title}\0{spec.date}\0{CHUNKER_VERSION}".encode())
    return h.hexdigest()


class Knowledge:
    """The registry of clients (state database) and their indexed documents (vector store)."""

    def __init__(self, store: Store, vectors: VectorStore) -> None:
        self.store = store
        self.vectors = vectors
        self.collection = vectors.collection_name

    # -- public ---------------------------------------------------------------------------

    def ingest_workspace(self, ws: Workspace, on_document: Callable[[str], None] | None = None) -> IngestReport:
        plans = [
            _Planned(c.id, d, ws.document_path(d), _hash(ws.document_path(d), d), "workspace")
            for c in ws.clients
            for d in c.documents
        ]
        with self.store.session() as s:
            self._save_agency(s, ws)
            report = self._apply(s, plans, ws.clients, on_document, prune_workspace=True)
            report.clients = len(ws.clients)
            # Clients that left clients.json go, with every document they had.
            listed = {c.id for c in ws.clients}
            for client in s.scalars(select(Client).where(Client.id.not_in(listed))).all():
                for row in s.scalars(select(KnowledgeDocument).where(KnowledgeDocument.client_id == client.id)).all():
                    self._drop(s, row, report)
                s.delete(client)
        return report

    def add_document(
        self, client_id: str, file: Path, kind: str, title: str | None = None, when: str | None = None
    ) -> IngestReport:
        file = file.expanduser().resolve()
        with self.store.session() as s:
            if s.get(Client, client_id) is None:
                known = ", ".join(s.scalars(select(Client.id)).all()) or "none yet"
                raise UserError(
                    f"unknown client {client_id!r} (known: {known})",
                    fix="run `assistant ingest DIR` with a clients.json that lists it",
                )
        spec = DocumentSpec(path=str(file), kind=kind, title=title or file.stem, date=when or _date_for(file))  # type: ignore[arg-type]
        plan = _Planned(client_id, spec, file, _hash(file, spec), "single")
        with self.store.session() as s:
            return self._apply(s, [plan], [], None, prune_workspace=False)

    def clients(self) -> list[Client]:
        with self.store.session() as s:
            return list(s.scalars(select(Client).order_by(Client.id)).all())

    def documents(self, client_id: str | None = None) -> list[KnowledgeDocument]:
        with self.store.session() as s:
            q = select(KnowledgeDocument).where(KnowledgeDocument.collection == self.collection)
            if client_id:
                q = q.where(KnowledgeDocument.client_id == client_id)
            return list(s.scalars(q.order_by(KnowledgeDocument.client_id, KnowledgeDocument.path)).all())

    # -- internals ------------------------------------------------------------------------

    @staticmethod
    def _save_agency(s: Session, ws: Workspace) -> None:
        agency = s.get(Agency, 1) or Agency(id=1)
        agency.name, agency.domains = ws.agency.name, list(ws.agency.domains)
        s.add(agency)

    def _apply(
        self,
        s: Session,
        plans: list[_Planned],
        clients: list[ClientSpec],
        on_document: Callable[[str], None] | None,
        *,
        prune_workspace: bool,
    ) -> IngestReport:
        report = IngestReport()
        existing = {
            (row.client_id, row.path): row
            for row in s.scalars(select(KnowledgeDocument).where(KnowledgeDocument.collection == self.collection)).all()
        }
        changed = [
            p
            for p in plans
            if (row := existing.get((p.client_id, p.spec.path))) is None or row.content_hash != p.content_hash
        ]
        for plan in changed:  # read everything first: an unreadable file stops us before any write
            plan.chunks = load_chunks(plan.file)
        to_index = {id(p) for p in changed}

        for c in clients:
            row = s.get(Client, c.id) or Client(id=c.id)
            row.name, row.domains, row.contacts, row.account_manager = (
                c.name or c.id,
                c.domains,
                c.contacts,
                c.account_manager,
            )
            s.add(row)
        s.flush()

        for plan in plans:
            if id(plan) not in to_index:
                report.unchanged += 1
                continue
            self._index(s, plan, existing.get((plan.client_id, plan.spec.path)), report)
            if on_document:
                on_document(plan.spec.path)

        if prune_workspace:
            wanted = {(p.client_id, p.spec.path) for p in plans}
            for key, row in existing.items():
                if row.origin == "workspace" and key not in wanted:
                    self._drop(s, row, report)
        return report

    def _index(self, s: Session, plan: _Planned, row: KnowledgeDocument | None, report: IngestReport) -> None:
        assert plan.chunks is not None
        key = doc_key(plan.client_id, plan.spec.path)
        self.vectors.delete(doc_key=key)
        try:
            self.vectors.add(
                ids=[f"{key}#{c.position}" for c in plan.chunks],
                texts=[c.text for c in plan.chunks],
                embed_texts=[c.embedding_text() for c in plan.chunks],
                metadatas=[
                    {
                        "client_id": plan.client_id,
                        "doc_key": key,
                        "source": plan.spec.path,
                        "kind": plan.spec.kind,
                        "title": plan.spec.title,
                        "date": plan.spec.date,
                        "section": c.section,
                        "excluded": c.excluded,
                        "position": c.position,
                    }
                    for c in plan.chunks
                ],
            )
        except BaseException:
            self.vectors.delete(doc_key=key)  # no half-indexed document; the next run retries
            raise
        if row is None:
            row = KnowledgeDocument(collection=self.collection, client_id=plan.client_id, path=plan.spec.path)
            report.added += 1
        else:
            report.updated += 1
        row.kind, row.title, row.date = plan.spec.kind, plan.spec.title, plan.spec.date
        row.content_hash, row.chunks, row.origin = plan.content_hash, len(plan.chunks), plan.origin
        s.add(row)
        report.chunks += len(plan.chunks)
        report.documents.append(plan.spec.path)

    def _drop(self, s: Session, row: KnowledgeDocument, report: IngestReport) -> None:
        self.vectors.delete(doc_key=doc_key(row.client_id, row.path))
        s.delete(row)
        report.removed += 1


def _date_for(file: Path) -> str:
    """A date for a document added alone: one in its file name, else its modification day."""
    m = re.search(r"(20\d\d)-(\d\d)-(\d\d)", file.name)
    if m:
        return m.group(0)
    return date.fromtimestamp(file.stat().st_mtime).isoformat()
