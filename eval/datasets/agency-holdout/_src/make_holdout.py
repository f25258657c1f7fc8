#!/usr/bin/env python3
"""Build the Halcyon Growth HOLD-OUT evaluation dataset (agency-holdout/).

Everything in the dataset is fictional. This script is deterministic (no randomness, no
current time, fixed Message-IDs, fixed PDF/DOCX metadata and zip timestamps): re-running
it rewrites byte-identical files. It writes, relative to the dataset directory:

    docs/<client>/...        scope documents and call notes (.md, .txt, .pdf, .docx)
    mail/<client>/<id>.eml   raw RFC 5322 messages (CRLF) in the declared charsets
    clients.json             agency, account managers, clients, contacts, documents
    cases.jsonl              75 labelled cases (eml path or inline message)
    README.md                how the set was made and its counts

and then checks everything (labels, paths, client resolution, charsets, round trips).

Usage:  /work/main/.venv/bin/python _src/make_holdout.py
Needs:  fpdf2, python-docx (both in the project venv); DejaVu and TLWG (Thai) TTF fonts.
"""

from __future__ import annotations

import codecs
import collections
import email
import io
import json
import re
import sys
import zipfile
from datetime import datetime, timezone
from email import policy
from email.charset import BASE64, QP, Charset
from email.header import Header
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr, parseaddr
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import holdout_docs as D  # noqa: E402
from holdout_cases import CASES  # noqa: E402

ROOT = HERE.parent
POLICY = policy.compat32.clone(linesep="\r\n")
CATEGORIES = ("unclear_goals", "conflicting_stakeholders", "discount_pressure", "outdated_methods",
              "prepayment_refusal", "late_payment", "misleading_claims")
LABELS = ("in_scope", "out_of_scope", "red_flag")

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DEJAVU_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
GARUDA = "/usr/share/fonts/truetype/tlwg/Garuda.ttf"
GARUDA_BOLD = "/usr/share/fonts/truetype/tlwg/Garuda-Bold.ttf"


# "windows-874" is what Thai Outlook declares; Python only knows it as cp874.
def _codec_search(name: str):
    return codecs.lookup("cp874") if name in ("windows_874", "windows-874", "x_windows_874") else None


codecs.register(_codec_search)
CODEC = {"windows-874": "cp874"}  # for the byte-level checks

# --------------------------------------------------------------------------------------
# Agency and clients
# --------------------------------------------------------------------------------------

AGENCY = {
    "name": "Halcyon Growth",
    "domains": ["halcyon-growth.example"],
    "account_managers": [
        {"name": "Eirik Haugland", "email": "eirik.haugland@halcyon-growth.example", "clients": ["fjeldkraft"]},
        {"name": "Sofie Vestergaard", "email": "sofie.vestergaard@halcyon-growth.example", "clients": ["maisonlune"]},
        {"name": "Kanokwan Srisawat", "email": "kanokwan@halcyon-growth.example", "clients": ["chiangmai-stay"]},
    ],
}

# path, kind, title, date, language, source text, renderer
DOCUMENTS = {
    "fjeldkraft": [
        ("docs/fjeldkraft/forvaltningsavtale-2026.docx", "scope",
         "Forvaltningsavtale 2026: drift og feilretting av fjeldkraft.example", "2026-01-12", "nb",
         D.FJELDKRAFT_SOW_DOCX, "docx"),
        ("docs/fjeldkraft/2026-01-21-kickoff.md", "call_notes", "Call notes: Kick-off call", "2026-01-21", "en",
         D.FJELDKRAFT_KICKOFF_MD, "text"),
        ("docs/fjeldkraft/2026-03-04-statusmote.txt", "call_notes", "Referat: Statusmøte", "2026-03-04", "nb",
         D.FJELDKRAFT_STATUS_TXT, "text"),
    ],
    "maisonlune": [
        ("docs/maisonlune/sow-2026.pdf", "scope", "Statement of Work 2026: Content and Newsletter", "2026-01-08", "en",
         D.MAISONLUNE_SOW_PDF, "pdf-latin"),
        ("docs/maisonlune/2026-01-15-opstartsmoede.md", "call_notes", "Referat: Opstartsmøde", "2026-01-15", "da",
         D.MAISONLUNE_KICKOFF_MD, "text"),
        ("docs/maisonlune/2026-03-10-point-etape.txt", "call_notes", "Compte rendu : point d'étape", "2026-03-10", "fr",
         D.MAISONLUNE_STATUS_TXT, "text"),
    ],
    "chiangmai-stay": [
        ("docs/chiangmai-stay/sow.md", "scope",
         "Statement of Work 2026: Google Ads, Meta Ads and Booking-Engine Tracking", "2026-01-13", "en",
         D.CHIANGMAI_SOW_MD, "text"),
        ("docs/chiangmai-stay/2026-01-21-kickoff.pdf", "call_notes", "บันทึกการประชุม: คิกออฟ", "2026-01-21", "th",
         D.CHIANGMAI_KICKOFF_PDF, "pdf-thai"),
        ("docs/chiangmai-stay/2026-03-25-status-call.docx", "call_notes", "Call notes: Weekly status call",
         "2026-03-25", "en", D.CHIANGMAI_STATUS_DOCX, "docx"),
    ],
}

CLIENTS = [
    {"id": "fjeldkraft", "name": "Fjeldkraft Energi AS",
     "industry": "Hydropower producer and electricity retailer, consumer (B2C) website, Voss, Norway",
     "services": ["web development retainer", "bug fixing", "hosting and maintenance"],
     "languages": ["nb", "en"], "domains": ["fjeldkraft.example"],
     "contacts": ["silje.nygard@fjeldkraft.example", "thomas.berge@fjeldkraft.example"],
     "account_manager": "eirik.haugland@halcyon-growth.example"},
    {"id": "maisonlune", "name": "Maison Lune ApS",
     "industry": "French-Danish bakery chain (four shops), Copenhagen, Denmark",
     "services": ["content", "newsletter", "Instagram captions"],
     "languages": ["da", "fr"], "domains": ["maisonlune.example"],
     "contacts": ["camille.lefevre@maisonlune.example", "mikkel.juhl@maisonlune.example"],
     "account_manager": "sofie.vestergaard@halcyon-growth.example"},
    {"id": "chiangmai-stay", "name": "Chiang Mai Stay Co., Ltd.",
     "industry": "Boutique-hotel group (three hotels), Chiang Mai, Thailand",
     "services": ["Google Ads", "Meta ads", "booking-engine conversion tracking"],
     "languages": ["th", "en"], "domains": ["chiangmaistay.example"],
     "contacts": ["ratchanee@chiangmaistay.example", "krit.b@chiangmaistay.example"],
     "account_manager": "kanokwan@halcyon-growth.example"},
]

# Hard-case tags (LABELLING.md "Hard cases we want on purpose" and a few more); extra field.
TAGS = {
    "quantity_limit": ["fjeldkraft-012", "maisonlune-009", "maisonlune-010", "chiangmai-stay-009"],
    "revision_limit_exceeded": ["fjeldkraft-013", "maisonlune-012", "chiangmai-stay-014"],
    "revision_within_limit": ["fjeldkraft-002", "maisonlune-002", "chiangmai-stay-001", "chiangmai-stay-007"],
    "communication_rule": ["fjeldkraft-014", "fjeldkraft-017", "maisonlune-013", "maisonlune-014", "chiangmai-stay-013"],
    "after_hours_but_allowed": ["fjeldkraft-004"],
    "big_sounding_in_scope": ["fjeldkraft-003", "maisonlune-003", "chiangmai-stay-002"],
    "small_out_of_scope": ["fjeldkraft-010", "maisonlune-013", "maisonlune-015", "chiangmai-stay-010", "chiangmai-stay-016"],
    "quoted_history_different_request": ["fjeldkraft-008", "maisonlune-005", "chiangmai-stay-011"],
    "disclaimer_mentions_payment": ["fjeldkraft-005", "maisonlune-006", "chiangmai-stay-007"],
    "mixed_thanks_and_request": ["fjeldkraft-010", "chiangmai-stay-008", "chiangmai-stay-011"],
    "prompt_injection": ["fjeldkraft-016", "maisonlune-016"],
    "second_contact_by_domain": ["fjeldkraft-006", "fjeldkraft-015", "fjeldkraft-022", "maisonlune-008",
                                 "maisonlune-017", "maisonlune-019", "maisonlune-023", "chiangmai-stay-005",
                                 "chiangmai-stay-006", "chiangmai-stay-012", "chiangmai-stay-020"],
    "fair_complaint_not_red_flag": ["maisonlune-007", "chiangmai-stay-003"],
    "invoice_question_not_red_flag": ["fjeldkraft-006", "chiangmai-stay-006"],
    "payment_mention_not_red_flag": ["maisonlune-017"],
    "excluded_third_party_system": ["fjeldkraft-015"],
    "html_only": ["fjeldkraft-016", "maisonlune-025", "chiangmai-stay-014"],
    "two_categories": ["fjeldkraft-019", "maisonlune-019", "chiangmai-stay-018", "chiangmai-stay-023"],
}


# --------------------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------------------

CLAUSE = re.compile(r"^(\d+\.\d+|\d+\.)\s+(.*)$")


def parse_markup(text: str) -> list[tuple[str, object]]:
    """('title', str) ('heading', str) ('meta', (k, v)) ('clause', (num, text)) ('bullet', str) ('para', str)"""
    blocks: list[tuple[str, object]] = []
    for line in text.splitlines():
        line = line.rstrip()
        if not line:
            continue
        if line.startswith("# "):
            blocks.append(("title", line[2:]))
        elif line.startswith("## "):
            blocks.append(("heading", line[3:]))
        elif line.startswith("| "):
            key, value = [p.strip() for p in line[2:].split("|", 1)]
            blocks.append(("meta", (key, value)))
        elif line.startswith("- "):
            m = CLAUSE.match(line[2:])
            blocks.append(("clause", (m[1], m[2])) if m else ("bullet", line[2:]))
        else:
            blocks.append(("para", line))
    return blocks


def render_pdf(text: str, path: Path, thai: bool, title: str, date: datetime) -> None:
    from fpdf import FPDF

    class Doc(FPDF):
        def footer(self):
            self.set_y(-14)
            self.set_font("body", size=8)
            self.set_text_color(120)
            label = f"หน้า {self.page_no()}/{{nb}}" if thai else f"Page {self.page_no()} of {{nb}}"
            self.cell(0, 6, label, align="C")
            self.set_text_color(0)

    pdf = Doc(format="A4")
    pdf.set_creation_date(date)
    pdf.set_title(title)
    pdf.set_author("Halcyon Growth")
    pdf.set_creator("Halcyon Growth document templates")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("body", "", GARUDA if thai else DEJAVU)
    pdf.add_font("body", "B", GARUDA_BOLD if thai else DEJAVU_BOLD)
    pdf.add_page()
    lh = 6.2 if thai else 5.4
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for kind, value in parse_markup(text):
        pdf.set_x(pdf.l_margin)
        if kind == "title":
            pdf.set_font("body", "B", 15)
            pdf.multi_cell(width, 8, value)
            pdf.ln(3)
        elif kind == "heading":
            pdf.ln(3)
            pdf.set_font("body", "B", 12)
            pdf.multi_cell(width, 7, value)
            pdf.ln(1)
        elif kind == "meta":
            k, v = value
            pdf.set_font("body", "B", 10)
            pdf.cell(42, lh, k + ":")
            pdf.set_font("body", "", 10)
            pdf.multi_cell(width - 42, lh, v)
        elif kind == "clause":
            num, body = value
            pdf.set_font("body", "", 10)
            pdf.cell(11, lh, num)
            pdf.multi_cell(width - 11, lh, body)
            pdf.ln(1)
        elif kind == "bullet":
            pdf.set_font("body", "", 10)
            pdf.cell(6, lh, "•")
            pdf.multi_cell(width - 6, lh, value)
            pdf.ln(1)
        else:
            pdf.set_font("body", "", 10)
            pdf.multi_cell(width, lh, value)
            pdf.ln(1)
    path.write_bytes(bytes(pdf.output()))


def render_docx(text: str, path: Path, title: str, date: datetime) -> None:
    import docx
    from docx.shared import Pt

    doc = docx.Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    cp = doc.core_properties
    cp.title, cp.author, cp.last_modified_by = title, "Halcyon Growth", "Halcyon Growth"
    cp.created = cp.modified = date.replace(tzinfo=None)
    cp.revision = 1
    blocks = parse_markup(text)
    i = 0
    while i < len(blocks):
        kind, value = blocks[i]
        if kind == "title":
            doc.add_paragraph(value, style="Title")
        elif kind == "heading":
            doc.add_paragraph(value, style="Heading 1")
        elif kind == "meta":
            rows = []
            while i < len(blocks) and blocks[i][0] == "meta":
                rows.append(blocks[i][1])
                i += 1
            table = doc.add_table(rows=len(rows), cols=2)
            table.style = "Table Grid"
            for r, (k, v) in enumerate(rows):
                table.cell(r, 0).text = k
                table.cell(r, 1).text = v
                table.cell(r, 0).paragraphs[0].runs[0].bold = True
            doc.add_paragraph("")
            continue
        elif kind == "clause":
            num, body = value
            p = doc.add_paragraph(style="List Paragraph")
            p.add_run(num + " ").bold = True
            p.add_run(body)
        elif kind == "bullet":
            doc.add_paragraph(value, style="List Bullet")
        else:
            doc.add_paragraph(value)
        i += 1
    raw = io.BytesIO()
    doc.save(raw)
    # python-docx stamps zip entries with the current time: rewrite them with a fixed one.
    out = io.BytesIO()
    stamp = (date.year, date.month, date.day, 9, 0, 0)
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=stamp)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    path.write_bytes(out.getvalue())


def write_documents() -> None:
    for docs in DOCUMENTS.values():
        for rel, _kind, title, date, _lang, text, renderer in docs:
            path = ROOT / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            when = datetime.fromisoformat(date).replace(hour=9, tzinfo=timezone.utc)
            if renderer == "text":
                path.write_text(text, encoding="utf-8", newline="\n")
            elif renderer == "docx":
                render_docx(text, path, title, when)
            else:
                render_pdf(text, path, renderer == "pdf-thai", title, when)


# --------------------------------------------------------------------------------------
# Mail
# --------------------------------------------------------------------------------------

def _charset(name: str, cte: str) -> Charset:
    cs = Charset(name)
    cs.body_encoding = {"qp": QP, "base64": BASE64, "8bit": None, "7bit": None}[cte]
    return cs


def _hdr(text: str, charset: str):
    try:
        text.encode("ascii")
        return text
    except UnicodeEncodeError:
        return Header(text, Charset(charset))


def build_eml(c: dict) -> bytes:
    e = c["eml"]
    cs_name, cte = e["charset"], e["cte"]
    body = c["body"]
    if cte == "base64":  # RFC 2045: text is base64-encoded in canonical CRLF form
        body = body.replace("\n", "\r\n")
    part = MIMEText(body, e.get("subtype", "plain"), _charset(cs_name, cte))
    content_headers = list(part.items())
    for k, _ in content_headers:
        del part[k]
    hcs = Charset(cs_name)
    part["From"] = formataddr(c["from_"], charset=hcs)
    part["To"] = formataddr(c["to"], charset=hcs)
    if c.get("cc"):
        part["Cc"] = ", ".join(formataddr(p, charset=hcs) for p in c["cc"])
    part["Subject"] = _hdr(c["subject"], cs_name)
    part["Date"] = format_datetime(c["date"])
    part["Message-ID"] = e["message_id"]
    if e.get("in_reply_to"):
        part["In-Reply-To"] = e["in_reply_to"]
        part["References"] = " ".join(e.get("references", [e["in_reply_to"]]))
    for k, v in e.get("headers", []):
        part[k] = v
    for k, v in content_headers:
        part[k] = v
    return part.as_bytes(policy=POLICY)


def check_eml(path: Path, c: dict) -> None:
    """Parse back: headers, body round trip, and the bytes really are in the declared charset."""
    raw = path.read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b""), f"{path}: not CRLF"
    legacy = email.message_from_bytes(raw)  # compat32, as the brief asks
    assert legacy.get_content_charset() == c["eml"]["charset"], path
    msg = email.message_from_bytes(raw, policy=policy.default)
    e = c["eml"]
    assert str(msg["Message-ID"]) == e["message_id"], path
    assert str(msg["Subject"]) == c["subject"], (path, str(msg["Subject"]))
    assert parseaddr(str(msg["From"]))[1] == c["from_"][1], path
    assert msg.get_content_type() == "text/" + e.get("subtype", "plain"), path
    assert msg.get_content_charset() == e["charset"], path
    want_cte = {"qp": "quoted-printable"}.get(e["cte"], e["cte"])
    assert msg["Content-Transfer-Encoding"].lower() == want_cte, (path, msg["Content-Transfer-Encoding"])
    assert msg.get_content().replace("\r\n", "\n") == c["body"], path
    payload = legacy.get_payload(decode=True)
    cs = e["charset"]
    text = payload.decode(CODEC.get(cs, cs))  # strict: raises if the bytes are not in the charset
    assert text.replace("\r\n", "\n") == c["body"], path
    if cs not in ("utf-8", "us-ascii"):
        high = [b for b in payload if b >= 0x80]
        assert high, f"{path}: declared {cs} but the body is pure ASCII"
        try:
            payload.decode("utf-8")
            raise AssertionError(f"{path}: declared {cs} but the body is valid UTF-8")
        except UnicodeDecodeError:
            pass
        c1 = any(0x80 <= b <= 0x9F for b in payload)
        if cs in ("windows-1252", "windows-874"):
            assert c1, f"{path}: {cs} body uses no byte 0x80-0x9F, so it is not really {cs}"
        else:  # iso-8859-1, tis-620: no C1 range in these charsets
            assert not c1, f"{path}: {cs} body has bytes 0x80-0x9F"
    if cs == "us-ascii":
        payload.decode("ascii")


def write_mail() -> None:
    seen = set()
    for c in CASES:
        if "eml" not in c:
            continue
        mid = c["eml"]["message_id"]
        assert mid not in seen, mid
        seen.add(mid)
        path = ROOT / "mail" / c["client"] / f"{c['id']}.eml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(build_eml(c))
        check_eml(path, c)


# --------------------------------------------------------------------------------------
# clients.json, cases.jsonl
# --------------------------------------------------------------------------------------

def _addr(pair: tuple[str, str]) -> str:
    return f"{pair[0]} <{pair[1]}>"


def case_tags(cid: str) -> list[str]:
    return [t for t, ids in TAGS.items() if cid in ids]


def case_record(c: dict) -> dict:
    rec: dict = {"id": c["id"]}
    if "eml" in c:
        rec["eml"] = f"mail/{c['client']}/{c['id']}.eml"
    else:
        msg = {"from": _addr(c["from_"]), "to": _addr(c["to"])}
        if c.get("cc"):
            msg["cc"] = ", ".join(_addr(p) for p in c["cc"])
        msg.update(subject=c["subject"], date=c["date"].isoformat(), body=c["body"])
        rec["message"] = msg
    rec.update(label=c["label"], red_flags=c["red_flags"], client=c["client"], language=c["language"],
               note=c["note"])
    tags = case_tags(c["id"])
    if tags:
        rec["tags"] = tags
    return rec


def clients_json() -> dict:
    clients = []
    for cl in CLIENTS:
        entry = dict(cl)
        entry["documents"] = [
            {"path": rel, "kind": kind, "title": title, "date": date, "language": lang}
            for rel, kind, title, date, lang, _t, _r in DOCUMENTS[cl["id"]]
        ]
        clients.append(entry)
    return {"agency": AGENCY, "clients": clients}


def write_json() -> None:
    (ROOT / "clients.json").write_text(json.dumps(clients_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    with (ROOT / "cases.jsonl").open("w", encoding="utf-8", newline="\n") as fh:
        for c in CASES:
            fh.write(json.dumps(case_record(c), ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------------------
# Consistency checks
# --------------------------------------------------------------------------------------

def resolve(sender: str) -> list[str]:
    addr = sender.lower()
    dom = addr.rsplit("@", 1)[1]
    return [cl["id"] for cl in CLIENTS if addr in cl["contacts"] or dom in cl["domains"]]


def check_cases() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), "duplicate ids"
    tagged = {i for v in TAGS.values() for i in v}
    assert tagged <= set(ids), tagged - set(ids)
    for c in CASES:
        assert c["label"] in LABELS, c["id"]
        assert all(f in CATEGORIES for f in c["red_flags"]), c["id"]
        assert len(set(c["red_flags"])) == len(c["red_flags"]), c["id"]
        assert bool(c["red_flags"]) == (c["label"] == "red_flag"), f"{c['id']}: red_flags vs label"
        assert c["id"].startswith(c["client"] + "-"), c["id"]
        assert resolve(c["from_"][1]) == [c["client"]], f"{c['id']}: sender does not resolve to its client"
        assert c["to"][1].endswith("@halcyon-growth.example"), c["id"]
        assert re.fullmatch(r"[a-z]{2}", c["language"]), c["id"]
        assert c["note"].strip(), c["id"]
        assert c["date"].tzinfo is not None and c["date"].year == 2026, c["id"]
        client = next(cl for cl in CLIENTS if cl["id"] == c["client"])
        assert c["language"] in client["languages"], c["id"]
    # every referenced path exists
    data = clients_json()
    for cl in data["clients"]:
        for d in cl["documents"]:
            assert (ROOT / d["path"]).is_file(), d["path"]
    for line in (ROOT / "cases.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        assert ("eml" in rec) != ("message" in rec), rec["id"]
        if "eml" in rec:
            assert (ROOT / rec["eml"]).is_file(), rec["eml"]
    # no stray mail files
    on_disk = {p.relative_to(ROOT).as_posix() for p in (ROOT / "mail").rglob("*.eml")}
    referenced = {f"mail/{c['client']}/{c['id']}.eml" for c in CASES if "eml" in c}
    assert on_disk == referenced, on_disk ^ referenced


def stats() -> dict:
    s: dict = {}
    s["labels"] = collections.Counter(c["label"] for c in CASES)
    s["per_client"] = {cl["id"]: collections.Counter(c["label"] for c in CASES if c["client"] == cl["id"])
                       for cl in CLIENTS}
    s["categories"] = collections.Counter(f for c in CASES for f in c["red_flags"])
    s["languages"] = collections.Counter(c["language"] for c in CASES)
    s["two_cat"] = [c["id"] for c in CASES if len(c["red_flags"]) == 2]
    emls = [c for c in CASES if "eml" in c]
    s["eml"] = len(emls)
    s["inline"] = len(CASES) - len(emls)
    s["charsets"] = collections.Counter(c["eml"]["charset"] for c in emls)
    s["cte"] = collections.Counter(c["eml"]["cte"] for c in emls)
    s["html"] = [c["id"] for c in emls if c["eml"].get("subtype") == "html"]
    s["charset_cte"] = collections.Counter((c["eml"]["charset"], c["eml"]["cte"]) for c in emls)
    return s


def check_balance(s: dict) -> None:
    assert len(CASES) == 75
    for label in LABELS:
        assert 20 <= s["labels"][label] <= 30, s["labels"]
    for cat in CATEGORIES:
        assert s["categories"][cat] >= 4, (cat, s["categories"])
    assert 3 <= len(s["two_cat"]) <= 4, s["two_cat"]
    assert s["eml"] >= 20
    for cs in ("iso-8859-1", "windows-1252", "tis-620", "windows-874", "utf-8"):
        assert s["charsets"][cs] >= 1, cs
    assert s["cte"]["qp"] and s["cte"]["base64"] and s["html"]
    for tag in ("quantity_limit", "revision_limit_exceeded", "communication_rule", "big_sounding_in_scope",
                "small_out_of_scope", "quoted_history_different_request", "disclaimer_mentions_payment",
                "mixed_thanks_and_request", "prompt_injection", "second_contact_by_domain"):
        assert TAGS[tag], tag


# --------------------------------------------------------------------------------------
# README
# --------------------------------------------------------------------------------------

LANG_NAMES = {"nb": "Norwegian bokmål", "en": "English", "da": "Danish", "fr": "French", "th": "Thai"}
FORMAT_NAMES = {"text": None, "docx": "DOCX", "pdf-latin": "PDF", "pdf-thai": "PDF (Thai TTF)"}


def readme(s: dict) -> str:
    def table(rows, head):
        out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        out += ["| " + " | ".join(str(x) for x in r) + " |" for r in rows]
        return "\n".join(out)

    label_rows = [(lbl, s["labels"][lbl], ", ".join(f"{cid} {s['per_client'][cid][lbl]}" for cid in s["per_client"]))
                  for lbl in LABELS]
    cat_rows = [(cat, s["categories"][cat],
                 ", ".join(c["id"] for c in CASES if cat in c["red_flags"])) for cat in CATEGORIES]
    lang_rows = [(code, LANG_NAMES[code], s["languages"][code]) for code in sorted(s["languages"])]
    doc_rows = []
    for cl in CLIENTS:
        for rel, kind, title, date, lang, _t, renderer in DOCUMENTS[cl["id"]]:
            fmt = FORMAT_NAMES[renderer] or Path(rel).suffix[1:].upper()
            mail_langs = cl["languages"]
            doc_rows.append((f"`{rel}`", kind, date, fmt, lang + ("" if lang in mail_langs else " (not a mail language)")))
    cs_rows = [(cs, cte, n) for (cs, cte), n in sorted(s["charset_cte"].items())]
    tag_rows = [(t, len(ids), ", ".join(ids)) for t, ids in TAGS.items()]
    return f"""\
# agency-holdout: Halcyon Growth (HELD-OUT evaluation set)

**This split is held out. It is never used for tuning** prompts, cues, thresholds, retrieval
settings or anything else. It exists only to measure whether the triage assistant generalises
to clients it has never seen. Do not look at its cases while developing; if you did, say so
when you report its figures, and consider the split burnt.

Everything here is fictional: the agency, the three clients, the people, the addresses (all
under the reserved `.example` domain), registration and tax numbers, prices and figures.

## How it was made

- Written by hand (by an assistant session for this project) from `shared/domain.md`,
  `shared/dataset-format.md` and `eval/datasets/LABELLING.md`, following the labelling guide
  exactly. The development split (`agency-dev/`) was deliberately not read beyond its
  `clients.json` shape: the clients, industries, services, document styles and sentences here
  are new (a hydropower utility's web-development retainer, a bakery's content/newsletter
  retainer, a hotel group's ads + booking-engine tracking).
- All files are generated by the deterministic script `_src/make_holdout.py` (texts in
  `_src/holdout_docs.py` and `_src/holdout_cases.py`): Markdown/TXT as written, the PDFs with
  fpdf2 (DejaVu; TLWG Garuda for Thai, without text shaping, so Thai glyph stacking in the
  rendering is approximate while the extracted text is exact), the DOCX files with python-docx
  (fixed core properties and zip timestamps), the `.eml` files with the standard library
  `email` package (CRLF line endings). Re-running rewrites byte-identical files:

      /work/main/.venv/bin/python eval/datasets/agency-holdout/_src/make_holdout.py

- The script checks: `red_flags` is non-empty exactly for `red_flag`; every category id is
  valid; every path in `clients.json` and `cases.jsonl` exists; every sender resolves to
  exactly its expected client (by contact or by domain); every `.eml` parses with
  `email.message_from_bytes`, round-trips its subject and body, and its body bytes decode
  strictly in the declared charset, are not valid UTF-8, and use the C1 range 0x80-0x9F
  exactly when the charset is windows-1252/windows-874 (so those labels are not really
  ISO-8859-1/TIS-620 text); counts and the hard-case coverage.
- Every label was re-read against its client's SOW and call notes; each case's `note` cites
  the clause numbers and call-note dates that decide it.

## Agency and clients

Halcyon Growth (`halcyon-growth.example`), one account manager per client.

| id | client | what Halcyon does | mail languages | contacts (others resolve by domain) |
|---|---|---|---|---|
| `fjeldkraft` | Fjeldkraft Energi AS, hydropower utility, B2C site (Voss, NO) | web-dev retainer: bug fixes, 10 dev hours/month, hosting/maintenance, quarterly security review; new features and redesigns excluded | nb, en | Silje Nygård, Thomas Berge |
| `maisonlune` | Maison Lune ApS, French-Danish bakery chain (Copenhagen) | 2 newsletters/month, 6 Instagram captions/week, half-yearly planning workshop | da, fr | Camille Lefèvre, Mikkel Juhl |
| `chiangmai-stay` | Chiang Mai Stay Co., Ltd., boutique-hotel group (Chiang Mai, TH) | Google Ads + Meta ads, 8 creatives/month, booking-engine conversion tracking | th, en | Ratchanee Inthawong, Krit Boonmee |

Each SOW has numbered clauses: objectives, deliverables with quantities, revision limits,
a "not included" list, communication rules, payment terms with an hourly rate and the
change-request procedure. Each client has two dated 2026 call notes with decisions.

{table(doc_rows, ["document", "kind", "date", "format", "language"])}

## Counts

{len(CASES)} cases: {s['eml']} raw `.eml` files under `mail/<client>/`, {s['inline']} inline `message` objects.

{table(label_rows, ["label", "cases", "per client"])}

Red-flag categories ({sum(s['categories'].values())} case/category pairs; {len(s['two_cat'])} cases carry two categories: {", ".join(s['two_cat'])}):

{table(cat_rows, ["category", "cases", "ids"])}

Languages (`language` is ISO 639-1; `nb` is Norwegian bokmål, macrolanguage `no`; normalise
`nb`/`nn` to `no` if your language detector only knows `no`):

{table(lang_rows, ["code", "language", "cases"])}

Raw mail by charset and transfer encoding (HTML-only bodies: {", ".join(s['html'])}):

{table(cs_rows, ["charset", "transfer encoding", "files"])}

## Hard cases (the optional `tags` field; the eval ignores it)

{table(tag_rows, ["tag", "n", "cases"])}

## Files

```
README.md            this file (generated)
clients.json         agency, account managers, clients, contacts, documents
cases.jsonl          {len(CASES)} labelled cases: id, eml|message, label, red_flags, client, language, note, tags
docs/<client>/       SOW + two call notes per client (.md, .txt, .pdf, .docx)
mail/<client>/*.eml  raw RFC 5322 messages
_src/                the generator and its texts
```
"""


def main() -> None:
    check_cases_before = [c["id"] for c in CASES]
    write_documents()
    write_mail()
    write_json()
    check_cases()
    s = stats()
    check_balance(s)
    (ROOT / "README.md").write_text(readme(s), encoding="utf-8", newline="\n")
    assert check_cases_before == [c["id"] for c in CASES]
    print(f"cases {len(CASES)}: {dict(s['labels'])}; eml {s['eml']}, inline {s['inline']}")
    print("per client:", {k: dict(v) for k, v in s["per_client"].items()})
    print("categories:", dict(s["categories"]), "two-category:", s["two_cat"])
    print("languages:", dict(s["languages"]))
    print("charsets:", dict(s["charset_cte"]))


if __name__ == "__main__":
    main()
