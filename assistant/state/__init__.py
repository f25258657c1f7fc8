"""State that survives restarts: messages seen, sync cursors, triage results, drafts,
reviewers' corrections and the audit trail, in an embedded SQLite database (any SQLAlchemy URL works)."""

from assistant.state.models import (
    DRAFT_STATUSES,
    Agency,
    Answer,
    AuditEvent,
    Client,
    Correction,
    Draft,
    KnowledgeDocument,
    Message,
    Quarantine,
    SyncCursor,
    SyncWindow,
    TriageResult,
)
from assistant.state.store import DraftTransitionError, OutdatedStateError, Store

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
    "OutdatedStateError",
    "Message",
    "Quarantine",
    "Store",
    "SyncCursor",
    "SyncWindow",
    "TriageResult",
]
