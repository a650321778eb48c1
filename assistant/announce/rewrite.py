"""Rewrite a group announcement for a channel, in one or more languages, with every fact kept.

For each requested language the model (any LangChain chat model, built by `assistant.services.chat_model`)
gets the prompt `prompts/announce_rewrite.md` (the channel's rules and limits, the language, and the list of
facts it must keep) and the announcement as data. Its answer is normalised to the channel's formatting marks
and then checked:

- facts: every date, time, number, link, e-mail, @mention and name of the original is there, and nothing new
  (`assistant.announce.facts`);
- length: within the channel's hard limit (`assistant.announce.channels`);
- no asks: it asks for nothing the original did not (the drafting agent's detector, `assistant.text.asks`);
- no placeholders ("[date]", "{name}", "TBD") the original did not have, and no instructions addressed to a
  model (the drafting guardrails' injection pattern);
- language: written in the language asked for (`assistant.text.language`).

The drafts' grounding check (`assistant.drafting.grounding`) answers "is every claim backed by a cited message";
for a rewrite the only source is the original, and the fact check above is that check: nothing may appear that
the original does not state. (The drafts' extractor is not reused as is: it reads list labels a rewrite adds,
"- Route: ...", as new names.)

An answer that returns the original unchanged is rejected too. A rejected answer is sent back once with the
reasons; if the second answer fails too, that version falls back to the offline version, labelled as such, with
the checker's reasons. The offline version is the restructuring of `assistant.announce.structure` (headline,
labelled facts, the author's own words; labels in the version's language), itself fact-checked: where the
layout would lose or add a fact, it is the plain clean-up (`assistant.announce.cleanup`) instead. Without a
model every version is the offline one. Each request is capped at MAX_TOKENS answer tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.announce.channels import (
    CHANNELS,
    Channel,
    adapt_markup,
    get_channel,
    length_problems,
    split_subject,
)
from assistant.announce.cleanup import LABEL as CLEANUP_LABEL
from assistant.announce.cleanup import CleanupResult, clean
from assistant.announce.diff import similarity
from assistant.announce.facts import Fact, FactCheck, NameBook, compare, extract_facts
from assistant.announce.structure import NOTE_UNTRANSLATED, LABELS, Structured, extract, layout
from assistant.text.scripts import HAN

OFFLINE_LABEL = ("offline restructuring (no language model): headline, labelled facts, the author's own words "
                 "verbatim")
# An answer at least this similar to the original (token diff) is the original returned unchanged.
UNCHANGED = 0.97
# The most tokens a model may answer with: a 2,000-character announcement is about 1,500 tokens of Chinese.
MAX_TOKENS = 2048

MAX_INPUT_CHARS = 20_000
# The prompt of one request (rules, facts, the announcement) must fit this many tokens (counted with the
# drafting agent's tiktoken counter) so it also fits the small context windows of local models (8k), with
# room for the answer and one retry.
PROMPT_TOKEN_BUDGET = 3000
PROMPT = "announce_rewrite"
# Channels where "@所有人"/"@all" means nothing, so a version may drop it.
NO_MENTION_CHANNELS = ("email", "linkedin")
PLACEHOLDER = re.compile(r"\[(?:[A-Za-z][A-Za-z /_-]{1,30}|[" + HAN + r"]{1,6})\]|\{\{?\s*\w+\s*\}?\}|\bTBD\b|\bXXX+\b|待定|＿{2,}|_{3,}")


class RewriteError(ValueError):
    pass


@dataclass
class Attempt:
    text: str
    problems: list[str]


@dataclass
class Version:
    lang: str
    text: str
    via: str  # "llm" | "offline"
    facts: FactCheck
    warnings: list[str] = field(default_factory=list)
    attempts: list[Attempt] = field(default_factory=list)  # the model's answers, in order (rejected ones too)
    note: str = ""  # why this is the offline version, when it is
    layout: str = "structured"  # offline only: "structured" | "cleanup"
    from_model: bool = False  # offline because the model's answers were rejected or the call failed

    @property
    def label(self) -> str:
        if self.via == "llm":
            tries = len(self.attempts)
            return f"rewrite ({self.lang}){' after one retry' if tries > 1 else ''}"
        return OFFLINE_LABEL if self.layout == "structured" else CLEANUP_LABEL

    @property
    def fell_back(self) -> bool:
        return self.via == "offline" and (self.from_model or bool(self.attempts))


@dataclass
class RewriteResult:
    original: str
    channel: Channel
    source_lang: str
    cleanup: CleanupResult
    facts: list[Fact]
    versions: list[Version]
    model: str | None = None
    note: str = ""
    prompt_hash: str = ""  # sha256 of prompts/announce_rewrite.md when the model was used
    prompt_tokens: int = 0  # of the first request, counted before sending
    encoding: str = ""  # the tiktoken encoding that counted them
    structure: Structured | None = None  # the offline restructuring's headline and labelled facts

    def to_dict(self) -> dict:
        return {
            "channel": self.channel.name, "source_lang": self.source_lang, "model": self.model, "note": self.note,
            "prompt": {"id": PROMPT, "sha256": self.prompt_hash, "tokens": self.prompt_tokens,
                       "encoding": self.encoding} if self.prompt_hash else None,
            "facts": [{"kind": f.kind, "text": f.text} for f in self.facts],
            "structure": {"headline": self.structure.headline,
                          "facts": [{"slot": k, "value": v} for k, v in self.structure.facts]}
            if self.structure else None,
            "offline": {"text": self.cleanup.text, "label": self.cleanup.label, "changes": self.cleanup.changes,
                        "errors": self.cleanup.errors, "warnings": self.cleanup.warnings},
            "versions": [{
                "lang": v.lang, "via": v.via, "label": v.label, "text": v.text, "note": v.note,
                "facts_ok": v.facts.ok, "facts": v.facts.describe(), "warnings": v.warnings,
                "attempts": [{"text": a.text, "problems": a.problems} for a in v.attempts],
            } for v in self.versions],
        }


# --- language --------------------------------------------------------------------------------------------


def detect_language(text: str, default: str = "en") -> str:
    from assistant.text.language import detect

    return detect(text).lang or default


def language_name(code: str) -> str:
    from assistant.text.language import LANGUAGE_NAMES

    return LANGUAGE_NAMES.get(code, code)


def parse_langs(value: str | None) -> list[str] | None:
    """'zh,en' -> ['zh', 'en'] (aliases such as 'chinese' or '中文' allowed); None/'' -> None."""
    if not value:
        return None
    from assistant.text.language import normalize_code

    out: list[str] = []
    for part in re.split(r"[,\s]+", value.strip()):
        if part:
            code = normalize_code(part)
            if not re.fullmatch(r"[a-z]{2,3}", code):
                raise RewriteError(f"--lang: {part!r} is not a language code (e.g. zh, en, de)")
            if code not in out:
                out.append(code)
    return out or None


# --- checks ----------------------------------------------------------------------------------------------


def fact_text(text: str, channel: Channel) -> str:
    """What the fact check reads: for e-mail the subject and the body, without the 'Subject:' label."""
    if channel.subject_max:
        subject, body = split_subject(text)
        return f"{subject}\n{body}" if subject else body
    return text


def _ignore(channel: Channel) -> frozenset:
    return frozenset({("mention", "@all")}) if channel.name in NO_MENTION_CHANNELS else frozenset()


def validate(original: str, candidate: str, channel: Channel, names: NameBook | None, *, lang: str,
             source_lang: str) -> tuple[FactCheck, list[str], list[str]]:
    """(fact check, problems that reject the candidate, warnings)."""
    from assistant.drafting.guardrails import looks_like_instructions
    from assistant.text.asks import find_asks
    from assistant.text.language import detect

    problems: list[str] = []
    if not candidate.strip():
        return FactCheck(), ["the answer is empty"], []
    body = fact_text(candidate, channel)
    facts = compare(extract_facts(original, names), extract_facts(body, names), same_language=lang == source_lang,
                    ignore=_ignore(channel), original_text=original, rewrite_text=body)
    if similarity(" ".join(original.split()), " ".join(body.split())) >= UNCHANGED:
        problems.append("it returns the original unchanged: restructure it (headline, labelled facts, closing)")
    if not facts.ok:
        problems.append(facts.describe())
    errors, warnings = length_problems(candidate, channel)
    problems.extend(errors)
    had = {a.category for a in find_asks(original)}
    for ask in find_asks(candidate):
        if ask.category not in had:
            problems.append(f"adds an ask the original does not make ({ask.describe()})")
    placeholders = [m.group(0) for m in PLACEHOLDER.finditer(candidate) if m.group(0) not in original]
    if placeholders:
        problems.append("leaves placeholder(s): " + ", ".join(dict.fromkeys(placeholders)))
    if looks_like_instructions(candidate) and not looks_like_instructions(original):
        problems.append("it contains instructions addressed to a model")
    guess = detect(fact_text(candidate, channel))
    if guess.lang and guess.lang != lang and guess.confidence >= 0.5 and guess.letters >= 12:
        problems.append(f"written in {language_name(guess.lang)}, not {language_name(lang)}")
    return facts, problems, warnings


# --- the model -------------------------------------------------------------------------------------------


def _strip_answer(text: str) -> str:
    s = (text or "").strip()
    fence = re.fullmatch(r"```[\w-]*\n(.*?)\n?```", s, re.S)
    if fence:
        s = fence.group(1).strip()
    s = re.sub(r"^</?announcement>\s*|\s*</?announcement>$", "", s).strip()
    if len(s) >= 2 and s[0] == s[-1] and s[0] in "\"'“”「":
        s = s[1:-1].strip()
    return s


def prompt_file():
    """prompts/announce_rewrite.md with its id and hash (the drafting agent's prompt loader)."""
    from assistant.llm.prompts import prompt

    return prompt(PROMPT)


def checklist(structure: Structured | None, lang: str) -> str:
    """The extracted facts as labelled lines in the version's language: the layout the model should follow."""
    if structure is None or not structure.facts:
        return "- (no labelled facts found: keep the order of the original)"
    labels = LABELS.get(lang, LABELS["en"])
    return "\n".join(f"- {labels[slot]}: {' / '.join(value.splitlines())}" for slot, value in structure.facts)


def build_prompt(original: str, channel: Channel, *, lang: str, source_lang: str, facts: list[Fact],
                 structure: Structured | None = None) -> str:
    ignore = _ignore(channel)
    shown = [f for f in facts if (f.kind, f.key) not in ignore and (lang == source_lang or f.kind != "term")]
    fact_lines = "\n".join(f"- {f.show()}" for f in shown) or "- (none found)"
    if lang == source_lang:
        translation = f"The original is in {language_name(source_lang)}; keep that language."
    else:
        translation = (f"The original is in {language_name(source_lang)}: translate it into {language_name(lang)} "
                       "while you edit it. Dates, times and numbers may be written the way that language writes "
                       "them, with the same values; names stay exactly as the original writes them.")
    return prompt_file().render(
        language=language_name(lang), translation=translation, facts=fact_lines, channel=channel.label,
        channel_rules=channel.notes, max_chars=channel.max_chars, recommended_chars=channel.recommended_chars,
        checklist=checklist(structure, lang),
    )


def _ask_model(model, messages) -> str:
    bind = getattr(model, "bind", None)
    reply = (bind(max_tokens=MAX_TOKENS) if bind else model).invoke(messages)
    content = reply.content if hasattr(reply, "content") else reply
    if isinstance(content, list):  # content parts
        content = "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
    return str(content)


def _feedback(problems: list[str], channel: Channel) -> str:
    return (
        "Your version was rejected by the checker:\n" + "\n".join(f"- {p}" for p in problems) +
        f"\nRewrite it again from the original announcement, fixing exactly these problems. Keep every fact "
        f"listed, add none, and stay within {channel.max_chars} characters. Reply with the announcement only."
    )


# --- the whole job ---------------------------------------------------------------------------------------


def rewrite_announcement(
    text: str,
    *,
    channel: str | Channel = "wechat",
    langs: list[str] | None = None,
    model=None,
    names: NameBook | None = None,
    retries: int = 1,
) -> RewriteResult:
    """Rewrite `text` for `channel`, one version per language in `langs` (default: the original's language).

    model: a LangChain chat model, or None for the offline clean-up only. names: the people the fact check
    knows (`NameBook.from_store(store)`); None checks names only as terms."""
    ch = channel if isinstance(channel, Channel) else get_channel(channel)
    original = (text or "").strip()
    if not original:
        raise RewriteError("the announcement is empty")
    if len(original) > MAX_INPUT_CHARS:
        raise RewriteError(f"the announcement is {len(original)} characters; at most {MAX_INPUT_CHARS} are accepted")
    source = detect_language(original)
    targets = langs or [source]
    facts = extract_facts(original, names)
    cleanup = clean(original, ch)
    structure = extract(clean(original, get_channel("wechat")).text, source, names)
    result = RewriteResult(original, ch, source, cleanup, facts, [], getattr(model, "model_name", None) if model else None,
                           structure=structure)

    def offline(lang: str, attempts: list[Attempt], note: str) -> Version:
        v = offline_version(result, lang, names, attempts=attempts, note=note)
        v.from_model = model is not None
        return v

    if model is None:
        result.note = "no language model configured: showing the " + OFFLINE_LABEL
    else:
        result.prompt_hash = prompt_file().sha256
    failure: str | None = None  # a model error stops further calls (the next would fail the same way)
    for lang in targets:
        if model is None or failure:
            result.versions.append(offline(lang, [], "" if model is None else f"the model call failed: {failure}"))
            continue
        from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

        messages = [
            SystemMessage(build_prompt(original, ch, lang=lang, source_lang=source, facts=facts, structure=structure)),
            HumanMessage(f"<announcement>\n{original}\n</announcement>"),
        ]
        if not result.prompt_tokens:
            from assistant.llm.budget import token_counter

            counter = token_counter(result.model)
            result.prompt_tokens = counter.messages([m.content for m in messages])
            result.encoding = counter.describe()
            if result.prompt_tokens > PROMPT_TOKEN_BUDGET:
                raise RewriteError(
                    f"the announcement is too long for one request ({result.prompt_tokens} tokens with the "
                    f"instructions, budget {PROMPT_TOKEN_BUDGET}); shorten it or use --offline")
        attempts: list[Attempt] = []
        accepted: Version | None = None
        for _ in range(1 + max(0, retries)):
            try:
                answer = _ask_model(model, messages)
            except Exception as e:  # a model or network error: explained, never a stack trace
                from assistant.llm import describe_error

                failure = describe_error(e)
                break
            candidate = adapt_markup(_strip_answer(answer), ch)
            check, problems, warnings = validate(original, candidate, ch, names, lang=lang, source_lang=source)
            attempts.append(Attempt(candidate, problems))
            if not problems:
                accepted = Version(lang, candidate, "llm", check, warnings, attempts)
                break
            messages += [AIMessage(answer), HumanMessage(_feedback(problems, ch))]
        if accepted:
            result.versions.append(accepted)
            continue
        if failure and not attempts:
            note = f"the model call failed: {failure}"
        else:
            last = attempts[-1].problems if attempts else []
            note = (f"the model's {language_name(lang)} version was rejected {len(attempts)} time(s) "
                    f"({'; '.join(last)})" + (f", then the call failed: {failure}" if failure else ""))
        result.versions.append(offline(lang, attempts, note + "; showing the offline version instead"))
    return result


def offline_version(result: RewriteResult, lang: str, names: NameBook | None, *, attempts: list[Attempt] | None = None,
                    note: str = "") -> Version:
    """The offline version in `lang`: the restructured layout (labels in `lang`, values and free text as the
    author wrote them), checked like a model's answer; the plain clean-up where the layout fails the check."""
    ch, source = result.channel, result.source_lang
    notes = [note] if note else []
    text = layout(result.structure, ch, lang) if result.structure else ""
    ok = False
    if text:
        body = fact_text(text, ch)
        check = compare(result.facts, extract_facts(body, names), same_language=lang == source, ignore=_ignore(ch),
                        original_text=result.original, rewrite_text=body)
        errors, warnings = length_problems(text, ch)
        ok = check.ok and not errors
        if not ok:
            notes.append("the structured layout would not keep every fact ("
                         + "; ".join(([] if check.ok else [check.describe()]) + errors) + "): showing the clean-up")
    if ok:
        if lang != source:
            notes.append(NOTE_UNTRANSLATED.get(lang, NOTE_UNTRANSLATED["en"]).format(src=language_name(source)))
        return Version(lang, text, "offline", check, warnings, list(attempts or []), "; ".join(notes))
    cleanup = result.cleanup
    if lang != source:
        notes.append(f"no {language_name(lang)} version without a model; the clean-up is in {language_name(source)}")
    body = fact_text(cleanup.text, ch)
    check = compare(result.facts, extract_facts(body, names), ignore=_ignore(ch), original_text=result.original,
                    rewrite_text=body)
    return Version(lang, cleanup.text, "offline", check, list(cleanup.warnings), list(attempts or []),
                   "; ".join(notes), layout="cleanup")


__all__ = ["CHANNELS", "Attempt", "RewriteError", "RewriteResult", "Version", "detect_language", "parse_langs",
           "rewrite_announcement", "validate"]
