"""Personal follow-ups: for the few members who matter most, a short 1:1 version of the announcement that
mentions something real from their history, queued for review like any other draft.

Who: the group's members (or, without a group, everyone) with a 1:1 history, ranked by circle (inner, close,
wider; 'never' is left out), then by how much you have exchanged 1:1, then by how recently. People without a
1:1 history are not picked: there would be nothing real to mention.

How: each follow-up is a draft made by the drafting agent (`assistant.agent`) with the announcement as the
news it is about and an instruction to keep it short and personal, so it gets the same grounding, no-asks and
language checks, token budget and review queue as every draft.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

CIRCLE_RANK = {"inner": 0, "close": 1, "wider": 2}
INSTRUCTION = (
    "This is a short personal 1:1 version of a group announcement I am posting (the news below). Tell them "
    "about it in two or three sentences, in your own words, and mention one real thing from our history that "
    "makes it relevant to them. Do not paste the announcement; ask for nothing."
)


@dataclass
class FollowupCandidate:
    contact_id: int
    name: str
    circle: str
    one_to_one: int  # 1:1 messages, both directions
    last_ts: int | None
    reasons: list[str] = field(default_factory=list)


def select_followups(store, n: int, *, group_id: int | None = None) -> list[FollowupCandidate]:
    """The top `n` people for a personal follow-up (see the module doc for the order)."""
    if n <= 0:
        return []
    where = "c.circle != 'never'"
    args: tuple = ()
    if group_id is not None:
        where += " AND c.id IN (SELECT contact_id FROM group_members WHERE group_id = ?)"
        args = (group_id,)
    rows = store.db.execute(
        f"SELECT c.id, c.name, c.circle, count(m.id) AS n, max(m.ts) AS last FROM contacts c "
        f"JOIN messages m ON m.contact_id = c.id AND m.kind != 'system' WHERE {where} "
        f"GROUP BY c.id",
        args,
    ).fetchall()
    ranked = sorted(
        rows,
        key=lambda r: (CIRCLE_RANK.get(r["circle"], 2), -math.floor(math.log2(1 + r["n"])), -(r["last"] or 0), r["name"]),
    )
    out = []
    for r in ranked[:n]:
        reasons = [f"{r['circle']} circle", f"{r['n']} 1:1 messages"]
        out.append(FollowupCandidate(r["id"], r["name"], r["circle"], r["n"], r["last"], reasons))
    return out


@dataclass
class QueuedFollowup:
    candidate: FollowupCandidate
    draft_id: int | None
    status: str  # queued | held | failed | skipped (a draft already waiting) | not_available
    text: str = ""
    reason: str = ""


def headline(announcement: str, limit: int = 80) -> str:
    """The announcement's first line, without '@所有人'-style mentions and 【labels】, cut at a sentence end
    within `limit` characters: what an offline draft (which cannot summarise) says the news is."""
    first = next((" ".join(ln.split()) for ln in announcement.splitlines() if ln.strip()), "")
    first = re.sub(r"^(?:[@＠]\S+\s*|【[^】]{1,8}】\s*|📢\s*)+", "", first).strip()
    if len(first) <= limit:
        return first
    cut = max(first.rfind(p, 0, limit) for p in "。！？!?.；;")
    return first[: cut + 1] if cut > 10 else first[:limit].rstrip() + "…"


def queue_followups(store, candidates: list[FollowupCandidate], announcement: str, *, draft_fn,
                    offline: bool = False) -> list[QueuedFollowup]:
    """Queue one draft per candidate through `draft_fn(contact_id, about=..., instruction=...) -> Draft`
    (the drafting agent's entry point, bound to its model and settings by the caller). A model gets the whole
    announcement as the news; the offline drafter, which quotes its `about`, gets the headline."""
    from assistant.store.drafts import open_draft_for

    about = headline(announcement) if offline else announcement
    out = []
    for c in candidates:
        waiting = open_draft_for(store, c.contact_id)
        if waiting is not None:  # one open draft per contact: theirs is still waiting for review
            out.append(QueuedFollowup(c, None, "skipped",
                                      reason=f"a draft to them is already waiting for review (#{waiting.id})"))
            continue
        try:
            d = draft_fn(c.contact_id, about=about, instruction=INSTRUCTION)
        except Exception as e:  # one person's failure must not lose the others
            out.append(QueuedFollowup(c, None, "failed", reason=str(e)))
            continue
        out.append(QueuedFollowup(c, getattr(d, "id", None), getattr(d, "status", "queued"), getattr(d, "text", ""),
                                  getattr(d, "hold_reason", "")))
    return out
