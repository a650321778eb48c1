"""What the front ends (CLI, TUI) call for announcements and groups: builds the model from settings through
`assistant.services` and the name book from the store, so a screen never touches openai or SQL itself."""

from __future__ import annotations

from datetime import date, datetime

from assistant.announce.facts import NameBook
from assistant.announce.rewrite import RewriteResult, rewrite_announcement


class AnnounceService:
    def __init__(self, settings, store):
        self.settings = settings
        self.store = store
        self._names: NameBook | None = None

    @property
    def model_configured(self) -> bool:
        return self.settings.llm_configured()

    def names(self) -> NameBook:
        if self._names is None:
            self._names = NameBook.from_store(self.store)
        return self._names

    def model(self, offline: bool = False):
        if offline or not self.model_configured:
            return None
        from assistant.services import chat_model

        return chat_model(self.settings)

    def rewrite(self, text: str, *, channel: str = "wechat", langs: list[str] | None = None,
                offline: bool = False) -> RewriteResult:
        return rewrite_announcement(text, channel=channel, langs=langs, model=self.model(offline), names=self.names())

    # --- groups

    def today(self) -> date:
        return datetime.now(self.settings.tzinfo()).date()

    def groups(self, today: date | None = None):
        from assistant.groups import list_groups

        return list_groups(self.store, today or self.today(), self.settings.tzinfo())

    def health(self, group: int | str, today: date | None = None):
        from assistant.groups import group_health

        return group_health(self.store, group, today or self.today(), self.settings.tzinfo())
