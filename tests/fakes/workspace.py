"""The one-client agency the pipeline tests index: Fjordlight, whose client Nordlys
(nordlys.example, managed by anna@fjordlight.example) has one statement of work."""

from __future__ import annotations

import json
from pathlib import Path


def one_client_workspace(ws: Path, sow: str) -> Path:
    """Write the workspace into ``ws`` with ``sow`` as the client's SOW; returns ``ws``."""
    (ws / "docs").mkdir(parents=True)
    (ws / "docs" / "sow.md").write_text(sow)
    (ws / "clients.json").write_text(
        json.dumps(
            {
                "agency": {"name": "Fjordlight", "domains": ["fjordlight.example"]},
                "clients": [
                    {
                        "id": "nordlys",
                        "name": "Nordlys",
                        "domains": ["nordlys.example"],
                        "account_manager": "anna@fjordlight.example",
                        "documents": [{"path": "docs/sow.md", "kind": "scope", "title": "SOW", "date": "2026-01-20"}],
                    }
                ],
            }
        )
    )
    return ws
