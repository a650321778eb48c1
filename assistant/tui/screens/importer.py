"""Import exports and build the search index, with one progress bar per stage (each update replaces the last).
Both run in workers that can be cancelled (Escape); the index commits batch by batch, so a cancelled build
resumes where it stopped next time."""

from __future__ import annotations

import shlex
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Static

from assistant.tui.events import (
    DraftsMade,
    Imported,
    Indexed,
    Job,
    WorkFailed,
    WorkProgress,
    WorkStarted,
    run_job,
)
from assistant.tui.widgets.stages import StageBars
from assistant.tui.widgets.footer import FittingFooter


class ImportScreen(Screen):
    BINDINGS = [
        Binding("ctrl+r", "import", "Import", id="import.run", tooltip="Import the files or folders named above"),
        Binding("ctrl+b", "index", "Build index", id="import.index",
                tooltip="Build or update the search index over your conversations (and interests)"),
        Binding("ctrl+d", "draft", "Draft 5", id="import.draft", tooltip="Draft for the top 5 of this month's ranking"),
        Binding("escape", "back", "Back / cancel", id="import.back", tooltip="Cancel what runs, or go back to the queue"),
    ]

    def __init__(self, service) -> None:
        super().__init__()
        self.service = service
        self.running: Job | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="import-form"):
            yield Input(placeholder="files or folders to import (quote paths with spaces), then Enter", id="paths")
            yield Input(self.service.settings.me, placeholder="the name(s) you appear under, comma-separated "
                        "(only needed when an export does not say)", id="me")
            with Horizontal(id="import-buttons"):
                yield Button("Import", id="go-import", variant="primary", tooltip="Ctrl+R")
                yield Button("Build index", id="go-index", tooltip="Ctrl+B")
                yield Button("Draft 5", id="go-draft", tooltip="Ctrl+D")
        with VerticalScroll(id="bars"):
            yield StageBars(id="stages")
            yield Static("", id="import-log")
        yield FittingFooter(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "import & index"
        c = self.service.counts()
        self.log_line(f"{c['contacts']} contacts, {c['messages']} messages in {self.service.store.path}")
        self.query_one("#paths", Input).focus()

    def log_line(self, text: str) -> None:
        from rich.text import Text

        log = self.query_one("#import-log", Static)
        self._log = (getattr(self, "_log", "") + "\n" + text).strip()
        log.update(Text(self._log))

    # --- starting work ---------------------------------------------------------------------------------------

    def _start(self, job: Job, fn, done) -> None:
        if self.running:
            self.notify(f"{self.running.value} is still running (Escape cancels it)", severity="warning")
            return
        self.query_one("#stages", StageBars).clear()

        def work() -> None:
            from textual.worker import get_current_worker

            worker = get_current_worker()
            progress = lambda label, done, total: self.post_message(WorkProgress(job, label, done, total))  # noqa: E731
            run_job(self, job, lambda: fn(progress, lambda: worker.is_cancelled), done)

        self.running = job
        self.run_worker(work, thread=True, exclusive=True, group="import", name=job.value)

    @on(Input.Submitted, "#paths")
    @on(Button.Pressed, "#go-import")
    def action_import(self) -> None:
        raw = self.query_one("#paths", Input).value.strip()
        if not raw:
            self.notify("Name the files or folders to import", severity="warning")
            return
        try:
            paths = [Path(p).expanduser() for p in shlex.split(raw)]
        except ValueError as e:
            self.notify(f"paths: {e}", severity="error")
            return
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            self.notify("not found: " + ", ".join(missing), severity="error")
            return
        me = [x.strip() for x in self.query_one("#me", Input).value.split(",") if x.strip()]
        self._start(Job.IMPORT, lambda progress, cancelled: self.service.run_import(
            paths, me=me, progress=progress, cancelled=cancelled), Imported)

    @on(Button.Pressed, "#go-index")
    def action_index(self) -> None:
        self._start(Job.INDEX, lambda progress, cancelled: self.service.run_index(
            progress=progress, cancelled=cancelled), Indexed)

    @on(Button.Pressed, "#go-draft")
    def action_draft(self) -> None:
        self._start(Job.DRAFT, lambda progress, cancelled: self.service.compute_drafts(
            top=5, progress=progress, cancelled=cancelled), DraftsMade)

    def action_back(self) -> None:
        if self.running:
            self.workers.cancel_group(self, "import")
            self.log_line(f"cancelling {self.running.value}…")
            return
        self.app.pop_screen()

    # --- worker messages -------------------------------------------------------------------------------------

    def on_work_started(self, message: WorkStarted) -> None:
        self.log_line(f"{message.job.value}: started")

    def on_work_progress(self, message: WorkProgress) -> None:
        self.query_one("#stages", StageBars).update_stage(message.label, message.done, message.total)

    def on_imported(self, message: Imported) -> None:
        self.running = None
        r = message.summary
        self.log_line(r.line())
        for w in r.warnings[:10]:
            self.log_line(f"warning: {w}")
        self.log_line("Next: Ctrl+B builds the search index (better talking points, search, questions).")

    def on_indexed(self, message: Indexed) -> None:
        self.running = None
        self.log_line("index: " + message.report.line())
        for note in message.report.notes[:10]:
            self.log_line(f"  {note}")

    def on_drafts_made(self, message: DraftsMade) -> None:
        self.running = None
        kept = self.service.save_drafts(message.drafts)
        self.log_line(f"{len(kept)} draft(s) added to the queue"
                      + "".join(f"\n  skipped {n}: {w}" for n, w in message.notes))

    def on_work_failed(self, message: WorkFailed) -> None:
        self.running = None
        self.log_line(f"{message.job.value} failed: {message.error}" + (
            "; nothing was imported" if message.job is Job.IMPORT else
            "; what was indexed before is kept" if message.job is Job.INDEX else ""))
        self.notify(message.error, title=f"{message.job.value} failed", severity="error")
