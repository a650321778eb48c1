"""The keep-in-touch model: pure scoring over plain data, no I/O.

A contact is suggested when reaching out would be natural *now*:

- **due**: the time since the last real contact (any channel, either direction, calls included, system lines
  excluded) has reached the contact's cadence by the end of the window. The cadence is the contact's own, or
  the default of its circle (inner 1 month, close 3 months, wider 6 months; "never" is never suggested).
- **an occasion**: a birthday or another important date falls inside the window.

Its score is (how due + how big the occasion) x (how deep and two-way the past conversation was), weighted by
circle. Before a contact is shown, three guards apply: a snooze hides it until a date; a dismissal hides it for a
cool-down that doubles with each dismissal in a row (reset by any real contact); and a thread where the user's
last messages went unanswered on several different days is held back instead of chased.

Explanations are written as reasons to reach out ("last talked 7 months ago"), never as blame.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cached_property

DAY = 86_400

DEFAULT_CADENCE_DAYS: dict[str, int] = {"inner": 30, "close": 90, "wider": 180}
CIRCLE_WEIGHT: dict[str, float] = {"inner": 3.0, "close": 2.0, "wider": 1.0}

SNOOZE_DEFAULT_DAYS = 14
DISMISS_MIN_COOLDOWN_DAYS = 30
DISMISS_MAX_COOLDOWN_DAYS = 365
ONE_SIDED_ATTEMPTS = 3  # unanswered outbound messages on this many different days hold a contact back
ONE_SIDED_RETRY_DAYS = 365  # ... until this long after the last of them; then suggested again, gently
ONE_SIDED_PENALTY = 0.5
TOUCH_REPLY_DAYS = 30  # a touch with no answer after this long is unanswered (assistant.outcomes.touches.REPLY_WINDOW_DAYS)
UNANSWERED_REST_AFTER = 2  # touches unanswered in a row that rest a contact, like a dismissal
OWN_STATS_MIN_TOUCHES = 3  # a contact's own reply rates count from this many touches; the user's overall ones before
EXPLORE_EVERY = 5  # every 5th suggestion's talking point is chosen without the reply rates (so others get tried)
MIN_WINDOW_DAYS = 14  # "this month" late in the month still looks two weeks ahead
COUNT_CAP = 2000  # messages counted per direction for depth and reciprocity (beyond this, deep and two-way anyway)
DUE_CAP = 4.0  # how due a contact can get: 1 at the cadence, +1 per doubling, capped


# --- plain inputs ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    """The days the user is planning for, in their local time zone (both ends inclusive)."""

    start: date
    end: date
    tz: tzinfo = UTC

    @classmethod
    def for_month(cls, today: date, month: str | None = None, tz: tzinfo = UTC) -> Window:
        """`month` 'YYYY-MM' (default: the current one). The current month runs from today to its end, and at
        least MIN_WINDOW_DAYS; a future month is the whole month; a past month is an error."""
        if month:
            try:
                year, mon = (int(x) for x in month.split("-"))
                first = date(year, mon, 1)
            except ValueError:
                raise ValueError(f"month {month!r}: use YYYY-MM, e.g. 2025-03") from None
        else:
            first = today.replace(day=1)
        last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        if last < today:
            raise ValueError(f"month {month} is in the past; pick this month or a later one")
        if first <= today:
            return cls(today, max(last, today + timedelta(days=MIN_WINDOW_DAYS - 1)), tz)
        return cls(first, last, tz)

    @cached_property
    def start_ts(self) -> int:
        return int(datetime.combine(self.start, time(0), self.tz).timestamp())

    @cached_property
    def end_ts(self) -> int:
        """The first second after the window."""
        return int(datetime.combine(self.end + timedelta(days=1), time(0), self.tz).timestamp())

    def local_date(self, ts: int) -> date:
        return datetime.fromtimestamp(ts, UTC).astimezone(self.tz).date()


@dataclass(slots=True)
class ContactFacts:
    """What the ranking knows about one contact, as loaded by `assistant.ranking.data`."""

    id: int
    name: str
    circle: str = "wider"
    cadence_days: int | None = None  # the contact's own; None: the circle's default
    birthday: str | None = None  # 'YYYY-MM-DD' or '--MM-DD'
    dates: list[tuple[str, str]] | None = None  # other important dates: (label, date)
    last_in: int | None = None  # last 1:1 message from them
    last_out: int | None = None  # last 1:1 message from the user
    n_in: int | None = None  # 1:1 messages each way (capped); None: not loaded yet (scored as the best case)
    n_out: int | None = None
    last_group: int | None = None  # last message they wrote in a small group
    last_contacted: int | None = None  # the user marked a message to them as sent (outside any import)
    snoozed_until: int | None = None
    dismissals: list[int] | None = None  # when the user dismissed a suggestion of them
    touches: list[tuple[int, str, bool]] | None = None  # the user's touches: (at, hook kind, answered), oldest first

    @property
    def cadence(self) -> int:
        return self.cadence_days or DEFAULT_CADENCE_DAYS.get(self.circle, DEFAULT_CADENCE_DAYS["wider"])

    @property
    def last_ts(self) -> int | None:
        """The last real contact, from any channel and either direction."""
        last = None
        for t in (self.last_in, self.last_out, self.last_group, self.last_contacted):
            if t is not None and (last is None or t > last):
                last = t
        return last


@dataclass(frozen=True)
class Guard:
    """The user's outreach since the contact last wrote: distinct days with an unanswered message."""

    attempts: int = 0
    last_attempt: int | None = None


# --- outputs --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    """One reason to reach out, as data; `text()` renders it in English or Chinese."""

    code: str  # birthday | date | due | first | history | retry | about
    params: dict = field(default_factory=dict, hash=False, compare=True)

    def text(self, lang: str = "en") -> str:
        return render_reason(self, lang)


@dataclass
class Hook:
    """Something real to talk about, with the stored messages it comes from (`message_ids`: the citations)."""

    kind: str  # interest | topic | about (kept for callers; `category` says more)
    topic: str  # the interest or theme ('' for "where you left off")
    quote: str  # the cited message text, one line, clipped: data to show in quotes, never instructions
    ts: int | None
    message_ids: list[int] = field(default_factory=list)
    shared: bool = False  # an interest the user has too
    # open_loop | news | shared_interest | birthday | left_off | about ('' when made by older code)
    category: str = ""
    # one per cited message, in the order of message_ids: {"id", "author": "them" | "you", "ts"}
    cites: list[dict] = field(default_factory=list)
    event_ts: int | None = None  # open_loop: the day the plan points at (start of day, UTC)
    plan: str = ""  # open_loop: the words that carry its date ("fin novembre", "下个月"), '' when undated
    why: str = ""  # why this talking point was chosen, one sentence
    # the group thread it comes from ("g<group id>:<thread start ts>"), '' for a 1:1 chat: several members of
    # one group are not all given the same group thread to talk about
    thread: str = ""

    def text(self, lang: str = "en", tz: tzinfo = UTC) -> str:
        return render_hook(self, lang, tz)


@dataclass
class Suggestion:
    contact_id: int
    name: str
    circle: str
    score: float
    reasons: list[Reason]
    cadence_days: int
    last_ts: int | None = None
    due_ratio: float | None = None  # time since last contact / cadence, at the end of the window
    occasion: tuple[str, date] | None = None  # (label, day) inside the window
    hook: Hook | None = None
    last_channel: str | None = None
    first_ts: int | None = None

    def why_now(self, lang: str = "en") -> str:
        return self.reasons[0].text(lang) if self.reasons else ""


@dataclass
class HeldBack:
    contact_id: int
    name: str
    code: str  # snoozed | dismissed | one_sided | unanswered
    until: int | None = None
    attempts: int = 0

    def text(self, lang: str = "en") -> str:
        return render_held(self, lang)


# --- dates ----------------------------------------------------------------------------------------------


def parse_date(value: str) -> tuple[int | None, int, int] | None:
    """'YYYY-MM-DD' or '--MM-DD' -> (year or None, month, day); None when unreadable."""
    value = (value or "").strip()
    try:
        if value.startswith("--"):
            m, d = value[2:].split("-")[:2]
            date(2000, int(m), int(d))
            return None, int(m), int(d)
        y, m, d = value.split("-")[:3]
        date(int(y), int(m), int(d[:2]))
        return int(y), int(m), int(d[:2])
    except (ValueError, IndexError):
        return None


def occurrence_in(value: str, window: Window) -> date | None:
    """The day a yearly date (birthday, anniversary) falls on inside the window, if it does.
    29 February is kept on 28 February in other years."""
    parsed = parse_date(value)
    if not parsed:
        return None
    _, m, d = parsed
    for year in range(window.start.year, window.end.year + 1):
        try:
            day = date(year, m, d)
        except ValueError:  # 29 Feb in a common year
            day = date(year, 2, 28)
        if window.start <= day <= window.end:
            return day
    return None


def occasion_in(facts: ContactFacts, window: Window) -> tuple[str, date] | None:
    """The first birthday / important date inside the window (a birthday wins a tie)."""
    found: list[tuple[date, int, str]] = []
    if facts.birthday:
        day = occurrence_in(facts.birthday, window)
        if day:
            found.append((day, 0, "birthday"))
    for label, value in facts.dates or ():
        if label == "birthday" and facts.birthday:
            continue
        day = occurrence_in(value, window)
        if day:
            found.append((day, 0 if label == "birthday" else 1, label))
    if not found:
        return None
    day, _, label = min(found)
    return label, day


# --- scoring --------------------------------------------------------------------------------------------


def history_factor(n_in: int, n_out: int) -> float:
    """0.21..1: depth (how much was said, log scale, full at 200 messages) x reciprocity (both sides write).
    Shared history is what makes a message land, so a deep two-way tie outranks a thin one that is more due."""
    n = n_in + n_out
    depth = min(1.0, math.log10(1 + n) / math.log10(201))
    reciprocity = min(n_in, n_out) / max(n_in, n_out) if n else 0.0
    return (0.35 + 0.65 * depth) * (0.6 + 0.4 * reciprocity)


def dismissal_cooldown_days(cadence: int, in_a_row: int) -> int:
    """Hide after a dismissal: half the cadence (at least a month), doubled for each dismissal in a row."""
    if in_a_row <= 0:
        return 0
    base = max(DISMISS_MIN_COOLDOWN_DAYS, cadence // 2)
    return min(DISMISS_MAX_COOLDOWN_DAYS, base * 2 ** (in_a_row - 1))


def hold(facts: ContactFacts, window: Window) -> HeldBack | None:
    """Snoozes and dismissals that still hide this contact at the start of the window."""
    now = window.start_ts
    if facts.snoozed_until and facts.snoozed_until > now:
        return HeldBack(facts.id, facts.name, "snoozed", until=facts.snoozed_until)
    last = facts.last_ts
    recent = sorted(t for t in facts.dismissals or () if last is None or t > last)
    if recent:
        until = recent[-1] + dismissal_cooldown_days(facts.cadence, len(recent)) * DAY
        if until > now:
            return HeldBack(facts.id, facts.name, "dismissed", until=until)
    streak = unanswered_streak(facts, now)
    if len(streak) >= UNANSWERED_REST_AFTER:
        # the contact is not due before a cadence after the last touch anyway: the rest comes on top of it
        rest = facts.cadence + dismissal_cooldown_days(facts.cadence, len(streak) - UNANSWERED_REST_AFTER + 1)
        until = max(t for t, _, _ in facts.touches or ()) + rest * DAY
        if until > now:
            return HeldBack(facts.id, facts.name, "unanswered", until=until, attempts=len(streak))
    return None


def unanswered_streak(facts: ContactFacts, now: int) -> list[int]:
    """The times of the touches at the end of the history that went unanswered (no reply within
    TOUCH_REPLY_DAYS, and nothing from them since); a touch still waiting for its answer does not count."""
    answered = max((t for t in (facts.last_in, facts.last_group) if t is not None), default=None)
    streak: list[int] = []
    for at, _, replied in facts.touches or ():
        if replied or (answered is not None and answered > at):
            streak = []
        elif at + TOUCH_REPLY_DAYS * DAY <= now:
            streak.append(at)
    return streak


def reply_counts(touches, now: int) -> dict[str, list[int]]:
    """{hook kind: [touches, answered]} over touches whose outcome is known (answered, or waited long enough)."""
    out: dict[str, list[int]] = {}
    for at, kind, replied in touches:
        if not kind or (not replied and at + TOUCH_REPLY_DAYS * DAY > now):
            continue
        c = out.setdefault(kind, [0, 0])
        c[0] += 1
        c[1] += int(replied)
    return out


def hook_preference(own: dict[str, list[int]], overall: dict[str, list[int]]) -> dict[str, float]:
    """A weight per talking-point kind from how often it got answered: the contact's own rates when they have
    OWN_STATS_MIN_TOUCHES touches, the user's overall ones otherwise. Laplace-smoothed reply rate r mapped to
    0.75 + 0.5 r, so a kind never tried weighs 1.0 and the strength of a talking point still decides most."""
    counts = own if sum(n for n, _ in own.values()) >= OWN_STATS_MIN_TOUCHES else overall
    return {kind: 0.75 + 0.5 * (answered + 1) / (n + 2) for kind, (n, answered) in counts.items()}


def real_relationship(facts: ContactFacts) -> bool:
    """Someone the user has actually talked with: they wrote to the user and the user wrote back (1:1), or
    they talk in a small group together, or the user reached out, or the user placed them in a close circle.
    One-off inbound never answered (cold recruiters, sales), people known only from a large group, and
    system senders are not relationships."""
    if facts.circle in ("inner", "close") and facts.last_in is None and facts.last_out is None:
        return True  # the user's own choice, with no history yet ("first" reason)
    return any(t is not None for t in (facts.last_out, facts.last_group, facts.last_contacted))


def score(facts: ContactFacts, window: Window, about: float = 0.0,
          loop: dict | None = None) -> Suggestion | None:
    """The preliminary suggestion for one contact (before the one-sided guard), or None when there is no
    reason to reach out in this window. `about` (0..1) is how much the contact would care about the user's
    news, for "who would care about this?"."""
    if facts.circle == "never":
        return None
    w = CIRCLE_WEIGHT.get(facts.circle, 1.0)
    cadence = facts.cadence
    last = facts.last_ts
    reasons: list[Reason] = []
    due_part = 0.0
    ratio = None
    if last is None:
        if facts.circle in ("inner", "close"):
            due_part = w
            reasons.append(Reason("first", {}))
    else:
        ratio = max(0.0, (window.end_ts - last) / (cadence * DAY))
        if ratio >= 1:
            due_part = w * min(1 + math.log2(ratio), DUE_CAP)
            reasons.append(
                Reason(
                    "due",
                    {"days": max(0, (window.start_ts - last) // DAY), "last": window.local_date(last),
                     "cadence": cadence, "set": facts.cadence_days is not None, "circle": facts.circle},
                )
            )
    occasion = occasion_in(facts, window)
    occasion_part = 0.0
    if occasion:
        label, day = occasion
        occasion_part = (2 + w) if label == "birthday" else (1 + 0.5 * w)
        reasons.insert(0, Reason("birthday" if label == "birthday" else "date",
                                 {"label": label, "day": day, "in_days": (day - window.start).days}))
    loop_part = 0.0
    if loop:  # an open loop whose date has come: the strongest "why now", even before the cadence
        loop_part = 1.5 * w
        reasons.insert(0, Reason("open_loop", loop))
    due_part += loop_part
    about_part = 5.0 * about
    if due_part == 0 and occasion_part == 0 and about_part == 0:
        return None
    if facts.n_in is None or facts.n_out is None:
        quality = 1.0  # not loaded: the best case, so this score bounds the real one from above
    else:
        quality = history_factor(facts.n_in, facts.n_out)
        n = facts.n_in + facts.n_out
        if n >= 20 and min(facts.n_in, facts.n_out) / max(facts.n_in, facts.n_out) >= 0.4:
            capped = max(facts.n_in, facts.n_out) >= COUNT_CAP
            reasons.append(Reason("history", {"messages": n, "capped": capped}))
    # The user's news counts most; being due or having an occasion adds to it at half weight.
    total = (about_part + 0.5 * (due_part + occasion_part)) if about else (due_part + occasion_part)
    return Suggestion(
        contact_id=facts.id,
        name=facts.name,
        circle=facts.circle,
        score=round(total * quality, 3),
        reasons=reasons,
        cadence_days=cadence,
        last_ts=last,
        due_ratio=None if ratio is None else round(ratio, 3),
        occasion=occasion,
    )


def apply_guard(s: Suggestion, guard: Guard, window: Window) -> Suggestion | HeldBack:
    """Hold back a thread the user has been carrying alone; after a long quiet, suggest it again, gently."""
    if guard.attempts < ONE_SIDED_ATTEMPTS or guard.last_attempt is None:
        return s
    if window.start_ts - guard.last_attempt < ONE_SIDED_RETRY_DAYS * DAY:
        return HeldBack(s.contact_id, s.name, "one_sided", attempts=guard.attempts,
                        until=guard.last_attempt + ONE_SIDED_RETRY_DAYS * DAY)
    s.score = round(s.score * ONE_SIDED_PENALTY, 3)
    s.reasons = [r for r in s.reasons if r.code != "history"]
    s.reasons.append(Reason("retry", {"attempts": guard.attempts, "last": window.local_date(guard.last_attempt)}))
    return s


# --- words ----------------------------------------------------------------------------------------------


def humanize_days(days: int, lang: str = "en") -> str:
    if lang == "zh":
        if days < 14:
            return f"{days} 天"
        if days < 60:
            return f"{round(days / 7)} 周"
        if days < 365 * 2:
            return f"{round(days / 30.4)} 个月"
        return f"{days // 365} 年多"
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 60:
        return f"{round(days / 7)} weeks"
    if days < 365 * 2:
        return f"{round(days / 30.4)} months"
    return f"over {days // 365} years"


def cadence_words(days: int, lang: str = "en") -> str:
    if lang == "zh":
        if days % 365 == 0:
            return "每年" if days == 365 else f"每 {days // 365} 年"
        if days % 30 == 0:
            return "每月" if days == 30 else f"每 {days // 30} 个月"
        if days % 7 == 0:
            return "每周" if days == 7 else f"每 {days // 7} 周"
        return f"每 {days} 天"
    if days % 365 == 0:
        return "every year" if days == 365 else f"every {days // 365} years"
    if days % 30 == 0:
        return "every month" if days == 30 else f"every {days // 30} months"
    if days % 7 == 0:
        return "every week" if days == 7 else f"every {days // 7} weeks"
    return f"every {days} days"


def _day(d: date, lang: str) -> str:
    return f"{d.month}月{d.day}日" if lang == "zh" else f"{d:%b} {d.day}"


def _when(in_days: int, lang: str) -> str:
    if lang == "zh":
        return "今天" if in_days == 0 else ("明天" if in_days == 1 else f"{in_days} 天后")
    return "today" if in_days == 0 else ("tomorrow" if in_days == 1 else f"in {in_days} days")


_CIRCLE_ZH = {"inner": "核心", "close": "亲近", "wider": "泛交"}


def render_reason(r: Reason, lang: str = "en") -> str:
    p = r.params
    zh = lang == "zh"
    if r.code == "birthday":
        if zh:
            return f"{_day(p['day'], lang)}（{_when(p['in_days'], lang)}）是 TA 的生日——正好打个招呼"
        return f"Birthday on {_day(p['day'], lang)} ({_when(p['in_days'], lang)}) — a natural moment to say hello"
    if r.code == "date":
        if zh:
            return f"{_day(p['day'], lang)}（{_when(p['in_days'], lang)}）是 TA 的{p['label']}"
        return f"{p['label'].capitalize()} on {_day(p['day'], lang)} ({_when(p['in_days'], lang)})"
    if r.code == "due":
        last: date = p["last"]
        if zh:
            how = (f"你设定：{cadence_words(p['cadence'], lang)}联系一次" if p.get("set") else
                   f"{_CIRCLE_ZH.get(p.get('circle', 'wider'), '')}圈默认：{cadence_words(p['cadence'], lang)}联系一次"
                   "（可用 contacts set --cadence 修改）")
            return f"上次聊天是 {humanize_days(p['days'], lang)}前（{last.year}年{last.month}月）；{how}"
        if p.get("set"):
            how = f"you set: {cadence_words(p['cadence'])}"
        else:
            how = (f"people in your {p.get('circle', 'wider')} circle: {cadence_words(p['cadence'])} "
                   "(default; change with contacts set --cadence)")
        return f"Last talked {humanize_days(p['days'])} ago ({last:%b %Y}); {how}"
    if r.code == "open_loop":
        day: date = p["day"]
        ago = (p["today"] - day).days if p.get("today") else 0
        if zh:
            when = f"{day.year}年{day.month}月" + (f"{day.day}日" if p.get("precision") == "day" else "")
            return f"TA 说过的计划（{p.get('plan', '')}）时间到了：{when}——问问进展正是时候"
        when = f"{day:%b} {day.day}, {day.year}" if p.get("precision") == "day" else f"{day:%B %Y}"
        state = "is coming up" if ago < 0 else ("is now" if ago < 14 else "has just passed")
        return f"Something they planned ({p.get('plan', '')}) {state}: {when} — the moment to ask how it went"
    if r.code == "first":
        return "你们还没有聊天记录——可以开启第一次对话" if zh else "No conversation on record yet — a good time to start one"
    if r.code == "history":
        n = f"{p['messages']}{'+' if p.get('capped') else ''}"
        if zh:
            return f"你们有深厚的双向交流（{n} 条消息）"
        return f"A real two-way history ({n} messages)"
    if r.code == "retry":
        last = p["last"]
        if zh:
            return f"你上次（{last.year}年{last.month}月）的消息还没有回音；隔了这么久，轻轻问候一下也许正合适"
        return (f"Your last messages ({last:%b %Y}) got no reply; after this long a light, no-pressure hello "
                f"can land well")
    if r.code == "about":
        topic = p.get("topic") or ""
        if zh:
            return f"可能会关心你的这条消息：{topic}" if topic else "可能会关心你的这条消息"
        return f"Likely to care about your news: {topic}" if topic else "Likely to care about your news"
    return r.code


def render_hook(h: Hook, lang: str = "en", tz: tzinfo = UTC) -> str:
    when = datetime.fromtimestamp(h.ts, UTC).astimezone(tz).date() if h.ts is not None else None
    zh = lang == "zh"
    quote = f"“{h.quote}”" if h.quote else ""
    stamp = ("" if when is None else (f"（{when.year}年{when.month}月）" if zh else f" ({when:%b %Y})"))
    if h.category == "open_loop":
        plan = f" ({h.plan})" if h.plan else ""
        if zh:
            return f"TA 说过的计划{plan}：{quote}{stamp}"
        return f"Follow up on their plan{plan}: {quote}{stamp}"
    if h.category == "news":
        if zh:
            return f"TA 的近况：{quote}{stamp}"
        return f"Their news: {quote}{stamp}"
    if h.category == "birthday":
        if zh:
            return f"生日问候{('；TA 上次说：' + quote + stamp) if quote else ''}"
        return f"Wish them a happy birthday{('; last they told you: ' + quote + stamp) if quote else ''}"
    if h.kind == "interest":
        if zh:
            both = "（你们都喜欢）" if h.shared else ""
            return f"聊聊{h.topic}{both}：{quote}{stamp}"
        both = " (you both like it)" if h.shared else ""
        return f"Talk about {h.topic}{both}: {quote}{stamp}"
    if h.kind == "about":
        if zh:
            return f"分享给 TA——TA 聊过相关的话题{('：' + h.topic) if h.topic else ''}：{quote}{stamp}"
        return f"Share it — they talked about this{(': ' + h.topic) if h.topic else ''}: {quote}{stamp}"
    if zh:
        return f"接着上次的话题：{quote}{stamp}"
    return f"Pick up where you left off: {quote}{stamp}"


def render_held(h: HeldBack, lang: str = "en") -> str:
    until = datetime.fromtimestamp(h.until, UTC).date() if h.until else None
    if lang == "zh":
        if h.code == "snoozed":
            return f"已推迟到 {until}"
        if h.code == "dismissed":
            return f"已跳过，{until} 前不再推荐"
        if h.code == "unanswered":
            return f"最近 {h.attempts} 次联系都没有回音，{until} 前先不打扰"
        return f"你最近 {h.attempts} 次发消息还没有回音——给 TA 一些空间"
    if h.code == "snoozed":
        return f"snoozed until {until}"
    if h.code == "dismissed":
        return f"dismissed; resting until {until}"
    if h.code == "unanswered":
        return f"your last {h.attempts} touches went unanswered; resting until {until}"
    return f"your last {h.attempts} messages are still unanswered — giving them room"
