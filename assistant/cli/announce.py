"""The rewrite command for group announcements."""

from __future__ import annotations

import json
import sys

from assistant.cli.common import escape, fail, make_console, open_store, read_user_file


def register(sub) -> None:
    s = sub.add_parser("rewrite", help="rewrite a group announcement: clearer, shorter, same facts and voice; per "
                                      "channel and language, beside the original")
    s.add_argument("source", metavar="FILE|-", help="the announcement: a text file, or - for stdin")
    s.add_argument("--channel", default="wechat", choices=("wechat", "whatsapp", "telegram", "linkedin", "email"),
                   help="where it goes: sets the length limit and the formatting (default wechat)")
    s.add_argument("--lang", help="one version per language, e.g. zh,en (default: the announcement's language)")
    s.add_argument("--group", help="the group it is for (name or #id): follow-ups are picked from its members")
    s.add_argument("--followups", type=int, default=0, metavar="N",
                   help="queue a short personal 1:1 version for the N members who matter most")
    s.add_argument("--followups-for", metavar="NAMES", default="",
                   help="comma-separated people to send the personal 1:1 version to (instead of the top N)")
    s.add_argument("--offline", action="store_true", help="never call the model: the offline restructuring only")
    s.add_argument("--plain", action="store_true", help="print only the versions' text, no markup (the default "
                                                        "when the output is piped)")
    s.add_argument("--tui", action="store_true", help="open the rewrite screen with this announcement")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.set_defaults(func=cmd_rewrite)



# --- rewrite an announcement ---------------------------------------------------------------------------


def read_announcement(source: str) -> str:
    """The text of FILE, or of stdin for '-'; a clear error naming the file otherwise."""
    if source == "-":
        text = sys.stdin.read()
        where = "stdin"
    else:
        where = source
        text = read_user_file(source, "file holding the announcement")
    if not text.strip():
        raise ValueError(f"{where}: empty; give the text of the announcement")
    return text


def cmd_rewrite(args, settings) -> int:
    from assistant.announce.followups import (
        contact_language,
        queue_followups,
        select_followups,
        skipped_followups,
    )
    from assistant.announce.rewrite import (
        RewriteError,
        parse_langs,
        rewrite_announcement,
    )
    from assistant.groups import GroupNotFound, find_group
    from assistant.services.announce import AnnounceService
    from assistant.store import StoreError

    store = open_store(settings)
    try:
        text = read_announcement(args.source)
        langs = parse_langs(args.lang)
        group = find_group(store, args.group) if args.group else None
        if args.followups < 0:
            raise ValueError("--followups must be 0 or more")
        picked = [store.find_contact(n).id for n in getattr(args, "followups_for", "").split(",") if n.strip()]
    except (ValueError, StoreError, GroupNotFound, RewriteError) as e:
        return fail(str(e))
    service = AnnounceService(settings, store)
    if args.tui:
        from assistant.tui.app import make_app

        make_app(settings, store=store, start="rewrite", announcement=text, channel=args.channel,
                 langs=args.lang or "").run()
        return 0
    model = service.model(args.offline)
    try:
        result = rewrite_announcement(text, channel=args.channel, langs=langs, model=model, names=service.names())
    except (RewriteError, ValueError) as e:
        return fail(str(e))
    followups = []
    followup_note = ""
    skipped: list[tuple[str, str]] = []
    wanted = args.followups or len(picked)
    if wanted:
        group_id = group["id"] if group else None
        candidates = select_followups(store, args.followups, group_id=group_id, picked=picked or None)
        skipped = skipped_followups(store, candidates, group_id=group_id, picked=picked or None)
        draft_fn = _followup_drafter(settings, store, model, offline=args.offline)
        if draft_fn is None:
            followup_note = "the drafting agent is not available: follow-ups selected, not queued"
            followups = [(c, None) for c in candidates]
        else:
            # the news the follow-ups are about: the accepted rewrite in the original's language, else the clean-up
            best = next((v.text for v in result.versions if v.via == "llm" and v.lang == result.source_lang),
                        result.versions[0].text)
            followups = [(q.candidate, q) for q in queue_followups(
                store, candidates, best, draft_fn=draft_fn, offline=args.offline or not settings.llm_configured(),
                structure=result.structure, lang_of=lambda cid: contact_language(store, cid))]
    fell_back = any(v.fell_back for v in result.versions)
    if args.json:
        out = result.to_dict()
        if wanted:
            out["followups"] = [{"contact_id": c.contact_id, "name": c.name, "circle": c.circle,
                                 "one_to_one": c.one_to_one, "draft_id": q.draft_id if q else None,
                                 "status": q.status if q else "not_queued", "reason": q.reason if q else "",
                                 "text": q.text if q else ""}
                                for c, q in followups]
            out["followups_skipped"] = [{"name": n, "why": why} for n, why in skipped]
            out["followups_note"] = followup_note
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 3 if fell_back else 0
    from assistant.announce.render import render_result

    console = make_console()
    if args.plain or not console.is_terminal:
        # the text only, ready to paste: no table, no diff marks, no markup; what it is goes to stderr
        for i, v in enumerate(result.versions):
            if len(result.versions) > 1 or v.note or v.fell_back:
                print(f"# {v.lang} · {v.label}" + (f" · {v.note}" if v.note else ""), file=sys.stderr)
            print(("\n" if i else "") + v.text)
        from rich.console import Console

        console = Console(stderr=True, highlight=False, soft_wrap=True)
    else:
        console.print(render_result(result, colour=console.color_system is not None))
    if wanted:
        queued = sum(1 for _, q in followups if q and q.draft_id)
        console.print(f"follow-ups: {queued} of {wanted} asked for queued"
                      + (f" (only {len(followups)} with a 1:1 history{' in this group' if group else ''})"
                         if len(followups) < wanted else ""))
        for c, q in followups:
            line = f"follow-up for {escape(c.name)} (#{c.contact_id}, {c.circle}, {c.one_to_one} 1:1 messages): "
            if q is None:
                line += "[dim]not queued[/]"
            elif q.draft_id:
                line += f"draft #{q.draft_id} {q.status}" + (f" [yellow]({escape(q.reason)})[/]" if q.reason else "")
            else:
                line += f"[red]{q.status}[/]: {escape(q.reason)}"
            console.print(line)
        if skipped:
            console.print("skipped: " + "; ".join(f"{escape(n)} ({why})" for n, why in skipped))
        if followup_note:
            console.print(f"[yellow]note:[/] {followup_note}")
    return 3 if fell_back else 0


def _followup_drafter(settings, store, model, *, offline: bool = False):
    """The drafting agent's `draft_for`, bound to this store, model and settings: each follow-up is a draft
    like any other (same guardrails, token budget and review queue). None when it is not available."""
    try:
        from assistant.drafting.agent import draft_for
    except ImportError:
        return None
    from assistant.services import retriever

    found = retriever(settings, store)
    tz = settings.tzinfo()

    def draft_fn(contact_id: int, *, about: str, instruction: str):
        return draft_for(store, contact_id, about=about, instruction=instruction, settings=settings, retriever=found,
                         model=model, tz=tz, offline=offline)

    return draft_fn
