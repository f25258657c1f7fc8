"""The MIME tree: which parts make the body text, which are attachments.

Text parts are decoded with :func:`assistant.parse.text.decode_bytes`; HTML is cleaned with
BeautifulSoup (scripts, styles, comments and hidden elements removed) and rendered to text
with html2text, which keeps paragraphs and line breaks and writes ``<blockquote>`` content
as ``>``-quoted lines, so quoted history in HTML mail is separated like in plain mail.
Attachments (including forwarded ``message/rfc822`` mail) are recorded by name, type and
decoded size; their content is never kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email.message import Message

import html2text
from bs4 import BeautifulSoup, Comment, PageElement, Tag
from bs4.dammit import EncodingDetector

from assistant.parse.headers import decode_words
from assistant.parse.models import Attachment
from assistant.parse.text import decode_bytes, has_surrogates, normalise

PART_LIMIT = 1_000_000  # decoded characters kept per text part
TOTAL_LIMIT = 2_000_000  # decoded characters kept for the whole body
MAX_DEPTH = 20  # deeper MIME parts are not walked ...
MAX_PARTS = 200  # ... nor parts past this many
HTML_LIMIT = 150_000  # characters of an HTML part converted to text
TAG_LIMIT = 5_000  # tags of an HTML part read

#: A short text/plain alternative that only says "read the HTML version".
_PLACEHOLDER = re.compile(
    r"\bhtml\b.{0,80}\b(?:view|client|viewer|reader|support|capable|compatible|browser|format|version)"
    r"|\b(?:view|client|viewer|reader|support|capable|compatible|browser|format|version)\b.{0,80}\bhtml\b",
    re.IGNORECASE | re.DOTALL,
)
_TAG = re.compile(r"<[a-zA-Z/!?]")
_CELL = re.compile(r"<t[dh](?:\s[^<>]*)?>", re.IGNORECASE)
#: Elements whose content is never shown.
_NOT_SHOWN = frozenset({"script", "style", "head", "title", "noscript", "template", "svg"})
_SIGNATURE_CLASSES = frozenset({"gmail_signature", "moz-signature"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
#: html2text's markdown escapes (it escapes every backslash it leaves before these first).
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")


@dataclass
class Body:
    text: str = ""
    was_html: bool = False
    attachments: list[Attachment] = field(default_factory=list)


@dataclass
class _Walk:
    defects: list[str]
    attachments: list[Attachment] = field(default_factory=list)
    parts: int = 0
    total: int = 0


def extract_body(msg: Message, defects: list[str]) -> Body:
    """Body text (plain preferred, HTML converted when that is all there is) and attachments."""
    walk = _Walk(defects)
    texts = _collect(msg, walk, depth=0)
    used = [(text, is_html) for text, is_html in texts if text.strip()]
    return Body(
        text=normalise("\n\n".join(text for text, _ in used)),
        was_html=bool(used) and all(is_html for _, is_html in used),
        attachments=walk.attachments,
    )


def _collect(part: Message, walk: _Walk, depth: int) -> list[tuple[str, bool]]:
    """(text, came_from_html) for each body part under ``part``, in order."""
    walk.parts += 1
    ctype = "unknown"
    if depth > MAX_DEPTH:
        walk.defects.append(f"mime: nested deeper than {MAX_DEPTH} levels; deeper parts ignored")
        return []
    if walk.parts > MAX_PARTS:
        walk.defects.append(f"mime: more than {MAX_PARTS} parts; the rest ignored")
        return []
    try:
        ctype = part.get_content_type()
        maintype, subtype = ctype.split("/", 1)
        if maintype == "multipart" and part.is_multipart():
            children = [p for p in part.get_payload() if isinstance(p, Message)]
            if subtype == "alternative":
                return _alternative(children, walk, depth)
            if subtype == "related" and children:
                # The first part is the document; the rest are its images and styles.
                for child in children[1:]:
                    _attachment(child, walk)
                return _collect(children[0], walk, depth + 1)
            return [t for child in children for t in _collect(child, walk, depth + 1)]
        if maintype == "multipart":
            walk.defects.append(f"mime: {ctype} without parts; read as text")
            return [(_decoded_text(part, walk), False)]
        if _is_attachment(part, maintype, subtype):
            _attachment(part, walk)
            return []
        text = _decoded_text(part, walk)
        return [(html_to_text(text, walk.defects), True)] if subtype == "html" else [(text, False)]
    except Exception as exc:  # noqa: BLE001 - one broken part must not lose the message
        walk.defects.append(f"mime: unreadable {ctype} part ({type(exc).__name__})")
        return []
    finally:  # after decoding, which adds the transfer-encoding defects
        walk.defects.extend(f"mime: {type(d).__name__} in {ctype} part" for d in getattr(part, "defects", []))


def _alternative(children: list[Message], walk: _Walk, depth: int) -> list[tuple[str, bool]]:
    """The text/plain alternative unless it is empty or a placeholder; else the HTML one."""
    options = [_collect(child, walk, depth + 1) for child in children]
    plain = next((o for o in options if o and not o[0][1]), None)
    html = next((o for o in options if o and o[0][1]), None)
    if plain and html:
        plain_text = "".join(t for t, _ in plain).strip()
        html_text = "".join(t for t, _ in html).strip()
        placeholder = len(plain_text) < 300 and _PLACEHOLDER.search(plain_text)
        return html if html_text and (not plain_text or placeholder) else plain
    return plain or html or []


def _is_attachment(part: Message, maintype: str, subtype: str) -> bool:
    if maintype != "text" or subtype not in ("plain", "html"):
        return True
    return part.get_content_disposition() == "attachment" or bool(part.get_filename())


def _attachment(part: Message, walk: _Walk) -> None:
    filename = part.get_filename()
    if filename and ("=?" in filename or has_surrogates(filename)):
        filename = decode_words(filename, walk.defects, "attachment filename")
    if part.is_multipart():  # message/rfc822 and friends: the size of the enclosed mail
        try:
            size = sum(len(p.as_bytes()) for p in part.get_payload() if isinstance(p, Message))
        except Exception:  # noqa: BLE001 - a message that cannot be re-serialised
            size = 0
            walk.defects.append(f"mime: size of enclosed {part.get_content_type()} unknown")
    else:
        size = len(part.get_payload(decode=True) or b"")
    walk.attachments.append(Attachment(filename=filename or None, content_type=part.get_content_type(), size=size))


def _decoded_text(part: Message, walk: _Walk) -> str:
    data = part.get_payload(decode=True) or b""
    charset = part.get_content_charset()
    if charset is None and part.get_content_subtype() == "html":
        charset = EncodingDetector.find_declared_encoding(data[:10_000], is_html=True)
    text = decode_bytes(data, charset, walk.defects, f"{part.get_content_type()} part")
    room = min(PART_LIMIT, TOTAL_LIMIT - walk.total)
    if len(text) > room:
        walk.defects.append(f"truncated: {part.get_content_type()} part cut to {max(room, 0)} characters")
        text = text[: max(room, 0)]
    walk.total += len(text)
    return text


def html_to_text(html: str, defects: list[str] | None = None) -> str:
    """Readable text from HTML: line structure kept, blockquotes as ``>`` lines. At most
    ``HTML_LIMIT`` characters and ``TAG_LIMIT`` tags are read (the cut is a defect): the
    tree's cost grows with both, and with how deep the tags nest."""
    defects = defects if defects is not None else []
    if len(html) > HTML_LIMIT:
        defects.append(f"truncated: HTML cut to {HTML_LIMIT} characters")
        html = html[:HTML_LIMIT]
    for count, tag in enumerate(_TAG.finditer(html), 1):
        if count > TAG_LIMIT:
            defects.append(f"truncated: HTML cut to {TAG_LIMIT} tags")
            html = html[: tag.start()]
            break
    # A space at the start of each table cell keeps the cells' text apart.
    soup = BeautifulSoup(_CELL.sub(r"\g<0> ", html), "html.parser")
    dropped, comments, signatures = _clean_up(soup)
    for tag in dropped:
        tag.decompose()
    for comment in comments:
        comment.extract()
    for sig in signatures:
        before = sig.find_previous(string=lambda s: s.strip())
        if not sig.get_text().lstrip().startswith("--") and not (before and before.strip() == "--"):
            sig.insert(0, soup.new_tag("br"))
            sig.insert(0, "-- ")  # mark the client's signature block as one

    converter = html2text.HTML2Text(bodywidth=0)
    converter.ignore_links = converter.ignore_images = converter.ignore_emphasis = True
    converter.ignore_tables = True
    converter.unicode_snob = True
    text = converter.handle(str(soup))
    for node in list(soup.contents):  # the tree's nodes refer to each other: freed now, not
        node.decompose()  # by a full collection later
    return _MD_ESCAPE.sub(r"\1", text)


def _clean_up(soup: BeautifulSoup) -> tuple[list[Tag], list[Comment], list[Tag]]:
    """In one walk of the tree, in document order: the elements that are not shown (scripts,
    styles, the head, hidden ones), the comments, and the client's signature blocks (``div``
    of class ``gmail_signature`` or ``moz-signature``, or the element ``#Signature``) outside
    them. Nothing under an element that is dropped is looked at."""
    dropped: list[Tag] = []
    comments: list[Comment] = []
    signatures: list[Tag] = []
    node = soup.contents[0] if soup.contents else None
    while node is not None:
        if isinstance(node, Tag):
            style = node.get("style")
            if (
                node.name in _NOT_SHOWN
                or "hidden" in node.attrs
                or (isinstance(style, str) and _HIDDEN_STYLE.search(style))
            ):
                dropped.append(node)
                node = _after(node)
                continue
            classes = node.get("class") or ()
            if node.get("id") == "Signature" or (node.name == "div" and _SIGNATURE_CLASSES.intersection(classes)):
                signatures.append(node)
        elif isinstance(node, Comment):
            comments.append(node)
        node = node.next_element
    return dropped, comments, signatures


def _after(tag: Tag) -> PageElement | None:
    """The element after ``tag`` and everything under it, in document order."""
    last = tag
    while isinstance(last, Tag) and last.contents:
        last = last.contents[-1]
    return last.next_element
