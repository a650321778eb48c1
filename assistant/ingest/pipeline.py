"""The idempotent import pipeline: parse every file first, work out who "me" is, then write each file in
one transaction. A file that fails to parse writes nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path

from assistant.domain import (
    STRONG_IDENTITY_KINDS,
    ImportBatch,
    ParseError,
    RawConversation,
    identity_key,
    name_key,
)
from assistant.ingest import detect
from assistant.ingest.common import looks_like_phone, sanitize_batch
from assistant.store import Store

# ask(path, authors) -> the author who is the user, or None if the user declines.
AskMe = Callable[[Path, list[str]], "str | None"]
Progress = Callable[[str, int, int], None]  # (label, done, total)


@dataclass
class FileResult:
    path: Path
    format: str
    messages_added: int = 0
    messages_skipped: int = 0
    contacts_added: int = 0
    contacts_merged: int = 0
    groups_added: int = 0
    warnings: list[str] = field(default_factory=list)
    owner_unresolved: list[str] = field(default_factory=list)  # the authors, when it is unknown which is the user


@dataclass
class ImportSummary:
    files: list[FileResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files in folders that are not exports

    def total(self, attr: str) -> int:
        return sum(getattr(f, attr) for f in self.files)

    @property
    def warnings(self) -> list[str]:
        return self.skipped + [w for f in self.files for w in f.warnings]

    @property
    def unresolved(self) -> list[FileResult]:
        """Files imported without knowing which author is the user (settle with `outreach me NAME`)."""
        return [f for f in self.files if f.owner_unresolved]

    def line(self) -> str:
        return (
            f"{len(self.files)} file(s): {self.total('messages_added')} messages added, "
            f"{self.total('messages_skipped')} skipped (already imported); "
            f"{self.total('contacts_added')} contacts added, {self.total('contacts_merged')} merged into existing; "
            f"{self.total('groups_added')} groups added"
        )


def parse_all(paths: Sequence[Path], fmt: str | None = None) -> tuple[list[ImportBatch], list[str]]:
    """Parse every file; a file the user named that fails raises its ParseError. Files found inside a folder
    are skipped with a warning when no importer recognises them (media, HTML copies, side files) or when
    they fail to parse (one broken chat does not stop the rest). A folder that yields nothing is an error."""
    from assistant.ingest import NotAnExport

    batches, skipped = [], []
    per_folder: dict[Path, int] = {}
    for path, folder in expand(paths):
        try:
            mod = detect(path, fmt)
            parsed = mod.parse_many(path) if hasattr(mod, "parse_many") else [mod.parse(path)]  # an export: one per channel
            if fmt and not any(b.message_count or b.contacts for b in parsed):  # a forced format that does not fit
                warnings = [w for b in parsed for w in b.warnings]
                why = f" ({warnings[0]})" if warnings else ""
                raise ParseError(path, f"nothing in this file reads as a {fmt} export{why}; is --format right?")
            batches.extend(sanitize_batch(b) for b in parsed)
            if folder is not None:
                per_folder[folder] = per_folder.get(folder, 0) + 1
        except NotAnExport as e:  # from sniffing, or a side file the importer recognises but does not import
            if folder is None:
                raise
            skipped.append(f"{path}: skipped, {e.reason}")
        except ParseError as e:
            if folder is None:
                raise
            skipped.append(f"{e}; skipped")
    for p in map(Path, paths):
        if p.is_dir() and not per_folder.get(p):
            found = [w for w in skipped if w.startswith(str(p))]
            why = f"none of its {len(found)} file(s) is a chat or contact export that could be read" if found else (
                "it holds no files")
            detail = f" (first: {found[0]})" if found else ""
            raise NotAnExport(p, f"nothing to import from this folder: {why}{detail}")
    return batches, skipped


def expand(paths: Sequence[Path]) -> list[tuple[Path, Path | None]]:
    """Files to import, each with the folder it was found in (None: the user named the file)."""
    out: list[tuple[Path, Path | None]] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.is_file() and not q.name.startswith("."))
            out.extend((q, p) for q in found)
        elif p.is_file():
            out.append((p, None))
        elif p.exists():  # a FIFO or device would block or never end
            raise ParseError(p, "not a regular file (a FIFO, device or socket); give an export file or folder")
        else:
            raise ParseError(p, "no such file or directory")
    return out


# --- who is "me" -----------------------------------------------------------------------------------------


def _is_me(keys: set[tuple[str, str]], name: str | None, handles=()) -> bool:
    if name and ("name", name_key(name)) in keys:
        return True
    return any((k, identity_key(k, v)) in keys for k, v in handles)


def resolve_me(
    store: Store, batches: list[ImportBatch], ask: AskMe | None = None, explicit: Sequence[str] = ()
) -> list[ImportBatch]:
    """Work out, for every batch whose directions depend on it, which author is the user. Never refuses:
    returns the batches for which it stays unknown (they are imported with the owner unresolved).

    Sources, in order: what the format says (batch.me), names remembered from earlier imports or given now
    (`explicit`: --me / OUTREACH_ME), a 1:1 chat whose peer the file names (the other author is the user),
    a chat none of whose authors can be the user (batch.not_me, the named peer: the user only reads),
    the author common to the user's other undecided chats (this run's, and those already in the store with
    the owner unresolved), the peer's other identities in the store, and finally `ask` (None: not asked).
    A chat none of whose authors is a name given in `explicit` is one the user only read (an observer).
    What is learnt is remembered in the store, and chats imported earlier without it are settled in place.
    """
    undecided = []
    for b in batches:
        for n in b.me:
            store.add_me(n, b.channel)
        for kind, value in b.me_handles:
            store.add_me(value, b.channel, kind)
        if not b.needs_me():
            continue
        keys = store.me_keys(b.channel)
        if any(_is_me(keys, a) for a in b.authors()):
            continue
        inferred = _me_from_peer(b)
        if inferred:
            _learn(store, inferred, b.channel)
            continue
        if _all_from_peer(b) or _observer(b) or explicit:  # nobody here is the user: the user only reads
            continue
        undecided.append(b)
    unresolved = []
    for b in undecided:
        keys = store.me_keys(b.channel)
        if any(_is_me(keys, a) for a in b.authors()):  # settled by an earlier batch of this run
            continue
        name = _me_across_chats(store, b, undecided) or _me_from_identities(store, b)
        if not name and ask:
            name = ask(b.path, sorted(b.authors()))
        if name:
            _learn(store, name, b.channel)
        else:
            unresolved.append(b)
    return unresolved


def _learn(store: Store, name: str, channel: str) -> None:
    """Remember that `name` is the user on `channel`, settling chats imported before without knowing it."""
    if store.owner_pending():
        store.assign_me(name, channel)
    else:
        store.add_me(name, channel)


def _author_keys(b: ImportBatch) -> set[str]:
    return {name_key(a) for a in b.authors()}


def _me_across_chats(store: Store, b: ImportBatch, undecided: list[ImportBatch]) -> str | None:
    """The author of `b` who also wrote in the user's other undecided chats: those of this run and those in
    the store imported with the owner unresolved. Two people rarely share several chats with nobody else,
    but in groups they do: a group needs the candidate in at least two other chats and twice as many as
    anyone else; a 1:1 chat needs its other author to be in none. Peers of settled 1:1 chats never qualify."""
    others = [_author_keys(o) for o in undecided if o is not b and o.channel == b.channel]
    others += store.pending_author_sets(b.channel)
    if not others:
        return None
    not_me = store.known_peer_names(b.channel)
    authors = {name_key(a): a for a in sorted(b.authors() - b.not_me)}
    if not authors:
        return None
    counts = sorted(((sum(k in o for o in others), k) for k in authors), reverse=True)
    best, key = counts[0]
    second = counts[1][0] if len(counts) > 1 else 0
    if key in not_me or best == 0:
        return None
    if len(authors) <= 2:
        ok = second == 0
    else:
        ok = best >= 2 and best >= 2 * second
    return authors[key] if ok else None


def _me_from_identities(store: Store, b: ImportBatch) -> str | None:
    """A 1:1 chat whose named peer is not one of its two authors under that name: if the peer is a contact
    in the store whose other names include exactly one author, the other author is the user."""
    for conv in b.conversations:
        if conv.is_group or not conv.peer:
            continue
        authors = sorted({m.sender for m in conv.messages if m.sender and m.is_me is None})
        if len(authors) != 2:
            continue
        cid = store.match_contact(conv.peer, [*conv.peer_handles, ("name", conv.peer)], b.channel)
        if cid is None:
            continue
        names = {identity_key(i["kind"], i["raw"]) for i in store.identities(cid) if i["kind"] == "name"}
        hits = [a for a in authors if name_key(a) in names]
        if len(hits) == 1:
            return next(a for a in authors if a != hits[0])
    return None


def _me_from_peer(b: ImportBatch) -> str | None:
    """In a 1:1 chat whose peer the export names, the one other author is the user. The peer is matched by
    name key, else by being the only author whose name starts with the peer's ("Aman" -> "Aman Negi").
    A chat only the user wrote in has one author, not the peer: that is the user, unless the format shows
    otherwise (batch.not_me) or the author is a phone number (the peer, saved under no name)."""
    for conv in b.conversations:
        if conv.is_group or not conv.peer:
            continue
        authors = {m.sender for m in conv.messages if m.sender and m.is_me is None}
        peer = name_key(conv.peer)
        starts = [a for a in authors if _same_person(name_key(a), peer)]
        others = authors - set(starts)
        if len(others) == 1 and len(starts) == 1:
            return others.pop()
        if len(authors) == 1 and not starts:
            (only,) = authors
            if only not in b.not_me and not looks_like_phone(only):
                return only
    return None


def _same_person(author: str, peer: str) -> bool:
    """An author key that is the peer's key, or starts it or with it at a word boundary ("Aman" / "Aman Negi")."""
    return author == peer or author.startswith(peer + " ") or peer.startswith(author + " ")


def _observer(b: ImportBatch) -> bool:
    """Every author of every chat is someone the format shows is not the user, or the chat's named peer."""
    if not b.not_me:
        return False
    for c in b.conversations:
        peer = name_key(c.peer) if c.peer and not c.is_group else None
        for a in {m.sender for m in c.messages if m.sender and m.is_me is None}:
            if a not in b.not_me and name_key(a) != peer:
                return False
    return True


def _all_from_peer(b: ImportBatch) -> bool:
    """Every undecided message was written by the named peer of a 1:1 chat: nothing to ask."""
    return all(
        not c.is_group and c.peer and all(name_key(m.sender) == name_key(c.peer)
                                          for m in c.messages if m.is_me is None and m.sender)
        for c in b.conversations
    )


# --- writing --------------------------------------------------------------------------------------------


def _is_handle(name: str, handles) -> bool:
    """`name` is one of the strong handles given with it (a wxid, a phone number), not a name people use."""
    return any(kind in STRONG_IDENTITY_KINDS and name.strip().casefold() == raw.strip().casefold()
               for kind, raw in handles)


class _Resolver:
    """Finds or creates contacts for one file, with a cache so a 100k-message chat costs a few lookups."""

    def __init__(self, store: Store, channel: str, result: FileResult, me_keys: set[tuple[str, str]]):
        self.store, self.channel, self.result, self.me_keys = store, channel, result, me_keys
        self.cache: dict[tuple, int] = {}

    def contact(self, name: str, handles=(), known: int | None = None, **fields) -> int:
        """The contact for a name and handles: `known` (a conversation imported before), else a match on a
        strong identity or the name, else a new contact. Name-only namesakes of a matched contact are folded
        into it (the WhatsApp chat and the phone book entry of one person)."""
        key = (name, tuple(handles), known)
        if key in self.cache:
            return self.cache[key]
        identities = list(handles)
        if name:
            identities.append(("name", name))
            if looks_like_phone(name):
                identities.append(("phone", name))
        cid = known or self.store.match_contact(name, identities, self.channel)
        created = cid is None
        if created:
            cid = self.store.create_contact(name or "?")
            self.result.contacts_added += 1
        for kind, raw in identities:
            self.store.add_identity(cid, kind, raw, self.channel)
        if not created and name and not looks_like_phone(name) and not _is_handle(name, handles):
            self.store.replace_placeholder_name(cid, name)
        if self.store.add_source(cid, self.channel) and not created:
            self.result.contacts_merged += 1
        if any(kind != "name" for kind, _ in identities):
            for other in self.store.name_only_namesakes(cid, name):
                self.store.merge(cid, other)
                self.result.contacts_merged += 1
        if fields:
            self.store.fill_contact(cid, **fields)
        self.cache[key] = cid
        return cid


def write_batch(
    store: Store, batch: ImportBatch, tz: tzinfo, progress: Progress | None = None, *, unresolved: bool = False
) -> FileResult:
    """Write one parsed file in one transaction. `unresolved`: nobody knows which author is the user, so
    every author becomes a contact and every message comes in; the chats are marked for `outreach me`."""
    result = FileResult(batch.path, batch.format, warnings=list(batch.warnings))
    if unresolved:
        result.owner_unresolved = sorted(batch.authors())
    me_keys = store.me_keys(batch.channel)
    with store.transaction():
        resolver = _Resolver(store, batch.channel, result, me_keys)
        for rc in batch.contacts:
            if _is_me(me_keys, None, rc.identities):
                continue
            cid = resolver.contact(
                rc.name, rc.identities, birthday=rc.birthday, organization=rc.organization, title=rc.title, notes=rc.notes
            )
            if rc.birthday:
                store.set_important_date(cid, "birthday", rc.birthday, overwrite=False)
        total = batch.message_count
        done = 0
        for conv in batch.conversations:
            if not conv.messages:  # an empty chat brings no contact
                continue
            rows = _conversation_rows(store, batch, conv, resolver, me_keys, tz, result, unresolved)
            if unresolved and any(m.sender and m.is_me is None for m in conv.messages):
                store.mark_owner_pending(batch.channel, conv.key)
            n = store.insert_messages(rows)
            result.messages_added += n
            result.messages_skipped += len(rows) - n
            done += len(conv.messages)
            if progress:
                progress(str(batch.path.name), done, total)
        store.log_import(
            str(batch.path), batch.format, result.messages_added, result.messages_skipped,
            result.contacts_added, result.contacts_merged,
        )
    return result


def _conversation_rows(
    store, batch, conv: RawConversation, resolver: _Resolver, me_keys, tz, result, unresolved: bool = False
) -> list[tuple]:
    def mine(m) -> bool:
        if m.is_me is not None:
            return m.is_me
        return _is_me(me_keys, m.sender, m.sender_handles)

    group_id = contact_id = None
    if conv.is_group:
        group_id, created = store.upsert_group(batch.channel, conv.key, conv.title)
        result.groups_added += created
    else:
        peer = conv.peer or next((m.sender for m in conv.messages if m.sender and not mine(m)), None) or conv.title
        known = store.conversation_contact(batch.channel, conv.key)
        contact_id = resolver.contact(peer, conv.peer_handles, known)
        peer_key = name_key(peer)
    members: set[int] = set()
    rows = []
    source = batch.path.name
    for m in conv.messages:
        out = m.sender is not None and mine(m)
        sender_id = None
        if m.sender and not out:
            if conv.is_group:
                sender_id = resolver.contact(m.sender, m.sender_handles)
                members.add(sender_id)
            elif unresolved and m.is_me is None and name_key(m.sender) != peer_key:  # maybe the user: kept apart
                sender_id = resolver.contact(m.sender, m.sender_handles)
            else:
                sender_id = contact_id
        ts = m.timestamp if m.timestamp.tzinfo else m.timestamp.replace(tzinfo=tz)
        rows.append(
            (batch.channel, conv.key, contact_id, group_id, sender_id, "out" if out else "in", m.kind,
             int(ts.timestamp()), m.text, source, m.source_id)
        )
    if group_id is not None and members:
        store.add_group_members(group_id, members)
    return rows


def import_paths(
    store: Store,
    paths: Sequence[Path],
    *,
    tz: tzinfo,
    fmt: str | None = None,
    me: Sequence[str] = (),
    ask: AskMe | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Parse all files, then write each in its own transaction. Nothing is written if a file the user named
    fails to parse; a file found in a folder that fails is skipped with a warning. Not knowing which author
    is the user never stops an import: such files are written with the owner unresolved (see write_batch)."""
    batches, skipped = parse_all(paths, fmt)
    with store.transaction():
        for name in me:
            _learn(store, name, "*")
        unresolved = {id(b) for b in resolve_me(store, batches, ask, explicit=me)}
    summary = ImportSummary(skipped=skipped)
    for batch in batches:
        summary.files.append(write_batch(store, batch, tz, progress, unresolved=id(batch) in unresolved))
    return summary
