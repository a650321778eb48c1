"""Re-import what `outreach export` wrote (assistant/store/export.py): {"format": "outreach-export", ...}.

The export spans channels, so `parse_many` gives one ImportBatch per channel (the pipeline takes it when an
importer has it); `parse` is the same, merged, for callers that want a single batch. Messages keep their
channel, conversation and source id, so importing the same export twice adds nothing. Each contact comes
with its identities, birthday and work details, in the batch of the channel that first brought it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from assistant.domain import (
    MESSAGE_KINDS,
    STRONG_IDENTITY_KINDS,
    ImportBatch,
    ParseError,
    RawContact,
    RawConversation,
    RawMessage,
)
from assistant.ingest.common import load_json

NAME = "outreach_export"
CHANNEL = "contacts"
DESCRIPTION = "an export written by `outreach export` (JSON, all channels)"

FORMAT = "outreach-export"


def sniff(path: Path, head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:200]
    return start.startswith(b"{") and b'"format":"outreach-export"' in start.replace(b" ", b"")


def _list(data: dict, key: str, path: Path) -> list:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise ParseError(path, f"expected a list, got {type(value).__name__}", field=key)
    return value


def _str(v, path: Path, where: str, *, required: bool = True) -> str:
    if v is None and not required:
        return ""
    if not isinstance(v, str):
        raise ParseError(path, f"expected text, got {type(v).__name__}", field=where)
    return v


def _int(v, path: Path, where: str) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise ParseError(path, f"expected a whole number, got {type(v).__name__}", field=where)
    return v


def parse_many(path: Path) -> list[ImportBatch]:
    path = Path(path)
    data = load_json(path)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ParseError(path, "not an outreach export (no \"format\": \"outreach-export\")", field="format")
    if data.get("version") != 1:
        raise ParseError(path, f"export version {data.get('version')!r} is not one this version reads (1)",
                         field="version")
    batches: dict[str, ImportBatch] = {}

    def batch(channel: str) -> ImportBatch:
        if channel not in batches:
            batches[channel] = ImportBatch(path=path, format=NAME, channel=channel)
        return batches[channel]

    # A contact goes in the batch of the channel its messages came from, so that a short name ("Anna") is
    # matched within that channel as on the first import, not turned into a second contact.
    home: dict[int, str] = {}
    for m in _list(data, "messages", path):
        if isinstance(m, dict) and isinstance(m.get("channel"), str):
            for k in ("contact_id", "sender_id"):
                if isinstance(m.get(k), int):
                    home.setdefault(m[k], m["channel"])
    contacts: dict[int, dict] = {}
    for i, c in enumerate(_list(data, "contacts", path)):
        where = f"contacts[{i}]"
        if not isinstance(c, dict):
            raise ParseError(path, "expected an object", field=where)
        cid = _int(c.get("id"), path, f"{where}.id")
        name = _str(c.get("name"), path, f"{where}.name")
        idents = []
        for j, ident in enumerate(c.get("identities") or []):
            if not isinstance(ident, dict):
                raise ParseError(path, "expected an object", field=f"{where}.identities[{j}]")
            idents.append((_str(ident.get("kind"), path, f"{where}.identities[{j}].kind"),
                           _str(ident.get("raw"), path, f"{where}.identities[{j}].raw"),
                           _str(ident.get("source"), path, f"{where}.identities[{j}].source", required=False)))
        sources = [s for s in (c.get("sources") or []) if isinstance(s, str) and s]
        channel = home.get(cid) or (sources or [s for *_, s in idents if s] or ["contacts"])[0]
        contacts[cid] = {"name": name, "identities": [(k, r) for k, r, _ in idents]}
        birthday = c.get("birthday") if isinstance(c.get("birthday"), str) else None
        batch(channel).contacts.append(RawContact(
            name=name, identities=[(k, r) for k, r, _ in idents], birthday=birthday,
            organization=_str(c.get("organization"), path, f"{where}.organization", required=False),
            title=_str(c.get("title"), path, f"{where}.title", required=False),
            notes=_str(c.get("notes"), path, f"{where}.notes", required=False)))

    groups: dict[int, dict] = {}
    for i, g in enumerate(_list(data, "groups", path)):
        if not isinstance(g, dict):
            raise ParseError(path, "expected an object", field=f"groups[{i}]")
        groups[_int(g.get("id"), path, f"groups[{i}].id")] = {
            "key": _str(g.get("key"), path, f"groups[{i}].key"), "name": _str(g.get("name"), path, f"groups[{i}].name")}

    def handles(cid):
        c = contacts.get(cid)
        return tuple((k, r) for k, r in c["identities"] if k in STRONG_IDENTITY_KINDS) if c else ()

    convs: dict[tuple[str, str], RawConversation] = {}
    for i, m in enumerate(_list(data, "messages", path)):
        where = f"messages[{i}]"
        if not isinstance(m, dict):
            raise ParseError(path, "expected an object", field=where)
        channel = _str(m.get("channel"), path, f"{where}.channel")
        conversation = _str(m.get("conversation"), path, f"{where}.conversation")
        ts = _int(m.get("ts"), path, f"{where}.ts")
        try:
            when = datetime.fromtimestamp(ts, UTC)
        except (OverflowError, OSError, ValueError):
            raise ParseError(path, f"timestamp {ts} is out of range", field=f"{where}.ts") from None
        direction = m.get("direction")
        if direction not in ("in", "out"):
            raise ParseError(path, f"direction must be 'in' or 'out', not {direction!r}", field=f"{where}.direction")
        kind = m.get("kind") if m.get("kind") in MESSAGE_KINDS else "text"
        group_id, contact_id, sender_id = m.get("group_id"), m.get("contact_id"), m.get("sender_id")
        key = (channel, conversation)
        conv = convs.get(key)
        if conv is None:
            if group_id is not None:
                g = groups.get(group_id)
                if g is None:
                    raise ParseError(path, f"group {group_id!r} is not in \"groups\"", field=f"{where}.group_id")
                conv = RawConversation(key=conversation, title=g["name"], is_group=True)
            else:
                peer = contacts.get(contact_id)
                if peer is None:
                    continue  # a message that belonged to nobody (its contact was forgotten)
                conv = RawConversation(key=conversation, title=peer["name"], is_group=False, peer=peer["name"],
                                       peer_handles=handles(contact_id))
            convs[key] = conv
            batch(channel).conversations.append(conv)
        sender = None
        if direction == "out":
            sender = "me"  # the owner: is_me says so, the name is not matched
        elif sender_id is not None and sender_id in contacts:
            sender = contacts[sender_id]["name"]
        elif not conv.is_group:
            sender = conv.peer
        conv.messages.append(RawMessage(
            source_id=_str(m.get("source_id"), path, f"{where}.source_id"), timestamp=when, sender=sender,
            text=_str(m.get("text"), path, f"{where}.text"), is_me=direction == "out", kind=kind,
            sender_handles=handles(sender_id) if direction == "in" and sender_id is not None else ()))

    for i, me in enumerate(_list(data, "me", path)):
        if isinstance(me, dict) and isinstance(me.get("raw"), str) and me.get("kind") == "name":
            for b in batches.values():
                if me.get("channel") in ("*", b.channel):
                    b.me.add(me["raw"])
    return list(batches.values()) or [ImportBatch(path=path, format=NAME, channel=CHANNEL)]


def parse(path: Path) -> ImportBatch:
    """The whole export as one batch (channel of the first); the pipeline uses `parse_many`."""
    batches = parse_many(path)
    first = batches[0]
    for b in batches[1:]:
        first.conversations.extend(b.conversations)
        first.contacts.extend(b.contacts)
        first.me |= b.me
    return first
