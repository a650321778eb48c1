"""The draft queue: the list on the left, the selected draft on the right (the text, why now, the cited
history with dates, language, the guardrail verdicts), an ask bar at the bottom.

Actions (all keyboard, all in the footer): approve (copy to the clipboard, mark sent, log it: the cadence
restarts), edit inline (kept for learning), snooze (1 week / 1 month / 3 months / a date), dismiss (the contact
rests for a cool-down), regenerate with an instruction (streamed), skip, undo the last action.
"""

from __future__ import annotations

import sqlite3

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from assistant.tui.events import (
    DraftsMade,
    Indexed,
    Job,
    Regenerated,
    StreamReset,
    TokenArrived,
    WorkFailed,
    WorkProgress,
    WorkStarted,
    run_job,
)
from assistant.tui.render import (
    STATUS_GLYPH,
    Wrapped,
    clip,
    draft_context,
    draft_head,
    partial_draft_text,
)
from assistant.tui.widgets.editor import DraftEditor
from assistant.tui.widgets.footer import FittingFooter
from assistant.tui.widgets.stages import StageBars

WHY_WIDTH = 22


def _cell(text: str, width: int) -> str:
    """`text` cut or padded to `width` terminal cells (CJK characters take two)."""
    from rich.cells import cell_len, set_cell_size

    return set_cell_size(text, width) if cell_len(text) != width else text


def queue_header() -> Text:
    return Text(f"  {_cell('to', 20)}{_cell('lang', 6)}why now", style="bold")


def queue_row(d) -> Text:
    t = Text(overflow="ellipsis", no_wrap=True)
    t.append(STATUS_GLYPH.get(d.status, " ") + "  ", style="bold red" if d.status == "held" else "")
    t.append(_cell(d.contact_name, 18) + "  ")
    t.append(_cell(d.language, 4) + "  ", style="dim")
    why = d.why_now.split(";")[0] if d.why_now else d.about
    t.append(clip(why, WHY_WIDTH), style="dim")
    return t


class QueueScreen(Screen):
    # Below 110 columns the list sits above the draft instead of beside it (see outreach.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    # Left out of the footer on narrow terminals (they still work; ? and Ctrl+P list them).
    FOOTER_OPTIONAL = ("contact", "focus_ask", "more", "app.open_import", "app.open_rewrite")
    BINDINGS = [
        Binding("a", "approve", "Approve", id="queue.approve",
                tooltip="Copy the text to the clipboard, mark it sent and log it (the keep-in-touch clock restarts)"),
        Binding("e", "edit", "Edit", id="queue.edit", tooltip="Edit the draft in place (your edit is kept for learning)"),
        Binding("s", "snooze", "Snooze", id="queue.snooze", tooltip="Back in the queue in 1 week, 1 month, 3 months or on a date"),
        Binding("x", "dismiss", "Dismiss", id="queue.dismiss", tooltip="Drop the draft; the contact rests for a cool-down"),
        Binding("r", "regenerate", "Redraft", id="queue.regenerate",
                tooltip="A new version, following an instruction (e.g. shorter, in English)"),
        Binding("n", "skip", "Skip", id="queue.skip", tooltip="Leave it for now: move it to the end of the list"),
        Binding("u", "undo", "Undo", id="queue.undo", tooltip="Undo the last action: approve, edit, snooze, dismiss, regenerate or skip"),
        Binding("c", "contact", "Contact", id="queue.contact", tooltip="The contact's profile and conversations"),
        Binding("slash", "focus_ask", "Ask", id="queue.ask", tooltip="Ask about your network"),
        Binding("m", "more", "More", id="queue.more", tooltip="Draft for the next 5 people of this month's ranking"),
        Binding("i", "app.open_import", "Import", id="queue.import", tooltip="Import exports and build the search index"),
        Binding("w", "app.open_rewrite", "Announce", id="queue.rewrite", tooltip="Rewrite a group announcement"),
        Binding("ctrl+s", "save_edit", "Save edit", id="queue.save_edit", tooltip="Keep the edited text"),
        Binding("escape", "cancel", "Cancel", id="queue.cancel", tooltip="Leave the editor (asks when changed) or the ask bar"),
        Binding("j", "cursor(1)", "Down", show=False, id="queue.down", tooltip="Next draft"),
        Binding("k", "cursor(-1)", "Up", show=False, id="queue.up", tooltip="Previous draft"),
    ]

    def __init__(self, service, *, first_run_drafts: int = 0, build_index: bool = False) -> None:
        super().__init__()
        self.service = service
        self.first_run_drafts = first_run_drafts
        self.build_index = build_index
        self.history: list[tuple] = []  # what `u` undoes, newest last: ("service",) or ("skip", skipped before)
        self.drafts: list = []
        self.skipped: list[int] = []
        self.current = None  # the Draft shown
        self.editing = False
        self.busy: dict[str, str] = {}  # job -> what it is doing (for the status line)
        self._stream = ""
        self._regen_for: int | None = None
        self._regen_name = ""
        self._loaded = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="queue-main"):
            with Vertical(id="queue-left"):
                yield Static("", id="queue-title")
                yield Static(queue_header(), id="queue-header")
                yield OptionList(id="queue")
            with VerticalScroll(id="detail"):
                yield Static("", id="d-head")
                yield Static("", id="d-text", classes="draft-text")
                yield DraftEditor("", id="editor", soft_wrap=True, show_line_numbers=False)
                yield Static("", id="d-stream", classes="draft-text")
                yield Static("", id="d-context")
        yield Static("", id="status")
        yield StageBars(id="stages")
        yield Input(placeholder="Ask: who should I reconnect with this month?   (/ to focus, Enter to ask)", id="ask")
        yield FittingFooter(compact=True)

    def on_mount(self) -> None:
        if self.build_index and self.service.index_needs_work():
            self.start_first_run(self.first_run_drafts)
        self.reload()
        self.query_one("#queue", OptionList).focus()

    def on_screen_resume(self) -> None:
        """Back from another screen (a contact, the ask results, an import): drafts may have been added."""
        if self._loaded:
            self.reload(keep=self.current.id if self.current else None)
        self._loaded = True

    # --- the list ------------------------------------------------------------------------------------------

    def reload(self, keep: int | None = None, index: int | None = None) -> None:
        """Read the queue again; select draft `keep` if it is there, else the row at `index` (clamped)."""
        rows = self.service.pending()
        ids = {d.id for d in rows}
        self.skipped = [i for i in self.skipped if i in ids]
        later = set(self.skipped)
        self.drafts = [d for d in rows if d.id not in later] + sorted(
            (d for d in rows if d.id in later), key=lambda d: self.skipped.index(d.id))
        table = self.query_one("#queue", OptionList)
        table.clear_options()
        table.add_options([Option(queue_row(d), id=str(d.id)) for d in self.drafts])
        held = sum(d.status == "held" for d in self.drafts)
        title = f"Drafts · {len(self.drafts)} waiting" + (f" · {held} held" if held else "")
        self.query_one("#queue-title", Static).update(title)
        if not self.drafts:
            self.show(None)
            return
        row = next((i for i, d in enumerate(self.drafts) if d.id == keep), None)
        if row is None:
            row = min(index if index is not None else 0, len(self.drafts) - 1)
        table.highlighted = row
        self.show(self.drafts[row])

    @on(OptionList.OptionHighlighted, "#queue")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if 0 <= event.option_index < len(self.drafts):
            d = self.drafts[event.option_index]
            if self.current is None or d.id != self.current.id:
                if self.editing:
                    self._close_editor()
                self.show(d)

    def show(self, d) -> None:
        self.current = d
        text = self.query_one("#d-text", Static)
        context = self.query_one("#d-context", Static)
        head = self.query_one("#d-head", Static)
        if d is None:
            if "first-run" in self.busy:
                head.update("Drafts are on their way.")
                text.update(Wrapped("The first drafts appear here in a few seconds; the search index is being "
                                    "built below, and search already works meanwhile."))
            elif not self.service.counts()["contacts"]:
                head.update("No contacts yet.")
                text.update(Wrapped("Press i to import your exports (WhatsApp, WeChat, Telegram, LinkedIn, e-mail, "
                                    "vCard), or run `outreach import PATH` or `outreach demo`."))
            else:
                head.update("Nothing waiting for review.")
                text.update(Wrapped("Press m to draft for the people this month's ranking suggests, i to import "
                                    "your exports, or / to ask who to reconnect with."))
            context.update("")
            return

        head.update(draft_head(d))
        text.update(Wrapped(d.text))
        ids = list(dict.fromkeys([*(d.hook or {}).get("message_ids", []), *d.cited_ids]))
        context.update(draft_context(d, self.service.history_lines(ids, d.contact_name)))
        self.query_one("#detail", VerticalScroll).scroll_home(animate=False)

    def _ask_focused(self) -> bool:
        try:
            return self.focused is self.query_one("#ask", Input)
        except Exception:  # noqa: BLE001 - not composed yet
            return False

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def on_descendant_blur(self) -> None:
        self.refresh_bindings()

    def action_cursor(self, step: int) -> None:
        table = self.query_one("#queue", OptionList)
        if self.drafts:
            table.highlighted = max(0, min(len(self.drafts) - 1, (table.highlighted or 0) + int(step)))

    # --- availability: the footer shows what applies now -----------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        review = ("approve", "edit", "snooze", "dismiss", "regenerate", "skip", "contact", "undo", "more",
                  "focus_ask", "cursor")
        if action == "save_edit":
            return True if self.editing else False
        if action == "cancel":
            return True if self.editing or self._ask_focused() else False
        if action in review:
            if self.editing:
                return None  # Ctrl+S or Escape first
            if action in ("undo", "more", "focus_ask", "cursor"):
                return True
            return True if self.current is not None else None
        return True

    # --- actions (handlers: they change the store through the service, then the widgets) ---------------------

    def _act(self, fn, done: str, *, select_next: bool = True) -> None:
        from assistant.store.drafts import DraftError

        if self.current is None:
            return
        row = self.query_one("#queue", OptionList).highlighted or 0
        try:
            d = fn(self.current.id)
        except (DraftError, sqlite3.OperationalError) as e:  # e.g. the database is busy with an import
            self.notify(str(e), title="Not done", severity="error")
            return
        self.history.append(("service",))
        self.reload(keep=None if select_next else d.id, index=row)
        self.set_status(done)
        self.refresh_bindings()
        return d

    def action_approve(self) -> None:
        from assistant.tui.screens.modals import ConfirmScreen

        if self.current is None or self.editing:
            return
        d = self.current
        if d.status != "held":
            self._approve()
            return

        def answered(yes: bool | None) -> None:
            if yes and self.current is not None and self.current.id == d.id:
                self._approve()
            elif not yes:
                self.set_status(f"Not approved; the draft to {d.contact_name} stays held")

        self.app.push_screen(ConfirmScreen(
            f"Approve the held draft to {d.contact_name}?",
            f"It was held: {d.hold_reason or 'a guardrail stopped it'}.\n\nApproving copies it to the clipboard "
            "and marks it sent.", yes="approve anyway", no="keep it held"), answered)

    def _approve(self) -> None:
        d = self._act(lambda i: self.service.approve(i), "")
        if d is None:
            return
        final = d.final_text or d.text
        self.app.copy_to_clipboard(final)
        self.set_status(f"Copied to the clipboard and marked sent to {d.contact_name}: “{' '.join(final.split())}”"
                        "  (u: undo)")
        self.notify(f"“{clip(final, 70)}”", title=f"Copied · sent to {d.contact_name}", timeout=4)

    def action_edit(self) -> None:
        if self.current is None or self.editing:
            return
        editor = self.query_one("#editor", DraftEditor)
        editor.load_text(self.current.text)
        self.editing = True
        self.add_class("editing")
        editor.focus()
        editor.move_cursor(editor.document.end)
        self.set_status("Editing: Ctrl+S keeps the edit (then a approves it), Ctrl+A selects all, Escape leaves")
        self.refresh_bindings()

    def action_save_edit(self) -> None:
        if not self.editing or self.current is None:
            return
        text = self.query_one("#editor", DraftEditor).text
        self._close_editor()
        if text.strip() == self.current.text.strip():
            self.set_status("No change")
            return
        self._act(lambda i: self.service.edit(i, text), f"Edit kept for {self.current.contact_name}  (u: undo)",
                  select_next=False)

    def _close_editor(self) -> None:
        self.editing = False
        self.remove_class("editing")
        self.query_one("#queue", OptionList).focus()
        self.refresh_bindings()

    def action_cancel(self) -> None:
        from assistant.tui.screens.modals import ConfirmScreen

        if self.editing:
            text = self.query_one("#editor", DraftEditor).text
            if self.current is None or text.strip() == self.current.text.strip():
                self._close_editor()
                self.set_status("Left the editor (no change)")
                return

            def answered(discard: bool | None) -> None:
                if discard:
                    self._close_editor()
                    self.set_status("Edit discarded")
                else:
                    self.query_one("#editor", DraftEditor).focus()

            self.app.push_screen(ConfirmScreen("Discard your changes to this draft?", "Ctrl+S keeps them instead.",
                                               yes="discard", no="keep editing"), answered)
        elif self.focused is self.query_one("#ask", Input):
            self.query_one("#queue", OptionList).focus()

    def action_snooze(self) -> None:
        from assistant.tui.screens.modals import SnoozeScreen

        if self.current is None:
            return
        draft_id, name = self.current.id, self.current.contact_name

        def chosen(result) -> None:
            if not result or self.current is None or self.current.id != draft_id:
                return
            days, until = result
            d = self._act(lambda i: self.service.snooze(i, days=days, until=until), "")
            if d is not None:
                self.set_status(f"Snoozed {name} until {self.service.fmt_day(d.snooze_until)}  (u: undo)")

        self.app.push_screen(SnoozeScreen(name, self.service.today), chosen)

    def action_dismiss(self) -> None:
        if self.current is None:
            return
        name = self.current.contact_name
        self._act(lambda i: self.service.dismiss(i, rest_contact=True),
                  f"Dismissed; {name} rests for a while before being suggested again  (u: undo)")

    def action_skip(self) -> None:
        if self.current is None:
            return
        row = self.query_one("#queue", OptionList).highlighted or 0
        self.history.append(("skip", list(self.skipped), self.current.id))
        self.skipped = [i for i in self.skipped if i != self.current.id] + [self.current.id]
        name = self.current.contact_name
        self.reload(index=row)
        self.set_status(f"Skipped {name} for now (moved to the end)")

    def action_undo(self) -> None:
        """Undo the last action, whatever it was: a skip here, or approve/edit/snooze/dismiss/regenerate."""
        entry = self.history.pop() if self.history else (("service",) if self.service.undo_log else None)
        if entry is None:
            self.set_status("Nothing to undo")
            return
        if entry[0] == "skip":
            self.skipped = entry[1]
            self.reload(keep=entry[2])
            self.set_status(f"Undone: skipped {self.current.contact_name if self.current else 'the draft'}")
            self.refresh_bindings()
            return
        before = self.service.undo_log[-1].before.id if self.service.undo_log else None
        label = self.service.undo()
        if label is None:
            self.set_status("Nothing to undo")
            return
        self.skipped = [i for i in self.skipped if i != before]
        self.reload(keep=before)
        self.set_status(f"Undone: {label}")
        self.refresh_bindings()

    def action_contact(self) -> None:
        if self.current is not None:
            self.app.action_open_contact(self.current.contact_id)

    def action_focus_ask(self) -> None:
        self.query_one("#ask", Input).focus()

    @on(Input.Submitted, "#ask")
    def _ask(self, event: Input.Submitted) -> None:
        question = event.value.strip()
        if not question:
            return
        event.input.value = ""
        self.query_one("#queue", OptionList).focus()
        self.app.action_ask(question)

    # --- regenerate (a streaming worker) ----------------------------------------------------------------------

    def action_regenerate(self) -> None:
        from assistant.tui.screens.modals import InstructionScreen

        if self.current is None:
            return
        if "regenerate" in self.busy:
            self.notify("A regeneration is already running", severity="warning")
            return
        draft_id, name = self.current.id, self.current.contact_name

        def chosen(instruction) -> None:
            if instruction is None:
                return
            self.start_regenerate(draft_id, name, instruction)

        self.app.push_screen(InstructionScreen(name), chosen)

    def start_regenerate(self, draft_id: int, name: str, instruction: str = "") -> None:
        self._regen_for = draft_id
        self._regen_name = name
        self._stream = ""
        fn = lambda on_token, on_start: self.service.compute_regenerated(  # noqa: E731
            draft_id, instruction, on_token=on_token, on_start=on_start)
        self.run_worker(lambda: run_job(self, Job.REGENERATE, fn, Regenerated, stream=True), thread=True,
                        exclusive=True, group="regenerate", name="regenerate")

    def action_more(self) -> None:
        if "more" in self.busy:
            return
        self.busy["more"] = "Drafting for the next people of the ranking…"
        self.run_worker(lambda: run_job(self, Job.DRAFT, lambda: self.service.compute_drafts(top=5), DraftsMade),
                        thread=True, exclusive=True, group="more", name="more")

    # --- the first run: the queue is on screen at once, the index is built behind it ---------------------------

    def start_first_run(self, drafts: int = 0) -> None:
        """In one worker: chunks and their BM25 index (seconds; search answers from here on), drafts for the
        top `drafts` of the ranking when asked, then the vectors (minutes on a first run) with a progress bar.
        Interrupted (Ctrl+Q), it resumes where it stopped on the next start."""
        from textual.worker import get_current_worker

        self.busy["first-run"] = "Building the search index…"

        def work() -> None:
            worker = get_current_worker()
            cancelled = lambda: worker.is_cancelled  # noqa: E731
            progress = lambda label, done, total: self.post_message(  # noqa: E731
                WorkProgress(Job.FIRST_RUN, label, done, total))
            ok = run_job(self, Job.FIRST_RUN, lambda: self.service.run_lexical_index(
                progress=progress, cancelled=cancelled), lambda job, r: Indexed(job, r, vectors=False))
            if not ok or cancelled():
                return
            if drafts > 0:
                run_job(self, Job.DRAFT, lambda: self.service.compute_drafts(top=drafts), DraftsMade)
            run_job(self, Job.FIRST_RUN, lambda: self.service.run_index(progress=progress, cancelled=cancelled),
                    Indexed)

        self.run_worker(work, thread=True, exclusive=True, group="first-run", name="first-run")
        self.set_status(self.busy["first-run"])

    # --- worker messages ------------------------------------------------------------------------------------

    def on_work_started(self, message: WorkStarted) -> None:
        if message.job is Job.REGENERATE:
            self.busy["regenerate"] = f"Regenerating the draft to {self._regen_name}…"
            stream = self.query_one("#d-stream", Static)
            stream.update(self.busy["regenerate"])
            self.add_class("streaming")
        self.set_status(" · ".join(self.busy.values()))

    def on_work_progress(self, message: WorkProgress) -> None:
        self.query_one("#stages", StageBars).update_stage(message.label, message.done, message.total)

    def on_stream_reset(self, message: StreamReset) -> None:
        if message.job is Job.REGENERATE:
            self._stream = ""

    def on_token_arrived(self, message: TokenArrived) -> None:
        if message.job is not Job.REGENERATE:
            return
        from rich.console import Group
        from rich.text import Text

        self._stream += message.text
        shown = partial_draft_text(self._stream)
        self.query_one("#d-stream", Static).update(
            Group(Text(f"Regenerating for {self._regen_name} (streaming)\n", style="dim italic"), Wrapped(shown)))

    def on_regenerated(self, message: Regenerated) -> None:
        from assistant.store.drafts import DraftError

        self.busy.pop("regenerate", None)
        self.remove_class("streaming")
        try:
            new = self.service.save_regenerated(self._regen_for, message.draft)
        except DraftError as e:
            self.notify(str(e), title="Regenerate", severity="error")
            return
        self.history.append(("service",))
        self.reload(keep=new.id)
        self.set_status(f"New version for {new.contact_name} ({new.label})  (u: undo)")
        self.refresh_bindings()

    def on_drafts_made(self, message: DraftsMade) -> None:
        self.busy.pop("more", None)
        kept = self.service.save_drafts(message.drafts)
        self.reload(keep=self.current.id if self.current else None)
        notes = message.notes
        self.set_status(f"{len(kept)} new draft(s) in the queue" + (
            f"; skipped {len(notes)}: " + "; ".join(f"{n} ({w})" for n, w in notes[:3]) if notes else ""))

    def on_indexed(self, message: Indexed) -> None:
        r = message.report
        if not message.vectors:
            self.busy["first-run"] = (f"Search works now (by words); building the meaning-based index: "
                                      f"{r.total_chunks} chunks")
            self.set_status(" · ".join(self.busy.values()))
            return
        self.busy.pop("first-run", None)
        self.query_one("#stages", StageBars).clear()
        took = f" in {r.embed_seconds:.0f} s" if r.embedded else ""
        self.set_status(f"Search index ready: {r.total_chunks} chunks, {r.embedded} embedded{took}")
        if self.current is None:
            self.show(None)

    def on_work_failed(self, message: WorkFailed) -> None:
        if message.job is Job.REGENERATE:
            self.busy.pop("regenerate", None)
            self.remove_class("streaming")
        elif message.job is Job.FIRST_RUN:
            self.busy.pop("first-run", None)
            self.query_one("#stages", StageBars).clear()
        else:
            self.busy.pop("more", None)
        what = {Job.REGENERATE: "Regenerate failed", Job.FIRST_RUN: "Indexing stopped"}.get(message.job, "Failed")
        self.notify(message.error, title=what, severity="error", timeout=8)
        tail = ("; what was indexed is kept, the next start resumes" if message.job is Job.FIRST_RUN
                else "; the queue is as it was")
        self.set_status(f"{message.job.value} failed: {message.error}{tail}")

    def set_status(self, text: str) -> None:
        from rich.text import Text

        self.query_one("#status", Static).update(Text(text))
