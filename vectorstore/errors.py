"""Errors of the vector store and its embedding models that a user can act on.

Each carries a one-line message and, where there is one, the fix (the setting to change), so
that an application can print it as one line. This package knows no application: the
assistant catches these as it catches its own."""

from __future__ import annotations


class ActionableError(Exception):
    """A failure the user can fix; ``fix`` names what to change. The assistant's own
    errors share this base, so one handler prints both as one line."""

    def __init__(self, message: str, fix: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix

    def __str__(self) -> str:
        return f"{self.message} ({self.fix})" if self.fix else self.message


class VectorStoreError(ActionableError):
    """A failure of the vector store or its embedding model."""


class StoreConfigError(VectorStoreError):
    """A setting of the store or of its embedding model is missing or invalid."""
