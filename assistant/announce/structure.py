"""The offline restructuring: an announcement laid out as a headline, labelled fact lines and the author's own
words, without a language model and without inventing anything.

1. Segment: lines (repeated lines once; "1）… 2）…" made a list, by the clean-up), sentences, and clauses at
   commas, at "before <date>" and at " and " between two clauses that carry different facts.
2. Classify each clause into a slot - when, where, cost, who to pay, capacity, deadline, sign-up, contact, who
   is invited, programme - by its own label ("时间：", "Where:", "Ort:", "Lieu :", "المكان:", "स्थान:"), else by
   cue words per language and by the facts it holds (`assistant.announce.facts`; dates in fr/de/ar/hi found
   with dateparser). Clauses with a condition ("if it rains…") stay free text. Capacity ("room for 80",
   "限 30 人") is Places, a payee ("转给 X", "überweisen an X") its own line, even inside a labelled line.
2b. Events: a clause holding a date phrase (the checker's date/weekday/time spans, dateparser's and month
   names, joined across "from", "um", "à", "को शाम"...) and a place (after "at", "im", "au", "dans", "في", 在…,
   or before "में") is cut into When and Where. Two dated clauses with different dates are not one When: the
   one with a time or a place is the event, the other stays free text. When the only date is the headline's,
   its date phrase becomes the When line (the headline cut to the words before it when only "is" follows).
3. Lay out: the greeting, a one-line headline (the first clause that is no fact), the facts as labelled lines in
   a fixed order (each value is the author's clause as written, minus its old label or a label of the same
   slot: "报名链接：", "मुझसे संपर्क:", "à payer à"), then the rest of the text
   - the author's own words, closing included - verbatim. A repeated clause and a link given twice appear once.

A second language offline: the labels are in that language, the values (dates, numbers, links, names) are as
written and the free text stays in the original, with a note saying so. Nothing is translated by guessing.

The result is checked with the fact checker like any rewrite; `rewrite.py` falls back to the plain clean-up
when the layout would lose or add a fact.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from assistant.announce.channels import Channel
from assistant.announce.facts import URL, NameBook, extract_facts
from assistant.text.scripts import HAN

SLOTS = ("when", "where", "agenda", "who", "cost", "pay_to", "capacity", "signup", "deadline", "contact")

LABELS: dict[str, dict[str, str]] = {
    "en": {"when": "When", "where": "Where", "cost": "Cost", "pay_to": "Pay to", "capacity": "Places",
           "deadline": "Deadline", "signup": "Sign up", "contact": "Contact", "who": "Who", "agenda": "Programme"},
    "zh": {"when": "时间", "where": "地点", "cost": "费用", "pay_to": "付款", "capacity": "名额", "deadline": "截止",
           "signup": "报名", "contact": "联系", "who": "对象", "agenda": "内容"},
    "fr": {"when": "Quand", "where": "Lieu", "cost": "Prix", "pay_to": "Paiement à", "capacity": "Places",
           "deadline": "Date limite", "signup": "Inscription", "contact": "Contact", "who": "Pour qui",
           "agenda": "Programme"},
    "de": {"when": "Wann", "where": "Wo", "cost": "Kosten", "pay_to": "Zahlung an", "capacity": "Plätze",
           "deadline": "Anmeldeschluss", "signup": "Anmeldung", "contact": "Kontakt", "who": "Für wen",
           "agenda": "Programm"},
    "ar": {"when": "الموعد", "where": "المكان", "cost": "التكلفة", "pay_to": "الدفع إلى", "capacity": "المقاعد",
           "deadline": "آخر موعد", "signup": "التسجيل", "contact": "للتواصل", "who": "المدعوون", "agenda": "البرنامج"},
    "hi": {"when": "कब", "where": "कहाँ", "cost": "शुल्क", "pay_to": "भुगतान", "capacity": "सीटें",
           "deadline": "अंतिम तिथि", "signup": "पंजीकरण", "contact": "संपर्क", "who": "किसके लिए", "agenda": "कार्यक्रम"},
}
EMOJI = {"when": "🕐", "where": "📍", "cost": "💰", "pay_to": "💳", "capacity": "👥", "deadline": "⏳", "signup": "📝",
         "contact": "📞", "who": "🙋", "agenda": "📋"}
NOTE_UNTRANSLATED = {
    "en": "labels and facts in English; the free text stays in {src} (no language model to translate it)",
    "zh": "标签和事实为中文；其余文字保留{src}原文（没有语言模型可翻译）",
    "fr": "libellés et faits en français ; le texte libre reste en {src} (pas de modèle de langue pour le traduire)",
    "de": "Beschriftungen und Fakten auf Deutsch; der freie Text bleibt auf {src} (kein Sprachmodell zum Übersetzen)",
    "ar": "العناوين والحقائق بالعربية؛ يبقى النص الحر بلغته الأصلية ({src}) لعدم وجود نموذج لغوي للترجمة",
    "hi": "लेबल और तथ्य हिन्दी में; बाकी पाठ मूल भाषा ({src}) में है (अनुवाद के लिए कोई भाषा मॉडल नहीं)",
}

# Labels an author may already have written, per slot (any language): "时间：", "Date:", "Treffpunkt:" ...
_LABEL_WORDS = {
    "when": r"时间|日期|時間|when|date|time|day|wann|datum|zeit|uhrzeit|termin|quand|heure|le quand|التاريخ|الوقت|"
            r"الموعد|الزمان|متى|कब|तारीख|दिनांक|समय|दिन",
    "where": r"地点|地址|地點|集合地点|集合|位置|where|venue|location|place|address|meeting point|wo|ort|treffpunkt|"
             r"adresse|lieu|où|rendez-vous|المكان|العنوان|مكان|أين|कहाँ|कहां|स्थान|जगह|पता",
    "cost": r"费用|價格|价格|人均|收费|cost|price|fee|fees|ticket|tickets|kosten|preis|beitrag|prix|tarif|coût|"
            r"participation|التكلفة|الرسوم|السعر|التكاليف|शुल्क|खर्च|कीमत|फीस",
    "pay_to": r"付款|转账|收款|转给|pay to|payment|payments|zahlung|überweisung|paiement|virement|الدفع|التحويل|भुगतान",
    "capacity": r"名额|人数|限额|places|spots|seats|capacity|plätze|teilnehmer|المقاعد|العدد|सीटें|स्थान सीमित",
    "deadline": r"截止|截止时间|截止日期|报名截止|deadline|rsvp by|anmeldeschluss|frist|date limite|"
                r"آخر موعد|الموعد النهائي|अंतिम तिथि|आखिरी तारीख",
    "signup": r"报名|报名表|报名方式|接龙|sign[ -]?up|register|registration|rsvp|tickets? at|anmeldung|anmelden|"
              r"inscription|inscriptions|s'inscrire|التسجيل|للتسجيل|पंजीकरण|रजिस्ट्रेशन",
    "contact": r"联系|联系人|联系方式|咨询|contact|questions|kontakt|fragen|renseignements|للتواصل|التواصل|"
               r"للاستفسار|संपर्क",
    "who": r"对象|参加对象|欢迎|who|open to|for whom|für wen|wer|pour qui|public|المدعوون|الدعوة|किसके लिए|कौन",
    "agenda": r"主题|议程|内容|安排|流程|嘉宾|分享嘉宾|讲者|agenda|programme|program|schedule|topics?|talks?|speakers?|"
              r"programm|ablauf|referent(?:en|in)?|intervenants?|المتحدث|المتحدثون|वक्ता|"
              r"ordre du jour|البرنامج|جدول الأعمال|कार्यक्रम|एजेंडा",
}
_LABEL = {slot: re.compile(rf"^\s*(?:[^\w\s@＠]\s*)?(?:{words})(?:\s*[:：]\s*|\s+(?=[\d¥￥€$£₹]))", re.I)
          for slot, words in _LABEL_WORDS.items()}
_ANY_LABEL = re.compile(rf"^\s*(?:[^\w\s@＠]\s*)?(?:{'|'.join(_LABEL_WORDS.values())})\s*[:：]\s*$", re.I)

# Cue words inside an unlabelled clause.
_CUES = {
    "condition": r"如果|若|万一|如遇|下雨|\bif\b|\bin case\b|\bunless\b|\bwenn\b|\bfalls\b|\bsi\b|\bs'il\b|"
                 r"إذا|إن |في حال|अगर|यदि",
    "deadline": r"截止|之前|以前|前报名|(?<=[日号])前|\bbefore\b|\bby\b|\buntil\b|\bno later than\b|\bbis\b|\bvor dem\b|"
                r"\bspätestens\b|\bavant\b|\bjusqu'au\b|\bau plus tard\b|قبل|حتى|तक|से पहले",
    "signup": r"报名|接龙|登记|sign[ -]?up|\bregister|\brsvp\b|\bjoin the list\b|anmeld|\binscri|سجل|التسجيل|"
              r"للتسجيل|पंजीकरण|रजिस्टर|नाम लिखवा",
    "pay_to": r"转给|转账给|付给|交给|\bpay (?:to )?[A-Z@]|\bsend (?:the )?money\b|\bvenmo\b|\bpaypal\b|\btwint\b|"
              r"überweis|\bzahl(?:t|en) an\b|\bvirement\b|\bpayer à\b|\blydia\b|حوّل|تحويل|ادفع|भुगतान|पेटीएम|\bUPI\b",
    "capacity": r"名额|限\s*\d+\s*[人名位]|限额|最多\s*\d+\s*人|\bplaces?\b(?! to)|\bspots?\b|\bseats?\b|\bcapacity\b|"
                r"\bmax(?:imum)?\b|\broom for\b|\bspace for\b|\bup to \d+ (?:people|guests|participants)\b|"
                r"\blimited to\b|\bPlätze\b|\bTeilnehmer\b|\bbegrenzt\b|\bplaces limitées\b|\blimitée?s? à\b|"
                r"مقاعد|مقعد|محدود|सीटें|सीमित",
    "cost": r"[¥￥€$£₹]|\d\s*(?:元|块|欧|美元|euros?|EUR|USD|dollars?|rupees?|Rs\.?|रुपये|रु\.?|درهم|ريال|"
            r"جنيه|دولار)|\bAA\b|\bRs\.?\s*\d|费用|免费|人均|\bfree\b|\bcosts?\b|\bkostenlos\b|\bgratuit\b|"
            r"\bgratis\b|مجان|مجاني|निःशुल्क|मुफ्त|शुल्क",
    "contact": r"联系|咨询|\bcontact\b|\bquestions?\b|\breach (?:me|us)\b|\bcall\b|\bkontakt|\bFragen\b|"
               r"\bcontactez|\bcontacter\b|للتواصل|اتصل|للاستفسار|संपर्क|कॉल",
    "who": r"欢迎|家属|带上|均可参加|\beveryone (?:is )?welcome\b|\bopen to\b|\bfamilies\b|\bpartners?\b|"
           r"\bplus[- ]ones?\b|\bwillkommen\b|\boffen für\b|\bbienvenu|\bouvert à\b|مرحب|مدعو|आमंत्रित|स्वागत",
    "where": r"地点|在.{1,20}(?:见|集合|举行|举办|开)|地铁|出口|餐厅|酒店|咖啡馆|会议室|大厦|路\d*号|\bat the\b|"
             r"\bvenue\b|\baddress\b|\bexit\b|\bstation\b|\bfloor\b|\broom\b|\bstreet\b|\bbei\b|\bim\b|"
             r"\bTreffpunkt\b|\bStraße\b|\bstr\.|\bAusgang\b|\bchez\b|\bau\b|\bà la\b|\brue\b|\bsortie\b|"
             r"\bmétro\b|\bsalle\b|في مطعم|في قاعة|في فندق|في مقهى|مطعم|قاعة|فندق|شارع|مخرج|रेस्टोरेंट|होटल|"
             r"हॉल|सड़क|मार्ग|स्टेशन|गेट|में मिल",
}
_CUE = {k: re.compile(v, re.I) for k, v in _CUES.items()}
_GREETING = re.compile(r"^(?:hi|hello|hey|dear)(?: (?:all|everyone|everybody|folks|team|friends|guys))?|^大家好|"
                       r"^各位(?:好|同学|朋友|老同学)?|^亲爱的[^,，!！]{0,8}|^hallo(?: zusammen| alle| ihr lieben)?|^liebe [^,!]{0,30}|"
                       r"^bonjour(?: à tous| tout le monde)?|^salut(?: à tous| tout le monde)?|^chers [^,!]{0,30}|"
                       r"^السلام عليكم(?: جميع[اً]+| جميعا)?|^مرحبا(?: بالجميع)?|^أهلا|"
                       r"^(?:सभी को |आप सभी को )?(?:नमस्ते|नमस्कार)(?: सभी को| दोस्तों)?",
                       re.I)
_TAG = re.compile(r"^\s*(?:【[^】]{1,8}】|\[[^\]]{1,12}\]|📢|📣|🔔)\s*")
_LEAD_MENTIONS = re.compile(r"^\s*((?:[@＠][^\s@＠,，:：]+\s*)+)")
_CONNECTIVE = re.compile(r"^(?:(?:and|so|also|then|plus|und|dann|et|puis|aussi|و|और|然后|另外|还有|并且|而且)\s+|و(?=ال))",
                         re.I)
_TIME_EXTRA = re.compile(r"\d{1,2}\s?h(?:\s?\d{2})?\b|\d{1,2}\s?Uhr\b|الساعة\s*\d|\d\s*बजे|बजे", re.I)
_WEEKDAY_EXTRA = re.compile(
    r"\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|"
    r"samstag|sonntag)\b|الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|الأحد|सोमवार|मंगलवार|बुधवार|गुरुवार|"
    r"शुक्रवार|शनिवार|रविवार", re.I)
# a full stop ends a sentence, not "9. April", "Str. 8", "e.g. this"
_SENTENCE = re.compile(r".+?(?:[。！？!?～]+[”’」』）)\"']*|(?<!\d)(?<!\b[A-Za-z])(?<!Str)(?<!Nr)(?<!St)(?<!ca)(?<!bzw)"
                       r"\.(?=\s+[A-ZÄÖÜÉÈ\"„(«]|\s*$)|$)", re.S)
_CJK = re.compile(f"[{HAN}]")
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}\.|[•\-–·])\s+")


@lru_cache(maxsize=1)
def _search_dates():
    try:
        from dateparser.search import search_dates
    except ImportError:  # dateparser is optional: the fact checker alone still finds en/zh dates
        return None
    return search_dates


def _dateparser_dates(text: str, lang: str) -> list[str]:
    """Date phrases dateparser finds in fr/de/ar/hi text (en and zh are the fact checker's); only phrases with
    a digit, which keeps dateparser's loose matches ("on", "now") out."""
    search = _search_dates() if lang in ("fr", "de", "ar", "hi") and re.search(r"\d", text) else None
    if search is None:
        return []
    try:
        found = search(text, languages=[lang], settings={"RELATIVE_BASE": datetime(2000, 1, 1),
                                                          "PREFER_DATES_FROM": "future"}) or []
    except Exception:  # dateparser raises on odd input; a date it cannot read is simply not used
        return []
    return [s for s, _ in found if re.search(r"\d", s) and len(s.strip()) >= 3]


# --- the date phrase of a clause, and a clause cut into when and where ---------------------------------------

_MONTH_EXTRA = re.compile(
    r"\b(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|januar|februar|"
    r"märz|april|juni|juli|august|oktober|dezember)\b|يناير|فبراير|مارس|أبريل|إبريل|مايو|يونيو|يوليو|أغسطس|"
    r"سبتمبر|أكتوبر|نوفمبر|ديسمبر|जनवरी|फ़रवरी|फरवरी|मार्च|अप्रैल|मई|जून|जुलाई|अगस्त|सितंबर|सितम्बर|अक्टूबर|"
    r"नवंबर|नवम्बर|दिसंबर|दिसम्बर", re.I)
# words that may sit between the parts of one date phrase: "Saturday 14 June from 6:30 pm", "am Freitag, 25. April
# um 16 Uhr", "शनिवार 8 नवंबर 2025 को शाम 7 बजे", "السبت 20 سبتمبر 2025 الساعة 7 مساءً"
_GAP = re.compile(r"^[\s,，、（）()/\-–.]*(?:(?:from|at|on|the|of|um|ab|am|à|le|de|dès|à partir de|من|الساعة|को|"
                  r"शाम|सुबह|दोपहर|रात)[\s,，]*){0,2}[\s,，、（）()/\-–]*$", re.I)
_TIME_TAIL = re.compile(r"^\s*(?:[ap]\.?m\.?|uhr|h\b|مساءً|مساء|صباحاً|صباحا|ظهراً|बजे|से(?=\s))", re.I)
_TIME_HEAD = re.compile(r"(?:शाम|सुबह|दोपहर|रात|الساعة)\s*$")
# the preposition that opens a place after the date phrase ("at The Old Boathouse", "im Gasthaus", "au restaurant",
# "dans la cour", "في قاعة"); Hindi ends a place with "में", Chinese opens it with 在 and closes it with a verb
_PLACE_OPEN = re.compile(r"^[\s,，]*(?:at|in (?:der|die|das|den)|in(?= (?:the|a|an)\b|(?-i: [A-Z]))|inside|im|ins|beim|"
                         r"au|aux|à la|à l['’]|dans(?: la| le| les| l['’])?|chez|في)\s+", re.I)
_PLACE_ZH = re.compile(r"^[\s，,]*在(.{2,24}?)(?=办|举行|举办|见|集合|开|请|吃|聚|碰头|喝|[，,。！!]|$)")
_PLACE_HI = re.compile(r"^[\s,]*(\S.{1,40}?)\s+में(?=\s|[।!.,]|$)")
_DE_PARTICLE = re.compile(r"\s+(ein|an|mit|statt|vorbei|zusammen)([.!]?)\s*$")
# what may stand before a date phrase and say nothing the date does not ("It's on", "Rendez-vous le")
_LEAD_FILLER = re.compile(r"^(?:it['’]s|it is|it will be|this is|that['’]s|we meet|c['’]est|ce sera|rendez-vous|"
                          r"on se retrouve|es ist|wir treffen uns|treffpunkt ist)?[\s,]*"
                          r"(?:on|at|am|um|le|la|les|à|يوم|في)?\s*$", re.I)
# a date phrase's dangling neighbours in a headline cut around it: "Unser nächstes Python-Treffen ist am"
_HEAD_TAIL = re.compile(r"(?:\s+(?:is|are|will be|is on|on|ist|am|sind|est|sera|le|aura lieu|يوم|في|है|को))+\s*$"
                        r"|(?:将于|定于|于|在|是)+\s*$", re.I)


_COPULA = re.compile(r"(?:^|\s)(?:है|हैं|ist|is|est)(?=\W|$)")


def _spans(text: str, lang: str, names: NameBook | None) -> list[tuple[int, int, bool]]:
    """(start, end, is a date) of every date, weekday and time in the clause."""
    out: list[tuple[int, int, bool]] = []
    for f in extract_facts(text, names):
        if f.kind in ("date", "time", "weekday") and f.text:
            for m in re.finditer(re.escape(f.text), text):
                out.append((m.start(), m.end(), f.kind == "date"))
    for pattern, is_date in ((_TIME_EXTRA, False), (_WEEKDAY_EXTRA, False)):
        out.extend((m.start(), m.end(), is_date) for m in pattern.finditer(text))
    if lang in ("fr", "de", "ar", "hi"):  # "31 ديسمبر 2025", "25. April", "1er mai": dateparser misses some
        m_ = _MONTH_EXTRA.pattern
        for m in re.finditer(rf"\d{{1,2}}(?:\.|er)?\s*(?:{m_})(?:\s+\d{{4}})?|(?:{m_})\s+\d{{1,4}}", text, re.I):
            out.append((m.start(), m.end(), True))
    for phrase in _dateparser_dates(text, lang):
        # dateparser's phrase, cut to its words with a digit, a month or a weekday ("dans", "in die" are not)
        toks = list(re.finditer(r"\S+", phrase))
        keep = [t for t in toks if re.search(r"\d", t.group()) or _MONTH_EXTRA.search(t.group())
                or _WEEKDAY_EXTRA.search(t.group())]
        if not keep:
            continue
        core = phrase[keep[0].start():keep[-1].end()].rstrip(",.،")
        for m in re.finditer(re.escape(core), text):
            out.append((m.start(), m.end(), bool(_MONTH_EXTRA.search(core) or re.search(r"\d[./]\d", core))))
    return sorted(out)


def date_phrase(text: str, lang: str, names: NameBook | None = None) -> tuple[int, int] | None:
    """(start, end) of the date phrase of a clause - the date, its weekday and its time as one span, found with
    the fact checker's spans and dateparser - or None. With two date phrases, the one with a date (then the
    first) is taken."""
    spans = _spans(text, lang, names)
    if not spans:
        return None
    groups: list[list] = []
    for s, e, is_date in spans:
        if groups and (s < groups[-1][1] or _GAP.match(text[groups[-1][1]:s])):
            g = groups[-1]
            g[1], g[2] = max(g[1], e), g[2] or is_date
        else:
            groups.append([s, e, is_date])
    s, e, _ = next((g for g in groups if g[2]), groups[0])
    m = _TIME_TAIL.match(text[e:])
    if m:
        e += m.end()
    m = _TIME_HEAD.search(text[:s])
    if m:
        s = m.start()
    opened = sum(text[s:e].count(c) for c in "（(") - sum(text[s:e].count(c) for c in "）)")
    if opened > 0 and text[e:e + 1] in ("）", ")"):
        e += 1  # "6月28日（周日" closes its bracket
    return s, e


@dataclass
class EventCut:
    before: str  # the words before the date phrase
    date: str
    after: str  # the words after it that are not the place
    place: str  # "" when the clause names none


def cut_event(text: str, lang: str, names: NameBook | None = None) -> EventCut | None:
    """A clause around its date phrase: what comes before, the date phrase, the place after it (opened by a
    place preposition: "at", "im", "au", "dans", "في", 在…; or closed by "में") and what is left."""
    span = date_phrase(text, lang, names)
    if span is None:
        return None
    s, e = span
    before, date, after = text[:s], text[s:e], text[e:]
    place, rest = "", after
    if lang == "zh":
        m = _PLACE_ZH.match(after)
        if m:
            place, rest = m.group(1), after[m.end():]
    elif lang == "hi":
        m = _PLACE_HI.match(after)
        if m and not re.search(r"\d", m.group(1)):
            place, rest = m.group(1), after[m.end():]
    if not place:
        m = _PLACE_OPEN.match(after)
        if m and re.search(r"\w", after[m.end():]):
            place, rest = after[m.end():], ""
            p = _DE_PARTICLE.search(place) if lang == "de" else None
            if p:
                place, rest = place[:p.start()] + p.group(2), " " + p.group(1) + p.group(2)
    place = place.strip().rstrip("，,、；;").strip()
    return EventCut(before, date, rest, _cap(place) if place else "")


def _when_value(cut: EventCut, lang: str) -> str:
    """The When value of a cut clause: its own words, less the place, less an empty opening ("It's on")."""
    before = "" if _LEAD_FILLER.match(cut.before) else cut.before
    rest = cut.after if re.search(r"\w", _COPULA.sub(" ", cut.after)) else ""
    joined = before + cut.date + (rest.rstrip("，,、；;。.") if rest else "")
    return _cap(_CONNECTIVE.sub("", re.sub(r"\s{2,}", " ", joined).strip()))


@dataclass
class Clause:
    text: str
    line: int  # index of the source line: free text is put back together per line
    slot: str | None = None
    value: str = ""
    labelled: bool = False


@dataclass
class Structured:
    lang: str
    mentions: str  # "@所有人" and other mentions that opened the announcement
    greeting: str
    headline: str
    facts: list[tuple[str, str]]  # (slot, value) in SLOTS order
    rest: list[str]  # the author's own lines, verbatim (closing included)
    clauses: list[Clause] = field(default_factory=list)

    def slots(self) -> list[str]:
        return [s for s, _ in self.facts]


def _kinds(text: str, names: NameBook | None, lang: str) -> set[str]:
    kinds = {f.kind for f in extract_facts(text, names)}
    if _TIME_EXTRA.search(text):
        kinds.add("time")
    if _WEEKDAY_EXTRA.search(text):
        kinds.add("weekday")
    if lang in ("fr", "de", "ar", "hi") and "date" not in kinds and _dateparser_dates(text, lang):
        kinds.add("date")
    return kinds


def classify(text: str, lang: str, names: NameBook | None = None) -> tuple[str | None, str, bool]:
    """(slot or None, value, whether the author labelled it) of one clause."""
    for slot, pattern in _LABEL.items():
        m = pattern.match(text)
        if m and text[m.end():].strip():
            return slot, text[m.end():].strip(), True
    value = _CONNECTIVE.sub("", text.strip())
    if value[:1].islower():
        value = value[0].upper() + value[1:]
    kinds = _kinds(text, names, lang)
    dated = bool(kinds & {"date", "weekday", "time"})
    if _CUE["condition"].search(text):
        return None, value, False
    if _CUE["pay_to"].search(text) and "url" not in kinds:  # "überweisen an Anna bis 30. September": the payee
        return "pay_to", value, False
    if dated and _CUE["deadline"].search(text) and not _CUE["where"].search(text):
        return "deadline", value, False
    if "url" in kinds and not _CUE["cost"].search(text) or _CUE["signup"].search(text):
        return "signup", value, False
    if _CUE["cost"].search(text):
        return "cost", value, False
    if _CUE["capacity"].search(text) and "number" in kinds:
        return "capacity", value, False
    if kinds & {"phone", "email"} or (_CUE["contact"].search(text) and (
            kinds & {"name", "mention"} or len(re.sub(r"\D", "", text)) >= 8)):
        return "contact", value, False
    if _CUE["where"].search(text) and not (dated and len(text) < 12):
        return "where", value, False
    if dated:
        return "when", value, False
    if _CUE["who"].search(text):
        return "who", value, False
    return None, text.strip(), False


def _dates(text: str, lang: str, names: NameBook | None) -> set[tuple[int, int]]:
    """(month, day) of the dates of a clause: the fact checker's, and dateparser's for fr/de/ar/hi."""
    out = {(f.key[1], f.key[2]) for f in extract_facts(text, names) if f.kind == "date" and f.key[2]}
    search = _search_dates() if lang in ("fr", "de", "ar", "hi") and re.search(r"\d", text) else None
    if search is not None and not out:
        try:
            found = search(text, languages=[lang], settings={"RELATIVE_BASE": datetime(2000, 1, 1)}) or []
        except Exception:
            found = []
        out = {(d.month, d.day) for phrase, d in found
               if re.search(r"\d", phrase) and _MONTH_EXTRA.search(phrase) or re.search(r"\d[./]\d", phrase)}
    return out


def _one_event(clauses: list[Clause], lang: str, names: NameBook | None) -> None:
    """Two events are not one When line: of the dated when/where clauses with different dates, the one with
    a time or a place (else the first) is the event; the other dates ("I start on 1 July") stay free text."""
    dated = [(c, _dates(c.value, lang, names)) for c in clauses if c.slot in ("when", "where")]
    dated = [(c, d) for c, d in dated if d]
    if len({frozenset(d) for _, d in dated}) < 2:
        return

    def score(c: Clause) -> int:
        cut = cut_event(c.value, lang, names)
        kinds = _kinds(c.value, names, lang)
        return ("time" in kinds) + bool(cut and cut.place) + (c.slot == "where")

    best = max(dated, key=lambda cd: score(cd[0]))  # max keeps the first of equals
    for c, d in dated:
        if d != best[1] and not c.labelled:
            c.slot, c.value = None, c.text


def _cut_events(clauses: list[Clause], lang: str, names: NameBook | None) -> list[Clause]:
    """A when or where clause that holds both a date phrase and a place is cut in two: the date (with the
    author's words around it) under When, the place under Where."""
    out: list[Clause] = []
    for c in clauses:
        out.append(c)
        if c.slot not in ("when", "where") or "\n" in c.value:
            continue
        cut = cut_event(c.value, lang, names)
        if cut is None or not cut.place:
            continue
        c.slot, c.value = "when", _when_value(cut, lang)
        out.append(Clause(cut.place, c.line, "where", cut.place, c.labelled))
    return out


def _headline_event(headline: str, head: Clause, clauses: list[Clause], lang: str,
                    names: NameBook | None) -> str:
    """An announcement whose only date is in its headline still gets a When line: the date phrase (and the
    place) become labelled lines, and the headline keeps its own words - cut to what comes before the date
    when nothing but a verb like "is" follows it ("Unser nächstes Python-Treffen ist am …" is the headline
    "Unser nächstes Python-Treffen"), whole otherwise ("本群将于2025年12月31日解散")."""
    cut = cut_event(headline, lang, names)
    if cut is None or not re.search(r"\d", cut.date):  # "Hike on Saturday!" says no more under When
        return headline
    clauses.append(Clause(cut.date, head.line, "when", _cap(cut.date)))
    lead = _HEAD_TAIL.sub("", cut.before).strip().rstrip("，,:：、،")
    words = len(lead) if _CJK.search(lead) else len(lead.split())
    tail_empty = not re.search(r"\w", _COPULA.sub(" ", cut.after))
    has_where = any(c.slot == "where" for c in clauses)
    if tail_empty and words >= (4 if _CJK.search(lead) else 2) and (cut.place or not re.search(r"\d", cut.after)):
        if cut.place:
            clauses.append(Clause(cut.place, head.line, "where", cut.place))
        return _cap(lead)
    if cut.place and not has_where:
        clauses.append(Clause(cut.place, head.line, "where", cut.place))
    return headline


def _split_clauses(sentence: str, lang: str, names: NameBook | None) -> list[str]:
    """A sentence cut at commas, at "before <date>" and at " and " where the pieces carry different slots;
    neighbouring pieces of the same slot (or of none) are put back together as written."""
    if len(sentence) < 14:
        return [sentence]
    pieces = re.split(r"(?<=[，；;])(?!\s*\d)|(?<=,)(?=\s(?!\d))|(?<=、)(?=\S{6})|(?<=\S)(?=\sو(?=ال)\S*\s)",
                      sentence)
    if _LABEL_SPLIT.match(sentence):
        # an author's labelled line stays whole, but for a piece that is plainly another slot's: "费用：AA，
        # 每人280元，转给班长李伟" gives the payee its own line
        own = classify(sentence, lang, names)[0]
        out_: list[str] = []
        for p in pieces:
            slot = classify(_trim(p), lang, names)[0] if out_ else None
            if slot in _SPLIT_OFF and slot != own:
                out_.append(p)
            elif out_:
                out_[-1] += p
            else:
                out_.append(p)
        return out_
    finer: list[str] = []
    for p in pieces:
        finer.extend(re.split(r"(?=\s(?:before|by|until|avant|jusqu'au|bis|vor dem)\s+(?:\S+\s+){0,2}\S*\d)|"
                              r"(?<=\S)\s+(?=and (?:we |it |then |meet|the ))|(?<=\S)(?=\s?[（(](?!\d)[^）)]{4,}[）)])", p))
    finer = [p for p in finer if p.strip()]
    if len(finer) == 1:
        return finer
    out: list[list] = []
    for p in finer:
        slot = classify(p.strip().rstrip("，,；;、"), lang, names)[0]
        if out and (slot == out[-1][1] or _RELATIVE.match(p) or (
                out[-1][1] == "where" and slot is None and _ADDRESS_PART.match(p.strip()))):
            out[-1][0] += p  # the same slot, "which covers dinner", or the rest of an address ("Paris 6e")
        else:
            out.append([p, slot])
    return [p for p, _ in out]


_SPLIT_OFF = {"pay_to", "capacity", "deadline"}
# a piece that only goes on with the one before it: a relative clause, or a short address part after a place
_RELATIVE = re.compile(r"^[\s,，]*(?:which|who|that|qui|que|dont|der|die|das|welche[rs]?|जो|जिसमें|الذي|التي)\s", re.I)
_ADDRESS_PART = re.compile(r"^[\s,，]*(?=\d|[A-ZÄÖÜÉ]|[^\x00-\u024f])\S+(?:\s+\S+){0,2}$")
_LABEL_SPLIT = re.compile(r"^\s*(?:[^\w\s@＠]\s*)?[\w\u0900-\u097f\u0600-\u06ff]{1,12}\s*[:：]")


def _cap(s: str) -> str:
    s = s.strip()
    return s[0].upper() + s[1:] if s[:1].islower() else s


# the words that say "pay to" before a payee: under the label "Pay to" they would say it twice
_PAYEE_VERB = re.compile(r"^(?:please |bitte )?(?:pay(?:ment)? to|pay|send (?:the )?money to|à payer à|payer à|"
                         r"paiement à|virement à|(?:zu )?überweisen an|zahl(?:t|en|ung) an|转给|转账给|付给|交给|"
                         r"الدفع إلى|ادفع(?:وا)? إلى|حوّلوا إلى|تحويل إلى)\s*", re.I)


def _strip_own_label(value: str, slot: str, lang: str) -> str:
    """A value does not repeat its label: '名额 30 人' under 名额 is '30 人', '报名链接：https://…' under 报名 is the
    link, 'मुझसे संपर्क: …' under संपर्क is what follows, 'à payer à Camille' under 'Paiement à' is 'Camille';
    '(it costs €12 per person)' loses its brackets."""
    label = LABELS.get(lang, LABELS["en"])[slot]
    if value.casefold().startswith(label.casefold()) and len(value) > len(label) + 1:
        rest = value[len(label):]
        if rest[:1] in " :：" or (_CJK.search(label) and rest[:1].isdigit()):
            value = rest.lstrip(" :：")
    # an author's label for the same slot, a few words ending in a colon: "报名链接：", "Bleibt in Kontakt:"
    m = re.match(r"^([^:：\n]{1,24}?)\s*[:：](?!//)\s*(?=\S)", value)
    if m and (re.search(rf"(?:^|\b|(?<=[{HAN}]))(?:{_LABEL_WORDS[slot]})", m.group(1), re.I)
              or label.casefold() in m.group(1).casefold()):
        value = value[m.end():]
    if slot == "pay_to":
        m = _PAYEE_VERB.match(value)
        if m and re.search(r"\w", value[m.end():]):
            value = value[m.end():]
    m = re.fullmatch(r"[（(]([^（()）]+)[）)]([。.！!]?)", value.strip())
    if m:
        value = _cap(m.group(1))
    return value.strip()


def _trim(s: str) -> str:
    return s.strip().rstrip("，,；;、").strip()


def extract(text: str, lang: str, names: NameBook | None = None) -> Structured:
    """The structure of an announcement (see the module doc); `text` is the clean-up's output."""
    text = unicodedata.normalize("NFC", text)
    lines = [ln.strip() for ln in text.split("\n")]
    mentions = greeting = headline = ""
    clauses: list[Clause] = []
    seen: set[str] = set()
    for i, line in enumerate(lines):
        if not line:
            continue
        if not clauses and not headline and not mentions:
            m = _LEAD_MENTIONS.match(line)
            if m:
                mentions, line = m.group(1).strip(), line[m.end():].strip()
        if _LIST_ITEM.match(line):
            clauses.append(Clause(line, i))
            continue
        for sentence in _SENTENCE.findall(line):
            if not sentence.strip():
                continue
            for piece in _split_clauses(sentence.strip(), lang, names):
                key = _trim(piece).casefold()
                if not key or key in seen:
                    continue  # a repeated clause appears once
                seen.add(key)
                clauses.append(Clause(_trim(piece) if piece.rstrip()[-1:] in "，,；;、" else piece.strip(), i))
    for c in clauses:
        if _LIST_ITEM.match(c.text):
            continue
        c.slot, c.value, c.labelled = classify(c.text, lang, names)
    # a label standing alone ("主题：") takes the list that follows it
    for j, c in enumerate(clauses):
        if c.slot is None and _ANY_LABEL.match(c.text):
            items = []
            for d in clauses[j + 1:]:
                if not _LIST_ITEM.match(d.text):
                    break
                items.append(d)
            if items:
                slot = next(s for s, p in _LABEL.items() if p.match(c.text + " x"))
                c.slot, c.value, c.labelled = slot, "\n".join(d.text for d in items), True
                for d in items:
                    d.slot, d.value = "_taken", ""
    # greeting and headline: "Hi all," opens; the first clause the author did not label is the headline
    body = [c for c in clauses if c.slot != "_taken" and not _LIST_ITEM.match(c.text)]
    if body and not body[0].labelled:
        first = body[0]
        g = _GREETING.match(_TAG.sub("", first.text))
        if g:
            after = _TAG.sub("", first.text)[g.end():]
            m = re.match(r"^\s*[,，!！:：、،]\s*", after)
            if not after.strip() or (m and not after[m.end():].strip()):  # "Bonjour à tous !" alone
                greeting, first.slot = first.text, "_greeting"
                body = body[1:]
            elif m:
                greeting = _TAG.sub("", first.text)[: g.end()] + m.group(0).strip()
                first.text = _cap(after[m.end():])
    head_clause = None
    if body and not body[0].labelled:
        headline = _cap(_TAG.sub("", body[0].text))
        head_clause, body[0].slot = body[0], "_headline"
    _one_event(clauses, lang, names)
    clauses = _cut_events(clauses, lang, names)
    if head_clause is not None and not any(c.slot == "when" for c in clauses):
        headline = _headline_event(headline, head_clause, clauses, lang, names)
    facts: list[tuple[str, str]] = []
    links: set[str] = set()
    for slot in SLOTS:
        values = []
        for c in clauses:
            if c.slot != slot:
                continue
            value = _strip_own_label(c.value, slot, lang)
            for url in URL.findall(value):  # a link given twice appears once
                if url in links:
                    value = _trim(value.replace(url, ""))
                links.add(url)
            if value and value not in values:
                values.append(value)
        if values:
            joiner = "\n" if any("\n" in v for v in values) else ("；" if lang == "zh" else "; ")
            facts.append((slot, joiner.join(values)))
    rest_lines: dict[int, list[str]] = {}
    for c in clauses:
        if c.slot is None or (_LIST_ITEM.match(c.text) and c.slot is None):
            text_ = c.text
            for url in URL.findall(text_):
                if url in links:
                    text_ = _trim(text_.replace(url, ""))
                links.add(url)
            if text_:
                parts = rest_lines.setdefault(c.line, [])
                if parts or _CONNECTIVE.match(text_):  # a clause cut out of a sentence: it starts anew
                    text_ = _cap(_CONNECTIVE.sub("", text_))
                parts.append(text_)
    joiner = "" if lang == "zh" else " "
    rest = [joiner.join(parts) for _, parts in sorted(rest_lines.items())]
    if not headline and rest:
        headline = rest.pop(0)
    return Structured(lang, mentions, greeting, headline, facts, rest, clauses)


# --- layout ------------------------------------------------------------------------------------------------


def _label(slot: str, lang: str) -> str:
    return LABELS.get(lang, LABELS["en"])[slot]


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else (" : " if lang == "fr" else ": ")


def subject_line(headline: str, limit: int = 78) -> str:
    """An e-mail subject from the headline: no @mentions, no 【tags】, no trailing '!!', within `limit`."""
    s = re.sub(r"(?<![\w.+-])[@＠]\S+\s*", "", headline)
    s = _TAG.sub("", s).strip()
    s = re.sub(r"[！!～~]+$", "", s).strip() or headline.strip()
    if len(s) > limit:
        cut = s.rfind(" ", 0, limit - 1)
        s = (s[:cut] if cut > limit // 2 else s[: limit - 1]).rstrip(" ,，") + "…"
    return s


def layout(st: Structured, channel: Channel, lang: str | None = None) -> str:
    """The structure laid out for a channel, with labels in `lang` (default: the announcement's)."""
    lang = lang or st.lang
    colon = _colon(lang)
    mentions = st.mentions
    if channel.name in ("email", "linkedin"):
        mentions = ""  # @all means nothing there, and no one is notified by an @ in a post or an e-mail
    out: list[str] = []
    head = st.headline

    def clean_mentions(s: str) -> str:
        return re.sub(r"(?<![\w.+-])[@＠](?=[^\s@＠])", "", s) if channel.name == "email" else s

    if channel.name == "email":
        out.append(f"Subject: {subject_line(head or st.greeting or (st.rest[0] if st.rest else ''))}")
        out.append("")
        if head and subject_line(head) == re.sub(r"[！!～~。.]+$", "", head.strip()):
            head = ""  # the subject says it all
    top = " ".join(x for x in (mentions, st.greeting) if x)
    if top:
        out.append(clean_mentions(top))
    if head:
        if channel.markup == "whatsapp":
            out.append(f"*{head}*")
        elif channel.markup == "telegram":
            out.append(f"**{head}**")
        elif channel.name == "wechat":
            out.append(head if head.startswith("【") else f"【{head}】")
        else:
            out.append(clean_mentions(head))
    if out and out[-1]:
        out.append("")
    for slot, value in st.facts:
        label = _label(slot, lang)
        value = clean_mentions(value)
        if "\n" in value:
            value = "\n" + value
        if channel.markup == "whatsapp":
            line = f"*{label}*{colon}{value}"
        elif channel.markup == "telegram":
            line = f"**{label}**{colon}{value}"
        elif channel.name == "wechat":
            line = f"{EMOJI[slot]} {label}{colon}{value}"
        else:
            line = f"{label}{colon}{value}"
        out.append(line)
    if st.rest:
        if out and out[-1]:
            out.append("")
        out.extend(clean_mentions(r) for r in st.rest)
    return "\n".join(out).strip()


def labelled_slots(text: str, lang: str) -> list[str]:
    """The slots of the labelled lines in a laid-out text, in order (for tests and the eval's structure
    score): a line that starts (after an emoji or markup) with the language's label and its colon."""
    found = []
    labels = LABELS.get(lang, LABELS["en"])
    for line in text.splitlines():
        s = re.sub(r"^[^\w\u0600-\u06ff\u0900-\u097f]*", "", line).replace("*", "")
        for slot, label in labels.items():
            if re.match(rf"{re.escape(label)}\s*[:：]", s):
                found.append(slot)
                break
    return found
