"""Commands for drafting: draft, drafts, style."""

from __future__ import annotations

import argparse
import json

from assistant.cli.common import (
    escape,
    fail,
    make_console,
    open_store,
    read_about,
    read_user_file,
    today_arg,
)


def register(sub) -> None:
    s = sub.add_parser("draft", help="draft a message to a contact (or to the top N of the ranking) for review")
    s.add_argument("contact", nargs="?", help="name, alias or #id")
    s.add_argument("--suggested", type=int, metavar="N", help="draft for the top N of this month's ranking instead")
    s.add_argument("--about", metavar="TEXT|FILE", help="your news, to share with them (text, or a file with it)")
    s.add_argument("--instruction", help='e.g. "shorter", "more casual", "in English"')
    s.add_argument("--language", help="draft in this language (zh, en, fr, de, ar, hi) this time")
    s.add_argument("--offline", action="store_true", help="never call the model: the offline drafter")
    s.add_argument("-v", "--verbose", action="store_true", help="show prompt, model, tokens and checks")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.add_argument("--today", help=argparse.SUPPRESS)
    s.set_defaults(func=cmd_draft)

    s = sub.add_parser("drafts", help="the review queue: list, show, approve, edit, snooze, dismiss, regenerate")
    s.add_argument("action", nargs="?", choices=("list", "show", "approve", "edit", "snooze", "dismiss", "regenerate"))
    s.add_argument("id", nargs="?", type=int, help="the draft's id")
    s.add_argument("--status", help="list: comma-separated statuses (default queued,held)")
    s.add_argument("--limit", type=int, default=50)
    s.add_argument("--text", help="approve/edit: the text you send (default: the draft as it stands)")
    s.add_argument("--file", help="approve/edit: read that text from a file")
    s.add_argument("--not-sent", action="store_true", help="approve without marking it sent")
    s.add_argument("--force", action="store_true", help="approve a held draft anyway (a guardrail stopped it)")
    s.add_argument("--days", type=int, default=7, help="snooze: for how many days (default 7)")
    s.add_argument("--rest", action="store_true", help="dismiss: also rest the contact in the ranking")
    s.add_argument("--instruction", help='regenerate: e.g. "shorter", "in English"')
    s.add_argument("--offline", action="store_true", help="regenerate without the model")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.set_defaults(func=cmd_drafts)

    s = sub.add_parser("style", help="how you write (derived from your messages and approved drafts), per contact")
    s.add_argument("contact", nargs="?", help="name or #id (default: your overall style)")
    s.add_argument("--language", help="for this language (default: the contact's)")
    s.add_argument("--register", choices=("formal", "informal", "auto"), help="always write to them formally / informally")
    s.add_argument("--note", help="a note for every draft to them (empty to remove)")
    s.set_defaults(func=cmd_style)



# --- drafting: draft, drafts, style -----------------------------------------------------------------------


def review_queue(settings, store, args=None, offline: bool = False):
    from assistant.services import retriever
    from assistant.services.review import ReviewQueue

    tz = settings.tzinfo()
    today = today_arg(args, tz) if args is not None else None
    return ReviewQueue(store, settings=settings, retriever=retriever(settings, store), tz=tz, today=today,
                       offline=offline)


def _show_draft(console, d, tz, *, full: bool = False) -> None:
    status = {"queued": "[green]queued[/]", "held": "[red]held[/]"}.get(d.status, d.status)
    console.print(f"[bold]#{d.id} → {escape(d.contact_name)}[/]  {status}  [dim]{d.language}/{d.register} · "
                  f"{escape(d.label)}{' · ' + d.outcome if d.outcome != 'ready' else ''}[/]")
    console.print(escape(d.text))
    if d.hold_reason:
        console.print(f"[red]held:[/] {escape(d.hold_reason)}")
    if d.why_now:
        console.print(f"[dim]why now: {escape(d.why_now)}[/]")
    if d.rationale:
        console.print(f"[dim]rationale: {escape(d.rationale)}[/]")
    if d.cited_ids:
        console.print("[dim]based on: " + ", ".join(f"#{i}" for i in d.cited_ids) + "[/]")
    if full:
        console.print(f"[dim]prompt {d.prompt_id} {d.prompt_hash[:12]} · model {d.model or '-'} · encoding "
                      f"{d.encoding or '-'} · tokens: context {d.context_tokens or '-'} / budget {d.token_budget or '-'}, "
                      f"prompt {d.prompt_tokens or '-'}, completion {d.completion_tokens or '-'}[/]")
        if d.cut:
            console.print("[dim]left out for the budget: " + "; ".join(
                f"{c['section']} ({c['dropped']} item(s), ~{c['tokens']} tokens)" for c in d.cut) + "[/]")
        checks = d.verdicts or {}
        g = checks.get("grounding") or {}
        console.print(f"[dim]checks: asks {'none' if not checks.get('asks') else len(checks['asks'])} "
                      f"(llm check: {checks.get('llm_check', 'off')}); grounding {'ok' if g.get('ok', True) else 'FAILED'}"
                      f"; language {checks.get('detected_language') or '?'}[/]")
        if checks.get("language_profile"):
            console.print(f"[dim]language: {escape(checks['language_profile'])}[/]")
        if d.final_text is not None:
            console.print(f"[dim]sent text differs from the draft: similarity {d.similarity}, "
                          f"{', '.join(d.edit_labels) or '-'}[/]")
    console.print()


def _draft_json(d) -> dict:
    out = d.to_json()
    out["label"] = d.label
    return out


def cmd_draft(args, settings) -> int:
    from assistant.services import model_configured as is_configured
    from assistant.store import StoreError
    from assistant.store.drafts import DraftError

    store = open_store(settings)
    console = make_console()
    offline = args.offline or not is_configured(settings)
    if args.contact is None and not args.suggested:
        return fail("name a contact (outreach draft NAME) or use --suggested N")
    if args.contact is not None and args.suggested:
        return fail("give either a contact or --suggested N, not both")
    try:
        about = read_about(args.about) if args.about else None
        q = review_queue(settings, store, args, offline=offline)
    except ValueError as e:
        return fail(str(e))
    if offline and not args.offline and not args.json:
        console.print("[yellow]note:[/] no model configured (set OPENAI_BASE_URL and/or OPENAI_API_KEY, and "
                      "OUTREACH_CHAT_MODEL): writing offline drafts from the history")
    tz = settings.tzinfo()
    if args.suggested:
        if args.suggested < 1:
            return fail("--suggested needs a number of people, e.g. --suggested 5")
        result = q.suggested(args.suggested, about=about)
        if args.json:
            print(json.dumps({"drafts": [_draft_json(d) for d in result.drafts],
                              "skipped": [{"name": n, "why": w} for n, w in result.skipped],
                              "failed": [{"name": n, "error": e} for n, e in result.failed]}, ensure_ascii=False, indent=1))
        else:
            for d in result.drafts:
                _show_draft(console, d, tz)
            for name, why in result.skipped:
                console.print(f"[dim]skipped {escape(name)}: {escape(why)}[/]")
            for name, e in result.failed:
                console.print(f"[red]failed[/] {escape(name)}: {escape(e)}")
            queued = sum(d.status == "queued" for d in result.drafts)
            console.print(f"{queued} draft(s) queued, {len(result.drafts) - queued} held; review with `outreach drafts`")
        return 0 if not result.failed else 1
    try:
        contact = store.find_contact(args.contact)
        d = q.draft(contact.id, about=about, instruction=args.instruction, language=args.language)
    except (StoreError, DraftError, ValueError) as e:
        return fail(f"{e}\nnothing was added to the queue")
    if args.json:
        print(json.dumps(_draft_json(d), ensure_ascii=False, indent=1))
    else:
        _show_draft(console, d, tz, full=args.verbose)
    return 0


def cmd_drafts(args, settings) -> int:
    from assistant.domain import STATUSES
    from assistant.store.drafts import DraftError

    store = open_store(settings)
    console = make_console()
    tz = settings.tzinfo()
    action = args.action or "list"
    try:
        if action == "list":
            from assistant.services.review import list_drafts

            statuses = tuple(args.status.split(",")) if args.status else ("queued", "held")
            bad = [s for s in statuses if s not in STATUSES]
            if bad:
                return fail(f"unknown status {', '.join(bad)}; use {', '.join(STATUSES)}")
            rows = list_drafts(store, statuses, limit=args.limit)
            if args.json:
                print(json.dumps([_draft_json(d) for d in rows], ensure_ascii=False, indent=1))
                return 0
            if not rows:
                from assistant.cli.common import empty_book

                console.print(empty_book(store) or "no drafts waiting; make some with `outreach draft --suggested 5`")
            for d in rows:
                _show_draft(console, d, tz)
            return 0
        if args.id is None:
            return fail(f"drafts {action} needs a draft id (see `outreach drafts`)")
        q = review_queue(settings, store, offline=args.offline if action == "regenerate" else False)
        if action == "show":
            d = q.get(args.id)
        elif action == "approve":
            text = None
            if args.file:
                text = read_user_file(args.file, "text to send")
            elif args.text is not None:
                text = args.text
            held = q.get(args.id)
            if held.status == "held" and not getattr(args, "force", False):
                return fail(f"draft #{held.id} to {held.contact_name} is held: {held.hold_reason or 'a guardrail stopped it'}"
                            f"\nread it (`outreach drafts show {held.id}`), edit or regenerate it, or approve it anyway "
                            "with --force")
            d = q.approve(args.id, text, sent=not args.not_sent)
        elif action == "edit":
            if args.text is None and not args.file:
                return fail("drafts edit needs --text TEXT or --file FILE")
            d = q.edit(args.id, read_user_file(args.file, "draft text") if args.file else args.text)
        elif action == "snooze":
            d = q.snooze(args.id, days=args.days)
        elif action == "dismiss":
            d = q.dismiss(args.id, rest_contact=args.rest)
        elif action == "regenerate":
            d = q.regenerate(args.id, instruction=args.instruction)
        else:  # pragma: no cover - argparse limits the choices
            return fail(f"unknown action {action}")
    except (DraftError, OSError, UnicodeDecodeError, ValueError) as e:
        return fail(str(e))
    if args.json:
        print(json.dumps(_draft_json(d), ensure_ascii=False, indent=1))
        return 0
    _show_draft(console, d, tz, full=action in ("show", "approve"))
    if action == "approve":
        edit = (d.verdicts or {}).get("edit", {})
        verdict = "accepted as drafted" if edit.get("labels") == ["no_meaningful_edit"] else (
            "accepted with small edits" if edit.get("accepted") else "rewritten")
        console.print(f"{verdict} (similarity {d.similarity}); "
                      + ("logged as sent: the keep-in-touch clock restarts" if d.status == "sent" else "approved, not sent yet"))
    return 0


def cmd_style(args, settings) -> int:
    from assistant.drafting.learning import set_note, style_for
    from assistant.store import StoreError
    from assistant.text.language import profile_for

    store = open_store(settings)
    console = make_console()
    try:
        contact = store.find_contact(args.contact) if args.contact else None
    except StoreError as e:
        return fail(str(e))
    cid = contact.id if contact else None
    if args.register:
        if cid is None:
            return fail("--register is set per contact: outreach style NAME --register formal")
        set_note(store, cid, "register", None if args.register == "auto" else args.register)
    if args.note is not None:
        set_note(store, cid, "note", args.note or None)
    lang = args.language
    if lang is None:
        lang = profile_for(store, cid).lang if cid else "en"
    notes = style_for(store, cid or 0, lang) if cid else None
    if cid:
        p = profile_for(store, cid)
        console.print(f"[bold]{escape(contact.name)}[/]: {escape(p.summary())}")
        lines = notes.lines()
    else:
        from assistant.drafting.learning import StyleNotes, refresh_notes, stored_notes

        refresh_notes(store, None, lang)
        lines = StyleNotes(lang, {}, stored_notes(store, None, lang)).lines()
        console.print(f"[bold]your style in {lang}[/] (from everything you wrote in it)")
    for line in lines or ["- nothing to go on yet"]:
        console.print(escape(line))
    return 0
