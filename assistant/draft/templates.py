"""The per-language reply templates in ``templates/``: loading, choosing, dates and quotes.

A template holds every sentence a draft is made of, in one language; client and document
text only ever enter as values of its placeholders. A language without a template gets
the English one, and the draft says so (``fallback_note``), so the account manager sees
why the reply is not in the client's language.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

FALLBACK_LANGUAGE = "en"


@dataclass(frozen=True)
class Template:
    code: str
    text: dict[str, str]
    flags: dict[str, dict[str, str]]
    quote_format: str
    date_format: str
    months: tuple[str, ...]

    def t(self, key: str, **values: str) -> str:
        return self.text[key].format(**values)

    def quote(self, text: str) -> str:
        return self.quote_format.format(text=text)

    def date(self, value: str) -> str:
        """An ISO date (YYYY-MM-DD) written the local way; anything else as it is."""
        m = re.fullmatch(r"\s*(\d{4})-(\d{2})-(\d{2})\s*", value or "")
        if not m:
            return (value or "").strip()
        try:
            d = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return value.strip()
        return self.date_format.format(day=d.day, month=self.months[d.month - 1], year=d.year)


def _templates_dir():  # importlib.resources Traversable
    return resources.files("assistant.draft").joinpath("templates")


@cache
def available_languages() -> tuple[str, ...]:
    """ISO 639-1 codes of the languages with a template file."""
    return tuple(sorted(p.name[: -len(".toml")] for p in _templates_dir().iterdir() if p.name.endswith(".toml")))


@cache
def load_template(code: str) -> Template:
    data = tomllib.loads(_templates_dir().joinpath(f"{code}.toml").read_text(encoding="utf-8"))
    meta = data["meta"]
    return Template(
        code=meta["code"],
        text=dict(data["text"]),
        flags={k: dict(v) for k, v in data["flags"].items()},
        quote_format=meta["quote"],
        date_format=meta["date"],
        months=tuple(meta["months"]),
    )


def template_code(language: str) -> str:
    """The template code for an ISO 639-1 code: Bokmål and Nynorsk share "no"."""
    code = (language or "").strip().lower()
    return "no" if code in ("nb", "nn") else code


def template_for(language: str) -> Template:
    """The template in ``language``, or the English one when there is none."""
    code = template_code(language)
    return load_template(code if code in available_languages() else FALLBACK_LANGUAGE)


@cache
def _language_names() -> dict[str, str]:
    text = resources.files("assistant.draft").joinpath("lexicon", "languages.toml").read_text(encoding="utf-8")
    return dict(tomllib.loads(text)["names"])


def fallback_note(language: str, template: Template) -> str:
    """What the review page shows when the client's language has no template ("" when it has):
    the account manager then knows the English draft is a fallback, not a detection error."""
    code = template_code(language)
    if not code or code == template.code:
        return ""
    name = _language_names().get(code, f"language '{code}'")
    return f"No template for {name}: drafted in {_language_names()[template.code]}."
