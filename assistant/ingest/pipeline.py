"""The idempotent import pipeline: parse every file first, work out who "me" is, then write each file in
one transaction. A file that fails to parse writes nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path

from assistant.domain import (
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


class MeUnknown(Exception):
    def __init__(self, path: Path, authors: list[str]):
        self.path, self.authors = path, authors
        shown = ", ".join(authors[:12]) + (" ..." if len(authors) > 12 else "")
        super().__init__(
            f"{path}: cannot tell which author is you (authors: {shown}); run again with --me NAME "
            "or set OUTREACH_ME"
        )


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


@dataclass
class ImportSummary:
    files: list[FileResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files in folders that are not exports

    def total(self, attr: str) -> int:
        return sum(getattr(f, attr) for f in self.files)

    @property
    def warnings(self) -> list[str]:
        return self.skipped + [w for f in self.files for w in f.warnings]

    def line(self) -> str:
        return (
            f"{len(self.files)} file(s): {self.total('messages_added')} messages added, "
            f"{self.total('messages_skipped')} skipped (already imported); "
            f"{self.total('contacts_added')} contacts added, {self.total('contacts_merged')} merged into existing; "
            f"{self.total('groups_added')} groups added"
        )


def parse_all(paths: Sequence[Path], fmt: str | None = None) -> tuple[list[ImportBatch], list[str]]:
    """Parse every file; raises the first ParseError. Files found inside a folder that no importer
    recognises (media, HTML copies, side files) are skipped and reported instead."""
    from assistant.ingest import NotAnExport

    batches, skipped = [], []
    for path, explicit in expand(paths):
        try:
            mod = detect(path, fmt)
            parsed = mod.parse_many(path) if hasattr(mod, "parse_many") else [mod.parse(path)]  # an export: one per channel
            batches.extend(sanitize_batch(b) for b in parsed)
        except NotAnExport as e:  # from sniffing, or a side file the importer recognises but does not import
            if explicit:
                raise
            skipped.append(f"{path}: skipped, {e.reason}")
    return batches, skipped


def expand(paths: Sequence[Path]) -> list[tuple[Path, bool]]:
    """Files to import, each with whether the user named it (True) or it was found in a folder (False)."""
    out: list[tuple[Path, bool]] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.is_file() and not q.name.startswith("."))
            out.extend((q, False) for q in found)
        elif p.is_file():
            out.append((p, True))
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


def resolve_me(store: Store, batches: list[ImportBatch], ask: AskMe | None = None) -> None:
    """Make sure every batch whose directions depend on it knows which author is the user.

    Sources, in order: what the format says (batch.me), names remembered from earlier imports or settings,
    a 1:1 chat whose peer is known (the other author is the user), the one author common to all the
    undecided files of this run, and finally asking. What is learnt is remembered in the store.
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
            store.add_me(inferred, b.channel)
            continue
        if _all_from_peer(b):
            continue
        undecided.append(b)
    if not undecided:
        return
    if len(undecided) >= 2:
        common = set.intersection(*(set(b.authors()) for b in undecided))
        if len(common) == 1:
            name = common.pop()
            for b in undecided:
                store.add_me(name, b.channel)
            return
    for b in undecided:
        keys = store.me_keys(b.channel)
        if any(_is_me(keys, a) for a in b.authors()):
            continue
        authors = sorted(b.authors())
        answer = ask(b.path, authors) if ask else None
        if not answer:
            raise MeUnknown(b.path, authors)
        store.add_me(answer, b.channel)


def _me_from_peer(b: ImportBatch) -> str | None:
    """In a 1:1 chat whose peer the export names, the one other author is the user."""
    for conv in b.conversations:
        if conv.is_group or not conv.peer:
            continue
        others = {m.sender for m in conv.messages if m.sender and m.is_me is None} - {conv.peer}
        if len(others) == 1 and name_key(conv.peer) not in {name_key(o) for o in others}:
            return others.pop()
    return None


def _all_from_peer(b: ImportBatch) -> bool:
    """Every undecided message was written by the named peer of a 1:1 chat: nothing to ask."""
    return all(
        not c.is_group and c.peer and all(m.sender == c.peer for m in c.messages if m.is_me is None and m.sender)
        for c in b.conversations
    )


# --- writing --------------------------------------------------------------------------------------------


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


def write_batch(store: Store, batch: ImportBatch, tz: tzinfo, progress: Progress | None = None) -> FileResult:
    result = FileResult(batch.path, batch.format, warnings=list(batch.warnings))
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
            rows = _conversation_rows(store, batch, conv, resolver, me_keys, tz, result)
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


def _conversation_rows(store, batch, conv: RawConversation, resolver: _Resolver, me_keys, tz, result) -> list[tuple]:
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
    """Parse all files, then write each in its own transaction. Nothing is written if any file fails to
    parse or the user cannot be identified."""
    batches, skipped = parse_all(paths, fmt)
    with store.transaction():
        for name in me:
            store.add_me(name)
        resolve_me(store, batches, ask)
    summary = ImportSummary(skipped=skipped)
    for batch in batches:
        summary.files.append(write_batch(store, batch, tz, progress))
    return summary

