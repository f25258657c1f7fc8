"""Whether two triage runs stored the same results, row for row.

Reads two data homes' ``state.db`` (kept with ``bench_triage_imap.py --keep``) and compares,
message by message in the order they were stored, the triage result (label, engine,
confidence and the whole result: red flags, evidence, requests, rationale, language) and the
draft (recipient, subject, body, language, status). The bench's copies get random
Message-IDs (``<bench-N-xxxxxxxxxxxx@bench.invalid>``); their random part is left out.

Run::

    .venv/bin/python bench/compare_results.py BEFORE/state.db AFTER/state.db

Exits 0 when every row is the same, 1 otherwise (the first differences are printed).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sqlite3
import sys
from pathlib import Path
from typing import Any

_BENCH_ID = re.compile(r"bench-(\d+)-[0-9a-f]{12}@")

QUERY = """
select m.message_id, t.label, t.engine, t.confidence, t.result,
       d.to_addr, d.subject, d.body, d.language, d.status
from messages m
left join triage_results t on t.message_pk = m.id
left join drafts d on d.message_pk = m.id
order by m.id
"""


def _plain(value: Any) -> Any:
    return _BENCH_ID.sub(r"bench-\1-@", value) if isinstance(value, str) else value


def rows(db: Path) -> list[dict[str, Any]]:
    """One dict per stored message: its result and draft (None where it has none)."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        out = []
        for message_id, label, engine, confidence, result, to, subject, body, language, status in conn.execute(QUERY):
            out.append(
                {
                    "message_id": _plain(message_id),
                    "result": None
                    if label is None
                    else {
                        "label": label,
                        "engine": engine,
                        "confidence": confidence,
                        "result": json.loads(_plain(result)),
                    },
                    "draft": None if to is None else [to, _plain(subject), _plain(body), language, status],
                }
            )
    return out


def digest(table: list[dict[str, Any]]) -> str:
    return hashlib.sha256(json.dumps(table, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("before", type=Path, help="state.db of the first run")
    ap.add_argument("after", type=Path, help="state.db of the second run")
    args = ap.parse_args()
    a, b = rows(args.before), rows(args.after)
    for name, table in (("before", a), ("after", b)):
        results = sum(r["result"] is not None for r in table)
        drafts = sum(r["draft"] is not None for r in table)
        print(f"{name}: {len(table)} messages, {results} results, {drafts} drafts; digest {digest(table)}")
    different = [(i, x, y) for i, (x, y) in enumerate(zip(a, b)) if x != y]
    if len(a) != len(b):
        print(f"different: {len(a)} messages before, {len(b)} after")
    for i, x, y in different[:5]:
        print(f"message #{i + 1} ({x['message_id']}):\n  before {x}\n  after  {y}")
    if different or len(a) != len(b):
        print(f"{len(different)} message(s) differ")
        return 1
    print("identical, row for row")
    return 0


if __name__ == "__main__":
    sys.exit(main())
