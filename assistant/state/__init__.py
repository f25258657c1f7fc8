"""State that survives restarts: messages seen, sync cursors, triage results, drafts,
reviewers' corrections and the audit trail, in an embedded SQLite database or PostgreSQL (``ASSISTANT_DATABASE_URL``), its schema kept
current by the Alembic migrations in ``migrations/``."""

from assistant.state.models import (
    DRAFT_STATUSES,
    QUARANTINE_STAGES,
    Agency,
    Answer,
    AuditEvent,
    Client,
    Correction,
    Draft,
    FolderModseq,
    KnowledgeDocument,
    MailboxLabel,
    Message,
    Quarantine,
    ReviewSession,
    SyncCursor,
    SyncRun,
    SyncWindow,
    TriageResult,
)
from assistant.state.schema import OutdatedStateError, SchemaTooNewError
from assistant.state.store import DraftTransitionError, Store, storable

__all__ = [
    "DRAFT_STATUSES",
    "Agency",
    "Answer",
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
    "QUARANTINE_STAGES",
    "Quarantine",
    "ReviewSession",
    "SchemaTooNewError",
    "Store",
    "SyncCursor",
    "SyncRun",
    "SyncWindow",
    "TriageResult",
    "storable",
]
