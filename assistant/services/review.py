"""The review queue: what the CLI and the TUI (issue #6) both call. No UI code here.

    q = ReviewQueue(store, settings=settings, retriever=retriever)     # model built from settings on demand
    q.pending()                       # queued drafts (snoozed ones come back when their time is up), held ones
    q.draft(contact_id, about=..., instruction=...)                   # a new draft for one contact
    q.suggested(n)                    # drafts for the next n of the ranking without an open draft
    q.draft(...) for someone with a draft waiting replaces it (kept as 'replaced'); an approved, sent or
    dismissed text is never proposed again (DraftError)
    q.approve(draft_id, final_text=None, sent=True)                   # mark sent, learn, reset the cadence
    q.edit(draft_id, text)            # keep the user's edit (still in the queue)
    q.snooze(draft_id, days=7) / q.dismiss(draft_id)
    q.regenerate(draft_id, instruction="shorter")                     # replaces the draft

Approving keeps the original and the final text, classifies the edit (product.md's failure modes; accepted
when similarity >= 0.7), refreshes the style notes, logs the message as sent (channel 'outreach') and records a
'contacted' action, so the keep-in-touch clock restarts.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date, timezone, tzinfo

from assistant.drafting.agent import draft_for
from assistant.drafting.learning import classify_edit, refresh_notes
from assistant.store import drafts as repo
from assistant.store.drafts import Draft, DraftError, list_drafts  # noqa: F401  (list_drafts: for the front ends)

OUTREACH_CHANNEL = "outreach"


@dataclass
class BatchResult:
    drafts: list[Draft] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (name, why)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (name, error)


def next_without_draft(store, n: int, *, today=None, about: str | None = None, retriever=None, tz=timezone.utc,
                       skipped: list | None = None) -> list:
    """The next `n` suggestions of the ranking that have no draft waiting for review ("draft for N more"):
    those with one are passed over (and listed in `skipped` with the reason), and the ranking is read further."""
    from assistant.ranking import rank

    open_ids = {d.contact_id for d in repo.list_drafts(store, repo.OPEN_STATUSES)}
    ranking = rank(store, today, limit=max(1, n) + len(open_ids), about=about, retriever=retriever, tz=tz)
    out = []
    for s in ranking.suggestions:
        if len(out) >= n:
            break
        if s.contact_id in open_ids:
            if skipped is not None:
                skipped.append((s.name, "a draft is already waiting for review"))
            continue
        out.append(s)
    return out


class ReviewQueue:
    def __init__(self, store, *, settings=None, retriever=None, model=None, judge=None, tz: tzinfo = timezone.utc,
                 today: date | None = None, offline: bool = False):
        self.store = store
        self.settings = settings
        self.retriever = retriever
        self.model = model
        self.judge = judge
        self.tz = tz
        self.today = today
        self.offline = offline

    # --- reading -----------------------------------------------------------------------------------------

    def pending(self, *, held: bool = True) -> list[Draft]:
        statuses = ("queued", "held") if held else ("queued",)
        return repo.list_drafts(self.store, statuses)

    def get(self, draft_id: int) -> Draft:
        return repo.get(self.store, draft_id)

    # --- drafting ----------------------------------------------------------------------------------------

    def draft(self, contact_id: int, *, about: str | None = None, instruction: str | None = None,
              language: str | None = None, suggestion=None) -> Draft:
        return draft_for(self.store, contact_id, about=about, instruction=instruction, settings=self.settings,
                         retriever=self.retriever, model=self.model, judge=self.judge, suggestion=suggestion,
                         today=self.today, tz=self.tz, offline=self.offline, language=language)

    def suggested(self, n: int, *, about: str | None = None, progress=None) -> BatchResult:
        """Drafts for the top `n` of this month's ranking, queued for review. A failure for one contact is
        reported and the others go on."""
        from assistant.ranking import rank

        out = BatchResult()
        todo = next_without_draft(self.store, n, today=self.today, about=about, retriever=self.retriever, tz=self.tz,
                                  skipped=out.skipped)
        for i, s in enumerate(todo):
            if progress:
                progress("drafting", i, len(todo))
            try:
                out.drafts.append(self.draft(s.contact_id, about=about, suggestion=s))
            except DraftError as e:
                out.failed.append((s.name, str(e)))
        if progress:
            progress("drafting", len(todo), len(todo))
        return out

    def regenerate(self, draft_id: int, *, instruction: str | None = None) -> Draft:
        """A new draft for the same contact (following `instruction`, e.g. "shorter", "in English"); the old one
        is marked replaced only when the new one was made."""
        old = repo.get(self.store, draft_id)
        if old.status in ("approved", "sent"):
            raise DraftError(f"draft {draft_id} was already {old.status}; draft the contact again instead")
        return draft_for(self.store, old.contact_id, about=old.about or None, instruction=instruction,
                         settings=self.settings, retriever=self.retriever, model=self.model, judge=self.judge,
                         today=self.today, tz=self.tz, offline=self.offline, previous=old)

    # --- review actions ----------------------------------------------------------------------------------

    def edit(self, draft_id: int, text: str) -> Draft:
        d = self._open(draft_id)
        if not text.strip():
            raise DraftError("an empty edit: dismiss the draft instead")
        d.text = text.strip()
        return repo.save(self.store, d)

    def approve(self, draft_id: int, final_text: str | None = None, *, sent: bool = True,
                now: int | None = None) -> Draft:
        """Accept a draft (optionally as edited). `sent=True`: the user sent it (the default: approve = copy and
        send), which logs it and resets the cadence."""
        d = self._open(draft_id, allow_held=True)
        final = (final_text if final_text is not None else d.text).strip()
        if not final:
            raise DraftError("nothing to send: the final text is empty")
        at = int(time.time()) if now is None else int(now)
        result = classify_edit(d.original_text, final, lang=d.language)
        d.final_text = final
        d.text = final
        d.similarity = result.similarity
        d.edit_labels = result.labels
        d.verdicts = {**d.verdicts, "edit": {"accepted": result.accepted, "similarity": result.similarity,
                                             "labels": result.labels}}
        d.status = "sent" if sent else "approved"
        with self.store.transaction():
            if sent:
                d.sent_at = at
                self._log_sent(d, at)
            repo.save(self.store, d)
        refresh_notes(self.store, d.contact_id, d.language)
        refresh_notes(self.store, None, d.language)
        return d

    def mark_sent(self, draft_id: int, *, now: int | None = None) -> Draft:
        d = repo.get(self.store, draft_id)
        if d.status != "approved":
            raise DraftError(f"draft {draft_id} is {d.status}, not approved")
        at = int(time.time()) if now is None else int(now)
        d.status, d.sent_at = "sent", at
        with self.store.transaction():
            self._log_sent(d, at)
            repo.save(self.store, d)
        return d

    def snooze(self, draft_id: int, *, days: int = 7, now: int | None = None) -> Draft:
        d = self._open(draft_id, allow_held=True)
        if not 1 <= days <= 3660:
            raise DraftError("snooze a draft for 1 to 3660 days")
        at = int(time.time()) if now is None else int(now)
        d.status, d.snooze_until = "snoozed", at + days * 86_400
        return repo.save(self.store, d)

    def dismiss(self, draft_id: int, *, rest_contact: bool = False) -> Draft:
        """Drop the draft. `rest_contact=True` also dismisses the suggestion in the ranking (a cool-down)."""
        d = self._open(draft_id, allow_held=True)
        d.status = "dismissed"
        with self.store.transaction():
            repo.save(self.store, d)
            if rest_contact:
                from assistant.ranking import dismiss

                dismiss(self.store, d.contact_id, note=f"draft {d.id} dismissed")
        return d

    # --- internals ---------------------------------------------------------------------------------------

    def _open(self, draft_id: int, allow_held: bool = True) -> Draft:
        d = repo.get(self.store, draft_id)
        if d.status == "snoozed" and d.snooze_until is not None and d.snooze_until <= int(time.time()):
            d.status = "queued"
        allowed = ("queued", "held", "snoozed") if allow_held else ("queued", "snoozed")
        if d.status not in allowed:
            raise DraftError(f"draft {draft_id} is {d.status}; only drafts waiting for review can be changed")
        return d

    def _log_sent(self, d: Draft, at: int) -> None:
        """The sent draft as an outbound message (its own channel, so a later import of the real chat never
        collides with it) and a 'contacted' action for the ranking."""
        from assistant.ranking import mark_contacted

        self.store.insert_messages([(OUTREACH_CHANNEL, f"contact-{d.contact_id}", d.contact_id, None, None, "out", "text",
                                     at, d.final_text or d.text, "outreach-drafts", f"draft-{d.id}")])
        mark_contacted(self.store, d.contact_id, now=at, note=f"draft {d.id} sent")


__all__ = ["BatchResult", "OUTREACH_CHANNEL", "ReviewQueue", "next_without_draft"]
