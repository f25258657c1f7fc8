"""Draft stage: a polite reply in the client's language, for a human to approve.

- :func:`compose_draft` turns a triage result and its per-request verdicts into a
  :class:`~assistant.label.schema.DraftReply` (``compose``), from the per-language templates
  in ``templates/`` (``templates``; English when there is none, and the draft's ``note`` says
  so), greeting by first name (``names``), quoting the clause that decided each request and
  the price that fits (``evidence``), naming each request in a few words (``asks``).
- :func:`detect_language` tells which language the client wrote in; :func:`draft_language`
  which language a draft is written in (its own words, not the clauses it quotes).
- :func:`promises_free_work` and :func:`offers_both_options` check any engine's draft
  against the reply playbook.

Per-language word tables are data in ``lexicon/`` beside the templates: adding a language is
a template file and a line in each table.
"""

from assistant.draft.checks import draft_language, offers_both_options, promises_free_work
from assistant.draft.compose import compose_draft
from assistant.draft.templates import available_languages
from assistant.text.language import detect_language

__all__ = [
    "available_languages",
    "compose_draft",
    "detect_language",
    "draft_language",
    "offers_both_options",
    "promises_free_work",
]
