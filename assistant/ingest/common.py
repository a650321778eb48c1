"""Helpers every importer uses: tolerant decoding, mark stripping, stable ids, phone normalisation."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from assistant.domain import ParseError, name_key, phone_key  # noqa: F401  (re-exported for importers)
from assistant.text.sanitize import sanitize
from assistant.text.scripts import HAN, KANA, HANGUL

# Bidi and format characters that exports sprinkle into headers and names.
MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u200b"
_MARKS = re.compile(f"[{MARKS}]")
_NEWLINES = re.compile(r"\r+\n|\r")


def strip_marks(s: str) -> str:
    """Remove bidi/format marks and turn NBSP / narrow NBSP into plain spaces (for headers and names)."""
    return _MARKS.sub("", s).replace("\u00a0", " ").replace("\u202f", " ").strip()


def normalise_newlines(text: str) -> str:
    # Same result as the regex alone, but a text without CR (or with only CRLF) skips the slow regex scan.
    if "\r" not in text:
        return text
    text = text.replace("\r\n", "\n")
    return _NEWLINES.sub("\n", text) if "\r" in text else text


def sniff_encoding(data: bytes) -> str:
    """The codec of an export's bytes: UTF-16/32 by their BOM, UTF-16 without one by its zero bytes (Windows
    tools write both), else UTF-8 (a BOM tolerated)."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "utf-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = data[:4096]
    if len(sample) >= 16:
        even, odd = sample[0::2], sample[1::2]
        # Text in UTF-16 has a zero in every other byte (Latin script); binary data has zeros anywhere.
        if odd.count(0) > 0.7 * len(odd) and even.count(0) < 0.1 * len(even):
            return "utf-16-le"
        if even.count(0) > 0.7 * len(even) and odd.count(0) < 0.1 * len(odd):
            return "utf-16-be"
    return "utf-8-sig"


def to_utf8(head: bytes) -> bytes:
    """The first bytes of a file as UTF-8 (for sniffers), whatever encoding sniff_encoding finds."""
    codec = sniff_encoding(head)
    if codec == "utf-8-sig":
        return head
    n = len(head) - len(head) % 4
    return head[:n].decode(codec, errors="ignore").encode("utf-8")


def decode(data: bytes, path: Path | str, *, warnings: list[str] | None = None) -> str:
    """Decode UTF-8 (BOM tolerated), or UTF-16/32 (see sniff_encoding). Invalid bytes are an error naming the
    line they are on. NUL bytes are an error (a binary file), unless `warnings` is given: then they are
    removed and a warning naming the first line they were on is added."""
    codec = sniff_encoding(data)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as e:
        if codec != "utf-8-sig":
            raise ParseError(path, f"not valid {codec.upper()} text (at byte {e.start}); is the file cut?") from None
        line = data[: e.start].count(b"\n") + 1
        raise ParseError(path, f"not UTF-8 text (byte 0x{data[e.start]:02x}); is this a binary file?", line=line) from None
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        if warnings is None:
            raise ParseError(path, "contains NUL bytes; this is a binary file, not a text export", line=line)
        warnings.append(f"{path}:{line}: {text.count(chr(0))} NUL byte(s) removed")
        text = text.replace("\x00", "")
    return normalise_newlines(text)


def read_text(path: Path) -> str:
    return decode(Path(path).read_bytes(), path)


def load_json(path: Path):
    """Parse a JSON file; a truncated or broken one is a ParseError naming the line."""
    text = decode(Path(path).read_bytes(), path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise ParseError(path, f"invalid JSON ({e.msg}, column {e.colno}); is the file truncated?", line=e.lineno) from None
    except RecursionError:
        raise ParseError(path, "JSON nested too deeply", line=1) from None


def csv_rows(path: Path, reader) -> Iterator[tuple[int, list[str]]]:
    """The rows of a csv.reader, each with the physical line it starts on (rows may span lines).
    A malformed row is a ParseError naming its line."""
    end = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            raise ParseError(path, f"malformed CSV: {e}", line=reader.line_num) from None
        start, end = end + 1, reader.line_num
        yield start, row


def stable_id(*parts: object) -> str:
    h = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:20]


class IdMaker:
    """Content-derived ids that stay stable across re-imports, even for identical repeated messages."""

    def __init__(self) -> None:
        self._seen: Counter[str] = Counter()

    def __call__(self, *parts: object) -> str:
        base = stable_id(*parts)
        n = self._seen[base]
        self._seen[base] += 1
        return base if n == 0 else f"{base}.{n}"


_PHONE_CHARS = re.compile(r"^\+?[\d\s\-().\u00a0\u202f]{6,}$")


def looks_like_phone(s: str) -> bool:
    s = strip_marks(s)
    return bool(_PHONE_CHARS.match(s)) and sum(ch.isdigit() for ch in s) >= 6


# --- HTML to plain text (LinkedIn message bodies, HTML-only e-mails) ------------------------------------

_HTML_BLOCKS = frozenset(
    "p div li ul ol tr table tbody thead h1 h2 h3 h4 h5 h6 pre section article header footer dt dd "
    "address center form".split()
)
_HTML_SKIP = frozenset(("script", "style", "head", "title", "template"))
_WS = re.compile(r"[ \t\n\r\f\v\u00a0]+")
_BLANKS = re.compile(r"\n{3,}")


class _HtmlText(HTMLParser):
    def __init__(self, keep_newlines: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.keep_newlines = keep_newlines
        self.lines: list[str] = []
        self.cur: list[str] = []
        self.cur_quote = 0
        self.quote = 0
        self.skip = 0
        self.pre = 0

    def newline(self) -> None:
        line = "".join(self.cur).strip()
        self.lines.append(("> " * self.cur_quote + line) if line else "")
        self.cur = []
        self.cur_quote = self.quote

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _HTML_SKIP:
            self.skip += 1
        elif tag == "br":
            self.newline()
        elif tag == "blockquote":
            self.newline()
            self.quote += 1
            self.cur_quote = self.quote
        elif tag in _HTML_BLOCKS or tag == "hr":
            if self.cur:
                self.newline()
            if tag == "pre":
                self.pre += 1
            elif tag == "li":
                self.cur.append("- ")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag not in _HTML_SKIP:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HTML_SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "blockquote":
            self.newline()
            self.quote = max(0, self.quote - 1)
            self.cur_quote = self.quote
        elif tag in _HTML_BLOCKS:
            self.newline()
            if tag == "pre":
                self.pre = max(0, self.pre - 1)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.pre or self.keep_newlines:
            parts = data.replace("\u00a0", " ").split("\n")
            for i, part in enumerate(parts):
                if i:
                    self.newline()
                self.cur.append(part if self.pre else _WS.sub(" ", part))
        else:
            if not self.cur and not data.strip():
                return
            self.cur.append(_WS.sub(" ", data))

    def text(self) -> str:
        self.close()
        if self.cur:
            self.newline()
        lines = [" ".join(line.split()) for line in self.lines]
        return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def html_to_text(html: str, *, keep_newlines: bool = False) -> str:
    """Plain text of an HTML fragment: tags dropped, entities decoded, block elements and <br> become line
    breaks, <blockquote> lines are prefixed with "> ", script/style dropped. keep_newlines=True also keeps
    the line breaks of the source text (for fragments that mix plain text and a few tags)."""
    p = _HtmlText(keep_newlines)
    p.feed(html)
    return p.text()


_CJK_ONLY = re.compile(f"[{KANA}{HAN}{HANGUL}]+")


def _all_cjk(s: str) -> bool:
    return _CJK_ONLY.fullmatch(s) is not None


def full_name(given: str, family: str, middle: str = "") -> str:
    """Display name from name parts: 'Given Middle Family', collapsed spaces; for Chinese/Japanese/Korean
    names (given and family both CJK) family first with no space, as the apps show them: ('磊', '王') -> '王磊'."""
    given, middle, family = (" ".join(strip_marks(p).split()) for p in (given, middle, family))
    if _all_cjk(given) and _all_cjk(family) and (not middle or _all_cjk(middle)):
        return family + middle + given
    return " ".join(p for p in (given, middle, family) if p)


def sanitize_batch(batch):
    """Strip terminal escape sequences and control characters from everything an importer read (message
    text keeps its newlines; names, titles and handles become one line). Every import goes through here
    (`pipeline.parse_all`), so nothing a chat carried can clear a screen or write a clipboard when shown."""

    def line(s):
        return sanitize(s, keep_newlines=False) if isinstance(s, str) else s

    def handles(pairs):
        return type(pairs)((k, line(v)) for k, v in pairs)

    for conv in batch.conversations:
        conv.title, conv.peer = line(conv.title), line(conv.peer)
        conv.peer_handles = handles(conv.peer_handles)
        for m in conv.messages:
            m.text = sanitize(m.text) if isinstance(m.text, str) else m.text
            m.sender = line(m.sender)
            m.sender_handles = handles(m.sender_handles)
    for c in batch.contacts:
        c.name, c.organization, c.title = line(c.name), line(c.organization), line(c.title)
        c.notes = sanitize(c.notes) if isinstance(c.notes, str) else c.notes
        c.identities = handles(c.identities)
    batch.me = {line(n) for n in batch.me}
    return batch
