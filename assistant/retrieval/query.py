"""What a search query says besides its topic: the people it names.

* `strip_names(query, names)`: the query without these people's names (full names, first names, possessives:
  "Tom's", "Lenas", "Jonas'"). When a search is already filtered to one contact, their name (and the user's own)
  is no evidence: every turn of the chat is theirs or the user's, and the few turns that write a name are mostly
  greetings ("hey Tom!"), which the name would then find, lexically and in a vector.
* `named(query, names)`: True when the query names one of these people.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from assistant.text.scripts import HAN, HANGUL, KANA

_CJK = re.compile(f"[{KANA}{HAN}{HANGUL}]")


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.casefold())
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def _name_words(names: Iterable[str]) -> tuple[set[str], list[str]]:
    """(folded words of the Latin-script names, CJK names) to look for."""
    words: set[str] = set()
    cjk: list[str] = []
    for name in names:
        n = _fold(name or "").strip()
        if len(n) < 2:
            continue
        if _CJK.search(n):
            cjk.append(n.replace(" ", ""))
            continue
        words.update(w for w in re.findall(r"\w+", n) if len(w) >= 2)
    return words, sorted(cjk, key=len, reverse=True)


_TOKEN = re.compile(r"\w+(?:['’]\w*)?['’]?", re.UNICODE)


def _is_name(token: str, words: set[str]) -> bool:
    t = _fold(token).rstrip("'’")
    t = re.sub(r"['’]s$", "", t)
    return t in words or (t.endswith("s") and t[:-1] in words and len(t) > 3)


def named(query: str, names: Iterable[str]) -> bool:
    words, cjk = _name_words(names)
    q = _fold(query)
    return any(_is_name(tok, words) for tok in _TOKEN.findall(query)) or any(n in q for n in cjk)


def strip_names(query: str, names: Iterable[str]) -> str:
    """The query without the names (whole words, possessives included); the query itself if nothing else is left."""
    words, cjk = _name_words(names)
    out = _TOKEN.sub(lambda m: " " if _is_name(m.group(), words) else m.group(), query)
    for n in cjk:
        out = re.sub(re.escape(n), " ", out, flags=re.IGNORECASE)
    out = " ".join(out.split())
    return out if re.search(r"\w", out) else query
