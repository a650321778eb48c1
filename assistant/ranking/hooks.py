"""Hooks: the best thing to talk about with a contact, and "who would care about this?" for the user's news.

Every hook cites stored messages. Two sources, behind one interface:

- the retrieval store (`assistant.retrieval`), when given: interests extracted per contact (with evidence
  message ids), lexical search over the contact's history for a stored interest, and hybrid (BM25 + vectors)
  search for the reverse question;
- the store alone otherwise: the contact's stored interests found in their messages, or where the last
  substantive exchange left off; and a keyword scan of the history for the reverse question.
"""

from __future__ import annotations

import json
import logging
import math
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Protocol

from assistant.ranking.model import Hook
from assistant.store import ranking as sql
from assistant.store.ranking import _like  # noqa: F401 - assistant.ask.tools escapes LIKE terms with it
from assistant.text.scripts import HAN, KANA

log = logging.getLogger(__name__)

QUOTE_CHARS = 140
RECENT_MESSAGES = 300  # how far back the store-only hooks look, per contact
ABOUT_HITS = 60  # chunks retrieved for "who would care about this?"
ABOUT_MIN = 0.15
SMALL_GROUP = 8  # groups up to this size are conversations with each member (as in ranking.data)  # relevance (0..1, relative to the best match) below which a contact is not counted

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CJK = re.compile(f"[{KANA}{HAN}]+")
_URL = re.compile(r"https?://\S+")
_STOP = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its", "just", "like", "me", "more", "my", "new", "no", "not", "now", "of", "on", "one", "or", "our", "out", "so", "some", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "up", "us", "was", "we", "were", "what", "when", "where", "which", "who", "whom", "why", "will", "with", "would", "you", "your", "about", "also", "been", "being", "get", "got", "here", "over", "said", "very", "via", "all", "any", "each", "only", "other", "such", "too", "use", "used", "using", "der", "die", "das", "und", "ist", "ein", "eine", "zu", "den", "mit", "von", "auf", "für", "nicht", "sich", "des", "dem", "wir", "ich", "du", "sie", "es", "wie", "was", "wer", "le", "la", "les", "un", "une", "des", "et", "est", "en", "du", "de", "pour", "que", "qui", "dans", "sur", "pas", "au", "aux", "ce", "se", "nous", "vous", "je", "tu", "il", "elle"]
)


class RetrieverLike(Protocol):
    """What the ranking needs from `assistant.retrieval.Retriever`."""

    def search(self, query: str, *, contact_id: int | None = None, k: int = 10, mode: str = "hybrid",
               **filters: Any) -> list[Any]: ...


@dataclass
class AboutMatch:
    contact_id: int
    relevance: float  # 0..1, relative to the best-matching contact
    hook: Hook | None = None
    terms: list[str] = field(default_factory=list)


def clip(text: str, n: int = QUOTE_CHARS, around: list[str] | tuple[str, ...] = ()) -> str:
    """One line of at most n characters; when it must be cut, keep the part around the first of `around`
    that occurs (so a quote shows the words it is quoted for)."""
    s = " ".join((text or "").split())
    if len(s) <= n:
        return s
    low = s.casefold()
    hits = [i for i in (low.find(w.casefold()) for w in around if w and w.strip()) if i >= 0]
    start = 0
    if hits and min(hits) > n // 3:
        start = min(min(hits) - n // 3, len(s) - (n - 2))
    body = s[start : start + n - (2 if start else 1)].strip()
    return ("…" if start else "") + body + ("…" if start + n - 2 < len(s) else "")


def needles(label: str) -> list[str]:
    """Words that show an interest in a text: the lexicon's keywords for a known label, else the label's words."""
    try:
        from assistant.retrieval.interests import LEXICON
    except ImportError:
        LEXICON = {}
    words = [k.strip() for k in LEXICON.get(label, ())]
    return words + [w for w in re.split(r"\s*[&/,;+]\s*|\s+", label) if len(w) >= 3]


def keywords(text: str, limit: int = 12) -> list[str]:
    """The most telling words of a piece of text: frequent, long, not stopwords; CJK runs as bigrams."""
    text = _URL.sub(" ", text or "")
    text = _CJK.sub(lambda m: " " + " ".join(_bigrams(m.group())) + " ", text)
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for pos, word in enumerate(_WORD.findall(text)):
        w = word.casefold()
        if w in _STOP or w.isdigit() or (len(w) < 3 and not _CJK.match(w)) or (len(w) < 2):
            continue
        counts[w] += 1
        first_seen.setdefault(w, pos)
    ranked = sorted(counts, key=lambda w: (-(counts[w] * (1 + min(len(w), 12) / 6)), first_seen[w]))
    return ranked[:limit]


def lexicon_terms(text: str, limit: int = 12) -> tuple[list[str], list[str]]:
    """Interest labels a text mentions (the retrieval store's multilingual lexicon: '骑行' -> cycling) and their
    keywords in every language, so a store-only keyword scan still crosses languages."""
    try:
        from assistant.retrieval.interests import LEXICON, match_interests
    except ImportError:  # the retrieval package is optional for the ranking
        return [], []
    low = (text or "").casefold()
    labels = [label for label in LEXICON if label.casefold() == low.strip()] or match_interests(text)
    terms: list[str] = []
    for label in labels:
        for kw in LEXICON[label]:
            kw = kw.strip().casefold()
            if kw and kw not in terms and (len(kw) >= 4 or _CJK.search(kw)):
                terms.append(kw)
    return terms[:limit], labels


def _bigrams(run: str) -> list[str]:
    return [run] if len(run) <= 2 else [run[i : i + 2] for i in range(len(run) - 1)]


class HookFinder:
    def __init__(self, db: sqlite3.Connection, retriever: RetrieverLike | None = None):
        self.db = db
        self.retriever = retriever
        self._recent_cache: dict[tuple, list[dict]] = {}
        self._has_interest_table = sql.has_table(db, "contact_interests")

    # --- hooks for one contact -----------------------------------------------------------------------

    def hook(self, contact_id: int, interests: list[str] | None = None, now: int | None = None,
             prefer: dict[str, float] | None = None) -> Hook | None:
        """The best thing to talk about with a contact, citing messages; None when there is nothing real."""
        found = self.hooks(contact_id, interests, now=now, limit=1, prefer=prefer)
        return found[0] if found else None

    def hooks(self, contact_id: int, interests: list[str] | None = None, *, now: int | None = None,
              limit: int = 3, prefer: dict[str, float] | None = None) -> list[Hook]:
        """Talking points for a contact, best first (see `assistant.ranking.points` for how they are chosen);
        `prefer`: a weight per talking-point category (`model.hook_preference`)."""
        from assistant.ranking.points import choose

        labels = list(interests or []) + self._interest_labels(contact_id)
        return choose(self._history(contact_id), contact_id, labels, now=now, limit=limit, prefer=prefer)

    def open_loop(self, contact_id: int, now: int) -> Hook | None:
        """The contact's open loop whose date has come or just passed (or is close), if any: a reason to reach
        out before the cadence says so."""
        from assistant.ranking.points import choose

        for h in choose(self._history(contact_id, recent_only=True), contact_id, [], now=now, limit=3,
                        open_loops_only=True):
            return h
        return None

    def _interest_labels(self, contact_id: int) -> list[str]:
        if not self._has_interest_table:
            return []
        return sql.interest_labels(self.db, contact_id)

    def _history(self, contact_id: int, recent_only: bool = False) -> list[dict]:
        """The contact's 1:1 history and the small groups they write in (everyone's messages there, for the
        threads), plus their own lines in large groups; oldest first. Memoised."""
        key = (contact_id, recent_only)
        if key in self._recent_cache:
            return self._recent_cache[key]
        limit = 30 if recent_only else RECENT_MESSAGES
        out: list[dict] = []
        for r in sql.direct_messages(self.db, contact_id, limit):
            out.append({"id": r[0], "ts": r[1], "author": "them" if r[2] == "in" else "you", "text": r[3],
                        "kind": r[4], "conv": ("c", contact_id), "scope": "direct"})
        if not recent_only:
            for gid, size in sql.groups_with_size(self.db, contact_id):
                small = size <= SMALL_GROUP
                rows = (sql.group_messages(self.db, gid, 120) if small
                        else sql.group_messages(self.db, gid, 20, sender_id=contact_id))
                for r in rows:
                    author = "you" if r[2] == "out" else ("them" if r[5] == contact_id else "other")
                    out.append({"id": r[0], "ts": r[1], "author": author, "text": r[3], "kind": r[4],
                                "conv": ("g", gid), "scope": "small_group" if small else "large_group"})
        out.sort(key=lambda m: (m["ts"], m["id"]))
        self._recent_cache[key] = out
        return out

    def _messages(self, ids: list[int]) -> list[sqlite3.Row]:
        return sql.messages_by_id(self.db, ids)

    # --- who would care about this? ------------------------------------------------------------------

    def about(self, text: str, contact_ids: set[int] | None = None) -> dict[int, AboutMatch]:
        """Contacts whose history or interests match a piece of the user's news, with a cited hook each."""
        text = (text or "").strip()
        if not text:
            return {}
        terms = keywords(text)
        raw: dict[int, float] = {}
        hooks: dict[int, Hook] = {}
        matched: dict[int, set[str]] = {}
        used_retriever = False
        if self.retriever is not None:
            query = _about_query(text, terms)
            hits = None
            for mode in ("hybrid", "lexical"):
                try:
                    hits = self.retriever.search(query, k=ABOUT_HITS, mode=mode)
                    break
                except Exception as e:  # noqa: BLE001 - e.g. no vectors yet: fall back to lexical, then the store
                    log.debug("%s search for --about failed: %s", mode, e)
            if hits:
                used_retriever = True
                for rank, h in enumerate(hits):
                    weight = 1.0 / (rank + 6)
                    for person, own in self._people(h).items():
                        raw[person] = raw.get(person, 0.0) + weight
                        cite = _best_citation(h, " ".join(terms), own)
                        if person not in hooks and cite is not None and not _delicate(cite.text):
                            hooks[person] = Hook("about", "", clip(cite.text, around=terms), cite.ts,
                                                 [cite.message_id])
        extra, labels = lexicon_terms(text)
        if not used_retriever and (terms or extra):
            self._about_scan(terms[:8] + [t for t in extra if t not in terms[:8]], raw, hooks)
        self._about_interests(text, terms + extra + [x.casefold() for x in labels], raw, matched)
        if contact_ids is not None:
            raw = {c: v for c, v in raw.items() if c in contact_ids}
        if not raw:
            return {}
        top = max(raw.values())
        out: dict[int, AboutMatch] = {}
        for cid, v in raw.items():
            rel = v / top
            if rel < ABOUT_MIN:
                continue
            hook = hooks.get(cid)
            labels = sorted(matched.get(cid, ()))
            if hook and labels:
                hook.topic = ", ".join(labels[:3])
            out[cid] = AboutMatch(cid, round(rel, 3), hook, labels)
        return out

    def _people(self, hit: Any) -> dict[int, set[int] | None]:
        """Who a hit is about: the 1:1 peer (any of its messages may be cited), or each person who wrote in a
        group chunk (only their own messages may be cited for them)."""
        if getattr(hit, "contact_id", None):
            return {hit.contact_id: None}
        ids = list(getattr(hit, "message_ids", []))
        if not ids:
            return {}
        people: dict[int, set[int] | None] = {}
        for mid, sender in sql.senders(self.db, ids):
            own = people.setdefault(sender, set())
            own.add(mid)
        return people

    def _about_scan(self, terms: list[str], raw: dict, hooks: dict) -> None:
        """Store only: one pass over the text messages for the news' keywords."""
        per_person: dict[int, list[tuple[int, int, int, str]]] = {}
        covered: dict[int, set[str]] = {}
        for mid, cid, sid, ts, body in sql.texts_containing(self.db, terms):
            person = cid or sid
            if person is None:
                continue
            low = body.casefold()
            found = [t for t in terms if t in low]
            if found:
                per_person.setdefault(person, []).append((len(found), ts, mid, body))
                covered.setdefault(person, set()).update(found)
        for person, msgs in per_person.items():
            coverage = len(covered[person]) / len(terms)
            raw[person] = raw.get(person, 0.0) + coverage * (1 + math.log10(len(msgs)))
            safe = [m for m in msgs if not _delicate(m[3])]  # the match counts; a delicate message is no hook
            if safe:
                _, ts, mid, body = max(safe)
                hooks.setdefault(person, Hook("about", "", clip(body, around=terms), ts, [mid]))

    def _about_interests(self, text: str, terms: list[str], raw: dict, labels: dict) -> None:
        """Interests set on a contact (or extracted by retrieval) that the news mentions."""
        low = text.casefold()
        base = max(raw.values()) if raw else 1.0
        for cid, interests in sql.contacts_with_interests(self.db):
            for label in json.loads(interests):
                if label_matches(label, low, terms) and label not in labels.get(cid, set()):
                    raw[cid] = raw.get(cid, 0.0) + 0.5 * base
                    labels.setdefault(cid, set()).add(label)
        if self._has_interest_table:
            for cid, label in sql.extracted_interests(self.db):
                if label_matches(label, low, terms) and label not in labels.get(cid, set()):
                    raw[cid] = raw.get(cid, 0.0) + 0.3 * base
                    labels.setdefault(cid, set()).add(label)


def label_matches(label: str, text: str, terms: list[str] | set[str] = ()) -> bool:
    """An interest label ('climbing', 'wine & beer', '骑行') is mentioned by a casefolded text or its keywords."""
    terms = set(terms)
    for part in re.split(r"\s*[&/,;+]\s*|\s+and\s+", label.casefold()):
        part = part.strip()
        if len(part) < 2:
            continue
        if part in text or part in terms:
            return True
    return False


def _delicate(text: str) -> bool:
    """Money between the two or a quarrel: never a hook (product.md: delicate history is not the hook)."""
    from assistant.text.sensitive import is_sensitive

    return is_sensitive(text) is not None


def _substantive(text: str) -> bool:
    body = _URL.sub("", text or "").strip()
    cjk = sum(len(r) for r in _CJK.findall(body))
    return cjk >= 8 or (len(body) >= 25 and len(_WORD.findall(body)) >= 4)


def _about_query(text: str, terms: list[str]) -> str:
    """A search query for a long piece of news: its first line plus its keywords."""
    first = clip(text.strip().splitlines()[0], 200) if text.strip() else ""
    if len(text) <= 300:
        return text
    return f"{first} {' '.join(t for t in terms if t not in first.casefold())}".strip()


def _best_citation(hit: Any, query: str, allowed: set[int] | None = None):
    """The cited message of a hit that shares the most words with the query (ties: their message, newest),
    among `allowed` message ids when given; never a delicate one (money between them, a quarrel)."""
    cites = [c for c in (getattr(hit, "citations", []) or [])
             if (allowed is None or c.message_id in allowed) and not _delicate(c.text)]
    if not cites:
        return None
    q = set(keywords(query, 30))

    def overlap(c) -> tuple:
        n = len(q & set(keywords(c.text, 60)))
        return (n > 0, c.direction == "in", n, c.ts)  # their own words first, when they touch the subject

    return max(cites, key=overlap)
