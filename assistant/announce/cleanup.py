"""The offline clean-up: what can be done to an announcement without a language model, deterministically.

It never changes a word. It fixes whitespace (trailing spaces, runs of spaces, stray blank lines, invisible
characters), removes repeated lines, gives the text structure (an inline "1）… 2）…" enumeration becomes a list;
list markers are made uniform; a paragraph longer than a phone screen is split into short paragraphs at
sentence ends, and a Chinese run-on sentence at its commas), makes formatting marks fit the channel, and
checks the length against the channel's limits. Every change is listed in `changes`, so the user can see
what happened; the result is labelled as this clean-up wherever it is shown.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from assistant.announce.channels import (
    Channel,
    adapt_markup,
    length_problems,
    split_subject,
)
from assistant.text.scripts import HAN

LABEL = "offline clean-up (no language model): whitespace, repeated lines, structure, formatting, length check"

INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u3000]{2,}")
_BULLET = re.compile(r"^\s*(?:[-*+•·●▪◦‣]|\u2013)\s+(?=\S)")
_NUMBERED = re.compile(r"^\s*(?:[(（](\d{1,2})[)）]|(\d{1,2})\s*[.)）、](?!\d))\s*(?=\S)")
_CIRCLED = {chr(0x2460 + i): i + 1 for i in range(20)}
_INLINE_ENUM = re.compile(r"(?<![A-Za-z0-9_.])(\d{1,2})[)）]")
_CJK = re.compile(f"[{HAN}]")

# Paragraph lengths (characters) above which a paragraph is split: a phone screen shows about 120 Chinese
# characters or 300 Latin ones at a glance.
CJK_PARAGRAPH = 120
LATIN_PARAGRAPH = 320


@dataclass
class CleanupResult:
    text: str
    changes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # over the channel's hard limit
    warnings: list[str] = field(default_factory=list)
    label: str = LABEL

    @property
    def fits(self) -> bool:
        return not self.errors


def _is_cjk(text: str) -> bool:
    han = len(_CJK.findall(text))
    return han > 0 and han >= len(re.findall(r"[A-Za-z]", text)) / 3


def _split_inline_enumeration(line: str) -> list[str] | None:
    """'主题：1）A（x）2）B（y）' -> ['主题：', '1. A（x）', '2. B（y）'] when the numbers run 1, 2, ... in order."""
    marks = list(_INLINE_ENUM.finditer(line))
    if len(marks) < 2:
        return None
    numbers = [int(m.group(1)) for m in marks]
    if numbers != list(range(numbers[0], numbers[0] + len(numbers))) or numbers[0] not in (0, 1):
        return None
    head = line[: marks[0].start()].rstrip()
    items = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(line)
        items.append(f"{m.group(1)}. {line[m.end():end].strip()}")
    return ([head] if head else []) + items


def _sentences(paragraph: str) -> list[str]:
    """Sentences, each with its closing punctuation (and closing quotes/brackets)."""
    parts = re.findall(r".+?(?:[。！？!?…]+[”’」』）)\"']*|\.(?:\s|$)|$)", paragraph, flags=re.S)
    return [p for p in (x.strip() for x in parts) if p]


def _split_run_on(sentence: str, target: int) -> list[str]:
    """A Chinese sentence of many comma-joined clauses, cut at the commas nearest every `target` characters;
    each piece but the last ends with '。' instead of its '，'."""
    clauses = re.findall(r"[^，,；;]+[，,；;]?", sentence)
    pieces, current = [], ""
    for clause in clauses:
        if current and len(current) + len(clause) > target:
            pieces.append(current)
            current = ""
        current += clause
    if current:
        pieces.append(current)
    if len(pieces) > 1 and len(pieces[-1]) < target // 3:  # no orphan: a short tail stays with its clause
        pieces[-2:] = [pieces[-2] + pieces[-1]]
    out = []
    for i, p in enumerate(pieces):
        if i < len(pieces) - 1 and p[-1] in "，,；;":
            p = p[:-1] + "。"
        out.append(p)
    return out


def _split_paragraph(paragraph: str) -> list[str]:
    cjk = _is_cjk(paragraph)
    limit = CJK_PARAGRAPH if cjk else LATIN_PARAGRAPH
    if len(paragraph) <= limit or "\n" in paragraph:
        return [paragraph]
    target = limit * 2 // 3
    units: list[str] = []
    for s in _sentences(paragraph):
        if cjk and len(s) > limit:
            units.extend(_split_run_on(s, target))
        else:
            units.append(s)
    out, current = [], ""
    joiner = "" if cjk else " "
    for u in units:
        if current and len(current) + len(u) > target:
            out.append(current)
            current = ""
        current = f"{current}{joiner}{u}" if current else u
    if current:
        out.append(current)
    return out


def clean(text: str, channel: Channel) -> CleanupResult:
    """The offline clean-up of an announcement for a channel (see the module doc)."""
    changes: list[str] = []
    original = text
    s = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    if INVISIBLE.search(s):
        s = INVISIBLE.sub("", s)
        changes.append("removed invisible characters")
    s = s.replace("\t", " ")

    # whitespace within lines
    lines = []
    spaces_fixed = False
    for line in s.split("\n"):
        fixed = _SPACES.sub(" ", line).strip()
        if fixed != line:
            spaces_fixed = True
        lines.append(fixed)
    if spaces_fixed:
        changes.append("removed extra spaces")

    # repeated lines (the same non-empty line again, anywhere): keep the first
    seen: set[str] = set()
    kept, dropped = [], 0
    for line in lines:
        key = line.casefold()
        if line and key in seen and len(line) > 3:
            dropped += 1
            continue
        if line:
            seen.add(key)
        kept.append(line)
    if dropped:
        changes.append(f"removed {dropped} repeated line(s)")
    lines = kept

    # structure: inline enumerations become lists, list markers uniform
    structured: list[str] = []
    listed = bullets = 0
    for line in lines:
        split = _split_inline_enumeration(line)
        if split:
            structured.extend(split)
            listed += 1
            continue
        if line and line[0] in _CIRCLED:
            line = f"{_CIRCLED[line[0]]}. {line[1:].lstrip()}"
            bullets += 1
        m = _NUMBERED.match(line)
        if m and not re.match(r"^\s*\d{1,2}\.\d", line):
            number = m.group(1) or m.group(2)
            new = f"{number}. {line[m.end():]}"
            bullets += new != line
            line = new
        elif _BULLET.match(line):
            new = channel.bullet + _BULLET.sub("", line)
            bullets += new != line
            line = new
        structured.append(line)
    if listed:
        changes.append(f"turned {listed} inline enumeration(s) into a list")
    if bullets:
        changes.append(f"made {bullets} list marker(s) uniform")

    # paragraphs: blank-line separated blocks; long ones split
    blocks: list[list[str]] = [[]]
    for line in structured:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    paragraphs: list[str] = []
    split_count = 0
    for block in blocks:
        if not block:
            continue
        if len(block) == 1:
            pieces = _split_paragraph(block[0])
            split_count += len(pieces) - 1
            paragraphs.extend(pieces)
        else:
            paragraphs.append("\n".join(block))
    if split_count:
        changes.append(f"split long paragraphs into {split_count} more short one(s)")
    out = "\n\n".join(paragraphs)
    if re.search(r"\n{3,}", original.replace("\r", "")) and not split_count:
        changes.append("collapsed blank lines")

    adapted = adapt_markup(out, channel)
    if adapted != out:
        changes.append(f"adapted formatting marks to {channel.label}")
    out = adapted

    if channel.subject_max:
        subject, body = split_subject(out)
        if not subject:
            first = body.split("\n", 1)[0]
            first = re.sub(r"^(?:[@＠]\S+\s*)+", "", first).strip()
            if first and len(first) <= channel.subject_max and "\n" in body and first[-1] not in ",，:：;；":
                out = f"Subject: {first}\n\n{body.split(chr(10), 1)[1].lstrip()}"
                changes.append("used the first line as the e-mail subject")
    errors, warnings = length_problems(out, channel)
    if errors and not channel.subject_max:
        parts = -(-len(out) // channel.max_chars)
        errors.append(f"shorten it by hand or send it as {parts} messages")
    if not changes:
        changes.append("nothing to fix")
    return CleanupResult(out, changes, errors, warnings)
