"""Touches and their outcomes, found in the store.

A **touch** is a message the user sent to re-open contact:
- an approved draft marked sent (its hook kind, language, register and whether the user edited it are known);
- an outbound 1:1 message, on any channel, after at least `MIN_SILENCE_DAYS` of silence either way.
An imported message sent within `SAME_TOUCH_DAYS` of a sent draft is that draft, sent for real: it gives the
touch its channel and is not counted twice.

Its **outcome**: the contact's first 1:1 answer on any channel within `REPLY_WINDOW_DAYS` (and before the next
touch), and how the thread went in the `THREAD_DAYS` after that answer: `reply` (they answered),
`conversation` (you answered back and they wrote again), `call` (a call, or one was mentioned), `meeting`
(meeting up was mentioned). A message before the touch never counts.

The whole set is recomputed when the messages or drafts change (a signature in `touches_state`), so a later
import that brings the replies updates the outcomes.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone, tzinfo

from assistant.store import touches as sql

DAY = 86_400
MIN_SILENCE_DAYS = 30
REPLY_WINDOW_DAYS = 30
THREAD_DAYS = 7
SAME_TOUCH_DAYS = 3
OUTREACH_CHANNEL = "outreach"  # where a sent draft is logged (assistant/services/review.py)

THREADS = ("none", "reply", "conversation", "call", "meeting")

_CALL = re.compile(
    r"\b(call(ed|ing)?|phone[d]?|ring you|facetime|video ?chat|anruf\w*|telefonier\w*|appel(er|é|le)?|"
    r"coup de fil)\b|打电话|通话|视频|语音|电话|اتصال|مكالمة|कॉल|फ़ोन|फोन", re.I)
_MEET = re.compile(
    r"\b(meet(ing)? up|let'?s meet|see you (on|at|next|soon|then)|catch up over|coffee|lunch|dinner|drinks?|"
    r"treffen|kaffee|abendessen|on se voit|se voir|café|déjeuner|dîner|verre)\b|见面|见个面|吃饭|喝咖啡|聚一聚|聚聚|"
    r"约个|نلتقي|لقاء|قهوة|عشاء|मिलते|मिलें|मुलाकात|कॉफी|डिनर", re.I)


def _weekday(ts: int, tz: tzinfo) -> int:
    return datetime.fromtimestamp(ts, timezone.utc).astimezone(tz).weekday()


def _language(text: str) -> str:
    from assistant.text.language import detect

    return detect(text or "").lang or ""


def detect_touches(store, tz: tzinfo = timezone.utc) -> list[dict]:
    """Every touch with its outcome, oldest first (nothing is written)."""
    db = store.db
    touches: list[dict] = []
    for d in sql.sent_drafts(db):
        at, cid = int(d["sent_at"]), d["contact_id"]
        real = [m for m in sql.one_to_one_between(db, cid, at - DAY, at + SAME_TOUCH_DAYS * DAY)
                if m["direction"] == "out" and m["channel"] != OUTREACH_CHANNEL]
        prev = sql.previous_message_ts(db, cid, at - DAY, skip_channel=OUTREACH_CHANNEL)
        original = (d["original_text"] or "").strip()
        touches.append({
            "contact_id": cid, "source": "draft", "draft_id": d["id"], "message_id": real[0]["id"] if real else None,
            "at": at, "channel": real[0]["channel"] if real else OUTREACH_CHANNEL,
            "hook_kind": str(d["hook"].get("category") or d["hook"].get("kind") or ""), "language": d["language"] or "",
            "register": d["register"] or "", "length": len(d["text"] or ""),
            "edited": int(bool(original) and (d["text"] or "").strip() != original),
            "weekday": _weekday(at, tz), "silence_days": None if prev is None else (at - prev) // DAY,
        })
    drafted = {t["contact_id"]: [] for t in touches}
    for t in touches:
        drafted[t["contact_id"]].append(t["at"])
    for m in sql.openers(db, MIN_SILENCE_DAYS * DAY):
        if m["channel"] == OUTREACH_CHANNEL:
            continue  # a sent draft's log line: the draft is the touch
        cid, at = m["contact_id"], int(m["ts"])
        if any(-DAY <= at - t <= SAME_TOUCH_DAYS * DAY for t in drafted.get(cid, ())):
            continue
        touches.append({
            "contact_id": cid, "source": "opener", "draft_id": None, "message_id": m["id"], "at": at,
            "channel": m["channel"], "hook_kind": "", "language": _language(m["text"]), "register": "",
            "length": len(m["text"] or ""), "edited": None, "weekday": _weekday(at, tz),
            "silence_days": (at - int(m["prev_ts"])) // DAY,
        })
    touches.sort(key=lambda t: (t["at"], t["contact_id"]))
    next_at: dict[int, int] = {}
    for t in reversed(touches):
        t["_until"] = next_at.get(t["contact_id"])
        next_at[t["contact_id"]] = t["at"]
    for t in touches:
        _outcome(db, t)
    return touches


def _outcome(db, t: dict) -> None:
    start = t["at"]
    end = start + REPLY_WINDOW_DAYS * DAY
    until = t.pop("_until")
    if until is not None:
        end = min(end, until)
    msgs = sql.one_to_one_between(db, t["contact_id"], start, end + THREAD_DAYS * DAY)
    reply = next((m for m in msgs if m["direction"] == "in" and m["ts"] <= end), None)
    t.update(replied_at=None, reply_channel=None, thread="none")
    if reply is None:
        return
    t["replied_at"], t["reply_channel"] = int(reply["ts"]), reply["channel"]
    after = [m for m in msgs if reply["ts"] <= m["ts"] <= reply["ts"] + THREAD_DAYS * DAY]
    texts = " ".join(m["text"] or "" for m in after)
    if _MEET.search(texts):
        t["thread"] = "meeting"
    elif any(m["kind"] == "call" for m in after) or _CALL.search(texts):
        t["thread"] = "call"
    elif any(m["direction"] == "out" for m in after) and sum(m["direction"] == "in" for m in after) >= 2:
        t["thread"] = "conversation"
    else:
        t["thread"] = "reply"


def refresh(store, tz: tzinfo = timezone.utc, *, force: bool = False) -> bool:
    """Recompute the stored touches when messages or drafts changed since the last time. True if it did."""
    sig = sql.signature(store.db)
    if not force and sql.stored_signature(store.db) == sig:
        return False
    found = detect_touches(store, tz)
    with store.transaction() as db:
        sql.replace_touches(db, found, sig)
    return True
