"""Questions about the latest exchange ("what did I last talk about with Anna", "上次和李伟聊了什么"): no ranking by
similarity finds them (the words name a person and a time, not a topic), so search answers them from the dates:
the person's latest substantive session comes first.

`asks_latest(query)` recognises the question in English, Chinese, German, French, Spanish and Italian;
`named_contact(db, query)` finds the contact a query names when no contact filter is given; `latest_session(...)`
returns the turns of the latest session with at least `MIN_SUBSTANTIVE` messages worth embedding (a closing "ok"
or "haha" exchange is skipped), substantive ones first, newest first.
"""

from __future__ import annotations

import re
import unicodedata

from assistant.retrieval.filters import Filters
from assistant.store.contacts import names_and_aliases
from assistant.text.scripts import HAN, KANA, HANGUL

MIN_SUBSTANTIVE = 2  # messages worth embedding (chunking.worth_embedding) a session needs to count

_TALK = (
    r"(talk|talked|chat|chatted|spoke|speak|discuss|discussed|conversation|message|messaged|wrote|write|text|texted)"
)
_PATTERNS = [
    # en: "what did I last talk about with X", "latest conversation with X", "what did we talk about last time"
    rf"\b(last|latest|most recent(ly)?|recently)\b.{{0,40}}\b{_TALK}",
    rf"\b{_TALK}\w*\b.{{0,40}}\b(last time|lately|most recently|recently)\b",
    # zh: 上次/最近一次/最后一次 ... 聊/说/谈
    r"(上次|上一次|最近一次|最后一次|前几天|最近).{0,12}(聊|说|谈|讲|沟通|联系)",
    # de: zuletzt / das letzte Mal / letztes Mal ... gesprochen, geredet, geschrieben, unterhalten
    r"\b(zuletzt|letzte[ns]? mal|das letzte mal|kürzlich)\b.{0,40}\b(gesprochen|geredet|geschrieben|unterhalten|besprochen)",
    r"\b(worüber|wovon)\b.{0,40}\b(zuletzt|letzte[ns]? mal)\b",
    # fr: la dernière fois / dernièrement / en dernier ... parlé, discuté, écrit
    r"\b(derni[eè]re fois|dernièrement|en dernier|récemment)\b.{0,40}\b(parl|discut|écri|bavard)",
    r"\b(parl|discut|écri|bavard)\w*\b.{0,40}\b(derni[eè]re fois|dernièrement|en dernier)\b",
    # es / it
    r"\b(última vez|ultima volta|l'ultima volta)\b.{0,40}\b(habl|convers|escrib|parl|scritt)",
    r"\b(habl|convers|escrib|parl|scritt)\w*\b.{0,40}\b(última vez|ultima volta)\b",
]
_LATEST = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)


_TOPIC = re.compile(r"\babout\s+(?!with\b|to\b|between\b|last\b|lately\b|recently\b)(the\s+|a\s+|my\s+|his\s+|her\s+)?\w{3,}", re.IGNORECASE)


def asks_latest(query: str) -> bool:
    """True when the query asks what was last talked about (with someone), not when a topic was last discussed
    ("when did we last talk about the marathon" is a search for the marathon)."""
    query = unicodedata.normalize("NFC", query)
    return bool(_LATEST.search(query)) and not _TOPIC.search(query)


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.casefold())
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def named_contact(db, query: str) -> int | None:
    """The one contact whose name (or first name, or alias) the query contains; None if none or several."""
    q = _fold(query)
    words = set(re.findall(r"\w+", q))
    found: set[int] = set()
    rows = names_and_aliases(db)
    for cid, name in rows:
        n = _fold(name or "").strip()
        if len(n) < 2:
            continue
        cjk = bool(re.search(f"[{KANA}{HAN}{HANGUL}]", n))
        first = n.split()[0] if n.split() else ""
        if (cjk and n in q) or (not cjk and (n in q and all(w in words for w in n.split())
                                             or (len(first) >= 3 and first in words))):
            found.add(cid)
    return found.pop() if len(found) == 1 else None


def latest_session(db, filters: Filters, gap: int, limit: int = 400) -> list[int]:
    """Turn rids of the latest session (messages closer than `gap` seconds in one conversation) passing the
    filters that has MIN_SUBSTANTIVE messages worth embedding; substantive ones first, each part newest first."""
    where, args = filters.sql("c")
    rows = db.execute(
        "SELECT c.rid, c.conversation, c.start_ts, c.dense, c.parent FROM retrieval_chunks c WHERE c.level = 1"
        f"{' AND ' + where if where else ''} ORDER BY c.start_ts DESC, c.rid DESC LIMIT ?",
        (*args, limit),
    ).fetchall()
    session: list = []
    for r in rows:
        if session and (r[1] != session[-1][1] or session[-1][2] - r[2] > gap):
            if sum(s[3] for s in session) >= MIN_SUBSTANTIVE:
                break
            session = []
        session.append(r)
    if sum(s[3] for s in session) < MIN_SUBSTANTIVE:
        return []
    return [s[0] for s in session if s[3]] + [s[0] for s in session if not s[3]]
