"""What the TUI asks of the rest of the program, in one object, with no Textual in it.

`QueueService` wraps the store, the review queue (`assistant.services.review.ReviewQueue`), the ranking, the ask
agent, retrieval and the import pipeline. Clients (store, retriever, chat model) come from `assistant.services`
only. Two kinds of methods:

* main-thread methods (`pending`, `approve`, `edit`, `snooze`, `dismiss`, `save_regenerated`, `save_drafts`,
  `undo`, `contact`, `timeline`...) use `self.store`, the UI's connection. They are fast (a few
  SQL statements) and only message handlers call them.
* `compute_*` and `run_*` methods do slow work (LLM calls, searches, imports, indexing) and run in Textual
  worker threads. Each opens its own SQLite connection (`worker_store()`), so a worker never shares a
  connection or a transaction with the UI. `compute_*` only read and return results (the handler then writes
  them with a main-thread method); `run_import` / `run_index` write through their own connection, in their
  own transactions, and the UI reloads afterwards.

Undo: every review action pushes an `UndoEntry` (the draft as it was, plus the ids above which rows the action
created: the logged message, the ranking action); `undo()` restores the draft and deletes those rows, so the
keep-in-touch clock is as it was. For a regeneration the new draft is deleted and the old one re-opened.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

DAY = 86_400
SNOOZE_CHOICES = (("1 week", 7), ("1 month", 30), ("3 months", 91))
UNDO_DEPTH = 20

Progress = Callable[[str, int, int], None]
OnToken = Callable[[str], None]


@dataclass
class UndoEntry:
    action: str  # approve | edit | snooze | dismiss | regenerate
    before: object  # the Draft as it was (a copy)
    message_mark: int  # messages.id before the action
    ranking_mark: int  # ranking_actions.id before the action
    new_draft_id: int | None = None
    label: str = ""


@dataclass
class HistoryLine:
    """One cited message, as the detail pane shows it."""

    id: int
    day: str
    channel: str
    who: str
    text: str
    group: str = ""


@dataclass
class ContactView:
    id: int
    name: str
    circle: str
    cadence: str
    languages: list[str]
    interests: list[str]
    found_interests: list[str]
    shared: list[str]
    birthday: str | None
    work: str
    notes: str
    stats: dict
    identities: list[tuple[str, str]]
    dates: list[tuple[str, str]]
    open_draft: int | None = None


@dataclass
class Session:
    """A conversation in the timeline: messages with no silence longer than the gap."""

    day: str
    channel: str
    group: str
    lines: list[HistoryLine] = field(default_factory=list)


@dataclass
class SearchHit:
    day: str
    channel: str
    snippet: str
    message_ids: list[int]


class CancelledWork(Exception):
    """A worker was cancelled (the user left the screen or pressed Escape)."""


class QueueService:
    """The TUI's one door to the program. `today` pins the date (tests, snapshots); default: today."""

    def __init__(self, settings, store=None, *, today: date | None = None, offline: bool | None = None):
        from assistant import services

        self.settings = settings
        self.store = store if store is not None else services.open_store(settings)
        self.tz = settings.tzinfo()
        self._today = today
        self.offline = (not settings.llm_configured()) if offline is None else offline
        self.undo_log: list[UndoEntry] = []

    # --- basics --------------------------------------------------------------------------------------------

    @property
    def today(self) -> date:
        return self._today or datetime.now(self.tz).date()

    @property
    def model_configured(self) -> bool:
        return not self.offline

    def queue(self):
        """The review queue on the UI's connection, for the quick actions (approve, edit, snooze, dismiss): they
        need no retriever and no model, so nothing heavy is built on the UI thread."""
        from assistant.services.review import ReviewQueue

        return ReviewQueue(self.store, settings=self.settings, tz=self.tz, today=self._today, offline=True)

    def retriever(self, store):
        """A retriever on a worker's connection (None without an index: the store-only paths are used)."""
        from assistant import services

        return services.retriever(self.settings, store)

    @contextmanager
    def worker_store(self) -> Iterator[object]:
        """A connection of the worker's own (same database file)."""
        from assistant.store import Store

        s = Store(self.store.path)
        try:
            yield s
        finally:
            s.close()

    def fmt_day(self, ts: int | None) -> str:
        if ts is None:
            return "-"
        return datetime.fromtimestamp(ts, timezone.utc).astimezone(self.tz).strftime("%Y-%m-%d")

    def counts(self) -> dict[str, int]:
        return self.store.counts()

    # --- the queue (main thread) ---------------------------------------------------------------------------

    def pending(self) -> list:
        """Drafts waiting for review: ready ones first, held ones (a guardrail stopped them) after."""
        from assistant.store.drafts import list_drafts

        rows = list_drafts(self.store, ("queued", "held"))
        return [d for d in rows if d.status != "held"] + [d for d in rows if d.status == "held"]

    def get(self, draft_id: int):
        from assistant.store.drafts import get

        return get(self.store, draft_id)

    def history_lines(self, ids: list[int], contact_name: str = "") -> list[HistoryLine]:
        from assistant.store.history import messages_by_id

        rows = messages_by_id(self.store.db, ids)
        return [HistoryLine(r["id"], self.fmt_day(r["ts"]), r["channel"],
                            "me" if r["direction"] == "out" else (r["speaker"] or contact_name or "them"),
                            r["text"], r["group_name"] or "") for r in rows]

    def _marks(self) -> tuple[int, int]:
        from assistant.store.undo import marks

        return marks(self.store.db)

    def _push(self, action: str, before, label: str, marks: tuple[int, int], new_draft_id: int | None = None) -> None:
        self.undo_log.append(UndoEntry(action, before, marks[0], marks[1], new_draft_id, label))
        del self.undo_log[:-UNDO_DEPTH]

    def approve(self, draft_id: int, final_text: str | None = None, *, now: int | None = None):
        """The user sends it: keep the final text (learning), log it as sent, restart the cadence."""
        before, marks = self.get(draft_id), self._marks()
        d = self.queue().approve(draft_id, final_text, sent=True, now=now)
        self._push("approve", before, f"approved the draft to {d.contact_name}", marks)
        return d

    def edit(self, draft_id: int, text: str):
        before, marks = self.get(draft_id), self._marks()
        d = self.queue().edit(draft_id, text)
        self._push("edit", before, f"edited the draft to {d.contact_name}", marks)
        return d

    def snooze(self, draft_id: int, *, days: int | None = None, until: date | None = None, now: int | None = None):
        """Snooze for `days`, or until a date (back that morning, local time)."""
        from assistant.store.drafts import DraftError, save

        before, marks = self.get(draft_id), self._marks()
        if until is not None:
            if until <= self.today:
                raise DraftError(f"snooze until {until.isoformat()}: that is not in the future")
            days = max(1, (until - self.today).days)
        d = self.queue().snooze(draft_id, days=days or 7, now=now)
        if until is not None:  # exact: the start of that day in the user's zone
            d.snooze_until = int(datetime(until.year, until.month, until.day, tzinfo=self.tz).timestamp())
            save(self.store, d)
        self._push("snooze", before, f"snoozed the draft to {d.contact_name}", marks)
        return d

    def dismiss(self, draft_id: int, *, rest_contact: bool = True):
        """Drop the draft; by default the contact also rests in the ranking for a cool-down."""
        before, marks = self.get(draft_id), self._marks()
        d = self.queue().dismiss(draft_id, rest_contact=rest_contact)
        self._push("dismiss", before, f"dismissed the draft to {d.contact_name}", marks)
        return d

    def save_regenerated(self, old_id: int, new):
        """Store a draft computed by `compute_regenerated`: the old one is marked replaced, in one transaction."""
        from assistant.store import drafts as repo
        from assistant.store.drafts import DraftError

        old = self.get(old_id)
        if old.status not in repo.OPEN_STATUSES:
            raise DraftError(f"draft {old_id} is {old.status} now; the new version was not kept")
        before, marks = copy.deepcopy(old), self._marks()
        repo.replace(self.store, old, new)
        self._push("regenerate", before, f"regenerated the draft to {new.contact_name}", marks, new.id)
        return new

    def save_drafts(self, drafts: list) -> list:
        """Store new drafts computed by a worker. One open draft per contact: a new draft for someone with one
        waiting replaces it (the old one is kept as 'replaced'; `undo` brings it back)."""
        from assistant.store import drafts as repo

        kept = []
        for d in drafts:
            old = repo.open_draft_for(self.store, d.contact_id)
            d.id = None
            if old is None:
                kept.append(repo.save(self.store, d))
                continue
            before, marks = copy.deepcopy(old), self._marks()
            repo.replace(self.store, old, d)
            self._push("regenerate", before, f"replaced the waiting draft to {d.contact_name}", marks, d.id)
            kept.append(d)
        return kept

    def undo(self) -> str | None:
        """Undo the last action. Returns what was undone (None: nothing to undo)."""
        from assistant.store import drafts as repo
        from assistant.store.undo import remove_since

        if not self.undo_log:
            return None
        e = self.undo_log.pop()
        d = copy.deepcopy(e.before)
        with self.store.transaction():
            remove_since(self.store.db, d.contact_id, e.message_mark, e.ranking_mark, e.new_draft_id)
            repo.save(self.store, d)
        if e.action == "approve":  # the style notes learnt from the approved text: learn them again without it
            from assistant.drafting.learning import refresh_notes

            refresh_notes(self.store, d.contact_id, d.language)
            refresh_notes(self.store, None, d.language)
        return e.label

    # --- contacts (main thread) ----------------------------------------------------------------------------

    def contact(self, contact_id: int) -> ContactView:
        from assistant.store import StoreError
        from assistant.store.drafts import open_draft_for

        c = self.store.get_contact(contact_id)
        if c is None:
            raise StoreError(f"no contact with id {contact_id}")
        from assistant.retrieval.interests import interests_for

        found, shared = [], []
        for i in interests_for(self.store, contact_id):
            if i.kind == "interest":
                found.append(i.label)
                if i.shared:
                    shared.append(i.label)
        from assistant.ranking import DEFAULT_CADENCE_DAYS

        if c.cadence_days:
            cadence = f"every {c.cadence_days} days (set)"
        elif c.circle == "never":
            cadence = "never suggested"
        else:
            cadence = f"every {DEFAULT_CADENCE_DAYS.get(c.circle, 180)} days (the {c.circle} circle's default)"
        draft = open_draft_for(self.store, contact_id)
        return ContactView(
            c.id, c.name, c.circle, cadence, c.languages, c.interests, list(dict.fromkeys(found)),
            list(dict.fromkeys(shared)), c.birthday, " · ".join(x for x in (c.title, c.organization) if x), c.notes,
            self.store.contact_stats(contact_id), [(r["kind"], r["raw"]) for r in self.store.identities(contact_id)],
            [x for x in self.store.important_dates(contact_id) if x[0] != "birthday"], draft.id if draft else None)

    def timeline(self, contact_id: int, limit: int = 400, gap_hours: int = 6) -> list[Session]:
        """The last `limit` messages with the contact (1:1 and what they wrote in groups), as conversations,
        newest first."""
        c = self.store.get_contact(contact_id)
        rows = self.store.messages_with(contact_id, limit=limit)
        sessions: list[Session] = []
        last_ts, last_key = None, None
        for r in rows:
            if r["kind"] == "system":
                continue
            key = (r["channel"], r["group_name"] or "")
            if last_ts is None or r["ts"] - last_ts > gap_hours * 3600 or key != last_key:
                sessions.append(Session(self.fmt_day(r["ts"]), r["channel"], r["group_name"] or ""))
            sessions[-1].lines.append(HistoryLine(r["id"], self.fmt_day(r["ts"]), r["channel"],
                                                  "me" if r["direction"] == "out" else (c.name if c else "them"),
                                                  r["text"], r["group_name"] or ""))
            last_ts, last_key = r["ts"], key
        return sessions[::-1]

    def find_contacts(self, query: str, limit: int = 20) -> list[tuple[int, str, str]]:
        return [(c.id, c.name, c.circle) for c in self.store.list_contacts(query, limit)]

    def contact_names(self) -> list[tuple[int, str]]:
        from assistant.store.contacts import names_sorted

        return names_sorted(self.store.db)

    # --- slow work (worker threads; own connection; nothing written) ---------------------------------------

    def _streaming_model(self, on_token: OnToken | None, on_start: Callable[[], None] | None = None):
        """The configured chat model, streaming: every token goes to `on_token` (LangChain callbacks)."""
        from langchain_core.callbacks import BaseCallbackHandler

        from assistant import services

        class Tokens(BaseCallbackHandler):
            def on_llm_start(self, *args, **kwargs):
                if on_start:
                    on_start()

            def on_chat_model_start(self, *args, **kwargs):
                if on_start:
                    on_start()

            def on_llm_new_token(self, token: str, **kwargs):
                if token and on_token:
                    on_token(token)

        return services.chat_model(self.settings, streaming=True, callbacks=[Tokens()])

    def compute_regenerated(self, draft_id: int, instruction: str = "", *, on_token: OnToken | None = None,
                            on_start: Callable[[], None] | None = None):
        """A new version of a draft (not stored: hand it to `save_regenerated`). Streams the model's tokens."""
        from assistant import services
        from assistant.drafting.agent import draft_for
        from assistant.store import drafts as repo
        from assistant.store.drafts import DraftError

        with self.worker_store() as store:
            old = repo.get(store, draft_id)
            if old.status in ("approved", "sent"):
                raise DraftError(f"draft {draft_id} was already {old.status}; draft the contact again instead")
            model = judge = None
            if not self.offline:
                model = self._streaming_model(on_token, on_start)
                if self.settings.draft_llm_check:
                    judge = services.chat_model(self.settings, temperature=0)
            return draft_for(store, old.contact_id, about=old.about or None, instruction=instruction or None,
                             settings=self.settings, retriever=self.retriever(store), model=model, judge=judge,
                             today=self._today, tz=self.tz, offline=self.offline, previous=old, save=False)

    def compute_drafts(self, contact_ids: list[int] | None = None, *, top: int = 0, about: str | None = None,
                       progress: Progress | None = None, cancelled: Callable[[], bool] = lambda: False):
        """New drafts (not stored: hand them to `save_drafts`) for these contacts, or for the top `top` of
        the next `top` of the ranking without an open draft. Returns (drafts, [(name, why)])."""
        from assistant.drafting.agent import draft_for
        from assistant.store import drafts as repo
        from assistant.store.drafts import DraftError

        out, notes = [], []
        with self.worker_store() as store:
            retriever = self.retriever(store)
            suggestions: dict[int, object] = {}
            explicit = contact_ids is not None  # asked for by name: a new draft replaces a waiting one
            if contact_ids is None:  # "draft for N more": the next N of the ranking without an open draft
                from assistant.services.review import next_without_draft

                todo = next_without_draft(store, top, today=self.today, about=about, retriever=retriever, tz=self.tz)
                suggestions = {s.contact_id: s for s in todo}
                contact_ids = list(suggestions)
            for i, cid in enumerate(contact_ids):
                if cancelled():
                    raise CancelledWork()
                if progress:
                    progress("drafting", i, len(contact_ids))
                c = store.get_contact(cid)
                name = c.name if c else f"#{cid}"
                if not explicit and repo.open_draft_for(store, cid):
                    notes.append((name, "a draft is already waiting for review"))
                    continue
                try:
                    out.append(draft_for(store, cid, about=about, settings=self.settings, retriever=retriever,
                                         suggestion=suggestions.get(cid), today=self._today, tz=self.tz,
                                         offline=self.offline, save=False))
                except DraftError as e:
                    notes.append((name, str(e)))
            if progress:
                progress("drafting", len(contact_ids), len(contact_ids))
        return out, notes

    def compute_answer(self, question: str, *, on_token: OnToken | None = None,
                       on_start: Callable[[], None] | None = None):
        """`ask` (the agent with a model, the offline router without), tokens streamed. Returns
        (Answer, [(contact_id, name)]) - the people the answer is about, to turn into drafts."""
        from assistant.ask.agent import ask

        with self.worker_store() as store:
            model = None if self.offline else self._streaming_model(on_token, on_start)
            answer = ask(question, store, settings=self.settings, model=model, retriever=self.retriever(store),
                         today=self.today, tz=self.tz, offline=self.offline)
            return answer, people_in(answer, store)

    def compute_search(self, contact_id: int, query: str, k: int = 20) -> list[SearchHit]:
        """Search within one contact's conversations: the retrieval index when built, else a text scan."""
        with self.worker_store() as store:
            retriever = self.retriever(store)
            if retriever is not None:
                try:
                    hits = retriever.search(query, contact_id=contact_id, k=k)
                    return [SearchHit(self.fmt_day(h.start_ts), h.channel, h.snippet, list(h.message_ids))
                            for h in hits]
                except Exception:  # noqa: BLE001 - a broken or foreign-model index: fall back to the scan
                    pass
            from assistant.store.history import search_text

            rows = search_text(store.db, contact_id, query.strip().lower(), k)
            return [SearchHit(self.fmt_day(r["ts"]), r["channel"], r["text"].replace("\n", " ")[:200], [r["id"]])
                    for r in rows]

    # --- import and indexing (worker threads; they write through their own connection) --------------------

    def run_import(self, paths: list, *, me: list[str] = (), progress: Progress | None = None,
                   cancelled: Callable[[], bool] = lambda: False):
        from assistant.ingest.pipeline import import_paths

        def on_progress(label: str, done: int, total: int) -> None:
            if cancelled():
                raise CancelledWork()
            if progress:
                progress(label, done, total)

        with self.worker_store() as store:
            return import_paths(store, paths, tz=self.tz, me=[*self.settings.me_names(), *me], ask=None,
                                progress=on_progress)

    def index_needs_work(self) -> bool:
        """True when the search index is missing, or vectors are pending (a first build, an interrupted one):
        the TUI then builds it in the background (`run_first_index`)."""
        from assistant.services.search import index_needs_work

        return index_needs_work(self.settings, self.store)

    def run_lexical_index(self, *, progress: Progress | None = None, cancelled: Callable[[], bool] = lambda: False):
        """The first half of a first build (seconds): chunks, their BM25 index and the interests per contact.
        Search answers lexically from here on; `run_index` then embeds what is pending."""
        return self.run_index(progress=progress, cancelled=cancelled, embed=False)

    def run_index(self, *, progress: Progress | None = None, cancelled: Callable[[], bool] = lambda: False,
                  interests: bool = True, embed: bool = True):
        """Build or update the retrieval index (incremental; resumable), then the interests per contact."""
        from assistant.services.search import build_index

        def on_progress(label: str, done: int, total: int) -> None:
            if cancelled():
                raise CancelledWork()
            if progress:
                progress(label, done, total)

        with self.worker_store() as store:
            result = build_index(self.settings, store, interests=interests, progress=on_progress, embed=embed)
        result.report.notes.extend(result.warnings)
        return result.report

    def close(self) -> None:
        self.store.close()


def people_in(answer, store) -> list[tuple[int, str]]:
    """The contacts an answer is about: from the router's structured result when there is one, else the
    contact names the answer's text mentions."""
    data = answer.data if isinstance(answer.data, dict) else {}
    found: dict[int, str] = {}
    for key in ("suggestions", "people", "contacts"):
        for item in data.get(key) or []:
            if isinstance(item, dict) and item.get("contact_id"):
                found.setdefault(int(item["contact_id"]), str(item.get("name") or ""))
    if data.get("contact_id"):
        found.setdefault(int(data["contact_id"]), str(data.get("name") or ""))
    if not found and answer.text:
        text = answer.text
        from assistant.store.contacts import names_at_least

        for cid, name in names_at_least(store.db, 2):
            if name and (len(name) >= 3 or not name.isascii()) and name in text:
                found.setdefault(cid, name)
        # the positions in the text give the order
        order = sorted(found.items(), key=lambda kv: text.find(kv[1]))
        return order[:30]
    return list(found.items())[:30]


def snooze_days(choice: str, today: date) -> tuple[int | None, date | None]:
    """'1w' '1m' '3m' / '10d' / 'YYYY-MM-DD' -> (days, None) or (None, date). Raises ValueError."""
    text = choice.strip().lower()
    import re

    m = re.fullmatch(r"(\d+)\s*([dwmy])", text)
    if m:
        n = int(m.group(1)) * {"d": 1, "w": 7, "m": 30, "y": 365}[m.group(2)]
        if n < 1:
            raise ValueError("snooze for at least one day")
        return n, None
    try:
        d = date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{choice!r}: give a date as YYYY-MM-DD, or e.g. 10d, 2w, 3m") from None
    if d <= today:
        raise ValueError(f"{d.isoformat()} is not in the future")
    return None, d


__all__ = ["CancelledWork", "ContactView", "HistoryLine", "QueueService", "SNOOZE_CHOICES", "SearchHit", "Session",
           "UndoEntry", "people_in", "snooze_days"]
