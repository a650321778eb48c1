"""The rows a review action writes, so that it can be undone: high-water marks taken before the action, and
the removal of what was written after them. Plain functions over a connection."""

from __future__ import annotations

import sqlite3


def marks(db: sqlite3.Connection) -> tuple[int, int]:
    """(last message id, last ranking action id) now: what an action adds after them is its own."""
    return (db.execute("SELECT coalesce(max(id), 0) FROM messages").fetchone()[0],
            db.execute("SELECT coalesce(max(id), 0) FROM ranking_actions").fetchone()[0])


def remove_since(db: sqlite3.Connection, contact_id: int, message_mark: int, ranking_mark: int,
                 new_draft_id: int | None = None) -> None:
    """Remove what an action wrote for a contact after the marks: the logged 'outreach' messages, the ranking
    actions and (for a regenerate) the new draft. The caller holds the transaction."""
    if new_draft_id is not None:
        db.execute("DELETE FROM drafts WHERE id = ?", (new_draft_id,))
    db.execute("DELETE FROM messages WHERE id > ? AND contact_id = ? AND channel = 'outreach'",
               (message_mark, contact_id))
    db.execute("DELETE FROM ranking_actions WHERE id > ? AND contact_id = ?", (ranking_mark, contact_id))
