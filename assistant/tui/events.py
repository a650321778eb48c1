"""Messages that workers post. A worker never touches a widget or the app's state: it posts one of these, and
the screen's handler (on the UI thread) changes what needs changing.

Each job (a `Job`) is bracketed: `WorkStarted`, then any number of `WorkProgress` / `TokenArrived` /
`StreamReset`, then exactly one of its typed result message (`DraftsMade`, `Regenerated`, `Answered`,
`SearchFound`, `Imported`, `Indexed`, `Rewritten`, `GroupsLoaded`, `GroupHealth`) or `WorkFailed`. Handlers are
picked by the message's type (`on_drafts_made`...), never by comparing strings."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from textual.message import Message


class Job(Enum):
    """What a worker is doing; the value is how the status line names it."""

    REGENERATE = "regenerate"
    DRAFT = "drafting"
    ASK = "ask"
    SEARCH = "search"
    IMPORT = "import"
    INDEX = "indexing"
    FIRST_RUN = "first run"
    REWRITE = "rewrite"
    GROUPS = "groups"


class JobMessage(Message):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job


class WorkStarted(JobMessage):
    pass


class WorkProgress(JobMessage):
    """(label, done, total) from the pipeline or the index; one bar per label, each update replaces the last."""

    def __init__(self, job: Job, label: str, done: int, total: int) -> None:
        super().__init__(job)
        self.label, self.done, self.total = label, done, total


class StreamReset(JobMessage):
    """A new model call began (e.g. the drafter's one rewrite): the streamed text starts over."""


class TokenArrived(JobMessage):
    def __init__(self, job: Job, text: str) -> None:
        super().__init__(job)
        self.text = text


class WorkFailed(JobMessage):
    def __init__(self, job: Job, error: str) -> None:
        super().__init__(job)
        self.error = error


# --- results, one type per kind of result -------------------------------------------------------------------


class DraftsMade(JobMessage):
    """New drafts (not stored yet: the handler saves them) and [(name, why skipped)]."""

    def __init__(self, job: Job, result) -> None:
        super().__init__(job)
        self.drafts, self.notes = result


class Regenerated(JobMessage):
    def __init__(self, job: Job, draft) -> None:
        super().__init__(job)
        self.draft = draft


class Answered(JobMessage):
    def __init__(self, job: Job, result) -> None:
        super().__init__(job)
        self.answer, self.people = result


class SearchFound(JobMessage):
    def __init__(self, job: Job, result) -> None:
        super().__init__(job)
        self.query, self.hits = result


class Imported(JobMessage):
    def __init__(self, job: Job, summary) -> None:
        super().__init__(job)
        self.summary = summary


class Indexed(JobMessage):
    """The index was updated (`report`: an UpdateReport); `vectors`: False when only the lexical side is done."""

    def __init__(self, job: Job, report, vectors: bool = True) -> None:
        super().__init__(job)
        self.report, self.vectors = report, vectors


class Rewritten(JobMessage):
    def __init__(self, job: Job, result) -> None:
        super().__init__(job)
        self.result = result


class GroupsLoaded(JobMessage):
    def __init__(self, job: Job, result) -> None:
        super().__init__(job)
        self.rows, self.verdicts = result


class GroupHealth(JobMessage):
    def __init__(self, job: Job, health) -> None:
        super().__init__(job)
        self.health = health


def run_job(target, job: Job, fn, done: Callable[[Job, object], Message], *, stream: bool = False) -> bool:
    """The body of every worker: bracket `fn` with WorkStarted and `done(job, result)` | WorkFailed posted to
    `target`. With `stream=True`, `fn` gets `on_token` and `on_start` callbacks (TokenArrived, StreamReset).
    Returns whether `fn` succeeded."""
    target.post_message(WorkStarted(job))
    try:
        if stream:
            result = fn(on_token=lambda t: target.post_message(TokenArrived(job, t)),
                        on_start=lambda: target.post_message(StreamReset(job)))
        else:
            result = fn()
    except Exception as e:  # noqa: BLE001 - every failure becomes a message; the UI keeps running
        from assistant.services.session import CancelledWork

        target.post_message(WorkFailed(job, "cancelled" if isinstance(e, CancelledWork) else _describe(e)))
        return False
    target.post_message(done(job, result))
    return True


def _describe(e: Exception) -> str:
    from assistant.services import describe_error

    try:
        return describe_error(e)
    except Exception:  # noqa: BLE001 - describing a failure must not fail
        return str(e) or type(e).__name__
