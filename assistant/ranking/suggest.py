"""`rank()` / `suggest()`: the one ranking the CLI, the TUI queue and the drafting agent all use."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo

from assistant.ranking.data import (
    load_counts,
    load_details,
    load_facts,
    load_guard,
    load_interests,
)
from assistant.ranking.hooks import AboutMatch, HookFinder, RetrieverLike
from assistant.ranking.model import (
    CIRCLE_WEIGHT,
    DAY,
    EXPLORE_EVERY,
    ContactFacts,
    Guard,
    HeldBack,
    Hook,
    Reason,
    Suggestion,
    Window,
    apply_guard,
    hold,
    hook_preference,
    real_relationship,
    reply_counts,
    score,
)

DEFAULT_LIMIT = 10
OPEN_LOOP_DAYS = 400  # contacts not due are checked for an open loop when they talked within this many days
OPEN_LOOP_SCAN = 60  # ... the most recent this many of them (bounds `suggest` on a large store)
LOOP_PASSED_DAYS = 60  # an open loop whose date passed this recently still makes a contact due


@dataclass
class Ranking:
    window: Window
    suggestions: list[Suggestion]
    held_back: list[HeldBack] = field(default_factory=list)  # would be in the list, but snoozed/dismissed/one-sided
    considered: int = 0  # contacts looked at
    about: str | None = None


def rank(
    store,
    today: date | None = None,
    *,
    month: str | None = None,
    limit: int = DEFAULT_LIMIT,
    circle: str | None = None,
    about: str | None = None,
    retriever: RetrieverLike | None = None,
    tz: tzinfo = UTC,
    hooks: bool = True,
    open_loops: bool = True,
) -> Ranking:
    """Who to reconnect with in the window (`month` 'YYYY-MM', default this month), best first.

    `about`: the text of the user's own news; the ranking then answers "who would care about this?" (people
    whose history or interests match it, boosted when they are due or have an occasion). `retriever`: an
    `assistant.retrieval.Retriever` for hooks and the reverse question; without one the store alone is used.
    `hooks=False` skips the talking points (for callers that only need the order).
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    today = today or datetime.now(tz).date()
    window = Window.for_month(today, month, tz)
    db = store.db
    facts = load_facts(db, circle=circle)
    by_id = {f.id: f for f in facts}
    finder = HookFinder(db, retriever)
    matches: dict[int, AboutMatch] = finder.about(about, set(by_id)) if about else {}

    held: list[tuple[float, HeldBack]] = []
    # Lazy, exact top-k: every contact enters with an upper bound of its score (history not loaded yet);
    # the best one is refined (message counts, one-sided guard), which can only lower its score, and goes
    # back in line; a refined contact that comes out on top is final.
    heap: list[tuple[float, int, int, Suggestion]] = []  # (-score, refined, id, suggestion)
    quiet: list[ContactFacts] = []  # real relationships not due: an open loop may make them due
    for f in facts:
        relevance = matches[f.id].relevance if f.id in matches else 0.0
        if about and not relevance:
            continue
        if not real_relationship(f):
            continue
        s = score(f, window, about=relevance)
        if s is None:
            last = f.last_ts
            if open_loops and not about and last and last >= window.start_ts - OPEN_LOOP_DAYS * DAY:
                quiet.append(f)
            continue
        h = hold(f, window)
        if h:
            held.append((s.score, h))
            continue
        heapq.heappush(heap, (-s.score, 0, f.id, s))

    chosen = _select(db, heap, by_id, held, matches, {}, window, limit)
    loops: dict[int, Hook] = {}
    if quiet and hooks:
        # An open loop can make a quiet contact due. Reading histories is the costly part, so only contacts
        # whose best possible score with a loop reaches the list as it stands are read (exact: more
        # candidates can only raise the bar).
        bar = chosen[-1].score if len(chosen) == limit else float("-inf")
        for f in heapq.nlargest(OPEN_LOOP_SCAN, quiet, key=lambda f: f.last_ts or 0):
            if hold(f, window):
                continue
            best = score(f, window, loop={"plan": ""})
            if best is None or best.score < bar:
                continue
            h = finder.open_loop(f.id, window.start_ts)
            if h is None or h.event_ts is None or not _loop_due(h.event_ts, window):
                continue
            loops[f.id] = h
            s = score(f, window, loop=_loop_params(h, window))
            if s is not None:
                heapq.heappush(heap, (-s.score, 0, f.id, s))
        if loops:  # the chosen ones go back in line, final, with the new candidates
            for s in chosen:
                heapq.heappush(heap, (-s.score, 1, s.contact_id, s))
            chosen = _select(db, heap, by_id, held, matches, loops, window, limit)

    interests = load_interests(db, [s.contact_id for s in chosen]) if hooks else {}
    overall: dict[str, list[int]] = {}
    if hooks:
        for f in facts:
            for kind, (n, answered) in reply_counts(f.touches or (), window.start_ts).items():
                c = overall.setdefault(kind, [0, 0])
                c[0] += n
                c[1] += answered
    used_groups: dict[str, set[str]] = {}  # group -> its threads already given as someone's talking point
    for i, s in enumerate(chosen):
        s.first_ts, s.last_channel = load_details(db, s.contact_id)
        m = matches.get(s.contact_id)
        if m:
            s.reasons.insert(0, Reason("about", {"topic": ", ".join(m.terms[:3])}))
            s.hook = m.hook
        if hooks and s.hook is None:
            # the kinds of talking point that get answered come first; every EXPLORE_EVERY-th suggestion is
            # chosen on its own merits, so the other kinds still get tried
            prefer = None
            if overall and (i + 1) % EXPLORE_EVERY:
                prefer = hook_preference(reply_counts(by_id[s.contact_id].touches or (), window.start_ts), overall)
            s.hook = loops.get(s.contact_id) or finder.hook(s.contact_id, interests.get(s.contact_id, []),
                                                             now=window.start_ts, prefer=prefer)
            if s.hook is not None and s.hook.thread and _group_of(s.hook) in used_groups:
                s.hook = _other_than_group(finder.hooks(s.contact_id, interests.get(s.contact_id, []),
                                                        now=window.start_ts, limit=4, prefer=prefer),
                                           used_groups) or s.hook
            if s.hook is not None and s.hook.thread:
                used_groups.setdefault(_group_of(s.hook), set()).add(s.hook.thread)
            h = s.hook
            if (h is not None and h.category == "open_loop" and h.event_ts is not None
                    and _loop_due(h.event_ts, window) and not any(r.code == "open_loop" for r in s.reasons)):
                s.reasons.insert(0, Reason("open_loop", _loop_params(h, window)))
        if hooks and s.occasion and s.occasion[0] == "birthday":
            s.hook = _birthday_hook(s.hook, s.occasion[1])
    if len(chosen) == limit:  # only those who would otherwise have made this list
        held = [(sc, h) for sc, h in held if sc >= chosen[-1].score]
    held.sort(key=lambda x: -x[0])
    return Ranking(window, chosen, [h for _, h in held], len(facts), about)


def _select(db, heap: list, by_id: dict[int, ContactFacts], held: list, matches: dict[int, AboutMatch],
            loops: dict[int, Hook], window: Window, limit: int) -> list[Suggestion]:
    """Pop the best `limit` suggestions off the heap, refining each contact (message counts, one-sided guard)
    the first time it comes out on top; a refined contact that comes out on top is final."""
    chosen: list[Suggestion] = []
    while heap and len(chosen) < limit:
        _, refined, cid, s = heapq.heappop(heap)
        if refined:
            chosen.append(s)
            continue
        f = by_id[cid]
        if f.n_in is None:
            load_counts(db, f)
        if not _exchanged(f) or _cold(db, f):
            continue
        s = score(f, window, about=matches[cid].relevance if cid in matches else 0.0,
                  loop=_loop_params(loops[cid], window) if cid in loops else None)
        guarded = apply_guard(s, _guard(db, f), window)
        if isinstance(guarded, HeldBack):
            held.append((s.score, guarded))
            continue
        heapq.heappush(heap, (-guarded.score, 1, cid, guarded))
    return chosen


def _group_of(h: Hook) -> str:
    return h.thread.split(":", 1)[0]


def _other_than_group(hooks: list[Hook], used: dict[str, set[str]]) -> Hook | None:
    """Several members of one group are not all sent the same group thread ("the Kalymnos trip" five
    times): the best talking point from elsewhere (their 1:1 chat, another group), else another thread of
    that group, else None."""
    for h in hooks:
        if not h.thread or _group_of(h) not in used:
            return h
    for h in hooks:
        if h.thread not in used.get(_group_of(h), set()):
            return h
    return None


def _exchanged(f: ContactFacts) -> bool:
    """A one-off exchange (a pitch and a polite no, an intro and a thanks) is not yet a relationship: the
    wider circle needs two messages each way in the 1:1 chat, or talk in a small group, or the user's mark."""
    if f.circle in ("inner", "close") or f.last_group is not None or f.last_contacted is not None:
        return True
    return min(f.n_in or 0, f.n_out or 0) >= 2


def _cold(db, f: ContactFacts) -> bool:
    """Cold outreach answered politely (`text.hookable.cold_contact`): no relationship to keep warm, unless the
    user marked them closer, touched them, or they share a small group."""
    from assistant.store.ranking import first_inbound_text
    from assistant.text.hookable import COLD_MAX_RECEIVED, cold_contact

    if f.circle in ("inner", "close") or f.last_group is not None or f.last_contacted is not None:
        return False
    if (f.n_in or 0) > COLD_MAX_RECEIVED:
        return False  # (before the query: most contacts stop here)
    return cold_contact(first_inbound_text(db, f.id), f.n_in or 0, shares_group=False)


def _loop_due(event_ts: int, window: Window) -> bool:
    """An open loop's date has come (inside the window) or just passed."""
    return window.start_ts - LOOP_PASSED_DAYS * DAY <= event_ts < window.end_ts


def _loop_params(h: Hook, window: Window) -> dict:
    day = datetime.fromtimestamp(h.event_ts, UTC).date()
    precision = "day" if h.plan and any(ch.isdigit() for ch in h.plan) else "month"
    return {"plan": h.plan, "day": day, "today": window.start, "precision": precision,
            "message_id": h.message_ids[0] if h.message_ids else None}


def _birthday_hook(best: Hook | None, day: date) -> Hook:
    """A birthday is the talking point; the best recent thread (if any) comes with it as context."""
    why = f"their birthday is on {day:%b} {day.day}"
    if best is None:
        return Hook("topic", "", "", None, [], category="birthday", why=why)
    return Hook(best.kind, best.topic, best.quote, best.ts, list(best.message_ids), best.shared,
                category="birthday", cites=list(best.cites), why=why + f"; with it: {best.why}", thread=best.thread)


def suggest(store, today: date | None = None, **kwargs) -> list[Suggestion]:
    """The ranked suggestions only; see `rank()` for the arguments."""
    return rank(store, today, **kwargs).suggestions


def _guard(db, f: ContactFacts) -> Guard:
    """Only threads where the user wrote last can be one-sided; skip the query for the others. A message from
    them in a small group counts as an answer."""
    answered = max((x for x in (f.last_in, f.last_group) if x is not None), default=None)
    last_out = max((x for x in (f.last_out, f.last_contacted) if x is not None), default=None)
    if last_out is None or (answered is not None and last_out <= answered):
        return Guard()
    return load_guard(db, f.id, answered)


__all__ = ["CIRCLE_WEIGHT", "DEFAULT_LIMIT", "Ranking", "rank", "suggest"]
