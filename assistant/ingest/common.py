"""Helpers every importer uses: tolerant decoding, mark stripping, stable ids, phone normalisation."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

from assistant.domain import ParseError, name_key, phone_key  # noqa: F401  (re-exported for importers)

# Bidi and format characters that exports sprinkle into headers and names.
_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u200b]")
_NEWLINES = re.compile(r"\r+\n|\r")


def strip_marks(s: str) -> str:
    """Remove bidi/format marks and turn NBSP / narrow NBSP into plain spaces (for headers and names)."""
    return _MARKS.sub("", s).replace("\u00a0", " ").replace("\u202f", " ").strip()


def normalise_newlines(text: str) -> str:
    return _NEWLINES.sub("\n", text)


def decode(data: bytes, path: Path | str) -> str:
    """Decode UTF-8 (BOM tolerated). Invalid bytes are an error naming the line they are on."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise ParseError(path, f"not UTF-8 text (byte 0x{data[e.start]:02x}); is this a binary file?", line=line) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ParseError(path, "contains NUL bytes; this is a binary file, not a text export", line=line)
    return normalise_newlines(text)


def read_text(path: Path) -> str:
    return decode(Path(path).read_bytes(), path)


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
