"""The offline drafter: with no model configured, a short message a person could send, from the best talking
point, so the whole flow runs on a fresh machine.

What it writes, per kind of talking point (open loop to follow up, their news, a shared interest, the user's
news to share, a birthday, or a plain hello after a long silence), in each of the six languages and both
registers, with a few variants so two drafts do not read the same:

- the greeting uses the name the user uses with them (learnt from the user's own greetings: "Hey Tom",
  "老王", "Liebe Frau Schneider"), never the full stored name;
- the topic is named in a few words taken from the message (`assistant.text.keyphrase`: proper-noun runs,
  RAKE, jieba for Chinese): "your Kalymnos plans", "你说的HSBC 老清算系统", never a pasted, cut-off quote;
- only the contact's own words (or the user's) are a talking point, never a third person's in a group, nor
  delicate history (money, a quarrel, a loss or an illness the user answered with sympathy);
- 2-4 short sentences that ask for nothing;
- no talking point: a short honest hello, flagged "no talking point found".

The language is the one the user writes to the contact. For a language without offline forms (Italian,
Spanish ...) it writes in the user's own main language and says so in the rationale ("translate before
sending"). Every offline draft is labelled as such in the queue.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from assistant.drafting.context import DraftContext
from assistant.text.keyphrase import topic_phrase, without_article
from assistant.text.sensitive import is_sensitive
from assistant.text.scripts import HAN, ARABIC, DEVANAGARI

SIX = ("en", "zh", "de", "fr", "ar", "hi")
DUPLICATE = 0.85  # this similar to a text already approved, sent or dismissed: not proposed again

GREETING = {
    ("en", "informal"): "Hi {name}!", ("en", "formal"): "Dear {name},",
    ("de", "informal"): "Hallo {name},", ("de", "formal"): "Guten Tag {name},",
    ("fr", "informal"): "Salut {name} !", ("fr", "formal"): "Bonjour {name},",
    ("zh", "informal"): "{name}，", ("zh", "formal"): "{name}，您好！",
    ("ar", "informal"): "مرحبا {name}،", ("ar", "formal"): "مرحبا {name}،",
    ("hi", "informal"): "हाय {name},", ("hi", "formal"): "नमस्ते {name},",
}

# {topic}: a few words naming the subject. Each list holds variants; one is picked per contact and topic.
FORMS: dict[tuple[str, str], dict[str, list[str]]] = {
    ("en", "informal"): {
        "open_loop_past": ["How did {topic} go? I'd love to hear all about it.", "Did {topic} happen in the end? Hope it was great, tell me everything!"],
        "open_loop": ["How are your {topic} plans coming along? Hope it all works out, I'd love to hear about it.",
                      "I was just thinking about your {topic} plans. Is it all still on? Fingers crossed for you.",
                      "Your {topic} plans came to mind today. Hope it's all shaping up nicely!"],
        "news": ["I was just thinking about what you told me ({topic}), so good to hear. How has it been going since?",
                 "What you told me about {topic} came to mind today. How's everything going?",
                 "I remembered your message about {topic} today and it made me smile. How are things?"],
        "mine": ["I was thinking about our chat about {topic} the other day. How have things been since?",
                 "Our chat about {topic} came to mind today. Hope all is well with you!"],
        "interest": ["{topic} made me think of you today. Are you still at it?",
                     "I was thinking of you and {topic} the other day. Hope you're still enjoying it!"],
        "about": ["I've got some news of my own: {news} It made me think of you and {topic}.",
                  "Some news from my side: {news} Thought of you straight away."],
        "birthday": ["Happy birthday! Hope you have a great day and a wonderful year ahead.",
                     "Happy birthday! Wishing you a lovely day."],
        "plain": ["I hope all is well with you. [add your message]"],
        "hello": ["It's been a while and you came to mind. How are you doing these days?",
                  "You came to mind today and I realised it's been ages. How are things with you?"],
    },
    ("en", "formal"): {
        "open_loop_past": ["I hope {topic} went well. I would be glad to hear how it was."],
        "open_loop": ["I was thinking of your {topic} plans and hope they are coming along well. I would be glad to hear how things are.",
                      "Your {topic} plans came to mind recently. I hope all is going well."],
        "news": ["I was thinking of what you told me about {topic} and hope it is going well. I would be glad to hear how things are.",
                 "Your message about {topic} came to mind recently. I hope all is going well for you."],
        "mine": ["I was recently reminded of our exchange about {topic}. I hope all is well with you."],
        "interest": ["{topic} brought you to mind recently. I hope you are well."],
        "about": ["I wanted to share some news: {news} It reminded me of our exchange about {topic}."],
        "birthday": ["Happy birthday! I hope you have a wonderful day."],
        "plain": ["I hope you are well. [add your message]"],
        "hello": ["It has been a while, and you came to mind. I hope you are keeping well."],
    },
    ("de", "informal"): {
        "open_loop_past": ["wie war {topic}? Erzähl mal, ich bin gespannt!", "hat das mit {topic} geklappt? Ich hoffe, es war schön, erzähl mal!"],
        "open_loop": ["ich musste gerade an dein Vorhaben denken: {topic}! Wie läuft die Vorbereitung? Ich bin gespannt.",
                      "wie läuft es mit {topic}? Ich hoffe, alles klappt, erzähl mal!"],
        "news": ["ich musste gerade an deine Neuigkeit denken: {topic}! Wie läuft es bisher?",
                 "deine Neuigkeit geht mir nicht aus dem Kopf: {topic}! Wie ist es bisher?"],
        "mine": ["ich musste an unser Gespräch denken: {topic}. Wie geht es dir seitdem?"],
        "recall": ["ich musste an deine Nachricht denken: {topic}. Wie geht es dir seitdem?"],
        "interest": ["ich musste an dich denken: {topic}! Bist du noch dabei?"],
        "about": ["ich habe Neuigkeiten: {news} Da musste ich gleich an dich denken."],
        "birthday": ["herzlichen Glückwunsch zum Geburtstag! Hab einen schönen Tag."],
        "plain": ["ich hoffe, es geht dir gut. [Nachricht ergänzen]"],
        "hello": ["lange nichts gehört! Ich musste gerade an dich denken. Wie geht es dir?"],
    },
    ("de", "formal"): {
        "open_loop_past": ["ich hoffe, {topic} ist gut gelaufen. Ich würde mich über Ihre Nachricht freuen."],
        "open_loop": ["ich musste an Ihr Vorhaben denken: {topic}. Ich hoffe, alles läuft gut, und würde mich freuen, von Ihnen zu hören."],
        "news": ["ich musste an Ihre Neuigkeit denken: {topic}. Ich hoffe, es läuft alles gut, und freue mich, von Ihnen zu hören.",
                 "Ihre Neuigkeit ist mir in schöner Erinnerung geblieben: {topic}! Ich hoffe, es geht Ihnen gut."],
        "mine": ["ich musste an unser Gespräch denken: {topic}. Ich hoffe, es geht Ihnen gut."],
        "recall": ["ich musste an Ihre Nachricht denken: {topic}. Ich hoffe, es geht Ihnen gut."],
        "interest": ["ich musste an Sie denken: {topic}. Ich hoffe, es geht Ihnen gut."],
        "about": ["ich möchte Ihnen eine Neuigkeit mitteilen: {news} Dabei musste ich an Sie denken."],
        "birthday": ["herzlichen Glückwunsch zum Geburtstag! Ich wünsche Ihnen einen schönen Tag."],
        "plain": ["ich hoffe, es geht Ihnen gut. [Nachricht ergänzen]"],
        "hello": ["es ist schon länger her, und ich musste an Sie denken. Ich hoffe, es geht Ihnen gut."],
    },
    ("fr", "informal"): {
        "open_loop_past": ["alors, {topic}, c'était comment ? Tu me racontes ?", "{topic}, ça s'est bien passé finalement ? J'ai hâte que tu me racontes."],
        "open_loop": ["je pensais à ton projet : {topic} ! Ça avance comment ? J'ai hâte que tu me racontes.",
                      "alors, {topic}, ça se prépare bien ? Je croise les doigts pour toi."],
        "news": ["je repensais à ta nouvelle : {topic} ! Tu me racontes comment ça se passe ?",
                 "j'ai repensé à ce que tu m'avais raconté : {topic} ! Alors, comment ça se passe ?"],
        "mine": ["je repensais à notre discussion sur {topic}. Comment ça va depuis ?",
                 "{topic}, ça m'a fait repenser à toi l'autre jour ! Comment ça va depuis ?"],
        "interest": ["j'ai pensé à toi en voyant passer {topic}. Tu t'y mets toujours ?"],
        "about": ["j'ai une nouvelle à te partager : {news} J'ai tout de suite pensé à toi."],
        "birthday": ["joyeux anniversaire ! Passe une super journée."],
        "plain": ["j'espère que tu vas bien. [message à compléter]"],
        "hello": ["ça fait un bail ! Je pensais à toi. Comment tu vas ?"],
    },
    ("fr", "formal"): {
        "open_loop_past": ["j'espère que {topic} s'est bien passé. Je serais ravi d'en avoir des nouvelles."],
        "open_loop": ["je pensais à votre projet : {topic}. J'espère que tout avance bien, et serais ravi d'avoir de vos nouvelles."],
        "news": ["je repensais à votre nouvelle : {topic}. J'espère que tout se passe bien, et serais ravi d'avoir de vos nouvelles."],
        "mine": ["je repensais à notre échange sur {topic}. J'espère que vous allez bien."],
        "interest": ["j'ai pensé à vous à propos de {topic}. J'espère que vous allez bien."],
        "about": ["je souhaitais vous faire part d'une nouvelle : {news} J'ai pensé à vous."],
        "birthday": ["joyeux anniversaire ! Je vous souhaite une excellente journée."],
        "plain": ["j'espère que vous allez bien. [message à compléter]"],
        "hello": ["cela fait un moment, et je pensais à vous. J'espère que vous allez bien."],
    },
    ("zh", "informal"): {
        "open_loop_past": ["{topic}后来怎么样了？成了吗？跟我说说。", "想起你说的{topic}，后来顺利吗？挺想听你聊聊的。"],
        "open_loop": ["最近想起你说的{topic}，准备得怎么样了？有空跟我说说。",
                      "你说的{topic}，现在进展如何？挺想听你聊聊的。"],
        "news": ["还在想你说的{topic}，真替你高兴！最近怎么样？",
                 "想起你上次说的{topic}，现在怎么样了？"],
        "mine": ["想起我们上次聊的{topic}，你那边后来怎么样？"],
        "interest": ["说到{topic}，就想起你了，最近还在玩吗？"],
        "about": ["跟你说个事：{news} 一下子就想到你了。"],
        "birthday": ["生日快乐！祝你新的一岁一切顺利。"],
        "plain": ["希望一切都好。[补充内容]"],
        "hello": ["好久没聊了，突然想起你。最近怎么样？"],
    },
    ("zh", "formal"): {
        "open_loop_past": ["想起您提到的{topic}，后来一切顺利吗？有空聊聊。"],
        "open_loop": ["想起您上次提到的{topic}，一切还顺利吗？有空聊聊。"],
        "news": ["想起您上次提到的{topic}，真为您高兴。近来一切都好吧？"],
        "mine": ["想起我们上次聊到的{topic}，希望您一切顺利。"],
        "interest": ["说到{topic}，就想起了您，希望您一切都好。"],
        "about": ["跟您分享一个消息：{news} 第一时间就想到了您。"],
        "birthday": ["祝您生日快乐，身体健康，万事如意！"],
        "plain": ["希望您一切都好。[补充内容]"],
        "hello": ["好久没联系了，最近想起您，希望您一切都好。"],
    },
    ("ar", "informal"): {
        "open_loop_past": ["كيف كان {topic}؟ احكِ لي كل شيء!"],
        "open_loop": ["تذكرت {topic}، كيف تسير الأمور؟ يسعدني أن أسمع أخبارك.",
                      "كيف التحضيرات لـ{topic}؟ أتمنى أن يمشي كل شيء كما تريد."],
        "news": ["ما زلت أفكر في خبر {topic}، رائع جداً! كيف الأحوال الآن؟",
                 "تذكرت خبر {topic} اليوم وفرحت من جديد. كيف تسير الأمور؟"],
        "mine": ["تذكرت حديثنا عن {topic}. كيف الأحوال منذ ذلك الحين؟"],
        "interest": ["تذكرتك اليوم بسبب {topic}. هل ما زلت مهتماً به؟"],
        "about": ["عندي خبر أحب أن أشاركك به: {news} وتذكرتك فوراً."],
        "birthday": ["كل عام وأنت بخير! أتمنى لك يوماً جميلاً وسنة رائعة."],
        "plain": ["أتمنى أن تكون بخير. [أكمل الرسالة]"],
        "hello": ["مرّ وقت طويل، وتذكرتك اليوم. كيف حالك؟"],
    },
    ("ar", "formal"): {
        "open_loop_past": ["أرجو أن يكون {topic} قد مرّ على ما يرام. يسعدني أن أسمع أخباركم."],
        "open_loop": ["تذكرت {topic}، وأرجو أن تسير الأمور على ما يرام. يسعدني أن أسمع أخباركم."],
        "news": ["تذكرت خبر {topic}، وأرجو أن تكون الأمور على ما يرام. يسعدني أن أسمع أخباركم."],
        "mine": ["تذكرت حديثنا عن {topic}. أرجو أن تكونوا بخير."],
        "interest": ["تذكرتكم اليوم بسبب {topic}. أرجو أن تكونوا بخير."],
        "about": ["أحببت أن أشارككم خبراً: {news} وتذكرتكم."],
        "birthday": ["كل عام وأنتم بخير! أتمنى لكم يوماً سعيداً."],
        "plain": ["أرجو أن تكونوا بخير. [أكمل الرسالة]"],
        "hello": ["مرّ وقت طويل، وتذكرتكم. أرجو أن تكونوا بخير."],
    },
    ("hi", "informal"): {
        "open_loop_past": ["तुम्हारा {topic} वाला प्रोग्राम कैसा रहा? सब बताना ज़रूर।"],
        "open_loop": ["तुम्हारी {topic} वाली बात याद आई, तैयारी कैसी चल रही है? बताना ज़रूर।",
                      "तुम्हारा {topic} का प्लान कैसा चल रहा है? सुनकर बहुत अच्छा लगा था।"],
        "news": ["तुमने {topic} के बारे में जो बताया था, वो याद आया। अब सब कैसा चल रहा है?",
                 "तुम्हारी {topic} वाली ख़बर अब भी याद है, बहुत बढ़िया! आजकल क्या चल रहा है?"],
        "mine": ["हमारी {topic} वाली बातचीत याद आई। उसके बाद सब कैसा रहा?"],
        "interest": ["{topic} देखकर तुम्हारी याद आई। अब भी करते हो?"],
        "about": ["एक ख़बर है: {news} सबसे पहले तुम्हारी याद आई।"],
        "birthday": ["जन्मदिन की बहुत-बहुत शुभकामनाएँ! तुम्हारा दिन शानदार हो।"],
        "plain": ["आशा है सब ठीक है। [संदेश जोड़ें]"],
        "hello": ["बहुत दिन हो गए, अचानक तुम्हारी याद आई। कैसे हो?"],
    },
    ("hi", "formal"): {
        "open_loop_past": ["आशा है {topic} अच्छा रहा। आपसे सुनकर ख़ुशी होगी।"],
        "open_loop": ["आपने {topic} के बारे में जो बताया था, वह याद आया। आशा है सब अच्छा चल रहा है।"],
        "news": ["आपने {topic} के बारे में जो बताया था, वह याद आया। आशा है सब अच्छा चल रहा है, आपकी ख़बर सुनकर ख़ुशी होगी।"],
        "mine": ["हमारी {topic} वाली बातचीत याद आई। आशा है आप कुशल से होंगे।"],
        "interest": ["{topic} देखकर आपकी याद आई। आशा है आप अच्छे होंगे।"],
        "about": ["एक ख़बर साझा करना चाहता था: {news} आपकी याद आई।"],
        "birthday": ["जन्मदिन की हार्दिक शुभकामनाएँ! आपका दिन मंगलमय हो।"],
        "plain": ["आशा है आप कुशल से होंगे। [संदेश जोड़ें]"],
        "hello": ["काफ़ी समय हो गया, आपकी याद आई। आशा है आप स्वस्थ और प्रसन्न होंगे।"],
    },
}

# words that mark a plan still ahead: the talking point is an open loop to follow up
_AHEAD = re.compile(
    r"\b(next|will|going to|gonna|booked|planning|plan|plans|organising|organizing|signed up|registered|"
    r"start(ing)? at|heading|soon|who's in|nächste[nrs]?|werde|angemeldet|geplant|bald|prochain|prochaine|vais|"
    r"inscrite?|bientôt|emménage|prossim\w*|inauguriamo)\b|下个月|下周|明年|准备|打算|报名|月底|"
    r"القادم|سوف|سأ|تبدأ|अगले|जा रही|जा रहा|होगा|शुरू हो", re.I)
_SCRIPT = {"en": "Latn", "de": "Latn", "fr": "Latn", "zh": "Hani", "ar": "Arab", "hi": "Deva"}


@dataclass
class OfflineDraft:
    text: str
    language: str
    hook: dict
    cited_ids: list[int]
    rationale: str
    outcome: str  # ready | needs_fill
    duplicate: bool = False  # every variant repeats a text already approved, sent or dismissed


def similar(a: str, b: str) -> float:
    def fold(s: str) -> str:
        return re.sub(r"\s+", " ", (s or "").casefold()).strip()

    return SequenceMatcher(None, fold(a), fold(b)).ratio()


_FALLBACK = {"recall": "mine"}
OLD_NEWS_DAYS = 180  # their news older than this is not asked about in the present ("how is it going?")
STALE_UNDATED_DAYS = 365  # an undated plan said longer ago than this is no longer open: "our chat about it"
# the ranking's category -> the form it is written with
_FORM = {"news": "news", "shared_interest": "interest", "birthday": "birthday", "left_off": "mine", "about": "about"}


def _kind(ctx: DraftContext, anchor) -> str:
    """The form for the talking point: the ranking's category when it gives one (an open loop whose day has
    passed is asked about in the past, one still ahead is looked forward to), else guessed from the words."""
    if ctx.about:
        return "about"
    category = getattr(ctx.hook, "category", "") or ""
    if category:
        if category == "open_loop":
            event_ts = getattr(ctx.hook, "event_ts", None)
            if event_ts:
                return "open_loop_past" if ctx.date_of(event_ts) < ctx.today else "open_loop"
            if anchor is not None and (ctx.today - ctx.date_of(anchor.ts)).days > STALE_UNDATED_DAYS:
                return "mine"
            return "open_loop"
        if category == "news" and anchor is not None and anchor.author == "me":
            return "mine"
        if category in ("news", "left_off") and anchor is not None \
                and (ctx.today - ctx.date_of(anchor.ts)).days > OLD_NEWS_DAYS:
            return "recall"  # news from over half a year ago: "our chat about X, how have things been since?"
        return _FORM.get(category, "mine")
    raw = (getattr(ctx.hook, "kind", "") or "").lower()
    if anchor is not None and anchor.author == "me":
        return "mine"
    if anchor is not None and (ctx.today - ctx.date_of(anchor.ts)).days > OLD_NEWS_DAYS and raw != "interest":
        return "recall"
    if raw == "interest" and getattr(ctx.hook, "topic", ""):
        return "interest"
    if anchor is not None and _AHEAD.search(anchor.text or ""):
        return "open_loop"
    return "news"


def _greeting(ctx: DraftContext, lang: str, register: str) -> str:
    name = ctx.address or ctx.contact.name
    if _SCRIPT[lang] == "Latn" and re.search(f"[{ARABIC}{DEVANAGARI}{HAN}]", name):
        from assistant.drafting.context import first_name

        name = first_name(ctx.contact.name)  # "عمر" in an English draft: the name as stored, in its first form
    word = ctx.greeting_word or (ctx.style.get("greeting") or "")
    if word and lang == ctx.profile.lang and _GREETING_LANG.get(word.casefold(), lang) == lang:
        ctx.greeting_word = word[:1].upper() + word[1:]
        if lang == "zh":
            return f"{name}，"
        informal_word = ctx.greeting_word.casefold() in ("salut", "coucou", "hi", "hey", "hello", "hiya", "yo", "oh")
        sep = " !" if lang == "fr" and informal_word else "!" if lang == "en" and informal_word else ","
        return f"{ctx.greeting_word} {name}{sep if lang != 'ar' else '،'}"
    return GREETING[(lang, register)].format(name=name)


_GREETING_LANG = {w: lg for lg, ws in {
    "en": "hi hey hello hiya yo oh dear morning", "de": "hallo moin servus liebe lieber",
    "fr": "salut coucou bonjour bonsoir cher chère", "it": "ciao buongiorno cara caro", "es": "hola", "pt": "olá oi",
}.items() for w in ws.split()}  # a learnt "Salut" stays out of an English draft


def _pick(options: list[str], seed: str, avoid: list[str], render) -> tuple[str, bool]:
    """The first variant (in an order fixed by `seed`) whose text repeats nothing in `avoid`."""
    start = int(hashlib.sha256(seed.encode()).hexdigest(), 16) % len(options)
    order = options[start:] + options[:start]
    for o in order:
        text = render(o)
        if all(similar(text, a) < DUPLICATE for a in avoid):
            return text, False
    return render(order[0]), True


def compose(ctx: DraftContext) -> OfflineDraft:
    wanted = ctx.profile.lang
    note = ""
    lang = wanted
    if lang not in SIX:
        from assistant.text.language import LANGUAGE_NAMES

        lang = getattr(ctx, "user_lang", "") or "en"
        note = (f"no offline forms in {LANGUAGE_NAMES.get(wanted, wanted)}: written in "
                f"{LANGUAGE_NAMES.get(lang, lang)}, translate before sending")
    register = ctx.profile.register.level if ctx.profile.register.level in ("formal", "informal") else "informal"
    forms = FORMS[(lang, register)]
    # Their own words (or the user's), never a third person's, nothing delicate, nothing tender.
    usable = [ctx.messages[i] for i in ctx.hook_ids
              if i in ctx.messages and not ctx.messages[i].suspicious and not _delicate(ctx.messages[i])
              and ctx.messages[i].author in ("contact", "me") and i not in ctx.tender_ids]
    anchor = next((m for m in usable if m.author == "contact"), usable[0] if usable else None)
    topic = ""
    if anchor is not None:
        label = (getattr(ctx.hook, "topic", "") or "").strip()
        plan = (getattr(ctx.hook, "plan", "") or "").strip()
        script = _SCRIPT[lang]
        if label in NOT_PURSUITS:  # "family & kids made me think of you, are you still at it?": no
            label = ""
        if re.search(r"[.!?。！？;؟।]", label):  # a clause, not a name ("ausgesprochen haben. Lass")
            label = ""
        if label and label != plan and len(label) <= 32 and _script_ok(label, script):
            topic = label
        else:  # the plan's date words ("fin novembre") are when, not what: the topic comes from the message
            names = (ctx.user_name, ctx.contact.name, ctx.address, *([plan] if plan else []))
            text_lang = _text_lang(anchor.text) or (wanted if wanted in SIX else lang)
            topic = topic_phrase(anchor.text, text_lang, script=script, exclude=names)
            if not topic and script != "Latn":  # a brand or a place in Latin letters reads fine in zh/ar/hi
                topic = topic_phrase(anchor.text, text_lang, script="Latn", proper=True, exclude=names)
            if _weak(topic):
                topic = ""
            if not topic:  # the thread's subject, in their words just before or after ("the Amsterdam offer")
                for m in _thread_of(ctx, anchor):
                    topic = topic_phrase(m.text, _text_lang(m.text) or text_lang, script=script, exclude=names)
                    if topic and not _weak(topic):
                        anchor = m
                        break
    kind = _kind(ctx, anchor) if topic else ("about" if ctx.about else "hello")
    if kind == "interest" and topic not in (getattr(ctx.hook, "topic", "") or "",):
        kind = "news" if anchor is not None and anchor.author == "contact" else "mine"
    cold = not ctx.about and _cold(ctx)
    if cold:  # a recruiter, a pitch, a stranger's intro: nothing shared to name, no closeness to claim
        kind, topic, anchor = "plain", "", None
    if ctx.occasion and ctx.occasion[0] == "birthday":
        kind = "birthday"
    greeting = _greeting(ctx, lang, register)
    news = _news(ctx.about) if ctx.about else ""

    def render(form: str) -> str:
        named = topic
        if lang == "en" and kind in ("open_loop_past", "news", "mine", "recall", "about") and "your {topic}" not in form.casefold():
            named = english_noun_phrase(topic)
        body = re.sub(r"\n[ \t]+", "\n", form.format(topic=named, news=news))
        return _join(greeting, body, lang, ctx.style.get("signoff"))

    # "recall" (their news from long ago) is written with the "mine" forms where a language has none of its own
    text, duplicate = _pick(forms.get(kind) or forms.get(_FALLBACK.get(kind, "hello")) or forms["hello"], f"{ctx.contact.id}/{kind}/{_seed_topic(topic)}", ctx.avoid_texts,
                            render)
    cited = [anchor.id] if anchor is not None and topic and kind != "hello" else []
    if cold:
        rationale = ("a cold contact (their messages are a pitch or an introduction): a plain note, nothing "
                     "shared to name; add what you'd like to say")
        outcome = "needs_fill"
        hook = {"kind": "none", "note": "cold contact: plain note"}
    elif kind == "hello" and not ctx.about:
        rationale = "no talking point found: a short hello, add something you'd like to share"
        outcome = "needs_fill"
        hook = {"kind": "none", "note": "no talking point found"}
    else:
        whose = "their" if anchor is not None and anchor.author == "contact" else "your"
        rationale = (f"{kind.replace('_', ' ')}: {whose} message [#{anchor.id}] about {topic}" if cited
                     else f"{kind.replace('_', ' ')}")
        outcome = "ready"
        hook = {"kind": getattr(ctx.hook, "kind", kind) or kind, "form": kind, "topic": topic,
                "ts": anchor.ts if anchor is not None else None, "message_ids": cited,
                "author": anchor.author if anchor is not None else ""}
    if note:
        rationale = f"{rationale}; {note}"
    return OfflineDraft(text.strip(), lang, hook, cited, rationale, outcome, duplicate)


def _seed_topic(topic: str) -> str:
    """The topic without a leading article: the variant picked for "die Zugspitze" is the one for "Zugspitze"."""
    return without_article(topic)


def _text_lang(text: str) -> str:
    """The language the message itself is in (a French line in an English conversation is read as French)."""
    from assistant.text.language import detect

    try:
        code = getattr(detect(text), "lang", "") or ""
    except Exception:  # noqa: BLE001 - no detector: the draft's language
        return ""
    return code if code in SIX else ""


def _script_ok(label: str, script: str) -> bool:
    if script == "Latn":
        return bool(re.fullmatch(r"[\w\s&'’.-]+", label, re.ASCII) or re.search(r"[A-Za-zÀ-ɏ]", label)) and not re.search(
            f"[{ARABIC}{DEVANAGARI}{HAN}]", label)
    pattern = {"Hani": f"[{HAN}]", "Arab": f"[{ARABIC}]", "Deva": f"[{DEVANAGARI}]"}[script]
    return bool(re.search(pattern, label)) or bool(re.fullmatch(r"[A-Za-z0-9 &.-]+", label))


def _news(about: str) -> str:
    """The user's news in a line: its first sentence, plus any labelled facts that follow it as "Label: value"
    parts after " · " (how an announcement's key facts arrive: what, when, the link), verbatim, a line each."""
    head, *facts = [p.strip() for p in about.split(" · ")]
    facts = [f for f in facts if re.match(r"^[^:：]{1,20}[:：]\s*\S", f)]
    return "\n".join([_first_sentence(head), *facts, ""]) if facts else _first_sentence(head)


def _first_sentence(text: str, limit: int = 140) -> str:
    s = " ".join((text or "").split())
    m = re.match(r"(.+?[.!?。！？])(\s|$)", s)
    s = m.group(1) if m else s
    if len(s) > limit:  # a headline, not a paste: the first clause
        s = re.split(r"[,;:，；：]", s)[0][:limit].rstrip() + "."
    return s if s.endswith((".", "!", "?", "。", "！", "？")) else s + "."


def _join(greeting: str, body: str, lang: str, signoff: str | None) -> str:
    if lang == "zh":
        text = f"{greeting}{body}"
    elif lang == "en" and greeting.endswith(","):  # "Dear Anna," then the message on its own line
        text = f"{greeting}\n{body[:1].upper() + body[1:]}"
    elif greeting.endswith((",", "،")):
        # after "Hallo Anna," the sentence goes on in lower case
        text = f"{greeting} {body}"
    else:
        text = f"{greeting} {body[:1].upper() + body[1:]}"
    if signoff:
        text = f"{text}\n{signoff[:1].upper() + signoff[1:]}"
    return text


# interest labels that are parts of life, not pursuits: never "X made me think of you, are you still at it?"
NOT_PURSUITS = {"family & kids", "pets", "career & jobs", "finance & investing", "startups & business", "travel",
                "languages & learning", "programming", "distributed systems", "machine learning & AI"}
THREAD_GAP = 36 * 3600


_DETERMINERS = frozenset("the a an your my our his her their its this that these those some any no every each".split())


def english_noun_phrase(topic: str) -> str:
    """The topic as English reads it after "about" or "How did": a phrase of common nouns takes "the" ("our chat
    about the broken-stopwatch analogy", "How did the job interview go?"). Names ("Fuji", "Money20/20", "New
    York"), single words (music, climbing: often uncountable), plurals and phrases with a determiner stay bare."""
    words = topic.split()
    if len(words) < 2 or not re.fullmatch(r"[A-Za-z][A-Za-z'\-]*", words[-1]):
        return topic
    if words[0].casefold() in _DETERMINERS or any(w[:1].isupper() or w[:1].isdigit() for w in words):
        return topic
    if words[-1].endswith(("s", "ing")) and not words[-1].endswith(("ss", "us")):
        return topic  # "tea gardens", "the climbing" would not read
    return "the " + topic


def _weak(topic: str) -> bool:
    """One common word ("Family" at the start of a sentence, "Coffee"): names no subject of theirs."""
    if not topic or " " in topic.strip():
        return False
    try:
        from assistant.retrieval.interests import LEXICON
    except ImportError:
        return False
    words = {k.strip().casefold() for kws in LEXICON.values() for k in kws}
    words |= {w.casefold() for label in LEXICON for w in re.split(r"[\s&/]+", label) if len(w) > 2}
    return topic.casefold() in words


def _thread_of(ctx: DraftContext, anchor) -> list:
    """The contact's other usable messages in the anchor's thread (within THREAD_GAP), nearest first."""
    out = [m for m in ctx.messages.values()
           if m.id != anchor.id and m.author == "contact" and abs(m.ts - anchor.ts) <= THREAD_GAP
           and m.group == anchor.group and not m.suspicious and not _delicate(m) and m.id not in ctx.tender_ids]
    from assistant.text.hookable import not_a_hook

    return sorted((m for m in out if not not_a_hook(m.text)), key=lambda m: abs(m.ts - anchor.ts))


def _cold(ctx: DraftContext) -> bool:
    """Someone the user knows only from a pitch or an introduction (a recruiter, a salesperson, a stranger
    who wrote first) and no real exchange since (`text.hookable.cold_contact`)."""
    from assistant.text.hookable import cold_contact

    stats = ctx.stats
    return cold_contact(stats["first_in"], stats.get("received") or 0, shares_group=bool(stats.get("groups")))


def _delicate(m) -> bool:
    return bool(m.sensitive or is_sensitive(m.text))


# the forms, for the prompt hash of offline drafts
TEMPLATES = {(lang, reg): {**forms, "_greeting": [GREETING[(lang, reg)]]} for (lang, reg), forms in FORMS.items()}

__all__ = ["FORMS", "OfflineDraft", "TEMPLATES", "compose", "similar"]
