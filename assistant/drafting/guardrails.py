"""Checks every draft passes before it reaches the review queue.

- **no asks**: the rules of `assistant.text.asks` (six languages), plus - when a model is configured - an LLM
  check with prompts/ask_check.md. Either one flags the draft.
- **grounding**: every specific claim is backed by a cited message (`assistant.drafting.grounding`); invented
  citations or facts found nowhere reject the draft. A draft that cites nothing is not "ready".
- **language**: the draft is in the language it was asked for (when the text is long enough to tell).
- **injection**: imported text that looks like instructions is marked in the context and never used as a
  talking point; a draft that echoes such instructions is flagged.

`check()` returns a `Report`; the drafter rewrites a flagged draft once, then holds it with `Report.reason()`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from assistant.drafting.grounding import GroundingResult, check_grounding, strip_quotes
from assistant.text.asks import find_asks
from assistant.text.hostile import is_hostile
from assistant.text.language import LANGUAGE_NAMES, count_forms, detect
from assistant.text.scripts import HAN

log = logging.getLogger("assistant.guardrails")

# A line that reads as a message to a model rather than to a friend: role markers ("SYSTEM:", "assistant:"),
# chat-template tags (<|im_start|>, [INST], <system>); hostile phrases are `assistant.text.hostile`'s.
ROLE_LINE = re.compile(
    r"(?m)^\s*[\[(<]?\s*(system|assistant|developer|user|human|ai|tool|系统|助手|système|مساعد|النظام|सिस्टम)\s*[\])>]?\s*[:：]|"
    r"<\|?(im_start|im_end|system|endoftext|eot_id|start_header_id)\|?>|\[/?INST\]|<\/?(system|instructions?)>",
    re.I,
)


def looks_like_instructions(text: str) -> bool:
    """Imported text that tries to steer a model, in the six languages: `assistant.text.hostile`."""
    return is_hostile(text or "")


# Account, card and IBAN numbers: an IBAN; 12+ digits in one run (spaces and dashes allowed: card and bank
# account numbers); or 4+ digits right after a word that names an account, in the six languages.
ACCOUNT = re.compile(
    r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,3})?\b|"
    r"(?<![\d+])\d(?:[ -]?\d){11,}(?!\d)|"
    r"(?:\b(?:account|acct|a/c|iban|card|routing|sort code|swift|bic|konto\w*|kontonummer|karte\w*|compte|carte|rib)\b|"
    r"账号|账户|帐号|帐户|卡号|银行卡|尾号|收款|حساب|الحساب|آيبان|بطاقة|खाता|अकाउंट|कार्ड)"
    r"[^\d\n]{0,20}\d(?:[ -]?\d){3,}",
    re.I,
)


def account_numbers(text: str) -> list[str]:
    return [m.group().strip() for m in ACCOUNT.finditer(text or "")]


_SECOND_PERSON = {
    "en": re.compile(r"\b(you|your|yours|you'?re|you'?ve|you'?ll|u|ur|ya)\b", re.I),
    "de": re.compile(r"\b(du|dich|dir|dein\w*|Sie|Ihnen|Ihr\w*|euch|euer|eure\w*|ihr)\b"),
    "fr": re.compile(r"\b(tu|te|toi|ton|ta|tes|vous|votre|vos|t['’])", re.I),
    "zh": re.compile(r"你|您"),
    "hi": re.compile(r"तुम|आप|तू|तुम्हार|तेरा|तेरी"),
}
_THIRD_PERSON = {
    "en": re.compile(r"\b(he|she|his|her|him|they)\b", re.I),
    "de": re.compile(r"\b(er|sie|sein\w*|ihm)\b"),
    "fr": re.compile(r"\b(il|elle|lui)\b", re.I),
    "zh": re.compile(r"他|她"),
    "hi": re.compile(r"वह|वो|उसका|उसकी|उसे"),
}
_GREETING = r"(?:hi|hey|hello|dear|hallo|liebe|lieber|salut|bonjour|coucou|嗨|你好|亲爱的)"
_SHOWN_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2} [^:\n]{0,80}: ")


def _fold(s: str) -> str:
    import unicodedata

    return " ".join(unicodedata.normalize("NFKC", s or "").casefold().split())


def coherence(text: str, *, lang: str, contact_name: str = "", user_name: str = "",
              shown: Mapping[int, str] | None = None) -> list[str]:
    """Why a draft is not a message from the user to the contact (empty: it is). With or without a model."""
    from difflib import SequenceMatcher

    problems = []
    body = strip_quotes(text)
    first = lambda n: (n or "").split()[0] if (n or "").split() else ""  # noqa: E731
    me, them = first(user_name), first(contact_name)
    if me and me.casefold() not in ("me", "the", them.casefold()):
        name = re.escape(me)
        if re.search(rf"(?:^|\n)\s*(?:{_GREETING}[ ,]*)?{name}\s*[,!，！:]|[,，]\s*{name}\s*[!.?！。]*\s*$|"
                     rf"\b{_GREETING}\s+{name}\b|\b{name}\s*[!！]+\s*$", body.strip(), re.I):
            problems.append(f"it is addressed to {me} (you), not to {them or 'the contact'}")
    second, third = _SECOND_PERSON.get(lang), _THIRD_PERSON.get(lang)
    if second is not None and len(body.split()) + len(re.findall(f"[{HAN}]", body)) >= 8:
        about_them = third.search(body) or (them and re.search(
            rf"\b{re.escape(them)}(?:'s|’s)?\s+(?:is|was|has|had|said|told|went|hat|ist|war|a|est|说|在)\b", body, re.I))
        if not second.search(body) and about_them:
            problems.append(f"it talks about {them or 'the contact'} in the third person instead of to them")
    draft = _fold(text)
    for i, line in (shown or {}).items():
        said = _fold(_SHOWN_PREFIX.sub("", line))
        if len(said) < 15 or len(draft) < 10:
            continue
        if said in draft and len(said) >= 0.6 * len(draft) or SequenceMatcher(None, draft, said).ratio() >= 0.8:
            problems.append(f"it copies message #{i} from the history instead of writing a new one")
            break
    return problems


# Languages whose pronouns carry the register; in English and Arabic it is a matter of style, not checked.
PRONOUN_REGISTER_LANGS = ("zh", "fr", "de", "hi")


@dataclass
class Report:
    asks: list[dict] = field(default_factory=list)  # {"category", "evidence", "by": "rules"|"llm"}
    llm_check: str = "off"  # off | passed | flagged | failed: <why>
    grounding: GroundingResult | None = None
    language_ok: bool = True
    detected_language: str | None = None
    echoes_injection: bool = False
    register_ok: bool = True  # the form of address (你/您, du/Sie, tu/vous, तुम/आप) is the expected one
    register_expected: str | None = None
    accounts: list[str] = field(default_factory=list)  # account / card / IBAN numbers in the draft
    incoherent: list[str] = field(default_factory=list)  # not a message from the user to the contact: why
    ignored_verdicts: list[dict] = field(default_factory=list)  # model verdicts without a quote from the draft

    @property
    def ok(self) -> bool:
        return (not self.asks and (self.grounding is None or self.grounding.ok) and self.language_ok
                and not self.echoes_injection and self.register_ok and not self.accounts and not self.incoherent)

    def problems(self, lang: str = "") -> list[str]:
        out = []
        for a in self.asks:
            out.append(f"it asks for something ({a['category']}: \u201c{a['evidence']}\u201d): remove the ask entirely")
        if self.grounding is not None and not self.grounding.ok:
            if self.grounding.invented_ids:
                out.append("it cites messages that are not in the history: "
                           + ", ".join(f"#{i}" for i in self.grounding.invented_ids))
            if self.grounding.unsupported:
                out.append("it states things no message in the history shows: "
                           + ", ".join(f"\u201c{s}\u201d" for s in self.grounding.unsupported[:6])
                           + " - use only what the history shows, or leave a [placeholder]")
        if not self.language_ok:
            out.append(f"it is written in {LANGUAGE_NAMES.get(self.detected_language or '', self.detected_language)}, "
                       f"not {LANGUAGE_NAMES.get(lang, lang)}")
        if self.echoes_injection:
            out.append("it repeats instructions found inside the quoted history")
        if not self.register_ok:
            out.append(f"it uses the wrong form of address: write it {self.register_expected}")
        if self.accounts:
            out.append("it contains an account or card number: remove it")
        out.extend(self.incoherent)
        return out

    def reason(self, lang: str = "") -> str:
        """One line for the queue: why the draft is held."""
        parts = []
        if self.asks:
            a = self.asks[0]
            parts.append(f"contains an ask ({a['category']}, found by {a['by']}): \u201c{a['evidence'][:80]}\u201d")
        if self.grounding is not None and not self.grounding.ok:
            parts.append("invents shared history: " + self.grounding.reason())
        if not self.language_ok:
            parts.append(f"wrong language ({self.detected_language}, expected {lang})")
        if self.echoes_injection:
            parts.append("echoes instructions from the history")
        if not self.register_ok:
            parts.append(f"wrong form of address (expected {self.register_expected})")
        if self.accounts:
            parts.append(f"contains an account/card number (\u201c{self.accounts[0][:40]}\u201d)")
        parts.extend(self.incoherent)
        return "; ".join(parts)

    def to_json(self) -> dict:
        g = self.grounding
        return {
            "ok": self.ok,
            "asks": self.asks,
            "llm_check": self.llm_check,
            "grounding": None if g is None else {
                "ok": g.ok, "invented_ids": g.invented_ids, "unsupported": g.unsupported,
                "supported": {k: v for k, v in g.supported.items()}, "added_ids": g.added_ids,
                "placeholders": g.placeholders,
            },
            "language_ok": self.language_ok,
            "detected_language": self.detected_language,
            "echoes_injection": self.echoes_injection,
            "register_ok": self.register_ok,
            "accounts": self.accounts,
            "incoherent": self.incoherent,
            "ignored_verdicts": self.ignored_verdicts,
        }


def check(
    text: str,
    *,
    lang: str,
    cited_ids: Iterable[int],
    shown: Mapping[int, str],
    profile: Iterable[str] = (),
    judge=None,
    user_name: str = "the user",
    register: str | None = None,
    authors: Mapping[int, str] | None = None,
    contact_name: str = "",
) -> Report:
    """All guardrails on one draft. `judge`: a LangChain chat model for the LLM ask check (None: rules only).
    `register` ('formal' | 'informal'): the expected form of address, checked where the language has one.
    The rules (asks, account numbers, instruction-like lines, coherence) hold a draft whatever the model says."""
    report = Report()
    for f in find_asks(text):
        report.asks.append({"category": f.category, "evidence": f.match, "by": "rules", "rule": f"{f.lang}/{f.rule}"})
    report.grounding = check_grounding(text, cited_ids, shown=shown, profile=profile, lang=lang, authors=authors)
    guess = detect(strip_quotes(text))  # quoted words may be in another language on purpose
    report.detected_language = guess.lang
    if guess.lang and guess.letters >= 20 and guess.lang != lang and lang in LANGUAGE_NAMES:
        report.language_ok = False
    report.echoes_injection = looks_like_instructions(text) or bool(ROLE_LINE.search(text or ""))
    report.accounts = account_numbers(text)
    report.incoherent = coherence(text, lang=lang, contact_name=contact_name, user_name=user_name, shown=shown)
    if register in ("formal", "informal") and lang in PRONOUN_REGISTER_LANGS:
        forms = count_forms(lang, [strip_quotes(text)])
        other = "informal" if register == "formal" else "formal"
        report.register_ok = not (forms[other] and not forms[register])
        report.register_expected = register
    if judge is not None:
        if report.ok:  # the model is asked only about drafts that pass everything else (one call per draft)
            verdict = llm_ask_check(judge, text, user_name)
            report.llm_check = verdict["status"]
            if verdict.get("ask"):
                quote = quoted_from(verdict.get("evidence") or "", text)
                if quote:
                    report.asks.append({"category": verdict.get("category") or "favour", "evidence": quote, "by": "llm"})
                else:  # a verdict that cannot point at the words is not evidence of anything
                    log.warning("ignored the model's ask verdict (%s): its evidence %r is not a quote from the draft",
                                verdict.get("category"), verdict.get("evidence"))
                    report.llm_check = "ignored (said ask, quoted nothing from the draft)"
                    report.ignored_verdicts.append({"check": "ask", "category": verdict.get("category"),
                                                    "evidence": verdict.get("evidence") or ""})
        else:
            report.llm_check = "skipped (other checks failed)"
    return report


def llm_ask_check(model, text: str, user_name: str) -> dict:
    """Ask the model whether a draft asks for something. Never raises: a failed check says so."""
    from assistant.llm import describe_error
    from assistant.llm.prompts import prompt

    from assistant.llm.calls import invoke, text_of

    p = prompt("ask_check")
    body = p.render(message=text.replace("MESSAGE>>>", "MESSAGE›››"), user_name=user_name)
    try:
        reply = invoke(model, body, label="checking the draft for asks", max_tokens=CHECK_MAX_TOKENS, json_mode=True)
    except KeyboardInterrupt:
        raise
    except Exception as e:  # the draft itself was fine: report the check as failed, do not lose the draft
        return {"status": f"failed: {describe_error(e)}", "ask": False}
    data = parse_json_object(text_of(reply))
    if data is None or "ask" not in data:
        return {"status": "failed: the check's reply was not the JSON asked for", "ask": False}
    ask = data.get("ask") is True or str(data.get("ask")).lower() == "true"
    category = str(data.get("category") or "")
    return {"status": "flagged" if ask else "passed", "ask": ask,
            "category": category if category in ("money", "favour", "referral", "job", "sales") else "favour",
            "evidence": str(data.get("evidence") or "")[:160]}


CHECK_MAX_TOKENS = 200


def quoted_from(evidence: str, text: str) -> str:
    """The evidence, if it is a verbatim quote from `text` (case, spacing and quote marks aside; an ellipsis
    may join quoted pieces); '' otherwise. A template echo ("the words that ask") is no quote."""
    pieces = [p.strip(" \t\n\"'“”‘’„«»「」.,;:!?。，！？") for p in re.split(r"\.\.\.|…", evidence or "")]
    pieces = [p for p in pieces if p]
    hay = _fold(text)
    if not pieces or not all(_fold(p) in hay for p in pieces):
        return ""
    if sum(len(p) for p in pieces) < (2 if re.search(f"[{HAN}]", evidence) else 4):
        return ""
    return evidence.strip()[:160]


def parse_json_object(content: str) -> dict | None:
    """The first JSON object in a model reply: code fences, prose around it and near-JSON (a missing brace,
    single quotes, unquoted keys, trailing commas) are tolerated (`assistant.llm.jsonfix`)."""
    from assistant.llm.jsonfix import loads_object

    return loads_object(content)


__all__ = ["ACCOUNT", "ROLE_LINE", "Report", "account_numbers", "check", "coherence", "llm_ask_check",
           "looks_like_instructions", "parse_json_object", "quoted_from"]
