"""Build clients.json and cases.jsonl of agency-dev from the per-author parts.

Each author wrote ``parts/<name>.clients.json`` (a JSON list of client objects in the
dataset format) and ``parts/<name>.cases.jsonl``. Run: python eval/datasets/agency-dev/_src/merge.py
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AGENCY = {"name": "Halcyon Growth", "domains": ["halcyon-growth.example"]}
LABELS = {"in_scope", "out_of_scope", "red_flag"}
CATEGORIES = {
    "unclear_goals", "conflicting_stakeholders", "discount_pressure", "outdated_methods",
    "prepayment_refusal", "late_payment", "misleading_claims",
}


def main() -> None:
    clients: list[dict] = []
    cases: list[dict] = []
    for part in sorted((ROOT / "parts").glob("*.clients.json")):
        clients += json.loads(part.read_text(encoding="utf-8"))
        lines = part.with_name(part.name.replace(".clients.json", ".cases.jsonl")).read_text(encoding="utf-8").splitlines()
        cases += [json.loads(line) for line in lines if line.strip()]
    ids = [c["id"] for c in clients]
    assert len(ids) == len(set(ids)), "duplicate client ids"
    case_ids = [c["id"] for c in cases]
    assert len(case_ids) == len(set(case_ids)), "duplicate case ids"
    for c in clients:
        for d in c["documents"]:
            assert (ROOT / d["path"]).is_file(), d["path"]
    for case in cases:
        assert case["label"] in LABELS, case["id"]
        assert set(case["red_flags"]) <= CATEGORIES, case["id"]
        assert bool(case["red_flags"]) == (case["label"] == "red_flag"), case["id"]
        assert case["client"] in ids, case["id"]
        assert ("eml" in case) != ("message" in case), case["id"]
        if "eml" in case:
            assert (ROOT / case["eml"]).is_file(), case["eml"]
    (ROOT / "clients.json").write_text(
        json.dumps({"agency": AGENCY, "clients": clients}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (ROOT / "cases.jsonl").write_text(
        "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases), encoding="utf-8"
    )
    print(f"{len(clients)} clients, {len(cases)} cases")
    print("labels:", dict(Counter(c["label"] for c in cases)))
    print("categories:", dict(Counter(f for c in cases for f in c["red_flags"])))
    print("languages:", dict(Counter(c.get("language", "?") for c in cases)))
    print("eml:", sum("eml" in c for c in cases))


if __name__ == "__main__":
    main()
