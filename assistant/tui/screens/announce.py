"""The announcement and group screens of the one TUI app (`outreach rewrite --tui`, `outreach groups --tui`
and the queue's `w` open them).

`AnnounceScreen`: type or paste an announcement (the cursor starts there), pick the channel and the languages,
Ctrl+R rewrites it in a background worker; each version appears beside the original with the changes marked,
with the fact check, warnings and the checker's reasons for any rejected answer (the same renderable as
`outreach rewrite`). Pick a version and Ctrl+L copies its text (OSC 52, as approving a draft does).
`GroupsScreen`: the groups table; selecting one shows its health report (activity chart, who spoke, 1:1
overlap, announcements and the keep / broadcast / close suggestion).

Both take an `AnnounceService` (assistant/services/announce.py). Workers only post messages
(assistant.tui.events); only message handlers change widgets.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Button,
    Checkbox,
    DataTable,
    Header,
    Input,
    Label,
    Select,
    Static,
    TextArea,
)

from assistant.announce.channels import CHANNELS
from assistant.tui.events import GroupHealth, GroupsLoaded, Job, Rewritten, WorkFailed, WorkStarted, run_job
from assistant.tui.widgets.footer import FittingFooter

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
        Binding("ctrl+l", "copy", "Copy version", id="announce.copy",
                tooltip="Copy the chosen version's text to the clipboard"),
        Binding("ctrl+o", "toggle_offline", "Offline", id="announce.offline",
                tooltip="Use the offline clean-up only (no language model)"),
        Binding("escape", "back", "Back", id="announce.back", tooltip="Back to the previous screen (or quit)"),
    ]

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
            with Vertical(classes="field"):
                yield Label("Channel", classes="field-label")
                yield Select([(c.label, c.name) for c in CHANNELS.values()], value=self.initial_channel,
                             allow_blank=False, id="channel", tooltip="Where it goes: length limit and formatting")
            with Vertical(classes="field"):
                yield Label("Languages", classes="field-label")
                yield Input(self.initial_langs, placeholder="zh,en (empty: its own)", id="langs",
                            tooltip="One version per language; empty: the announcement's own")
            with Vertical(classes="field"):
                yield Label("Model", classes="field-label")
                yield Checkbox("offline", not self.service.model_configured, id="offline",
                               tooltip="Offline clean-up only (no language model)")
            with Vertical(classes="field"):
                yield Label(" ", classes="field-label")
                yield Button("Rewrite", id="go", variant="primary", tooltip="Ctrl+R")
        yield Label("Your announcement (type or paste it here; Ctrl+R rewrites it)", classes="field-label")
        yield TextArea(self.initial_text, id="announcement", soft_wrap=True)
        with Horizontal(id="result-bar"):
            yield Label("Version to copy", classes="field-label")
            yield Select([], prompt="rewrite first", id="version", tooltip="Ctrl+L copies this version")
        yield Static("", id="status")
        with VerticalScroll(id="result-box"):
            yield Static("The rewritten versions appear here, beside the original, with every fact checked.",
                         id="result")
        yield FittingFooter(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "rewrite an announcement"
        self.query_one("#result-bar").display = False
        self.query_one("#announcement", TextArea).focus()

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
            self.post_message(WorkFailed(Job.REWRITE, str(e)))
            return
        fn = lambda: self.service.rewrite(text, channel=channel, langs=langs, offline=offline)  # noqa: E731
        self.run_worker(lambda: run_job(self, Job.REWRITE, fn, Rewritten), thread=True, exclusive=True,
                        group="rewrite", name="rewrite")

    def action_copy(self) -> None:
        if self.result is None or not self.result.versions:
            self.query_one("#status", Static).update("nothing to copy yet: Ctrl+R rewrites the announcement first")
            return
        value = self.query_one("#version", Select).value
        i = value if isinstance(value, int) else 0
        v = self.result.versions[i]
        self.app.copy_to_clipboard(v.text)
        self.query_one("#status", Static).update(
            f"copied the {v.lang} version ({len(v.text)} characters) to the clipboard")
        self.notify(f"the {v.lang} version", title="Copied", timeout=3)

    # --- handlers: the only place widgets change

    def on_work_started(self, _: WorkStarted) -> None:
        self.query_one("#status", Static).update("rewriting…")
        self.query_one("#go", Button).disabled = True

    def on_rewritten(self, message: Rewritten) -> None:
        from assistant.announce.render import render_result

        self.result = message.result
        self.query_one("#go", Button).disabled = False
        fell_back = [v.lang for v in message.result.versions if v.fell_back]
        status = "done" + (f"; offline clean-up shown for: {', '.join(fell_back)}" if fell_back else "")
        self.query_one("#status", Static).update(status)
        self.query_one("#result", Static).update(render_result(message.result))
        versions = self.query_one("#version", Select)
        versions.set_options([(f"{v.lang} ({v.via})", i) for i, v in enumerate(message.result.versions)])
        if message.result.versions:
            versions.value = 0
        self.query_one("#result-bar").display = bool(message.result.versions)

    def on_work_failed(self, message: WorkFailed) -> None:
        self.query_one("#go", Button).disabled = False
        self.query_one("#status", Static).update(f"error: {message.error}")


class GroupsScreen(_Back, Screen):
    CSS_PATH = CSS
    BINDINGS = [
        Binding("escape", "back", "Back", id="groups.back", tooltip="Back to the previous screen (or quit)"),
        Binding("r", "refresh", "Refresh", id="groups.refresh", tooltip="Read the groups again"),
    ]

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
        yield FittingFooter(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "groups"
        table = self.query_one("#groups", DataTable)
        table.add_columns("#", "group", "channel", "members", "messages", "spoke 90 d", "suggestion")
        self.action_refresh()

    def action_refresh(self) -> None:
        def load():
            rows = self.service.groups(self.today)
            return rows, {r.id: self.service.health(r.id, self.today) for r in rows}

        self.run_worker(lambda: run_job(self, Job.GROUPS, load, GroupsLoaded), thread=True, exclusive=True,
                        group="groups", name="groups")

    def on_groups_loaded(self, message: GroupsLoaded) -> None:
        table = self.query_one("#groups", DataTable)
        table.clear()
        for r in message.rows:
            h = message.verdicts.get(r.id)
            table.add_row(str(r.id), r.name, r.channel, str(h.member_count if h else r.members), str(r.messages),
                          str(r.active_90), h.recommendation.verdict if h else "", key=str(r.id))
        if not message.rows:
            self.query_one("#health", Static).update(
                "No groups yet: import a group chat export (`outreach import PATH`, or i in the queue).")

    @on(DataTable.RowHighlighted, "#groups")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is None or event.row_key.value is None:
            return
        gid = int(event.row_key.value)
        self.run_worker(lambda: run_job(self, Job.GROUPS, lambda: self.service.health(gid, self.today), GroupHealth),
                        thread=True, exclusive=True, group="health", name="health")

    def on_group_health(self, message: GroupHealth) -> None:
        from assistant.groups.render import health_report

        self.health = message.health
        self.query_one("#health", Static).update(health_report(message.health))

    def on_work_failed(self, message: WorkFailed) -> None:
        self.query_one("#health", Static).update(f"error: {message.error}")
