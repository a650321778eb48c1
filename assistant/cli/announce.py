"""The rewrite command for group announcements."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from assistant.cli.common import escape, fail, make_console, open_store

# --- rewrite an announcement ---------------------------------------------------------------------------


def read_announcement(source: str) -> str:
    """The text of FILE, or of stdin for '-'; a clear error naming the file otherwise."""
    if source == "-":
        text = sys.stdin.read()
        where = "stdin"
    else:
        path = Path(source)
        where = str(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise ValueError(f"{path}: no such file") from None
        except IsADirectoryError:
            raise ValueError(f"{path}: is a directory; give the file holding the announcement") from None
        except UnicodeDecodeError as e:
            raise ValueError(f"{path}: not UTF-8 text (byte {e.start})") from None
    if not text.strip():
        raise ValueError(f"{where}: empty; give the text of the announcement")
    return text


def cmd_rewrite(args, settings) -> int:
    from assistant.announce.followups import queue_followups, select_followups
    from assistant.announce.rewrite import (
        RewriteError,
        parse_langs,
        rewrite_announcement,
    )
    from assistant.groups import GroupNotFound, find_group
    from assistant.services.announce import AnnounceService

    store = open_store(settings)
    try:
        text = read_announcement(args.source)
        langs = parse_langs(args.lang)
        group = find_group(store, args.group) if args.group else None
        if args.followups < 0:
            raise ValueError("--followups must be 0 or more")
    except (ValueError, GroupNotFound, RewriteError) as e:
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
    if args.followups:
        candidates = select_followups(store, args.followups, group_id=group["id"] if group else None)
        draft_fn = _followup_drafter(settings, store, model, offline=args.offline)
        if draft_fn is None:
            followup_note = "the drafting agent is not available: follow-ups selected, not queued"
            followups = [(c, None) for c in candidates]
        else:
            # the news the follow-ups are about: the accepted rewrite in the original's language, else the clean-up
            best = next((v.text for v in result.versions if v.via == "llm" and v.lang == result.source_lang),
                        result.cleanup.text)
            followups = [(q.candidate, q) for q in queue_followups(
                store, candidates, best, draft_fn=draft_fn,
                offline=args.offline or not settings.llm_configured())]
    fell_back = any(v.fell_back for v in result.versions)
    if args.json:
        out = result.to_dict()
        if args.followups:
            out["followups"] = [{"contact_id": c.contact_id, "name": c.name, "circle": c.circle,
                                 "one_to_one": c.one_to_one, "draft_id": q.draft_id if q else None,
                                 "status": q.status if q else "not_queued", "reason": q.reason if q else ""}
                                for c, q in followups]
            out["followups_note"] = followup_note
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 3 if fell_back else 0
    from assistant.announce.render import render_result

    console = make_console()
    if args.plain:
        for v in result.versions:
            print(v.text)
            print()
    else:
        console.print(render_result(result, colour=console.color_system is not None))
    if args.followups:
        if not followups:
            console.print("follow-ups: nobody with a 1:1 history" + (" in this group" if group else ""))
        for c, q in followups:
            line = f"follow-up for {escape(c.name)} (#{c.contact_id}, {c.circle}, {c.one_to_one} 1:1 messages): "
            if q is None:
                line += "[dim]not queued[/]"
            elif q.draft_id:
                line += f"draft #{q.draft_id} {q.status}" + (f" [yellow]({escape(q.reason)})[/]" if q.reason else "")
            else:
                line += f"[red]{q.status}[/]: {escape(q.reason)}"
            console.print(line)
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
