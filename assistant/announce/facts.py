"""The fact-preservation check: a rewrite keeps every fact of the original and adds none.

Facts are extracted mechanically from both texts and compared by a canonical key, so "4 月 16 日" and
"16 April", "下午 2 点" and "2 pm", "七次" and "seven" and "7" count as the same fact:

| kind      | recognised                                                                   | key               |
|-----------|------------------------------------------------------------------------------|-------------------|
| url       | http(s)://..., www....                                                       | the URL           |
| email     | name@host.tld                                                                | lower-cased       |
| mention   | @name; @所有人 / @all / @everyone are one                                   | @name             |
| phone     | +49 151 2345678, 812 2345 6789 (9+ digits in groups)                         | the digits        |
| date      | 2026-03-20, 20.03.2026, 3/20, 2026 年 3 月 20 日, 3月20号, March 20(th)(, 2026), 20 March, March 2026, a month name alone ("in November", "11 月") | (year, month, day) |
| time      | 14:00, 2pm, 2 p.m., 9 o'clock, 下午 2 点(半), 晚上8点, 20时30分              | HH:MM (24 h)      |
| weekday   | Saturday, Sat, 周六, 星期六, 礼拜六                                          | 0-6               |
| number    | 30, 1,000, 1.3, 25%, 3rd; Chinese numerals before a counter (十年, 七次, 两位); English number words (two ... twenty, thirty ... ninety, hundred, thousand, third ... twelfth) | the value |
| name      | a person from the contact book (any of their names or aliases), or the user  | contact id        |
| term      | Latin words in Chinese text (Docker, Raft), words with digits (k8s, Web3), capitalised words inside English sentences, ALL-CAPS words | lower-cased |

Rules: the number one from words or Chinese numerals ("a meetup", "一次聚会") is not a fact (it is usually an
article); list enumerators ("1）", "2.", "(3)", "①") are not numbers. Dates compare by month and day, and by
year where the original gives one (a rewrite may not drop a year; it may write one the original gives
elsewhere). A number that is a year may come back as a date's year. Names and terms are case-sensitive on
the way in (so "Sunny" the person is not "sunny" the weather) and matched case-insensitively on the way out.

Limits, on purpose: Chinese place and people names that are not in the contact book cannot be told from
other words without a dictionary, so they are not checked; terms are checked only between versions in the
same language (a translation may legitimately render "Berlin" as "柏林"); names from the contact book are
checked across languages through their aliases (the prompt also asks to keep names as written).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from assistant.text.scripts import HAN

# --- patterns ---------------------------------------------------------------------------------------------

_TRAIL = ".,;:!?)]}>'\"”’）】》、，。！？；：…"
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'（）【】《》，。！？；：、]+", re.I)
EMAIL = re.compile(r"[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
MENTION = re.compile(r"(?<![A-Za-z0-9_@.])[@＠]([^\s@＠,，。.:：;；!！?？、）)]+)")
ALL_MENTIONS = {"所有人", "all", "everyone", "channel", "here", "全体成员"}
PHONE = re.compile(r"(?<![A-Za-z0-9_+])(\+?\d{1,4}(?:[ \-]\d{2,8}){1,5})(?![A-Za-z0-9_])")

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_MON = rf"(?P<mon>(?:{_MONTH_ALT})\.?)"
_CN_NUM = "零〇一二两兩三四五六七八九十百千万萬"
_CN_SMALL = rf"(?:\d{{1,2}}|[{_CN_NUM}]{{1,3}})"

DATE_PATTERNS = [
    ("ymd", re.compile(r"(?<!\d)(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)")),
    ("dmy", re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})(?![\d])")),
    ("zh", re.compile(rf"(?:(?P<y>\d{{4}})\s*年\s*)?(?P<m>{_CN_SMALL})\s*月(?:\s*(?P<d>{_CN_SMALL})\s*[日号號])?")),
    ("md_en", re.compile(rf"\b{_MON}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}})\b)?", re.I)),
    ("dm_en", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?:,?\s+(?P<y>\d{{4}})\b)?", re.I)),
    ("my_en", re.compile(rf"\b{_MON},?\s+(?P<y>\d{{4}})\b", re.I)),
    ("md_slash", re.compile(r"(?<![\d/.\w])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\d/])")),
    ("month_en", re.compile(r"\b(?P<mon>January|February|March|April|June|July|August|September|October|November|"
                            r"December)\b")),
]

WEEKDAYS_EN = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
WEEKDAY_ABBR = {"Mon": 0, "Tue": 1, "Tues": 1, "Wed": 2, "Thu": 3, "Thur": 3, "Thurs": 3, "Fri": 4, "Sat": 5, "Sun": 6}
WEEKDAY_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
WEEKDAY_PATTERNS = [
    re.compile(r"\b(?P<en>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b", re.I),
    # abbreviations only capitalised, and "Sun" only before a date ("Sun 23 March"): "Sun" is also a surname
    re.compile(r"\b(?P<abbr>Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat)\b\.?"),
    re.compile(r"\b(?P<abbr>Sun)\b\.?(?=,?\s*\d)"),
    re.compile(r"(?:周|星期|礼拜|禮拜)(?P<zh>[一二三四五六日天])"),
]

_AMPM = r"(?P<ap>[ap])\.?\s?m\b\.?"
TIME_PATTERNS = [
    ("hm", re.compile(rf"(?<![\d:])(?P<h>\d{{1,2}})[:：](?P<mi>\d{{2}})(?![\d:])(?:\s*{_AMPM})?", re.I)),
    ("h_ampm", re.compile(rf"(?<![\d:.])(?P<h>\d{{1,2}})\s*{_AMPM}", re.I)),
    ("oclock", re.compile(r"(?<![\d:])(?P<h>\d{1,2})\s*o['’]clock\b", re.I)),
    # Chinese: a period word makes numerals safe ("下午两点"); bare "点" needs digits ("快一点" is not a time)
    ("zh", re.compile(rf"(?P<p>上午|中午|下午|晚上|傍晚|夜里|晚|早上|早晨|早|凌晨)\s*(?P<h>{_CN_SMALL})\s*[点點时時]"
                      rf"(?:\s*(?P<half>半)|\s*(?P<q>一刻|三刻)|\s*(?P<mi>\d{{1,2}}|[{_CN_NUM}]{{1,3}})\s*分?)?")),
    ("zh_digits", re.compile(r"(?<![\d.])(?P<h>\d{1,2})\s*[点點时時](?:\s*(?P<half>半)|\s*(?P<mi>\d{1,2})\s*分?)?")),
]

ENUMERATOR = re.compile(r"[(（]\d{1,2}[)）]|(?<![A-Za-z0-9_.])\d{1,2}[)）、]|^[ \t]*\d{1,2}\.(?=\s)", re.M)
CIRCLED = re.compile("[\u2460-\u2473\u2776-\u277f]")
ORDINAL = re.compile(r"(?<![A-Za-z0-9_.])(?P<n>\d+)(?:st|nd|rd|th)(?![A-Za-z0-9_])", re.I)
NUMBER = re.compile(r"(?<![A-Za-z0-9_.])(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?(?P<pct>\s?[%％])?(?![A-Za-z0-9_])")
COUNTERS = ("年", "个", "個", "次", "位", "人", "名", "天", "周", "週", "小时", "小時", "分钟", "分鐘", "场", "場", "期",
            "届", "屆", "岁", "歲", "块", "塊", "元", "条", "條", "家", "本", "篇", "张", "張", "页", "頁", "轮", "輪",
            "组", "組", "队", "隊", "倍", "年级", "层", "层楼", "楼", "站", "桌", "份", "种", "種", "项", "項")
CN_NUMBER = re.compile(rf"(?P<n>[{_CN_NUM}]+)(?P<c>\s*(?:{'|'.join(sorted(COUNTERS, key=len, reverse=True))}))")
EN_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000, "dozen": 12,
    "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "eleventh": 11, "twelfth": 12, "twice": 2,
}
SECOND = re.compile(r"\b(?:the|our|a|its|their|this) second\b(?! (?:look|thought|opinion|hand|nature|half))", re.I)
EN_NUMBER = re.compile(rf"\b(?P<w>(?:{'|'.join(EN_NUMBERS)})(?:-(?:two|three|four|five|six|seven|eight|nine))?)\b", re.I)

MIXED_TERM = re.compile(r"(?<![A-Za-z0-9_.])(?=[A-Za-z0-9.\-]*\d)(?=[A-Za-z0-9.\-]*[A-Za-z])[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*(?![A-Za-z0-9_])")
LATIN_WORD = re.compile(r"(?<![A-Za-z0-9_'’])[A-Za-z][A-Za-z'’\-]*[A-Za-z]|(?<![A-Za-z0-9_'’])[A-Z](?![A-Za-z0-9_'’])")
# Capitalised words that are not names even inside a sentence.
NOT_TERMS = {"I", "I'm", "I'll", "I've", "I'd", "OK", "Ok", "AM", "PM", "A", "The", "We", "You", "Our", "And"}

_HAN = re.compile(f"[{HAN}]")


def _cn_int(s: str) -> int | None:
    """Chinese numerals to an int: 十 10, 十二 12, 二十 20, 二十五 25, 一百 100, 两千 2000, 二〇一六 2016."""
    digits = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
    units = {"十": 10, "百": 100, "千": 1000, "万": 10000, "萬": 10000}
    if not s:
        return None
    if all(ch in digits for ch in s):  # digit by digit: 二〇一六
        if len(s) == 1:
            return digits[s]
        if "两" in s or "兩" in s:
            return None  # "两三" means two or three: not one number
        return int("".join(str(digits[ch]) for ch in s))
    total, section, current = 0, 0, 0
    for ch in s:
        if ch in digits:
            current = digits[ch]
        elif ch in units:
            unit = units[ch]
            if unit == 10000:
                total += (section + current) * unit
                section = current = 0
            else:
                section += (current or 1) * unit
                current = 0
        else:
            return None
    return total + section + current


def _small(s: str | None) -> int | None:
    if s is None:
        return None
    return int(s) if s.isdigit() else _cn_int(s)


# --- data -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    kind: str
    key: object  # canonical, comparable
    text: str  # as written (first occurrence)

    def show(self) -> str:
        if self.kind == "number" and str(self.key) not in self.text.replace(",", ""):
            return f"{self.text} (number {self.key})"
        return f"{self.text} ({self.kind})"


@dataclass
class NameBook:
    """Names of people the check knows: alias -> contact id (0 is the user)."""

    aliases: dict[str, int] = field(default_factory=dict)
    _pattern: re.Pattern | None = field(default=None, repr=False)

    @classmethod
    def from_store(cls, store, contact_ids: Iterable[int] | None = None) -> NameBook:
        from assistant.store.announce import name_aliases

        book = cls()
        for alias, cid in name_aliases(store.db, None if contact_ids is None else list(contact_ids)):
            book.add(alias, cid)
        return book

    def add(self, alias: str, contact_id: int) -> None:
        alias = unicodedata.normalize("NFC", (alias or "").strip())
        if not alias or alias.isdigit() or any(ch.isdigit() for ch in alias.replace(" ", "")[:1]):
            return
        han = len(_HAN.findall(alias))
        if han == 0 and (len(alias) < 3 or not alias[0].isupper()):
            return  # "Al", "tom": too likely to be a word
        if han == 1 and len(alias) == 1:
            return
        self.aliases.setdefault(alias, contact_id)
        self._pattern = None

    def find(self, text: str) -> list[tuple[int, int, int, str]]:
        """(start, end, contact id, alias) of every name in the text, longest first at each place."""
        if not self.aliases:
            return []
        if self._pattern is None:
            alts = "|".join(re.escape(a) for a in sorted(self.aliases, key=len, reverse=True))
            self._pattern = re.compile(f"(?<![A-Za-z0-9])(?:{alts})(?![A-Za-z0-9])")
        return [(m.start(), m.end(), self.aliases[m.group(0)], m.group(0)) for m in self._pattern.finditer(text)]


# --- extraction -------------------------------------------------------------------------------------------


class _Text:
    """The text with consumed spans blanked out, so a date's digits are not read again as numbers."""

    def __init__(self, text: str):
        self.s = text

    def take(self, start: int, end: int) -> None:
        self.s = self.s[:start] + " " * (end - start) + self.s[end:]


def _date_key(kind: str, m: re.Match) -> tuple | None:
    g = m.groupdict()
    if kind == "md_slash":
        a, b = int(g["a"]), int(g["b"])
        if a > 12 and 1 <= b <= 12:
            return (None, b, a)
        if 1 <= a <= 12 and 1 <= b <= 31:
            return (None, a, b)
        return None
    if "mon" in g and g["mon"]:
        month = MONTHS[g["mon"].rstrip(".").lower()]
    else:
        month = _small(g.get("m"))
    day = _small(g.get("d")) if g.get("d") else None
    year = g.get("y")
    if year:
        year = int(year) + (2000 if len(year) == 2 else 0)
    if not month or not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    if kind == "md_en" and g["mon"].lower().rstrip(".") == "may" and g["mon"][0] == "m":
        return None  # "may 5 people come": lower-case "may" is the verb
    return (year or None, month, day)


def _time_key(kind: str, m: re.Match) -> str | None:
    g = m.groupdict()
    h = _small(g.get("h"))
    if h is None:
        return None
    minute = 0
    if g.get("mi"):
        minute = _small(g["mi"]) or 0
    if g.get("half"):
        minute = 30
    if g.get("q"):
        minute = 15 if g["q"] == "一刻" else 45
    ap = (g.get("ap") or "").lower()
    if ap == "p" and h < 12:
        h += 12
    elif ap == "a" and h == 12:
        h = 0
    period = g.get("p")
    if period in ("下午", "晚上", "傍晚", "夜里", "晚") and h < 12:
        h += 12
    elif period == "中午" and h < 11:
        h += 12
    if kind in ("h_ampm", "oclock") and not 1 <= h <= 24:
        return None
    if not (0 <= h <= 24 and 0 <= minute < 60):
        return None
    return f"{h:02d}:{minute:02d}"


def _sentence_starts(text: str) -> set[int]:
    """Offsets of the first letter of each sentence, line or list item (after any emoji, bullet, number or
    quote that opens it): a capital there says nothing."""
    return {m.end() for m in re.finditer(r"(?:^|[.!?。！？:：;；]|\n)[^A-Za-z\n]*", text)}


def extract_facts(text: str, names: NameBook | None = None) -> list[Fact]:
    """Every fact in the text, once per (kind, key), in order of appearance."""
    text = unicodedata.normalize("NFC", text or "")
    t = _Text(text)
    found: list[tuple[int, Fact]] = []

    def add(pos: int, kind: str, key: object, shown: str) -> None:
        found.append((pos, Fact(kind, key, shown.strip())))

    for m in URL.finditer(t.s):
        url = m.group(0).rstrip(_TRAIL)
        add(m.start(), "url", url.rstrip("/").lower() if "/" not in url.split("//", 1)[-1] else url.rstrip("/"), url)
        t.take(m.start(), m.start() + len(url))
    for m in EMAIL.finditer(t.s):
        add(m.start(), "email", m.group(0).lower(), m.group(0))
        t.take(m.start(), m.end())
    for m in MENTION.finditer(t.s):
        who = m.group(1).rstrip(_TRAIL)
        key = "@all" if who.casefold() in ALL_MENTIONS else "@" + who.casefold()
        add(m.start(), "mention", key, "@" + who)
        t.take(m.start(), m.start() + 1 + len(who))
    for m in PHONE.finditer(t.s):
        digits = re.sub(r"\D", "", m.group(1))
        groups = re.split(r"[ \-]", m.group(1).lstrip("+"))
        if len(digits) >= 9 and all(len(g) >= 3 for g in groups[1:]) and not re.fullmatch(r"(?:19|20)\d\d", groups[0]):
            add(m.start(), "phone", digits, m.group(1))
            t.take(m.start(), m.end())
    for pattern in WEEKDAY_PATTERNS:
        for m in pattern.finditer(t.s):
            g = m.groupdict()
            if g.get("en"):
                day = WEEKDAYS_EN[g["en"].lower()]
            elif g.get("abbr"):
                day = WEEKDAY_ABBR[g["abbr"]]
            else:
                day = WEEKDAY_ZH[g["zh"]]
            add(m.start(), "weekday", day, text[m.start():m.end()])
            t.take(m.start(), m.end())
    for kind, pattern in DATE_PATTERNS:
        for m in pattern.finditer(t.s):
            key = _date_key(kind, m)
            if key is not None:
                add(m.start(), "date", key, text[m.start():m.end()].rstrip("."))
                t.take(m.start(), m.end())
    ranges: list[tuple[int, str]] = []  # (end, period) of Chinese times with a period word: "下午2点到5点"
    for kind, pattern in TIME_PATTERNS:
        for m in pattern.finditer(t.s):
            key = _time_key(kind, m)
            if key is None:
                continue
            if kind == "zh" and m.group("p"):
                ranges.append((m.end(), m.group("p")))
            elif kind == "zh_digits":
                # the second end of a range takes the first one's period: "下午 2 点到 5 点" is 14:00-17:00
                period = next((p for e, p in ranges if re.fullmatch(r"\s*[到至~\-—－]\s*", text[e:m.start()])), None)
                if period and int(key[:2]) < 12 and period in ("下午", "晚上", "傍晚", "夜里", "晚", "中午"):
                    key = f"{int(key[:2]) + 12:02d}{key[2:]}"
            add(m.start(), "time", key, text[m.start():m.end()])
            t.take(m.start(), m.end())
    if names:
        for start, end, cid, alias in names.find(t.s):
            add(start, "name", cid, alias)
            t.take(start, end)
    for m in ENUMERATOR.finditer(t.s):
        t.take(m.start(), m.end())
    t.s = CIRCLED.sub(" ", t.s)
    for m in MIXED_TERM.finditer(t.s):
        if ORDINAL.fullmatch(m.group(0)):  # "3rd" is a number
            continue
        add(m.start(), "term", m.group(0).lower(), m.group(0))
        t.take(m.start(), m.end())
    for m in ORDINAL.finditer(t.s):
        add(m.start(), "number", str(int(m.group("n"))), m.group(0))
        t.take(m.start(), m.end())
    for m in NUMBER.finditer(t.s):
        n = m.group("n").replace(",", "")
        value = str(int(n)) + (m.group("dec") or "")
        if m.group("pct"):
            value += "%"
        add(m.start(), "number", value, text[m.start():m.end()])
        t.take(m.start(), m.end())
    for m in CN_NUMBER.finditer(t.s):
        v = _cn_int(m.group("n"))
        values = [v] if v is not None else [_cn_int(ch) for ch in m.group("n")]
        for value in values:
            if value is not None and value != 1 and value != 0:
                add(m.start(), "number", str(value), m.group(0))
        t.take(m.start(), m.end())
    for m in SECOND.finditer(t.s):
        add(m.start(), "number", "2", m.group(0))
        t.take(m.start(), m.end())
    for m in EN_NUMBER.finditer(t.s):
        word = m.group("w").lower()
        parts = word.split("-")
        value = EN_NUMBERS[parts[0]] + (EN_NUMBERS[parts[1]] if len(parts) > 1 else 0)
        add(m.start(), "number", str(value), m.group(0))
        t.take(m.start(), m.end())
    found.extend((p, f) for p, f in _terms(text, t.s))

    seen: set[tuple[str, object]] = set()
    out: list[Fact] = []
    for _, f in sorted(found, key=lambda x: x[0]):
        if (f.kind, f.key) not in seen:
            seen.add((f.kind, f.key))
            out.append(f)
    return out


def _terms(original: str, masked: str) -> list[tuple[int, Fact]]:
    """Latin words that are names or technical terms: all of them inside Chinese text; in English text the
    capitalised ones not at the start of a sentence, and ALL-CAPS ones."""
    han = len(_HAN.findall(original))
    latin = len(re.findall(r"[A-Za-z]", original))
    cjk_text = han >= latin / 3  # per character, Han carries about a Latin word
    starts = _sentence_starts(masked)
    out = []
    for m in LATIN_WORD.finditer(masked):
        w = m.group(0)
        if w in NOT_TERMS:
            continue
        if cjk_text:
            if len(w) >= 2:
                out.append((m.start(), Fact("term", w.lower(), w)))
            continue
        caps = w.isupper() and len(w) >= 2
        if caps or (w[0].isupper() and m.start() not in starts):
            out.append((m.start(), Fact("term", w.lower(), w)))
    return out


# --- comparison -------------------------------------------------------------------------------------------


@dataclass
class FactCheck:
    missing: list[Fact] = field(default_factory=list)  # in the original, not in the rewrite
    added: list[Fact] = field(default_factory=list)  # in the rewrite, not in the original
    checked: int = 0  # facts of the original that were checked

    @property
    def ok(self) -> bool:
        return not self.missing and not self.added

    def describe(self) -> str:
        if self.ok:
            return f"all {self.checked} facts kept, none added"
        parts = []
        if self.missing:
            parts.append("dropped or changed: " + ", ".join(f.show() for f in self.missing))
        if self.added:
            parts.append("added: " + ", ".join(f.show() for f in self.added))
        return "; ".join(parts)


def _years(facts: list[Fact]) -> set[int]:
    ys = {f.key[0] for f in facts if f.kind == "date" and f.key[0]}
    ys |= {int(f.key) for f in facts if f.kind == "number" and f.key.isdigit() and 1900 <= int(f.key) <= 2100}
    return ys


def _date_in(d: tuple, pool: list[tuple], years: set[int]) -> bool:
    """Is date d (y, m, day) stated in pool? Same month and day; the year where d has one must be there too
    (in the pool date, or as a year the text states elsewhere)."""
    y, m, day = d
    for y2, m2, d2 in pool:
        if m2 == m and d2 == day and (y is None or y2 == y or (y2 is None and y in years)):
            return True
    return False


def _has_word(text: str, word: str) -> bool:
    return bool(re.search(rf"(?<![A-Za-z0-9_]){re.escape(word)}(?![A-Za-z0-9_])", text, re.I))


def compare(original: list[Fact], rewrite: list[Fact], *, same_language: bool = True,
            ignore: frozenset[tuple[str, object]] = frozenset(), original_text: str | None = None,
            rewrite_text: str | None = None) -> FactCheck:
    """`ignore`: (kind, key) pairs that need not be kept nor count as added, e.g. ("mention", "@all") for a
    channel where mentioning everyone means nothing (e-mail, LinkedIn). With the texts given, a term that is
    a word of the other text counts as kept (or not added): which Latin words read as terms depends on how
    much of a text is Chinese, and a rewrite that adds Chinese labels must not turn "start" into a new fact."""
    kinds = ("url", "email", "mention", "phone", "date", "time", "weekday", "number", "name")
    if same_language:
        kinds += ("term",)
    o = [f for f in original if f.kind in kinds and (f.kind, f.key) not in ignore]
    r = [f for f in rewrite if f.kind in kinds and (f.kind, f.key) not in ignore]
    o_years, r_years = _years(o), _years(r)
    o_dates = [f.key for f in o if f.kind == "date"]
    r_dates = [f.key for f in r if f.kind == "date"]
    o_keys = {(f.kind, f.key) for f in o}
    r_keys = {(f.kind, f.key) for f in r}
    check = FactCheck(checked=len(o))
    for f in o:
        if f.kind == "date":
            ok = _date_in(f.key, r_dates, r_years)
        elif f.kind == "number" and f.key.isdigit() and int(f.key) in r_years:
            ok = True  # "2016" kept as the year of a date
        elif f.kind == "number" and f.key.isdigit() and any(d[2] == int(f.key) for d in r_dates) and any(
                d[2] == int(f.key) for d in o_dates):
            ok = True
        else:
            ok = (f.kind, f.key) in r_keys
        if not ok and f.kind == "term" and rewrite_text is not None:
            ok = _has_word(rewrite_text, f.text)
        if not ok:
            check.missing.append(f)
    for f in r:
        if f.kind == "date":
            ok = _date_in(f.key, o_dates, o_years)
        elif f.kind == "number" and f.key.isdigit() and int(f.key) in o_years:
            ok = True
        else:
            ok = (f.kind, f.key) in o_keys
        if not ok and f.kind == "term" and original_text is not None:
            ok = _has_word(original_text, f.text)
        if not ok:
            check.added.append(f)
    return check


def check_facts(original: str, rewrite: str, names: NameBook | None = None, *, same_language: bool = True,
                ignore: frozenset[tuple[str, object]] = frozenset()) -> FactCheck:
    """Does `rewrite` keep every fact of `original` and add none? (see the module doc for what a fact is)"""
    return compare(extract_facts(original, names), extract_facts(rewrite, names), same_language=same_language,
                   ignore=ignore, original_text=original, rewrite_text=rewrite)
