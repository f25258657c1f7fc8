"""State that survives restarts: messages seen, sync cursors, triage results, drafts,
reviewers' corrections and the audit trail, in an embedded SQLite database or PostgreSQL (``ASSISTANT_DATABASE_URL``), its schema kept
current by the Alembic migrations in ``migrations/``."""

from assistant.state.models import (
    DRAFT_STATUSES,
    Agency,
    AuditEvent,
    Client,
    Correction,
    Draft,
    FolderModseq,
    KnowledgeDocument,
    MailboxLabel,
    Message,
    Quarantine,
    SyncCursor,
    TriageResult,
)
from assistant.state.schema import OutdatedStateError, SchemaTooNewError
from assistant.state.store import DraftTransitionError, Store

__all__ = [
    "DRAFT_STATUSES",
    "Agency",
    "AuditEvent",
    "Client",
    "Correction",
    "KnowledgeDocument",
    "Draft",
    "DraftTransitionError",
    "FolderModseq",
    "MailboxLabel",
    "OutdatedStateError",
    "Message",
    "Quarantine",
    "SchemaTooNewError",
    "Store",
    "SyncCursor",
    "TriageResult",
]
