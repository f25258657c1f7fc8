"""Draft stage: a polite reply in the client's language, for a human to approve.

- :func:`compose_draft` turns a triage result into a :class:`~assistant.label.schema.DraftReply`
  from the per-language templates in ``templates/`` (English when there is none).
- :func:`detect_language` tells which language the client wrote in.
- :func:`promises_free_work` and :func:`offers_both_options` check any engine's draft
  against the reply playbook.
"""

from assistant.draft.checks import offers_both_options, promises_free_work
from assistant.draft.compose import available_languages, compose_draft
from assistant.draft.language import detect_language

__all__ = ["available_languages", "compose_draft", "detect_language", "offers_both_options", "promises_free_work"]
