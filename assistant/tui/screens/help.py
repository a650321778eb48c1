"""Every key binding of every screen, read from the screens' own BINDINGS (so it is never out of date)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label


def all_bindings() -> list[tuple[str, list[Binding]]]:
    from assistant.tui.app import OutreachApp
    from assistant.tui.screens.ask import AskScreen
    from assistant.tui.screens.contact import ContactScreen
    from assistant.tui.screens.importer import ImportScreen
    from assistant.tui.screens.modals import ConfirmScreen, InstructionScreen, SnoozeScreen
    from assistant.tui.screens.queue import QueueScreen
    from assistant.tui.screens.report import ReportScreen

    from assistant.tui.screens.announce import AnnounceScreen, GroupsScreen

    groups = [("Everywhere", OutreachApp), ("Draft queue", QueueScreen), ("Snooze", SnoozeScreen),
              ("Regenerate", InstructionScreen), ("Confirm", ConfirmScreen), ("Contact", ContactScreen),
              ("Ask", AskScreen), ("Import & index", ImportScreen), ("Announcement rewrite", AnnounceScreen),
              ("Groups", GroupsScreen), ("What works", ReportScreen), ("Help", HelpScreen)]
    out = []
    for title, cls in groups:
        out.append((title, [b for b in cls.BINDINGS if isinstance(b, Binding)]))
    out[0][1].append(Binding("ctrl+p", "command_palette", "Command palette", id="app.palette",
                             tooltip="Search every command, and open any contact by name"))
    return out


def key_label(key: str) -> str:
    names = {"slash": "/", "question_mark": "?", "escape": "Esc", "enter": "Enter"}
    return " ".join(names.get(k, k.replace("ctrl+", "Ctrl+")) for k in key.split(","))


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "close", "Close", id="help.close", tooltip="Close the help")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Label("Keys  (the footer shows the ones that apply; Ctrl+P searches all commands)",
                        classes="dialog-title")
            yield DataTable(id="help-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#help-table", DataTable)
        table.add_columns("where", "key", "command", "id", "what it does")
        for title, bindings in all_bindings():
            for b in bindings:
                table.add_row(title, key_label(b.key), b.description, b.id or "", b.tooltip)
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
