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
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

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

    @cached_property
    def db_path(self) -> Path:
        return self.home / "outreach.sqlite3"

    def me_names(self) -> list[str]:
        return [n.strip() for n in self.me.split(",") if n.strip()]

    def tzinfo(self):
        """The zone used to read naive local timestamps."""
        from datetime import datetime
        from zoneinfo import ZoneInfo

        if self.timezone:
            return ZoneInfo(self.timezone)
        return datetime.now().astimezone().tzinfo


def get_settings(**overrides) -> Settings:
    return Settings(**overrides)
