"""Errors a user can act on.

Every :class:`UserError` carries a one-line message and, where there is one, the fix
(usually the setting to change). The CLI prints these as one line, without a traceback.
"""

from __future__ import annotations

from vectorstore.errors import ActionableError


class UserError(ActionableError):
    """A failure the user can fix; ``fix`` names what to change."""


class ConfigError(UserError):
    """A setting is missing or invalid."""


class MailboxError(UserError):
    """The mailbox could not be reached, logged into or used."""


class AuthenticationError(MailboxError):
    """The server refused the credentials."""


class ConnectionLostError(MailboxError):
    """The connection dropped; callers that loop (``watch``) reconnect."""


#: Every error a user can act on, the assistant's and its vector store's: printed as one line.
USER_ERRORS: tuple[type[Exception], ...] = (ActionableError,)
