"""Split a body into what the sender wrote now, quoted history, and signature/disclaimers.

Quoted history starts at the first reply header and includes ``>`` lines (with the
"X wrote:" line before them). Reply headers: Outlook "From:/Sent:" blocks in en/da/de/sv
and "-----Original Message-----" from ``mailparser_reply``; "On ... wrote:", "Den ...
skrev ...:", "Am ... schrieb ...:", Thai "เมื่อ ... เขียนว่า:" and forward markers here
(bounded patterns: the library's own "wrote" patterns backtrack badly on long lines).

The signature starts at a "-- " line, a "Sent from my ..." line, a legal disclaimer after
the text, or a sign-off ("Best regards", "Med venlig hilsen", "ขอบคุณครับ"; the library's
word lists plus Thai) followed only by a short block. A disclaimer before any text (an
"external sender" banner) goes to the signature on its own; a "P.S." after the signature
stays in the new text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from mailparser_reply.constants import GENERIC_MAIL_SEPARATOR, MAIL_LANGUAGES

from assistant.parse.text import strip_invisible

#: mailparser_reply languages whose Outlook header blocks, sign-offs and "Sent from" lines
#: are recognised.
LANGUAGES = ("en", "da", "de", "sv")
_Q = r"(?:> ?)*"  # inside quoted levels too


def _wrote(start: str, verb: str, named: bool = False) -> str:
    """ "<start> ... <verb>:" (or "<verb> <name>:" when ``named``) over one or two lines, as
    mail clients wrap long ones. mailparser_reply's own "wrote" patterns nest lazy
    quantifiers and take quadratic time on long lines; these stay linear."""
    tail = rf"[^\n:]{{0,120}}(?:\n{_Q}[^\n:]{{0,120}})?" if named else r"\s?"
    return rf"^{_Q}(?:{start})[^\n]{{0,200}}(?:\n{_Q}[^\n]{{0,200}})?(?:{verb}){tail}:[ \t]*$"


_NORDIC_DAY = r"[Mm]an|[Mm]ån|[Tt]ir|[Tt]is|[Oo]ns|[Tt]or|[Ff]re|[Ll][øö]r|[Ss][øö]n"
_WROTE_HEADERS = [
    _wrote(r"On\s", r"\swrote"),  # English
    _wrote(rf"(?:[Dd]en|d\.|{_NORDIC_DAY})\.?\s|\d", r"\sskrev\b", named=True),  # Danish, Norwegian, Swedish
    _wrote(r"Am\s", r"\sschrieb\b", named=True),  # German
    _wrote(r"Op\s", r"\sschreef\b", named=True),  # Dutch
    _wrote(r"Le\s", r"\sa écrit"),  # French
    _wrote(r"El\s", r"\sescribió"),  # Spanish
    _wrote(r"เมื่อ", r"เขียนว่า"),  # Thai (Gmail, Apple Mail)
]
_EXTRA_HEADERS = [
    # Thai Outlook: two or more of จาก (From), ส่ง (Sent), ถึง (To), เรื่อง (Subject), ...
    rf"(?:(?:^|\n){_Q}[* ]*(?:จาก|ส่ง|ส่งเมื่อ|ถึง|เรื่อง|วันที่|สำเนา(?:ถึง)?)[ \t]*:[^\n]*){{2,}}",
    rf"^[ \t]*{_Q}-{{2,}}\s*(?:Original Message|Forwarded message|Oprindelig (?:meddelelse|besked)"
    r"|Videresendt (?:meddelelse|besked)|Ursprüngliche Nachricht|Weitergeleitete Nachricht"
    r"|Ursprungligt meddelande|Vidarebefordrat meddelande|ข้อความต้นฉบับ|ข้อความที่ส่งต่อ)\s*-{2,}[ \t]*$",
    rf"^{_Q}(?:Begin forwarded message|Start på videresendt (?:meddelelse|besked)"
    r"|Anfang der weitergeleiteten Nachricht|Vidarebefordrat brev)\s*:[ \t]*$",
]
_THAI_SIGNOFFS = ["ขอบคุณ(?:มาก)?(?:ครับ|ค่ะ|คะ)?", "ด้วยความเคารพ", "ขอแสดงความนับถือ"]
_EXTRA_SENT_FROM = ["ส่งจาก", "Von meinem"]  # Thai "Sent from", German "Von meinem iPhone gesendet"
_NAME_WORD = r"[A-ZÆØÅÄÖÜ][\w.'-]*"
_POSTSCRIPT = re.compile(r"P\.? ?S\.?\b", re.IGNORECASE)

_DISCLAIMER = re.compile(
    r"[\s*_\[(]*(?:(?:disclaimer|important|notice|vigtigt|hinweis|wichtig)\s*[:\-]\s*)?(?:"
    # English
    r"this (?:e-?mail|message|communication|transmission)\b"
    r".{0,100}?\b(?:confidential|privileged|intended (?:solely|only))"
    r"|the information (?:contained )?in this (?:e-?mail|message)"
    r"|(?:confidentiality|privacy|legal) (?:notice|note|statement)|disclaimer\b"
    r"|if you (?:are not the intended|have received this)"
    r"|(?:caution|warning|external)\s*:.{0,60}?(?:originated|outside|external)"
    r"|(?:please )?consider the environment before printing"
    # Danish
    r"|denne (?:e-?mail|mail|meddelelse|besked)\b.{0,100}?\b(?:fortrolig|kun (?:beregnet|til)|udelukkende)"
    r"|oplysningerne i denne|hvis du (?:ikke er den (?:rette|tiltænkte)|har modtaget denne)"
    r"|(?:fortrolighed|ansvarsfraskrivelse)\b"
    # German
    r"|diese (?:e-?mail|nachricht)\b.{0,100}?\b(?:vertraulich|rechtlich geschützt)"
    r"|wenn sie nicht der richtige adressat|(?:vertraulichkeitshinweis|haftungsausschluss)\b"
    # Swedish
    r"|detta (?:e-?post(?:meddelande)?|meddelande)\b.{0,100}?\b(?:konfidentiell|sekretess)"
    r"|om du inte är (?:rätt|avsedd) mottagare"
    # Thai
    r"|(?:อีเมล์?|ข้อความ)[^\n]{0,20}?นี้.{0,100}?ความลับ|หากท่าน(?:ไม่ใช่|มิใช่)ผู้รับ|ข้อจำกัดความรับผิดชอบ"
    r")",
    re.IGNORECASE | re.DOTALL,
)
_ATTRIBUTION = re.compile(r"(?:wrote|skrev|schrieb|écrit|schreef|เขียนว่า)\s*:$|@.*:$", re.IGNORECASE)
_SEPARATOR = re.compile(r"[-_=*~ ]{5,}|(?:\* ){2}\*")
_PROBE_WIDTH = 200  # header patterns only look at this much of each line ...
_PROBE_LINES = 3_000  # ... and at this many lines: quoted history starts well before
_SIGNOFF_BLOCK = 10  # at most this many lines may follow a sign-off


@dataclass(frozen=True)
class ReplyParts:
    new_text: str
    quoted_text: str
    signature: str


def split_reply(text: str) -> ReplyParts:
    """Separate ``text`` (normalised body text) into new text, quoted history, signature."""
    lines = strip_invisible(text).split("\n")
    start = _quote_start(lines)
    head, quoted = lines[:start], lines[start:]
    while head and _SEPARATOR.fullmatch(head[-1].strip()):
        quoted.insert(0, head.pop())  # Outlook's rule line above the header block
    head, inline_quoted = _without_quoted_lines(head)
    if not _join(head) and quoted:
        # Bottom-posting: the reply header comes first and the new text follows the ">"
        # lines; only those lines (and their "X wrote:" line) are history then.
        head, inline_quoted = _without_quoted_lines(lines)
        quoted = []
    new, signature = _split_signature(head)
    return ReplyParts(_join(new), _join(inline_quoted + quoted), _join(signature))


def _quote_start(lines: list[str]) -> int:
    """Index of the first line of quoted history (len(lines) when there is none)."""
    probe = "\n".join(line[:_PROBE_WIDTH] for line in lines[:_PROBE_LINES])
    match = _reply_header().search(probe)
    if not match:
        return len(lines)
    start = match.start()
    while probe.startswith("\n", start):  # some patterns match from the preceding newline
        start += 1
    return probe.count("\n", 0, start)


def _without_quoted_lines(lines: list[str]) -> tuple[list[str], list[str]]:
    """Move ``>`` lines, and the "X wrote:" line introducing them, out of ``lines``."""
    kept: list[str] = []
    quoted: list[str] = []
    for line in lines:
        if line.lstrip().startswith(">"):
            if not quoted:
                last = next((i for i in range(len(kept) - 1, -1, -1) if kept[i].strip()), None)
                if last is not None and _ATTRIBUTION.search(kept[last].strip()):
                    quoted.extend(kept[last:])
                    del kept[last:]
            quoted.append(line)
        else:
            kept.append(line)
    return kept, quoted


def _split_signature(lines: list[str]) -> tuple[list[str], list[str]]:
    """(new text lines, signature lines): see the module docstring for what starts one."""
    paragraphs = _paragraphs(lines)
    legal = [_DISCLAIMER.match(" ".join(lines[start:end])[:2000]) is not None for start, end in paragraphs]
    first_text = next((start for (start, _), is_legal in zip(paragraphs, legal) if not is_legal), len(lines))
    cut = len(lines)
    banner: list[int] = []  # disclaimer paragraphs before any text: moved on their own
    for (start, end), is_legal in zip(paragraphs, legal):
        if is_legal and start < first_text:
            banner.extend(range(start, end))
        elif is_legal:
            cut = start
            break
    in_banner = set(banner)
    for i, line in enumerate(lines[:cut]):
        if line.strip() == "--" or _sent_from().fullmatch(line.strip()):
            cut = i
            break
    # A sign-off counts when only a short block (name, title, phone) follows it.
    filled = [i for i, line in enumerate(lines[:cut]) if line.strip() and i not in in_banner]
    for i in filled[1:][-(_SIGNOFF_BLOCK + 1) :]:
        if _signoff().fullmatch(lines[i].strip()):
            cut = i
            break
    new = [line for i, line in enumerate(lines[:cut]) if i not in in_banner]
    blocks = [[lines[i] for i in banner], lines[cut:]]
    # "P.S." after the signature is still the sender writing: back to the new text.
    ps = next((i for i in range(cut, len(lines)) if _POSTSCRIPT.match(lines[i].strip())), None)
    if ps is not None:
        end = next((i for i in range(ps, len(lines)) if not lines[i].strip()), len(lines))
        new = [*_join(new).split("\n"), "", *lines[ps:end]]
        blocks = [blocks[0], lines[cut:ps], lines[end:]]
    return new, "\n\n".join(filter(None, map(_join, blocks))).split("\n")


def _paragraphs(lines: list[str]) -> list[tuple[int, int]]:
    spans, start = [], None
    for i, line in enumerate([*lines, ""]):
        if line.strip() and start is None:
            start = i
        elif not line.strip() and start is not None:
            spans.append((start, i))
            start = None
    return spans


def _join(lines: list[str]) -> str:
    return "\n".join(lines).strip()


def _language_patterns(key: str) -> list[str]:
    patterns = []
    for language in LANGUAGES:
        value = MAIL_LANGUAGES.get(language, {}).get(key)
        patterns.extend(value if isinstance(value, list) else [value] if value else [])
    return patterns


@cache
def _reply_header() -> re.Pattern[str]:
    headers = [*_WROTE_HEADERS, *_language_patterns("from_header"), GENERIC_MAIL_SEPARATOR, *_EXTRA_HEADERS]
    return re.compile("|".join(f"(?:{h})" for h in headers), re.MULTILINE | re.IGNORECASE)


@cache
def _signoff() -> re.Pattern[str]:
    """A sign-off line, optionally with a (capitalised, Latin-script) name: "Best regards,
    Anna". Thai runs words together, so Thai sign-offs count only on a line of their own."""
    words = "|".join(s.rstrip(",") for s in _language_patterns("signatures"))
    name = rf"(?:[ \t]+|[ \t]*[,-][ \t]*){_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,3}}"
    thai = "|".join(_THAI_SIGNOFFS)
    return re.compile(rf"(?i:{words})[ \t]*[,.!]*(?:{name})?[ \t]*[,.!]?|(?:{thai})[ \t]*[,.!]?")


@cache
def _sent_from() -> re.Pattern[str]:
    prefixes = "|".join([*_language_patterns("sent_from"), *_EXTRA_SENT_FROM])
    return re.compile(rf"(?i:{prefixes})\b.{{0,60}}")
