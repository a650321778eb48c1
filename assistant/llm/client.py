"""Build LangChain chat models for the configured OpenAI-compatible endpoint.

One factory, used by every feature that talks to a model (questions, drafting), so timeouts, retries and the
endpoint are set in one place from `Settings`:

    OPENAI_BASE_URL      the server (OpenAI, Ollama, vLLM, llama.cpp, DeepSeek, Qwen ...); empty: api.openai.com
    OPENAI_API_KEY       its key (servers that need none get a placeholder)
    OUTREACH_CHAT_MODEL  the model name there
    OUTREACH_LLM_TIMEOUT, OUTREACH_LLM_MAX_RETRIES, OUTREACH_LLM_TEMPERATURE
    OUTREACH_MODEL_CONTEXT  the server's context window: replies are capped (max_tokens) to fit in it

Calls go through `assistant.llm.calls.invoke` (progress, total deadline, JSON mode, cut-off replies).

With neither a key nor a base URL, nothing is configured and `chat_model()` raises `LLMNotConfigured`: callers
fall back to their offline paths. `langchain_openai` (about 2 s to import) is imported only here, on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.config import Settings

NOT_CONFIGURED_HELP = (
    "no language model is configured: set OPENAI_BASE_URL (any OpenAI-compatible server, e.g. "
    "http://localhost:11434/v1 for Ollama) and/or OPENAI_API_KEY, and OUTREACH_CHAT_MODEL, in the environment "
    "or in .env"
)


class LLMNotConfigured(RuntimeError):
    """No endpoint is configured; the feature needs a model (or has an offline fallback)."""

    def __init__(self, message: str = NOT_CONFIGURED_HELP):
        super().__init__(message)


class LLMError(RuntimeError):
    """A model call failed (after retries); the message says why in plain words, never with the key."""


def is_configured(settings) -> bool:
    return bool(settings.openai_api_key.get_secret_value() or settings.openai_base_url)


def chat_model(
    settings,
    *,
    model: str | None = None,
    temperature: float | None = None,
    streaming: bool = False,
    timeout: float | None = None,
    max_retries: int | None = None,
    max_tokens: int | None = None,
    **kwargs: Any,
):
    """A `langchain_openai.ChatOpenAI` for the configured endpoint. Raises LLMNotConfigured."""
    if not is_configured(settings):
        raise LLMNotConfigured()
    from langchain_openai import ChatOpenAI

    key = settings.openai_api_key.get_secret_value() or "not-needed"  # local servers ignore it; the client needs one
    max_tokens = max_tokens or default_max_tokens(settings)  # always set: servers otherwise fill the context
    if is_local_style(settings.openai_base_url) and "extra_body" not in kwargs:
        kwargs["extra_body"] = {"max_tokens": max_tokens}  # the client sends max_completion_tokens only
    return ChatOpenAI(
        model=model or settings.chat_model,
        api_key=key,
        base_url=settings.openai_base_url or None,
        temperature=settings.llm_temperature if temperature is None else temperature,
        timeout=settings.llm_timeout if timeout is None else timeout,
        max_retries=settings.llm_max_retries if max_retries is None else max_retries,
        streaming=streaming,
        max_tokens=max_tokens,
        **kwargs,
    )


def is_local_style(base_url: str | None) -> bool:
    """Servers other than OpenAI's own (llama.cpp, Ollama, vLLM ...) read `max_tokens`; OpenAI wants
    `max_completion_tokens` (which the client sends), and rejects `max_tokens` for some models."""
    return bool(base_url) and "api.openai.com" not in str(base_url)


def default_max_tokens(settings: Settings) -> int:
    """Room for a reply: a quarter of the context, between 256 and 1024 tokens."""
    context = settings.model_context
    return max(256, min(1024, context // 4))


def _context_overflow(message: str) -> bool:
    """A 400 that says the request does not fit the model's context (llama.cpp, vLLM, Ollama, OpenAI wording)."""
    m = message.lower()
    return "context" in m or "n_ctx" in m or "too long" in m or ("exceed" in m and "token" in m)


def describe_error(exc: BaseException) -> str:
    """A one-line, user-facing explanation of a failed model call (no secrets, no stack trace)."""
    try:
        import openai
    except ImportError:  # pragma: no cover - openai is a dependency
        return f"{type(exc).__name__}: {exc}"
    if isinstance(exc, (LLMNotConfigured, LLMError)):
        return str(exc)
    if type(exc).__name__ == "LengthFinishReasonError":
        from assistant.llm.calls import CONTEXT_TOO_SMALL

        return CONTEXT_TOO_SMALL
    if isinstance(exc, openai.APITimeoutError):
        return "the model server did not answer in time (OUTREACH_LLM_TIMEOUT); try again or raise the timeout"
    if isinstance(exc, openai.APIConnectionError):
        return "cannot reach the model server at OPENAI_BASE_URL; is it running?"
    if isinstance(exc, openai.AuthenticationError):
        return "the model server refused the key (401); check OPENAI_API_KEY"
    if isinstance(exc, openai.RateLimitError):
        return "the model server is rate-limiting requests (429) even after retries; try again later"
    if isinstance(exc, openai.NotFoundError):
        return "the model server does not know this model or path (404); check OUTREACH_CHAT_MODEL and OPENAI_BASE_URL"
    if isinstance(exc, openai.BadRequestError) and _context_overflow(str(exc)):
        from assistant.llm.calls import CONTEXT_TOO_SMALL

        return CONTEXT_TOO_SMALL
    if isinstance(exc, openai.APIStatusError):
        return f"the model server answered with an error ({exc.status_code}); try again later"
    if isinstance(exc, openai.APIResponseValidationError) or "JSONDecodeError" in type(exc).__name__ or (
        isinstance(exc, ValueError) and "json" in str(exc).lower()
    ):
        return "the model server sent a reply that is not valid OpenAI-protocol JSON"
    return f"the model call failed: {type(exc).__name__}: {str(exc)[:200]}"
