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

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from assistant.drafting.grounding import GroundingResult, check_grounding, strip_quotes
from assistant.text.asks import find_asks
from assistant.text.hostile import is_hostile
from assistant.text.language import LANGUAGE_NAMES, count_forms, detect

def looks_like_instructions(text: str) -> bool:
    """Imported text that tries to steer a model, in the six languages: `assistant.text.hostile`."""
    return is_hostile(text or "")


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

    @property
    def ok(self) -> bool:
        return (not self.asks and (self.grounding is None or self.grounding.ok) and self.language_ok
                and not self.echoes_injection and self.register_ok)

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
) -> Report:
    """All guardrails on one draft. `judge`: a LangChain chat model for the LLM ask check (None: rules only).
    `register` ('formal' | 'informal'): the expected form of address, checked where the language has one."""
    report = Report()
    for f in find_asks(text):
        report.asks.append({"category": f.category, "evidence": f.match, "by": "rules", "rule": f"{f.lang}/{f.rule}"})
    report.grounding = check_grounding(text, cited_ids, shown=shown, profile=profile, lang=lang, authors=authors)
    guess = detect(strip_quotes(text))  # quoted words may be in another language on purpose
    report.detected_language = guess.lang
    if guess.lang and guess.letters >= 20 and guess.lang != lang and lang in LANGUAGE_NAMES:
        report.language_ok = False
    report.echoes_injection = looks_like_instructions(text)
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
                report.asks.append({"category": verdict.get("category") or "favour",
                                    "evidence": verdict.get("evidence") or text[:80], "by": "llm"})
        else:
            report.llm_check = "skipped (other checks failed)"
    return report


def llm_ask_check(model, text: str, user_name: str) -> dict:
    """Ask the model whether a draft asks for something. Never raises: a failed check says so."""
    from assistant.llm import describe_error
    from assistant.llm.prompts import prompt

    p = prompt("ask_check")
    body = p.render(message=text.replace("MESSAGE>>>", "MESSAGE›››"), user_name=user_name)
    try:
        reply = model.invoke(body)
    except Exception as e:  # the draft itself was fine: report the check as failed, do not lose the draft
        return {"status": f"failed: {describe_error(e)}", "ask": False}
    content = reply.content if isinstance(reply.content, str) else str(reply.content)
    data = parse_json_object(content)
    if data is None or "ask" not in data:
        return {"status": "failed: the check's reply was not the JSON asked for", "ask": False}
    ask = data.get("ask") is True or str(data.get("ask")).lower() == "true"
    category = str(data.get("category") or "")
    return {"status": "flagged" if ask else "passed", "ask": ask,
            "category": category if category in ("money", "favour", "referral", "job", "sales") else "favour",
            "evidence": str(data.get("evidence") or "")[:160]}


_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$", re.I)


def parse_json_object(content: str) -> dict | None:
    """The first JSON object in a model reply (tolerates code fences and text around it)."""
    s = _FENCE.sub("", (content or "").strip())
    try:
        data = json.loads(s)
        return data if isinstance(data, dict) else None
    except ValueError:
        pass
    start = s.find("{")
    while start >= 0:
        depth = 0
        in_str = False
        esc = False
        for i in range(start, len(s)):
            ch = s[i]
            if in_str:
                if esc:
                    esc = False
                elif ch == "\\":
                    esc = True
                elif ch == '"':
                    in_str = False
            elif ch == '"':
                in_str = True
            elif ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    try:
                        data = json.loads(s[start : i + 1])
                        return data if isinstance(data, dict) else None
                    except ValueError:
                        break
        start = s.find("{", start + 1)
    return None


__all__ = ["Report", "check", "llm_ask_check", "looks_like_instructions", "parse_json_object"]
