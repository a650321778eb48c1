"""A few words that name what a message is about ("Kalymnos", "the Lake District cottage", "HSBC 老清算系统"),
so a draft can refer to a topic instead of pasting a cut-off quote.

- Chinese: jieba's TF-IDF keywords restricted to nouns (`jieba.analyse.extract_tags` with allowPOS), and the
  shortest span of the message that holds the best two of them.
- Latin script: proper-noun runs (capitalised words not at the start of a sentence, joined by "&", "-", "de",
  "of" ...; one common noun either side: "marathon de Paris", "Lake District cottage"), else the longest run
  of content words (RAKE: stopwords split the text into candidate phrases).
- Arabic, Devanagari: RAKE over small stopword lists; Latin proper nouns inside them win (a brand, a place).

Wishes, greetings and sign-offs are never a topic ("have a great weekend", "Viele Grüße", "Bonne année à
tous", "¡Feliz año!", "周末愉快", "शुभकामनाएं", "جمعة مباركة"): a clause that opens with one is dropped before
the phrases are looked for, and a phrase holding one is not a candidate; nor are bare superlatives
("Meilleur voyage", "best day").

`topic_phrase(text, lang, script=None, exclude=names)` -> the phrase (never one of the `exclude` names), or "" when nothing specific is there. With `script`
('Latn', 'Hani', 'Arab', 'Deva'), only a phrase in that script is returned (a draft in English can say
"Kalymnos" from a Hindi message, not "दो हफ़्ते").
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.text.scripts import HAN

_MONTHS_DAYS = set("""january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday januar februar märz april mai juni juli august september
oktober november dezember montag dienstag mittwoch donnerstag freitag samstag sonntag janvier février mars avril mai
juin juillet août septembre octobre novembre décembre lundi mardi mercredi jeudi vendredi samedi dimanche gennaio
febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre""".split())

_STOP = set("""a an the and or but if so to of in on at for from with by about as into over after before than then
i me my we our you your he she it its they them their this that these those is are was were be been being have has
had do does did will would can could should just really very too also still even not no yes yeah ok okay hey hi
hello thanks thank lol haha big news finally first last next new good great best day days week weeks month months
year years time one two three four five got get going go went come came make made let know think want like love
sure much many more most some any all every there here what when where who how why which i'm i’m i've i'll it's
that's im ive nervous amazing likewise let's lets stay touch again soon meet nice fun today tomorrow yesterday
same cool wow congrats happy birthday sad unfortunately here instead starts started starting opened finished
ever life dernière dernier semaine prochaine prochain soir matin ah oh eh euh bah ouais nan oups meilleur meilleure meilleurs pire best worst favourite favorite lovely
der die das den dem des ein eine einen einem einer und oder aber wenn dass ich du er sie es wir ihr mich dich mir
dir uns euch mein meine dein deine sein seine unser ist sind war waren hat habe hast haben wird werden kann im am
an auf aus bei mit nach von vor zu zum zur für über unter um noch schon jetzt erst mal ja nein nicht kein keine
auch nur sehr so wie was wer wo endlich gibt gerade heute morgen zwei drei vier fünf tag tage woche wochen jahr jahre fotos versprochen
le la les un une des du de d au aux et ou mais que qui je tu il elle on nous vous ils elles me te se mon ma mes ton
ta tes son sa ses notre votre est sont était été ai as a avons avez ont suis es sommes êtes fait en dans sur sous
pour par avec sans chez ce cet cette ces y ne pas plus très bien enfin aussi encore déjà tout tous toute à
il lo gli della dei delle del di da in con su per tra fra che chi e ed o ma non ho hai ha abbiamo sono sei è era un
uno una mio mia tuo tua suo sua nostro ci ti mi si sai anche molto poi già ancora
el los las unos unas del al y o pero que es son fue muy también ya mi tu su
""".split())

_AR_STOP = set("""في من على إلى الى عن مع هذا هذه ذلك تلك التي الذي هو هي أنا انا أنت انت نحن هم كان كانت يكون قد لقد
ما لا لم لن إن ان أن او أو ثم بعد قبل كل بعض عند حتى أخيراً اخيرا جداً جدا الآن الان اليوم أمس غدا القادم الماضي
الشهر الأسبوع السنة لكن و يا إنا انا تكلمنا خلينا نروح عم رح لازم تكون موجود بس كمان بلشوا يرجعوا
والزباين صار كان خلصت بلشت بدأت فتحت رجعنا رجعت""".split())

_HI_STOP = set("""में से पर को का की के है हैं था थी थे हो हूँ हूं रहा रही रहे गया गई गए और या लेकिन भी तो ही
यह वह ये वो मैं हम तुम आप मेरा मेरी मेरे हमारा हमारी हमारे तुम्हारा तुम्हारी आपका आपकी अगले पिछले महीने साल
दिन हफ़्ते हफ्ते कल आज अब नई नया नए बहुत सिर्फ़ सिर्फ शुरू कभी आइए बड़ी खबर ख़बर जा जाना कर करना मिलकर
हुआ कि हमने बात ली दी लिए वाला वाली वाले सुना वहाँ यहाँ अद्भुत कमाल बढ़िया लौटे आए गई फिर से चलें
अच्छा अच्छी लगा लगी एक वैसे गए मिल धन्यवाद बधाई मैंने लोग दिया दी ने हाँ हां वाह अब आखिरकार आख़िरकार
करने किया""".split())

# A clause that opens with a wish, a greeting or a sign-off (or is one): what it says is not a topic.
_FORMULA = re.compile(
    r"^\W*(i hope|hope\b|hoping|ich hoffe|hoffe\b|hoffentlich|j['’]espère|espérons|espero|ojalá|希望|但愿|"
    r"उम्मीद|आशा है|أتمنى|اتمنى|إن شاء الله|ان شاء الله|have an? (great|good|nice|lovely|wonderful|fantastic|fun|safe|relaxing|restful) \w+|happy \w+|merry \w+|"
    r"season['’]s greetings|best (regards|wishes)|kind regards|warm(est)? regards|regards|cheers|"
    r"take care|all the best|see you|talk soon|enjoy\b|good (luck|night|morning|evening)|"
    r"congrat\w*|(hi|hello|hey|dear) (all|everyone|everybody|folks|team|guys)|wishing (you|everyone|all)|"
    r"schönes? \w+ende|schönen \w+|viele grüße|liebe grüße|beste grüße|herzliche grüße|grüße|lg\b|mfg\b|"
    r"frohe[sn]? \w+|gute[ns]? (nacht|rutsch|besserung|reise|tag|morgen|abend)|alles gute|"
    r"hallo (zusammen|alle|allerseits)|herzlichen glückwunsch|"
    r"bon(ne)? (week-?end|journée|soirée|année|fêtes|vacances|courage|anniversaire|voyage|dimanche|nuit|chance)|"
    r"joyeux \w+|joyeuses \w+|bises|bisous|amitiés|cordialement|à bientôt|a bientôt|félicitations|"
    r"(bonjour|salut|coucou) (à tous|tout le monde)|meilleurs vœux|meilleurs voeux|"
    r"buen(a|os|as)? (fin de semana|finde|día|días|noches|tardes|viaje|año)|feliz \w+|felices \w+|saludos|"
    r"un abrazo|abrazos|besos|hola a todos|hasta (pronto|luego)|enhorabuena|felicidades|"
    r"周末愉快|.{0,6}快乐|祝|大家好|晚安|早上好|早安|保重|恭喜|身体健康|万事如意|一路平安|"
    r"शुभकामना|बधाई|मुबारक|नमस्ते|सभी को|happy \w+|"
    r"جمعة مباركة|عيد مبارك|كل عام|مبارك|مبروك|تحياتي|مع تحياتي|مرحبا بالجميع|صباح الخير|مساء الخير|"
    r"تصبح على خير|رمضان كريم|الله يعطيك العافية)",
    re.I,
)
_CLAUSE = re.compile(r"([.!?;\n。！？；，,،؟।]+)")
# a phrase holding one of these words is a wish or a sign-off, not a subject
_FORMULA_WORDS = re.compile(
    r"\b(weekend|week-?end|regards|wishes|greetings|grüße|wochenende|feiertage|weihnachten|saludos|"
    r"fin de semana|everyone|everybody|à tous|tout le monde|a todos|zusammen)\b|愉快|快乐|祝|"
    r"शुभकामना|बधाई|मुबारक|مبارك|تحياتي", re.I)


def strip_formulas(text: str) -> str:
    """The text without its wishes, greetings and sign-offs: each clause (cut at . ! ? , ; and their CJK,
    Arabic and Devanagari forms) that opens with one is dropped."""
    parts = _CLAUSE.split(text or "")
    out: list[str] = []
    for i in range(0, len(parts), 2):
        clause, sep = parts[i], parts[i + 1] if i + 1 < len(parts) else ""
        if _FORMULA.match(clause.strip()):
            continue
        out.append(clause + sep)
    return "".join(out).strip(" ,，،")


_CONNECT = {"&", "-", "de", "du", "des", "of", "di", "del", "della", "von", "der", "la", "le", "e", "and", "co", "co.",
            "über", "in"}
# Only the article every form can carry ("sur la Grande Grotta", "à propos de la ..."; "de le" and "your the"
# cannot be written).
_ARTICLES = {"fr": ("la",), "de": ("die",)}  # articles that read the same wherever the draft puts the phrase
_ARTICLE_WORDS = {a for arts in _ARTICLES.values() for a in arts}


def without_article(phrase: str) -> str:
    """The phrase without the article `candidates` may have kept in front of it ("la Grande Grotta")."""
    first, _, rest = phrase.partition(" ")
    return rest if rest and first in _ARTICLE_WORDS else phrase
_PRONOUNS = {"i", "i'm", "i’m", "i've", "i'll", "i'd", "ich", "je", "j'ai"}
_ZH_GENERIC = {"好消息", "消息", "事情", "时候", "东西", "一个", "大家"}
_ZH_LIGHT_VERBS = {"看到", "觉得", "知道", "说", "去", "来", "想", "要", "有", "是", "在", "做", "看", "听说", "开始", "参加"}
_TOKEN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ɏ][\w'’.-]*|&|[\u0600-\u060b\u060d-\u061e\u0620-\u06ff]+|"
                    r"[\u0900-\u0963\u0966-\u097f]+|[.!?;:,،؟।॥。！？；\n\"“”„«»]|[\U0001F300-\U0001FAFF\u2600-\u27BF]")
_SENT_END = set(".!?;:。！？；।॥؟\n\"“”„«»") | {chr(c) for c in range(0x1F300, 0x1FAFF)} | {chr(c) for c in range(0x2600, 0x27C0)}
_CJK = re.compile(f"[{HAN}]")


def _is_cap(w: str) -> bool:
    return w[:1].isupper() or (len(w) >= 2 and w.isupper())


def _tokens(text: str) -> list[str]:
    """_TOKEN's tokens, with a full stop that ends a sentence split off its word ("Reintal. Kommst" is two
    sentences); abbreviations keep theirs ("Dr.", "St.", "U.S.")."""
    out: list[str] = []
    for t in _TOKEN.findall(text):
        if len(t) > 3 and t.endswith(".") and t[:-1].isalpha():
            out += [t[:-1], "."]
        else:
            out.append(t)
    return out


def _latin_proper(text: str, lang: str = "en") -> list[str]:
    """Proper-noun runs, with a common noun either side when it belongs ("marathon de Paris")."""
    toks = _tokens(text)
    out: list[tuple[int, str]] = []
    i = 0
    start_of_sentence = True
    while i < len(toks):
        t = toks[i]
        if t in _SENT_END or t == ",":
            start_of_sentence = t not in (",", ":", ";")
            i += 1
            continue
        latin = t[:1].isascii() or "À" <= t[:1] <= "ɏ"
        initial_word = start_of_sentence and not t.isupper() and not (
            i + 1 < len(toks) and _is_cap(toks[i + 1]) and toks[i + 1].casefold() not in _PRONOUNS)
        if latin and _is_cap(t) and t.casefold() not in _STOP and t.casefold() not in _MONTHS_DAYS and "'" not in t \
                and "’" not in t:
            j = i + 1
            while j < len(toks):
                n = toks[j]
                if _is_cap(n) and n.casefold() not in _MONTHS_DAYS and n.casefold() not in _PRONOUNS \
                        and n not in _SENT_END and n != ",":
                    j += 1
                elif n.casefold() in _CONNECT and j + 1 < len(toks) and _is_cap(toks[j + 1]) \
                        and toks[j + 1] not in _SENT_END and toks[j + 1].casefold() not in _MONTHS_DAYS:
                    j += 2
                else:
                    break
            words = toks[i:j]
            # a common noun before "de/di/of" ("marathon de Paris") or right after ("Lake District cottage")
            if i >= 2 and toks[i - 1].casefold() in {"de", "di", "of", "du"} and toks[i - 2].isalpha() \
                    and toks[i - 2].casefold() not in _STOP and not _is_cap(toks[i - 2]):
                words = toks[i - 2:i] + words
            # the article the message gives a place or a thing ("la Grande Grotta", "the Old Man of Storr"),
            # so a draft does not drop it ("notre discussion sur Grande Grotta")
            if len(words) == len(toks[i:j]) and i >= 1 and toks[i - 1].casefold() in _ARTICLES.get(lang, ()):
                words = [toks[i - 1].casefold()] + words
            phrase = " ".join(words).replace(" - ", "-").strip(" .'’")
            out.append((i, ("~" if initial_word and len(words) == 1 else "") + phrase))
            i = j
            start_of_sentence = False
            continue
        start_of_sentence = False
        i += 1
    return [p for _, p in out]


def _rake(text: str, stop: set[str], max_words: int = 3) -> list[str]:
    """Candidate phrases: runs of content words between stopwords and punctuation, best (longest) first."""
    runs, cur = [], []
    for t in _tokens(text):  # "haben." ends a sentence: the word, then the stop (not "haben. Lass")
        if t in _SENT_END or t in {",", "،"} or t.casefold() in stop or t.casefold() in _STOP or t.isdigit() \
                or (cur and _script(cur[-1]) != _script(t)):  # a run stays in one script
            if cur:
                runs.append(cur)
            cur = []
            if not (t in _SENT_END or t in {",", "،"} or t.casefold() in stop or t.casefold() in _STOP or t.isdigit()):
                cur.append(t)
        else:
            cur.append(t)
    if cur:
        runs.append(cur)
    runs = [r[:max_words] for r in runs if sum(len(w) for w in r) >= 3]
    return [" ".join(r) for r in sorted(runs, key=lambda r: -sum(min(len(w), 10) for w in r))]


@lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba
    import jieba.analyse

    jieba.setLogLevel(logging.WARNING)
    return jieba.analyse


def _chinese(text: str) -> str:
    """The best noun phrase: runs of jieba tokens tagged noun/English/adjective/verb-as-modifier that end in a
    noun ("HSBC 老清算系统", "支付团队", "无锡马拉松"), scored by the TF-IDF weight of their words."""
    import jieba.posseg as pseg

    weights = dict(_jieba().extract_tags(text, topK=20, withWeight=True))
    runs, cur = [], []
    for tok in pseg.cut(text):
        w, f = tok.word, tok.flag
        nounish = f.startswith("n") or f in ("eng", "vn")
        if cur and w in ("那个", "这个", "那家", "这家"):  # "HSBC 那个老清算系统": glue, dropped from the phrase
            continue
        if (nounish or f in ("a", "v", "b") or (f == "x" and w == " " and cur)) and w not in _ZH_GENERIC:
            cur.append((w, nounish))
        else:
            runs.append(cur)
            cur = []
    runs.append(cur)
    best, best_score = "", 0.0
    for run in runs:
        while run and not run[-1][1]:
            run = run[:-1]
        while run and (run[0][0] == " " or run[0][0] in _ZH_LIGHT_VERBS):  # "去阿姆斯特丹" -> "阿姆斯特丹"
            run = run[1:]
        phrase = "".join(w for w, _ in run).strip()
        score = sum(weights.get(w, 0.0) for w, _ in run)
        size = len(re.sub(r"\s", "", phrase))
        if phrase and len(phrase) <= 12 and score > best_score and (size >= 3 or re.search(r"[A-Za-z]", phrase)):
            best, best_score = phrase, score
    return best


def _script(phrase: str) -> str:
    if _CJK.search(phrase):
        return "Hani"
    if re.search(r"[\u0600-\u06ff]", phrase):
        return "Arab"
    if re.search(r"[\u0900-\u097f]", phrase):
        return "Deva"
    return "Latn"


# A noun under a negation names what is not there ("keine Ausreden", "no excuses", "pas d'excuses", "sin excusas").
_NEGATED = re.compile(r"(?i)\b(?:kein(?:e[nmrs]?)?|no|aucune?|pas d[e']|plus d[e']|sans|sin|ning[uú]n[ao]?)\s*([^\W\d_]+)")


def candidates(text: str, lang: str, exclude: tuple[str, ...] | list[str] = ()) -> list[str]:
    """Candidate topic phrases, best first: proper-noun runs and Chinese keyword spans before plain content-word
    runs; longer and multi-word before short."""
    text = " ".join(strip_formulas(re.sub(r"https?://\S+", " ", text or "")).split())
    scored: dict[str, tuple[float, str]] = {}
    skip = {w.casefold() for n in exclude for w in re.split(r"\s+", n or "") if w}
    skip |= {m.group(1).casefold() for m in _NEGATED.finditer(text)}  # "keine Ausreden", "no excuses": not a subject

    def add(p: str, kind: str) -> None:
        p = p.strip(" .,'’")
        k = p.casefold()
        words = p.split()
        if not p or k in _MONTHS_DAYS or k in _STOP or any(w.casefold() in skip for w in words) \
                or _FORMULA_WORDS.search(p) or _FORMULA.match(p):
            return
        letters = min(len(p.replace(" ", "")), 24)
        if kind == "proper":
            score = letters + 12 + 2 * (len(words) - 1)
        elif kind == "initial":  # the first word of a sentence: maybe a name, maybe just a capital
            score = 0.5 * letters
        else:
            score = 0.8 * letters + 2 * (len(words) - 1)
        if k not in scored or scored[k][0] < score:
            scored[k] = (score, p)

    if _CJK.search(text):
        zh = _chinese(text)
        if zh:
            add(zh, "proper")
    for p in _latin_proper(text, lang):
        add(p.lstrip("~"), "initial" if p.startswith("~") else "proper")
    stop = _AR_STOP if lang == "ar" else _HI_STOP if lang == "hi" else set()
    for p in _rake(text, stop):
        words = p.split()
        if _CJK.search(p) or any("'" in w or "’" in w for w in words):
            continue  # "c'est réservé", "I'm travelling": a clause, not a topic
        if len(words) == 1 and len(p) < (8 if _script(p) == "Latn" else 4):
            continue  # one common word ("voyage", "weekend") names nothing; a proper noun is found above
        add(p, "rake")
    return [p for _, p in sorted(scored.values(), key=lambda x: -x[0])]


def topic_phrase(text: str, lang: str, script: str | None = None, max_chars: int = 32, max_words: int = 4,
                 proper: bool = False, exclude: tuple[str, ...] | list[str] = ()) -> str:
    """The best candidate within `max_chars` and `max_words` (a longer one is cut at a connector: "Buch über
    Stadtgärten in Leipzig" -> "Buch über Stadtgärten"); `proper`: only proper-noun runs."""
    allowed = ({p.lstrip("~") for p in _latin_proper(" ".join(strip_formulas(text or "").split()), lang)}
               if proper else None)
    for p in candidates(text, lang, exclude):
        if allowed is not None and p not in allowed:
            continue
        words = p.split()
        lead = 1 if len(words) > 1 and words[0] in _ARTICLE_WORDS else 0
        if len(words) > max_words + lead:
            cut = max((i for i, w in enumerate(words[:max_words]) if w.casefold() in _CONNECT), default=0)
            p = " ".join(words[:cut]) if cut >= 1 else ""
        if not p or len(p) > max_chars:
            continue
        if script is None or _script(p) == script:
            return p
    return ""


__all__ = ["candidates", "strip_formulas", "topic_phrase", "without_article"]
