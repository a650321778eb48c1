"""Rich renderables for group health: the `groups` table, the month-by-month activity chart and the full
`groups show` report. Used by the CLI and reusable by the TUI (a Textual `Static` accepts any of them).

User data (group names, member names, announcement text) is always wrapped in `Text`, never parsed as markup.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timezone, tzinfo

from rich.console import Group as RGroup
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from assistant.groups.health import (
    RESPONSE_DAYS,
    WINDOWS,
    GroupHealth,
    GroupRow,
    MonthActivity,
)

BLOCKS = "▁▂▃▄▅▆▇█"
EMPTY = "·"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
VERDICT_STYLE = {"keep": "bold green", "broadcast": "bold yellow", "close": "bold red"}
_SHADES = ("grey42", "grey58", "cyan", "cyan", "bright_cyan", "bright_cyan", "bold bright_cyan", "bold bright_white")


def _date(ts: int | None, tz: tzinfo) -> str:
    if ts is None:
        return "-"
    return datetime.fromtimestamp(ts, timezone.utc).astimezone(tz).strftime("%Y-%m-%d")


def level(value: int, peak: int) -> int:
    """0 for nothing, else 1..8 on a log scale relative to the peak (a group's first year is often 100x
    busier than its later ones; a linear scale would show every later month as empty)."""
    if value <= 0 or peak <= 0:
        return 0
    if value >= peak:
        return 8
    return min(8, 1 + int(7 * (math.log1p(value) / math.log1p(peak)) + 1e-9))


def glyph(value: int, peak: int) -> str:
    lv = level(value, peak)
    return EMPTY if lv == 0 else BLOCKS[lv - 1]


def sparkline(values: list[int]) -> str:
    """One character per value, log-scaled to the largest: '·▁▃█'."""
    peak = max(values, default=0)
    return "".join(glyph(v, peak) for v in values)


def activity_chart(
    months: list[MonthActivity],
    metric: str = "messages",
    title: str | None = None,
    years: list[tuple[int, int, int]] | None = None,
) -> Table:
    """A year x month grid of block characters (log scale), with each year's messages and, given `years`
    ((year, messages, distinct members) as `GroupHealth.years`), the distinct members who wrote that year.

    metric: "messages" (everyone's messages per month) or "active" (distinct members who wrote that month).
    """
    if metric not in ("messages", "active"):
        raise ValueError(f"metric must be 'messages' or 'active', not {metric!r}")
    peak = max((getattr(m, metric) for m in months), default=0)
    label = "messages" if metric == "messages" else "members who wrote"
    table = Table(
        title=title or f"Activity per month: {label}",
        caption=f"{BLOCKS[0]}…{BLOCKS[-1]} log scale, busiest month {peak}; {EMPTY} none",
        title_justify="left",
        caption_justify="left",
        box=None,
        pad_edge=False,
        padding=(0, 1),
    )
    table.add_column("year", style="bold")
    for name in MONTHS:
        table.add_column(name[:1], justify="center", no_wrap=True)
    table.add_column("messages", justify="right")
    table.add_column("active", justify="right")
    active = {y: a for y, _, a in years or ()}
    by_year: dict[int, dict[int, MonthActivity]] = {}
    for m in months:
        y, mo = int(m.month[:4]), int(m.month[5:7])
        by_year.setdefault(y, {})[mo] = m
    for y in sorted(by_year):
        cells = []
        for mo in range(1, 13):
            m = by_year[y].get(mo)
            if m is None:
                cells.append(Text(" "))
                continue
            v = getattr(m, metric)
            lv = level(v, peak)
            cells.append(Text(glyph(v, peak), style=_SHADES[lv - 1] if lv else "grey35"))
        total = sum(m.messages for m in by_year[y].values())
        table.add_row(str(y), *cells, str(total), str(active.get(y, "")))
    return table


def groups_table(rows: list[GroupRow], tz: tzinfo = timezone.utc, healths: dict[int, GroupHealth] | None = None) -> Table:
    """The groups; with `healths` (id -> GroupHealth) the member count includes what join notices say, and a
    suggestion column is added."""
    table = Table(title="Groups", title_justify="left", box=None, pad_edge=False, caption_justify="left",
                  caption="members: who wrote in it, or more by its join notices; 90 d: members who wrote in the "
                          "last 90 days")
    table.add_column("#", justify="right")
    table.add_column("group", no_wrap=True, min_width=12, overflow="ellipsis")
    table.add_column("channel", no_wrap=True)
    table.add_column("members", justify="right")
    table.add_column("msgs", justify="right")
    table.add_column("last", no_wrap=True)
    table.add_column("90 d", justify="right")
    if healths:
        table.add_column("suggestion", no_wrap=True)
    for r in rows:
        h = (healths or {}).get(r.id)
        cells: list[RenderableType] = [
            str(r.id), Text(r.name, style="bold"), r.channel, str(h.member_count if h else r.members), str(r.messages),
            _date(r.last_ts, tz), str(r.active_90),
        ]
        if healths:
            v = h.recommendation.verdict if h else ""
            cells.append(Text(v, style=VERDICT_STYLE.get(v, "")))
        table.add_row(*cells)
    return table


def _names(names: list[str], limit: int = 12) -> Text:
    if not names:
        return Text("-", style="dim")
    t = Text(", ".join(names[:limit]))
    if len(names) > limit:
        t.append(f" and {len(names) - limit} more", style="dim")
    return t


def health_report(h: GroupHealth, *, announcements: int = 8, names: int = 12) -> RGroup:
    """The full `groups show` report as one renderable."""
    tz = h.tz
    parts: list[RenderableType] = []
    head = Text()
    head.append(h.name, style="bold")
    head.append(f"  #{h.id} · {h.channel} · as of {h.today.isoformat()}", style="dim")
    parts.append(head)

    facts = Table(box=None, show_header=False, pad_edge=False)
    facts.add_column(style="dim")
    facts.add_column()
    roster = h.roster
    detail = f"{h.members} known (wrote at least once)"
    if roster.joined:
        detail += f"; join notices: {len(roster.joined)} joined, {len(roster.left)} left or removed"
    facts.add_row("members", Text(f"{h.member_count}  ").append(detail, style="dim"))
    facts.add_row("messages", f"{h.messages} ({h.my_messages} yours), {_date(h.first_ts, tz)} – {_date(h.last_ts, tz)}")
    for d in WINDOWS:
        row = Text(f"{h.spoke[d]:>4}  ")
        if d != 365:
            row.append_text(_names(h.spoke_names[d], names))
        facts.add_row(f"spoke, last {d} days", row)
    parts.append(facts)

    if h.months:
        parts.append(Text(""))
        parts.append(activity_chart(h.months, years=h.years))

    parts.append(Text(""))
    if h.one_to_one:
        t = Table("member", "circle", "1:1 messages", "last 1:1", "in group", "last in group",
                  title=f"Members you also talk to 1:1 ({len(h.one_to_one)})", title_justify="left", box=None,
                  pad_edge=False)
        for m in h.one_to_one[:names]:
            t.add_row(Text(m.name), m.circle, str(m.one_to_one), _date(m.last_one_to_one, tz), str(m.group_messages),
                      _date(m.last_group, tz))
        parts.append(t)
    else:
        parts.append(Text("Members you also talk to 1:1: none", style="dim"))

    parts.append(Text(""))
    if h.announcements:
        n = max(h.member_count, 1)
        shown = h.announcements[-announcements:]
        t = Table(title=f"Your announcements ({len(h.announcements)}"
                  + (f", last {len(shown)}" if len(shown) < len(h.announcements) else "") + ") and the response",
                  title_justify="left", box=None, pad_edge=False)
        t.add_column("date")
        t.add_column("announcement", max_width=40, no_wrap=True, overflow="ellipsis")
        t.add_column(f"members who wrote within {RESPONSE_DAYS} d")
        t.add_column("messages", justify="right")
        peak = max(a.response for a in h.announcements)
        for a in shown:
            preview = " ".join(a.text.split())
            bar = Text("█" * max(1, round(12 * a.response / peak)) if a.response else "", style="yellow")
            bar.append(f" {a.response} ({a.response / n:.0%})" + ("" if a.complete else " so far"))
            t.add_row(_date(a.ts, tz), Text(preview, no_wrap=True, overflow="ellipsis"), bar, str(a.replies))
        parts.append(t)
    else:
        parts.append(Text("Your announcements: none found", style="dim"))

    parts.append(Text(""))
    rec = h.recommendation
    line = Text("Suggestion: ")
    line.append(rec.verdict, style=VERDICT_STYLE.get(rec.verdict, "bold"))
    parts.append(line)
    for reason in rec.reasons:
        parts.append(Text(f"  • {reason}"))
    return RGroup(*parts)


def today_in(tz: tzinfo) -> date:
    return datetime.now(tz).date()
