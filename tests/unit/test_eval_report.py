"""The HTML evaluation report: headline figures, charts, the error table, and escaping of client mail."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest

from assistant.evaluation.html import write_report

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"

# Distinct, easy-to-find counts (the report draws what it is given; it does not recount).
CONFUSION = {
    "in_scope": {"in_scope": 11, "out_of_scope": 3, "red_flag": 0},
    "out_of_scope": {"in_scope": 2, "out_of_scope": 9, "red_flag": 1},
    "red_flag": {"in_scope": 5, "out_of_scope": 4, "red_flag": 13},
}


def _evidence(text: str, *, excluded: bool = False) -> dict[str, Any]:
    return {
        "document": "docs/acme/sow.md",
        "title": "Statement of Work",
        "kind": "scope",
        "date": "2026-01-14",
        "section": "SOW > 3. Not included" if excluded else "SOW > 2. Deliverables",
        "text": text,
        "excluded": excluded,
    }


def _case(
    id: str,
    expected: str,
    predicted: str,
    *,
    exp_flags=(),
    flags=(),
    subject="Hello",
    new_text="Hi there.",
    draft: str | None = "Dear client,\nThanks.",
    checks=None,
    engine="offline",
    fallback=None,
    evidence=None,
    client="acme",
    language="en",
    confidence=0.9,
) -> dict[str, Any]:
    return {
        "id": id,
        "expected": expected,
        "predicted": predicted,
        "expected_red_flags": list(exp_flags),
        "red_flags": list(flags),
        "expected_client": client,
        "client": client,
        "client_match": "contact",
        "language": language,
        "subject": subject,
        "new_text": new_text,
        "confidence": confidence,
        "engine": engine,
        "fallback_reason": fallback,
        "rationale": f"rationale for {id}",
        "evidence": evidence if evidence is not None else [_evidence("2.1 Two articles per month.")],
        "draft": draft,
        "draft_checks": checks
        if checks is not None
        else {"language_match": True, "threaded": True, "cites": True, "no_free_work": True},
    }


def _result() -> dict[str, Any]:
    results = [
        _case("alpha-ok", "in_scope", "in_scope", confidence=0.991),
        _case(
            "bravo-ok", "red_flag", "red_flag", exp_flags=["late_payment"], flags=["late_payment"], client="<b>evil</b>"
        ),
        _case(
            "charlie-label",
            "out_of_scope",
            "in_scope",
            subject=f"Urgent {SCRIPT}",
            new_text=f"line one\nline two {IMG}\n{SCRIPT}",
            draft=f"Hi,\n{SCRIPT}\n{IMG}\nBest",
            checks={"language_match": True, "threaded": True, "cites": False, "no_free_work": True},
            evidence=[_evidence(f"3.1 Landing pages {IMG}", excluded=True)],
            confidence=0.612,
        ),
        _case(
            "delta-missed",
            "red_flag",
            "red_flag",
            exp_flags=["late_payment", "discount_pressure"],
            flags=["late_payment"],
            new_text="x" * 1500,
            engine="offline",
            fallback="llm timeout",
        ),
        _case("echo-extra", "in_scope", "red_flag", flags=["unclear_goals"], engine="llm"),
        _case("foxtrot-skipped", "in_scope", "in_scope", engine=None, draft=None, checks={}, evidence=[]),
    ]
    return {
        "engine": "llm",
        "dataset": "tests/data/eval",
        "cases": len(results),
        "accuracy": 0.8125,
        "macro_f1": 0.7966,
        "per_label": {
            "in_scope": {"precision": 0.8, "recall": 0.8, "f1": 0.8, "support": 14},
            "out_of_scope": {"precision": 0.75, "recall": 0.6, "f1": 0.6667, "support": 12},
            "red_flag": {"precision": 0.8571, "recall": 1.0, "f1": 0.9231, "support": 22},
        },
        "confusion": CONFUSION,
        "red_flag_category_recall": 0.6667,
        "red_flag_category_recall_by_category": {
            "unclear_goals": {"recall": 0.0, "support": 0},
            "discount_pressure": {"recall": 0.0, "support": 1},
            "late_payment": {"recall": 1.0, "support": 2},
        },
        "client_resolution_accuracy": 0.9375,
        "drafts": {
            "present": 1.0,
            "language_match": 1.0,
            "threaded": 1.0,
            "cites": 0.4545,
            "both_options": 1.0,
            "no_free_work": 1.0,
            "checked": {
                "present": 3,
                "language_match": 5,
                "threaded": 5,
                "cites": 11,
                "both_options": 1,
                "no_free_work": 5,
            },
        },
        "latency_ms": {"p50": 21.78, "p95": 118.64},
        "llm": {"calls": 42, "prompt_tokens": 12345, "completion_tokens": 678, "fallbacks": 1},
        "engines_used": {"llm": 4, "offline": 1},
        "by_language": {
            "de": {"cases": 2, "accuracy": 0.5, "macro_f1": 0.3333},
            "en": {"cases": 4, "accuracy": 0.75, "macro_f1": 0.7},
        },
        "by_client": {
            "<b>evil</b>": {"cases": 1, "accuracy": 1.0, "macro_f1": 1.0},
            "acme": {"cases": 5, "accuracy": 0.6, "macro_f1": 0.55},
        },
        "leave_one_client_out": {
            "what": "offline engine retrained on all other clients for each held-out client",
            "clients": ["acme", "other"],
            "accuracy": 0.7021,
            "macro_f1": 0.6512,
            "per_label": {},
            "confusion": CONFUSION,
            "red_flag_category_recall": 0.5,
        },
        "baselines": {
            "majority_class": {"label": "red_flag", "accuracy": 0.375, "macro_f1": 0.1818},
            "tfidf_logreg_loco": {"accuracy": 0.3125, "macro_f1": 0.3198},
            "engine_macro_f1_compared": 0.6512,
            "margin_over_majority": 0.4694,
            "margin_over_tfidf": 0.3314,
        },
        "results": results,
    }


ERRORS = ["charlie-label", "delta-missed", "echo-extra"]
CORRECT = ["alpha-ok", "bravo-ok", "foxtrot-skipped"]


def _render(tmp_path: Path, result: dict[str, Any]) -> str:
    path = tmp_path / "out" / "report.html"
    write_report(result, path)
    assert path.is_file()
    return path.read_text(encoding="utf-8")


def _between(html: str, start: str, end: str) -> str:
    i = html.index(start)
    return html[i : html.index(end, i)]


@pytest.fixture
def html(tmp_path: Path) -> str:
    return _render(tmp_path, _result())


def test_headline_numbers_as_in_the_data(html: str) -> None:
    head = _between(html, '<section id="headline">', "</section>")
    for text in (
        "0.7966",
        "0.8125",
        "0.6667",
        "0.9375",
        "21.78",
        "118.64",
        "42",
        "12345",
        "678",
        "0.4545",
        "5 / 11",
    ):  # cites: 0.4545 of 11 checked
        assert text in head, text
    assert "0.6512" in _between(head, 'id="loco"', "</div>\n")
    assert "the number that counts" in head
    for text in ("0.1818", "0.3198", "+0.4694", "+0.3314"):
        assert text in _between(head, 'id="baselines"', "</div>"), text
    assert "<title>Evaluation: llm on tests/data/eval</title>" in html


def test_fallbacks_and_untriaged_cases_are_visible(html: str) -> None:
    engines = _between(html, 'id="engines"', "</table>")
    assert "offline" in engines and "fallback" in engines and "not triaged" in engines
    assert "llm timeout (1)" in html


def test_confusion_svg_contains_each_count(html: str) -> None:
    svg = _between(html, '<div id="confusion">', "</svg>")
    assert "<svg" in svg
    counts = [int(n) for n in re.findall(r'class="count"[^>]*>(\d+)<', svg)]
    assert counts == [CONFUSION[g][p] for g in CONFUSION for p in CONFUSION[g]]
    assert "<svg" in _between(html, '<div id="loco-confusion">', "</svg>")


def test_bar_charts_show_recall_and_support(html: str) -> None:
    cats = _between(html, '<div id="categories">', "</svg>")
    assert "late payment" in cats and "n=2" in cats and "1.00" in cats
    assert "no cases" in cats  # unclear_goals has support 0
    assert "0.70" in _between(html, '<div id="by-language">', "</svg>")
    client = _between(html, '<div id="by-client">', "</svg>")
    assert "&lt;b&gt;evil&lt;/b&gt;" in client and "<b>evil" not in client


def test_errors_section_lists_errors_grouped_by_expected_label(html: str) -> None:
    errors = _between(html, '<section id="errors">', '<section id="correct">')
    for case_id in ERRORS:
        assert case_id in errors
    for case_id in CORRECT:
        assert case_id not in errors
    # grouped by expected label in label order: in_scope, out_of_scope, red_flag
    assert errors.index("echo-extra") < errors.index("charlie-label") < errors.index("delta-missed")
    assert "discount pressure (missed)" in errors and "unclear goals (extra)" in errors
    assert "rationale for charlie-label" in errors
    assert "not included" in errors and "docs/acme/sow.md" in errors and "2026-01-14" in errors
    assert "failed checks: cites" in errors
    assert "line one\nline two" in errors  # line breaks kept, shown pre-wrapped
    long_text = _between(errors, "delta-missed", "</details>")
    assert "<details>" in long_text and "x" * 1500 in long_text
    correct = _between(html, '<section id="correct">', "</section>")
    assert "<details>" in correct
    for case_id in CORRECT:
        assert case_id in correct


def test_untrusted_mail_is_escaped(html: str) -> None:
    assert "<script" not in html  # the report itself has no scripts, so any would be injected
    assert "<img src=x" not in html and "<b>evil" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_self_contained(html: str) -> None:
    assert "<link" not in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert not re.search(r"@import|url\(", html)


def test_optional_sections_only_when_present(tmp_path: Path) -> None:
    result = copy.deepcopy(_result())
    del result["leave_one_client_out"], result["baselines"]
    html = _render(tmp_path, result)
    assert 'id="loco"' not in html and "the number that counts" not in html and 'id="loco-confusion"' not in html
    assert 'id="baselines"' not in html and "majority class" not in html
    assert "0.7966" in html


def test_no_errors(tmp_path: Path) -> None:
    result = copy.deepcopy(_result())
    result["results"] = [r for r in result["results"] if r["id"] in CORRECT]
    html = _render(tmp_path, result)
    assert "No errors" in _between(html, '<section id="errors">', '<section id="correct">')
