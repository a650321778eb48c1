"""Is every specific claim of a draft backed by a message it cites?

A draft may only state specifics (names, places, numbers, dates, quoted words) that appear in:
- the messages it cites (the grounding proper);
- the contact's profile (name, organisation, title, interests, notes, birthday) and what the user typed for
  this draft (`--about`, the instruction).

Specifics are extracted per script: numbers (any digits, also Arabic-Indic and Devanagari), quoted spans
(“…”, „…“, «…», 「…」, 《…》, "…"), Latin words that look like names (capitalised inside a sentence, acronyms,
CamelCase, words with digits: "HSBC", "Money20/20", "Zugspitze") - in German, capitalised common nouns are not
names, so only words that are neither in a small list of everyday nouns nor built with a noun suffix count -
and Latin words inside Chinese, Arabic or Hindi text. A specific found in a message that was *shown* to the
model but not cited is a citation the model forgot: it is added (`added_ids`). A cited id that was never
shown, or a specific found nowhere, means the draft invents history: it is rejected.

Known limit: a made-up Chinese, Arabic or Hindi place or name written in its own script and not quoted is
not detected (no word segmentation or NER for those scripts here); the LLM prompt forbids it and the cited
ids are still checked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.text.scripts import HAN, KANA, HANGUL, ARABIC, DEVANAGARI

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९", "0123456789" * 3)
_NUMBER = re.compile(r"\d+(?:[.,:/]\d+)*")
_QUOTES = re.compile(r"“([^”]{2,200})”|„([^“”]{2,200})[“”]|«\s?([^»]{2,200}?)\s?»|「([^」]{2,200})」|『([^』]{2,200})』|"
                     r"《([^》]{1,100})》|\"([^\"]{2,200})\"")
_LATIN_WORD = re.compile(r"(?<![\w@#/])[A-Za-zÀ-ÖØ-öø-ÿ][\w'’\-/.&+]*[\w+]|(?<![\w@#/])[A-Z]\b")
_SENTENCE_START = re.compile(r"(^|[.!?。！？؟:;…\n]\s*|[\"“„«(\[]\s*)$")
_NON_LATIN = re.compile(f"[{ARABIC}{DEVANAGARI}{KANA}{HAN}{HANGUL}]")
_PLACEHOLDER = re.compile(r"\[[^\[\]]{2,80}\]")

# Capitalised words that are no claim: greetings, pronouns, days, months, chat words, in en/fr/de.
_COMMON = set("""
i i'm i've i'll i'd im ive ill id ok okay hi hey hello dear thanks thank cheers best love hope hallo liebe lieber
servus moin grüße gruß viele beste bonjour salut coucou merci bises bisous amitiés cordialement je j'ai
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar
märz mai juni juli oktober dezember lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars
avril juin juillet août septembre octobre novembre décembre haha hahaha lol btw ps xoxo sie ihr ihnen ihre
ihren ihrem ihrer du dich dir dein deine
lol omg btw fyi asap tbh imo idk brb ttyl np thx pls xd ok ps nb
""".split())
@lru_cache(maxsize=1)
def _template_words() -> frozenset[str]:
    """The words of the offline drafter's own forms and greetings ("Vorhaben", "Nachricht"): the product's
    wording, never a claim about the contact, whichever drafter wrote them."""
    from assistant.drafting.offline import FORMS, GREETING

    texts = [t for forms in FORMS.values() for variants in forms.values() for t in variants] + list(GREETING.values())
    return frozenset(w.lower() for t in texts for w in re.findall(r"[^\W\d_]+", re.sub(r"\{\w+\}", " ", t)))


# Everyday German nouns (capitalised by grammar, not names).
_DE_NOUNS = set("""
zeit jahr jahre jahren tag tage tagen woche wochen monat monate monaten wochenende abend morgen nacht sommer
winter frühling herbst urlaub reise reisen arbeit job jobs team firma projekt projekte leben familie freund
freunde freundin kinder kind eltern mama papa frau mann nachricht nachrichten foto fotos bild bilder frage
fragen idee ideen artikel buch bücher film musik konzert essen kaffee bier wein stadt land haus wohnung
geburtstag glückwunsch glückwünsche spaß lust ahnung neues neuigkeiten dank grüße gruß liebe sonne wetter
regen schnee berg berge see meer strand wanderung tour fahrt zug flug termin treffen gespräch idee gedanken
erinnerung erinnerungen zeiten gefühl freude glück gesundheit weihnachten ostern silvester feier party
abendessen mittagessen frühstück weg welt leute menschen kollegen chef büro schule uni studium prüfung hund
katze garten sport training lauf rennen marathon fahrrad rad klettern halle ende anfang mal male sache sachen
dinge ding teil seite hause hand kopf herz augen ruhe stress launch release konferenz vortrag talk slides
""".split())
_DE_SUFFIXES = ("ung", "ungen", "heit", "keit", "schaft", "tion", "tionen", "chen", "lein", "ität", "nis", "tum",
                "ling", "ismus", "ment", "ik", "ie", "ei", "zeit", "tag", "stück", "werk", "arbeit")


@dataclass
class GroundingResult:
    ok: bool
    invented_ids: list[int] = field(default_factory=list)  # cited, but never shown to the model
    unsupported: list[str] = field(default_factory=list)  # specifics found nowhere
    supported: dict[str, object] = field(default_factory=dict)  # specific -> message id, or 'profile'
    added_ids: list[int] = field(default_factory=list)  # shown but not cited, yet the draft relies on them
    cited_ids: list[int] = field(default_factory=list)  # the final citations (valid + added)
    placeholders: list[str] = field(default_factory=list)  # honest gaps left for the user to fill

    def reason(self) -> str:
        parts = []
        if self.invented_ids:
            parts.append("cites messages it was never shown: " + ", ".join(f"#{i}" for i in self.invented_ids))
        if self.unsupported:
            parts.append("states things no message shows: " + ", ".join(f"\u201c{s}\u201d" for s in self.unsupported[:6]))
        return "; ".join(parts)


def strip_quotes(text: str) -> str:
    """The text without its quoted spans (someone's words, quoted on purpose)."""
    return _QUOTES.sub(" ", text or "")


def _function_words() -> set[str]:
    """Pronouns, articles and the like in en/fr/de: capitalised after a greeting ("Hi Rahul, It's been..."),
    never a name."""
    from assistant.text.language import _STOPWORDS

    extra = {"it's", "that's", "what's", "there's", "let's", "here's", "how's", "you're", "we're", "they're",
             "it", "you", "we", "they", "he", "she", "long", "lange", "ça", "c'est", "hope", "just", "so", "glad"}
    return {w for words in _STOPWORDS.values() for w in words} | extra


_FUNCTION = _function_words()


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKC", s or "").translate(_DIGITS)
    return " ".join(s.casefold().replace("’", "'").split())


def specifics(text: str, lang: str = "en") -> list[str]:
    """The checkable specifics of a text, in order of appearance (deduplicated)."""
    text = _PLACEHOLDER.sub(" ", unicodedata.normalize("NFKC", text or "").translate(_DIGITS))
    found: list[tuple[int, str]] = []

    def add(s: str, pos: int) -> None:
        s = s.strip(" \t\n.,;:!?…'’\"")
        if s and all(s != f for _, f in found):
            found.append((pos, s))

    quoted_spans = []
    for m in _QUOTES.finditer(text):
        inner = next(g for g in m.groups() if g is not None)
        add(inner.strip().rstrip("…").rstrip("."), m.start())
        quoted_spans.append(m.span())
    rest = text
    for a, b in reversed(quoted_spans):
        rest = rest[:a] + " " * (b - a) + rest[b:]
    for m in _NUMBER.finditer(rest):
        add(m.group(), m.start())
    mixed = bool(_NON_LATIN.search(rest))
    for m in _LATIN_WORD.finditer(rest):
        word = m.group().strip(".-/&+'’")
        if len(word) < 2 and not word.isupper():
            continue
        low = word.lower()
        if low in _COMMON or low.replace("’", "'") in _FUNCTION or low in _template_words():
            continue
        has_digit = any(ch.isdigit() for ch in word)
        acronym = sum(ch.isupper() for ch in word) >= 2
        if word.isupper() and len(word) > 5 and not has_digit:
            continue  # shouting ("AMAZING", "CONGRATS"), not a name
        capital = word[0].isupper()
        if has_digit or acronym or (mixed and capital):
            # inside Chinese / Arabic / Hindi text a capitalised Latin word is a name or a term
            add(word, m.start())
            continue
        if mixed:  # lower-case English words in code-mixed text ("guest lecture") are vocabulary
            continue
        if has_digit or acronym:
            add(word, m.start())
            continue
        if not capital:
            continue
        if _SENTENCE_START.search(rest[: m.start()]):
            continue  # the first word of a sentence is capitalised anyway
        if lang == "de" and (low in _DE_NOUNS or low.endswith(_DE_SUFFIXES)):
            continue
        add(word, m.start())
    return [f for _, f in sorted(found, key=lambda x: x[0])]


def _supported(spec: str, haystack: str) -> bool:
    s = _fold(spec)
    if not s:
        return True
    if s in haystack:
        return True
    words = [w for w in re.split(r"[\s,.;:!?，。！？、]+", s) if w]
    if len(words) >= 3:  # a quoted phrase: most of its words in one source is enough (clipping, inflection)
        return sum(1 for w in words if w in haystack) >= 0.8 * len(words)
    base = _possessive_base(s)
    if base and re.search(rf"(?<!\w){re.escape(base)}(?!\w)", haystack):  # Sarah's, Annas, 李伟的: the name
        return True
    if len(s) >= 6 and s.isalpha():  # inflected forms: Zugspitze / Zugspitzen, Shenzhen's
        return s[:-2] in haystack
    return False


# The draft says the words are theirs: "you wrote", "your message", "votre message", "你说的", "आपने ... बताया".
_THEIRS = re.compile(
    r"\byou (wrote|said|told|mentioned|shared|posted)\b|\byour (message|words|note|news|plans?)\b|"
    r"\b(tu m['’](as|avais)|vous m['’](avez|aviez)) (dit|écrit|raconté|parlé)|\b(ton|votre|ta) (message|nouvelle|projet)\b|"
    r"\b(du hast|du hattest|Sie haben|Sie hatten) .{0,30}(geschrieben|erzählt|gesagt)|\b(deine|Ihre) (Nachricht|Neuigkeit)\b|"
    r"\b(dein|Ihr) Vorhaben\b|你说的|你提到|您提到|您说的|你上次说|你写的|您上次提到|"
    r"ما كتبته|رسالتك|ما حكيته|خبرك|"
    r"(तुमने|आपने).{0,40}(बताया|लिखा|कहा)|(तुम्हारी|आपकी|तुम्हारा|आपका) .{0,30}(बात|ख़बर|खबर|प्लान)", re.I)


def attribution_problems(text: str, supported: Mapping[str, object], authors: Mapping[int, str]) -> list[str]:
    """When the draft gives the words to them ("you wrote", "votre message"), what it draws on must be theirs:
    a specific found only in the user's or a third person's messages is attributed to the wrong person."""
    if not authors or not _THEIRS.search(text or ""):
        return []
    out = []
    for spec, where in supported.items():
        if isinstance(where, int) and authors.get(where) in ("me", "other"):
            whose = "your own" if authors[where] == "me" else "someone else's"
            out.append(f"{spec} (attributed to them, but from {whose} message [#{where}])")
    return out


def _possessive_base(s: str) -> str:
    """The name a possessive is built on: "sarah's" / "chris'" (English), "annas" (German genitive),
    "李伟的" (Chinese). The caller requires the base as a whole word of the source."""
    for suffix in ("'s", "’s", "'", "’", "的"):
        if s.endswith(suffix) and len(s) > len(suffix) + 1:
            return s[: -len(suffix)]
    if s.endswith("s") and len(s) >= 4 and s.isalpha():
        return s[:-1]
    return ""


def check_grounding(
    text: str,
    cited_ids: Iterable[int],
    *,
    shown: Mapping[int, str],
    profile: Iterable[str] = (),
    lang: str = "en",
    authors: Mapping[int, str] | None = None,
) -> GroundingResult:
    """`shown`: message id -> the text the model saw for it (include its date, e.g. '2024-05-26 … text').
    `profile`: other trusted text (the contact's profile, the user's --about and instruction).
    `authors`: message id -> "contact" | "me" | "other" (a third person in a group): with it, words the draft
    attributes to the contact must come from their own messages (issue 13)."""
    cited = list(dict.fromkeys(int(i) for i in cited_ids))
    invented = [i for i in cited if i not in shown]
    valid = [i for i in cited if i in shown]
    cited_text = {i: _fold(shown[i]) for i in valid}
    other_text = {i: _fold(t) for i, t in shown.items() if i not in cited_text}
    trusted = _fold(" \n ".join(profile))
    result = GroundingResult(ok=True, invented_ids=invented, cited_ids=list(valid))
    result.placeholders = _PLACEHOLDER.findall(text or "")
    for spec in specifics(text, lang):
        where = next((i for i, t in cited_text.items() if _supported(spec, t)), None)
        if where is not None:
            result.supported[spec] = where
            continue
        if _supported(spec, trusted):
            result.supported[spec] = "profile"
            continue
        where = next((i for i, t in other_text.items() if _supported(spec, t)), None)
        if where is not None:
            result.supported[spec] = where
            if where not in result.cited_ids:
                result.cited_ids.append(where)
                result.added_ids.append(where)
            continue
        result.unsupported.append(spec)
    if authors:
        # their words where a message of theirs supports the specific too
        theirs = {spec: where for spec, where in result.supported.items()
                  if not (isinstance(where, int) and authors.get(where) != "contact"
                          and any(authors.get(i) == "contact" and _supported(spec, _fold(t)) for i, t in shown.items()))}
        result.unsupported += attribution_problems(text, theirs, authors)
    result.ok = not invented and not result.unsupported
    return result


__all__ = ["GroundingResult", "attribution_problems", "check_grounding", "specifics", "strip_quotes"]
