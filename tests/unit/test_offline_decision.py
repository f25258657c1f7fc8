"""The offline engine's decision rule: the three-way label model, overruled towards
`red_flag` when one of the seven category models fires."""

from __future__ import annotations

import numpy as np

from assistant.label.offline import RED_FLAG_BOOST, decide_label
from assistant.label.schema import CATEGORIES, LABELS

THRESHOLDS = np.full(len(CATEGORIES), 0.5)


def _p(in_scope: float, out_of_scope: float, red_flag: float) -> np.ndarray:
    named = {"in_scope": in_scope, "out_of_scope": out_of_scope, "red_flag": red_flag}
    return np.asarray([named[label] for label in LABELS])


def _cats(**on: float) -> np.ndarray:
    return np.asarray([on.get(c, 0.1) for c in CATEGORIES])


def test_a_firing_category_makes_a_red_flag_the_label_model_missed() -> None:
    label, flags = decide_label(_p(0.2, 0.5, 0.3), _cats(late_payment=0.7), THRESHOLDS)
    assert (label, flags) == ("red_flag", ["late_payment"])


def test_no_category_at_its_threshold_leaves_the_label_models_answer() -> None:
    assert decide_label(_p(0.2, 0.5, 0.3), _cats(late_payment=0.49), THRESHOLDS) == ("out_of_scope", [])
    assert decide_label(_p(0.7, 0.2, 0.1), _cats(), THRESHOLDS) == ("in_scope", [])


def test_a_confident_label_model_still_wins_over_the_boost() -> None:
    confident = 1.0 - RED_FLAG_BOOST / 2
    p = _p(confident, (1 - confident) / 2, (1 - confident) / 2)
    assert decide_label(p, _cats(misleading_claims=0.6), THRESHOLDS) == ("in_scope", [])


def test_every_category_at_or_above_its_own_threshold_is_reported() -> None:
    thresholds = THRESHOLDS.copy()
    thresholds[CATEGORIES.index("late_payment")] = 0.3
    label, flags = decide_label(
        _p(0.1, 0.1, 0.8), _cats(late_payment=0.35, discount_pressure=0.55, unclear_goals=0.45), thresholds
    )
    assert label == "red_flag" and flags == [c for c in CATEGORIES if c in {"late_payment", "discount_pressure"}]


def test_a_red_flag_with_no_category_over_threshold_names_the_likeliest() -> None:
    label, flags = decide_label(_p(0.1, 0.1, 0.8), _cats(outdated_methods=0.4), THRESHOLDS)
    assert (label, flags) == ("red_flag", ["outdated_methods"])


def test_a_fired_red_flag_cue_raises_only_its_own_category_to_the_floor() -> None:
    from assistant.label.offline import FLAG_FEATURES, with_cue_floor

    dense = np.zeros(10 + len(FLAG_FEATURES), dtype=np.float32)
    dense[-len(FLAG_FEATURES) + CATEGORIES.index("late_payment")] = np.log1p(1)
    raised = with_cue_floor(_cats(), dense, 0.7)
    assert raised[CATEGORIES.index("late_payment")] == 0.7
    assert all(raised[i] == 0.1 for i, c in enumerate(CATEGORIES) if c != "late_payment")
    assert decide_label(_p(0.5, 0.3, 0.2), raised, THRESHOLDS) == ("red_flag", ["late_payment"])
    assert (with_cue_floor(_cats(), dense, 0.0) == _cats()).all()  # floor 0: the cues are features only
