"""Style notes (migration: style_notes) and the reads they are learnt from: the user's own messages, the final
texts of approved drafts and the labels of the edits made to drafts. Plain functions over a connection; the
learning itself is assistant.drafting.learning. Values are stored as JSON text; these functions pass it as is."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable


def user_messages(db: sqlite3.Connection, contact_id: int | None, limit: int) -> list[tuple[int, str, int | None]]:
    """(ts, text, ts of the previous message in the same conversation or None) of the user's 1:1 text messages
    (to one contact, or to anyone), newest first; logged copies of approved drafts (channel 'outreach') left out."""
    sql = ("SELECT ts, text, (SELECT max(p.ts) FROM messages p WHERE p.contact_id = m.contact_id "
           "AND p.channel = m.channel AND p.conversation = m.conversation AND p.ts < m.ts) AS prev "
           "FROM messages m WHERE direction = 'out' AND kind = 'text' AND channel != 'outreach' AND contact_id IS NOT NULL")
    args: list = []
    if contact_id is not None:
        sql += " AND contact_id = ?"
        args.append(contact_id)
    sql += " ORDER BY ts DESC LIMIT ?"
    args.append(limit)
    return [(r[0], r[1], r[2]) for r in db.execute(sql, args)]


def final_texts(db: sqlite3.Connection, lang: str, contact_id: int | None, limit: int = 50) -> list[str]:
    """The final texts of approved or sent drafts in `lang` (to one contact, or to anyone), latest first."""
    sql = "SELECT final_text FROM drafts WHERE final_text IS NOT NULL AND language = ? AND status IN ('approved', 'sent')"
    args: list = [lang]
    if contact_id is not None:
        sql += " AND contact_id = ?"
        args.append(contact_id)
    args.append(limit)
    return [r[0] for r in db.execute(sql + " ORDER BY updated_at DESC LIMIT ?", args)]


def edit_labels(db: sqlite3.Connection, lang: str, contact_id: int | None) -> list[str | None]:
    """The edit labels (JSON lists, or None) of the drafts in `lang` that got a final text."""
    sql = "SELECT edit_labels FROM drafts WHERE final_text IS NOT NULL AND language = ?"
    args: list = [lang]
    if contact_id is not None:
        sql += " AND contact_id = ?"
        args.append(contact_id)
    return [r[0] for r in db.execute(sql, args)]


def sources_signature(db: sqlite3.Connection, contact_id: int | None) -> str:
    """Changes whenever what the notes of one scope come from changes (the user's messages, approved drafts)."""
    where, args = ("AND contact_id = ?", (contact_id,)) if contact_id else ("", ())
    m = db.execute(f"SELECT count(*), max(id) FROM messages WHERE direction = 'out' AND kind = 'text' {where}", args).fetchone()
    d = db.execute(f"SELECT count(*), max(updated_at), max(id) FROM drafts WHERE final_text IS NOT NULL {where}", args).fetchone()
    return f"{m[0]}:{m[1]}:{d[0]}:{d[1]}:{d[2]}"


def derived_value(db: sqlite3.Connection, contact_id: int | None, lang: str, key: str) -> str | None:
    """The stored (JSON) value of one derived note, or None."""
    row = db.execute("SELECT value FROM style_notes WHERE ifnull(contact_id, 0) = ? AND lang = ? "
                     "AND key = ? AND source = 'derived'", (contact_id or 0, lang, key)).fetchone()
    return row[0] if row else None


def replace_derived(db: sqlite3.Connection, contact_id: int | None, lang: str, notes: Iterable[tuple[str, str]],
                    evidence: int, now: int) -> None:
    """Replace the derived notes of one scope and language by `notes` ((key, JSON value) pairs). The caller holds
    the transaction."""
    db.execute("DELETE FROM style_notes WHERE ifnull(contact_id, 0) = ? AND lang = ? AND source = 'derived'",
               (contact_id or 0, lang))
    for key, value in notes:
        db.execute(
            "INSERT INTO style_notes (contact_id, lang, key, value, source, evidence, updated_at) "
            "VALUES (?, ?, ?, ?, 'derived', ?, ?)",
            (contact_id, lang, key, value, evidence, now),
        )


def set_user_note(db: sqlite3.Connection, contact_id: int | None, lang: str, key: str, value: str | None,
                  now: int) -> None:
    """Set (a JSON value) or remove (None) one note the user set. The caller holds the transaction."""
    db.execute("DELETE FROM style_notes WHERE ifnull(contact_id, 0) = ? AND lang = ? AND key = ? AND source = 'user'",
               (contact_id or 0, lang, key))
    if value is not None:
        db.execute(
            "INSERT INTO style_notes (contact_id, lang, key, value, source, evidence, updated_at) "
            "VALUES (?, ?, ?, ?, 'user', 0, ?)",
            (contact_id, lang, key, value, now),
        )


def notes_rows(db: sqlite3.Connection, contact_id: int | None, lang: str) -> list[tuple[str, str, str]]:
    """(key, JSON value, source) of one scope's notes in `lang` and in '*', in the order where later rows win:
    derived before user, '*' before the language."""
    return [(r[0], r[1], r[2]) for r in db.execute(
        "SELECT key, value, source, lang FROM style_notes WHERE ifnull(contact_id, 0) = ? AND lang IN (?, '*') "
        "ORDER BY (source = 'user'), (lang != '*')", (contact_id or 0, lang))]


def user_register(db: sqlite3.Connection, contact_id: int) -> str | None:
    """The (JSON) form of address the user set for a contact, or None."""
    row = db.execute("SELECT value FROM style_notes WHERE contact_id = ? AND key = 'register' "
                     "AND source = 'user'", (contact_id,)).fetchone()
    return row[0] if row else None
