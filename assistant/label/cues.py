"""Multilingual cue words: client-agnostic signals the offline engine's model weighs.

One list per concept, across the languages the agency's clients write in (English, Danish,
Swedish, Norwegian, German, Dutch, French, Spanish, Thai). Matching is case-insensitive;
Latin-script cues match at word starts ("faktur" matches "fakturaen"), Thai cues anywhere
(Thai is written without spaces). Add words here; the model is retrained by
``eval/train_offline.py``.
"""

from __future__ import annotations

import re
from functools import cache

CUES: dict[str, list[str]] = {
    "payment": [
        "invoice", "payment", "pay ", "paid", "overdue", "outstanding", "remind", "instal",
        "faktur", "betal", "rate", "afdrag", "rykker", "restance",
        "rechnung", "zahl", "bezahl", "überweis", "mahnung", "raten",
        "betala", "inbetal", "förfall", "påminn", "delbetal",
        "betaling", "forfal", "purring",
        "betaling", "factuur", "facture", "paiement", "payer", "factura", "pago", "pagar",
        "ชำระ", "จ่าย", "โอน", "ใบแจ้งหนี้", "ค่าบริการ", "มัดจำ", "ค้างชำระ", "งวด",
    ],
    "later": [
        "next month", "later", "end of the month", "when we", "once we", "after we", "cash flow", "tight",
        "næste måned", "senere", "når vi", "likviditet", "stram",
        "nächsten monat", "später", "sobald wir", "liquidität", "knapp",
        "nästa månad", "senare", "när vi", "likviditet", "tajt",
        "neste måned", "seinere", "la semaine prochaine", "le mois prochain", "el próximo mes",
        "เดือนหน้า", "ทีหลัง", "สิ้นเดือน", "เมื่อ", "ไว้ก่อน", "ช็อต", "สภาพคล่อง",
    ],
    "advance": [
        "in advance", "upfront", "up front", "prepay", "before we see", "only pay", "pay only", "when we see results",
        "forud", "forudbetal", "først betale", "kun betale", "når vi ser",
        "im voraus", "vorkasse", "vorab", "erst zahlen", "nur zahlen", "erfolgsbasiert",
        "i förskott", "förskott", "betala först", "bara betala", "resultatbaserat",
        "forskudd", "à l'avance", "por adelantado",
        "ล่วงหน้า", "จ่ายก่อน", "เห็นผลก่อน", "ตามผลงาน", "เมื่อได้ผล",
    ],
    "price": [
        "discount", "cheaper", "price", "cost", "fee", "expensive", "budget", "reduce", "lower", "freelanc", "competitor", "quote",
        "rabat", "billig", "pris", "omkostning", "honorar", "dyr", "sænk", "konkurrent",
        "rabatt", "preis", "kosten", "teuer", "senk", "günstig",
        "billig", "kostnad", "arvode", "sänk", "konkurrent",
        "korting", "goedkoper", "remise", "moins cher", "descuento", "más barato",
        "ส่วนลด", "ถูกกว่า", "ราคา", "ลดราคา", "แพง", "ค่าจ้าง", "ฟรีแลนซ์", "คู่แข่ง", "งบ",
    ],
    "free": [
        "free", "no charge", "no extra cost", "included in the fee", "throw in", "as a favour", "as a favor", "goodwill",
        "gratis", "uden beregning", "uden ekstra", "uden merpris", "tjeneste",
        "kostenlos", "umsonst", "ohne aufpreis", "ohne zusätzliche", "inklusive", "kulanz",
        "gratis", "utan kostnad", "utan extra", "ingen extra kostnad",
        "gratuit", "sans frais", "gratuito",
        "ฟรี", "ไม่คิดเงิน", "ไม่มีค่าใช้จ่าย", "แถม",
    ],
    "claims": [
        "guarantee", "cure", "heal", "100%", "proven", "clinically", "number one", "#1", "best in", "award", "certified",
        "miracle", "instantly", "never", "fake", "limited stock", "only today", "sold out", "testimonial",
        "garanti", "kurer", "helbred", "bevist", "klinisk", "nummer et", "certificer", "prisvinder",
        "garantiert", "heilt", "bewiesen", "klinisch", "zertifiziert", "ausgezeichnet",
        "garanter", "botar", "bevisat", "kliniskt", "certifierad", "prisbelönt",
        "garantie", "guérit", "garantiza", "cura",
        "รับประกัน", "หายขาด", "รักษา", "100%", "อันดับ 1", "อันดับหนึ่ง", "ผ่านการรับรอง", "อย.", "การันตี", "ได้ผลแน่นอน", "ทันที", "รางวัล",
    ],
    "tactics": [
        "backlink", "buy links", "link pack", "pbn", "doorway", "keyword stuff", "stuff", "keyword density", "exact match",
        "hidden text", "fake review", "review", "old seo", "spin", "mass", "cloak", "directory submission", "link farm",
        "købe links", "linkpakke", "søgeord", "keyword", "skjult tekst", "anmeldelse", "gamle seo",
        "links kaufen", "linkpaket", "keywords", "versteckt", "bewertung",
        "köpa länkar", "länkpaket", "sökord", "dold text", "recension",
        "ลิงก์", "แบ็คลิงก์", "คีย์เวิร์ด", "ซื้อลิงก์", "รีวิวปลอม", "ปั๊ม", "ยัดคีย์เวิร์ด", "ซ่อนข้อความ",
    ],
    "extra": [
        "extra", "additional", "more", "another", "new ", "also", "as well", "on top", "quickly", "just", "bonus",
        "ekstra", "flere", "yderligere", "ny ", "nyt", "nye", "også", "hurtigt", "lige ",
        "zusätzlich", "weitere", "mehr", "neue", "auch", "schnell", "kurz",
        "ytterligare", "fler", "mer ", "också", "snabbt", "bara ",
        "ekstra", "flere", "også", "supplémentaire", "aussi", "adicional", "también",
        "เพิ่ม", "อีก", "ใหม่", "ด้วย", "ด่วน", "นิดเดียว", "แค่",
    ],
    "time": [
        "tonight", "this evening", "weekend", "saturday", "sunday", "asap", "urgent", "immediately", "right away",
        "today", "tomorrow", "call me", "phone", "ring me", "whatsapp", "slack", "24/7", "after hours", "midnight", "by monday",
        "i aften", "i weekenden", "lørdag", "søndag", "haster", "med det samme", "i dag", "i morgen", "ring", "telefon", "døgnet rundt",
        "heute abend", "wochenende", "samstag", "sonntag", "dringend", "sofort", "heute", "morgen", "anrufen", "telefon",
        "ikväll", "helgen", "lördag", "söndag", "brådskande", "direkt", "idag", "i morgon", "ringa", "telefon",
        "ce soir", "urgent", "esta noche", "urgente",
        "คืนนี้", "เย็นนี้", "วันเสาร์", "วันอาทิตย์", "เสาร์อาทิตย์", "ด่วน", "ทันที", "วันนี้", "พรุ่งนี้", "โทร", "ไลน์", "ตี", "ดึก", "นอกเวลา",
    ],
    "people": [
        "colleague", "ceo", "boss", "my partner", "co-founder", "board", "don't tell", "do not tell", "without telling",
        "behind", "overrule", "ignore what", "instead of what", "disagree", "between us",
        "kollega", "direktør", "chef", "medejer", "bestyrelse", "sig ikke", "uden at fortælle", "bag om", "uenig", "mellem os",
        "kollege", "geschäftsführer", "chef", "vorstand", "nicht sagen", "ohne zu sagen", "hinter", "uneinig", "unter uns",
        "kollega", "vd", "chef", "styrelse", "säg inte", "utan att berätta", "bakom", "oenig", "mellan oss",
        "collègue", "patron", "colega", "jefe",
        "หัวหน้า", "เจ้านาย", "ผู้บริหาร", "หุ้นส่วน", "ไม่ต้องบอก", "อย่าบอก", "ลับ", "เถียง", "ไม่เห็นด้วย",
    ],
    "doubt": [
        "better", "different", "expected", "worth", "results", "not sure", "unclear", "vague", "whatever", "something",
        "bedre", "anderledes", "forventede", "værd", "resultat", "ved ikke", "uklar", "noget",
        "besser", "anders", "erwartet", "wert", "ergebnis", "weiß nicht", "unklar", "irgendwie",
        "bättre", "annorlunda", "förväntade", "värt", "resultat", "vet inte", "oklar", "något",
        "mieux", "différent", "mejor", "diferente",
        "ดีกว่านี้", "ไม่เหมือน", "คาดหวัง", "คุ้ม", "ผลลัพธ์", "ไม่แน่ใจ", "ไม่ชัด", "อะไรก็ได้", "ปัง",
    ],
    "thanks": ["thank", "great", "perfect", "tak ", "tusind tak", "danke", "super", "tack", "toppen", "merci", "gracias", "ขอบคุณ", "เยี่ยม"],
    "approve": ["approve", "approved", "looks good", "go ahead", "godkend", "ser godt ud", "freigeben", "freigabe", "godkänn", "ser bra ut", "อนุมัติ", "โอเค", "ผ่าน"],
}

_THAI = re.compile(r"[\u0E00-\u0E7F]")


@cache
def _pattern(concept: str) -> re.Pattern[str]:
    parts = []
    for cue in CUES[concept]:
        escaped = re.escape(cue.strip())
        parts.append(escaped if _THAI.search(cue) or not cue[:1].isalnum() else rf"(?<![\w]){escaped}")
    return re.compile("|".join(parts), re.IGNORECASE)


def cue_counts(text: str) -> dict[str, int]:
    """How often each concept's cues occur in ``text``."""
    return {concept: len(_pattern(concept).findall(text)) for concept in CUES}
