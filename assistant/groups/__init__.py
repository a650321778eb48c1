"""Groups: how healthy an imported group chat is, and what to do with it (keep, broadcast, close).

Pure computation over the store (`health`); rich renderables for the CLI and the TUI live in `render`.
"""

from assistant.groups.health import (
    Announcement,
    GroupHealth,
    GroupNotFound,
    GroupRow,
    MemberLink,
    MonthActivity,
    Recommendation,
    Roster,
    find_group,
    group_health,
    is_announcement,
    list_groups,
    parse_roster,
)

__all__ = [
    "Announcement",
    "GroupHealth",
    "GroupNotFound",
    "GroupRow",
    "MemberLink",
    "MonthActivity",
    "Recommendation",
    "Roster",
    "find_group",
    "group_health",
    "is_announcement",
    "list_groups",
    "parse_roster",
]
