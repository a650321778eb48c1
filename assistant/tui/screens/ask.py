"""Ask about your network ("who should I reconnect with this month", "who is into cycling", 我上次和李伟聊了什么).
The answer streams in; the people it is about are listed, and can be turned into drafts."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, SelectionList, Static

from assistant.tui.events import (
    Answered,
    DraftsMade,
    Job,
    StreamReset,
    TokenArrived,
    WorkFailed,
    WorkStarted,
    run_job,
)
from assistant.tui.render import answer_text
from assistant.tui.widgets.footer import FittingFooter


class AskScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="ask.back", tooltip="Back to the queue"),
        Binding("slash", "focus_question", "New question", id="ask.question", tooltip="Ask something else"),
        Binding("d", "draft", "Draft selected", id="ask.draft",
                tooltip="Draft a message to the people ticked (or the one highlighted)"),
        Binding("c", "contact", "Contact", id="ask.contact", tooltip="Open the highlighted person"),
    ]

    def __init__(self, service, question: str = "") -> None:
        super().__init__()
        self.service = service
        self.question = question
        self.answer = None
        self.people: list[tuple[int, str]] = []
        self._stream = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(self.question, placeholder="Ask: who should I reconnect with this month? 谁喜欢骑行？", id="question")
        with VerticalScroll(id="answer-box"):
            yield Static("", id="answer")
        with Vertical(id="people-box"):
            yield Static("People in this answer (space: tick, d: draft for them)", id="people-title")
            yield SelectionList[int](id="people")
        yield Static("", id="status")
        yield FittingFooter(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "ask"
        self.query_one("#people-box").display = False
        if self.question:
            self.start(self.question)
        else:
            self.query_one("#question", Input).focus()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("draft", "contact"):
            return True if self.people else None
        return True

    # --- asking ------------------------------------------------------------------------------------------------

    @on(Input.Submitted, "#question")
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.start(event.value.strip())

    def start(self, question: str) -> None:
        self.question = question
        self._stream = ""
        fn = lambda on_token, on_start: self.service.compute_answer(  # noqa: E731
            question, on_token=on_token, on_start=on_start)
        self.run_worker(lambda: run_job(self, Job.ASK, fn, Answered, stream=True), thread=True, exclusive=True, group="ask",
                        name="ask")

    def action_focus_question(self) -> None:
        box = self.query_one("#question", Input)
        box.focus()
        box.select_all() if hasattr(box, "select_all") else None

    def action_back(self) -> None:
        self.app.pop_screen()

    # --- worker messages ---------------------------------------------------------------------------------------

    def on_work_started(self, message: WorkStarted) -> None:
        if message.job is Job.ASK:
            self.query_one("#answer", Static).update("thinking…")
            self.query_one("#status", Static).update("")
            self.query_one("#people-box").display = False
        elif message.job is Job.DRAFT:
            self.query_one("#status", Static).update("drafting…")

    def on_stream_reset(self, message: StreamReset) -> None:
        self._stream = ""

    def on_token_arrived(self, message: TokenArrived) -> None:
        from rich.text import Text

        self._stream += message.text
        self.query_one("#answer", Static).update(Text(self._stream))

    def on_answered(self, message: Answered) -> None:
        self.answer, self.people = message.answer, message.people
        self.query_one("#answer", Static).update(answer_text(self.answer))
        people = self.query_one("#people", SelectionList)
        people.clear_options()
        people.add_options([(name, cid) for cid, name in self.people])
        self.query_one("#people-box").display = bool(self.people)
        if self.people:
            people.focus()
        self.refresh_bindings()

    def on_drafts_made(self, message: DraftsMade) -> None:
        kept = self.service.save_drafts(message.drafts)
        names = ", ".join(d.contact_name for d in kept)
        text = f"{len(kept)} draft(s) added to the queue" + (f": {names}" if names else "")
        if message.notes:
            text += "; not drafted: " + "; ".join(f"{n} ({w})" for n, w in message.notes[:4])
        self.query_one("#status", Static).update(text)
        self.notify(text, title="Drafts", timeout=5)

    def on_work_failed(self, message: WorkFailed) -> None:
        self.query_one("#status", Static).update(f"{message.job.value} failed: {message.error}")
        self.notify(message.error, title=f"{message.job.value} failed", severity="error")

    # --- from the answer to drafts -----------------------------------------------------------------------------

    def _chosen(self) -> list[int]:
        people = self.query_one("#people", SelectionList)
        chosen = list(people.selected)
        if not chosen and people.highlighted is not None:
            chosen = [people.get_option_at_index(people.highlighted).value]
        return chosen

    def action_draft(self) -> None:
        ids = self._chosen()
        if not ids:
            return
        self.run_worker(lambda: run_job(self, Job.DRAFT, lambda: self.service.compute_drafts(ids), DraftsMade), thread=True,
                        exclusive=True, group="draft", name="draft")

    def action_contact(self) -> None:
        people = self.query_one("#people", SelectionList)
        if people.highlighted is not None:
            self.app.action_open_contact(people.get_option_at_index(people.highlighted).value)
