"""Messages that workers post. A worker never touches a widget or the app's state: it posts one of these, and
the screen's handler (on the UI thread) changes what needs changing. Each job is bracketed: `WorkStarted`, then
any number of `WorkProgress` / `TokenArrived` / `StreamReset`, then exactly one of `WorkDone` / `WorkFailed`."""

from __future__ import annotations

from typing import Any

from textual.message import Message


class WorkStarted(Message):
    def __init__(self, job: str, note: str = "") -> None:
        super().__init__()
        self.job, self.note = job, note


class WorkProgress(Message):
    """(label, done, total) from the pipeline or the index; one bar per label, each update replaces the last."""

    def __init__(self, job: str, label: str, done: int, total: int) -> None:
        super().__init__()
        self.job, self.label, self.done, self.total = job, label, done, total


class StreamReset(Message):
    """A new model call began (e.g. the drafter's one rewrite): the streamed text starts over."""

    def __init__(self, job: str) -> None:
        super().__init__()
        self.job = job


class TokenArrived(Message):
    def __init__(self, job: str, text: str) -> None:
        super().__init__()
        self.job, self.text = job, text


class WorkDone(Message):
    def __init__(self, job: str, result: Any) -> None:
        super().__init__()
        self.job, self.result = job, result


class WorkFailed(Message):
    def __init__(self, job: str, error: str) -> None:
        super().__init__()
        self.job, self.error = job, error


def run_job(target, job: str, fn, *, stream: bool = False) -> None:
    """The body of every worker: bracket `fn` with Started / Done|Failed posted to `target`. With
    `stream=True`, `fn` gets `on_token` and `on_start` callbacks that post TokenArrived / StreamReset."""
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
        return
    target.post_message(WorkDone(job, result))


def _describe(e: Exception) -> str:
    from assistant.services import describe_error

    try:
        return describe_error(e)
    except Exception:  # noqa: BLE001 - describing a failure must not fail
        return str(e) or type(e).__name__
