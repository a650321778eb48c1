"""The outreach TUI: the draft review queue, contacts, questions, import and indexing, announcements.

    from assistant.tui.app import make_app
    make_app(settings).run()            # what `outreach` (no arguments) and `outreach demo` do

The one threading rule: **background workers only post messages; only message handlers change state.**
Slow work (model calls, searches, imports, indexing) runs in thread workers through `QueueService.compute_*` /
`run_*`, each with its own SQLite connection; it reports through `assistant.tui.events` messages (started,
progress, tokens, done, failed). Handlers, on the UI thread, write results to the store through the service's
main-thread methods and update the widgets. So the UI never freezes, a failed call leaves the queue as it was,
and tests can wait for workers (`app.workers.wait_for_complete()`) instead of sleeping.

Screens talk to `assistant.services.session.QueueService`, never to SQL, openai or chromadb; the service builds its
clients through `assistant.services`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from assistant.tui.commands import ContactsProvider

HERE = Path(__file__).parent


class OutreachApp(App):
    TITLE = "outreach"
    SUB_TITLE = "review queue"
    CSS_PATH = HERE / "outreach.tcss"
    COMMANDS = App.COMMANDS | {ContactsProvider}
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", key_display="?", id="app.help",
                tooltip="Every key binding, on every screen"),
        Binding("o", "open_report", "What works", id="app.report", show=False,
                tooltip="Outcomes: your core circle, which touches get answers, and the plan as a calendar file"),
        Binding("ctrl+t", "toggle_theme", "Theme", id="app.theme", tooltip="Switch between the dark and the light theme"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", tooltip="Leave (everything is already saved)"),
    ]

    def __init__(self, service, *, start: str = "queue", light: bool = False, build_index: bool = False,
                 drafts: int = 0, announcement: str = "", channel: str = "wechat", langs: str = "") -> None:
        super().__init__()
        self.service = service
        self._start = start
        self._build_index, self._drafts = build_index, drafts
        self._announce = (announcement, channel, langs)
        self.theme = "textual-light" if light else "textual-dark"

    def on_mount(self) -> None:
        """`start`: queue (default), import (the import screen over the queue), rewrite or groups (that screen
        alone: Escape quits)."""
        from assistant.tui.screens.queue import QueueScreen

        if self._start == "rewrite":
            from assistant.tui.screens.announce import AnnounceScreen

            text, channel, langs = self._announce
            self.push_screen(AnnounceScreen(self.announce_service(), text, channel=channel, langs=langs))
            return
        if self._start == "groups":
            from assistant.tui.screens.announce import GroupsScreen

            self.push_screen(GroupsScreen(self.announce_service(), self.service.today))
            return
        self.push_screen(QueueScreen(self.service, first_run_drafts=self._drafts, build_index=self._build_index))
        if self._start == "import":
            self.action_open_import()

    def announce_service(self):
        from assistant.services.announce import AnnounceService

        return AnnounceService(self.service.settings, self.service.store)

    def copy_to_clipboard(self, text: str) -> None:
        """Everything the app copies (an approved draft, an announcement) goes through the sanitizer: no terminal
        control code from an imported chat or an edit reaches the clipboard (OSC 52)."""
        from assistant.text.sanitize import sanitize

        super().copy_to_clipboard(sanitize(text))

    # --- app-wide actions ------------------------------------------------------------------------------------

    def action_help(self) -> None:
        from assistant.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def action_open_contact(self, contact_id: int) -> None:
        from assistant.tui.screens.contact import ContactScreen

        self.push_screen(ContactScreen(self.service, int(contact_id)))

    def action_ask(self, question: str = "") -> None:
        from assistant.tui.screens.ask import AskScreen

        self.push_screen(AskScreen(self.service, question))

    def action_open_import(self) -> None:
        from assistant.tui.screens.importer import ImportScreen

        self.push_screen(ImportScreen(self.service))

    def action_open_rewrite(self) -> None:
        from assistant.tui.screens.announce import AnnounceScreen

        self.push_screen(AnnounceScreen(self.announce_service()))

    def action_open_groups(self) -> None:
        from assistant.tui.screens.announce import GroupsScreen

        self.push_screen(GroupsScreen(self.announce_service(), self.service.today))

    def action_open_report(self) -> None:
        from assistant.tui.screens.report import ReportScreen

        self.push_screen(ReportScreen(self.service))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette lists what the current screen can do (its bindings), then the app's own commands."""
        seen = set()
        for binding in screen.BINDINGS:
            if not isinstance(binding, Binding) or not binding.description or binding.action in seen:
                continue
            if screen.check_action(binding.action, ()) is False:
                continue
            seen.add(binding.action)
            yield SystemCommand(binding.description, binding.tooltip or binding.description,
                                lambda a=binding.action, s=screen: self.call_later(s.run_action, a))
        yield SystemCommand("Ask a question", "e.g. who should I reconnect with this month?", self.action_ask)
        yield SystemCommand("Import and index", "Import chat exports and build the search index, with progress",
                            self.action_open_import)
        yield SystemCommand("Rewrite an announcement", "Clearer, shorter, same facts, per channel and language",
                            self.action_open_rewrite)
        yield SystemCommand("Groups", "Your group chats and their health", self.action_open_groups)
        yield SystemCommand("What works", "Your core circle, which touches get answers, the calendar plan",
                            self.action_open_report)
        yield SystemCommand("Help", "Every key binding", self.action_help)
        yield from super().get_system_commands(screen)


def make_app(settings=None, *, service=None, store=None, today: date | None = None, offline: bool | None = None,
             start: str = "queue", light: bool = False, build_index: bool = False, drafts: int = 0,
             announcement: str = "", channel: str = "wechat", langs: str = "") -> OutreachApp:
    """The one factory the CLI, the tests and the benchmarks use. Give `settings` (a `Settings`; default: from
    the environment), or a ready `service` (`QueueService`). `build_index`: build or finish the search index
    in the background when it needs it (the first run), drafting for the top `drafts` of the ranking as soon
    as the lexical index is there."""
    if service is None:
        from assistant.services.session import QueueService

        if settings is None:
            from assistant.config import Settings

            settings = Settings()
        service = QueueService(settings, store, today=today, offline=offline)
    return OutreachApp(service, start=start, light=light, build_index=build_index, drafts=drafts,
                       announcement=announcement, channel=channel, langs=langs)


__all__ = ["OutreachApp", "make_app"]
