"""Drafts as stored (migration 006_drafts): the model, and the SQL that reads and writes them.

A draft's life: `queued` (ready for review) or `held` (a guardrail stopped it; `hold_reason` says why) ->
`approved` / `sent` (final text kept, edit classified), `snoozed` (back in the queue after `snooze_until`),
`dismissed`, or `replaced` (regenerated; the new draft's `parent_id` points back).
"""

from __future__ import annotations

import json
import time

from assistant.domain import OPEN_STATUSES, OUTCOMES, STATUSES, Draft, DraftError  # noqa: F401  (re-exported)
from assistant.text.sanitize import sanitize

_TEXT_FIELDS = ("text", "original_text", "final_text", "rationale", "why_now", "hold_reason")

_JSON_FIELDS = ("hook", "cited_ids", "verdicts", "cut", "edit_labels")
_COLUMNS = (
    "contact_id", "status", "text", "language", "register", "hook", "cited_ids", "rationale", "why_now", "about",
    "instruction", "source", "outcome", "verdicts", "hold_reason", "prompt_id", "prompt_hash", "model", "encoding",
    "prompt_tokens", "completion_tokens", "context_tokens", "token_budget", "cut", "original_text", "final_text",
    "edit_labels", "similarity", "parent_id", "snooze_until", "created_at", "updated_at", "sent_at",
)


def _value(d: Draft, col: str):
    v = getattr(d, col)
    return json.dumps(v, ensure_ascii=False) if col in _JSON_FIELDS else v


def save(store, draft: Draft) -> Draft:
    """Insert a new draft (or update it when it has an id). Returns it with id and timestamps set."""
    for col in _TEXT_FIELDS:  # a draft never carries terminal control codes (from a model or the history)
        setattr(draft, col, sanitize(getattr(draft, col)))
    now = int(time.time())
    draft.updated_at = now
    if not draft.created_at:
        draft.created_at = now
    if not draft.original_text:
        draft.original_text = draft.text
    if draft.status not in STATUSES:
        raise DraftError(f"unknown draft status {draft.status!r}")
    with store.transaction():
        if draft.id is None:
            marks = ", ".join("?" * len(_COLUMNS))
            cur = store.db.execute(f"INSERT INTO drafts ({', '.join(_COLUMNS)}) VALUES ({marks})",
                                   [_value(draft, c) for c in _COLUMNS])
            draft.id = cur.lastrowid
        else:
            sets = ", ".join(f"{c} = ?" for c in _COLUMNS)
            store.db.execute(f"UPDATE drafts SET {sets} WHERE id = ?", [*(_value(draft, c) for c in _COLUMNS), draft.id])
    return draft


def replace(store, previous: Draft, new: Draft) -> Draft:
    """Save `new` as the successor of `previous` (a regeneration), which is marked replaced, in one transaction."""
    with store.transaction():
        if previous.id is not None and previous.status in OPEN_STATUSES:
            previous.status = "replaced"
            save(store, previous)
        new.id = None
        new.parent_id = previous.id
        return save(store, new)


def _from_row(row) -> Draft:
    kwargs = {c: row[c] for c in _COLUMNS}
    for c in _JSON_FIELDS:
        kwargs[c] = json.loads(kwargs[c]) if kwargs[c] else ({} if c in ("hook", "verdicts") else [])
    for c in _TEXT_FIELDS:
        kwargs[c] = sanitize(kwargs[c])
    d = Draft(**kwargs)
    d.id = row["id"]
    d.contact_name = row["contact_name"] or ""
    return d


_SELECT = "SELECT d.*, c.name AS contact_name FROM drafts d JOIN contacts c ON c.id = d.contact_id"


def get(store, draft_id: int) -> Draft:
    row = store.db.execute(f"{_SELECT} WHERE d.id = ?", (draft_id,)).fetchone()
    if row is None:
        raise DraftError(f"no draft with id {draft_id}")
    return _from_row(row)


def list_drafts(store, statuses: tuple[str, ...] | None = None, *, contact_id: int | None = None,
                limit: int | None = None, now: int | None = None) -> list[Draft]:
    """Drafts, newest first. `statuses=("queued",)` is the review queue: snoozed drafts whose time has come
    are part of it again (and are shown as queued)."""
    now = int(time.time()) if now is None else now
    where, args = [], []
    if statuses:
        want = set(statuses)
        clause = f"d.status IN ({', '.join('?' * len(want))})"
        args += sorted(want)
        if "queued" in want and "snoozed" not in want:
            clause = f"({clause} OR (d.status = 'snoozed' AND d.snooze_until <= ?))"
            args.append(now)
        where.append(clause)
    if contact_id is not None:
        where.append("d.contact_id = ?")
        args.append(contact_id)
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY d.created_at DESC, d.id DESC"
    if limit:
        sql += f" LIMIT {int(limit)}"
    out = []
    for row in store.db.execute(sql, args):
        d = _from_row(row)
        if d.status == "snoozed" and d.snooze_until is not None and d.snooze_until <= now:
            d.status = "queued"
        out.append(d)
    return out


def open_draft_for(store, contact_id: int) -> Draft | None:
    """The contact's newest draft still waiting for review (queued, held or snoozed)."""
    rows = list_drafts(store, OPEN_STATUSES, contact_id=contact_id, limit=1)
    return rows[0] if rows else None


def settled_texts(store, contact_id: int) -> list[tuple[str | None, str | None]]:
    """(final text, else the text; original text) of the contact's drafts that were approved, sent or dismissed."""
    return [(r[0], r[1]) for r in store.db.execute(
        "SELECT coalesce(final_text, text), original_text FROM drafts WHERE contact_id = ? "
        "AND status IN ('approved', 'sent', 'dismissed')", (contact_id,))]


__all__ = ["Draft", "DraftError", "OPEN_STATUSES", "OUTCOMES", "STATUSES", "get", "list_drafts", "open_draft_for", "save", "settled_texts"]
