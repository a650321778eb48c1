"""`outreach export`: everything in the store as one JSON document, and `outreach forget`: one contact gone.

The export is re-importable with `outreach import FILE` (assistant/ingest/outreach_export.py): contacts with
their identities, dates and settings, groups, every message (with its channel, conversation and source id,
so importing it twice adds nothing), the user's own names, ranking actions and drafts. The retrieval index
is not exported: it is derived (`outreach index` builds it again).
"""

from __future__ import annotations

import json
import time

from assistant.store.db import Store

FORMAT = "outreach-export"
VERSION = 1


def _rows(store: Store, sql: str, args=()) -> list[dict]:
    return [dict(r) for r in store.db.execute(sql, args)]


def export_data(store: Store) -> dict:
    from assistant import __version__

    contacts = []
    for c in _rows(store, "SELECT * FROM contacts ORDER BY id"):
        c["languages"], c["interests"] = json.loads(c["languages"]), json.loads(c["interests"])
        c["identities"] = _rows(store, "SELECT kind, raw, source FROM identities WHERE contact_id = ? ORDER BY id",
                                (c["id"],))
        c["important_dates"] = _rows(store, "SELECT label, date FROM important_dates WHERE contact_id = ?", (c["id"],))
        c["sources"] = [r[0] for r in store.db.execute(
            "SELECT channel FROM contact_sources WHERE contact_id = ? ORDER BY rowid", (c["id"],))]
        contacts.append(c)
    groups = _rows(store, "SELECT id, channel, key, name FROM groups ORDER BY id")
    for g in groups:
        g["members"] = [r[0] for r in store.db.execute(
            "SELECT contact_id FROM group_members WHERE group_id = ? ORDER BY contact_id", (g["id"],))]
    out = {
        "format": FORMAT,
        "version": VERSION,
        "exported_by": f"outreach {__version__}",
        "exported_at": int(time.time()),
        "me": _rows(store, "SELECT channel, kind, raw FROM me ORDER BY channel, kind, value"),
        "contacts": contacts,
        "groups": groups,
        "messages": _rows(store, "SELECT id, channel, conversation, contact_id, group_id, sender_id, direction, kind, "
                                 "ts, text, source_file, source_id FROM messages ORDER BY id"),
        "ranking_actions": _rows(store, "SELECT contact_id, action, at, until, note FROM ranking_actions ORDER BY id"),
        "drafts": _rows(store, "SELECT * FROM drafts ORDER BY id"),  # every store has the table (migrations)
    }
    return out


def write_export(store: Store, fp) -> dict[str, int]:
    data = export_data(store)
    json.dump(data, fp, ensure_ascii=False, indent=None, separators=(",", ":"))
    fp.write("\n")
    return {k: len(data[k]) for k in ("contacts", "groups", "messages", "drafts")}


def forget_contact(store: Store, contact_id: int) -> dict[str, int]:
    """Remove a contact and everything about them: their 1:1 messages, what they wrote in groups, identities,
    dates, drafts, ranking history, interests (cascades). The retrieval index follows on its next update
    (the changed conversations are re-chunked; their old chunks leave FTS and Chroma)."""
    c = store.get_contact(contact_id)
    if c is None:
        from assistant.store.db import StoreError

        raise StoreError(f"no contact with id {contact_id}")
    with store.transaction():
        n_group = store.db.execute("DELETE FROM messages WHERE sender_id = ? AND contact_id IS NULL",
                                   (contact_id,)).rowcount
        n_direct = store.db.execute("DELETE FROM messages WHERE contact_id = ?", (contact_id,)).rowcount
        store.db.execute("DELETE FROM contacts WHERE id = ?", (contact_id,))
    return {"messages": n_direct, "group_messages": n_group}
