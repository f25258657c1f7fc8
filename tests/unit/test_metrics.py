"""The figures that hurt an account manager, computed from gold and predicted labels."""

from __future__ import annotations

from assistant.evaluation.metrics import calibration, harm_metrics, request_metrics, reweighted_precision


def test_false_pushback_is_the_share_of_in_scope_mail_labelled_otherwise() -> None:
    gold = ["in_scope"] * 4 + ["out_of_scope", "red_flag"]
    pred = ["in_scope", "out_of_scope", "in_scope", "red_flag", "out_of_scope", "in_scope"]
    h = harm_metrics(gold, pred, [[]] * 5 + [["late_payment"]], [[]] * 6)
    assert h["false_pushback"] == 0.5 and h["false_pushback_cases"] == {"of": 4, "pushed_back": 2}
    assert h["missed_payment_warnings"] == 1.0 and h["out_of_scope_recall"] == 1.0


def test_a_payment_warning_counts_as_caught_only_with_its_category() -> None:
    h = harm_metrics(["red_flag"], ["red_flag"], [["late_payment"]], [["discount_pressure"]])
    assert h["missed_payment_warnings"] == 1.0
    h = harm_metrics(["red_flag"], ["red_flag"], [["late_payment"]], [["late_payment"]])
    assert h["missed_payment_warnings"] == 0.0


def test_precision_is_reweighted_to_an_inbox_where_routine_mail_dominates() -> None:
    # balanced data: 1 of 2 routine mails pushed back on, 2 of 2 out-of-scope caught
    gold = ["in_scope", "in_scope", "out_of_scope", "out_of_scope"]
    pred = ["in_scope", "out_of_scope", "out_of_scope", "out_of_scope"]
    plain = reweighted_precision(gold, pred, "out_of_scope", {"in_scope": 0.5, "out_of_scope": 0.5})
    inbox = reweighted_precision(gold, pred, "out_of_scope", {"in_scope": 0.8, "out_of_scope": 0.2})
    assert plain == round(2 / 3, 4) and inbox == round(0.2 / (0.2 + 0.4), 4)


def test_calibration_table_and_expected_error() -> None:
    c = calibration([0.95, 0.95, 0.55, 0.55], [True, True, True, False])
    assert [row["cases"] for row in c["table"]] == [2, 2]
    assert c["ece"] == round(0.5 * 0.05 + 0.5 * 0.05, 4)


def test_requests_are_matched_by_their_words_and_judged_in_or_out() -> None:
    gold = [[{"text": "a new logo for the shop", "verdict": "excluded"}], [], None]
    pred = [[{"text": "Could you make a new logo for the shop?", "verdict": "not_covered"}], [], []]
    r = request_metrics(gold, pred)
    assert r is not None
    assert (r["cases"], r["requests"], r["found"], r["verdict_accuracy"], r["in_out_accuracy"]) == (2, 1, 1.0, 0.0, 1.0)
    assert r["no_request_nothing_pushed_back"] == 1.0


def test_macro_f1_reweighted_to_an_inbox_counts_pushback_on_routine_mail_more() -> None:
    from assistant.evaluation.metrics import reweighted_macro_f1

    gold = ["in_scope", "in_scope", "out_of_scope", "out_of_scope", "red_flag", "red_flag"]
    pushy = ["in_scope", "out_of_scope", "out_of_scope", "out_of_scope", "red_flag", "red_flag"]
    lax = ["in_scope", "in_scope", "out_of_scope", "in_scope", "red_flag", "red_flag"]
    even = {"in_scope": 1 / 3, "out_of_scope": 1 / 3, "red_flag": 1 / 3}
    assert reweighted_macro_f1(gold, pushy, even) == reweighted_macro_f1(gold, lax, even)
    assert reweighted_macro_f1(gold, pushy) < reweighted_macro_f1(gold, lax)
