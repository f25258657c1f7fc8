"""Label: in_scope / out_of_scope / red_flag, with the evidence behind it.

Two engines behind one interface (:class:`~assistant.label.engine.Engine`):
:class:`~assistant.label.offline.OfflineEngine` (the embedded default) and
:class:`~assistant.label.llm.LLMEngine` (any OpenAI-compatible endpoint), which falls back
visibly to the offline engine when the endpoint fails.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.errors import ConfigError

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.label.engine import Engine


def make_engine(settings: Settings, choice: str | None = None) -> Engine:
    """``offline`` or ``llm``; by default the LLM engine when an endpoint is configured."""
    from assistant.label.offline import OfflineEngine

    if choice not in (None, "offline", "llm"):
        raise ConfigError(f"unknown engine {choice!r}", fix="use --engine offline or --engine llm")
    offline = OfflineEngine()
    if choice == "offline" or (choice is None and not settings.llm_configured):
        return offline
    if not settings.llm_configured:
        raise ConfigError(
            "no LLM endpoint configured",
            fix="set OPENAI_API_KEY (OpenAI) or OPENAI_BASE_URL (Ollama, vLLM, LM Studio), and ASSISTANT_LLM_MODEL",
        )
    from assistant.label.llm import LLMEngine

    return LLMEngine.from_settings(settings, fallback=offline)
