"""Prompt templates, read from files.

The files live in the repository's ``prompts/`` folder, one prompt a file, versioned in the
name (``triage.system.v1.md``). An installed wheel carries them as ``assistant/_prompts/``
(pyproject force-includes the folder); a source checkout or an editable install reads the
repository's ``prompts/`` directly. :func:`load_prompt` looks in that order.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from string import Template

from assistant.errors import UserError

__all__ = ["PromptNotFoundError", "load_prompt", "prompt_dirs", "render_prompt"]

#: The repository's prompts/ folder, seen from assistant/label/prompts.py.
_SOURCE_DIR = Path(__file__).resolve().parents[2] / "prompts"


class PromptNotFoundError(UserError, FileNotFoundError):
    """A prompt file is missing: the installation is incomplete."""


def prompt_dirs() -> list[Path]:
    """Where prompts are looked for, in order: the installed package's ``_prompts``, then the
    source checkout's ``prompts/``."""
    dirs: list[Path] = []
    try:
        packaged = resources.files("assistant") / "_prompts"
        if packaged.is_dir():
            dirs.append(Path(str(packaged)))
    except (ModuleNotFoundError, TypeError, OSError):  # pragma: no cover - odd loaders
        pass
    dirs.append(_SOURCE_DIR)
    return dirs


def _file_name(name: str) -> str:
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise ValueError(f"invalid prompt name {name!r}")
    return name if name.endswith((".md", ".txt")) else f"{name}.md"


@lru_cache(maxsize=32)
def load_prompt(name: str) -> str:
    """The text of prompt ``name`` (``"triage.system.v1"`` or ``"triage.system.v1.md"``),
    exactly as stored (UTF-8). Raises :class:`PromptNotFoundError` naming where it looked."""
    file_name = _file_name(name)
    dirs = prompt_dirs()
    for folder in dirs:
        path = folder / file_name
        if path.is_file():
            return path.read_text(encoding="utf-8")
    looked = ", ".join(str(d) for d in dirs)
    raise PromptNotFoundError(
        f"prompt file {file_name} not found (looked in {looked})",
        fix="reinstall the package (the wheel ships prompts/ as assistant/_prompts) or restore prompts/ in the checkout",
    )


def render_prompt(name: str, **values: str) -> str:
    """Prompt ``name`` with its ``$placeholders`` filled in. Values are inserted once, as
    text: braces or dollar signs inside them are never interpreted. A placeholder without a
    value is an error (a template and its caller out of step)."""
    return Template(load_prompt(name)).substitute(values)
