"""Learning how the user writes: style notes from their own messages and approved drafts, and why drafts get
edited.

Style notes (length, emoji, greeting, sign-off, form of address, exclamation marks, lessons from edits) are
derived per contact (the user's messages to them and the drafts they approved for them, which count three
times) and globally per language (everything the user wrote in that language). A reconnecting message is an
opener, so length and greeting come from the user's *openers* - their first message after a few days of
silence - when there are enough of them. Notes the user sets (source 'user') win over derived ones.

Edits are classified with the fixed failure modes of product.md (shared by evals and by mining real
draft-versus-sent pairs). A draft counts as accepted when the sent text is close to it (similarity >= 0.7).
"""

from __future__ import annotations

import json
import re
import statistics
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from assistant.drafting.grounding import specifics, strip_quotes
from assistant.store import style
from assistant.text.language import count_forms, detect

ACCEPT_SIMILARITY = 0.7
OPENER_GAP = 3 * 86_400  # a message after this much silence opens a conversation
FINAL_WEIGHT = 3  # an approved draft counts as this many sent messages

# The failure modes of product.md, plus ours.
EDIT_LABELS = (
    "no_meaningful_edit", "padding_cut", "hedging_removed", "missing_fact_added", "wrong_fact_corrected",
    "commitment_changed", "wrong_register", "greeting_signoff_only", "structure_only", "unnecessary_question",
    "point_missed", "wrong_language", "fully_rewritten",
    # ours
    "contains_ask", "invents_history", "cites_nothing",
)

_EMOJI = re.compile("[\U0001F300-\U0001FAFF\U00002600-\U000027BF\U0001F000-\U0001F02F\U0001F900-\U0001F9FF]")
_SENT = re.compile(r"(?<=[.!?。！？؟])\s*|\n+")
_HEDGES = re.compile(
    r"\b(just|maybe|perhaps|i think|i guess|kind of|sort of|a bit|probably|hopefully|i hope|i was wondering|"
    r"vielleicht|eigentlich|irgendwie|ein bisschen|peut-être|un peu|je pense|je crois|شايد|ربما|يمكن|"
    r"शायद|थोड़ा)\b|也许|可能|好像|不知道|其实|有点|或许", re.I)
_COMMIT = re.compile(
    r"\b(i'?ll|i will|let'?s|we should|next (week|month|time)|tomorrow|soon|ich werde|lass uns|nächste|morgen|"
    r"je vais|on se|la semaine prochaine|demain|سوف|بكرة|غدا|कल|अगले)\b|下次|下周|明天|改天|回头|一定", re.I)

GREETINGS = {
    "en": ("hey", "hi", "hello", "dear", "yo", "morning", "good morning"),
    "de": ("hallo", "hi", "hey", "liebe", "lieber", "servus", "moin", "guten morgen", "guten tag"),
    "fr": ("salut", "coucou", "bonjour", "hello", "cher", "chère", "hey"),
    "zh": ("嗨", "哈喽", "你好", "您好", "早", "在吗", "hi", "hello"),
    "ar": ("مرحبا", "السلام عليكم", "اهلا", "أهلا", "هلا", "صباح الخير", "مساء الخير", "hi", "hello"),
    "hi": ("नमस्ते", "हाय", "हेलो", "hi", "hello", "hey"),
}
SIGNOFFS = {
    "en": ("cheers", "best", "take care", "talk soon", "love", "all the best", "best wishes", "speak soon"),
    "de": ("liebe grüße", "lg", "viele grüße", "bis bald", "beste grüße", "grüße", "servus", "ciao"),
    "fr": ("bises", "bisous", "à bientôt", "a bientôt", "amitiés", "bonne journée", "à plus", "a+", "bonne soirée"),
    "zh": ("保重", "回聊", "有空聊", "祝好", "改天聊", "加油"),
    "ar": ("مع السلامة", "تحياتي", "سلام", "بالتوفيق"),
    "hi": ("ध्यान रखना", "फिर बात करते हैं", "मिलते हैं", "शुभकामनाएँ"),
}


def _norm(s: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", s or "").split())


def similarity(a: str, b: str) -> float:
    a, b = _norm(a), _norm(b)
    if not a and not b:
        return 1.0
    return round(SequenceMatcher(None, a, b, autojunk=False).ratio(), 3)


# --- style notes -------------------------------------------------------------------------------------------


def _first_phrase(text: str, phrases: tuple[str, ...]) -> str | None:
    low = _norm(text).lower()
    for p in sorted(phrases, key=len, reverse=True):
        if low.startswith(p) and (len(low) == len(p) or not low[len(p)].isalnum() or not p.isascii()):
            return p
    return None


def _last_phrase(text: str, phrases: tuple[str, ...]) -> str | None:
    lines = [ln.strip() for ln in (text or "").strip().splitlines() if ln.strip()]
    if not lines:
        return None
    last = lines[-1].lower().rstrip("!.,")
    for p in sorted(phrases, key=len, reverse=True):
        if last.startswith(p) and len(last) <= len(p) + 25:
            return p
    return None


def derive_notes(texts: list[str], lang: str, *, openers: list[str] | None = None,
                 weights: list[int] | None = None) -> dict[str, object]:
    """Style notes from texts the user wrote in `lang` (weights: how much each counts)."""
    texts = [t for t in texts if t and t.strip()]
    if not texts:
        return {}
    weights = weights or [1] * len(texts)
    expanded = [t for t, w in zip(texts, weights) for _ in range(max(1, w))]
    n = len(expanded)
    base = [t for t in (openers or []) if t.strip()]
    length_src = base if len(base) >= 3 else expanded
    notes: dict[str, object] = {
        "length": int(statistics.median(len(_norm(t)) for t in length_src)),
        "length_from": "openers" if length_src is base else "messages",
        "emoji": round(sum(1 for t in expanded if _EMOJI.search(t)) / n, 2),
        "exclamation": round(sum(1 for t in expanded if "!" in t or "！" in t) / n, 2),
    }
    greet_src = base if len(base) >= 3 else expanded
    greets = Counter(g for t in greet_src if (g := _first_phrase(t, GREETINGS.get(lang, ()))))
    if greets:
        g, k = greets.most_common(1)[0]
        if k >= max(2, 0.25 * len(greet_src)):
            notes["greeting"] = g
    else:
        notes["greeting"] = ""  # they usually start right away, without a greeting
    signs = Counter(s for t in expanded if (s := _last_phrase(t, SIGNOFFS.get(lang, ()))))
    if signs:
        s, k = signs.most_common(1)[0]
        if k >= max(2, 0.2 * n):
            notes["signoff"] = s
    forms = count_forms(lang, expanded)
    if forms["formal"] + forms["informal"]:
        notes["address"] = "formal" if forms["formal"] > forms["informal"] else "informal"
    latin = [t for t in expanded if t[:1].isalpha() and t[:1].isascii()]
    if lang in ("en", "fr", "de") and len(latin) >= 5:
        notes["lowercase_start"] = round(sum(1 for t in latin if t[0].islower()) / len(latin), 2)
    notes["evidence"] = n
    return notes


def _user_texts(db, lang: str, contact_id: int | None, limit: int) -> tuple[list[str], list[str]]:
    """(messages, openers) the user wrote in `lang` (to one contact, or to anyone), newest first. Logged copies
    of approved drafts (channel 'outreach') are left out: the final texts count on their own."""
    texts, openers = [], []
    for ts, text, prev in style.user_messages(db, contact_id, limit):
        if detect(text).lang != lang:
            continue
        texts.append(text)
        if prev is None or ts - prev >= OPENER_GAP:
            openers.append(text)
    return texts, openers


def _lessons(db, contact_id: int | None, lang: str) -> list[str]:
    """Up to 3 lessons from how the user edited drafts (most frequent first)."""
    counts = Counter(label for labels in style.edit_labels(db, lang, contact_id) for label in json.loads(labels or "[]"))
    text = {
        "padding_cut": "keep it tighter: you usually cut filler from drafts",
        "hedging_removed": "no hedging (just, maybe, I think): you remove it",
        "unnecessary_question": "one question at most: you delete extra questions",
        "wrong_register": "mind the form of address: you corrected it before",
        "greeting_signoff_only": "use your own greeting and sign-off (see above)",
        "commitment_changed": "do not promise plans or dates for the user",
        "wrong_language": "the language was wrong before: check the language note",
        "missing_fact_added": "you often add a concrete detail: leave a [placeholder] where one is missing",
    }
    return [text[k] for k, _ in counts.most_common() if k in text][:3]


def refresh_notes(store, contact_id: int | None, lang: str, *, limit: int = 400, force: bool = False) -> dict[str, object]:
    """Derive the notes for one scope (a contact, or global when None) and language, and store them. Skipped
    (the stored notes returned) when nothing they come from has changed since the last time."""
    sig = style.sources_signature(store.db, contact_id)
    if not force:
        stored = style.derived_value(store.db, contact_id, lang, "signature")
        if stored and json.loads(stored) == sig:
            return {k: v for k, (v, src) in stored_notes(store, contact_id, lang).items() if src == "derived"}
    texts, openers = _user_texts(store.db, lang, contact_id, limit if contact_id else 4 * limit)
    finals = style.final_texts(store.db, lang, contact_id)
    notes = derive_notes(finals + texts, lang, openers=finals + openers,
                         weights=[FINAL_WEIGHT] * len(finals) + [1] * len(texts))
    lessons = _lessons(store.db, contact_id, lang)
    if lessons:
        notes["lessons"] = lessons
    now = int(time.time())
    evidence = int(notes.pop("evidence", 0) or 0)
    notes["signature"] = sig
    with store.transaction():
        style.replace_derived(store.db, contact_id, lang,
                              [(key, json.dumps(value, ensure_ascii=False)) for key, value in notes.items()], evidence, now)
    notes.pop("signature")
    return notes


def set_note(store, contact_id: int | None, key: str, value, lang: str = "*") -> None:
    """A note the user sets (wins over derived ones); value None removes it."""
    with store.transaction():
        style.set_user_note(store.db, contact_id, lang, key,
                            None if value is None else json.dumps(value, ensure_ascii=False), int(time.time()))


def stored_notes(store, contact_id: int | None, lang: str) -> dict[str, tuple[object, str]]:
    """key -> (value, where from) for one scope: user notes over derived ones; lang-specific over '*'."""
    out: dict[str, tuple[object, str]] = {}
    for key, value, source in style.notes_rows(store.db, contact_id, lang):  # later rows win
        out[key] = (json.loads(value), source)
    return out


@dataclass
class StyleNotes:
    lang: str
    contact: dict[str, tuple[object, str]] = field(default_factory=dict)  # this contact
    general: dict[str, tuple[object, str]] = field(default_factory=dict)  # everyone, this language

    def get(self, key: str, default=None):
        for scope in (self.contact, self.general):
            if key in scope:
                return scope[key][0]
        return default

    def lines(self) -> list[str]:
        """The notes as short lines for a prompt (contact-specific first)."""
        out = []
        for scope, label in ((self.contact, "with this contact"), (self.general, "in general")):
            for key, (value, source) in scope.items():
                if key in ("length_from", "signature") or (scope is self.general and key in self.contact):
                    continue
                line = _describe(key, value, scope.get("length_from", ("", ""))[0])
                if line:
                    out.append(f"- {line} ({label}{', set by the user' if source == 'user' else ''})")
        return out


def _describe(key: str, value, length_from: str = "") -> str:
    if key == "length" and isinstance(value, (int, float)) and value:
        what = "openers" if length_from == "openers" else "messages"
        return f"length: about {int(value)} characters (the median of the user's {what})"
    if key == "emoji" and isinstance(value, (int, float)):
        return "emoji: " + ("often" if value >= 0.4 else "sometimes" if value >= 0.15 else "rarely or never")
    if key == "exclamation" and isinstance(value, (int, float)):
        return "exclamation marks: " + ("often" if value >= 0.4 else "sometimes" if value >= 0.15 else "rarely")
    if key == "greeting":
        return f"greeting: \u201c{value}\u201d" if value else "greeting: usually none, starts right away"
    if key == "signoff" and value:
        return f"sign-off: \u201c{value}\u201d"
    if key == "address" and value:
        return f"form of address: {value}"
    if key == "lowercase_start" and isinstance(value, (int, float)) and value >= 0.5:
        return "often starts in lower case"
    if key == "lessons" and value:
        return "lessons from your edits: " + "; ".join(value)
    if key == "note" and value:
        return str(value)
    return ""


def style_for(store, contact_id: int, lang: str, *, refresh: bool = True) -> StyleNotes:
    if refresh:
        refresh_notes(store, contact_id, lang)
        refresh_notes(store, None, lang)
    return StyleNotes(lang, stored_notes(store, contact_id, lang), stored_notes(store, None, lang))


# --- edits -------------------------------------------------------------------------------------------------


@dataclass
class EditResult:
    similarity: float
    accepted: bool  # sent close to the draft (similarity >= 0.7)
    labels: list[str]  # failure modes, most telling first

    @property
    def primary(self) -> str:
        return self.labels[0] if self.labels else "no_meaningful_edit"


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENT.split(_norm(text)) if s and s.strip()]


def _body(text: str, lang: str) -> str:
    """The text without its first greeting word(s) and last sign-off line."""
    s = _norm(text)
    g = _first_phrase(s, GREETINGS.get(lang, ()) + GREETINGS["en"])
    if g:
        s = s[len(g):].lstrip(" ,!，、")
        # "Hi Anna," - drop the name after the greeting too
        s = re.sub(r"^[^\s,，!！]{1,20}[,，!！]\s*", "", s)
    lines = (text or "").strip().splitlines()
    if len(lines) > 1 and _last_phrase(lines[-1], SIGNOFFS.get(lang, ()) + SIGNOFFS["en"]):
        s = _norm(" ".join(lines[:-1]))
        if g:
            s = s[len(g):].lstrip(" ,!，、") if s.lower().startswith(g) else s
            s = re.sub(r"^[^\s,，!！]{1,20}[,，!！]\s*", "", s)
    return s.strip()


def classify_edit(original: str, final: str, *, lang: str = "en") -> EditResult:
    """Why the user changed a draft before sending it (product.md's failure modes)."""
    sim = similarity(original, final)
    a, b = _norm(original), _norm(final)
    if a == b:
        return EditResult(1.0, True, ["no_meaningful_edit"])
    labels: list[str] = []
    la, lb = detect(a).lang, detect(b).lang
    if la and lb and la != lb:
        labels.append("wrong_language")
    fa, fb = count_forms(lang, [a]), count_forms(lang, [b])
    if (fa["formal"] > fa["informal"]) != (fb["formal"] > fb["informal"]) and (fb["formal"] + fb["informal"]):
        labels.append("wrong_register")
    if _body(a, lang) == _body(b, lang) and _body(a, lang):
        labels.append("greeting_signoff_only")
    sa, sb = _sentences(a), _sentences(b)
    if len(sa) > 1 and sorted(sa) == sorted(sb) and sa != sb:
        labels.append("structure_only")
    removed = [s for s in sa if s not in sb]
    added = [s for s in sb if s not in sa]
    if any(s.endswith(("?", "？", "؟")) for s in removed) and not any(s.endswith(("?", "？", "؟")) for s in added) \
            and sum(s.endswith(("?", "？", "؟")) for s in sa) > 1:
        labels.append("unnecessary_question")
    qa, qb = strip_quotes(a), strip_quotes(b)  # quoted words are theirs, not the draft's
    hedges_a, hedges_b = len(_HEDGES.findall(qa)), len(_HEDGES.findall(qb))
    if hedges_a > hedges_b:
        labels.append("hedging_removed")
    if len(b) < 0.8 * len(a) and not added and not labels:
        labels.append("padding_cut")
    elif len(b) < 0.8 * len(a) and "padding_cut" not in labels and sim >= 0.5:
        labels.append("padding_cut")
    facts_a = set(specifics(a, lang))
    facts_b = set(specifics(b, lang))
    if facts_b - facts_a and facts_a - facts_b:
        labels.append("wrong_fact_corrected")
    elif facts_b - facts_a:
        labels.append("missing_fact_added")
    ca, cb = {m.group().lower() for m in _COMMIT.finditer(qa)}, {m.group().lower() for m in _COMMIT.finditer(qb)}
    if ca != cb:
        labels.append("commitment_changed")
    causes = {"wrong_language", "wrong_register", "missing_fact_added", "wrong_fact_corrected", "commitment_changed",
              "unnecessary_question", "structure_only", "padding_cut", "greeting_signoff_only"}
    if sim < 0.3:
        labels.insert(0, "fully_rewritten")
    elif sim < ACCEPT_SIMILARITY and not causes & set(labels):
        labels.append("point_missed")  # much changed, for no reason the text shows
    elif not labels:
        labels.append("no_meaningful_edit")
    seen: list[str] = []
    for label in labels:
        if label not in seen:
            seen.append(label)
    return EditResult(sim, sim >= ACCEPT_SIMILARITY, seen)


__all__ = [
    "ACCEPT_SIMILARITY", "EDIT_LABELS", "EditResult", "StyleNotes", "classify_edit", "derive_notes", "refresh_notes",
    "set_note", "similarity", "stored_notes", "style_for",
]
