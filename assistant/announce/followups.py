"""Personal follow-ups: for the few members who matter most, a short 1:1 version of the announcement that
mentions something real from their history, queued for review like any other draft.

Who: the group's members (or, without a group, everyone) with a 1:1 history, ranked by circle (inner, close,
wider; 'never' is left out), then by how much you have exchanged 1:1, then by how recently. People without a
1:1 history are not picked: there would be nothing real to mention.

The user may pick the people instead (`picked`); the ones without a 1:1 history are then skipped too, with
the reason. `skipped_followups` says who in the group was left out and why, for the summary.

How: each follow-up is a draft made by the drafting agent (`assistant.drafting`), in the language the user and
that person write in, with the news it is about and an instruction to keep it short and personal, so it gets
the same grounding, no-asks and language checks, token budget and review queue as every draft. The news carries
the event's key facts - what (the headline), when, and the sign-up link - from the offline restructuring, with
labels in that person's language (`key_facts`); each queued draft is checked for them afterwards and the
summary says which one it leaves out.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

CIRCLE_RANK = {"inner": 0, "close": 1, "wider": 2}
INSTRUCTION = (
    "This is a short personal 1:1 version of a group announcement I am posting (the news below). Tell them "
    "about it in two or three sentences, in your own words, and mention one real thing from our history that "
    "makes it relevant to them. Keep what it is, the date and time, and the link exactly as the news gives "
    "them. Do not paste the whole announcement; ask for nothing."
)
KEY_SLOTS = ("when", "signup")


@dataclass
class FollowupCandidate:
    contact_id: int
    name: str
    circle: str
    one_to_one: int  # 1:1 messages, both directions
    last_ts: int | None
    reasons: list[str] = field(default_factory=list)


def select_followups(store, n: int, *, group_id: int | None = None,
                     picked: list[int] | None = None) -> list[FollowupCandidate]:
    """The top `n` people for a personal follow-up (see the module doc for the order); with `picked`, those
    people (who have a 1:1 history), whatever their circle."""
    if n <= 0 and not picked:
        return []
    from assistant.store.announce import one_to_one_histories

    if picked:
        n = max(n, len(picked))
    rows = one_to_one_histories(store.db, picked=picked, group_id=group_id)
    ranked = sorted(
        rows,
        key=lambda r: (CIRCLE_RANK.get(r["circle"], 2), -math.floor(math.log2(1 + r["n"])), -(r["last"] or 0), r["name"]),
    )
    out = []
    for r in ranked[:n]:
        reasons = [f"{r['circle']} circle", f"{r['n']} 1:1 messages"]
        out.append(FollowupCandidate(r["id"], r["name"], r["circle"], r["n"], r["last"], reasons))
    return out


def skipped_followups(store, chosen: list[FollowupCandidate], *, group_id: int | None = None,
                      picked: list[int] | None = None, limit: int = 8) -> list[tuple[str, str]]:
    """(name, why) for the people a follow-up did not go to: the ones picked or in the inner/close circle (in
    the group, when there is one) that were not chosen, and a count of the rest of the group."""
    from assistant.store.announce import followup_pool

    taken = {c.contact_id for c in chosen}
    rows = followup_pool(store.db, picked=picked, group_id=group_id)
    out: list[tuple[str, str]] = []
    no_history = 0
    for r in rows:
        if r["id"] in taken:
            continue
        if r["circle"] == "never":
            out.append((r["name"], "circle 'never'"))
        elif not r["n"]:
            if picked or r["circle"] in ("inner", "close"):
                out.append((r["name"], "no 1:1 history to mention"))
            else:
                no_history += 1
        else:
            out.append((r["name"], f"{r['circle']} circle, ranked below the ones chosen"))
    shown = out[:limit]
    if len(out) > limit:
        shown.append((f"{len(out) - limit} more", "see above"))
    if no_history:
        shown.append((f"{no_history} other member(s)", "no 1:1 history to mention"))
    return shown


def key_facts(structure, lang: str, limit: int = 160) -> str:
    """What the offline drafter quotes as the news: the headline, when, and the link, labelled in `lang`,
    within `limit` characters (the drafter clips its quote there)."""
    from assistant.announce.facts import URL
    from assistant.announce.structure import LABELS

    labels = LABELS.get(lang, LABELS["en"])
    slots = dict(structure.facts)
    parts = []
    link = next(iter(URL.findall(slots.get("signup", "") or " ".join(v for _, v in structure.facts))), "")
    when = " ".join(slots.get("when", "").split())
    fixed = (len(link) + 4 + len(labels["signup"]) if link else 0) + (len(when) + 4 + len(labels["when"]) if when else 0)
    room = max(20, limit - fixed - 3)
    head = " ".join((structure.headline or "").split())
    if len(head) > room:
        head = head[: room - 1].rstrip() + "…"
    if head:
        parts.append(head)
    if when:
        parts.append(f"{labels['when']}: {when}")
    if link:
        parts.append(f"{labels['signup']}: {link}")
    return " · ".join(parts)


def missing_key_facts(text: str, structure) -> list[str]:
    """Which of the event's date, time and link a follow-up leaves out (checked with the fact checker)."""
    from assistant.announce.facts import URL, extract_facts

    slots = dict(structure.facts)
    want = [f for f in extract_facts(slots.get("when", "")) if f.kind in ("date", "time")]
    want += [f for f in extract_facts(" ".join(URL.findall(slots.get("signup", "")))[:1000]) if f.kind == "url"][:1]
    have = {(f.kind, f.key) for f in extract_facts(text)}
    have_dates = {(f.key[1], f.key[2]) for f in extract_facts(text) if f.kind == "date"}
    out = []
    for f in want:
        ok = (f.kind, f.key) in have or (f.kind == "date" and (f.key[1], f.key[2]) in have_dates)
        if not ok:
            out.append(f.text)
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
                    offline: bool = False, structure=None, lang_of=None) -> list[QueuedFollowup]:
    """Queue one draft per candidate through `draft_fn(contact_id, about=..., instruction=...) -> Draft`
    (the drafting agent's entry point, bound to its model and settings by the caller). A model gets the whole
    announcement as the news; the offline drafter, which quotes its `about`, gets the key facts (`key_facts`,
    labelled in `lang_of(contact_id)`, the language the user writes to them in) or, without a structure, the
    headline. Someone with a draft still waiting for review is skipped, with the reason (one open draft each)."""
    from assistant.store.drafts import open_draft_for

    out = []
    for c in candidates:
        waiting = open_draft_for(store, c.contact_id)
        if waiting is not None:  # one open draft per contact: theirs is still waiting for review
            out.append(QueuedFollowup(c, None, "skipped",
                                      reason=f"a draft to them is already waiting for review (#{waiting.id})"))
            continue
        lang = lang_of(c.contact_id) if lang_of else "en"
        if not offline:
            about = announcement
        elif structure is not None and structure.facts:
            about = key_facts(structure, lang)
        else:
            about = headline(announcement)
        try:
            d = draft_fn(c.contact_id, about=about, instruction=INSTRUCTION)
        except Exception as e:  # one person's failure must not lose the others
            out.append(QueuedFollowup(c, None, "failed", reason=str(e)))
            continue
        q = QueuedFollowup(c, getattr(d, "id", None), getattr(d, "status", "queued"), getattr(d, "text", ""),
                           getattr(d, "hold_reason", ""))
        if structure is not None and q.text:
            left_out = missing_key_facts(q.text, structure)
            if left_out:
                q.reason = "; ".join(x for x in (q.reason, "leaves out " + ", ".join(left_out)) if x)
        out.append(q)
    return out


def contact_language(store, contact_id: int) -> str:
    """The language the user and this person write in (the drafting agent's profile)."""
    from assistant.text.language import profile_for

    return profile_for(store, contact_id).lang
