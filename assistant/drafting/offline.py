"""The offline drafter: with no model configured, a deterministic draft from the best talking point, in the
contact's language and register, so the whole flow runs on a fresh machine.

It quotes the message the talking point comes from (their words, in their language: nothing is translated or
invented), says when it was, and asks how it went on. It never quotes delicate history (money between them, a
quarrel: `assistant.text.sensitive`). Without a (safe) talking point it writes an honest opener with a
[placeholder] for the user to fill. Greeting and sign-off follow the user's style notes. Every offline draft is
labelled as such in the queue.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.drafting.context import DraftContext
from assistant.text.sensitive import is_sensitive

QUOTE_MAX = 70

MONTHS = {
    "en": "January February March April May June July August September October November December".split(),
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split(),
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
    "ar": "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر".split(),
    "hi": "जनवरी फ़रवरी मार्च अप्रैल मई जून जुलाई अगस्त सितंबर अक्टूबर नवंबर दिसंबर".split(),
}

DEFAULT_GREETING = {
    ("en", "informal"): "Hi {name},", ("en", "formal"): "Dear {name},",
    ("de", "informal"): "Hallo {name},", ("de", "formal"): "Hallo {full},",
    ("fr", "informal"): "Salut {name} !", ("fr", "formal"): "Bonjour {full},",
    ("zh", "informal"): "{full}，", ("zh", "formal"): "{full}您好！",
    ("ar", "informal"): "مرحبا {name}!", ("ar", "formal"): "مرحبا أستاذ {name}،",
    ("hi", "informal"): "हाय {name}!", ("hi", "formal"): "नमस्ते {name} जी,",
}

# {when}: the month of the message; {quote}: their (or the user's) words; {news}: the user's news.
TEMPLATES: dict[tuple[str, str], dict[str, str]] = {
    ("en", "informal"): {
        "theirs": "I was just thinking about what you wrote back in {when}: “{quote}” How did that go? Would love to hear what you're up to these days.",
        "mine": "I was just thinking about our chat from {when} (“{quote}”). How have things been since?",
        "about": "I just put this together: “{news}” It reminded me of what you wrote in {when}: “{quote}” Thought you might enjoy it.",
        "about_mine": "I just put this together: “{news}” It made me think of our chat from {when} (“{quote}”). Thought you might enjoy it.",
        "none": "It's been a while! I was thinking of you: [something you'd like to share or ask about]. How have you been?",
    },
    ("en", "formal"): {
        "theirs": "I was recently thinking of your message from {when}: “{quote}” I hope it all went well, and that you are doing well.",
        "mine": "I was recently thinking of our exchange from {when} (“{quote}”). I hope all is well with you.",
        "about": "I recently wrote about this: “{news}” It reminded me of your message from {when}: “{quote}” I thought it might interest you.",
        "about_mine": "I recently wrote about this: “{news}” It reminded me of our exchange from {when} (“{quote}”). I thought it might interest you.",
        "none": "It has been a while. [Something you would like to share.] I hope you are doing well.",
    },
    ("de", "informal"): {
        "theirs": "ich musste neulich an deine Nachricht vom {when} denken: „{quote}“ Wie ist es damit weitergegangen? Erzähl mal, was es bei dir Neues gibt!",
        "mine": "ich musste neulich an unser Gespräch vom {when} denken („{quote}“). Wie geht es dir seitdem?",
        "about": "ich habe gerade etwas dazu geschrieben: „{news}“ Da musste ich an deine Nachricht vom {when} denken: „{quote}“ Vielleicht gefällt es dir.",
        "about_mine": "ich habe gerade etwas dazu geschrieben: „{news}“ Da musste ich an unser Gespräch vom {when} denken („{quote}“). Vielleicht gefällt es dir.",
        "none": "lange nichts gehört! Ich musste an dich denken: [etwas, das du erzählen oder fragen möchtest]. Wie geht es dir?",
    },
    ("de", "formal"): {
        "theirs": "ich musste neulich an Ihre Nachricht vom {when} denken: „{quote}“ Ich hoffe, es ist alles gut gelaufen und es geht Ihnen gut.",
        "mine": "ich musste neulich an unseren Austausch vom {when} denken („{quote}“). Ich hoffe, es geht Ihnen gut.",
        "about": "ich habe gerade etwas dazu geschrieben: „{news}“ Dabei musste ich an Ihre Nachricht vom {when} denken: „{quote}“ Vielleicht interessiert es Sie.",
        "about_mine": "ich habe gerade etwas dazu geschrieben: „{news}“ Dabei musste ich an unseren Austausch vom {when} denken („{quote}“). Vielleicht interessiert es Sie.",
        "none": "es ist eine Weile her. [Etwas, das Sie erzählen möchten.] Ich hoffe, es geht Ihnen gut.",
    },
    ("fr", "informal"): {
        "theirs": "je repensais à ce que tu m'avais écrit en {when} : « {quote} » Qu'est-ce que ça a donné ? J'aimerais bien avoir de tes nouvelles.",
        "mine": "je repensais à notre discussion de {when} (« {quote} »). Comment ça va depuis ?",
        "about": "je viens d'écrire ceci : « {news} » Ça m'a rappelé ce que tu m'avais écrit en {when} : « {quote} » Ça devrait te plaire.",
        "about_mine": "je viens d'écrire ceci : « {news} » Ça m'a rappelé notre échange de {when} (« {quote} »). Ça devrait te plaire.",
        "none": "ça fait longtemps ! Je pensais à toi : [quelque chose à raconter ou à demander]. Comment vas-tu ?",
    },
    ("fr", "formal"): {
        "theirs": "je repensais à votre message de {when} : « {quote} » J'espère que tout s'est bien passé et que vous allez bien.",
        "mine": "je repensais à notre échange de {when} (« {quote} »). J'espère que vous allez bien.",
        "about": "je viens d'écrire ceci : « {news} » Cela m'a rappelé votre message de {when} : « {quote} » Cela pourrait vous intéresser.",
        "about_mine": "je viens d'écrire ceci : « {news} » Cela m'a rappelé notre échange de {when} (« {quote} »). Cela pourrait vous intéresser.",
        "none": "cela fait un moment. [Quelque chose à partager.] J'espère que vous allez bien.",
    },
    ("zh", "informal"): {
        "theirs": "好久不见！最近想起你{when}说的“{quote}”，后来怎么样了？最近都在忙什么？",
        "mine": "好久不见！最近想起我们{when}聊的“{quote}”，你那边后来怎么样？",
        "about": "我刚写了点东西：“{news}”想起你{when}说过“{quote}”，觉得你可能会感兴趣。",
        "about_mine": "我刚写了点东西：“{news}”想起我们{when}聊过的（“{quote}”），觉得你可能会感兴趣。",
        "none": "好久不见！最近想起你：[想分享或想问的事]。最近怎么样？",
    },
    ("zh", "formal"): {
        "theirs": "好久没联系了，最近想起您{when}提到的“{quote}”，后来进展如何？希望您一切都好。",
        "mine": "好久没联系了，最近想起我们{when}的交流（“{quote}”），希望您一切顺利。",
        "about": "我最近写了点东西：“{news}”想起您{when}提到的“{quote}”，或许您会感兴趣。",
        "about_mine": "我最近写了点东西：“{news}”想起我们{when}的交流（“{quote}”），或许您会感兴趣。",
        "none": "好久没联系了。[想分享的事。] 希望您一切都好。",
    },
    ("ar", "informal"): {
        "theirs": "تذكرت مؤخرا ما كتبته في {when}: «{quote}» كيف سارت الأمور بعد ذلك؟ أحب أن أسمع أخبارك.",
        "mine": "تذكرت مؤخرا حديثنا في {when} («{quote}»). كيف الأحوال منذ ذلك الحين؟",
        "about": "كتبت مؤخرا عن هذا: «{news}» وتذكرت ما كتبته في {when}: «{quote}» أظنه سيعجبك.",
        "about_mine": "كتبت مؤخرا عن هذا: «{news}» وتذكرت حديثنا في {when} («{quote}»). أظنه سيعجبك.",
        "none": "اشتقت لأخبارك! كنت أفكر فيك: [شيء تريد مشاركته أو السؤال عنه]. كيف حالك؟",
    },
    ("ar", "formal"): {
        "theirs": "تذكرت مؤخرا رسالتكم في {when}: «{quote}» أرجو أن تكون الأمور قد سارت على ما يرام، وأن تكونوا بخير.",
        "mine": "تذكرت مؤخرا حديثنا في {when} («{quote}»). أرجو أن تكونوا بخير.",
        "about": "كتبت مؤخرا عن هذا: «{news}» وتذكرت رسالتكم في {when}: «{quote}» لعله يهمكم.",
        "about_mine": "كتبت مؤخرا عن هذا: «{news}» وتذكرت حديثنا في {when} («{quote}»). لعله يهمكم.",
        "none": "مر وقت طويل. [شيء تود مشاركته.] أرجو أن تكونوا بخير.",
    },
    ("hi", "informal"): {
        "theirs": "अभी तुम्हारी {when} वाली बात याद आई: “{quote}” फिर क्या हुआ? बताओ, आजकल क्या चल रहा है?",
        "mine": "अभी हमारी {when} वाली बातचीत याद आई (“{quote}”)। उसके बाद सब कैसा रहा?",
        "about": "मैंने अभी इस पर कुछ लिखा: “{news}” तुम्हारी {when} वाली बात याद आई: “{quote}” शायद तुम्हें पसंद आए।",
        "about_mine": "मैंने अभी इस पर कुछ लिखा: “{news}” हमारी {when} वाली बातचीत याद आई (“{quote}”)। शायद तुम्हें पसंद आए।",
        "none": "बहुत दिन हो गए! तुम्हारी याद आई: [कुछ जो बताना या पूछना हो]। कैसे हो?",
    },
    ("hi", "formal"): {
        "theirs": "हाल ही में आपकी {when} की बात याद आई: “{quote}” उसके बाद क्या हुआ? आशा है आप ठीक होंगे।",
        "mine": "हाल ही में हमारी {when} की बातचीत याद आई (“{quote}”)। आशा है सब कुशल है।",
        "about": "मैंने हाल ही में इस पर लिखा: “{news}” आपकी {when} की बात याद आई: “{quote}” शायद आपको रुचिकर लगे।",
        "about_mine": "मैंने हाल ही में इस पर लिखा: “{news}” हमारी {when} की बातचीत याद आई (“{quote}”)। शायद आपको रुचिकर लगे।",
        "none": "काफ़ी समय हो गया। [कुछ जो आप बताना चाहें।] आशा है आप ठीक होंगे।",
    },
}

# Languages without templates get an English draft (the label says so).
FALLBACK_LANG = "en"


@dataclass
class OfflineDraft:
    text: str
    language: str
    hook: dict
    cited_ids: list[int]
    rationale: str
    outcome: str  # ready | needs_fill


def month(ts_date, lang: str) -> str:
    if lang == "zh":
        return f"{ts_date.year}年{ts_date.month}月"
    names = MONTHS.get(lang, MONTHS["en"])
    if lang == "de":
        return f"{names[ts_date.month - 1]} {ts_date.year}"
    return f"{names[ts_date.month - 1]} {ts_date.year}"


def _clip(text: str, limit: int = QUOTE_MAX) -> str:
    s = " ".join((text or "").split())
    if len(s) <= limit:
        return s
    cut = s[:limit]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(",.;:!?，。") + "…"


def _first_name(name: str, lang: str) -> str:
    if lang == "zh" or not name.split():
        return name
    parts = [p for p in name.split() if not p.endswith(".")]  # "Dr. Priya Sharma" -> Priya
    return parts[0] if parts else name.split()[0]


def _greeting(ctx: DraftContext, lang: str, register: str) -> str:
    name = _first_name(ctx.contact.name, lang)
    full = ctx.contact.name
    noted = ctx.style.get("greeting")
    if noted is None:
        return DEFAULT_GREETING[(lang, register)].format(name=name, full=full)
    if noted == "":
        return ""
    if lang == "zh":
        return f"{noted}，{full}！" if noted not in ("在吗",) else f"{full}，"
    g = noted[:1].upper() + noted[1:]
    return f"{g} {name}," if lang not in ("fr",) else f"{g} {name} !"


def compose(ctx: DraftContext) -> OfflineDraft:
    lang = ctx.profile.lang if (ctx.profile.lang, "informal") in TEMPLATES else FALLBACK_LANG
    register = ctx.profile.register.level if ctx.profile.register.level in ("formal", "informal") else "informal"
    t = TEMPLATES[(lang, register)]
    # never quote instructions, nor delicate history (money between them, a quarrel): with nothing safe left,
    # the honest opener with a [placeholder]
    hook_msgs = [ctx.messages[i] for i in ctx.hook_ids
                 if i in ctx.messages and not ctx.messages[i].suspicious and not _delicate(ctx.messages[i])]
    # Prefer their words; else the user's.
    anchor = next((m for m in hook_msgs if m.direction == "in"), hook_msgs[0] if hook_msgs else None)
    greeting = _greeting(ctx, lang, register)
    if anchor is None:
        body = t["none"]
        kind = "none"
        cited: list[int] = []
        outcome = "needs_fill"
        rationale = "no talking point in the history: an opener with a placeholder to fill"
    else:
        theirs = anchor.direction == "in"  # never put the user's own words in the contact's mouth
        kind = ("about" if theirs else "about_mine") if ctx.about else ("theirs" if theirs else "mine")
        news = _clip(ctx.about, 160) if ctx.about else ""
        body = t[kind].format(when=month(ctx.date_of(anchor.ts), lang), quote=_clip(anchor.text), news=news)
        cited = [anchor.id]
        outcome = "ready"
        what = {"interest": "a shared interest", "about": "your news"}.get(ctx.hook.kind if ctx.hook else "", "where you left off")
        topic = f" ({ctx.hook.topic})" if ctx.hook and ctx.hook.topic else ""
        rationale = f"picks up {'their' if anchor.direction == 'in' else 'your'} message [#{anchor.id}]: {what}{topic}"
    if greeting and lang not in ("zh",):
        # after "Hallo Anna," the sentence goes on in lower case ("Hallo Anna, ich musste ..."); after "!" a new one
        text = f"{greeting} {_uncap(body, lang)}" if greeting.endswith(",") else f"{greeting} {_cap(body)}"
    elif greeting:
        text = f"{greeting}{body}"
    else:
        text = _cap(body)
    signoff = ctx.style.get("signoff")
    if signoff:
        text = f"{text}\n{signoff[:1].upper() + signoff[1:]}"
    hook = {}
    if ctx.hook is not None and anchor is not None:
        hook = {"kind": ctx.hook.kind, "topic": ctx.hook.topic, "quote": _clip(anchor.text), "ts": anchor.ts,
                "message_ids": cited}
    return OfflineDraft(text.strip(), lang, hook, cited, rationale, outcome)


def _delicate(m) -> bool:
    return bool(m.sensitive or is_sensitive(m.text))


def _uncap(s: str, lang: str) -> str:
    first = s.split(" ", 1)[0]
    if lang == "en" and (first == "I" or first.startswith(("I'", "I’"))):
        return s
    return s[:1].lower() + s[1:] if s else s


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


__all__ = ["OfflineDraft", "TEMPLATES", "compose", "month"]
