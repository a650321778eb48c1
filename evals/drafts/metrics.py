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
           "no_injection_echo", "avoids_sensitive", "no_cut_quote", "greeting_ok", "fresh_hook", "no_duplicate")

COPIED_WORDS = 7  # this many words in a row copied from the history: a pasted quote, not a reference
COPIED_CJK = 12  # ... or this many CJK characters

_PLACEHOLDER = re.compile(r"\[[^\]]{1,60}\]")
_DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}(?:[./-]\d{1,4})?\b|\b(19|20)\d\d\b|\d{1,2}\s*月\s*\d{1,2}\s*[日号]")


def _fold(s: str) -> str:
    return re.sub(r"\s+", " ", (s or "").casefold())


def _mentions(text: str, word: str) -> bool:
    """Latin words match whole words ("argent" is not in "argentique"); other scripts match as substrings."""
    if re.fullmatch(r"[\w' -]+", word, re.ASCII):
        return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE) is not None
    return _fold(word) in _fold(text)


_QUOTED = re.compile(r"[“\"«„「『]\s*([^“”\"«»„「」『』]{4,}?)\s*[”\"»“」』]")
_WORDS = re.compile(r"[\w\u0900-\u0963\u0966-\u097f\u0600-\u06ff]+")


def _copied(text: str, history: dict[int, str], user: str = "") -> str | None:
    """A run of COPIED_WORDS words (or COPIED_CJK CJK characters) the draft shares verbatim with one of the
    contact's (or anyone else's) messages; the user's own phrases ("नमस्ते अनिल जी") are theirs to reuse."""
    for q in _QUOTED.findall(text):  # a quotation of their message, in quote marks
        inner = " ".join(_WORDS.findall(_fold(q)))
        if (len(inner.split()) >= 3 or len(re.sub(r"[^\u3400-\u9fff]", "", q)) >= 6) and any(
                inner in " ".join(_WORDS.findall(_fold(h.split(": ", 1)[-1]))) for h in history.values()):
            return q
    words = _WORDS.findall(_fold(text))
    msgs = [_fold(h.split(": ", 1)[-1]) for h in history.values()
            if not (user and h.split(": ", 1)[0].endswith(" " + user))]
    joined = "\n".join(" ".join(_WORDS.findall(m)) for m in msgs)
    for i in range(len(words) - COPIED_WORDS + 1):
        run = " ".join(words[i:i + COPIED_WORDS])
        if not re.search(r"[\u3400-\u9fff]", run) and f" {run} " in f" {joined.replace(chr(10), ' ')} ":
            return run
    cjk = re.sub(r"[^\u3400-\u9fff]", "", text)
    flat = [re.sub(r"[^\u3400-\u9fff]", "", m) for m in msgs]
    for i in range(len(cjk) - COPIED_CJK + 1):
        if any(cjk[i:i + COPIED_CJK] in m for m in flat):
            return cjk[i:i + COPIED_CJK]
    return None


def similarity(a: str, b: str) -> float:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, _fold(a), _fold(b)).ratio()


def evaluate(text: str, *, lang: str, cited_ids: list[int], history: dict[int, str], names: list[str],
             expect: dict, register: str | None, contact_name: str = "", previous: str | None = None,
             ) -> tuple[dict, dict]:
    """(metrics, notes). `history`: every message id -> text of the contact's history; `names`: people allowed
    to be named (the user, the contact); `register`: formal/informal expected (None: not checked);
    `contact_name`: the full stored name (a greeting must not use it when it is more than one word);
    `previous`: a text already approved as sent to them (the draft must not repeat it)."""
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
    # an honest hello that claims nothing (beyond their name) needs no citation
    no_claims = not [x for x in specifics(strip_quotes(body), lang)
                     if not any(_fold(x) in _fold(n) for n in names if n)]
    m["cited_supported"] = g.ok and not bogus and (bool(cited) or bool(g.placeholders) or no_claims)
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
    # a pasted (cut-off) quote instead of a few words about the topic
    cut = "…" in text or "..." in text
    copied = _copied(text, history, names[0] if names else "")
    m["no_cut_quote"] = not cut and copied is None
    if not m["no_cut_quote"]:
        notes["no_cut_quote"] = "ellipsis in the draft" if cut else f"copies {copied!r}"

    # the name the user uses with them, never the full stored name
    head = _fold(text)[:60]
    want = expect.get("greeting_name")
    full = contact_name.strip()
    problems = []
    if want and _fold(want) not in head:
        problems.append(f"does not greet them as {want!r}")
    if full and " " in full and _fold(full) in _fold(text) and _fold(full) != _fold(want or ""):
        problems.append(f"uses the full stored name {full!r}")
    m["greeting_ok"] = not problems if (want or " " in full) else None
    if problems:
        notes["greeting_ok"] = "; ".join(problems)

    # the freshest good talking point, when the scenario has one
    hooks = expect.get("hook_any") or []
    if hooks:
        m["fresh_hook"] = any(_mentions(text, h) for h in hooks)
        if not m["fresh_hook"]:
            notes["fresh_hook"] = f"mentions none of {hooks[:4]}"
    else:
        m["fresh_hook"] = None

    if previous is not None:
        sim = similarity(text, previous)
        m["no_duplicate"] = sim < 0.85
        if not m["no_duplicate"]:
            notes["no_duplicate"] = f"{sim:.0%} the same as the text approved before"
    else:
        m["no_duplicate"] = None
    return m, notes


__all__ = ["METRICS", "evaluate", "similarity"]
