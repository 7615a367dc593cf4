"""Main text out of a fetched page, normalised so that only real changes move the hash.

HTML goes through trafilatura (boilerplate removal: menus, footers, cookie banners), with lxml's plain
text as the fallback when trafilatura finds no main text (very short or malformed pages). PDFs are read
with pypdf. Anything else that is not text is hashed as bytes and shows no diff.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import unicodedata

log = logging.getLogger(__name__)

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAYS = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?"
# Things that change on every load without the page changing: dates and times ("Last updated ..."),
# visit and view counters, cache-busting and session tokens.
_VOLATILE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"\b{_WEEKDAYS}\s+", re.I), ""),
    (
        re.compile(
            r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b"
        ),
        "<date>",
    ),
    (re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"), "<date>"),
    (re.compile(rf"\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b", re.I), "<date>"),
    (re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}\b", re.I), "<date>"),
    (re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}\b)?", re.I), "<time>"),
    (
        re.compile(
            r"\b\d[\d,.]*\s+(?:views?|visits?|visitors?|hits?|page ?views?|reads?|shares?|comments?)\b", re.I
        ),
        "<count>",
    ),
    (re.compile(r"\b(?:views?|visits?|visitors?|hits?|page ?views?)\s*:?\s*\d[\d,.]*", re.I), "<count>"),
    (re.compile(r"\b[0-9a-f]{24,}\b", re.I), "<token>"),
    (re.compile(r"\b\d+\s+(?:seconds?|minutes?|hours?|days?|weeks?)\s+ago\b", re.I), "<ago>"),
)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")


def normalise(text: str) -> str:
    """NFKC, control characters dropped, volatile tokens masked, whitespace collapsed within lines, empty
    lines dropped. Lines are kept so a diff can show what changed."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    for pattern, replacement in _VOLATILE:
        text = pattern.sub(replacement, text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def content_hash(data: str | bytes) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


def _decode(body: bytes, charset: str | None) -> str:
    for encoding in (charset, "utf-8"):
        if not encoding:
            continue
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", errors="replace")


def _html_text(html: str) -> str:
    try:
        import trafilatura

        text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
    except Exception as exc:  # a parser crash on hostile markup must not stop the run
        log.debug("trafilatura failed: %s", exc)
        text = None
    if text and text.strip():
        return text
    try:
        import lxml.html

        doc = lxml.html.document_fromstring(html)
        for bad in doc.xpath("//script|//style|//noscript|//template"):
            bad.drop_tree()
        return "\n".join(part.strip() for part in doc.itertext() if part.strip())
    except Exception:
        return re.sub(r"<[^>]*>", " ", re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html))


def _pdf_text(body: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(body))
    return "\n".join((page.extract_text() or "") for page in reader.pages)


def kind_of(body: bytes, content_type: str | None) -> str:
    """'pdf', 'html', 'text' or 'binary', from the content type and a sniff of the first bytes."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    head = body[:1024].lstrip()
    if ctype == "application/pdf" or head.startswith(b"%PDF-"):
        return "pdf"
    if ctype in ("text/html", "application/xhtml+xml") or head[:200].lower().startswith(
        (b"<!doctype html", b"<html")
    ):
        return "html"
    if ctype.startswith("text/") or ctype in ("application/json", "application/xml"):
        return "text"
    if b"\x00" in head or ctype.startswith(("image/", "audio/", "video/", "application/")):
        return "binary"
    return "html" if b"<" in head else "text"


def extract(body: bytes, content_type: str | None = None, charset: str | None = None) -> tuple[str, str, str]:
    """``(kind, normalised_text, hash)``. The hash is of the normalised text; for binaries (and documents
    no text could be read from) of the bytes themselves, with empty text."""
    kind = kind_of(body, content_type)
    text = ""
    try:
        if kind == "pdf":
            text = _pdf_text(body)
        elif kind == "html":
            text = _html_text(_decode(body, charset))
        elif kind == "text":
            text = _decode(body, charset)
    except Exception as exc:
        log.debug("could not read %s body: %s", kind, exc)
        text = ""
    text = normalise(text)
    if not text:
        return kind, "", content_hash(body)
    return kind, text, content_hash(text)
