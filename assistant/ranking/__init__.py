"""Who to reconnect with, and why: pure scoring (`model`), the SQL feeding it (`data`), talking points and
"who would care about this?" (`hooks`), what the user did with a suggestion (`actions`).

    from assistant.ranking import rank, suggest
    ranking = rank(store, today, month="2025-03", limit=10, circle=None, about=None, retriever=None, tz=tz)
    for s in ranking.suggestions:
        s.name, s.score, [r.text() for r in s.reasons], s.hook.text() if s.hook else None, s.hook.message_ids
"""

from assistant.ranking.actions import dismiss, mark_contacted, snooze, unsnooze
from assistant.ranking.model import (
    DEFAULT_CADENCE_DAYS,
    HeldBack,
    Hook,
    Reason,
    Suggestion,
    Window,
)
from assistant.ranking.suggest import Ranking, rank, suggest

__all__ = [
    "DEFAULT_CADENCE_DAYS",
    "HeldBack",
    "Hook",
    "Ranking",
    "Reason",
    "Suggestion",
    "Window",
    "dismiss",
    "mark_contacted",
    "rank",
    "snooze",
    "suggest",
    "unsnooze",
]
