"""Label: in_scope / out_of_scope / red_flag, with the evidence behind it; ``make_engine`` picks the engine."""

from assistant.label.choice import make_engine

__all__ = ["make_engine"]
