"""State that survives restarts: messages seen, sync cursors, triage results, drafts,
reviewers' corrections and the audit trail, in an embedded SQLite database (any SQLAlchemy URL works)."""

from assistant.state.models import (
    DRAFT_STATUSES,
    QUARANTINE_STAGES,
    Agency,
    AuditEvent,
    Client,
    Correction,
    Draft,
    KnowledgeDocument,
    Message,
    Quarantine,
    SyncCursor,
    SyncRun,
    TriageResult,
)
from assistant.state.store import DraftTransitionError, OutdatedStateError, Store, storable

__all__ = [
    "DRAFT_STATUSES",
    "Agency",
    "AuditEvent",
    "Client",
    "Correction",
    "KnowledgeDocument",
    "Draft",
    "DraftTransitionError",
    "OutdatedStateError",
    "Message",
    "QUARANTINE_STAGES",
    "Quarantine",
    "Store",
    "SyncCursor",
    "SyncRun",
    "TriageResult",
    "storable",
]
