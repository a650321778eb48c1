"""Commands for the user's own data: export everything, forget a contact."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from assistant.cli.common import fail, open_store


def register(sub) -> None:
    s = sub.add_parser("export", help="all your data as one JSON file (re-importable with `outreach import FILE`)")
    s.add_argument("--out", metavar="FILE", help="write it here (created owner-only); default: stdout")
    s.set_defaults(func=cmd_export)

    s = sub.add_parser("forget", help="remove a contact and every message with or from them, also from the index")
    s.add_argument("contact")
    s.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    s.set_defaults(func=cmd_forget)



def cmd_export(args, settings) -> int:
    """All data as one JSON document, to a file (created 0600) or stdout."""
    from assistant.services.privacy import write_export

    store = open_store(settings)
    try:
        if args.out in (None, "-"):
            counts = write_export(store, sys.stdout)
            sys.stdout.flush()
        else:
            out = Path(args.out).expanduser()
            if out.exists() and not out.is_file():
                return fail(f"{out}: not a regular file; give a file name for the export")
            tmp = out.with_name(out.name + ".part")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                counts = write_export(store, f)
            os.replace(tmp, out)
    finally:
        store.close()
    print(f"exported {counts['contacts']} contacts, {counts['groups']} groups, {counts['messages']} messages, "
          f"{counts['drafts']} drafts" + ("" if args.out in (None, "-") else f" to {args.out}")
          + "; `outreach import FILE` reads it back", file=sys.stderr)
    return 0


def cmd_forget(args, settings) -> int:
    """Remove a contact from the store, the lexical index and the vector index."""
    from assistant.cli.search import sync_index
    from assistant.services.privacy import forget_contact
    from assistant.store import StoreError

    store = open_store(settings)
    try:
        c = store.find_contact(args.contact)
        if not args.yes:
            if not sys.stdin.isatty():
                return fail(f"forgetting {c.name} (#{c.id}) removes them and every message with or from them: "
                            "confirm with --yes")
            answer = input(f"Forget {c.name} (#{c.id}) and every message with or from them? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                print("nothing removed")
                return 1
        n = forget_contact(store, c.id)
    except StoreError as e:
        return fail(str(e))
    finally:
        store.close()
    print(f"forgot {c.name} (#{c.id}): {n['messages']} 1:1 messages and {n['group_messages']} group messages removed")
    return sync_index(settings, quiet=True)  # their chunks leave FTS and Chroma (when an index exists)
