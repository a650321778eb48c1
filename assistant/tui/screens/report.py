"""What works: the core circle at a glance, reply rates by kind of touch, and how announcements landed; `p`
writes the coming touches to a calendar file. The numbers are computed in a worker (the touches are brought up
to date with the store first, which can take a moment after an import); the worker posts `ReportReady`."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

HEALTH_STYLE = {"warm": "green", "due": "yellow", "cooling": "red"}


@dataclass
class ReportData:
    circle: list
    report: object  # assistant.outcomes.report.Report


class ReportReady(Message):
    def __init__(self, data: ReportData) -> None:
        super().__init__()
        self.data = data


class ReportFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


def bar(rate: float, width: int = 20) -> Text:
    full = round(rate * width)
    return Text("█" * full, style="green") + Text("·" * (width - full), style="dim")


def circle_table(members: list) -> Table:
    t = Table(title="Core circle", title_justify="left", expand=True, box=None)
    for col in ("", "name", "last touch", "next touch", "health", "answered", "coming up"):
        t.add_column(col, overflow="fold")
    for m in members:
        t.add_row("?" if m.proposed else "●", m.name,
                  (m.last_touch or "-") + (f" ({m.last_channel})" if m.last_channel else ""), m.next_touch or "-",
                  Text(m.health, style=HEALTH_STYLE[m.health]), f"{m.answered}/{m.touches}" if m.touches else "-",
                  ", ".join(m.upcoming) or "-")
    return t


def report_tables(report) -> list:
    from assistant.outcomes.report import DIMENSION_TITLES

    out: list = []
    o = report.overall
    if o is None:
        out.append(Text("No touches with a known outcome yet: approve drafts, and import your chats again later "
                        "to bring the answers in."))
    else:
        out.append(Text(f"{report.touches} touches: {o.replied} of {o.n} answered within 30 days ({o.rate:.0%}, "
                        f"95% interval {o.low:.0%}–{o.high:.0%})"
                        + (f", {report.pending} too recent to tell" if report.pending else "")))
    for dim, rows in report.breakdowns.items():
        t = Table(title=DIMENSION_TITLES[dim], title_justify="left", expand=True, box=None)
        for col in ("", "reply rate", "", "answered", "median reply", "confidence"):
            t.add_column(col)
        for r in rows:
            t.add_row(r.label, f"{r.rate:.0%}" if r.enough else "–", bar(r.rate) if r.enough else Text(""),
                      f"{r.replied}/{r.n}", "-" if r.median_hours is None else f"{r.median_hours:.1f} h",
                      r.confidence)
        out.append(t)
    if report.announcements:
        t = Table(title="Group announcements: members who answered within 7 days", title_justify="left",
                  expand=True, box=None)
        for col in ("date", "group", "share", "", "answered"):
            t.add_column(col)
        for a in report.announcements[-12:]:
            t.add_row(a.date, a.group, f"{a.share:.0%}", bar(a.share), f"{a.answered}/{a.members}")
        out.append(t)
    return out


class ReportScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="report.back", tooltip="Back to the queue"),
        Binding("r", "refresh", "Refresh", id="report.refresh", tooltip="Recompute with what the store holds now"),
        Binding("p", "plan", "Calendar", id="report.plan",
                tooltip="Write the coming touches of the next 3 months to plan.ics in your data folder"),
    ]

    def __init__(self, service) -> None:
        super().__init__()
        self.service = service

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="report-body"):
            yield Static("computing…", id="report-circle")
            yield Static("", id="report-works")
        yield Static("", id="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "what works"
        self.action_refresh()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_refresh(self) -> None:
        self.query_one("#status", Static).update("bringing the touches up to date…")
        self.run_worker(self._compute, thread=True, exclusive=True, group="report", name="report")

    def _compute(self) -> None:
        from assistant.services.report import core_circle, what_works

        try:
            with self.service.worker_store() as store:
                data = ReportData(core_circle(self.service.settings, store, self.service.today),
                                  what_works(self.service.settings, store))
        except Exception as e:  # noqa: BLE001 - shown on the screen; the app keeps running
            self.post_message(ReportFailed(str(e) or type(e).__name__))
            return
        self.post_message(ReportReady(data))

    def on_report_ready(self, message: ReportReady) -> None:
        from rich.console import Group

        circle = message.data.circle
        self.query_one("#report-circle", Static).update(
            circle_table(circle) if circle else Text("No core circle yet: mark 5-10 people inner "
                                                     "(outreach contacts set NAME --circle inner)."))
        self.query_one("#report-works", Static).update(Group(*report_tables(message.data.report)))
        self.query_one("#status", Static).update("? = proposed from your history; p writes the calendar file")

    def on_report_failed(self, message: ReportFailed) -> None:
        self.query_one("#status", Static).update(f"report failed: {message.error}")

    def action_plan(self) -> None:
        from assistant.services.report import plan_events, write_ics

        path = self.service.settings.home / "plan.ics"
        events = plan_events(self.service.settings, self.service.store, self.service.today, months=3)
        write_ics(events, path)
        self.query_one("#status", Static).update(f"wrote {len(events)} events to {path}")
        self.notify(f"{len(events)} events in {path}: import it into your calendar", title="Calendar")
