"""A workspace: ``clients.json`` plus the documents it names (the dataset contract)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.errors import UserError

DocumentKind = Literal["scope", "call_notes"]


class DocumentSpec(BaseModel):
    model_config = ConfigDict(extra="ignore")

    path: str
    kind: DocumentKind
    title: str = ""
    date: str = ""


class ClientSpec(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1)
    name: str = ""
    domains: list[str] = Field(default_factory=list)
    contacts: list[str] = Field(default_factory=list)
    account_manager: str = ""
    documents: list[DocumentSpec] = Field(default_factory=list)

    @field_validator("domains", "contacts")
    @classmethod
    def _lower(cls, values: list[str]) -> list[str]:
        return [v.strip().lower() for v in values if v.strip()]


class AgencySpec(BaseModel):
    model_config = ConfigDict(extra="ignore")

    name: str = ""
    domains: list[str] = Field(default_factory=list)

    @field_validator("domains")
    @classmethod
    def _lower(cls, values: list[str]) -> list[str]:
        return [v.strip().lower() for v in values if v.strip()]


class Workspace(BaseModel):
    model_config = ConfigDict(extra="ignore")

    root: Path = Path(".")
    agency: AgencySpec = Field(default_factory=AgencySpec)
    clients: list[ClientSpec]

    def document_path(self, doc: DocumentSpec) -> Path:
        return self.root / doc.path


def load_workspace(directory: str | Path) -> Workspace:
    """Read and validate ``DIR/clients.json``; errors name the file and the bad entry."""
    root = Path(directory).expanduser()
    path = root / "clients.json"
    if not path.is_file():
        raise UserError(
            f"no clients.json in {root}", fix="pass a workspace directory laid out as in the dataset format"
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError(f"{path} is not valid JSON: {exc}", fix="fix the file") from None
    try:
        ws = Workspace.model_validate({**data, "root": root})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise UserError(f"{path}: {where}: {first['msg']}", fix="fix the entry in clients.json") from None
    ids = [c.id for c in ws.clients]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise UserError(f"{path}: duplicate client id(s): {', '.join(duplicates)}", fix="give every client its own id")
    return ws
