"""Commands for the contact book: contacts list/search/show/set/delete, merge, split."""

from __future__ import annotations

import sys

from assistant.cli.common import (
    escape,
    fail,
    fmt_day,
    make_console,
    open_store,
    parse_birthday,
    parse_cadence,
)
from assistant.cli.search import interest_rows, sync_index


def register(sub) -> None:
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


def cmd_contacts_list(args, settings) -> int:
    from rich.table import Table

    store = open_store(settings)
    tz = settings.tzinfo()
    contacts = store.list_contacts(args.query)
    table = Table("#", "name", "circle", "channels", "messages", "last", box=None)
    stats = store.message_stats_by_contact()
    if getattr(args, "active", False):  # only people with a 1:1 history, most recent first
        contacts = sorted((c for c in contacts if c.id in stats), key=lambda c: -stats[c.id][1])
    contacts = contacts[: args.limit] if args.limit else contacts
    for c in contacts:
        n, last, channels = stats.get(c.id, (0, None, ""))
        table.add_row(str(c.id), escape(c.name), c.circle, channels or "", str(n), fmt_day(last, tz))
    console = make_console()
    if not contacts:
        from assistant.cli.common import empty_book

        console.print(f"no contact matches {escape(args.query)!r}" if args.query else
                      empty_book(store) or "no contacts with a conversation yet")
        return 0
    console.print(table)
    console.print(f"{len(contacts)} contact(s)")
    return 0


def cmd_contacts_show(args, settings) -> int:
    from rich.table import Table

    from assistant.store import StoreError

    store = open_store(settings)
    tz = settings.tzinfo()
    try:
        c = store.find_contact(args.contact)
    except StoreError as e:
        return fail(str(e))
    stats = store.contact_stats(c.id)
    console = make_console()
    console.print(f"[bold]{escape(c.name)}[/]  #{c.id}")
    info = Table(box=None, show_header=False)
    aliases = store.aliases(c.id)
    if aliases:
        info.add_row("aliases", escape(", ".join(aliases)))
    info.add_row("circle", c.circle)
    info.add_row("cadence", f"{c.cadence_days} days" if c.cadence_days else "default for the circle")
    info.add_row("languages", ", ".join(c.languages) or "-")
    info.add_row("interests", ", ".join(c.interests) or "-")
    interest_rows(info, store, c.id)
    info.add_row("birthday", c.birthday or "-")
    for label, d in store.important_dates(c.id):
        if label != "birthday":
            info.add_row(label, d)
    if c.organization or c.title:
        info.add_row("work", " · ".join(x for x in (c.title, c.organization) if x))
    if c.notes:
        info.add_row("notes", c.notes)
    info.add_row(
        "history",
        f"{stats['n']} messages ({stats['sent'] or 0} sent, {stats['received'] or 0} received) "
        f"{fmt_day(stats['first'], tz)} → {fmt_day(stats['last'], tz)} on {stats['channels'] or '-'}",
    )
    if stats["groups"]:
        info.add_row("groups", ", ".join(stats["groups"]))
    console.print(info)
    ids = Table("identity", "value", "from", box=None)
    for r in store.identities(c.id):
        ids.add_row(r["kind"], escape(r["raw"]), r["source"])
    console.print(ids)
    recent = store.messages_with(c.id, limit=args.messages)
    if recent:
        console.print(f"\n[bold]last {len(recent)} messages[/]")
        for m in recent:
            who = "me" if m["direction"] == "out" else c.name
            where = f" [{m['group_name']}]" if m["group_name"] else ""
            text = m["text"].replace("\n", " ")
            line = escape(f"{fmt_day(m['ts'], tz)} {m['channel']}{where} {who}: {text[:160]}")
            console.print(f"{line}  [dim](#{m['id']})[/]")
    return 0


def cmd_contacts_set(args, settings) -> int:
    from assistant.store import StoreError

    store = open_store(settings)
    try:
        c = store.find_contact(args.contact)
        fields: dict = {}
        if args.circle:
            fields["circle"] = args.circle
        if args.cadence is not None:
            fields["cadence_days"] = parse_cadence(args.cadence)
        if args.birthday:
            fields["birthday"] = parse_birthday(args.birthday)
        if args.language:
            fields["languages"] = [x.strip() for x in args.language.split(",") if x.strip()]
        if args.interests is not None:
            fields["interests"] = [x.strip() for x in args.interests.split(",") if x.strip()]
        if args.notes is not None:
            fields["notes"] = args.notes
        if args.name:
            fields["name"] = args.name
        added = [a.strip() for a in getattr(args, "alias", None) or [] if a.strip()]
        removed = [a.strip() for a in getattr(args, "remove_alias", None) or [] if a.strip()]
        if not fields and not added and not removed:
            return fail("nothing to set: give --circle, --cadence, --birthday, --language, --interests, --notes, "
                        "--name, --alias or --remove-alias")
        with store.transaction():
            store.update_contact(c.id, **fields)
            if "birthday" in fields:
                store.set_important_date(c.id, "birthday", fields["birthday"])
            for a in added:
                store.add_identity(c.id, "alias", a, source="user")
            missing = [a for a in removed if not store.remove_alias(c.id, a)]
            if missing:
                raise StoreError(f"{c.name} has no alias {missing[0]!r} (aliases: "
                                 f"{', '.join(store.aliases(c.id)) or 'none'})")
        if added:
            fields["aliases"] = ", ".join(store.aliases(c.id))
    except (StoreError, ValueError) as e:
        return fail(str(e))
    print(f"updated {c.name} (#{c.id}): " + ", ".join(f"{k}={v}" for k, v in fields.items()))
    return 0


def cmd_merge(args, settings) -> int:
    from assistant.store import StoreError

    store = open_store(settings)
    try:
        target = store.find_contact(args.target)
        others = [store.find_contact(ref) for ref in args.others]
        with store.transaction():
            for o in others:
                store.merge(target.id, o.id)
    except StoreError as e:
        return fail(str(e))
    print(f"merged {', '.join(o.name + f' (#{o.id})' for o in others)} into {target.name} (#{target.id})")
    return sync_index(settings, quiet=True)


def cmd_split(args, settings) -> int:
    from assistant.store import StoreError

    store = open_store(settings)
    try:
        c = store.find_contact(args.contact)
        new_id = store.split(c.id, args.channel, args.name)
    except StoreError as e:
        return fail(str(e))
    print(f"split what {args.channel} brought off {c.name} (#{c.id}) into {store.get_contact(new_id).name} (#{new_id})")
    return sync_index(settings, quiet=True)


def cmd_contacts_delete(args, settings) -> int:
    from assistant.store import StoreError

    store = open_store(settings)
    try:
        c = store.find_contact(args.contact)
    except StoreError as e:
        return fail(str(e))
    n = store.count_messages(c.id)
    if not args.yes:
        if not sys.stdin.isatty():
            return fail(f"deleting {c.name} (#{c.id}) and {n} messages: confirm with --yes")
        if input(f"Delete {c.name} (#{c.id}) and their {n} 1:1 messages? [y/N] ").strip().lower() not in ("y", "yes"):
            print("nothing deleted")
            return 1
    store.delete_contact(c.id)
    store.close()
    print(f"deleted {c.name} (#{c.id}) and {n} messages")
    return sync_index(settings, quiet=True)
