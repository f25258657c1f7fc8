"""``assistant init DIR``: a workspace skeleton with one example client to edit.

The skeleton is data (``skeleton/``): ``clients.json``, the example client's statement of
work and call notes, and a README that says what to change. An existing folder with anything
in it is refused, so nothing of the user's is ever overwritten.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from assistant.errors import UserError


def create_workspace(directory: Path) -> list[Path]:
    """Copy the skeleton into ``directory`` (created); returns the files written."""
    directory = directory.expanduser()
    if directory.exists() and not directory.is_dir():
        raise UserError(f"{directory} is a file, not a folder", fix="give a new folder's name")
    if directory.is_dir() and any(directory.iterdir()):
        raise UserError(f"{directory} is not empty; nothing was written", fix="give a new or empty folder")
    written: list[Path] = []
    _copy(files("assistant.onboarding").joinpath("skeleton"), directory, written)
    return written


def _copy(source: Traversable, target: Path, written: list[Path]) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for entry in sorted(source.iterdir(), key=lambda e: e.name):
        if entry.name.startswith(("__", ".")):
            continue
        if entry.is_dir():
            _copy(entry, target / entry.name, written)
        else:
            (target / entry.name).write_bytes(entry.read_bytes())
            written.append(target / entry.name)
