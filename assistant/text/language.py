"""Which language, and which register, to write to a contact in.

Per message: the script decides first (Han -> zh, Arabic -> ar, Devanagari -> hi, weighted by how much of the
message each script covers, so "तुम्हारी drawings ही तो best हैं" is Hindi); Latin-script text is told apart by
`lingua` (lingua-language-detector, restricted to a dozen Latin-script languages of Western Europe and beyond,
loaded once) together with function words and diacritics, which carry short chat lines where a statistical
detector alone guesses wildly ("Salut !" is French). Romanised Hindi ("kaise ho bhai") is recognised by its
common words. Hangul -> ko, Kana -> ja, Cyrillic -> ru.

Per contact: the distribution over their recent messages (what *they* write), and separately over the user's
messages to them (recent ones weighted most). The draft language is the one the *user* writes to them (a
per-contact override - `contacts set --language` - wins); with too little of the user's own text, the
conversation's dominant language; else the contact's. The register is the form of address the user already uses with them (您/你, Sie/du, vous/tu, आप/तुम),
else the one they use, else a polite default for distant contacts.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.text.scripts import HAN, KANA, HANGUL, DEVANAGARI

SUPPORTED = ("zh", "en", "fr", "de", "ar", "hi")
LANGUAGE_NAMES = {
    "zh": "Chinese (Simplified, 简体中文)",
    "en": "English",
    "fr": "French (français)",
    "de": "German (Deutsch)",
    "ar": "Arabic (العربية)",
    "hi": "Hindi (हिन्दी, Devanagari script)",
    "it": "Italian (italiano)", "es": "Spanish (español)", "pt": "Portuguese (português)", "nl": "Dutch (Nederlands)",
    "sv": "Swedish (svenska)", "pl": "Polish (polski)", "tr": "Turkish (Türkçe)", "id": "Indonesian",
    "vi": "Vietnamese (Tiếng Việt)", "ja": "Japanese (日本語)", "ko": "Korean (한국어)", "ru": "Russian (русский)",
}
# Latin-script languages told apart by lingua (ISO 639-1 codes; the six's en/fr/de among them).
LATIN_LANGS = ("en", "fr", "de", "it", "es", "pt", "nl", "sv", "pl", "tr", "id", "vi")
# Languages where the form of address is a real choice; for the others "formal" only changes the tone.
T_V_LANGUAGES = ("zh", "fr", "de", "hi")

_URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+|@\w+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)

_STOPWORDS = {
    "en": set(["the", "and", "you", "to", "is", "it", "that", "of", "in", "for", "on", "my", "was", "this", "with", "have", "are", "but", "be", "at", "so", "just", "what", "your", "not", "can", "we", "all", "me", "do", "how", "about", "thanks", "thank", "really", "would", "will", "they", "there", "one", "if", "been", "good", "great", "see", "were", "did", "had", "from", "hope", "know", "like", "too", "well", "yes", "yeah", "time", "doing", "going", "think", "when", "still", "back", "new", "hi", "hey"]),
    "fr": set(["le", "la", "les", "et", "est", "un", "une", "des", "du", "je", "tu", "il", "elle", "nous", "vous", "pas", "que", "qui", "pour", "dans", "sur", "avec", "ce", "ça", "c'est", "mais", "au", "aux", "mon", "ma", "mes", "ton", "ta", "tes", "ses", "très", "bien", "oui", "non", "merci", "salut", "bonjour", "alors", "aussi", "être", "avoir", "fait", "suis", "es", "sont", "était", "quoi", "comment", "toi", "moi", "encore", "vraiment", "trop", "j'ai", "t'as", "d'accord", "bisous"]),
    "it": set(["il", "lo", "gli", "della", "che", "non", "sono", "per", "con", "una", "grazie", "anche", "molto", "bene", "ciao", "come", "stai", "sei", "hai", "ho", "perché", "questo", "quella", "tutto", "ancora", "domani", "allora", "ci", "vediamo"]),
    "es": set(["el", "los", "las", "que", "por", "con", "una", "para", "gracias", "hola", "muy", "pero", "cómo", "qué", "estás", "tengo", "también", "bueno", "vale", "nos", "vemos"]),
    "pt": set(["o", "os", "as", "que", "não", "com", "uma", "para", "obrigado", "obrigada", "olá", "oi", "muito", "tudo", "bem", "você", "está", "tenho", "também", "gente"]),
    "de": set(["der", "die", "das", "und", "ist", "ich", "du", "nicht", "ein", "eine", "es", "mit", "auf", "für", "von", "zu", "den", "dem", "sie", "wir", "ihr", "mir", "dich", "dir", "auch", "noch", "aber", "wie", "was", "wenn", "schon", "mal", "ja", "nein", "danke", "hallo", "gut", "sehr", "bin", "bist", "sind", "war", "hast", "habe", "haben", "kann", "kannst", "dann", "jetzt", "heute", "oder", "doch", "nur", "mehr", "viel", "liebe", "grüße", "gerne", "weiß", "geht"]),
}
_HINGLISH = set(["hai", "hain", "kya", "nahi", "nahin", "bhai", "yaar", "accha", "acha", "kaise", "kaisa", "kaisi", "ho", "tum", "aap", "hum", "mein", "main", "mujhe", "tumhe", "tujhe", "kal", "bahut", "bohot", "theek", "thik", "haan", "haa", "ji", "bhi", "aur", "lekin", "kyun", "kab", "kahan", "abhi", "sab", "hoga", "karna", "karo", "kar", "raha", "rahi", "rahe", "tha", "thi", "the", "gaya", "gayi", "batao", "bata", "bolo", "dekho", "chalo", "milte"])
_FR_MARKS = set("éèêëàâçîïôûùœ")
_DE_MARKS = set("äöüß")

# Forms of address, per language: (informal, formal) patterns, searched in a message.
_ADDRESS = {
    "zh": (re.compile(r"你(?!们)"), re.compile(r"您")),
    "fr": (re.compile(r"\b(tu|toi|ton|ta|tes)\b|\bt['’](?=[aeiouyhéèê])", re.IGNORECASE),
           re.compile(r"\b(vous|votre|vos)\b", re.IGNORECASE)),
    # du-forms in any case; Sie/Ihnen/Ihr only capitalised and not at the start of a sentence.
    "de": (re.compile(r"\b(du|dich|dir|dein|deine|deinen|deinem|deiner|deines)\b", re.IGNORECASE),
           re.compile(r"(?<=[a-zäöüß,] )(Sie|Ihnen|Ihr|Ihre|Ihren|Ihrem|Ihrer)\b|\bIhnen\b")),
    "hi": (re.compile(r"तुम|तुम्ह|तू\b|तेरा|तेरी|\b(tum|tumhe|tumhara|tumhari|tu|tera|teri)\b", re.IGNORECASE),
           re.compile(r"आप|\b(aap|aapka|aapki|aapko)\b", re.IGNORECASE)),
    "en": (re.compile(r"^(hey|hi|yo)\b|\b(lol|haha+|cheers|btw)\b", re.IGNORECASE | re.MULTILINE),
           re.compile(r"^dear\b|\b(kind regards|best regards|sincerely|yours faithfully)\b", re.IGNORECASE | re.MULTILINE)),
    "ar": (re.compile(r"يا (صديقي|حبيبي|اخي|أخي|صاحبي)|حبيبي"), re.compile(r"حضرتك|حضرتكم|سيادتك|سيادتكم|جنابك|الأستاذ|استاذ|أستاذ")),
}


@dataclass(frozen=True)
class Guess:
    lang: str | None  # one of SUPPORTED, another ISO code, or None (too little text)
    confidence: float
    script: str  # Hani | Arab | Deva | Latn | Kana | Hang | other
    letters: int  # how much text it was based on


_SCRIPTS = {
    "Hani": (re.compile(f"[{HAN}]"), 3),  # a character ~ a Latin word's worth
    "Kana": (re.compile(f"[{KANA}]"), 3),
    "Hang": (re.compile(f"[{HANGUL}]"), 3),
    "Arab": (re.compile("[\u0621-\u064a\u0660-\u0669\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f"
                        "\ufb50-\ufdff\ufe70-\ufeff]"), 1),
    "Deva": (re.compile(f"[{DEVANAGARI}]"), 1),
    "Cyrl": (re.compile("[\u0400-\u04ff]"), 1),
    "Latn": (re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]"), 1),
}


def _script_counts(text: str) -> Counter:
    counts: Counter = Counter()
    for script, (pattern, weight) in _SCRIPTS.items():
        n = len(pattern.findall(text))
        if n:
            counts[script] = n * weight
    return counts


_SCRIPT_LANG = {"Hani": "zh", "Arab": "ar", "Deva": "hi", "Kana": "ja", "Hang": "ko", "Cyrl": "ru"}


@lru_cache(maxsize=20_000)
def detect(text: str) -> Guess:
    """The language of one message (None when it is too short to tell: an emoji, "ok", a link)."""
    text = _URL.sub(" ", text or "")
    counts = _script_counts(text)
    total = sum(counts.values())
    if total < 2:
        return Guess(None, 0.0, "other", total)
    native = [(n, s) for s, n in counts.items() if s != "Latn"]
    if native:
        n, script = max(native)
        if n >= 0.4 * total or counts["Latn"] < 4:
            if script == "Hani" and counts["Kana"]:
                return Guess("ja", n / total, "Kana", total)
            return Guess(_SCRIPT_LANG[script], round(min(1.0, n / total + 0.2), 3), script, total)
    return _latin(text, counts["Latn"])


def _latin(text: str, letters: int) -> Guess:
    words = [w.lower() for w in _WORD.findall(text)]
    scores = {lang: 0.0 for lang in LATIN_LANGS}
    for w in words:
        for lang, stop in _STOPWORDS.items():
            if w in stop:
                scores[lang] += 1.0
    chars = set(text.lower())
    scores["fr"] += 1.5 * len(chars & _FR_MARKS)
    scores["de"] += 1.5 * len(chars & _DE_MARKS)
    hinglish = sum(1 for w in words if w in _HINGLISH)
    if words and hinglish >= max(2, 0.34 * len(words)) and hinglish > max(scores.values()):
        return Guess("hi", round(hinglish / len(words), 3), "Latn", letters)
    if len(words) >= 2 and letters >= 8:
        for lang, p in _lingua(text).items():
            scores[lang] += (3.0 if len(words) >= 4 else 1.5) * p
    best = max(scores, key=scores.get)
    total = sum(scores.values())
    if total <= 0:
        return Guess(None, 0.0, "Latn", letters)
    return Guess(best, round(scores[best] / total, 3), "Latn", letters)


@lru_cache(maxsize=1)
def _detector():
    """lingua restricted to LATIN_LANGS (scripts decide the rest); built once (a few seconds)."""
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, c.upper()) for c in LATIN_LANGS]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


@lru_cache(maxsize=4096)
def _lingua(text: str) -> dict[str, float]:
    return {v.language.iso_code_639_1.name.lower(): v.value
            for v in _detector().compute_language_confidence_values(text)[:3]}


# --- per contact ----------------------------------------------------------------------------------------


@dataclass
class Register:
    level: str  # formal | informal
    source: str  # override | user | contact | default
    evidence: dict = field(default_factory=dict)  # counts of the forms seen

    def describe(self, lang: str) -> str:
        forms = {
            "zh": ("你", "您"), "fr": ("tu", "vous"), "de": ("du", "Sie"), "hi": ("तुम", "आप"),
        }
        if lang in forms:
            form = forms[lang][self.level == "formal"]
            return f"{self.level} (address them as {form})"
        return self.level


@dataclass
class LanguageProfile:
    lang: str  # the language to draft in
    register: Register
    source: str  # override | history | default
    contact_langs: dict[str, float] = field(default_factory=dict)  # share of what they write, by language
    user_langs: dict[str, float] = field(default_factory=dict)  # share of what the user writes to them
    script: str = ""  # 'Latn' when they write Hindi in Latin letters

    @property
    def name(self) -> str:
        return LANGUAGE_NAMES.get(self.lang, self.lang)

    def summary(self) -> str:
        def top(d: dict[str, float]) -> str:
            return ", ".join(f"{k} {v:.0%}" for k, v in sorted(d.items(), key=lambda x: -x[1])[:3]) or "-"

        return (f"{self.lang} ({self.source}); register {self.register.level} ({self.register.source}); "
                f"they write: {top(self.contact_langs)}; you write to them: {top(self.user_langs)}")


def distribution(texts: list[str], recency: float | None = None) -> tuple[dict[str, float], Counter]:
    """Share of each language over messages, weighted by their length (capped, so one essay does not win).
    `recency`: texts come newest first and the weight halves every `recency` messages."""
    weights: Counter = Counter()
    scripts: Counter = Counter()
    for i, t in enumerate(texts):
        g = detect(t)
        if g.lang is None:
            continue
        w = min(g.letters, 120) * (0.5 + 0.5 * g.confidence) * (0.5 ** (i / recency) if recency else 1.0)
        weights[g.lang] += w
        scripts[(g.lang, g.script)] += w
    total = sum(weights.values())
    return ({k: round(v / total, 3) for k, v in weights.most_common()} if total else {}), scripts


def count_forms(lang: str, texts: list[str]) -> dict[str, int]:
    pats = _ADDRESS.get(lang)
    if not pats:
        return {"informal": 0, "formal": 0}
    informal, formal = pats
    return {"informal": sum(len(informal.findall(t)) for t in texts),
            "formal": sum(len(formal.findall(t)) for t in texts)}


def detect_register(lang: str, user_texts: list[str], contact_texts: list[str], *, circle: str = "wider",
                    override: str | None = None, friends_group: bool = False) -> Register:
    """The form of address: the user's own usage with them, else theirs, else a default: polite in de/fr/hi/ar
    for the wider circle, unless what the two share is a small group of friends (`friends_group`: a chat of at
    most SMALL_GROUP_MAX people), where the first 1:1 message is written as to a friend."""
    if override in ("formal", "informal"):
        return Register(override, "override")
    mine = count_forms(lang, user_texts)
    theirs = count_forms(lang, contact_texts)
    for source, counts in (("user", mine), ("contact", theirs)):
        if counts["formal"] + counts["informal"] >= 1:
            level = "formal" if counts["formal"] > counts["informal"] else "informal"
            return Register(level, source, {"user": mine, "contact": theirs})
    polite_default = lang in ("de", "fr", "hi", "ar") and circle not in ("inner", "close") and not friends_group
    return Register("formal" if polite_default else "informal", "default", {"user": mine, "contact": theirs})


RECENT = 80  # messages each way looked at
USER_HALF_LIFE = 15  # the user's messages to a contact: the weight halves every 15 messages back
MIN_USER_LETTERS = 20  # less of the user's own text than this ("ok", "haha"): the conversation decides


def recent_texts(db, contact_id: int, direction: str, limit: int = RECENT) -> list[str]:
    """The latest text messages of the 1:1 chat in one direction (their group messages count for 'in')."""
    from assistant.store import history

    texts = history.recent_one_to_one_texts(db, contact_id, direction, limit)
    if direction == "in" and len(texts) < limit:
        texts += history.recent_group_texts(db, contact_id, limit - len(texts))
    return texts


def profile_for(store, contact_id: int, *, override_lang: str | None = None,
                override_register: str | None = None, default_lang: str = "en") -> LanguageProfile:
    """Language and register for a draft to this contact, from the history (overrides win)."""
    contact = store.get_contact(contact_id)
    theirs = recent_texts(store.db, contact_id, "in")
    mine = recent_texts(store.db, contact_id, "out")
    contact_dist, scripts = distribution(theirs)
    user_dist, _ = distribution(mine, recency=USER_HALF_LIFE)
    user_letters = sum(detect(t).letters for t in mine if detect(t).lang)
    stored = [code for code in (contact.languages if contact else []) if code]
    if override_lang:
        lang, source = override_lang, "override"
    elif stored:
        lang, source = stored[0], "override"
    elif user_dist and user_letters >= MIN_USER_LETTERS:
        lang, source = next(iter(user_dist)), "user"  # what the user writes to them, recent messages first
    elif contact_dist or user_dist:
        both, _ = distribution(mine + theirs)
        lang, source = next(iter(both)), "history"  # the conversation's dominant language
    else:
        lang, source = default_lang, "default"
    lang = normalize_code(lang)
    # The register is judged on the messages in the draft language only (a German "die" is not French "di").
    their_lang = [t for t in theirs if detect(t).lang == lang]
    my_lang = [t for t in mine if detect(t).lang == lang]
    from assistant.domain import SMALL_GROUP_MAX
    from assistant.store.history import last_in_small_group

    friends_group = not mine and last_in_small_group(store.db, contact_id, SMALL_GROUP_MAX) is not None
    register = detect_register(lang, my_lang, their_lang, circle=contact.circle if contact else "wider",
                               override=override_register or stored_register(store, contact_id),
                               friends_group=friends_group)
    latin = scripts.get((lang, "Latn"), 0)
    native = sum(v for (lg, s), v in scripts.items() if lg == lang and s != "Latn")
    script = "Latn" if lang == "hi" and latin > native else ""
    return LanguageProfile(lang, register, source, contact_dist, user_dist, script)


def user_language(store, default: str = "en") -> str:
    """The language the user writes most (all their outbound messages, recent first), among the six."""
    from assistant.store.history import recent_outbound_texts

    dist, _ = distribution(recent_outbound_texts(store.db, 400), recency=100)
    return next((lg for lg in dist if lg in SUPPORTED), default)


def stored_register(store, contact_id: int) -> str | None:
    """The form of address the user set for this contact (`outreach style NAME --register formal`)."""
    import json

    from assistant.store.style import user_register

    value = user_register(store.db, contact_id)
    return json.loads(value) if value is not None else None


_ALIASES = {"italian": "it", "italiano": "it", "spanish": "es", "portuguese": "pt", "zh-cn": "zh", "zh-tw": "zh", "zh-hans": "zh", "cn": "zh", "chinese": "zh", "中文": "zh",
            "english": "en", "french": "fr", "français": "fr", "german": "de", "deutsch": "de",
            "arabic": "ar", "العربية": "ar", "hindi": "hi", "हिन्दी": "hi", "हिंदी": "hi"}


def normalize_code(code: str) -> str:
    c = (code or "").strip().lower()
    return _ALIASES.get(c, c.split("-")[0].split("_")[0] if c else "en")


__all__ = [
    "LANGUAGE_NAMES", "SUPPORTED", "Guess", "LanguageProfile", "Register", "count_forms", "detect",
    "detect_register", "distribution", "normalize_code", "profile_for", "user_language",
]
