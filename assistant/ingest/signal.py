"""Signal chats exported as markdown by signal-export (`chat.md`) and look-alikes.

One message = a header line `[YYYY-MM-DD, HH:MM] Sender: body` plus continuation lines. Variants accepted
(reference/export-formats.md section 6.2): with or without the comma after the date, optional seconds,
`Sender : body` (2019), two trailing spaces (markdown line break), blank lines between messages, reaction
lines `(- Alice: 👍 -)`, attachments `![name](./media/...)` and `(This message was deleted)`.
The owner's messages carry the literal sender `Me`. Times are the exporting device's local time (naive).
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from assistant.domain import ImportBatch, ParseError, RawConversation, RawMessage
from assistant.ingest.common import IdMaker, read_text, strip_marks

NAME = "signal"
CHANNEL = "signal"
DESCRIPTION = "Signal chat exported by signal-export (chat.md, '[YYYY-MM-DD HH:MM] Name: text')"

ME = "Me"

_HEADER = re.compile(
    r"^\[(\d{4})-(\d{2})-(\d{2}),? (\d{2}):(\d{2})(?::(\d{2}))?\] (?P<author>[^:\n]*?) ?:(?: ?(?P<body>.*))?$"
)
_SNIFF = re.compile(rb"^\[\d{4}-\d{2}-\d{2},? \d{2}:\d{2}(?::\d{2})?\] [^:\r\n]+:")
_REACTION = re.compile(r"^\(- .+ -\)$")  # "(- Alice: 👍, Bob: ❤️ -)"
_STICKER = re.compile(r"^\(\( .* \)\)$")  # "(( 👍 ))"
_ATTACHMENT = re.compile(r"!?\[[^\]\n]*\]\(\./media/[^)\n]*\)")  # "![IMG.jpg](./media/...)"
_CALL = re.compile(r"^(?:Incoming|Outgoing|Missed) (?:voice |video )?call\b")
_DELETED = "(This message was deleted)"
_MARK_STARTS = ("\ufeff", "\u200e", "\u200f", "\u202a", "\u2066", " ")
NO_SENDER = "No-Sender"  # signal-export's stand-in when it cannot resolve the author


def sniff(path: Path, head: bytes) -> bool:
    body = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    for raw in body.splitlines():
        line = raw.strip()
        if line:
            return bool(_SNIFF.match(line))
    return False


def _conversation_key(path: Path) -> str:
    if path.stem.lower() == "chat" and path.parent.name:
        return path.parent.name
    return path.stem


def _finish(lines: list[str]) -> tuple[str, str]:
    """Body lines -> (text, kind). Drops reaction lines and a leading reply quote ("> ..." block)."""
    if len(lines) == 1:  # the common case: a one-line message
        text = lines[0].rstrip()
        if text and text[0] in "(![" or "](./media/" in text or text.startswith(("Incoming", "Outgoing", "Missed")):
            return _finish_slow([text])
        return text, "text"
    return _finish_slow(lines)


def _finish_slow(lines: list[str]) -> tuple[str, str]:
    if not lines[0].strip() and len(lines) > 2:
        i = 1
        while i < len(lines) and not lines[i].strip():
            i += 1
        if i < len(lines) and lines[i].startswith(">"):
            while i < len(lines) and lines[i].startswith(">"):
                i += 1
            lines = lines[i:]
    kept = [ln.rstrip() for ln in lines if not _REACTION.match(ln.strip())]
    while kept and not kept[0]:
        kept.pop(0)
    while kept and not kept[-1]:
        kept.pop()
    text = "\n".join(kept)
    if text == _DELETED:
        return text, "deleted"
    if _CALL.match(text) and "\n" not in text:
        return text, "call"
    if _ATTACHMENT.search(text) or any(_STICKER.match(ln) for ln in kept):
        return text, "media"
    return text, "text"


def parse(path: Path) -> ImportBatch:
    path = Path(path)
    text = read_text(path)
    key = _conversation_key(path)
    ids = IdMaker()

    # (line number, timestamp, author, body lines)
    pending: list[tuple[int, datetime, str, list[str]]] = []
    started = False
    for lineno, line in enumerate(text.split("\n"), start=1):
        m = _HEADER.match(line) if line.startswith("[") else None
        if m is None and line.startswith(_MARK_STARTS):
            m = _HEADER.match(strip_marks(line))
        if m:
            y, mo, d, hh, mi, ss = m.group(1, 2, 3, 4, 5, 6)
            try:
                ts = datetime(int(y), int(mo), int(d), int(hh), int(mi), int(ss or 0))
            except ValueError as e:
                raise ParseError(path, f"impossible date or time in message header ({e})", line=lineno) from None
            author = m.group("author").strip()
            if not author:
                raise ParseError(path, "message header without a sender name", line=lineno)
            pending.append((lineno, ts, author, [m.group("body") or ""]))
            started = True
        elif started:
            pending[-1][3].append(line)
        elif line.strip():
            raise ParseError(
                path, "expected a message header like '[2019-12-24, 12:23] Name: text'", line=lineno
            )
    if not pending:
        raise ParseError(path, "no messages found", line=1)

    has_me = any(author == ME for _, _, author, _ in pending)
    messages: list[RawMessage] = []
    empty_unknown = 0
    for lineno, ts, author, body in pending:
        body_text, kind = _finish(body)
        sender: str | None = author
        is_me = (author == ME) if has_me else None
        if author == NO_SENDER:
            if not body_text:
                empty_unknown += 1
                continue
            sender, is_me = None, None
            if kind == "text":
                kind = "system"
        source_id = ids(key, ts.isoformat(), author, body_text)
        messages.append(RawMessage(source_id, ts, sender, body_text, is_me=is_me, kind=kind, line=lineno))

    others = sorted({m.sender for m in messages if m.sender and m.sender != ME})
    if has_me:
        is_group = len(others) > 1
    else:  # no "Me" marker: the owner is one of the named authors
        is_group = len(others) > 2
    peer = others[0] if has_me and len(others) == 1 else None
    if has_me and not others:  # only own messages: signal-export names the folder after the contact
        peer = key
    conv = RawConversation(key=key, title=key, is_group=is_group, messages=messages, peer=peer)
    batch = ImportBatch(path=path, format=NAME, channel=CHANNEL, conversations=[conv])
    if empty_unknown:
        batch.warnings.append(f"{path}: skipped {empty_unknown} empty message(s) from {NO_SENDER!r} (group updates)")
    return batch
