"""Names in a draft: the client's first name for the greeting, the manager's for the signature.

Display names arrive in every shape ("Holm, Mette", "Khun Pim Srisuk", "Dr. Anna Kowalska",
"METTE HOLM", an address only); a wrong first name is worse than a generic greeting, so
anything that does not look like a person's given name gives "".
"""

from __future__ import annotations

import re

#: Titles before a name. Thai "Khun" goes with the given name; the others usually with the
#: family name, so "Frau Vogel" alone gives no first name.
_HONORIFICS = frozenset(
    "khun mr mrs ms mx miss dr prof herr frau hr fr mme mlle m sr sra srta dra dhr mevr fru"
    " sig sig.ra sig.na dott dott.ssa ing avv arch prof.ssa pan pani mgr inż".split()
)
_GIVEN_NAME_HONORIFICS = frozenset({"khun"})
#: Degrees and suffixes after a comma ("Anna Kowalska, PhD"): not a "Family, Given" name.
_SUFFIXES = frozenset("phd md mba msc ma bsc ba dds jr sr ii iii".split())


def _drop_suffix(name: str) -> str:
    head, _, tail = name.rpartition(",")
    return head.strip() if head and tail.strip().lower().replace(".", "") in _SUFFIXES else name


def _tidy_case(words: list[str]) -> list[str]:
    """ "METTE Holm" and "mette holm" -> "Mette Holm"; "McKay", "Jan van Dijk" as written."""
    lower = all(w.islower() for w in words)
    return [w.capitalize() if len(w) > 1 and (w.isupper() or lower) else w for w in words]


def person_name(raw: str) -> tuple[str, str]:
    """(first name, full name) from a display name; ("", "") when it isn't a usable name."""
    name = re.sub(r"\([^)]*\)|\[[^\]]*\]|<[^>]*>", " ", raw or "").strip().strip("\"'")
    if not name or "@" in name or not re.search(r"[^\W\d_]", name):
        return "", ""
    name = _drop_suffix(name)
    if name.count(",") == 1:  # "Holm, Mette"
        last, _, first = name.partition(",")
        name = f"{first.strip()} {last.strip()}"
    words = name.split()
    titles = []
    while words and words[0].lower().rstrip(".") in _HONORIFICS:
        titles.append(words.pop(0).lower().rstrip("."))
    if words and words[0].startswith("คุณ") and len(words[0]) > 3:  # Thai "คุณพิม"
        words[0] = words[0][3:]
    elif words and words[0] == "คุณ":
        words.pop(0)
    if not words or (len(words) == 1 and titles and not set(titles) & _GIVEN_NAME_HONORIFICS):
        return "", ""
    words = _tidy_case(words)
    return words[0], " ".join(words)


def manager_first_name(account_manager: str) -> str:
    """ "anna.lindqvist@agency.example" -> "Anna"; a plain name -> its first word."""
    value = (account_manager or "").strip()
    if "@" in value:
        token = re.split(r"[._+\-]", value.partition("@")[0])[0]
        return token.capitalize() if len(token) > 1 and token.isalpha() else ""
    return person_name(value)[0]
