"""Messages that are not conversation, and so never a talking point, whatever else they say.

`not_a_hook(text)` returns why a message cannot be a talking point, or None:

- "system": notices an app or an exporter writes ("Messages and calls are end-to-end encrypted", "X joined
  using this group's invite link", "You deleted this message", "消息已撤回", "Missed voice call"), whoever
  the importer put as the author;
- "media": a media placeholder ("<Media omitted>", "[图片]", "image omitted", "‎sticker omitted");
- "link": a link with no words of its own;
- "pitch": cold outreach, recruiting and sales ("Your background looks like a great fit", "open to a quick
  call", "我们正在招聘");
- "intro": someone introducing themselves ("Hi, I'm Tom from the Go meetup", "Je m'appelle", "我是…的");
- "farewell": goodbyes at a job's or a chat's end ("Sad to see you go", "bonne continuation", "alles Gute
  für die Zukunft");
- "broadcast": a line addressed to a whole group or list, not to the person ("Hi all", "@all", "大家好",
  "Hallo zusammen", "Bonjour à tous", "Hola a todos", "مرحبا بالجميع", "सभी को नमस्ते"): nothing the two
  of them share personally (a plan they organise and invite the group to, "who's in?", stays theirs);
- "advice": advice given to the user ("you should", "du solltest", "tu devrais", "你应该", "لازم تـ");
- "ask": money requests, account/card numbers, instruction-like lines (the ask detector plus number and
  prompt-like patterns): such a line is never quoted back to anyone.

These are rules on the shape of a message (the wording of notices, pitches and goodbyes is formulaic);
what a whole thread is about (a quarrel, a loss) is `assistant.text.sensitive`'s business.
"""

from __future__ import annotations

import re

from assistant.text.scripts import HAN

_I = re.I | re.U

SYSTEM = re.compile(
    r"end-to-end encrypted|end-to-end-verschlüsselt|chiffrés de bout en bout|端到端加密|مشفرة بين الطرفين|"
    r"एंड-टू-एंड एन्क्रिप्टेड|security code (with|changed)|Sicherheitsnummer|code de sécurité|"
    r"joined using this group'?s invite link|\b(added|removed|left|joined)\b.{0,40}\b(group|chat)?$|"
    r"created (the )?group|changed (the|this) group|changed the subject|changed their phone number|"
    r"this message was deleted|you deleted this message|message deleted|diese nachricht wurde gelöscht|"
    r"ce message a été supprimé|消息已撤回|撤回了一条消息|邀请.{0,20}加入了群聊|加入了群聊|"
    r"missed (voice|video) call|verpasster (sprach|video)?anruf|appel (vocal |vidéo )?manqué|"
    r"^\s*(voice|video) call\b|^\s*\[?(语音通话|视频通话)|"
    r"disappearing messages|is a contact|tap to learn more|waiting for this message|"
    r"^\s*(pinned|unpinned) a message|^\s*\[(system|系统)( message| 消息)?\]",
    _I,
)
MEDIA = re.compile(
    r"^\W*(<?(media|image|video|audio|sticker|gif|document|photo|contact card) omitted>?|<媒体已省略>|"
    r"<Medien ausgeschlossen>|<Médias omis>|\[(图片|照片|视频|语音|表情|动画表情|文件|位置|名片|sticker|photo|image|"
    r"video|voice message|file|location|contact)\]|\((photo|video|file|sticker|voice message)\)|"
    r"‎?(image|video|audio|sticker|GIF|document) omitted)\W*$",
    _I,
)
_URL = re.compile(r"https?://\S+|www\.\S+", _I)
_WORD = re.compile(rf"[^\W\d_]{{2,}}|[{HAN}]", re.U)

PITCH = re.compile(
    r"\b(we['’]re hiring|we are hiring|i['’]m (a|an) (recruiter|talent)|talent (partner|acquisition)|"
    r"(great|perfect|strong) (fit|match) for|your (background|profile|experience) (looks|seems|is)|"
    r"open to (a )?(quick )?(call|chat|new opportunities)|exciting (opportunity|role)|"
    r"(book|schedule) a (demo|call)|free trial|limited (time )?offer|special offer|discount code|"
    r"unsubscribe|reach out (to you )?about (a|an) (role|position|opportunity)|"
    r"nous recrutons|opportunité (de poste|professionnelle)|votre profil (correspond|m['’]intéresse)|"
    r"wir suchen (eine|einen)|ihr profil|spannende (position|stelle|möglichkeit)|"
    r"我们(正在|在)?招聘|猎头|内推机会|职位机会|诚邀|优惠|限时|"
    r"soy (reclutador|reclutadora|headhunter)|tu perfil (encaja|es perfecto)|su perfil (encaja|es perfecto)|"
    r"oportunidad laboral|estamos contratando|llamada rápida|"
    r"فرصة عمل|نبحث عن|وظيفة شاغرة|عرض خاص|"
    r"नौकरी का अवसर|हम भर्ती|ऑफर)\b",
    _I,
)
INTRO = re.compile(
    r"^\W*(hi|hello|hey|dear|bonjour|salut|hallo|guten tag|你好|您好|مرحبا|السلام عليكم|नमस्ते)?[\s,!.]*"
    r"(\w+\s*,?\s*)?(i['’]m|i am|my name is|this is|je m['’]appelle|je suis|ich bin|mein name ist|hier ist|"
    r"我是|我叫|اسمي|أنا|انا|मेरा नाम|मैं .{1,20} हूँ)\s+\S+.{0,60}\b(from|at|de|von|bei|du|chez|的|من|से)\b",
    _I,
)
INTRO_HERE = re.compile(r"^\W*(hi|hello|hey|salut|hallo)?[\s,!.]*(\w+\s*,?\s*)?\w+ here (from|at)\b|"
                        r"\bc['’]est \w+ (de|du) |\bhier ist \w+ (von|aus)\b", _I)
FAREWELL = re.compile(
    r"\b(sad to see you go|good luck (with|in|on) (your|the) (next|new)|all the best (for|with|in) (the future|your next)|"
    r"best of luck|farewell|it was a pleasure working|last day (at|here)|"
    r"bonne continuation|bon vent|c['’]était un plaisir de travailler|"
    r"alles gute für (die zukunft|deinen weiteren|ihren weiteren)|viel erfolg (bei|im|in) (deinem|ihrem) (neuen|weiteren)|"
    r"machs gut|today is my last day|(c['’]est )?mon dernier jour (chez|dans|au bureau|ici|avec vous)|"
    r"mein letzter (arbeits)?tag|heute ist mein letzter|mi último día|me despido|hasta siempre|"
    r"leaving the group|i['’]m leaving (the team|the company|this group))\b|我要离职了|最后一天上班|退群了|"
    r"آخر يوم لي|आखिरी दिन|祝你前程似锦|一路顺风|后会有期|有缘再见|祝.{0,6}(前程|一切顺利)|"
    r"مع السلامة|بالتوفيق في|وداعا|अलविदा|शुभकामनाएं आगे",
    _I,
)
# Addressed to everyone: the opening words of a mail or a group message ("Hi all, ...", "大家好"), or a mention
# of everyone anywhere.
BROADCAST = re.compile(
    r"^\W*(hi|hello|hey|dear|morning|good morning)\s+(all|everyone|everybody|folks|team|guys|y['’]all|friends)\b|"
    r"^\W*(hallo|hi|moin|liebe|servus|guten morgen)\s+(zusammen|alle|ihr lieben|leute|allerseits)\b|"
    r"^\W*(bonjour|salut|coucou|hello)\s+(à tous|a tous|à toutes|tout le monde|la compagnie|les amis)\b|"
    r"^\W*(hola|buenas|buenos días)\s+(a todos|a todas|chicos|chicas|equipo|gente)\b|"
    r"^\W*(大家好|各位|亲们|同学们|朋友们)|"
    r"^\W*(مرحبا|مرحباً|السلام عليكم|صباح الخير|هلا)\s+(بالجميع|جميعا|جميعاً|يا جماعة|يا شباب)|"
    r"^\W*(सभी को|सबको|नमस्ते सभी|हैलो सब|सब लोग)|"
    r"(^|\s)@(all|everyone|channel|here|所有人|全体成员)\b|@所有人",
    _I,
)
ADVICE = re.compile(
    r"(^|[.!?]\s*)(you should|you need to|you must|you have to|my advice|if i were you|trust me,|"
    r"tu devrais|tu dois|vous devriez|à ta place|mon conseil|"
    r"du solltest|du musst|sie sollten|an deiner stelle|mein rat|"
    r"你应该|你得|你最好|建议你|听我的|"
    r"لازم ت|يجب أن ت|نصيحتي|لو كنت مكانك|"
    r"तुम्हें .{0,20} चाहिए|आपको .{0,20} चाहिए|मेरी सलाह)",
    _I,
)
# Account / card / IBAN numbers. Instruction-like lines (prompt injection) are `assistant.text.hostile`'s.
ACCOUNT = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}\b|(?<!\d)(?:\d[ -]?){12,19}(?!\d)|"
                     r"\b(iban|swift|bic|routing number|sort code|account (no|number)|card number)\b|账号|卡号|"
                     r"رقم الحساب|खाता संख्या", _I)
FAVOUR = re.compile(r"\b(a favou?r|do me a favou?r|un service|rends-moi service|einen gefallen|tu mir einen)\b|"
                    r"帮个忙|帮我一个忙|خدمة|معروف|एक काम कर|एक favou?r|\bek favou?r", _I)
def not_a_hook(text: str) -> str | None:
    """Why this message can never be a talking point ('system', 'media', 'link', 'pitch', 'intro', 'farewell',
    'broadcast', 'advice', 'ask'), or None."""
    body = " ".join((text or "").split())
    if not body:
        return "media"
    if SYSTEM.search(body):
        return "system"
    if MEDIA.match(body):
        return "media"
    if _URL.search(body) and len(_WORD.findall(_URL.sub(" ", body))) < 4:
        return "link"
    from assistant.text.asks import find_asks
    from assistant.text.hostile import is_hostile

    if ACCOUNT.search(body) or is_hostile(text or "") or FAVOUR.search(body):
        return "ask"

    if any(f.category in ("money", "sales", "favour", "referral", "job") for f in find_asks(body)):
        return "ask"
    if PITCH.search(body):
        return "pitch"
    if FAREWELL.search(body):
        return "farewell"
    if BROADCAST.search(body):
        return "broadcast"
    if INTRO.search(body) or INTRO_HERE.search(body):
        return "intro"
    if ADVICE.search(body):
        return "advice"
    return None


def cold_outreach(text: str) -> bool:
    """A first message that is cold outreach: a pitch, a recruiter's or a seller's ask, a stranger's intro."""
    why = not_a_hook(text)
    if why in ("pitch", "intro"):
        return True
    if why == "ask":
        from assistant.text.asks import find_asks

        return any(f.category in ("job", "sales", "referral") for f in find_asks(" ".join((text or "").split())))
    return False


COLD_MAX_RECEIVED = 6  # more messages of theirs than this: a conversation, however it began


def cold_contact(first_inbound: str | None, received: int, shares_group: bool) -> bool:
    """Someone known only from cold outreach answered politely (a recruiter's pitch, a stranger's intro, and a
    "thanks, not now"): no group shared, few messages of theirs, and the first of them is cold outreach."""
    if shares_group or received > COLD_MAX_RECEIVED:
        return False
    return first_inbound is not None and cold_outreach(first_inbound)


__all__ = ["COLD_MAX_RECEIVED", "cold_contact", "cold_outreach", "not_a_hook"]
