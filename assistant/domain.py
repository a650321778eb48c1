"""Plain data models shared by every layer. No I/O here.

Importers turn an export file into an `ImportBatch` of `RawConversation`s and `RawContact`s; the ingest
pipeline resolves people and writes them to the store. Timestamps coming out of an importer are either
timezone-aware (absolute epochs, explicit offsets) or naive, which means "local time of the device that
made the export"; the pipeline converts naive ones with the configured time zone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

# Identity kinds. "Strong" kinds identify one person globally; "name" is the display name a channel shows.
STRONG_IDENTITY_KINDS = ("phone", "email", "linkedin", "telegram", "wechat", "whatsapp")
IDENTITY_KINDS = STRONG_IDENTITY_KINDS + ("name", "wechat_remark")

CIRCLES = ("inner", "close", "wider", "never")

# Message kinds an importer may emit.
MESSAGE_KINDS = ("text", "media", "system", "call", "deleted")


class ParseError(Exception):
    """A file could not be read as the format it claims to be.

    Always names the file, and the line (1-based) or the field where the problem is.
    """

    def __init__(self, path: Path | str, reason: str, *, line: int | None = None, field: str | None = None):
        self.path = str(path)
        self.reason = reason
        self.line = line
        self.field = field
        where = self.path
        if line is not None:
            where += f":{line}"
        if field is not None:
            where += f" (field {field!r})"
        super().__init__(f"{where}: {reason}")


@dataclass
class RawMessage:
    """One message as read from an export, before people are resolved."""

    source_id: str  # stable within its conversation: a message id, or a hash of its content + occurrence
    timestamp: datetime  # aware (absolute) or naive (exporting device's local time)
    sender: str | None  # display name / handle as the export shows it; None for system lines
    text: str
    is_me: bool | None = None  # None: the format does not say; resolved from the user's "me" names
    kind: str = "text"  # one of MESSAGE_KINDS
    sender_handles: tuple[tuple[str, str], ...] = ()  # extra identities of the sender, e.g. (("wechat", "wxid_x"),)
    line: int | None = None  # where it starts in the file, for error messages


@dataclass
class RawConversation:
    key: str  # stable id of the chat within its channel (chat id, wxid, file-derived name...)
    title: str
    is_group: bool
    messages: list[RawMessage] = field(default_factory=list)
    peer: str | None = None  # for 1:1 chats: the other person's display name when the format says it
    peer_handles: tuple[tuple[str, str], ...] = ()  # identities of that person


@dataclass
class RawContact:
    name: str
    identities: list[tuple[str, str]] = field(default_factory=list)  # (kind, raw value)
    birthday: str | None = None  # "YYYY-MM-DD", or "--MM-DD" when the year is unknown
    organization: str = ""
    title: str = ""
    notes: str = ""
    line: int | None = None


@dataclass
class ImportBatch:
    path: Path
    format: str  # importer name, e.g. "whatsapp"
    channel: str  # e.g. "whatsapp", "telegram", "wechat", "linkedin", "email", "contacts"
    conversations: list[RawConversation] = field(default_factory=list)
    contacts: list[RawContact] = field(default_factory=list)
    me: set[str] = field(default_factory=set)  # names/handles the format itself says are the owner
    me_handles: tuple[tuple[str, str], ...] = ()  # the owner's identities, where the format says them
    not_me: set[str] = field(default_factory=set)  # authors the format shows are not the owner (never "me")
    warnings: list[str] = field(default_factory=list)  # skipped parts, each naming file and line

    @property
    def message_count(self) -> int:
        return sum(len(c.messages) for c in self.conversations)

    def authors(self) -> set[str]:
        return {m.sender for c in self.conversations for m in c.messages if m.sender}

    def needs_me(self) -> bool:
        """True when some message's direction depends on knowing which author is the user."""
        return any(m.is_me is None and m.sender for c in self.conversations for m in c.messages)


# --- identity normalisation (pure functions, used by the store for matching) -------------------------

_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u200b]")


def phone_key(raw: str) -> str:
    """Compare phone numbers by their last 9 digits: '+49 170 1234567' == '0170 1234567'."""
    digits = "".join(ch for ch in unicodedata.normalize("NFKC", raw) if ch.isdigit())
    return digits[-9:]


def name_key(name: str) -> str:
    """Case-, width-, mark- and space-insensitive form of a display name."""
    s = unicodedata.normalize("NFKC", _MARKS.sub("", name)).casefold()
    return " ".join(s.split())


def identity_key(kind: str, raw: str) -> str:
    """The normalised value two identities of the same kind are compared by ('' if unusable)."""
    raw = _MARKS.sub("", raw).strip()
    if kind == "phone":
        key = phone_key(raw)
        return key if len(key) >= 6 else ""
    if kind == "email":
        return raw.lower().removeprefix("mailto:")
    if kind == "linkedin":
        s = raw.lower().split("?")[0].rstrip("/")
        i = s.find("linkedin.com/")
        return s[i:] if i >= 0 else s
    if kind == "telegram":
        return raw.lower().lstrip("@")
    if kind in ("name", "wechat_remark", "whatsapp", "alias"):
        return name_key(raw)
    return raw


def is_full_name(name: str) -> bool:
    """Names specific enough to merge people on: two words, or two or more CJK characters."""
    key = name_key(name)
    if len(key.split()) >= 2:
        return True
    cjk = sum(1 for ch in key if "\u3400" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af")
    return cjk >= 2


# Drafts (stored by assistant/store/drafts.py, migration 006_drafts). A draft's life: `queued` (ready for review)
# or `held` (a guardrail stopped it; `hold_reason` says why) -> `approved` / `sent`, `snoozed`, `dismissed`, or
# `replaced` (regenerated; the new draft's `parent_id` points back).
STATUSES = ("queued", "held", "approved", "sent", "snoozed", "dismissed", "replaced")
OPEN_STATUSES = ("queued", "held", "snoozed")
OUTCOMES = ("ready", "needs_fill", "not_usable")


class DraftError(RuntimeError):
    """A draft could not be made or changed; the message says why in plain words."""


@dataclass
class Draft:
    contact_id: int
    text: str
    language: str
    register: str = ""
    hook: dict = field(default_factory=dict)  # kind, topic, quote, ts, message_ids
    cited_ids: list[int] = field(default_factory=list)
    rationale: str = ""
    why_now: str = ""
    about: str = ""
    instruction: str = ""
    source: str = "offline"  # llm | offline
    outcome: str = "ready"  # ready | needs_fill | not_usable
    status: str = "queued"
    verdicts: dict = field(default_factory=dict)
    hold_reason: str = ""
    prompt_id: str = ""
    prompt_hash: str = ""
    model: str = ""
    encoding: str = ""
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    context_tokens: int | None = None
    token_budget: int | None = None
    cut: list[dict] = field(default_factory=list)
    original_text: str = ""
    final_text: str | None = None
    edit_labels: list[str] = field(default_factory=list)
    similarity: float | None = None
    parent_id: int | None = None
    snooze_until: int | None = None
    created_at: int = 0
    updated_at: int = 0
    sent_at: int | None = None
    id: int | None = None
    contact_name: str = ""  # filled when read from the store

    @property
    def label(self) -> str:
        """How the draft introduces itself in the queue."""
        return "offline draft (no model configured)" if self.source == "offline" else f"drafted by {self.model}"

    def to_json(self) -> dict:
        return asdict(self)


# A group this small is a circle of friends: the ranking counts it as real contact, and a draft to someone known
# only from it is written as to a friend.
SMALL_GROUP_MAX = 8
