"""Text helpers every stage may use (they import nothing else of ours): which language a
text is in."""
