"""Names as the user types them: the forms a contact's name can be looked up by.

`name_forms("李伟")` gives {"李伟", "liwei"}: the name itself and its pinyin (pypinyin, no tones), so "Li Wei" and
"liwei" find 李伟; "Wei Li" (given name first) finds it too, one level below a contact written "Wei Li". Accents and case are folded
("Zoë" = "zoe"), spaces and punctuation ignored ("Anna-Lena" = "annalena"). `name_initials` gives "lw" for 李伟
and "as" for Anna Schmidt. `match_level` ranks how well a typed query matches a set of names (a contact's name,
its aliases and the names other channels know it by): lower is better, None is no match.

Arabic and Devanagari names are found by their Latin spelling when the contact has one (an alias or another
channel's name); they are never guessed by transliteration.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from assistant.text.scripts import HAN

_HAN = re.compile(f"[{HAN}]")
_WORD = re.compile(r"\w+")

EXACT, REORDERED, WORD, INITIALS, PREFIX, PART = range(6)  # match levels, best first


def fold(text: str) -> str:
    """Case-, accent- and width-insensitive, without spaces or punctuation: 'Zoë  O'Brien' -> 'zoeobrien'."""
    return "".join(_fold_words(text))


def _fold_words(text: str) -> list[str]:
    s = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    return [w.replace("_", "") for w in _WORD.findall(s) if w.replace("_", "")]


@lru_cache(maxsize=8192)
def _words(name: str) -> tuple[str, ...]:
    """The name's words, folded; Han characters become their pinyin syllables ('李伟' -> ('li', 'wei'))."""
    out: list[str] = []
    for w in _fold_words(name):
        if _HAN.search(w):
            from pypinyin import lazy_pinyin

            for part in re.split(f"({_HAN.pattern}+)", w):
                if not part:
                    continue
                if _HAN.match(part):
                    out.extend(s.lower() for s in lazy_pinyin(part) if s.strip())
                else:
                    out.append(part)
        else:
            out.append(w)
    return tuple(out)


@lru_cache(maxsize=8192)
def name_forms(name: str) -> frozenset[str]:
    """The whole forms the name is found by (folded), in its own word order: as written and as pinyin."""
    forms = {fold(name), "".join(_words(name))}
    forms.discard("")
    return frozenset(forms)


@lru_cache(maxsize=8192)
def reordered_forms(name: str) -> frozenset[str]:
    """The name with the first word last and the last word first ('Wei Li' for 李伟, 'Schmidt Anna')."""
    words = _words(name)
    if len(words) < 2:
        return frozenset()
    return frozenset({"".join(words[1:] + words[:1]), "".join(words[-1:] + words[:-1])})


def name_initials(name: str) -> str:
    """'李伟' -> 'lw', 'Anna Schmidt' -> 'as' ('' for a one-word Latin name)."""
    words = _words(name)
    if len(words) < 2:
        return ""
    return "".join(w[0] for w in words)


def match_level(query: str, names: list[str]) -> int | None:
    """How well `query` matches any of `names`: EXACT (a whole form), REORDERED (in another word order), WORD (one word of it, e.g. 'Anna'),
    INITIALS ('lw'), PREFIX (a word starts with it), PART (a substring of a form); None when nothing matches."""
    q = fold(query)
    if not q:
        return None
    q_words = tuple(_fold_words(query))
    best: int | None = None
    for name in names:
        if not name:
            continue
        forms = name_forms(name)
        words = _words(name) + tuple(_fold_words(name))
        if q in forms:
            return EXACT
        if q in reordered_forms(name):
            level = REORDERED
        elif q_words and len(q_words) == 1 and q in words:
            level = WORD
        elif q.isascii() and q.isalpha() and 2 <= len(q) <= 4 and " " not in query.strip() and q == name_initials(name):
            level = INITIALS
        elif len(q) >= 2 and any(w.startswith(q) for w in words):
            level = PREFIX
        elif len(q) >= 2 and any(q in f for f in forms):
            level = PART
        else:
            continue
        best = level if best is None else min(best, level)
    return best


__all__ = ["EXACT", "INITIALS", "PART", "PREFIX", "REORDERED", "WORD", "fold", "match_level", "name_forms",
           "name_initials", "reordered_forms"]
