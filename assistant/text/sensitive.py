"""Delicate history: messages a warm catch-up must not bring up as its talking point.

Two kinds, in the six languages the product drafts in (zh, en, fr, de, ar, hi), and Spanish:

- "money": loans, debts, repayments, money sent between the two ("Sent you the 800, no rush", "je te
  rembourse en mars", "حولت لك ألف درهم"), and every money ask the ask detector (`assistant.text.asks`)
  finds - its vocabulary and normalisation are reused, not copied;
- "conflict": quarrels, anger, hurt, blame, apologies and the "forget it" that ends a row ("that's not fair",
  "lass es, ist egal", "زعلت منك", "वादा तोड़ा", "对不起"), and reproaches aimed at the user with no angry word
  in them ("you never reply anymore, typical", "du meldest dich ja nie", "你从来不回我消息", "ما بترد أبداً").

Words of a script that separates words with spaces (Devanagari) are matched whole where a short one sits
inside others (लोन "loan" in लोनावला, a hill station).

Decisions (see tests/agent/test_sensitive.py):
- a price or a sum on its own is not delicate ("the tickets were 20 euros"), nor is treating someone
  ("I paid for the pizza, my treat"): only money *between* the two (lent, owed, paid back, transferred) is;
- lending and borrowing count whatever was lent (a false alarm costs one talking point; a missed one puts a
  debt in a warm message);
- apologies count even when small ("sorry I'm late"): they point at a friction, and there is always a better
  thing to quote;
- the detector errs towards flagging: it only ever removes candidates for a talking point, it never blocks a
  draft.

`is_sensitive(text, lang)` returns the reason ("money" / "conflict") or None. With `lang` it checks that
language, English (mixed in everywhere) and the non-Latin scripts (they cannot collide); without, all six.
"""

from __future__ import annotations

import re

from assistant.text.asks import find_asks, normalize
from assistant.text.scripts import HAN

LANGS = ("zh", "en", "fr", "de", "ar", "hi", "es")


def _c(pattern: str) -> re.Pattern:
    # patterns go through the ask detector's normalisation, like the text they are matched against
    return re.compile(normalize(pattern), re.I | re.U)


MONEY: dict[str, re.Pattern] = {
    "en": _c(
        r"\b(lend|lends|lent|lending|loan|loans|loaned|borrow|borrowed|borrowing|owe|owes|owed|owing|debts?|"
        r"repay\w*|paid (you|me|him|her|them|it|that)( all)? back|pay (you|me|him|her|them|it)( all)? back|"
        r"paying (you|me|it) back|(sent|send|transferred|transfer|wired|wire|venmoed|paypaled) (you|me)\b[^.!?]{0,20}"
        r"(\d|money|cash|bucks)|transferred (the|it|that|\d+)\b[^.!?]{0,20}\bback|bail(ed)? (me|you) out|"
        r"money|cash|bucks|in the red|broke until|short on cash)\b"),
    "fr": _c(
        r"\b(argent|fric|thunes?|(le|un|ton|mon|du|ce|ta|ma) prêt|prêté\w*|prêter|emprunt\w*|rembours\w*|dettes?|"
        r"endetté\w*|viré\w*|virement\w*|je te dois|tu me dois|je vous dois|vous me devez|dépanné\w*|"
        r"avancé (les|l['’]argent|\d+))\b"),
    "es": _c(
        r"\b(dinero|pasta|préstamo|prestad\w*|prestar|prestamos|deuda\w*|te debo|me debes|le debo|devolver\w* (el dinero|la pasta|lo que)|"
        r"te devuelvo|transferencia\w*|te (hice|mandé|envié) (una )?transferencia|bizum\w*)\b"),
    "de": _c(
        r"\b(Geld|Kohle|leih\w*|geliehen|borg\w*|geborgt|Schulden|schulde\w*|verschuldet|zurückzahl\w*|"
        r"zurückgezahlt|zurücküberwiesen|überwies\w*|überweis\w*|Überweisung\w*|Kredit|Darlehen|vorgestreckt|"
        r"vorstrecken|ausgelegt|knapp bei Kasse|pleite|(auf|zurück auf) (deinem|meinem|Ihrem) Konto)\b"),
    "zh": _c(r"借钱|借.{0,4}(钱|块|元|万|千|百)|欠(你|我|他|她|了)|还钱|还.{0,3}(你|我).{0,4}(钱|块|元|万|千)|还款|贷款|"
             r"转账|转(给|了)?(你|我).{0,6}(钱|块|元|万|千)|打(给)?(你|我).{0,4}(钱|块|元)|债|垫付|周转|手头.{0,3}紧|"
             r"还(给)?你(?!们)|钱"),
    "ar": _c(r"فلوس|مصاري|قرض|سلفه|سلفت|تسلف|\bدين\b|ديون|مديون|حولت لك|حولت لي|حولتلك|تحويل|سأرجعها|سارجع|"
             r"أرجعت|ارجعت|المبلغ|مبلغ|درهم|ريال|دولار|جنيه|دينار|سداد|أسدد|اسدد|\bمال\b|المال"),
    "hi": _c(r"पैस|रुपय|रुपए|₹|उधार|कर्ज|क़र्ज़|(?<![\u0900-\u097f])लोन(?![\u0900-\u097f])|लौटा दू|लौटा दि|वापस (कर|भेज|दे) दि|वापस (कर|भेज|दे) दू|"
             r"(हज़ार|हजार|लाख) (रुपये |रुपए )?भेज"),
}

CONFLICT: dict[str, re.Pattern] = {
    "en": _c(
        r"\b(argue|argued|arguing|argument|arguments|fight|fights|fought|quarrel\w*|falling out|fell out|"
        r"upset|angry|anger|mad at (me|you)|furious|pissed|annoyed|offended|hurt (me|my feelings)|"
        r"let (me|you) down|disappointed in|sorry|apolog\w*|forgive\w*|(not|n't) fair|unfair|"
        r"forget it|whatever[,.!]|how could you|can'?t believe you (left|did|didn'?t|would|said|forgot|ditched|bailed)|"
        r"i told you (i|that)|blame\w*|your fault|my fault|you never (reply|replied|write|wrote|call|called|answer|text|ask|listen|have time|show up|get back)\w*|you always (forget|cancel|ignore|bail|do this)|typical( of you)?[.!]*$|you (didn't|did not|don't|do not|can't|couldn't) even (reply|answer|call|bother|ask|say|text)|thanks for nothing|nice of you to (finally )?(reply|show up|write)|so now you remember|(stop )?ignoring me|ghosted me|you only (write|call|text) (me )?when)\b"),
    "fr": _c(
        r"\b(dispute\w*|disputé\w*|engueul\w*|fâch\w*|en colère|énerv\w*|vexé\w*|blessé\w*|déçu\w*|déçoi\w*|"
        r"injuste|pas juste|pas sympa|désolé\w*|excuse\w*|pardon\w*|laisse tomber|tu aurais pu|t['’]aurais pu|"
        r"vous auriez pu|reproche\w*|je t['’]avais dit|je vous avais dit|ta faute|ma faute|tu ne (réponds|rappelles|écris|donnes de nouvelles|m['’]écris) jamais|t['’]as jamais le temps|tu n['’]as jamais le temps|toujours la même chose avec toi|même pas (répondu|rappelé|appelé|écrit)|typique de toi|tu m['’]ignores|merci pour rien)\b"),
    "de": _c(
        r"\b(Streit\w*|gestritten|streiten|zerstritten|sauer|wütend|Wut|enttäuscht|verletzt|beleidigt|mies|"
        r"gemein|unfair|Entschuldigung|entschuldig\w*|tut mir leid|verzeih\w*|stehen gelassen|sitzen gelassen|"
        r"(ist|war) (jetzt )?(auch )?egal|vergiss es|Vorwurf|Vorwürfe|hab dir doch gesagt|deine Schuld|meine Schuld|du meldest dich (ja |eh |auch )?nie|du hast (ja |eh )?nie zeit|du antwortest (ja |eh )?nie|typisch du|typisch[.!]*$|immer (das gleiche|dasselbe) mit dir|nicht mal (geantwortet|gemeldet|angerufen)|ignorierst mich|danke für nichts)\b"),
    "es": _c(
        r"\b(discusi\w*|discutimos|peleamos|pelea\w*|enfadad\w*|enojad\w*|molest\w* contigo|perd[oó]n\w*|lo siento|"
        r"disculpa\w*|no es justo|injusto|olvídalo|decepcionad\w*|me fallaste|nunca (contestas|respondes|me escribes|"
        r"llamas|tienes tiempo)|siempre (igual|lo mismo) contigo|ni siquiera (contestaste|respondiste|llamaste)|"
        r"típico de ti|me ignoras|gracias por nada)\b"),
    "zh": _c(r"吵架|吵了|争吵|生气|生我的气|气死|不高兴|失望|对不起|抱歉|道歉|原谅|不公平|算了|别提了|过分|怪我|怪你|"
             r"委屈|闹翻|冷战|你怎么能|说话不算数|放我鸽子|放了我鸽子|你从来不|你总是不|从来不回|都不回我|连.{0,4}都不回|你根本不|典型的你|又放鸽子|不理我|现在才想起我"),
    "ar": _c(r"زعل|غاضب|غضب|خناق|تخانق|خلاف|تشاجر|شجار|متضايق|مضايق|ظلم|انس الموضوع|انسى الموضوع|"
             r"\bاسف\b|\bآسف\b|\bآسفة\b|متأسف|للأسف|أعتذر|اعتذر|اعتذار|سامحني|خذلتني|عتبان|زعلان|قلت لك إن|قلت لك ان|"
             r"ليش ما جيت|لم تأت|ما بترد|ما رديت|ما بتسأل|دايماً هيك|دايما هيك|نسيتني|تجاهلتني|بس لما بدك|ولا مرة سألت"),
    "hi": _c(r"झगड़|लड़ाई|लड़े|नाराज़|नाराज|गुस्स|माफ़|माफ|sorry|सॉरी|वादा तोड़|बुरा लगा|ठीक नहीं किया|"
             r"बात मत करो|रहने दो|मैंने बताया था|धोखा|शिकायत|तुम कभी .{0,20}(जवाब|फ़ोन|फोन|मैसेज|याद)|जवाब तक नहीं|तुम्हें फ़ुर्सत|तुम्हें फुर्सत|अब याद आई|हमेशा यही करते"),
}

# Hard news: illness, a breakup, a death. Not a topic to open a catch-up with (nor their neighbours).
HARD: dict[str, re.Pattern] = {
    "en": _c(r"\b(hospital\w*|diagnos\w*|cancer|chemo\w*|surgery|tumou?r|icu|intensive care|illness|sick|"
             r"depress\w*|burn-?out|miscarriage|broke up|break-?up|split up|divorc\w*|dumped me|separated|"
             r"passed away|died|funeral|condolences?|rest in peace|\brip\b|lost my (mom|mum|dad|father|mother|"
             r"grand\w*|brother|sister|wife|husband|son|daughter|baby)|grief|grieving|"
             r"threw me under the bus|behind my back|went over my head|going around me|went around me|"
             r"not (entirely|really|quite) fair|never forgive|still (mad|angry|upset|hurt)|stabbed me)\b"),
    "fr": _c(r"\b(hôpital|hosto|malad\w*|cancer|chimio\w*|opération|opéré\w*|diagnostic|dépression|burn-?out|"
             r"fausse couche|rompu|rupture|divorc\w*|séparé\w*|m['’]a quitté\w*|décéd\w*|décès|funérailles|"
             r"enterrement|obsèques|condoléances|(est|sont) mort\w*|deuil|dans mon dos|m['’]as lâché|"
             r"m['’]avez lâché|trahi\w*)\b"),
    "de": _c(r"\b(Krankenhaus|Klinik|krank\w*|Krebs|Chemo\w*|Diagnose|Operation|operiert|Depression\w*|"
             r"Burnout|Fehlgeburt|Schluss gemacht|getrennt|Trennung|Scheidung|geschieden|gestorben|verstorben|"
             r"Beerdigung|Beileid|Trauer\w*|hinter meinem Rücken|im Stich gelassen|verraten|übergangen)\b"),
    "es": _c(r"\b(hospital\w*|enferm\w*|cáncer|quimio\w*|diagnóstic\w*|operación|cirugía|depresión|"
             r"rompimos|ruptura|divorci\w*|separad\w*|murió|muri[oó]|falleci\w*|funeral|entierro|pésame|luto|"
             r"a mis espaldas|me traicionaste)\b"),
    "zh": _c(r"医院|住院|生病|病了|癌|化疗|手术|确诊|抑郁|分手|离婚|分开了|去世|过世|葬礼|节哀|走了以后|"
             r"背后捅|背着我|出卖|甩锅|不厚道"),
    "ar": _c(r"مستشفى|المستشفى|مريض|مريضة|مرض|سرطان|عملية جراحية|تشخيص|اكتئاب|انفصل|انفصلنا|طلاق|طلقت|"
             r"توفي|توفيت|وفاة|عزاء|الله يرحم|رحمه الله|رحمها الله|من وراي|من ورائي|خنتني|طعنتني"),
    "hi": _c(r"अस्पताल|बीमार|कैंसर|ऑपरेशन|सर्जरी|डिप्रेशन|ब्रेकअप|तलाक|अलग हो गए|गुज़र गए|गुजर गए|निधन|"
             r"अंतिम संस्कार|श्रद्धांजलि|पीठ पीछे|धोखा दिया"),
}

# Scripts that cannot be mistaken for another language's words are always checked.
_ALWAYS = ("en", "zh", "ar", "hi")
# A language's rules can only match a text that has its script (a cheap test that skips most of the rules):
# the Latin ones need a Latin letter; Hindi's also hold the rupee sign and a romanised "sorry".
_SCRIPT = {
    "en": re.compile(r"[A-Za-z\u00c0-\u024f]"), "es": re.compile(r"[A-Za-z\u00c0-\u024f]"), "fr": re.compile(r"[A-Za-z\u00c0-\u024f]"),
    "de": re.compile(r"[A-Za-z\u00c0-\u024f]"), "zh": re.compile(f"[{HAN}]"),
    "ar": re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]"),
    "hi": re.compile(r"[\u0900-\u097f₹]|sorry", re.I),
}


def is_sensitive(text: str, lang: str | None = None, *, asks: bool = True) -> str | None:
    """'money', 'conflict' or 'hard' (illness, breakup, death) when the message is delicate history (never a talking point), else None."""
    body = normalize(" ".join((text or "").split()))
    if not body:
        return None
    langs = LANGS if lang is None or lang not in LANGS else tuple(dict.fromkeys((lang, *_ALWAYS)))
    latin = _SCRIPT["en"].search(body) is not None
    langs = tuple(c for c in langs if (latin if c in ("en", "fr", "de", "es") else _SCRIPT[c].search(body)))
    for code in langs:
        if MONEY[code].search(body):
            return "money"
    if asks and any(f.category == "money" for f in find_asks(text)):
        return "money"
    for code in langs:
        if CONFLICT[code].search(body):
            return "conflict"
    for code in langs:
        if HARD[code].search(body):
            return "hard"
    return None


__all__ = ["CONFLICT", "HARD", "LANGS", "MONEY", "is_sensitive"]
