"""Open loops: what someone said they would do, or what was planned together, and when.

`find_plan(text, ts, lang)` returns a `Plan` (the phrase, the day it points at) when a message speaks of
something ahead of it - a trip, a talk, a move, an exam, a baby due, "next year you come along",
"要是去阿姆斯特丹我找你", "on se voit à Berlin fin novembre" - or None.

Dates are resolved by `dateparser` against the message's own timestamp (relative dates mean nothing without
it), in the language of the message. Two small additions where dateparser has gaps in chat language: a
relative-period table ("next month", "下个月", "الشهر الجاي", "अगले महीने", "in two weeks") and the part of a
period ("end of", "fin", "Ende", "月底", "أواخر", "के अंत") which moves the day to the period's end.

What is not an open loop: a date that is not ahead of the message, or only a day or two ahead (that is
logistics: "see you at 7", "tomorrow then"), a lone weekday or time, and a question without intent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

DAY = 86_400
MIN_AHEAD_DAYS = 3  # closer than this is logistics, not a plan
MAX_AHEAD_DAYS = 2 * 365

# Relative periods dateparser misses in chat language: (pattern, unit, amount). Amount None: taken from the
# number in the match. Shared by all languages (the scripts cannot collide).
_REL = [
    (r"\bnext (week|month|year|summer|spring|autumn|fall|winter)\b", None, 1),
    (r"\bin (two|2) weeks\b", "week", 2), (r"\bin (a|one|1) month\b", "month", 1),
    (r"\bnächste[nms]? (Woche|Monat|Jahr|Sommer|Frühling|Herbst|Winter)\b", None, 1),
    (r"\bkommende[nms]? (Woche|Monat|Jahr)\b", None, 1),
    (r"\b(la semaine|le mois|l['’]an|l['’]année|l['’]été|l['’]hiver|le printemps|l['’]automne) prochain e?\b", None, 1),
    (r"\b(la semaine|le mois|l['’]année) prochaine?\b", None, 1),
    (r"下(个|個)?(星期|礼拜|周|月)", None, 1), (r"明年", "year", 1), (r"后年", "year", 2), (r"下半年", "month", 6),
    (r"(الأسبوع|الاسبوع|الشهر|السنة|العام|الصيف|الشتاء) (الجاي|القادم|القادمة|الجاية|المقبل|المقبلة|الياي)", None, 1),
    (r"بعد (أسبوعين|اسبوعين)", "week", 2), (r"بعد (شهرين)", "month", 2), (r"بعد (شهر)", "month", 1),
    (r"(अगले|अगली) (हफ़्ते|हफ्ते|सप्ताह|महीने|साल|गर्मी|सर्दी)", None, 1), (r"अगले साल", "year", 1),
    (r"\b(agle|agli) (hafte|mahine|saal)\b", None, 1),
]
_UNIT_WORDS = {
    "week": ("week", "woche", "semaine", "星期", "礼拜", "周", "الأسبوع", "الاسبوع", "हफ़्ते", "हफ्ते", "सप्ताह", "hafte"),
    "month": ("month", "monat", "mois", "月", "الشهر", "महीने", "mahine"),
    "year": ("year", "jahr", "an", "année", "السنة", "العام", "साल", "saal"),
    "season": ("summer", "spring", "autumn", "fall", "winter", "sommer", "frühling", "herbst", "été", "hiver",
               "printemps", "automne", "الصيف", "الشتاء", "गर्मी", "सर्दी"),
}
_REL_RE = [(re.compile(p, re.I), u, n) for p, u, n in _REL]
_END_OF = re.compile(r"\b(end of|late|fin|fin de|ende|gegen ende)\b|月底|年底|月末|年末|下旬|أواخر|آخر|नवंबर के अंत|के अंत|\bakhir", re.I)
_START_OF = re.compile(r"\b(early|beginning of|début|debut|anfang)\b|月初|年初|上旬|أوائل|बुरुआत|शुरुआत", re.I)
# Matches dateparser returns that are too vague to be a plan on their own.
_WEAK = re.compile(r"^(\W*\w{1,2}\W*|now|today|tonight|heute|aujourd['’]hui|今天|今晚|اليوم|आज|"
                   r"mon|tue|wed|thu|fri|sat|sun|je|me|ma|ve|sa|di|mo|do|fr|mi)$", re.I)
_TIME_ONLY = re.compile(r"^\s*(at\s+)?\d{1,2}([:.h]\d{2})?\s*(am|pm|uhr|h)?\s*$", re.I)

_ZH_MONTH = re.compile(r"(?:明年|后年)\s*([0-9一二三四五六七八九十]{1,3})\s*月")
_ZH_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九十")}


def _zh_number(s: str) -> int:
    if s.isdigit():
        return int(s)
    if s.startswith("十"):
        return 10 + (_ZH_DIGITS.get(s[1:], 0) if len(s) > 1 else 0)
    return _ZH_DIGITS.get(s, 0)


# Plans without a date: "if you come to Amsterdam I'll look you up", "let's", "we should", "on se voit".
INTENT = re.compile(
    r"\b(let['’]?s|we should|we must|you should come|come along|i['’]ll (show|take|visit|come|look you up)|"
    r"next time (you['’]re|you are|i['’]m|i am)|when you['’]re in|if you (ever )?come|"
    r"on se (voit|retrouve|fait)|faut qu['’]on|la prochaine fois|si tu passes|quand tu viens|"
    r"wir sehen uns|lass uns|wenn du (mal )?in .{2,20} bist|kommst du mit|nächstes mal|"
    r"chalo milte|milte hain)\b|要是.{0,12}(找你|来找|见)|下次.{0,8}(一起|见|聊)|一起去|约一下|"
    r"نشوفك|نلتقي|لما تيجي|إذا جيت|اذا جيت|تعال معنا|मिलते हैं|मिलेंगे|साथ चल|जब तुम .{0,15} आओ",
    re.I)


def has_intent(text: str) -> bool:
    """A plan said without a date ("要是去阿姆斯特丹我找你", "let's climb together when you're in Lyon")."""
    return bool(INTENT.search(text or ""))


_NUMBER_WORDS = re.compile(r"^(at |um |à )?(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                           r"eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|"
                           r"une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze)\b\W*\w?\W*$", re.I)

_LANGS = ("en", "fr", "de", "zh", "ar", "hi")


@dataclass(frozen=True)
class Plan:
    phrase: str  # the words that carry the date, as written
    event_ts: int  # the day the plan points at (start of day, UTC)
    precision: str  # 'day' | 'month' | 'year' (how exact the phrase is)


def _settings(base: datetime) -> dict:
    return {"RELATIVE_BASE": base.replace(tzinfo=None), "PREFER_DATES_FROM": "future",
            "RETURN_AS_TIMEZONE_AWARE": False}


def _precision(phrase: str) -> str:
    low = phrase.casefold()
    if any(w in low for w in _UNIT_WORDS["year"] if len(w) > 2) or re.fullmatch(r"\D*\d{4}\D*", low) or "年" in low:
        return "year" if not re.search(r"\d{1,2}\s*[./月-]|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc)", low) else "month"
    if re.search(r"\d", low) and re.search(r"\d{1,2}(st|nd|rd|th|\.|号|日)?\b", low) and not _START_OF.search(low):
        return "day"
    return "month"


def _relative(text: str, base: datetime) -> tuple[str, datetime, str] | None:
    for pat, unit, amount in _REL_RE:
        m = pat.search(text)
        if not m:
            continue
        phrase = m.group(0)
        u = unit
        if u is None:
            low = phrase.casefold()
            u = next((k for k, words in _UNIT_WORDS.items() if any(w in low for w in words)), "month")
        if u == "week":
            return phrase, base + timedelta(weeks=amount), "day"
        if u == "month":
            y, mo = divmod(base.month - 1 + amount, 12)
            return phrase, base.replace(year=base.year + y, month=mo + 1, day=min(base.day, 28)), "month"
        if u == "season":
            return phrase, base + timedelta(days=180), "month"
        return phrase, base.replace(year=base.year + amount, month=1, day=1), "year"
    return None


def _dateparser(text: str, base: datetime, lang: str | None) -> tuple[str, datetime, str] | None:
    try:
        from dateparser.search import search_dates
    except ImportError:  # optional at runtime: the relative table still works
        return None
    langs = [lang] if lang in _LANGS else None
    try:
        found = search_dates(text, languages=langs, settings=_settings(base)) or []
    except Exception:  # noqa: BLE001 - dateparser raises on odd input; a missed date is not an error
        return None
    for phrase, when in found:
        p = phrase.strip()
        if _WEAK.match(p) or _TIME_ONLY.match(p) or len(p) < 3:
            continue
        if _NUMBER_WORDS.match(p):
            continue  # 'four a(.m.)', 'at seven': a time of day
        if len(p.split()) == 1 and (when - base).days <= 7 and not re.search(r"\d", p):
            continue  # a lone weekday ('Saturday', '周六'): logistics
        return p, when, _precision(p)
    return None


# Only text that names a month, a number or a calendar word goes to dateparser (it costs milliseconds a call).
_DATEISH = re.compile(
    r"\d|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|fév|févr|mars|avr|mai|juin|juil|août|sept|déc|"
    r"jän|märz|mai|okt|dez|tomorrow|demain|morgen|übermorgen|weekend|week-end|wochenende|christmas|noël|weihnachten|"
    r"easter|pâques|ostern)|[月号日年周]|يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|"
    r"اكتوبر|نوفمبر|ديسمبر|بكرة|بكره|غدا|जनवरी|फ़रवरी|फरवरी|मार्च|अप्रैल|मई|जून|जुलाई|अगस्त|सितंबर|अक्टूबर|नवंबर|"
    r"दिसंबर|कल", re.I)


@lru_cache(maxsize=50_000)
def find_plan(text: str, ts: int, lang: str | None = None) -> Plan | None:
    """The plan a message speaks of, with its date resolved against the message time `ts`, or None."""
    body = " ".join((text or "").split())
    if len(body) < 6:
        return None
    base = datetime.fromtimestamp(ts, UTC).replace(tzinfo=None)
    hit = _relative(body, base) or (_dateparser(body, base, lang) if _DATEISH.search(body) else None)
    if hit is None:
        return None
    phrase, when, precision = hit
    m = _ZH_MONTH.search(body)
    if precision == "year" and m:  # 明年五月: the month inside the year
        mon = _zh_number(m.group(1))
        if 1 <= mon <= 12:
            when, precision = when.replace(month=mon, day=1), "month"
    if precision == "month" and _END_OF.search(body):
        when = when.replace(day=25)
    elif precision == "month" and _START_OF.search(body):
        when = when.replace(day=5)
    event = int(datetime(when.year, when.month, when.day, tzinfo=UTC).timestamp())
    ahead = (event - ts) / DAY
    if ahead < MIN_AHEAD_DAYS or ahead > MAX_AHEAD_DAYS:
        return None
    return Plan(phrase, event, precision)


__all__ = ["INTENT", "Plan", "find_plan", "has_intent"]
