"""Telegram Desktop "Machine-readable JSON" export (`result.json`).

Two root shapes (see reference/export-formats.md section 2):
* single chat ("Export chat history"): the root is the chat object {"name", "type", "id", "messages"};
* full account (Settings > Advanced > Export Telegram data): {"personal_information", "contacts": {"list"},
  "chats": {"list": [chat, ...]}, "left_chats": {"list": [...]}, ...}.

`date_unixtime` (epoch seconds as a string) gives aware UTC timestamps; older exports only have `date`, the
exporting PC's local time without offset, which stays naive. `text` is a string or a list mixing strings and
{"type", "text"} entities; the parts are concatenated without separators.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.domain import (
    ImportBatch,
    ParseError,
    RawContact,
    RawConversation,
    RawMessage,
)
from assistant.ingest.common import IdMaker, load_json, name_key

NAME = "telegram"
CHANNEL = "telegram"
DESCRIPTION = "Telegram Desktop JSON export (result.json: one chat, or the full account export)"

GROUP_TYPES = frozenset({"private_group", "private_supergroup", "public_supergroup"})
SKIPPED_TYPES = {
    "saved_messages": "saved messages",
    "replies": "the replies feed",
    "bot_chat": "a bot chat",
    "private_channel": "a channel",
    "public_channel": "a channel",
}
DELETED_ACCOUNT = "Deleted Account"
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)

# Cheap shape test on the first 64 KiB: keys only the Telegram writer produces, or its chat type values.
_SNIFF_MARKERS = re.compile(
    rb'"(?:date_unixtime|text_entities|personal_information|from_id|actor_id)"\s*:'
    rb'|"type"\s*:\s*"(?:personal_chat|bot_chat|saved_messages|replies|private_group|private_supergroup'
    rb'|public_supergroup|private_channel|public_channel)"'
)
_SNIFF_ROOT_KEYS = re.compile(rb'"(?:messages|chats|personal_information)"\s*:')
_SNIFF_FOREIGN = re.compile(rb'"(?:sender_name|timestamp_ms)"\s*:')  # Messenger / Instagram

_MEDIA_TYPES = {
    "sticker": "[sticker]",
    "voice_message": "[voice message]",
    "video_message": "[video message]",
    "animation": "[GIF]",
    "video_file": "[video]",
    "audio_file": "[audio]",
}


def sniff(path: Path, head: bytes) -> bool:
    body = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    if not body.lstrip()[:1] == b"{":
        return False
    if _SNIFF_FOREIGN.search(body):
        return False
    return bool(_SNIFF_ROOT_KEYS.search(body) and _SNIFF_MARKERS.search(body))


def _user_handle(value: Any) -> str | None:
    """'user123' (or a bare number from older exports) -> 'user123'; channel/chat ids are not people."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return None
    return _user_handle_cached(value)


@lru_cache(maxsize=4096)
def _user_handle_cached(value: int | str) -> str | None:
    if isinstance(value, int):
        return f"user{value}" if value > 0 else None
    s = str(value).strip()
    if s.isdigit():
        return f"user{s}" if int(s) > 0 else None
    return s if s.startswith("user") and s[4:].isdigit() else None


def _join_name(*parts: Any) -> str:
    return " ".join(str(p).strip() for p in parts if isinstance(p, str) and p.strip())


def _flatten_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        out = []
        for part in value:
            if isinstance(part, str):
                out.append(part)
            elif isinstance(part, dict):
                t = part.get("text")
                if isinstance(t, str):
                    out.append(t)
        return "".join(out)
    return str(value)


def _message_text(msg: dict) -> str:
    if "text" in msg:
        return _flatten_text(msg["text"])
    return _flatten_text(msg.get("text_entities"))


def _timestamp(msg: dict, path: Path, where: str) -> datetime:
    unix = msg.get("date_unixtime")
    if unix not in (None, ""):
        try:
            return _EPOCH + timedelta(seconds=int(unix))
        except (TypeError, ValueError, OverflowError):
            raise ParseError(path, f"bad date_unixtime {unix!r}", field=f"{where}.date_unixtime") from None
    date = msg.get("date")
    if date in (None, ""):
        raise ParseError(path, "message has neither date_unixtime nor date", field=f"{where}.date")
    try:
        ts = datetime.fromisoformat(str(date))
    except ValueError:
        raise ParseError(path, f"bad date {date!r}", field=f"{where}.date") from None
    return ts  # naive: local time of the exporting PC (aware only if an offset was written)


_MEDIA_KEYS = frozenset({"media_type", "photo", "file", "contact_information", "location_information", "poll"})


def _media_placeholder(msg: dict) -> str | None:
    if _MEDIA_KEYS.isdisjoint(msg):
        return None
    media_type = msg.get("media_type")
    if isinstance(media_type, str) and media_type:
        label = _MEDIA_TYPES.get(media_type, f"[{media_type.replace('_', ' ')}]")
        if media_type == "sticker" and msg.get("sticker_emoji"):
            label = f"[sticker {msg['sticker_emoji']}]"
        return label
    if "photo" in msg:
        return "[photo]"
    if "file" in msg:
        name = msg.get("file_name")
        return f"[file: {name}]" if isinstance(name, str) and name else "[file]"
    if isinstance(msg.get("contact_information"), dict):
        ci = msg["contact_information"]
        who = _join_name(ci.get("first_name"), ci.get("last_name")) or ci.get("phone_number") or ""
        return f"[contact: {who}]" if who else "[contact]"
    if "location_information" in msg:
        return "[location]"
    if isinstance(msg.get("poll"), dict):
        q = msg["poll"].get("question")
        return f"[poll: {q}]" if isinstance(q, str) and q else "[poll]"
    return None


def _service_text(msg: dict, actor: str | None) -> str:
    action = str(msg.get("action") or "")
    title = msg.get("title")
    members = msg.get("members")
    members_s = ", ".join(str(m) for m in members if m) if isinstance(members, list) else ""
    phrases = {
        "joined_telegram": "joined Telegram",
        "create_group": f'created the group "{title}"' if title else "created the group",
        "create_channel": f'created the channel "{title}"' if title else "created the channel",
        "migrate_to_supergroup": "upgraded the group to a supergroup",
        "migrate_from_group": "upgraded the group to a supergroup",
        "invite_members": f"added {members_s}" if members_s else "added members",
        "remove_members": f"removed {members_s}" if members_s else "removed members",
        "join_group_by_link": "joined the group via an invite link",
        "join_group_by_request": "joined the group",
        "edit_group_title": f'changed the group name to "{title}"' if title else "changed the group name",
        "edit_group_photo": "changed the group photo",
        "delete_group_photo": "removed the group photo",
        "pin_message": "pinned a message",
        "clear_history": "cleared the history",
        "group_call": "started a video chat",
        "invite_to_group_call": f"invited {members_s} to the video chat" if members_s else "invited members to the video chat",
        "screenshot_taken": "took a screenshot",
        "contact_signup": "joined Telegram",
    }
    phrase = phrases.get(action)
    if phrase is None:
        own = _message_text(msg).strip()
        phrase = own or action.replace("_", " ") or "service message"
    return f"{actor} {phrase}" if actor else phrase


def _call_text(msg: dict, actor: str | None) -> str:
    reason = msg.get("discard_reason")
    duration = msg.get("duration_seconds")
    what = "called"
    if isinstance(duration, int) and duration > 0:
        what += f" ({duration} s)"
    elif reason in ("missed", "busy"):
        what += f" ({reason})"
    return f"{actor} {what}" if actor else what.capitalize()


class _Me:
    def __init__(self, user_id: str | None, name: str | None):
        self.user_id = user_id
        self.name = name_key(name) if name else None

    @property
    def known(self) -> bool:
        return bool(self.user_id or self.name)

    def check(self, from_id: str | None, sender: str | None) -> bool | None:
        if not self.known:
            return None
        if from_id and self.user_id:
            return from_id == self.user_id
        if sender and self.name:
            return name_key(sender) == self.name
        return False


def _parse_chat(
    chat: dict, where: str, path: Path, batch: ImportBatch, me: _Me, ids: IdMaker, fallback_key: str
) -> RawConversation | None:
    ctype = chat.get("type")
    raw_name = chat.get("name")
    name = raw_name.strip() if isinstance(raw_name, str) and raw_name.strip() else None
    at = f"{path} ({where})" if where else str(path)
    prefix = f"{where}." if where else ""
    label = name or ("Saved Messages" if ctype == "saved_messages" else f"chat id {chat.get('id', '?')}")
    if ctype in SKIPPED_TYPES:
        batch.warnings.append(f"{at}: skipped {SKIPPED_TYPES[ctype]} {label!r} (type {ctype!r})")
        return None
    messages = chat.get("messages")
    if not isinstance(messages, list):
        raise ParseError(path, "chat has no \"messages\" list", field=f"{prefix}messages")

    chat_id = chat.get("id")
    key = str(chat_id) if chat_id not in (None, "") else (name or fallback_key)
    if ctype == "personal_chat" and name is None:
        name = DELETED_ACCOUNT
    title = name or fallback_key

    out: list[RawMessage] = []
    skipped_unsupported = 0
    for i, msg in enumerate(messages):
        mw = f"{prefix}messages[{i}]"
        if not isinstance(msg, dict):
            raise ParseError(path, "message is not a JSON object", field=mw)
        mtype = msg.get("type", "message")
        if mtype == "unsupported" or (mtype not in ("message", "service")):
            skipped_unsupported += 1
            continue
        ts = _timestamp(msg, path, mw)
        if mtype == "service":
            actor = msg.get("actor")
            actor = actor.strip() if isinstance(actor, str) and actor.strip() else None
            actor_id = _user_handle(msg.get("actor_id"))
            if msg.get("action") == "phone_call":
                sender = actor or (DELETED_ACCOUNT if actor_id else None)
                text = _call_text(msg, sender)
                kind = "call"
                is_me = me.check(actor_id, sender) if sender else None
                handles = (("telegram", actor_id),) if actor_id and sender else ()
            else:
                sender, text, kind, is_me, handles = None, _service_text(msg, actor), "system", None, ()
        else:
            raw_from = msg.get("from")
            from_id = _user_handle(msg.get("from_id"))
            if isinstance(raw_from, str) and raw_from.strip():
                sender = raw_from.strip()
            elif "from" in msg or from_id:
                sender = DELETED_ACCOUNT  # "from": null is a deleted account
            else:
                sender = None
            text = _message_text(msg)
            placeholder = _media_placeholder(msg)
            kind = "text"
            if placeholder:
                kind = "media"
                text = f"{placeholder} {text}" if text.strip() else placeholder
            is_me = me.check(from_id, sender if sender != DELETED_ACCOUNT else None) if sender else None
            handles = (("telegram", from_id),) if from_id else ()
        mid = msg.get("id")
        source_id = str(mid) if mid not in (None, "") else ids(key, ts.isoformat(), sender, text)
        out.append(RawMessage(source_id, ts, sender, text, is_me=is_me, kind=kind, sender_handles=handles))
    if skipped_unsupported:
        batch.warnings.append(f"{at}: skipped {skipped_unsupported} unsupported message(s) in {label!r}")

    authors = {m.sender for m in out if m.sender and m.kind != "call"}
    if ctype in GROUP_TYPES:
        is_group = True
    elif ctype == "personal_chat":
        is_group = False
    else:  # type missing (minimal exports) or unknown: decide by who wrote
        is_group = len(authors) > 2

    peer: str | None = None
    peer_handles: tuple[tuple[str, str], ...] = ()
    if not is_group:
        if ctype == "personal_chat":
            peer = name
        else:
            others = {m.sender for m in out if m.sender and m.is_me is False}
            peer = others.pop() if len(others) == 1 else None
        if peer:
            pk = name_key(peer)
            for m in out:
                if not m.sender_handles or m.is_me:
                    continue
                if m.is_me is False or name_key(m.sender or "") == pk:
                    peer_handles = m.sender_handles
                    break
    return RawConversation(key=key, title=title, is_group=is_group, messages=out, peer=peer, peer_handles=peer_handles)


def _chat_list(root: dict, field: str, path: Path) -> list:
    section = root.get(field)
    if section is None:
        return []
    items = section.get("list") if isinstance(section, dict) else section
    if not isinstance(items, list):
        raise ParseError(path, f'"{field}" has no "list" array', field=f"{field}.list")
    return items


def parse(path: Path) -> ImportBatch:
    path = Path(path)
    root = load_json(path)
    if not isinstance(root, dict):
        raise ParseError(path, "expected a JSON object at the top level (a Telegram chat or account export)", line=1)
    if "chats" not in root and "messages" not in root:
        raise ParseError(
            path,
            'no "messages" (single-chat export) or "chats" (full account export) field; not a Telegram JSON export',
            field="messages",
        )
    batch = ImportBatch(path=path, format=NAME, channel=CHANNEL)

    user_id: str | None = None
    my_name: str | None = None
    info = root.get("personal_information")
    if isinstance(info, dict):
        user_id = _user_handle(info.get("user_id"))
        my_name = _join_name(info.get("first_name"), info.get("last_name")) or None
        handles: list[tuple[str, str]] = []
        if user_id:
            handles.append(("telegram", user_id))
        username = info.get("username")
        if isinstance(username, str) and username.strip():
            u = username.strip()
            handles.append(("telegram", u if u.startswith("@") else "@" + u))
        phone = info.get("phone_number")
        if isinstance(phone, str) and phone.strip():
            handles.append(("phone", phone.strip()))
        batch.me_handles = tuple(handles)
        if my_name:
            batch.me.add(my_name)
    me = _Me(user_id, my_name)
    ids = IdMaker()

    if "chats" in root:
        chats = [(c, f"chats.list[{i}]") for i, c in enumerate(_chat_list(root, "chats", path))]
        chats += [(c, f"left_chats.list[{i}]") for i, c in enumerate(_chat_list(root, "left_chats", path))]
        for chat, where in chats:
            if not isinstance(chat, dict):
                raise ParseError(path, "chat is not a JSON object", field=where)
            conv = _parse_chat(chat, where, path, batch, me, ids, fallback_key=f"{path.stem}:{where}")
            if conv is not None:
                batch.conversations.append(conv)
    else:
        conv = _parse_chat(root, "", path, batch, me, ids, fallback_key=path.stem)
        if conv is not None:
            batch.conversations.append(conv)

    contacts = root.get("contacts")
    items = contacts.get("list") if isinstance(contacts, dict) else None
    for i, c in enumerate(items if isinstance(items, list) else []):
        if not isinstance(c, dict):
            batch.warnings.append(f"{path} (contacts.list[{i}]): not an object, skipped")
            continue
        name = _join_name(c.get("first_name"), c.get("last_name"))
        phone = c.get("phone_number")
        phone = phone.strip() if isinstance(phone, str) and phone.strip() else None
        tg = _user_handle(c.get("user_id"))
        if not name and not phone:
            batch.warnings.append(f"{path} (contacts.list[{i}]): contact without name or phone, skipped")
            continue
        idents: list[tuple[str, str]] = []
        if phone:
            idents.append(("phone", phone))
        if tg:
            idents.append(("telegram", tg))
        batch.contacts.append(RawContact(name=name or phone or "", identities=idents))
    return batch
