"""The package's shape: imports run one way along the pipeline, with no cycle, and the
vector-store code imports nothing of the assistant.

Every ``import`` and ``from … import`` statement is read from the source (function-level
ones included: a cycle hidden inside a function is still a cycle). A module's edge goes to
the top-level folder it imports from (``assistant.label.offline`` → ``label``).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: The stages in pipeline order; each may import only stages to its left. Shared helpers
#: (text, errors, config) sit below all of them; pipeline, evaluation, the CLI, the digest
#: and the demo sit above.
STAGES = ("parse", "resolve", "retrieve", "label", "draft", "review", "mailout")
BELOW = {"text", "errors", "config"}
#: The one step to the right: approving a draft on the review page hands it to the mailbox.
HANDOVER = {("review", "mailout")}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
    return out


def _area(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] == "assistant" and len(parts) > 1:
        return parts[1]
    return parts[0] if parts[0] == "vectorstore" else None


def _edges() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for package in ("assistant", "vectorstore"):
        for path in (ROOT / package).rglob("*.py"):
            rel = path.relative_to(ROOT).with_suffix("").parts
            src = (
                rel[1] if package == "assistant" and len(rel) > 2 else (rel[0] if package == "vectorstore" else rel[1])
            )
            for module in _imports(path):
                dst = _area(module)
                if dst and dst != src:
                    edges.setdefault(src, set()).add(dst)
    return edges


def test_vectorstore_imports_nothing_of_the_assistant() -> None:
    offenders = sorted(
        str(p.relative_to(ROOT))
        for p in (ROOT / "vectorstore").rglob("*.py")
        if any(m == "assistant" or m.startswith("assistant.") for m in _imports(p))
    )
    assert offenders == []


def test_stages_import_only_leftwards_along_the_pipeline() -> None:
    edges = _edges()
    backwards = sorted(
        f"{src} → {dst}"
        for src, dsts in edges.items()
        if src in STAGES
        for dst in dsts
        if dst in STAGES and STAGES.index(dst) > STAGES.index(src) and (src, dst) not in HANDOVER
    )
    assert backwards == []


def test_shared_helpers_import_no_stage() -> None:
    edges = _edges()
    upwards = sorted(f"{src} → {dst}" for src in BELOW for dst in edges.get(src, set()) if dst in STAGES)
    assert upwards == []


def test_no_import_cycle_between_areas() -> None:
    edges = _edges()
    cycles = []

    def visit(node: str, path: list[str]) -> None:
        for nxt in sorted(edges.get(node, set())):
            if nxt in path:
                cycles.append(" → ".join(path[path.index(nxt) :] + [nxt]))
            elif len(path) < 12:
                visit(nxt, path + [nxt])

    for start in sorted(edges):
        visit(start, [start])
    assert sorted(set(cycles)) == []
