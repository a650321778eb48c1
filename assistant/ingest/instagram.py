"""Meta "Download your information" JSON threads: Facebook Messenger and Instagram direct messages.

One file per thread (`messages/inbox/<name>_<id>/message_1.json`, long threads continue in message_2.json ...):
{"participants": [{"name"}], "messages": [{"sender_name", "timestamp_ms", "content", ...}], "title",
"thread_path", ...}. Messages are newest-first; every string is UTF-8 bytes written as \\u00XX code points
(mojibake), fixed per string. `timestamp_ms` is a UTC epoch. The format has no "me" marker and no message ids.
The channel is "instagram" or "messenger", decided from the file's path (see `channel_for`).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from assistant.domain import ImportBatch, ParseError, RawConversation, RawMessage
from assistant.ingest.common import IdMaker, load_json

NAME = "instagram"
CHANNEL = "instagram"  # per file: "instagram" or "messenger", see channel_for()
DESCRIPTION = "Facebook Messenger / Instagram JSON from 'Download your information' (message_1.json)"

_SNIFF_SENDER = re.compile(rb'"sender_name"\s*:')
_SNIFF_TIME = re.compile(rb'"timestamp_ms"\s*:')
_SNIFF_ROOT = re.compile(rb'"(?:messages|participants)"\s*:')
_MESSAGE_FILE = re.compile(r"^message_\d+$")

# (key, placeholder for one, placeholder for n)
_MEDIA_LISTS = (
    ("photos", "[photo]", "[{n} photos]"),
    ("videos", "[video]", "[{n} videos]"),
    ("gifs", "[GIF]", "[{n} GIFs]"),
    ("audio_files", "[audio]", "[{n} audio files]"),
    ("files", "[file]", "[{n} files]"),
)
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def sniff(path: Path, head: bytes) -> bool:
    body = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    if body.lstrip()[:1] != b"{":
        return False
    return bool(_SNIFF_ROOT.search(body) and _SNIFF_SENDER.search(body) and _SNIFF_TIME.search(body))


def channel_for(path: Path) -> str:
    """'instagram' or 'messenger': the folder nearest to the file that names either service decides.

    Instagram downloads unpack to `instagram-<user>-<date>/your_instagram_activity/messages/...`, Facebook ones to
    `facebook-<user>-<date>/your_facebook_activity/messages/...`; a path naming neither is taken as Messenger.
    """
    for part in reversed(Path(path).resolve().parts):
        low = part.lower()
        if "instagram" in low:
            return "instagram"
        if "facebook" in low or "messenger" in low:
            return "messenger"
    return "messenger"


def fix_mojibake(s: str) -> str:
    """Meta writes UTF-8 bytes as \\u00XX code points; undo that, keeping strings that are already clean."""
    try:
        return s.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return s


def _str(value: Any) -> str:
    return fix_mojibake(value) if isinstance(value, str) else ""


def _timestamp(value: Any, path: Path, field: str) -> datetime:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ParseError(path, f"missing or bad timestamp_ms {value!r}", field=field)
    try:
        ms = int(value)
        return _EPOCH + timedelta(milliseconds=ms)
    except (ValueError, OverflowError):
        raise ParseError(path, f"bad timestamp_ms {value!r}", field=field) from None


def _media_text(msg: dict, content: str) -> str | None:
    parts: list[str] = []
    for key, one, many in _MEDIA_LISTS:
        items = msg.get(key)
        if isinstance(items, list) and items:
            parts.append(one if len(items) == 1 else many.format(n=len(items)))
    if isinstance(msg.get("sticker"), dict):
        parts.append("[sticker]")
    share = msg.get("share")
    if isinstance(share, dict):
        link = _str(share.get("link"))
        share_text = _str(share.get("share_text")).strip()
        if link and link not in content:
            parts.append(f"[link: {link}]")
        elif not link:
            parts.append("[shared]")
        if share_text and share_text not in content:
            parts.append(share_text)
    if not parts:
        return None
    if content:
        parts.append(content)
    return " ".join(parts)


def _conversation_key(root: dict, path: Path) -> str:
    thread_path = _str(root.get("thread_path")).strip()
    if thread_path:
        return thread_path
    if _MESSAGE_FILE.match(path.stem) and path.parent.name:
        return path.parent.name
    return path.stem


def parse(path: Path) -> ImportBatch:
    path = Path(path)
    root = load_json(path)
    if not isinstance(root, dict):
        raise ParseError(path, "expected a JSON object at the top level (a Messenger/Instagram thread)", line=1)
    messages = root.get("messages")
    if not isinstance(messages, list):
        raise ParseError(path, 'no "messages" list; not a Messenger/Instagram thread file', field="messages")
    channel = channel_for(path)
    unknown_sender = "Instagram User" if channel == "instagram" else "Facebook user"

    participants: list[str] = []
    raw_participants = root.get("participants")
    if isinstance(raw_participants, list):
        for p in raw_participants:
            name = _str(p.get("name") if isinstance(p, dict) else p).strip()
            if name:
                participants.append(name)

    key = _conversation_key(root, path)
    # Newest-first in the file: reverse, then a stable sort puts any stragglers in place.
    rows: list[tuple[datetime, int, dict]] = []
    for i, msg in enumerate(messages):
        field = f"messages[{i}]"
        if not isinstance(msg, dict):
            raise ParseError(path, "message is not a JSON object", field=field)
        rows.append((_timestamp(msg.get("timestamp_ms"), path, f"{field}.timestamp_ms"), i, msg))
    rows.reverse()
    rows.sort(key=lambda r: r[0])

    ids = IdMaker()
    out: list[RawMessage] = []
    for ts, _, msg in rows:
        sender: str | None = _str(msg.get("sender_name")).strip() or unknown_sender
        content = _str(msg.get("content"))
        mtype = msg.get("type")
        kind = "text"
        text = content
        if msg.get("is_unsent"):
            kind = "deleted"
            text = content or "(message unsent)"
        elif mtype in ("Subscribe", "Unsubscribe"):
            kind = "system"
            text = content or f"{sender} {'joined' if mtype == 'Subscribe' else 'left'}"
            sender = None
        elif mtype == "Call" or "call_duration" in msg:
            kind = "call"
            duration = msg.get("call_duration")
            text = content or "call"
            if isinstance(duration, int) and not isinstance(duration, bool) and duration > 0:
                text = f"{text} ({duration} s)"
        else:
            media = _media_text(msg, content)
            if media is not None:
                kind = "media"
                text = media
        source_id = ids(key, ts.isoformat(), sender, text)
        out.append(RawMessage(source_id, ts, sender, text, is_me=None, kind=kind))

    title = _str(root.get("title")).strip()
    if participants:
        is_group = len(participants) > 2
    else:
        is_group = len({m.sender for m in out if m.sender}) > 2
    if str(root.get("thread_type") or "") == "RegularGroup":
        is_group = True
    peer = title if (title and not is_group) else None
    return ImportBatch(
        path=path,
        format=NAME,
        channel=channel,
        conversations=[
            RawConversation(key=key, title=title or key, is_group=is_group, messages=out, peer=peer)
        ],
    )
