"""The parser and the entry point."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant import __version__
from assistant.cli import report
from assistant.cli.announce import cmd_rewrite
from assistant.cli.common import DEMO_DIR, fail, load_settings
from assistant.cli.contacts import (
    cmd_contacts_list,
    cmd_contacts_set,
    cmd_contacts_show,
    cmd_demo,
    cmd_import,
    cmd_me,
    cmd_merge,
    cmd_split,
    cmd_status,
    cmd_tui,
    interactive,
)
from assistant.cli.drafts import cmd_draft, cmd_drafts, cmd_style
from assistant.cli.network import (
    cmd_ask,
    cmd_dismiss,
    cmd_groups,
    cmd_snooze,
    cmd_suggest,
)
from assistant.cli.privacy import cmd_export, cmd_forget
from assistant.cli.search import cmd_contacts_delete, cmd_index, cmd_search

# --- parser ---------------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    from assistant.ingest import IMPORTERS

    p = argparse.ArgumentParser(prog="outreach", description="Keep real relationships alive, locally.")
    p.add_argument("--version", action="version", version=f"outreach {__version__}")
    sub = p.add_subparsers(dest="command")

    s = sub.add_parser("import", help="import chat and contact exports (files or folders)")
    s.add_argument("paths", nargs="+", type=Path)
    s.add_argument("--format", choices=IMPORTERS, help="skip sniffing and read every file as this format")
    s.add_argument("--me", action="append", metavar="NAME", help="the name you appear under (repeatable)")
    s.add_argument("--no-index", action="store_true", help="do not update the retrieval index afterwards")
    s.set_defaults(func=cmd_import)

    s = sub.add_parser("me", help="say which author is you: re-assigns the directions of chats already imported")
    s.add_argument("name", nargs="?", help="the name you appear under in chats (none: show what is known)")
    s.add_argument("--channel", help="only on this channel (e.g. whatsapp); default: every channel")
    s.set_defaults(func=cmd_me)

    s = sub.add_parser("demo", help="load the bundled multilingual demo data, index it, draft for the top of the "
                                   "ranking, and open the review queue")
    s.add_argument("--data", default=str(DEMO_DIR), help=argparse.SUPPRESS)
    s.add_argument("--no-index", action="store_true", help="do not build the search index")
    s.add_argument("--drafts", type=int, default=8, metavar="N", help="draft for the top N of the ranking (default 8; 0: none)")
    s.add_argument("--no-tui", action="store_true", help="do not open the review queue afterwards (never opened "
                                                         "without a terminal)")
    s.set_defaults(func=cmd_demo)

    s = sub.add_parser("tui", help="the review queue in the terminal (also what `outreach` alone opens)")
    s.add_argument("--light", action="store_true", help="start with the light theme (Ctrl+T switches)")
    s.add_argument("--import", dest="import_", action="store_true", help="start on the import & index screen")
    s.set_defaults(func=cmd_tui)

    s = sub.add_parser("contacts", help="list, search, show or edit contacts")
    s.set_defaults(func=cmd_contacts_list, query=None, limit=None)
    csub = s.add_subparsers(dest="contacts_command")
    c = csub.add_parser("list", help="list contacts")
    c.add_argument("--limit", type=int)
    c.add_argument("--active", action="store_true", help="only people you have a 1:1 history with, latest first")
    c.set_defaults(func=cmd_contacts_list, query=None)
    c = csub.add_parser("search", help="contacts whose name or identity contains TEXT")
    c.add_argument("query")
    c.add_argument("--limit", type=int)
    c.set_defaults(func=cmd_contacts_list)
    c = csub.add_parser("show", help="one contact: profile, identities, recent messages")
    c.add_argument("contact", help="name, #id or an identity (phone, e-mail...)")
    c.add_argument("--messages", type=int, default=10, help="how many recent messages to show")
    c.set_defaults(func=cmd_contacts_show)
    c = csub.add_parser("set", help="set circle, cadence, birthday, languages, interests, notes")
    c.add_argument("contact")
    c.add_argument("--circle", choices=("inner", "close", "wider", "never"))
    c.add_argument("--cadence", help="keep-in-touch cadence: days, or 2w / 3m / 1y, or 'default'")
    c.add_argument("--birthday", help="YYYY-MM-DD or MM-DD")
    c.add_argument("--language", help="language codes, preferred first, e.g. zh,en")
    c.add_argument("--interests", help="comma-separated")
    c.add_argument("--notes")
    c.add_argument("--name", help="rename")
    c.add_argument("--alias", action="append", help="another name you call them by (a nickname, a Latin "
                   "spelling); the contact is found by it; repeat for several")
    c.add_argument("--remove-alias", action="append", metavar="ALIAS", help="forget an alias")
    c.set_defaults(func=cmd_contacts_set)
    c = csub.add_parser("delete", help="delete a contact, their 1:1 messages and their indexed chunks")
    c.add_argument("contact")
    c.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    c.set_defaults(func=cmd_contacts_delete)

    s = sub.add_parser("merge", help="merge duplicate contacts into the first one")
    s.add_argument("target")
    s.add_argument("others", nargs="+")
    s.set_defaults(func=cmd_merge)

    s = sub.add_parser("split", help="move what one channel brought off a contact into a new contact")
    s.add_argument("contact")
    s.add_argument("--channel", required=True, help="e.g. whatsapp, wechat, linkedin, contacts")
    s.add_argument("--name", help="name for the new contact")
    s.set_defaults(func=cmd_split)

    s = sub.add_parser("index", help="build or update the search index over your conversations (with progress)")
    s.add_argument("--rebuild", action="store_true", help="drop the index and build it again from the store")
    s.add_argument("--status", action="store_true", help="show what the index holds and what is pending")
    s.add_argument("--no-interests", action="store_true", help="skip extracting interests per contact")
    s.set_defaults(func=cmd_index)

    s = sub.add_parser("search", help="search your conversation history; every hit cites its messages")
    s.add_argument("query")
    s.add_argument("--contact", help="only this contact's 1:1 chats and what they wrote in groups")
    s.add_argument("--group", help="only this group (name or #id)")
    s.add_argument("--channel", help="only this channel, e.g. wechat, whatsapp, email")
    s.add_argument("--since", help="from this date: YYYY-MM-DD, YYYY-MM, YYYY, or 30d / 6m / 1y ago")
    s.add_argument("--until", help="up to this date (inclusive)")
    s.add_argument("-k", type=int, default=10, help="how many hits (default 10)")
    s.add_argument("--mode", choices=("hybrid", "lexical", "dense"), default="hybrid")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.set_defaults(func=cmd_search)

    s = sub.add_parser("suggest", help="who to reconnect with this month: a ranked list with reasons and talking points")
    s.add_argument("--month", help="YYYY-MM (default: this month, looking at least two weeks ahead)")
    s.add_argument("--limit", type=int, default=10, help="how many people (default 10)")
    s.add_argument("--about", metavar="TEXT|FILE", help="your news (text, or a file with it): who would care about it?")
    s.add_argument("--circle", choices=("inner", "close", "wider"), help="only this circle")
    s.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the reasons")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.add_argument("--today", help=argparse.SUPPRESS)
    s.set_defaults(func=cmd_suggest)

    s = sub.add_parser("snooze", help="hide a contact from suggestions for a while (default 2 weeks)")
    s.add_argument("contact")
    g = s.add_mutually_exclusive_group()
    g.add_argument("--for", dest="for_", metavar="DURATION", help="e.g. 10d, 3w, 2m")
    g.add_argument("--until", metavar="YYYY-MM-DD")
    s.set_defaults(func=cmd_snooze)

    s = sub.add_parser("dismiss", help="not now: rest a suggested contact (longer each time in a row)")
    s.add_argument("contact")
    s.set_defaults(func=cmd_dismiss)

    s = sub.add_parser("ask", help="ask about your network, e.g. \"who is into cycling\" (EN/中文); answers cite messages")
    s.add_argument("question", nargs="+")
    s.add_argument("--offline", action="store_true", help="never call the model: the built-in answers only")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.add_argument("--today", help=argparse.SUPPRESS)
    s.set_defaults(func=cmd_ask)

    s = sub.add_parser("groups", help="your group chats: size, activity, and whether to keep, broadcast or close")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.add_argument("--today", help=argparse.SUPPRESS)
    s.add_argument("--tui", action="store_true", help="browse the groups and their health in the terminal UI")
    s.set_defaults(func=cmd_groups, group=None, min_chars=120, announcements=8)
    gsub = s.add_subparsers(dest="groups_command")
    c = gsub.add_parser("show", help="one group: members, who spoke lately, activity per month, announcements")
    c.add_argument("group", help="name (or part of it) or #id")
    c.add_argument("--min-chars", type=int, default=120,
                   help="your messages at least this long count as announcements (default 120)")
    c.add_argument("--announcements", type=int, default=8, help="how many recent announcements to list")
    c.add_argument("--json", action="store_true", help="machine-readable output")
    c.add_argument("--today", help=argparse.SUPPRESS)
    c.set_defaults(func=cmd_groups)

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

    report.register(sub)

    s = sub.add_parser("status", help="where the data lives and what it holds")
    s.set_defaults(func=cmd_status)

    s = sub.add_parser("export", help="all your data as one JSON file (re-importable with `outreach import FILE`)")
    s.add_argument("--out", metavar="FILE", help="write it here (created owner-only); default: stdout")
    s.set_defaults(func=cmd_export)

    s = sub.add_parser("forget", help="remove a contact and every message with or from them, also from the index")
    s.add_argument("contact")
    s.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    s.set_defaults(func=cmd_forget)

    s = sub.add_parser("eval", help="run an eval from a source checkout: drafts (--offline/--recorded/--live), "
                                    "rewrite, retrieval, asks, hostile, hooks; see evals/*/README.md in the repository")
    s.add_argument("which", choices=("drafts", "rewrite", "retrieval", "asks", "hostile", "hooks"))
    s.add_argument("rest", nargs=argparse.REMAINDER, help="the eval's own options, e.g. --recorded --only zh-")
    s.set_defaults(func=cmd_eval)
    return p


def cmd_eval(args, settings) -> int:
    """Run an eval of the source checkout in its own process (evals/ is not part of the installed package)."""
    import subprocess

    root = Path(__file__).resolve().parents[2]
    if not (root / "evals" / "run.py").exists():
        return fail(f"the evals live in the source repository (evals/ next to assistant/), not found under {root}")
    return subprocess.call([sys.executable, "-m", "evals.run", args.which, *args.rest], cwd=root)


def main(argv: list[str] | None = None) -> int:
    """The entry point, inside the error boundary: an expected error is one line and exit 2, an unexpected
    one says where its trace was written, Ctrl+C is exit 130, a closed pipe ends quietly."""
    from assistant.cli import boundary

    return boundary.run(_main, argv)


def _main(argv: list[str] | None) -> int:
    from assistant.cli.boundary import check_argv

    argv = check_argv(sys.argv[1:] if argv is None else list(argv))
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):  # no command: the review queue in a terminal, else the status
        args.func = cmd_status
        if interactive():
            args.func, args.light, args.import_ = cmd_tui, False, False
    try:
        settings = load_settings()
    except Exception as e:  # pydantic validation of .env / environment
        return fail(f"bad settings: {e}")
    from assistant.cli.boundary import secure_home
    from assistant.services import show_model_progress

    secure_home(settings)
    show_model_progress()  # model calls show a spinner (elapsed time, endpoint) on stderr
    return args.func(args, settings)
