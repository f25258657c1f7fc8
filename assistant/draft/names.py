"""Names in a draft: the client's first name for the greeting, the manager's for the signature.

Display names arrive in every shape ("Holm, Mette", "Khun Pim Srisuk", "METTE HOLM", an
address only); a wrong first name is worse than a generic greeting, so anything that does
not look like a person's given name gives "".
"""

from __future__ import annotations

import re

_HONORIFICS = frozenset(
    "khun mr mrs ms miss dr prof herr frau hr fr mme mlle m sr sra srta dhr mevr fru".split()
)


def person_name(raw: str) -> tuple[str, str]:
    """(first name, full name) from a display name; ("", "") when it isn't a usable name."""
    name = re.sub(r"\([^)]*\)|\[[^\]]*\]|<[^>]*>", " ", raw or "").strip().strip("\"'")
    if not name or "@" in name or not re.search(r"[^\W\d_]", name):
        return "", ""
    if name.count(",") == 1:  # "Holm, Mette"
        last, _, first = name.partition(",")
        name = f"{first.strip()} {last.strip()}"
    words = name.split()
    while words and words[0].lower().rstrip(".") in _HONORIFICS:
        words.pop(0)
    if words and words[0].startswith("คุณ") and len(words[0]) > 3:  # Thai "คุณพิม"
        words[0] = words[0][3:]
    elif words and words[0] == "คุณ":
        words.pop(0)
    if not words:
        return "", ""
    words = [w.capitalize() if w.isupper() and len(w) > 1 else w for w in words]
    return words[0], " ".join(words)


def manager_first_name(account_manager: str) -> str:
    """"anna.lindqvist@agency.example" -> "Anna"; a plain name -> its first word."""
    value = (account_manager or "").strip()
    if "@" in value:
        token = re.split(r"[._+\-]", value.partition("@")[0])[0]
        return token.capitalize() if len(token) > 1 and token.isalpha() else ""
    return person_name(value)[0]
