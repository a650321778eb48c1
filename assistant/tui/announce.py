"""TUI screens for announcements and groups.

`AnnounceScreen`: type or paste an announcement, pick the channel and the languages, Ctrl+R rewrites it in a
background worker; each version appears beside the original with the changes marked, with the fact check,
warnings and the checker's reasons for any rejected answer (the same renderable as `outreach rewrite`).
`GroupsScreen`: the groups table; selecting one shows its health report (activity chart, who spoke, 1:1
overlap, announcements and the keep / broadcast / close suggestion).

Both take an `AnnounceService` (assistant/services/announce.py). One threading rule: workers only post
messages; only message handlers change widgets.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import (
    Button,
    Checkbox,
    DataTable,
    Footer,
    Header,
    Input,
    Select,
    Static,
    TextArea,
)

from assistant.announce.channels import CHANNELS

CSS = Path(__file__).with_name("announce.tcss")


class _Back:
    def action_back(self) -> None:
        """Back to the screen below; quit when this screen is the app's first one."""
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit()


class AnnounceScreen(_Back, Screen):
    CSS_PATH = CSS
    BINDINGS = [
        Binding("ctrl+r", "rewrite", "Rewrite", id="announce.rewrite", tooltip="Rewrite the announcement now"),
        Binding("ctrl+o", "toggle_offline", "Offline", id="announce.offline",
                tooltip="Use the offline clean-up only (no language model)"),
        Binding("escape", "back", "Back", id="announce.back", tooltip="Back to the previous screen (or quit)"),
    ]

    class Started(Message):
        pass

    class Finished(Message):
        def __init__(self, result) -> None:
            super().__init__()
            self.result = result

    class Failed(Message):
        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    def __init__(self, service, text: str = "", *, channel: str = "wechat", langs: str = "") -> None:
        super().__init__()
        self.service = service
        self.initial_text = text
        self.initial_channel = channel
        self.initial_langs = langs
        self.result = None  # the last RewriteResult shown

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="controls"):
            yield Select([(c.label, c.name) for c in CHANNELS.values()], value=self.initial_channel,
                         allow_blank=False, id="channel", tooltip="Where it goes: length limit and formatting")
            yield Input(self.initial_langs, placeholder="zh,en", id="langs",
                        tooltip="One version per language; empty: the announcement's own")
            yield Checkbox("offline", not self.service.model_configured, id="offline",
                           tooltip="Offline clean-up only (no language model)")
            yield Button("Rewrite", id="go", variant="primary", tooltip="Ctrl+R")
        yield TextArea(self.initial_text, id="announcement", soft_wrap=True)
        yield Static("", id="status")
        with VerticalScroll(id="result-box"):
            yield Static("", id="result")
        yield Footer()

    # --- actions: read the widgets, start a worker

    def action_toggle_offline(self) -> None:
        box = self.query_one("#offline", Checkbox)
        box.value = not box.value

    @on(Button.Pressed, "#go")
    def action_rewrite(self) -> None:
        from assistant.announce.rewrite import RewriteError, parse_langs

        text = self.query_one("#announcement", TextArea).text
        channel = str(self.query_one("#channel", Select).value)
        offline = self.query_one("#offline", Checkbox).value
        try:
            langs = parse_langs(self.query_one("#langs", Input).value)
        except RewriteError as e:
            self.post_message(self.Failed(str(e)))
            return
        self.post_message(self.Started())
        self.run_worker(lambda: self._work(text, channel, langs, offline), thread=True, exclusive=True,
                        group="rewrite", name="rewrite")

    def _work(self, text: str, channel: str, langs, offline: bool) -> None:
        """In a thread: only posts messages."""
        try:
            result = self.service.rewrite(text, channel=channel, langs=langs, offline=offline)
        except Exception as e:  # shown in the status line; never a crash of the UI
            self.post_message(self.Failed(str(e)))
            return
        self.post_message(self.Finished(result))

    # --- handlers: the only place widgets change

    def on_announce_screen_started(self, _: Started) -> None:
        self.query_one("#status", Static).update("rewriting…")
        self.query_one("#go", Button).disabled = True

    def on_announce_screen_finished(self, message: Finished) -> None:
        from assistant.announce.render import render_result

        self.result = message.result
        self.query_one("#go", Button).disabled = False
        fell_back = [v.lang for v in message.result.versions if v.fell_back]
        status = "done" + (f"; offline clean-up shown for: {', '.join(fell_back)}" if fell_back else "")
        self.query_one("#status", Static).update(status)
        self.query_one("#result", Static).update(render_result(message.result))

    def on_announce_screen_failed(self, message: Failed) -> None:
        self.query_one("#go", Button).disabled = False
        self.query_one("#status", Static).update(f"error: {message.error}")


class GroupsScreen(_Back, Screen):
    CSS_PATH = CSS
    BINDINGS = [
        Binding("escape", "back", "Back", id="groups.back", tooltip="Back to the previous screen (or quit)"),
        Binding("r", "refresh", "Refresh", id="groups.refresh", tooltip="Read the groups again"),
    ]

    class Loaded(Message):
        def __init__(self, rows, verdicts) -> None:
            super().__init__()
            self.rows, self.verdicts = rows, verdicts

    class HealthReady(Message):
        def __init__(self, health) -> None:
            super().__init__()
            self.health = health

    class Failed(Message):
        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    def __init__(self, service, today=None) -> None:
        super().__init__()
        self.service = service
        self.today = today
        self.health = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="groups", cursor_type="row")
        with VerticalScroll(id="health-box"):
            yield Static("select a group", id="health")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#groups", DataTable)
        table.add_columns("#", "group", "channel", "members", "messages", "spoke 90 d", "suggestion")
        self.action_refresh()

    def action_refresh(self) -> None:
        self.run_worker(self._load, thread=True, exclusive=True, group="groups", name="groups")

    def _load(self) -> None:
        try:
            rows = self.service.groups(self.today)
            verdicts = {r.id: self.service.health(r.id, self.today) for r in rows}
        except Exception as e:
            self.post_message(self.Failed(str(e)))
            return
        self.post_message(self.Loaded(rows, verdicts))

    def _load_health(self, group_id: int) -> None:
        try:
            self.post_message(self.HealthReady(self.service.health(group_id, self.today)))
        except Exception as e:
            self.post_message(self.Failed(str(e)))

    def on_groups_screen_loaded(self, message: Loaded) -> None:
        table = self.query_one("#groups", DataTable)
        table.clear()
        for r in message.rows:
            h = message.verdicts.get(r.id)
            table.add_row(str(r.id), r.name, r.channel, str(h.member_count if h else r.members), str(r.messages),
                          str(r.active_90), h.recommendation.verdict if h else "", key=str(r.id))
        if not message.rows:
            self.query_one("#health", Static).update("no groups yet: import a group chat export first")

    @on(DataTable.RowHighlighted, "#groups")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is None or event.row_key.value is None:
            return
        gid = int(event.row_key.value)
        self.run_worker(lambda: self._load_health(gid), thread=True, exclusive=True, group="health", name="health")

    def on_groups_screen_health_ready(self, message: HealthReady) -> None:
        from assistant.groups.render import health_report

        self.health = message.health
        self.query_one("#health", Static).update(health_report(message.health))

    def on_groups_screen_failed(self, message: Failed) -> None:
        self.query_one("#health", Static).update(f"error: {message.error}")


class AnnounceApp(App):
    """The two screens on their own (`outreach rewrite --tui`, `outreach groups --tui`); the main TUI pushes
    the same screens."""

    TITLE = "outreach"

    def __init__(self, service, *, screen: str = "rewrite", text: str = "", channel: str = "wechat", langs: str = "",
                 today=None) -> None:
        super().__init__()
        self.service = service
        self._first = (screen, text, channel, langs, today)

    def on_mount(self) -> None:
        screen, text, channel, langs, today = self._first
        if screen == "groups":
            self.push_screen(GroupsScreen(self.service, today))
        else:
            self.push_screen(AnnounceScreen(self.service, text, channel=channel, langs=langs))
