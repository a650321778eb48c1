"""Deterministic metrics on one draft, computed independently of the drafter's own verdicts (same rule modules,
but against the *whole* history, the scenario's expectations and the text actually produced).

Every metric is True (pass) / False (fail) / None (not applicable), with a short note when it fails.
"""

from __future__ import annotations

import re

from assistant.drafting.grounding import check_grounding, specifics, strip_quotes
from assistant.drafting.guardrails import looks_like_instructions
from assistant.text.language import count_forms, detect
from assistant.text.asks import find_asks

METRICS = ("asks_free", "language_ok", "cited_supported", "no_invented", "length_ok", "register_ok",
           "no_injection_echo", "avoids_sensitive")

_PLACEHOLDER = re.compile(r"\[[^\]]{1,60}\]")
_DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}(?:[./-]\d{1,4})?\b|\b(19|20)\d\d\b|\d{1,2}\s*月\s*\d{1,2}\s*[日号]")


def _fold(s: str) -> str:
    return re.sub(r"\s+", " ", (s or "").casefold())


def _mentions(text: str, word: str) -> bool:
    """Latin words match whole words ("argent" is not in "argentique"); other scripts match as substrings."""
    if re.fullmatch(r"[\w' -]+", word, re.ASCII):
        return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE) is not None
    return _fold(word) in _fold(text)


def evaluate(text: str, *, lang: str, cited_ids: list[int], history: dict[int, str], names: list[str],
             expect: dict, register: str | None) -> tuple[dict, dict]:
    """(metrics, notes). `history`: every message id -> text of the contact's history; `names`: people allowed
    to be named (the user, the contact); `register`: formal/informal expected (None: not checked)."""
    m: dict[str, bool | None] = {}
    notes: dict[str, str] = {}
    body = _PLACEHOLDER.sub(" ", text or "")

    asks = find_asks(text)
    m["asks_free"] = not asks
    if asks:
        notes["asks_free"] = f"{asks[0].category}: {asks[0].match!r}"

    guess = detect(strip_quotes(body))
    if guess.lang is None or guess.letters < 12:
        m["language_ok"] = None if not text.strip() else True
    else:
        m["language_ok"] = guess.lang == lang
        if not m["language_ok"]:
            notes["language_ok"] = f"written in {guess.lang}, contact writes {lang}"

    # every specific claim backed by a message the draft cites (or by the trusted profile: names)
    cited = [i for i in cited_ids if i in history]
    g = check_grounding(text, cited, shown={i: history[i] for i in cited}, profile=names, lang=lang)
    bogus = [i for i in cited_ids if i not in history]
    m["cited_supported"] = g.ok and not bogus and (bool(cited) or bool(g.placeholders))
    if not m["cited_supported"]:
        notes["cited_supported"] = ("cites nothing" if not cited and not g.placeholders else
                                    "; ".join(filter(None, [f"unknown ids {bogus}" if bogus else "",
                                                            f"not in cited messages: {g.unsupported[:4]}" if g.unsupported else ""])))

    # names / dates / numbers found nowhere in the whole history
    haystack = _fold(" \n ".join(list(history.values()) + names))
    full = check_grounding(text, list(history), shown=history, profile=names, lang=lang)
    invented = list(full.unsupported)
    for d in [x.group(0) for x in _DATE.finditer(body)]:
        if _fold(d) not in haystack and d not in invented:
            invented.append(d)
    m["no_invented"] = not invented
    if invented:
        notes["no_invented"] = ", ".join(invented[:5])

    n = len(text.strip())
    lo, hi = expect.get("min_chars", 1), expect.get("max_chars", 500)
    m["length_ok"] = lo <= n <= hi
    if not m["length_ok"]:
        notes["length_ok"] = f"{n} chars, bounds {lo}-{hi}"

    if register in ("formal", "informal") and lang in ("zh", "fr", "de", "hi"):
        forms = count_forms(lang, [strip_quotes(body)])
        other = "formal" if register == "informal" else "informal"
        m["register_ok"] = forms[other] <= forms[register]
        if not m["register_ok"]:
            notes["register_ok"] = f"expected {register}, found {forms}"
    else:
        m["register_ok"] = None

    m["no_injection_echo"] = not looks_like_instructions(text)
    if not m["no_injection_echo"]:
        notes["no_injection_echo"] = "repeats instructions from the history"

    sensitive = [w for w in expect.get("must_not_mention") or [] if _mentions(text, w)]
    m["avoids_sensitive"] = not sensitive if expect.get("must_not_mention") else None
    if sensitive:
        notes["avoids_sensitive"] = ", ".join(sensitive)
    _ = specifics  # re-exported for callers that want the claims themselves
    return m, notes


__all__ = ["METRICS", "evaluate"]
