"""Small typed modal dialogs: `SnoozeScreen` -> (days, until) | None, `InstructionScreen` -> str | None,
`ConfirmScreen` -> bool."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from assistant.services.session import SNOOZE_CHOICES, snooze_days


class SnoozeScreen(ModalScreen[tuple[int | None, date | None] | None]):
    BINDINGS = [
        Binding("1", "pick(7)", "1 week", id="snooze.week", tooltip="Back in the queue in a week"),
        Binding("2", "pick(30)", "1 month", id="snooze.month", tooltip="Back in the queue in a month"),
        Binding("3", "pick(91)", "3 months", id="snooze.quarter", tooltip="Back in the queue in three months"),
        Binding("d", "date", "A date", id="snooze.date", tooltip="Type a date (YYYY-MM-DD) or a span (10d, 6w)"),
        Binding("escape", "dismiss_none", "Cancel", id="snooze.cancel", tooltip="Keep the draft where it is"),
    ]

    def __init__(self, name: str, today: date) -> None:
        super().__init__()
        self.who = name
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(f"Snooze the draft to {self.who}", classes="dialog-title")
            yield OptionList(*[Option(f"{i}  {label}", id=str(days)) for i, (label, days) in enumerate(SNOOZE_CHOICES, 1)],
                             Option("d  a date…", id="date"), id="snooze-options")
            yield Input(placeholder="YYYY-MM-DD, or 10d / 6w / 2m", id="snooze-date")
            yield Static("", id="snooze-error")

    def on_mount(self) -> None:
        self.query_one("#snooze-date", Input).display = False
        self.query_one("#snooze-options", OptionList).focus()

    def action_pick(self, days: int) -> None:
        self.dismiss((int(days), None))

    def action_date(self) -> None:
        box = self.query_one("#snooze-date", Input)
        box.display = True
        box.focus()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected, "#snooze-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == "date":
            self.action_date()
        else:
            self.action_pick(int(event.option.id))

    @on(Input.Submitted, "#snooze-date")
    def _typed(self, event: Input.Submitted) -> None:
        try:
            self.dismiss(snooze_days(event.value, self.today))
        except ValueError as e:
            self.query_one("#snooze-error", Static).update(str(e))


class InstructionScreen(ModalScreen[str | None]):
    """Regenerate: an optional instruction for the new version."""

    BINDINGS = [Binding("escape", "dismiss_none", "Cancel", id="regenerate.cancel", tooltip="Keep the current draft")]
    EXAMPLES = "shorter · more casual · more formal · in English · mention the photos · no question at the end"

    def __init__(self, name: str) -> None:
        super().__init__()
        self.who = name

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(f"Regenerate the draft to {self.who}", classes="dialog-title")
            yield Input(placeholder="an instruction (optional), then Enter", id="instruction")
            yield Static(f"e.g. {self.EXAMPLES}", classes="dim")

    def on_mount(self) -> None:
        self.query_one("#instruction", Input).focus()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#instruction")
    def _go(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question: y (or Enter) -> True, n / Escape -> False."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes", tooltip="Go ahead"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no", tooltip="Go back; nothing changes"),
    ]

    def __init__(self, title: str, body: str = "", *, yes: str = "yes", no: str = "no") -> None:
        super().__init__()
        self.title_text, self.body, self.yes, self.no = title, body, yes, no

    def compose(self) -> ComposeResult:
        from rich.text import Text

        with Vertical(id="dialog"):
            yield Label(Text(self.title_text), classes="dialog-title")
            if self.body:
                yield Static(Text(self.body), id="confirm-body")
            yield Static(f"y  {self.yes}     n  {self.no}", classes="dim")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(bool(yes))
