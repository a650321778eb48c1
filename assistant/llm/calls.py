"""The one way features call a chat model: progress, a total deadline, Ctrl+C, max_tokens, JSON mode, cut-offs.

    with deadline(settings):                       # OUTREACH_LLM_DEADLINE seconds for everything inside
        reply = invoke(model, messages, label="drafting for Li Wei", max_tokens=600, json_mode=True)

- The request runs in a daemon thread while the caller's thread waits in short steps, so Ctrl+C
  (KeyboardInterrupt) reaches the caller at once, and the total deadline is enforced even across the client's
  retries. The per-request timeout stays the client's (OUTREACH_LLM_TIMEOUT).
- `show_progress()` (the CLI calls it) draws a spinner on stderr with the elapsed time and the endpoint; on a
  stream that is not a terminal it writes one line after a few seconds and then every half minute.
- `max_tokens` is always sent; a reply with `finish_reason == "length"` raises `ContextTooSmall`.
- `json_mode=True` asks for `response_format={"type": "json_object"}` (OpenAI, vLLM, llama.cpp, Ollama); a
  server that rejects the field (HTTP 400 naming it) is asked again without it, and remembered.
"""

from __future__ import annotations

import contextvars
import itertools
import logging
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.llm.client import LLMError

if TYPE_CHECKING:
    from assistant.config import Settings

log = logging.getLogger("assistant.llm")

CONTEXT_TOO_SMALL = ("the model's context is too small: set OUTREACH_MODEL_CONTEXT to the server's context size "
                     "(llama.cpp --ctx-size / n_ctx, Ollama num_ctx, vLLM --max-model-len) and make it at least 4096")
DEFAULT_DEADLINE = 600.0


class ContextTooSmall(LLMError):
    def __init__(self, message: str = CONTEXT_TOO_SMALL):
        super().__init__(message)


class DeadlineExceeded(LLMError):
    pass


@dataclass
class Deadline:
    seconds: float
    started: float = field(default_factory=time.monotonic)

    def remaining(self) -> float:
        return self.seconds - (time.monotonic() - self.started)


_DEADLINE: contextvars.ContextVar[Deadline | None] = contextvars.ContextVar("llm_deadline", default=None)


@contextmanager
def deadline(settings: Settings | None = None, seconds: float | None = None):
    """A total time limit for every model call inside; an enclosing one is kept (it is the stricter promise)."""
    if _DEADLINE.get() is not None:
        yield _DEADLINE.get()
        return
    if seconds is not None:
        total = seconds
    else:
        total = settings.llm_deadline if settings is not None else DEFAULT_DEADLINE
    token = _DEADLINE.set(Deadline(total))
    try:
        yield _DEADLINE.get()
    finally:
        _DEADLINE.reset(token)


# --- progress ------------------------------------------------------------------------------------------------


class Spinner:
    """Progress of one call on a text stream (stderr in the CLI)."""

    FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"

    def __init__(self, stream, label: str, endpoint: str):
        self.stream, self.label, self.endpoint = stream, label, endpoint
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self.frames = itertools.cycle(self.FRAMES)
        self.next_line = 5.0  # non-terminal: first line after 5 s, then every 30 s
        self.drawn = False

    def tick(self, elapsed: float) -> None:
        try:
            if self.tty:
                self.stream.write(f"\r\x1b[2K{next(self.frames)} {self.label} · {elapsed:.0f}s · {self.endpoint} "
                                  f"(Ctrl+C cancels)")
                self.stream.flush()
                self.drawn = True
            elif elapsed >= self.next_line:
                self.stream.write(f"still waiting for the model at {self.endpoint}: {self.label}, {elapsed:.0f}s "
                                  f"(Ctrl+C cancels)\n")
                self.stream.flush()
                self.next_line += 30.0
        except (OSError, ValueError):  # a closed stream must not break the call
            pass

    def done(self) -> None:
        if self.tty and self.drawn:
            try:
                self.stream.write("\r\x1b[2K")
                self.stream.flush()
            except (OSError, ValueError):
                pass


_PROGRESS = {"stream": None}


def show_progress(stream=None) -> None:
    """Show a spinner for every model call from now on (on `stream`; default: whatever sys.stderr is at the
    time of the call, so a TUI that captures stderr gets no escape codes); `hide_progress()` stops."""
    _PROGRESS["stream"] = stream if stream is not None else "stderr"


def hide_progress() -> None:
    _PROGRESS["stream"] = None


def endpoint_of(model) -> str:
    m = getattr(model, "bound", model)
    url = getattr(m, "openai_api_base", None) or "https://api.openai.com/v1"
    return str(url)


# --- the call ------------------------------------------------------------------------------------------------

_NO_JSON_MODE: set[str] = set()  # endpoints that rejected response_format


def finish_reason(reply) -> str | None:
    meta = getattr(reply, "response_metadata", None) or {}
    return meta.get("finish_reason")


def _rejects_json_mode(exc: BaseException) -> bool:
    status = getattr(exc, "status_code", None)
    return status in (400, 422) and "response_format" in str(exc).lower()


def _wait(runnable, messages, label: str, endpoint: str):
    box: dict = {}

    def work() -> None:
        try:
            box["reply"] = runnable.invoke(messages)
        except BaseException as e:  # handed to the caller's thread
            box["error"] = e

    worker = threading.Thread(target=work, name="llm-call", daemon=True)
    started = time.monotonic()
    dl = _DEADLINE.get()
    stream = sys.stderr if _PROGRESS["stream"] == "stderr" else _PROGRESS["stream"]
    spinner = Spinner(stream, label, endpoint) if stream is not None else None
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.1)
            elapsed = time.monotonic() - started
            if spinner:
                spinner.tick(elapsed)
            if dl is not None and dl.remaining() <= 0 and worker.is_alive():
                raise DeadlineExceeded(f"the model at {endpoint} did not finish within OUTREACH_LLM_DEADLINE "
                                       f"({dl.seconds:.0f} s in all); raise it for a slow (CPU) server")
    finally:
        if spinner:
            spinner.done()
    if "error" in box:
        raise box["error"]
    return box["reply"]


def invoke(model, messages, *, label: str = "waiting for the model", max_tokens: int | None = None,
           json_mode: bool = False):
    """One chat request (see the module doc). Raises ContextTooSmall, DeadlineExceeded, or the client's error."""
    endpoint = endpoint_of(model)
    from assistant.llm.client import is_local_style

    kwargs: dict = {}
    if max_tokens:
        kwargs["max_tokens"] = int(max_tokens)  # sent as max_completion_tokens
        if is_local_style(endpoint):
            kwargs["extra_body"] = {"max_tokens": int(max_tokens)}  # what local servers read
    use_json = json_mode and endpoint not in _NO_JSON_MODE
    if use_json:
        kwargs["response_format"] = {"type": "json_object"}
    runnable = model.bind(**kwargs) if kwargs else model
    try:
        reply = _wait(runnable, messages, label, endpoint)
    except Exception as e:
        if type(e).__name__ == "LengthFinishReasonError":  # the client's structured-output path says "length"
            raise ContextTooSmall() from e
        if not (use_json and _rejects_json_mode(e)):
            raise
        log.info("%s rejects response_format; asking without JSON mode", endpoint)
        _NO_JSON_MODE.add(endpoint)
        kwargs.pop("response_format")
        reply = _wait(model.bind(**kwargs) if kwargs else model, messages, label, endpoint)
    if finish_reason(reply) == "length":
        raise ContextTooSmall()
    return reply


def text_of(reply) -> str:
    content = getattr(reply, "content", reply)
    if isinstance(content, str):
        return content
    return "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content or [])


__all__ = ["CONTEXT_TOO_SMALL", "ContextTooSmall", "Deadline", "DeadlineExceeded", "Spinner", "deadline",
           "endpoint_of", "finish_reason", "hide_progress", "invoke", "show_progress", "text_of"]
