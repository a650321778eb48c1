"""Group announcements: rewrite one for a channel and in several languages with every fact kept
(`rewrite`), the offline clean-up (`cleanup`), channel profiles (`channels`), the fact check (`facts`), the
side-by-side diff (`diff`), and personal 1:1 follow-ups for the members who matter most (`followups`).

Importing this package is cheap: LangChain is imported by `rewrite_announcement` when it runs.
"""
