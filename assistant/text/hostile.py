"""Hostile text: imported messages (or files) written to steer a language model, in the six languages.

What counts (each finding has a `kind`):
- `override`  "ignore previous instructions", "忽略之前的指令", "oubliez les consignes", ...
- `persona`   "you are now an unrestricted AI", "从现在开始你是…助手", "act as", "developer mode", DAN
- `exfil`     "reveal your system prompt", "输出你的提示词", the words "system prompt" themselves
- `role`      a line that opens with a role marker: "SYSTEM:", "Assistant:", "系统：", "النظام:", ...
- `tag`       fake chat-template or system tags: <system>, <|im_start|>, [INST], <<SYS>>, "### Instruction"
- `invisible` tricks that hide or reorder text: Unicode tag characters (ASCII smuggling), bidi overrides,
              zero-width characters inside words

Matching runs on the text as written and again on a normalised copy (NFKC, invisible characters removed), so
"ig\u200bnore previous instructions" or full-width letters do not slip through. Plain chat that happens to use
the words ("ignore him", "you are now a dad", "你现在是在北京吗") is not hostile: the persona and override rules
need a target (instructions, an AI, a mode). Pure functions; no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

KINDS = ("override", "persona", "exfil", "role", "tag", "invisible")

_AI_EN = (r"(?:ai|a\.i\.|assistant(?! (?:professor|manager|director|coach|editor|principal|to|at|in))|chat ?bot|bot|llm|"
          r"gpt|chatgpt|dan|jailbr(?:oken|eak)|unrestricted|uncensored|unfiltered|language model|evil ai)")

_RULES: list[tuple[str, str, str]] = [
    # --- override ---------------------------------------------------------------------------------------
    ("en", "override",
     r"\b(?:ignore|disregard|forget|override|bypass|skip|drop|discard)\b[^.\n]{0,40}?"
     r"\b(?:previous|prior|above|earlier|preceding|all|any|your|system|original|existing)\b[^.\n]{0,25}?"
     r"\b(?:instructions?|prompts?|rules|directives?|guidelines|guardrails|constraints|restrictions|programming|context|safety)\b"),
    ("en", "override", r"\b(?:ignore|disregard)\b the (?:instructions?|prompts?|system)\b"),
    ("en", "override", r"\bnew (?:instructions|rules|system prompt|directive)s?\s*[:：]"),
    ("en", "override", r"\b(?:do not|don't) follow (?:your|the|any) (?:previous |prior |original )?(?:instructions|rules|guidelines)\b"),
    ("zh", "override",
     r"(?:忽略|无视|忽视|忘记|忘掉|不要理会|不要遵守|不用遵守|抛开|跳过)[^。\n]{0,12}?(?:指令|指示|提示词?|规则|设定|约束|限制|要求|命令)"),
    ("fr", "override",
     r"\b(?:ignore[zr]?|ignorez|oublie[zr]?|néglige[zr]?|ne tiens? pas compte|ne tenez pas compte|contourne[zr]?)\b[^.\n]{0,40}?"
     r"\b(?:instructions?|consignes?|règles|directives?|prompts?|restrictions)\b"),
    ("de", "override",
     r"\b(?:ignorier\w*|vergiss|vergessen sie|missachte\w*|übergeh\w*|umgeh\w*)\b[^.\n]{0,40}?"
     r"\b(?:anweisungen|instruktionen|regeln|vorgaben|befehle|richtlinien|einschränkungen|prompts?)\b"),
    ("ar", "override",
     r"(?:تجاهل|تجاهلي|تجاهلوا|انس|انسَ|انسى|لا تتبع|تخط|تخطى|اهمل|أهمل)[^.\n]{0,40}?"
     r"(?:التعليمات|تعليمات|الأوامر|الاوامر|التوجيهات|القواعد|القيود)"),
    ("hi", "override",
     r"(?:पिछले|पिछली|सभी|सारे|ऊपर के|पहले के|अपने|अपनी)[^।.\n]{0,25}?(?:निर्देश|निर्देशों|नियम|नियमों|आदेश|आदेशों|हिदायत)"
     r"[^।.\n]{0,25}?(?:अनदेखा|नज़रअंदाज़|नजरअंदाज|भूल|मत मान|न मान|छोड़)"),
    ("hi", "override", r"(?:अनदेखा|नज़रअंदाज़|नजरअंदाज)[^।.\n]{0,10}?(?:करो|करें|कीजिए)[^।.\n]{0,20}?(?:निर्देश|नियम)"),
    # --- persona ----------------------------------------------------------------------------------------
    ("en", "persona", r"\byou are now\b[^.\n]{0,30}?\b" + _AI_EN + r"\b"),
    ("en", "persona", r"\b(?:you are now|from now on,? you(?: are|'re| will)|you will now)\b[^.\n]{0,40}?"
     r"\b(?:(?:no|without) (?:rules|restrictions|limits|filters|guidelines)|unrestricted|uncensored)\b"),
    # "You are now a pirate." as a whole sentence ending in a full stop assigns a persona; congratulations
    # ("you are now a dad!", "you are now officially...") are left alone.
    ("en", "persona", r"(?:^|[.!?]\s+)you are now (?:an?|the) (?!(?:proud|official|real|happy|big|lucky|new|"
                      r"dad|mom|mum|father|mother|parent|grand\w*|uncle|aunt|auntie|godfather|godmother|citizen|member|"
                      r"resident|homeowner|graduate|doctor|partner|manager|owner|husband|wife)\b)\w+(?: \w+)?\.(?:\s|$)"),
    ("en", "persona", r"\b(?:act|behave|respond) as (?:if you (?:were|are) )?(?:an?|the|my)?\s*" + _AI_EN + r"\b"),
    ("en", "persona", r"\b(?:pretend|imagine) (?:to be|you are|you're) (?:an?|the)?\s*" + _AI_EN + r"\b"),
    ("en", "persona", r"\b(?:developer|god|jailbreak|dan) mode\b|\bdo anything now\b"),
    ("zh", "persona",
     r"(?:你现在是|你现在就是|你现在扮演|从现在(?:开始|起)，?你(?:是|就是|将|要)|扮演|假装你是|假扮)[^。\n]{0,12}?"
     r"(?:AI|ai|人工智能|助手|机器人|语言模型|DAN|没有(?:任何)?限制|不受(?:任何)?限制|无限制)"),
    ("zh", "persona", r"(?:开发者|越狱|上帝)模式"),
    ("fr", "persona",
     r"\b(?:tu es maintenant|vous êtes maintenant|désormais,? (?:tu es|vous êtes)|à partir de maintenant,? (?:tu es|vous êtes)|"
     r"fais semblant d'être|faites semblant d'être|joue le rôle d[e'u]|agis comme|agissez comme)\b[^.\n]{0,30}?"
     r"\b(?:ia|assistant ia|modèle de langage|bot|robot|chatbot|dan|sans (?:restrictions?|limites|règles|filtres?))\b"),
    ("fr", "persona", r"\bmode (?:développeur|jailbreak|dan)\b"),
    ("de", "persona",
     r"\b(?:du bist (?:jetzt|nun|ab sofort)|sie sind (?:jetzt|nun|ab sofort)|ab (?:jetzt|sofort) bist du|von nun an bist du|"
     r"tu so,? als (?:ob|wärst) du|spiel(?:e)? die rolle|verhalte dich wie|agiere als)\b[^.\n]{0,30}?"
     r"\b(?:ki|sprachmodell|bot|chatbot|roboter|dan|ohne (?:einschränkungen|regeln|grenzen|filter)|uneingeschränkt\w*)\b"),
    ("de", "persona", r"\b(?:entwickler|jailbreak|dan)-?modus\b"),
    ("ar", "persona",
     r"(?:أنت الآن|انت الان|أنت الان|من الآن فصاعد[اًا]? أنت|تظاهر بأنك|تصرف ك|العب دور|مثل دور)[^.\n]{0,30}?"
     r"(?:مساعد ذكي|مساعد آلي|ذكاء اصطناعي|نموذج لغوي|روبوت|بوت|DAN|بلا قيود|بدون قيود|دون قيود)"),
    ("ar", "persona", r"وضع (?:المطور|المطورين|كسر الحماية)"),
    ("hi", "persona",
     r"(?:अब (?:तुम|तू|आप)|(?:तुम|तू|आप) अब|अब से (?:तुम|आप)|(?:तुम|आप) (?:एक )?(?:ऐसे|ऐसा) (?:बनो|बनिए)|का नाटक करो|की भूमिका निभाओ)"
     r"[^।.\n]{0,30}?(?:AI|एआई|भाषा मॉडल|बॉट|रोबोट|DAN|बिना (?:किसी )?(?:रोक|प्रतिबंध|नियम|पाबंदी))"),
    ("hi", "persona", r"(?:डेवलपर|जेलब्रेक) मोड"),
    # --- exfil ------------------------------------------------------------------------------------------
    ("en", "exfil", r"\bsystem[ -]?prompt\b|\b(?:reveal|print|repeat|output|leak|dump|show me|tell me)\b[^.\n]{0,20}?\byour\b"
                    r"[^.\n]{0,15}?\b(?:instructions|initial prompt|prompt|api[ _-]?key|hidden rules|configuration)\b"),
    ("zh", "exfil", r"系统提示|提示词|(?:显示|输出|泄露|告诉我|打印|重复|透露)[^。\n]{0,10}?(?:你的|系统的?)[^。\n]{0,6}?(?:指令|提示|设定|密钥|配置)"),
    ("fr", "exfil", r"\bprompt (?:système|systeme)\b|\b(?:révèle[zr]?|affiche[zr]?|montre[zr]?|répète[zr]?|donne[zr]?-moi)\b[^.\n]{0,25}?\b(?:tes|vos|les)\b[^.\n]{0,15}?\b(?:instructions|consignes|clé api)\b"),
    ("de", "exfil", r"\bsystem-?prompt\b|\bsystemanweisung\w*|\b(?:zeig\w*|verrat\w*|gib|wiederhol\w*)\b[^.\n]{0,25}?\b(?:deine|ihre|die)\b[^.\n]{0,15}?\b(?:anweisungen|instruktionen|api-?schlüssel)\b"),
    ("ar", "exfil", r"موجه النظام|تعليمات النظام|(?:اكشف|أظهر|اظهر|اطبع|كرر|أعطني|اعطني)[^.\n]{0,25}?(?:تعليماتك|التعليمات|مفتاح API)"),
    ("hi", "exfil", r"सिस्टम (?:प्रॉम्प्ट|प्रोम्प्ट|निर्देश)|(?:अपने|अपना|अपनी)[^।.\n]{0,10}?(?:निर्देश|प्रॉम्प्ट|एपीआई की)[^।.\n]{0,15}?(?:बताओ|बताइए|दिखाओ|दिखाइए|लिखो)"),
]

# A line that opens with a role marker (a fake turn in a transcript).
_ROLE = re.compile(
    r"(?im)^[\s>*#\[(【「-]*(?:system|assistant|developer|ai|"
    r"系统|系统消息|系统提示|助手|"
    r"système|systeme|systemnachricht|"
    r"النظام|المساعد|رسالة النظام|"
    r"सिस्टम|सहायक)\s*[\])】」]*\s*[:：]"
)
# Fake chat-template and system tags.
_TAG = re.compile(
    r"(?i)<\s*/?\s*(?:system|sys|assistant|instructions?|im_start|im_end|admin|developer|prompt)\b[^>\n]{0,40}>"
    r"|<\|[a-z_]{2,20}\|>|\[/?(?:inst|sys|system|assistant)\]|<<\s*/?\s*sys\s*>>|</s>"
    r"|^\s*#{2,}\s*(?:system|instructions?|new instructions|response|assistant)\b"
    r"|\b(?:begin|end) (?:system|hidden) (?:prompt|instructions?)\b|\{\{\s*system"
    r"|【\s*(?:系统|系统指令|系统消息)\s*】|\[\s*(?:系统|系统指令)\s*\]",
    re.M,
)
_COMPILED = [(lang, kind, re.compile(rx, re.I)) for lang, kind, rx in _RULES]

# Invisible characters: Unicode tags (ASCII smuggling), bidi overrides, zero-width characters.
_TAGS = re.compile("[\U000e0000-\U000e007f]")
_OVERRIDES = re.compile("[\u202d\u202e]")  # LRO / RLO: reverse what is shown
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad"
_ZW_IN_WORD = re.compile(f"[A-Za-z][{_ZERO_WIDTH}]+[A-Za-z]")
_INVISIBLE = re.compile(f"[{_ZERO_WIDTH}\u200e\u200f\u202a-\u202e\u2066-\u2069\U000e0000-\U000e007f]")


@dataclass(frozen=True)
class Finding:
    kind: str  # one of KINDS
    lang: str  # the rule's language ("" for tags and invisible characters)
    match: str


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", _INVISIBLE.sub("", text))


def find_hostile(text: str, *, limit: int = 50_000) -> list[Finding]:
    """Everything in `text` that tries to steer a model (empty for ordinary chat). Only the first `limit`
    characters are read."""
    if not text:
        return []
    text = text[:limit]
    found: list[Finding] = []
    if _TAGS.search(text):
        found.append(Finding("invisible", "", "Unicode tag characters (hidden text)"))
    if _OVERRIDES.search(text):
        found.append(Finding("invisible", "", "bidi override (reversed text)"))
    if _ZW_IN_WORD.search(text):
        found.append(Finding("invisible", "", "zero-width characters inside a word"))
    variants = [text]
    norm = _normalise(text)
    if norm != text:
        variants.append(norm)
    seen: set[tuple[str, str]] = set()
    for variant in variants:
        for lang, kind, rx in _COMPILED:
            m = rx.search(variant)
            if m and (kind, lang) not in seen:
                seen.add((kind, lang))
                found.append(Finding(kind, lang, m.group(0).strip()[:120]))
        for kind, rx in (("role", _ROLE), ("tag", _TAG)):
            m = rx.search(variant)
            if m and (kind, "") not in seen:
                seen.add((kind, ""))
                found.append(Finding(kind, "", m.group(0).strip()[:120]))
    return found


def is_hostile(text: str) -> bool:
    return bool(find_hostile(text))


__all__ = ["KINDS", "Finding", "find_hostile", "is_hostile"]
