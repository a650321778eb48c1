"""Where an announcement goes, and what that channel allows: a hard length limit, a recommended length, and
which formatting marks it renders.

Sources and choices (lengths are counted in Unicode code points, as `len(str)`; a Chinese character is one):

- **WeChat group** (`wechat`): Tencent publishes no limit for a text message. We cap at 2,000 characters
  (a practical ceiling: longer texts get folded behind "全文" and are painful on a phone) and recommend at most
  500. WeChat renders no markdown: `*`, `#`, `**` show literally, so plain text with line breaks and emoji only.
  An `@所有人` at the start is what notifies everyone (only the owner/admins can use it); it is kept in place.
- **WhatsApp** (`whatsapp`): the consumer app accepts up to 65,536 characters per message (the Business API
  caps at 4,096); nobody reads that much in a group, so we recommend at most 1,000. Formatting:
  `*bold*`, `_italic_`, `~strike~`, ``` ```mono``` ```, lines starting with `- ` or `1. ` as lists, `> ` quotes
  (WhatsApp FAQ "How to format your messages").
- **Telegram** (`telegram`): 4,096 characters per message (Bot API `sendMessage`: "1-4096 characters after
  entities parsing"; the apps split longer pastes into several messages). The apps turn `**bold**`,
  `__italic__`, `` `code` `` and `~~strike~~` typed in the input field into formatting; we recommend at
  most 1,500.
- **LinkedIn post** (`linkedin`): 3,000 characters (the post/commentary field limit of LinkedIn's API and the
  composer); only about the first 210 are shown before "…see more", so the opening line has to carry the
  point. No markdown: plain text, line breaks, emoji, #hashtags.
- **E-mail** (`email`): a subject line plus a plain-text body. The subject should fit in 78 characters (RFC
  5322's recommended line length, and what inboxes show); no real limit on the body, we cap it at 10,000 and
  recommend at most 2,000. Plain text: markdown marks are removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Channel:
    name: str
    label: str
    max_chars: int  # hard limit: a version longer than this is rejected
    recommended_chars: int  # a longer version passes, with a warning
    markup: str  # "plain" | "whatsapp" | "telegram"
    bullet: str  # how a list item starts in this channel
    notes: str  # formatting rules, as the prompt states them
    subject_max: int = 0  # e-mail only: the subject line's limit


CHANNELS: dict[str, Channel] = {
    "wechat": Channel(
        "wechat", "WeChat group", 2000, 500, "plain", "• ",
        "Plain text only: WeChat shows *, #, ** and other markdown literally, so use none. Line breaks and "
        "emoji are fine. Short paragraphs; a list as lines starting with '• ' or '1. '. Keep an '@所有人' / "
        "'@all' at the very start if the original has one.",
    ),
    "whatsapp": Channel(
        "whatsapp", "WhatsApp", 65536, 1000, "whatsapp", "- ",
        "WhatsApp formatting only: *bold* (single asterisks), _italic_, ~strikethrough~; lists as lines starting "
        "with '- ' or '1. '. No markdown headings (#) and no **double asterisks**. Bold at most the key facts "
        "(date, place).",
    ),
    "telegram": Channel(
        "telegram", "Telegram", 4096, 1500, "telegram", "• ",
        "Telegram formatting only: **bold**, __italic__, `code`; lists as lines starting with '• ' or '1. '. "
        "No headings (#). Links as plain URLs.",
    ),
    "linkedin": Channel(
        "linkedin", "LinkedIn post", 3000, 1300, "plain", "• ",
        "Plain text only (LinkedIn renders no markdown); line breaks, emoji and #hashtags are fine. Only the "
        "first ~210 characters show before 'see more': the first line must carry the point.",
    ),
    "email": Channel(
        "email", "E-mail", 10000, 2000, "plain", "- ",
        "Start with one line 'Subject: ...' (at most 78 characters), then a blank line, then the body in plain "
        "text (no markdown), short paragraphs, a greeting and a sign-off only if the original has them.",
        subject_max=78,
    ),
}

ALIASES = {"wx": "wechat", "weixin": "wechat", "微信": "wechat", "wa": "whatsapp", "tg": "telegram",
           "mail": "email", "e-mail": "email", "li": "linkedin"}


def get_channel(name: str) -> Channel:
    key = ALIASES.get(name.strip().lower(), name.strip().lower())
    if key not in CHANNELS:
        raise ValueError(f"unknown channel {name!r}; choose one of {', '.join(CHANNELS)}")
    return CHANNELS[key]


# --- formatting normalisation ----------------------------------------------------------------------------

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.M)
_DOUBLE_STAR = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_DOUBLE_UNDER = re.compile(r"(?<![\w_])__(?=\S)(.+?)(?<=\S)__(?![\w_])")
_SINGLE_STAR = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_STRIKE2 = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_MD_BULLET = re.compile(r"^(\s*)[*+](\s+)", re.M)  # "* item" / "+ item" (a '-' list is readable everywhere)


def split_subject(text: str) -> tuple[str, str]:
    """('subject', 'body') from 'Subject: ...\\n\\nbody' (any case, also '主题：'); ('', text) without one."""
    m = re.match(r"\s*(?:subject|betreff|objet|主题|標題|标题)\s*[:：]\s*(.*?)\s*(?:\n|$)", text, re.I)
    if not m:
        return "", text
    return m.group(1).strip(), text[m.end():].lstrip("\n")


def adapt_markup(text: str, channel: Channel) -> str:
    """Make formatting marks fit the channel, deterministically: markdown headings and emphasis are removed for
    plain channels, `**bold**` becomes WhatsApp's `*bold*`, and the reverse for Telegram. Words are untouched."""
    out = _HEADING.sub("", text)
    if channel.markup == "plain":
        out = _DOUBLE_STAR.sub(r"\1", out)
        out = _DOUBLE_UNDER.sub(r"\1", out)
        out = _SINGLE_STAR.sub(r"\1", out)
        out = _STRIKE2.sub(r"\1", out)
        out = _MD_BULLET.sub(lambda m: m.group(1) + channel.bullet, out)
    elif channel.markup == "whatsapp":
        out = _DOUBLE_STAR.sub(r"*\1*", out)
        out = _DOUBLE_UNDER.sub(r"_\1_", out)
        out = _STRIKE2.sub(r"~\1~", out)
        out = _MD_BULLET.sub(lambda m: m.group(1) + "- ", out)
    elif channel.markup == "telegram":
        out = _SINGLE_STAR.sub(r"**\1**", out)
        out = _MD_BULLET.sub(lambda m: m.group(1) + channel.bullet, out)
    return out


def length_problems(text: str, channel: Channel) -> tuple[list[str], list[str]]:
    """(errors, warnings) about length: over the hard limit is an error; over the recommendation a warning."""
    errors: list[str] = []
    warnings: list[str] = []
    body = text
    if channel.subject_max:
        subject, body = split_subject(text)
        if not subject:
            errors.append("no 'Subject:' line")
        elif len(subject) > channel.subject_max:
            errors.append(f"subject is {len(subject)} characters; {channel.label} allows {channel.subject_max}")
    n = len(body)
    if n > channel.max_chars:
        errors.append(f"{n} characters; {channel.label} allows {channel.max_chars}")
    elif n > channel.recommended_chars:
        warnings.append(f"{n} characters; more than the {channel.recommended_chars} recommended for {channel.label}")
    return errors, warnings
