"""`draft_for()`: one draft for one contact, checked and stored in the review queue.

    from assistant.drafting.agent import draft_for
    draft = draft_for(store, contact_id, about=None, instruction=None, settings=settings, retriever=retriever)
    draft.status      # queued (ready for review) | held (a guardrail stopped it; draft.hold_reason says why)
    draft.text, draft.language, draft.hook, draft.cited_ids, draft.rationale, draft.verdicts

With a model (OPENAI_BASE_URL / OPENAI_API_KEY set): the context is assembled under the token budget
(OUTREACH_DRAFT_TOKEN_BUDGET, counted with tiktoken), sent with prompts/draft_system.md to the model through
`assistant.llm.chat_model` (timeouts, retries with back-off on 429/5xx), and the JSON reply parsed. A draft the
guardrails flag is rewritten once with the problems spelled out (prompts/draft_fix.md), then held with the
reason. A failed model call raises `DraftError` and stores nothing: the queue is left as it was.

Without a model (or `offline=True`): the offline drafter writes a deterministic, clearly labelled draft from
the best talking point, in the contact's language; the same guardrails apply.
"""

from __future__ import annotations

import re
from datetime import date, timezone, tzinfo

from assistant.drafting.context import DraftContext, gather, render
from assistant.drafting.guardrails import Report, check, parse_json_object
from assistant.llm.budget import BudgetError, assemble, token_counter
from assistant.store import drafts as repo
from assistant.store.drafts import Draft, DraftError
from assistant.text.language import LANGUAGE_NAMES, normalize_code

DEFAULT_BUDGET = 1800
SYSTEM_PROMPT = "draft_system"
FIX_PROMPT = "draft_fix"

# "in English", "auf Deutsch", "用中文", "en français" ... in an instruction switches the language.
_LANG_WORDS = {
    "en": r"\b(in|into) english\b|英文|英语|auf englisch|en anglais",
    "zh": r"\b(in|into) chinese\b|中文|汉语|auf chinesisch|en chinois",
    "fr": r"\b(in|into) french\b|en français|auf französisch|法语|法文",
    "de": r"\b(in|into) german\b|auf deutsch|en allemand|德语|德文",
    "ar": r"\b(in|into) arabic\b|بالعربي|auf arabisch|en arabe|阿拉伯语",
    "hi": r"\b(in|into) hindi\b|हिंदी में|हिन्दी में|auf hindi|en hindi|印地语",
}
_FORMAL = re.compile(r"\bmore formal\b|\bformal\b|\bpolite\b|用您|förmlich|siezen|vouvoie", re.I)
_CASUAL = re.compile(r"\bmore casual\b|\bcasual\b|\binformal\b|用你|duzen|tutoie|locker", re.I)


def language_from_instruction(instruction: str | None) -> str | None:
    for code, pattern in _LANG_WORDS.items():
        if instruction and re.search(pattern, instruction, re.I):
            return code
    return None


def register_from_instruction(instruction: str | None) -> str | None:
    if not instruction:
        return None
    if _CASUAL.search(instruction):
        return "informal"
    if _FORMAL.search(instruction):
        return "formal"
    return None


def draft_for(
    store,
    contact_id: int,
    *,
    about: str | None = None,
    instruction: str | None = None,
    settings=None,
    retriever=None,
    model=None,
    judge=None,
    suggestion=None,
    today: date | None = None,
    tz: tzinfo = timezone.utc,
    offline: bool = False,
    language: str | None = None,
    previous: Draft | None = None,
    save: bool = True,
) -> Draft:
    """Make, check and store one draft. `model`/`judge`: LangChain chat models (default: built from settings
    when an endpoint is configured). Raises DraftError when the model call fails (nothing is stored)."""
    settings = _typed(settings)
    budget = settings.draft_token_budget or DEFAULT_BUDGET
    lang = normalize_code(language) if language else language_from_instruction(instruction)
    ctx = gather(store, contact_id, about=about, instruction=instruction, retriever=retriever, suggestion=suggestion,
                 today=today, tz=tz, settings=settings, language=lang, register=register_from_instruction(instruction))
    if previous is not None:
        ctx.previous_text = previous.text
    elif save:  # one open draft per contact: a new one replaces the draft still waiting (kept as replaced)
        previous = repo.open_draft_for(store, contact_id)
    if model is None and not offline:
        from assistant.llm import is_configured

        if is_configured(settings):
            from assistant.llm import chat_model

            model = chat_model(settings)
            if judge is None and settings.draft_llm_check:
                judge = chat_model(settings, temperature=0)
    if offline:
        model = judge = None
    if model is not None:
        from assistant.llm.calls import deadline

        with deadline(settings):
            draft = _llm_draft(ctx, model, judge, settings, budget)
    else:
        draft = _offline_draft(ctx, budget, settings)
    draft.contact_name = ctx.contact.name
    draft.about = ctx.about
    draft.instruction = ctx.instruction
    draft.why_now = "; ".join(ctx.reasons)
    if previous is not None:
        draft.parent_id = previous.id
    if save:
        if previous is not None:
            repo.replace(store, previous, draft)
        else:
            repo.save(store, draft)
    return draft


def _typed(settings):
    """The settings given, or the defaults (no .env, no environment) when a caller passes none."""
    from assistant.config import Settings

    return settings if settings is not None else Settings.model_construct()


# --- offline -----------------------------------------------------------------------------------------------


def _offline_draft(ctx: DraftContext, budget: int, settings) -> Draft:
    from assistant.drafting.offline import compose

    out = compose(ctx)
    if out.duplicate:
        raise DraftError(f"no new draft for {ctx.contact.name}: every form would repeat a message already "
                         "approved, sent or dismissed for them")
    counter = token_counter(settings.chat_model or None)
    report = check(out.text, lang=out.language, cited_ids=out.cited_ids, shown=ctx.shown_text(ctx.messages),
                   profile=ctx.profile_texts(), judge=None, user_name=ctx.user_name,
                   register=ctx.profile.register.level, authors=ctx.authors(), contact_name=ctx.contact.name)
    draft = Draft(
        contact_id=ctx.contact.id, text=out.text, language=out.language, register=ctx.profile.register.level,
        hook=out.hook, cited_ids=report.grounding.cited_ids if report.grounding else out.cited_ids,
        rationale=out.rationale, source="offline", outcome=out.outcome, verdicts=_verdicts(report, ctx, []),
        prompt_id="offline-templates", prompt_hash=_templates_hash(), model="", encoding=counter.describe(),
        token_budget=budget,
    )
    if not report.ok:
        draft.status, draft.hold_reason, draft.outcome = "held", report.reason(out.language), "not_usable"
    return draft


def _templates_hash() -> str:
    import hashlib
    import json

    from assistant.drafting.offline import TEMPLATES

    blob = json.dumps({f"{k[0]}/{k[1]}": v for k, v in TEMPLATES.items()}, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


# --- with a model ------------------------------------------------------------------------------------------


def build_prompt(ctx: DraftContext, model_name: str | None, budget: int):
    """(system prompt file, system prompt, assembled user message) for one draft, within the token budget.
    The budget counts what is sent: the system prompt and the whole user message."""
    from assistant.llm.prompts import prompt

    system_file = prompt(SYSTEM_PROMPT)
    system = system_file.render(
        user_name=ctx.user_name, contact_name=ctx.contact.name, language_name=LANGUAGE_NAMES.get(ctx.profile.lang, ctx.profile.lang),
        language_code=ctx.profile.lang, register=ctx.profile.register.describe(ctx.profile.lang),
    )
    try:
        assembled = assemble(render(ctx), budget, token_counter(model_name), fixed=[system])
    except BudgetError as e:
        raise DraftError(str(e)) from None
    return system_file, system, assembled


# Reply room for one draft (JSON with text, hook, rationale, ids); prompt + fix round must fit next to it.
DRAFT_MAX_TOKENS = 500
FIX_OVERHEAD = 250  # the fix prompt and chat formatting


def prompt_budget(settings, budget: int | None = None) -> int:
    """Tokens the first request may use: the draft budget (OUTREACH_DRAFT_TOKEN_BUDGET), shrunk so that the
    whole exchange (prompt + reply, then the rewrite round: fix request + its reply) fits the model's context
    (OUTREACH_MODEL_CONTEXT). A context too small for any draft is refused before a call is made."""
    from assistant.llm.calls import CONTEXT_TOO_SMALL

    settings = _typed(settings)
    budget = budget or settings.draft_token_budget or DEFAULT_BUDGET
    context = settings.model_context or 0
    if not context:
        return budget
    room = context - 2 * DRAFT_MAX_TOKENS - FIX_OVERHEAD
    if room < 600:
        raise DraftError(f"{CONTEXT_TOO_SMALL} (a draft needs about {600 + 2 * DRAFT_MAX_TOKENS + FIX_OVERHEAD} "
                         f"tokens; OUTREACH_MODEL_CONTEXT is {context})")
    return min(budget, room)


def _llm_draft(ctx: DraftContext, model, judge, settings, budget: int) -> Draft:
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

    from assistant.llm import describe_error
    from assistant.llm.calls import invoke, text_of
    from assistant.llm.prompts import combined_hash, prompt

    model_name = getattr(model, "model_name", None) or settings.chat_model or "model"
    budget = prompt_budget(settings, budget)
    system_file, system, assembled = build_prompt(ctx, model_name, budget)
    messages = [SystemMessage(system), HumanMessage(assembled.text)]
    usage = {"prompt": 0, "completion": 0}

    def call(msgs, label):
        try:
            reply = invoke(model, msgs, label=label, max_tokens=DRAFT_MAX_TOKENS, json_mode=True)
        except KeyboardInterrupt:
            raise
        except Exception as e:  # network, protocol, HTTP errors after the client's retries, cut-off, deadline
            raise DraftError(f"drafting for {ctx.contact.name} failed: {describe_error(e)}") from e
        meta = getattr(reply, "usage_metadata", None) or {}
        usage["prompt"] += int(meta.get("input_tokens") or 0)
        usage["completion"] += int(meta.get("output_tokens") or 0)
        return reply

    reply = call(messages, f"drafting for {ctx.contact.name}")
    parsed = _parse(reply, ctx)
    prompts_used = [system_file]
    report = _check(parsed, ctx, assembled.ids, judge)
    attempts = [{"text": parsed["text"], "problems": report.problems(parsed["language"])}] if not report.ok else []
    fix_failed = ""
    if not report.ok:  # one rewrite, with the problems spelled out
        fix_file = prompt(FIX_PROMPT)
        prompts_used.append(fix_file)
        fix = fix_file.render(problems="\n".join(f"- {p}" for p in report.problems(parsed["language"])),
                              language_name=LANGUAGE_NAMES.get(ctx.profile.lang, ctx.profile.lang))
        try:
            reply2 = call(messages + [AIMessage(text_of(reply)), HumanMessage(fix)],
                          f"rewriting the draft for {ctx.contact.name}")
            parsed2 = _parse(reply2, ctx)
        except DraftError as e:  # the first reply is usable: keep it, held with its problems
            fix_failed = str(e).split(": ", 1)[-1]
        else:
            parsed = parsed2
            report = _check(parsed, ctx, assembled.ids, judge)
    draft = Draft(
        contact_id=ctx.contact.id, text=parsed["text"], language=parsed["language"], register=ctx.profile.register.level,
        hook={"kind": ctx.hook.kind if ctx.hook else "", "topic": ctx.hook.topic if ctx.hook else "",
              "description": parsed["hook"], "message_ids": ctx.hook_ids},
        cited_ids=report.grounding.cited_ids if report.grounding else parsed["cited_ids"],
        rationale=parsed["rationale"], source="llm", verdicts=_verdicts(report, ctx, attempts, assembled),
        prompt_id="+".join(p.id for p in prompts_used),
        prompt_hash=combined_hash(*prompts_used) if len(prompts_used) > 1 else system_file.sha256,
        model=model_name, encoding=assembled.encoding, prompt_tokens=usage["prompt"] or None,
        completion_tokens=usage["completion"] or None, context_tokens=assembled.tokens, token_budget=budget,
        cut=assembled.cut,
    )
    if report.grounding is not None and report.grounding.placeholders:
        draft.outcome = "needs_fill"
    elif not draft.cited_ids:
        draft.outcome = "needs_fill"  # cites nothing real: the user must add the specific
    if fix_failed:
        draft.verdicts["rewrite_failed"] = fix_failed
    if not report.ok:
        reason = report.reason(draft.language)
        if fix_failed:
            reason += f"; the rewrite failed ({fix_failed})"
        draft.status, draft.hold_reason, draft.outcome = "held", reason, "not_usable"
    _refuse_repeat(ctx, draft.text)
    return draft


def _refuse_repeat(ctx: DraftContext, text: str) -> None:
    """An approved, sent or dismissed text is never proposed again (exact or near-duplicate)."""
    from assistant.drafting.offline import DUPLICATE, similar

    if any(similar(text, old) >= DUPLICATE for old in ctx.avoid_texts):
        raise DraftError(f"no new draft for {ctx.contact.name}: it would repeat a message already approved, sent "
                         "or dismissed for them")


def _parse(reply, ctx: DraftContext) -> dict:
    from assistant.llm.calls import text_of

    content = text_of(reply)
    data = parse_json_object(content)
    if data is None or not isinstance(data.get("text"), str) or not data["text"].strip():
        raise DraftError(f"drafting for {ctx.contact.name} failed: the model's reply was not the JSON draft asked for "
                         f"(it began: {content.strip()[:80]!r})")
    ids = []
    for x in data.get("cited_ids") or []:
        try:
            ids.append(int(str(x).lstrip("#")))
        except ValueError:
            continue
    # The language recorded is the one asked for and checked by the guardrails, not the model's own claim.
    return {"text": data["text"].strip(), "language": ctx.profile.lang,
            "hook": str(data.get("hook") or "")[:200], "cited_ids": ids, "rationale": str(data.get("rationale") or "")[:300]}


def _check(parsed: dict, ctx: DraftContext, shown_ids: list[int], judge) -> Report:
    report = check(parsed["text"], lang=ctx.profile.lang, cited_ids=parsed["cited_ids"], shown=ctx.shown_text(shown_ids),
                   profile=ctx.profile_texts(), judge=judge, user_name=ctx.user_name,
                   register=ctx.profile.register.level, authors=ctx.authors(), contact_name=ctx.contact.name)
    return report


def _verdicts(report: Report, ctx: DraftContext, attempts: list, assembled=None) -> dict:
    v = report.to_json()
    v["language_profile"] = ctx.profile.summary()
    v["suspicious_ids"] = ctx.suspicious_ids
    if attempts:
        v["rewritten"] = attempts
    if assembled is not None:
        v["shown_ids"] = assembled.ids
    return v


__all__ = ["DEFAULT_BUDGET", "DRAFT_MAX_TOKENS", "DraftError", "build_prompt", "draft_for", "prompt_budget", "language_from_instruction",
           "register_from_instruction"]
