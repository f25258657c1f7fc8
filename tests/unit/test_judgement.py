"""Each request against the client's documents: verdicts, the clause that decided each,
and a label that follows from them."""

from __future__ import annotations

import numpy as np

from assistant.label.judgement import deciding_evidence, judge_requests
from assistant.label.offline import INBOX_PRIOR, calibrated, decide_label
from assistant.label.schema import CATEGORIES
from assistant.retrieve import Evidence, RequestMatch, match_requests
from vectorstore import ClientRecords

CALLS = Evidence(
    document="sow.md",
    title="SOW",
    kind="scope",
    date="2026-01-10",
    text="3.1 A status call every second Thursday.",
    score=0.8,
)
ROUNDS = Evidence(
    document="sow.md",
    title="SOW",
    kind="scope",
    date="2026-01-10",
    text="2.3 Up to 2 revision rounds per article.",
    score=0.7,
)
LOGO = Evidence(
    document="sow.md",
    title="SOW",
    kind="scope",
    date="2026-01-10",
    text="4.2 Logo and visual identity.",
    excluded=True,
    score=0.75,
)
RULE = Evidence(
    document="sow.md",
    title="SOW",
    kind="scope",
    date="2026-01-10",
    text="6.1 Extra work only after a written change request at DKK 950 per hour.",
)
NOTE = Evidence(
    document="kickoff.md",
    title="Kick-off",
    kind="call_notes",
    date="2026-02-03",
    text="Monthly report by the 5th.",
    score=0.6,
)


def match(
    text: str, closest: Evidence | None, included: Evidence | None = None, excluded: Evidence | None = None
) -> RequestMatch:
    return RequestMatch(text=text, included=included, excluded=excluded, note=None, closest=closest)


def test_routine_mail_with_nothing_asked_has_no_verdicts_and_cites_nothing() -> None:
    assert judge_requests("in_scope", [], [RULE], 0.9) == []
    assert deciding_evidence([]) == []


def test_in_scope_requests_are_covered_by_their_own_closest_agreed_clause() -> None:
    verdicts = judge_requests(
        "in_scope", [match("Can we move Thursday's call to Friday?", CALLS, CALLS, LOGO)], [RULE], 0.8
    )
    assert [(v.verdict, v.evidence.text if v.evidence else None) for v in verdicts] == [("covered", CALLS.text)]


def test_an_in_scope_request_closest_to_an_exclusion_cites_no_clause_rather_than_an_unrelated_one() -> None:
    [v] = judge_requests("in_scope", [match("Thanks for the nice logo feedback?", LOGO, CALLS, LOGO)], [RULE], 0.6)
    assert v.verdict == "covered" and v.evidence is None


def test_out_of_scope_request_closest_to_an_exclusion_is_excluded_by_that_clause() -> None:
    verdicts = judge_requests(
        "out_of_scope",
        [match("Move the call?", CALLS, CALLS, LOGO), match("Could you make us a new logo?", LOGO, CALLS, LOGO)],
        [RULE],
        0.7,
    )
    assert [v.verdict for v in verdicts] == ["covered", "excluded"]
    assert verdicts[1].evidence is not None and verdicts[1].evidence.text == LOGO.text
    assert [e.text for e in deciding_evidence(verdicts)] == [LOGO.text, CALLS.text]


def test_a_count_above_the_clause_limit_is_beyond_the_limit_with_the_numbers() -> None:
    [v] = judge_requests(
        "out_of_scope", [match("Could you do a 3rd revision round on the article?", ROUNDS, ROUNDS, LOGO)], [RULE], 0.7
    )
    assert (v.verdict, v.requested, v.allowed, v.evidence.text if v.evidence else None) == (
        "beyond_limit",
        "3",
        "2",
        ROUNDS.text,
    )


def test_outside_without_an_exclusion_or_a_count_rests_on_the_change_request_rule() -> None:
    [v] = judge_requests("out_of_scope", [match("Could you also run our TikTok?", NOTE, CALLS, LOGO)], [RULE], 0.7)
    assert v.verdict == "not_covered" and v.evidence is not None and v.evidence.text == RULE.text


def test_a_red_flag_pushes_back_only_on_requests_an_exclusion_refuses() -> None:
    verdicts = judge_requests(
        "red_flag", [match("Please keep working on the articles", ROUNDS, ROUNDS, LOGO)], [RULE], 0.7
    )
    assert [v.verdict for v in verdicts] == ["covered"]


def test_requests_are_matched_against_every_record_of_the_client() -> None:
    records = ClientRecords(
        ids=["a", "b", "c"],
        texts=[CALLS.text, LOGO.text, NOTE.text],
        metadatas=[
            {"kind": "scope", "source": "sow.md"},
            {"kind": "scope", "excluded": True, "source": "sow.md"},
            {"kind": "call_notes", "source": "kickoff.md"},
        ],
        vectors=np.eye(3, dtype=np.float32),
    )
    text = "Thanks for the report.\nCould you design a new logo? And can we move the call?"
    asked: list[list[str]] = []

    def embed(texts: list[str]) -> np.ndarray:
        asked.append(list(texts))
        return np.asarray([[0, 1, 0] if "logo" in t else [1, 0, 0] for t in texts], dtype=np.float32)

    matches = match_requests(text, records, np.asarray([0, 0, 1], dtype=np.float32), embed)
    assert asked == [["Could you design a new logo?", "And can we move the call?"]]
    assert [(m.closest.text if m.closest else None) for m in matches] == [LOGO.text, CALLS.text]
    assert (
        matches[0].excluded is not None and matches[0].included is not None and matches[0].included.text == CALLS.text
    )


def test_a_message_that_is_one_request_reuses_the_message_vector() -> None:
    records = ClientRecords(
        ids=["a"], texts=[CALLS.text], metadatas=[{"kind": "scope"}], vectors=np.eye(1, dtype=np.float32)
    )

    def embed(texts: list[str]) -> np.ndarray:
        raise AssertionError("no second embedding for a one-sentence request")

    [m] = match_requests("Can we move the call to Friday?", records, np.asarray([1.0], dtype=np.float32), embed)
    assert m.closest is not None and m.closest.text == CALLS.text


def test_the_inbox_prior_moves_a_close_call_towards_routine_mail() -> None:
    p = np.asarray([0.45, 0.55, 0.0])
    cats = np.zeros(len(CATEGORIES))
    th = np.full(len(CATEGORIES), 0.5)
    assert decide_label(p, cats, th, prior_shift=0.0)[0] == "out_of_scope"
    assert decide_label(p, cats, th, prior_shift=0.5)[0] == "in_scope"
    assert INBOX_PRIOR.argmax() == 0


def test_temperature_changes_confidence_but_never_the_label() -> None:
    p = np.asarray([0.2, 0.7, 0.1])
    cats = np.zeros(len(CATEGORIES))
    th = np.full(len(CATEGORIES), 0.5)
    sharp, soft = calibrated(p, cats, th, 0.0, 0.5), calibrated(p, cats, th, 0.0, 2.0)
    assert sharp.argmax() == soft.argmax() == 1
    assert sharp.max() > 0.7 > soft.max()


def test_a_request_nothing_agreed_covers_cites_the_change_request_rule_not_just_any_commercial_clause() -> None:
    rate = Evidence(document="sow.md", title="SOW", kind="scope", text="5.5 Extra work is charged at DKK 950 per hour.")
    rule = Evidence(
        document="sow.md", title="SOW", kind="scope", text="6.1 Ændringer aftales skriftligt via en ændringsanmodning."
    )
    [v] = judge_requests(
        "out_of_scope", [match("Could you also run our TikTok?", NOTE, CALLS, LOGO)], [rate, rule], 0.7
    )
    assert v.verdict == "not_covered" and v.evidence is not None and v.evidence.text == rule.text
