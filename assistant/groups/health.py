"""Group health: what an imported group chat is worth, computed from the store alone (no LLM, no I/O but SQL).

Definitions (all relative to a given `today`, in the user's time zone `tz`; messages after `today` are ignored,
so a pinned date gives reproducible numbers):

- **members**: the people the store knows to be in the group (everyone who wrote in it), the user not counted.
  Exports do not carry a member list, but join/leave notices do ("你邀请"A"、"B"加入了群聊", "Tom joined using
  this group's invite link", "Anna left", ...): `roster` reads them. `member_count` is the larger of the known
  members (less those the notices say left) and the people the notices say are in. Not their union: a member's
  group nickname often differs from the name the notice used, so a union would count people twice.
- **activity**: messages other than system notices (text, media, calls, deleted ones all count as someone
  showing up). `months` has one entry per calendar month from the first message to `today`, zeros included:
  messages (everyone's), active members (distinct members who wrote; the user not counted) and the user's own.
- **spoke in the last D days** (D = 30, 90, 365): distinct members who wrote on one of the D local calendar
  days ending with `today`.
- **1:1 as well**: members with whom the store also has a 1:1 conversation (messages.contact_id = member).
- **announcements**: the user's own text messages that are at least `min_chars` long or start with an
  announcement marker (【通知】, 公告, 📢, "Announcement", @all / @所有人 ...). Their **response** is the number
  of distinct members who wrote within `RESPONSE_DAYS` (7) days after it.
- **recommendation** (keep / broadcast / close) with its reasons; the rule is in `recommend`.
"""

from __future__ import annotations

import re
import sqlite3
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from assistant.domain import SMALL_GROUP_MAX, name_key
from assistant.store import groups as sql

WINDOWS = (30, 90, 365)
RESPONSE_DAYS = 7
DEFAULT_ANNOUNCEMENT_CHARS = 120

# Announcement markers: a message starting with one of these (case-insensitive) is an announcement whatever
# its length. "【...】" (any short bracketed label, e.g. 【通知】【重要】) is matched by _BRACKET_LABEL.
ANNOUNCEMENT_MARKERS = (
    "@所有人", "@all", "@everyone", "📢", "📣", "公告", "通知", "群公告", "announcement", "[announcement]",
    "notice:", "[notice]",
)
_BRACKET_LABEL = re.compile(r"^\s*【[^】\n]{1,8}】")

# Thresholds of the recommendation (see `recommend`).
KEEP_MIN_ACTIVE = 5  # members who spoke in the last 90 days, at least ...
KEEP_MIN_SHARE = 0.05  # ... and at least this share of the members
BROADCAST_MIN_RESPONSE = 3  # members answering an announcement within a week, at least ...
BROADCAST_MIN_SHARE = 0.02  # ... and at least this share of the members
BROADCAST_LOOKBACK_DAYS = 3 * 365  # an announcement older than this says little about today's readers
BROADCAST_MIN_ONE_TO_ONE = 5  # members you also talk to 1:1 that make the group worth keeping as a channel


class GroupNotFound(ValueError):
    pass


# --- data -----------------------------------------------------------------------------------------------


@dataclass
class GroupRow:
    """One line of `outreach groups`."""

    id: int
    channel: str
    name: str
    members: int  # known members (people who wrote), the user not counted
    messages: int  # non-system messages up to today
    first_ts: int | None
    last_ts: int | None
    active_90: int  # distinct members who wrote in the last 90 days


@dataclass
class MonthActivity:
    month: str  # "YYYY-MM"
    messages: int = 0  # everyone's, the user's included
    active: int = 0  # distinct members who wrote
    mine: int = 0  # the user's own messages


@dataclass
class Announcement:
    message_id: int
    ts: int
    text: str
    responders: list[int] = field(default_factory=list)  # contact ids of members who wrote within a week
    replies: int = 0  # their messages in that week

    complete: bool = True  # False while the week after it is not over (as of `today`): a response so far

    @property
    def response(self) -> int:
        return len(self.responders)


@dataclass
class MemberLink:
    """A member the user also talks to 1:1."""

    contact_id: int
    name: str
    circle: str
    one_to_one: int  # 1:1 messages, both directions
    last_one_to_one: int | None
    group_messages: int
    last_group: int | None


@dataclass
class Roster:
    """Membership as the group's join/leave notices tell it."""

    joined: list[str] = field(default_factory=list)  # names in order of first joining
    left: list[str] = field(default_factory=list)  # names that left or were removed (and did not come back)

    @property
    def current(self) -> list[str]:
        gone = {name_key(n) for n in self.left}
        return [n for n in self.joined if name_key(n) not in gone]


@dataclass
class Recommendation:
    verdict: str  # "keep" | "broadcast" | "close"
    reasons: list[str]


@dataclass
class GroupHealth:
    id: int
    channel: str
    name: str
    today: date
    members: int  # known members (wrote at least once), the user not counted
    member_count: int  # best estimate: known members plus those only the join notices name, minus leavers
    roster: Roster
    messages: int
    my_messages: int
    first_ts: int | None
    last_ts: int | None
    months: list[MonthActivity]
    spoke: dict[int, int]  # window (days) -> distinct members who wrote in it
    spoke_names: dict[int, list[str]]  # window (days) -> their names, most messages first
    one_to_one: list[MemberLink]
    announcements: list[Announcement]
    recommendation: Recommendation
    years: list[tuple[int, int, int]] = field(default_factory=list)  # (year, messages, distinct active members)
    tz: tzinfo = timezone.utc

    def to_dict(self) -> dict:
        """Plain data for `--json` (dates as ISO strings in the user's zone)."""
        day = lambda ts: d.isoformat() if (d := self.local_date(ts)) else None  # noqa: E731
        return {
            "id": self.id, "name": self.name, "channel": self.channel, "today": self.today.isoformat(),
            "members": self.members, "member_count": self.member_count,
            "roster": {"joined": len(self.roster.joined), "left": self.roster.left},
            "messages": self.messages, "my_messages": self.my_messages,
            "first": day(self.first_ts), "last": day(self.last_ts),
            "spoke": {str(d): n for d, n in self.spoke.items()},
            "spoke_names": {str(d): names for d, names in self.spoke_names.items() if d != 365},
            "months": [{"month": m.month, "messages": m.messages, "active": m.active, "mine": m.mine} for m in self.months],
            "years": [{"year": y, "messages": n, "active": a} for y, n, a in self.years],
            "one_to_one": [{"contact_id": m.contact_id, "name": m.name, "circle": m.circle, "one_to_one": m.one_to_one,
                            "last_one_to_one": day(m.last_one_to_one), "group_messages": m.group_messages,
                            "last_group": day(m.last_group)} for m in self.one_to_one],
            "announcements": [{"message_id": a.message_id, "date": day(a.ts), "text": a.text, "response": a.response,
                               "replies": a.replies, "responders": a.responders} for a in self.announcements],
            "recommendation": {"verdict": self.recommendation.verdict, "reasons": self.recommendation.reasons},
        }

    def local_date(self, ts: int | None) -> date | None:
        return None if ts is None else datetime.fromtimestamp(ts, timezone.utc).astimezone(self.tz).date()



# --- finding groups -------------------------------------------------------------------------------------


def find_group(store, ref: str) -> sqlite3.Row:
    """A group by #id, exact name (case-/width-insensitive) or a unique part of its name."""
    ref = ref.strip()
    rows = sql.all_groups(store.db)
    if not rows:
        raise GroupNotFound("no groups in the store yet: import a group chat first (outreach import FILE)")
    digits = ref.lstrip("#")
    if digits.isdigit():
        for r in rows:
            if r["id"] == int(digits):
                return r
    key = name_key(ref)
    exact = [r for r in rows if name_key(r["name"]) == key]
    matches = exact or [r for r in rows if key and key in name_key(r["name"])]
    if not matches:
        names = ", ".join(f"{r['name']} (#{r['id']})" for r in rows[:10])
        raise GroupNotFound(f"no group matches {ref!r}; groups: {names}")
    if len(matches) > 1:
        names = ", ".join(f"{r['name']} (#{r['id']})" for r in matches[:10])
        raise GroupNotFound(f"{ref!r} matches {len(matches)} groups: {names}; use the #id")
    return matches[0]


def _day_bounds(today: date, days: int, tz: tzinfo) -> tuple[int, int]:
    """[start, end) in Unix seconds of the `days` local calendar days ending with `today`."""
    end = datetime.combine(today + timedelta(days=1), time(0), tz)
    start = datetime.combine(today - timedelta(days=days - 1), time(0), tz)
    return int(start.timestamp()), int(end.timestamp())


def list_groups(store, today: date, tz: tzinfo = timezone.utc) -> list[GroupRow]:
    """Every group with its size and activity, most recently active first."""
    start90, end = _day_bounds(today, 90, tz)
    rows = sql.group_activity(store.db, start90, end)
    return [GroupRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]) for r in rows]


# --- announcements and roster ---------------------------------------------------------------------------


def is_announcement(text: str, min_chars: int = DEFAULT_ANNOUNCEMENT_CHARS) -> bool:
    t = text.strip()
    if not t:
        return False
    if len(t) >= min_chars or _BRACKET_LABEL.match(t):
        return True
    low = t.casefold()
    return any(low.startswith(m) for m in ANNOUNCEMENT_MARKERS)


_Q = "\"“”「」'‘’"  # quote marks WeChat puts around names
_QUOTED = re.compile(f"[{_Q}]([^{_Q}]+)[{_Q}]")
_WHO = f"(?:你|You|[{_Q}][^{_Q}]+[{_Q}])"

# (pattern, event, where the names are). "names" groups may list several quoted names; "name" is one name.
_ROSTER_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # WeChat, Chinese
    (re.compile(f"^{_WHO}\\s*邀请(?P<names>.+?)加入了群聊"), "join"),
    (re.compile(f"^[{_Q}](?P<name>[^{_Q}]+)[{_Q}]\\s*通过扫描.*二维码加入群聊"), "join"),
    (re.compile(f"^[{_Q}](?P<name>[^{_Q}]+)[{_Q}]\\s*(?:已)?加入了?群聊"), "join"),
    (re.compile(f"^{_WHO}\\s*将(?P<names>.+?)移出了?群聊"), "leave"),
    (re.compile(f"^[{_Q}](?P<name>[^{_Q}]+)[{_Q}]\\s*(?:已)?退出了?群聊"), "leave"),
    # WeChat, English
    (re.compile(f"^{_WHO}\\s+invited\\s+(?P<names>.+?)\\s+to (?:join )?the group chat", re.I), "join"),
    (re.compile(f"^[{_Q}](?P<name>[^{_Q}]+)[{_Q}]\\s+joined the group chat", re.I), "join"),
    (re.compile(f"^{_WHO}\\s+removed\\s+(?P<names>.+?)\\s+from the group chat", re.I), "leave"),
    (re.compile(f"^[{_Q}](?P<name>[^{_Q}]+)[{_Q}]\\s+(?:left|quit) the group chat", re.I), "leave"),
    # WhatsApp / Telegram (unquoted names)
    (re.compile(r"^(?P<name>.+?) joined (?:using this group's invite link|the group(?: via an invite link)?|from the community)$", re.I), "join"),
    (re.compile(r"^.+? added (?P<list>.+)$", re.I), "join"),
    (re.compile(r"^.+? removed (?P<list>.+)$", re.I), "leave"),
    (re.compile(r"^(?P<name>.+?) left(?: the group)?$", re.I), "leave"),
]


def _names_in(m: re.Match[str]) -> list[str]:
    groups = m.groupdict()
    if groups.get("name"):
        return [groups["name"].strip()]
    if groups.get("names"):
        return [n.strip() for n in _QUOTED.findall(groups["names"]) if n.strip()]
    if groups.get("list"):
        text = groups["list"].strip()
        if text.casefold() in ("members", "you"):
            return []
        parts = re.split(r",\s*|\s+and\s+|、", text)
        return [p.strip().strip(_Q) for p in parts if p.strip() and p.strip().casefold() != "you"]
    return []


def parse_roster(texts: list[str]) -> Roster:
    """Read join/leave notices (WeChat in Chinese and English, WhatsApp, Telegram), in time order."""
    joined: dict[str, str] = {}  # name key -> name as first seen
    state: dict[str, bool] = {}  # name key -> in the group after the last notice
    for text in texts:
        t = text.strip().lstrip("\u200e")
        for pattern, event in _ROSTER_PATTERNS:
            m = pattern.search(t)
            if not m:
                continue
            for n in _names_in(m):
                k = name_key(n)
                if not k:
                    continue
                if event == "join":
                    joined.setdefault(k, n)
                state[k] = event == "join"
            break
    left = [joined.get(k, k) for k, inside in state.items() if not inside]
    return Roster(joined=list(joined.values()), left=left)


# --- health ---------------------------------------------------------------------------------------------


def _month(ts: int, tz: tzinfo) -> str:
    return datetime.fromtimestamp(ts, timezone.utc).astimezone(tz).strftime("%Y-%m")


def _months_between(first: str, last: str) -> list[str]:
    y, m = map(int, first.split("-"))
    ly, lm = map(int, last.split("-"))
    out = []
    while (y, m) <= (ly, lm):
        out.append(f"{y:04d}-{m:02d}")
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return out


def group_health(
    store,
    group: int | str,
    today: date,
    tz: tzinfo = timezone.utc,
    *,
    min_chars: int = DEFAULT_ANNOUNCEMENT_CHARS,
) -> GroupHealth:
    """Everything `outreach groups show` prints, for one group (by id or name)."""
    g = find_group(store, str(group)) if not isinstance(group, int) else sql.group_by_id(store.db, group)
    if g is None:
        raise GroupNotFound(f"no group with id {group}")
    gid = g["id"]
    _, end = _day_bounds(today, 1, tz)
    rows = sql.group_messages(store.db, gid, end)  # (id, ts, direction, kind, sender_id, text)
    system = [r[5] for r in rows if r[3] == "system"]
    msgs = [r for r in rows if r[3] != "system"]
    member_rows = sql.listed_members(store.db, gid)
    # Members as of `today`: everyone who wrote up to then, plus those listed as members who never wrote at
    # all (an export with a member list); a listed member whose first message is after `today` is not one yet.
    listed = {r["id"]: (r["name"], r["circle"]) for r in member_rows}
    wrote_ever = sql.authors(store.db, gid)
    names: dict[int, str] = {}
    circles: dict[int, str] = {}
    for r in msgs:
        cid = r[4]
        if cid is None or cid in names:
            continue
        if cid in listed:
            names[cid], circles[cid] = listed[cid]
        elif (c := store.get_contact(cid)) is not None:
            names[cid], circles[cid] = c.name, c.circle
    for cid, (name, circle) in listed.items():
        if cid not in wrote_ever:
            names[cid], circles[cid] = name, circle

    # --- per month (messages are in time order: the month changes only at its boundary)
    months: dict[str, MonthActivity] = {}
    active_by_month: dict[str, set[int]] = defaultdict(set)
    per_member: dict[int, list[int]] = defaultdict(list)  # contact -> timestamps, in order
    key, boundary, ma = "", -1, None
    for r in msgs:
        ts = r[1]
        if ts >= boundary or ma is None:
            key = _month(ts, tz)
            y, m = int(key[:4]), int(key[5:])
            boundary = int(datetime(y + (m == 12), m % 12 + 1, 1, tzinfo=tz).timestamp())
            ma = months.setdefault(key, MonthActivity(key))
        ma.messages += 1
        if r[2] == "out":
            ma.mine += 1
        elif r[4] is not None:
            active_by_month[key].add(r[4])
            per_member[r[4]].append(ts)
    span: list[MonthActivity] = []
    if msgs:
        for key in _months_between(_month(msgs[0][1], tz), today.strftime("%Y-%m")):
            ma = months.get(key, MonthActivity(key))
            ma.active = len(active_by_month.get(key, ()))
            span.append(ma)
    years: dict[int, tuple[int, set[int]]] = {}
    for ma in span:
        y = int(ma.month[:4])
        n, people = years.get(y, (0, set()))
        years[y] = (n + ma.messages, people | active_by_month.get(ma.month, set()))

    # --- spoke in the last D days
    spoke: dict[int, int] = {}
    spoke_names: dict[int, list[str]] = {}
    for days in WINDOWS:
        start, stop = _day_bounds(today, days, tz)
        counts = {cid: bisect_left(ts, stop) - bisect_left(ts, start) for cid, ts in per_member.items()}
        who = sorted((c for c, n in counts.items() if n), key=lambda c: (-counts[c], names.get(c, "")))
        spoke[days] = len(who)
        spoke_names[days] = [names.get(c, f"#{c}") for c in who]

    # --- 1:1 as well
    links: list[MemberLink] = []
    if names:
        for cid, n, last in sql.one_to_one_counts(store.db, names, end):
            ts = per_member.get(cid, [])
            links.append(MemberLink(cid, names[cid], circles.get(cid, "wider"), n, last, len(ts), max(ts) if ts else None))
    circle_rank = {"inner": 0, "close": 1, "wider": 2, "never": 3}
    links.sort(key=lambda x: (circle_rank.get(x.circle, 2), -x.one_to_one, x.name))

    # --- announcements and the response to them
    announcements: list[Announcement] = []
    times = [r[1] for r in msgs]
    for mid, ts, direction, kind, _, text in msgs:
        if direction == "out" and kind == "text" and is_announcement(text or "", min_chars):
            window_end = ts + RESPONSE_DAYS * 86400
            a = Announcement(mid, ts, text, complete=window_end < end)
            seen: set[int] = set()
            for o in msgs[bisect_right(times, ts):bisect_right(times, window_end)]:
                if o[2] == "in" and o[4] is not None:
                    a.replies += 1
                    if o[4] not in seen:
                        seen.add(o[4])
                        a.responders.append(o[4])
            announcements.append(a)

    # --- members: known, and what the join/leave notices add
    roster = parse_roster(system)
    gone = {name_key(n) for n in roster.left}
    known_gone = sum(1 for cid in names if gone & _keys_of(store, cid, names[cid]))

    health = GroupHealth(
        id=gid,
        channel=g["channel"],
        name=g["name"],
        today=today,
        members=len(names),
        member_count=max(len(names) - known_gone, len(roster.current)),
        roster=roster,
        messages=len(msgs),
        my_messages=sum(1 for r in msgs if r[2] == "out"),
        first_ts=msgs[0][1] if msgs else None,
        last_ts=msgs[-1][1] if msgs else None,
        months=span,
        spoke=spoke,
        spoke_names=spoke_names,
        one_to_one=links,
        announcements=announcements,
        recommendation=Recommendation("close", []),
        tz=tz,
    )
    health.years = [(y, n, len(p)) for y, (n, p) in sorted(years.items())]
    health.recommendation = recommend(health)
    return health


def _keys_of(store, cid: int, name: str) -> set[str]:
    return {name_key(raw) for raw in sql.name_identities(store.db, cid)} | {name_key(name)}


# --- the recommendation ---------------------------------------------------------------------------------


def recommend(h: GroupHealth) -> Recommendation:
    """keep / broadcast / close, with the numbers that decided it.

    - **keep** when the group lives without you: at least KEEP_MIN_ACTIVE members, and at least KEEP_MIN_SHARE
      of them, wrote in the last 90 days; or it is a small group (up to SMALL_GROUP_MAX members) where at
      least half wrote in the last year.
    - otherwise **broadcast** when people still read it: your latest announcement of the last three years drew
      at least BROADCAST_MIN_RESPONSE members (and BROADCAST_MIN_SHARE of them) within a week, or at least
      BROADCAST_MIN_ONE_TO_ONE members are people you also talk to 1:1. A quiet group that still answers is
      worth keeping as a channel for occasional updates (a few a year) rather than a place for chat.
    - otherwise **close**: quiet, and nothing says anyone still reads it. Say goodbye with a last message that
      tells people how else to reach you.
    """
    n = max(h.member_count, 1)
    a90, a365 = h.spoke[90], h.spoke[365]
    reasons: list[str] = []
    last = h.local_date(h.last_ts)
    if last:
        idle = (h.today - last).days
        reasons.append(f"last message {last.isoformat()} ({idle} days ago)" if idle else f"last message today ({last})")
    else:
        reasons.append("no messages imported")
    keep_min = max(KEEP_MIN_ACTIVE, round(KEEP_MIN_SHARE * n))
    reasons.append(f"{a90} of {h.member_count} members wrote in the last 90 days, {a365} in the last year")
    if a90 >= keep_min:
        reasons.append(f"that is a living group (threshold: {keep_min} in 90 days): keep it as it is")
        return Recommendation("keep", reasons)
    if h.member_count <= SMALL_GROUP_MAX and a365 * 2 >= h.member_count and a365:
        reasons.append(f"a small group ({h.member_count} members) where most wrote this year: keep it as it is")
        return Recommendation("keep", reasons)

    since = datetime.combine(h.today - timedelta(days=BROADCAST_LOOKBACK_DAYS), time(0), h.tz).timestamp()
    recent = [a for a in h.announcements if a.ts >= since]
    resp_min = max(BROADCAST_MIN_RESPONSE, round(BROADCAST_MIN_SHARE * n))
    latest = recent[-1] if recent else None
    if latest:
        reasons.append(
            f"your announcement of {h.local_date(latest.ts).isoformat()} drew {latest.response} member(s) "
            f"within {RESPONSE_DAYS} days ({latest.response / n:.0%} of members)"
        )
    elif h.announcements:
        reasons.append(f"your last announcement was on {h.local_date(h.announcements[-1].ts).isoformat()}, "
                       f"more than {BROADCAST_LOOKBACK_DAYS // 365} years ago")
    else:
        reasons.append("you never posted an announcement there")
    if h.one_to_one:
        reasons.append(f"{len(h.one_to_one)} member(s) are people you also talk to 1:1")
    if (latest and latest.response >= resp_min) or len(h.one_to_one) >= BROADCAST_MIN_ONE_TO_ONE:
        reasons.append(
            "quiet, but people still read it: use it as a broadcast channel for occasional updates "
            "(a few a year, pinned rules, no expectation of chat)"
        )
        return Recommendation("broadcast", reasons)
    reasons.append(
        f"quiet, and an announcement would likely go unanswered (threshold: {resp_min} replies within a week): "
        "close it with a last message that says how else to reach you (or leave it, if it is not yours)"
    )
    return Recommendation("close", reasons)
