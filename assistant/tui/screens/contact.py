"""One contact: profile (circle, cadence, languages, interests, identities), the timeline of past
conversations (newest first), and search within them (the retrieval index when built, else a text scan)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from assistant.tui.events import DraftsMade, Job, SearchFound, WorkFailed, WorkStarted, run_job
from assistant.tui.render import contact_profile, search_text, timeline_text
from assistant.tui.widgets.footer import FittingFooter


class ContactScreen(Screen):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("escape", "back", "Back", id="contact.back", tooltip="Back to the queue (or clear the search)"),
        Binding("slash", "focus_search", "Search", id="contact.search", tooltip="Search within your conversations"),
        Binding("d", "draft", "Draft", id="contact.draft", tooltip="Write a draft to this contact (into the queue)"),
    ]

    def __init__(self, service, contact_id: int) -> None:
        super().__init__()
        self.service = service
        self.contact_id = contact_id
        self.person = None
        self.hits = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="contact-main"):
            with VerticalScroll(id="profile"):
                yield Static("", id="profile-text")
            with Vertical(id="contact-right"):
                yield Input(placeholder="search within the conversations   (/ to focus)", id="search")
                with VerticalScroll(id="results-box"):
                    yield Static("", id="results")
                with VerticalScroll(id="timeline"):
                    yield Static("", id="timeline-text")
        yield Static("", id="status")
        yield FittingFooter(compact=True)

    def on_mount(self) -> None:
        self.person = self.service.contact(self.contact_id)
        self.sub_title = self.person.name
        self.query_one("#profile-text", Static).update(contact_profile(self.person))
        self.query_one("#timeline-text", Static).update(
            timeline_text(self.service.timeline(self.contact_id), self.person.name))
        self.query_one("#results-box").display = False
        self.query_one("#timeline", VerticalScroll).focus()

    def action_back(self) -> None:
        if self.query_one("#results-box").display:
            self.query_one("#results-box").display = False
            self.query_one("#search", Input).value = ""
            self.query_one("#timeline", VerticalScroll).focus()
            return
        self.app.pop_screen()

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    @on(Input.Submitted, "#search")
    def _search(self, event: Input.Submitted) -> None:
        query = event.value.strip()
        if not query:
            return
        cid = self.contact_id
        self.run_worker(lambda: run_job(
            self, Job.SEARCH, lambda: (query, self.service.compute_search(cid, query)), SearchFound),
                        thread=True, exclusive=True, group="search", name="search")

    def action_draft(self) -> None:
        cid = self.contact_id
        self.run_worker(lambda: run_job(self, Job.DRAFT, lambda: self.service.compute_drafts([cid]), DraftsMade), thread=True,
                        exclusive=True, group="draft", name="draft")

    def on_work_started(self, message: WorkStarted) -> None:
        what = {Job.SEARCH: "searching…", Job.DRAFT: f"drafting a message to {self.person.name}…"}.get(message.job, "")
        self.query_one("#status", Static).update(what)

    def on_search_found(self, message: SearchFound) -> None:
        self.hits = message.hits
        self.query_one("#results-box").display = True
        self.query_one("#results", Static).update(search_text(message.hits, message.query))
        self.query_one("#status", Static).update(f"{len(message.hits)} match(es); Escape clears the search")

    def on_drafts_made(self, message: DraftsMade) -> None:
        status = self.query_one("#status", Static)
        kept = self.service.save_drafts(message.drafts)
        if kept:
            status.update(f"Draft #{kept[0].id} to {self.person.name} is in the queue")
        else:
            status.update("No draft added: " + "; ".join(w for _, w in message.notes) if message.notes
                          else "No draft added")

    def on_work_failed(self, message: WorkFailed) -> None:
        self.query_one("#status", Static).update(f"{message.job.value} failed: {message.error}")
        self.notify(message.error, title=f"{message.job.value} failed", severity="error")
