"""SQLite system of record. Knows nothing about UIs, LLMs or export formats."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from assistant.domain import (
    CIRCLES,
    STRONG_IDENTITY_KINDS,
    identity_key,
    is_full_name,
    name_key,
)
from assistant.store.contacts import my_names, names_by_id
from assistant.store.migrations import MIGRATIONS

# Identity kinds that are names people call the contact by (looked up as names, never merged on).
NAME_KINDS = "('name', 'wechat_remark', 'alias')"
CONTACT_FIELDS = ("name", "circle", "cadence_days", "languages", "interests", "notes", "organization", "title", "birthday")


class StoreError(Exception):
    pass


class StoreBusy(StoreError):
    """Another process held the write lock for longer than this one would wait."""


BUSY_TIMEOUT_MS = 30_000  # a single statement outside a transaction waits this long for the write lock
WRITE_WAIT_S = 600.0  # a transaction waits this long for its turn, saying so, before giving up
MAX_NAME_CHARS = 200  # a name or lookup longer than this is a mistake (and too complex a LIKE pattern)


def _busy(e: sqlite3.OperationalError) -> bool:
    return "locked" in str(e) or "busy" in str(e)


def _say_waiting(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


@dataclass
class Contact:
    id: int
    name: str
    circle: str = "wider"
    cadence_days: int | None = None
    languages: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    notes: str = ""
    organization: str = ""
    title: str = ""
    birthday: str | None = None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Contact:
        return cls(
            id=row["id"],
            name=row["name"],
            circle=row["circle"],
            cadence_days=row["cadence_days"],
            languages=json.loads(row["languages"]),
            interests=json.loads(row["interests"]),
            notes=row["notes"],
            organization=row["organization"],
            title=row["title"],
            birthday=row["birthday"],
        )


class Store:
    """One SQLite file in WAL mode. Writes go through `transaction()`; reads may happen anywhere."""

    # Called with one line when a write has to wait for another process (the CLI prints it; a UI may replace it).
    on_wait = staticmethod(_say_waiting)
    write_wait_s = WRITE_WAIT_S

    def __init__(self, path: Path | str):
        self.path = Path(path)
        if str(path) != ":memory:":
            from assistant.store.permissions import DIR_MODE

            self.path.parent.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
        self.db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False,
                                  timeout=BUSY_TIMEOUT_MS / 1000)
        self.db.row_factory = sqlite3.Row
        self.db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        self.db.execute("PRAGMA journal_mode=WAL")
        self._private_files()
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self._depth = 0
        self.migrate()

    def close(self) -> None:
        self.db.close()

    def _private_files(self) -> None:
        """The database and its WAL/SHM files are owner-only (0600), whatever the umask was."""
        if str(self.path) == ":memory:":
            return
        for suffix in ("", "-wal", "-shm"):
            p = Path(f"{self.path}{suffix}")
            try:
                if p.exists() and os.stat(p).st_mode & 0o077:
                    os.chmod(p, 0o600)
            except OSError:
                pass

    # --- one writer at a time ------------------------------------------------------------------------

    @property
    def _writer_file(self) -> Path:
        return Path(f"{self.path}.writer")

    @contextmanager
    def writer(self, what: str) -> Iterator[None]:
        """Mark a long write (an import, indexing) so another process that must wait can say who it waits
        for: "another import is running (pid N); waiting…"."""
        if str(self.path) == ":memory:":
            yield
            return
        try:
            self._writer_file.write_text(f"{os.getpid()} {what}\n", encoding="utf-8")
        except OSError:
            pass
        try:
            yield
        finally:
            try:
                if self._writer_file.read_text(encoding="utf-8").split()[0] == str(os.getpid()):
                    self._writer_file.unlink()
            except (OSError, IndexError):
                pass

    def _holder(self) -> str:
        """Who holds the write lock, as far as the marker file says."""
        try:
            pid_s, what = (self._writer_file.read_text(encoding="utf-8").split(None, 1) + ["write"])[:2]
            pid = int(pid_s)
            if pid != os.getpid():
                os.kill(pid, 0)  # still running?
                return f"another {what.strip()} is running (pid {pid})"
        except (OSError, ValueError):
            pass
        return "another outreach process is writing"

    def _begin(self) -> None:
        """BEGIN IMMEDIATE, waiting for our turn: after a short try, say who we wait for, then keep trying
        until `write_wait_s`; never a raw `database is locked`."""
        self.db.execute("PRAGMA busy_timeout=300")
        try:
            deadline = None
            while True:
                try:
                    self.db.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as e:
                    if not _busy(e):
                        raise
                    if deadline is None:
                        deadline = time.monotonic() + self.write_wait_s
                        self.db.execute("PRAGMA busy_timeout=1000")
                        if self.on_wait:
                            self.on_wait(f"{self._holder()}; waiting\u2026")
                    elif time.monotonic() > deadline:
                        raise StoreBusy(f"the database is still busy after {self.write_wait_s:.0f} s: "
                                        f"{self._holder()}; try again when it has finished") from None
        finally:
            self.db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")

    # --- schema -------------------------------------------------------------------------------------

    def migrate(self) -> list[str]:
        self.db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)")
        done = {r[0] for r in self.db.execute("SELECT name FROM _migrations")}
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self.transaction():
                for statement in sql.split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute("INSERT INTO _migrations VALUES (?, ?)", (name, int(time.time())))
            applied.append(name)
        return applied

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All-or-nothing. Nested calls join the outer transaction."""
        if self._depth:
            self._depth += 1
            try:
                yield self.db
            finally:
                self._depth -= 1
            return
        self._begin()
        self._depth = 1
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")
        finally:
            self._depth = 0

    # --- contacts -----------------------------------------------------------------------------------

    def create_contact(self, name: str, **fields) -> int:
        now = int(time.time())
        with self.transaction():
            cur = self.db.execute(
                "INSERT INTO contacts (name, created_at, updated_at) VALUES (?, ?, ?)", (name.strip() or "?", now, now)
            )
            cid = cur.lastrowid
            if fields:
                self.update_contact(cid, **fields)
        return cid

    def update_contact(self, contact_id: int, **fields) -> None:
        unknown = set(fields) - set(CONTACT_FIELDS)
        if unknown:
            raise StoreError(f"unknown contact field(s): {', '.join(sorted(unknown))}")
        if "circle" in fields and fields["circle"] not in CIRCLES:
            raise StoreError(f"circle must be one of {', '.join(CIRCLES)}, not {fields['circle']!r}")
        if not fields:
            return
        if "name" in fields and not (0 < len(str(fields["name"]).strip()) <= MAX_NAME_CHARS):
            raise StoreError(f"a name is 1 to {MAX_NAME_CHARS} characters")
        values = [json.dumps(v, ensure_ascii=False) if k in ("languages", "interests") else v for k, v in fields.items()]
        assignments = ", ".join(f"{k} = ?" for k in fields)
        with self.transaction():
            cur = self.db.execute(
                f"UPDATE contacts SET {assignments}, updated_at = ? WHERE id = ?",
                (*values, int(time.time()), contact_id),
            )
            if cur.rowcount == 0:
                raise StoreError(f"no contact with id {contact_id}")

    def fill_contact(self, contact_id: int, **fields) -> None:
        """Set fields that are still empty; never overwrite what the user (or an earlier import) set."""
        row = self.db.execute("SELECT * FROM contacts WHERE id = ?", (contact_id,)).fetchone()
        todo = {k: v for k, v in fields.items() if v and not row[k]}
        if todo:
            self.update_contact(contact_id, **todo)

    def replace_placeholder_name(self, contact_id: int, name: str) -> bool:
        """Give a contact the real `name` an import brings when its name so far is only a stand-in: "?" or one
        of its own handles (a phone number, a WeChat wxid seen before the tool that knows the remark). A name the
        user or an earlier import gave is never replaced."""
        name = name.strip()
        if not name or len(name) > MAX_NAME_CHARS:
            return False
        row = self.db.execute("SELECT name FROM contacts WHERE id = ?", (contact_id,)).fetchone()
        if row is None:
            return False
        current = (row[0] or "").strip()
        handles = {r["raw"].strip().casefold() for r in self.identities(contact_id)
                   if r["kind"] in STRONG_IDENTITY_KINDS}
        if name.casefold() in handles or name == current:
            return False
        if current in ("", "?") or current.casefold() in handles:
            self.update_contact(contact_id, name=name)
            return True
        return False

    def get_contact(self, contact_id: int) -> Contact | None:
        row = self.db.execute("SELECT * FROM contacts WHERE id = ?", (contact_id,)).fetchone()
        return Contact.from_row(row) if row else None

    def list_contacts(self, query: str | None = None, limit: int | None = None) -> list[Contact]:
        """All contacts (by name), or those `query` finds (`lookup_contacts`: best matches first)."""
        if query and len(query) > MAX_NAME_CHARS:
            raise StoreError(f"a name to look up is at most {MAX_NAME_CHARS} characters (got {len(query)})")
        if query and query.strip():
            found = self.lookup_contacts(query)
            return found[: int(limit)] if limit else found
        sql = "SELECT * FROM contacts ORDER BY name COLLATE NOCASE"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [Contact.from_row(r) for r in self.db.execute(sql)]

    def lookup_contacts(self, query: str) -> list[Contact]:
        """Every contact `query` finds, best match first: the one lookup behind every command and the TUI.

        A query finds a contact by its name, an alias (`contacts set NAME --alias X`), the name another channel
        knows it by, any of those as pinyin ('Li Wei', 'liwei', 'Wei Li' find 李伟) or initials ('lw'),
        with accents and case folded ('Zoe' finds Zoë), a word or the start of a word ('Anna'), or a part of
        a name or of any identity (e-mail, phone, handle)."""
        return [c for _, c in self._lookup(query)]

    def _lookup(self, query: str) -> list[tuple[int, Contact]]:
        """(match level, contact), best first (levels: assistant.text.names)."""
        from assistant.text.names import PART, match_level

        ref = query.strip()
        if not ref:
            return []
        names: dict[int, list[str]] = {}
        for r in self.db.execute("SELECT id, name FROM contacts"):
            names[r[0]] = [r[1]]
        for r in self.db.execute(f"SELECT contact_id, raw FROM identities WHERE kind IN {NAME_KINDS}"):
            names.setdefault(r[0], []).append(r[1])
        levels: dict[int, int] = {}
        for cid, ns in names.items():
            level = match_level(ref, ns)
            if level is not None:
                levels[cid] = level
        like = f"%{name_key(ref)}%"
        for r in self.db.execute(
            "SELECT DISTINCT contact_id FROM identities WHERE value LIKE ? OR lower(raw) LIKE ?", (like, like)
        ):
            levels.setdefault(r[0], PART)
        found = [(levels[cid], c) for cid in levels if (c := self.get_contact(cid)) is not None]
        return sorted(found, key=lambda x: (x[0], x[1].name.casefold(), x[1].id))

    def find_contact(self, ref: str) -> Contact:
        """One contact by #id, an identity (phone, e-mail, handle), or the best `lookup_contacts` match when it
        is the only one that good; a clear error listing the candidates otherwise."""
        ref = ref.strip()
        if len(ref) > MAX_NAME_CHARS:
            raise StoreError(f"a name to look up is at most {MAX_NAME_CHARS} characters (got {len(ref)})")
        if not ref:
            raise StoreError("give a contact's name, #id or an identity")
        if ref.lstrip("#").isascii() and ref.lstrip("#").isdigit() and len(ref) <= 18:  # not "²" or "#999…9"
            c = self.get_contact(int(ref.lstrip("#")))
            if c:
                return c
        exact = self.db.execute(
            f"SELECT DISTINCT c.* FROM contacts c JOIN identities i ON i.contact_id = c.id WHERE i.kind NOT IN "
            f"{NAME_KINDS} AND (i.value IN (?, ?) OR (i.kind = 'phone' AND i.value = ?))",
            (ref, ref.lower(), identity_key("phone", ref) or None),
        ).fetchall()
        if len(exact) == 1:
            return Contact.from_row(exact[0])
        found = self._lookup(ref)
        if not found:
            raise StoreError(f"no contact matches {ref!r}")
        best = [c for level, c in found if level == found[0][0]]
        if len(best) > 1:
            names = ", ".join(f"{c.name} (#{c.id})" for c in best[:10])
            more = f" and {len(best) - 10} more" if len(best) > 10 else ""
            raise StoreError(f"{ref!r} matches {len(best)} contacts: {names}{more}; use the #id or a fuller name")
        return best[0]

    def remove_alias(self, contact_id: int, alias: str) -> bool:
        cur = self.db.execute("DELETE FROM identities WHERE contact_id = ? AND kind = 'alias' AND value = ?",
                              (contact_id, identity_key("alias", alias)))
        return cur.rowcount > 0

    def aliases(self, contact_id: int) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT raw FROM identities WHERE contact_id = ? AND kind = 'alias' ORDER BY raw", (contact_id,))]

    def contact_names(self) -> dict[int, str]:
        return names_by_id(self.db)

    def group_names(self) -> dict[int, str]:
        return {r[0]: r[1] for r in self.db.execute("SELECT id, name FROM groups")}

    def count_messages(self, contact_id: int) -> int:
        return self.db.execute("SELECT count(*) FROM messages WHERE contact_id = ?", (contact_id,)).fetchone()[0]

    def identities(self, contact_id: int) -> list[sqlite3.Row]:
        return self.db.execute(
            "SELECT kind, raw, value, source FROM identities WHERE contact_id = ? ORDER BY kind, raw", (contact_id,)
        ).fetchall()

    def add_identity(self, contact_id: int, kind: str, raw: str, source: str = "") -> bool:
        value = identity_key(kind, raw)
        if not value:
            return False
        cur = self.db.execute(
            "INSERT OR IGNORE INTO identities (contact_id, kind, value, raw, source) VALUES (?, ?, ?, ?, ?)",
            (contact_id, kind, value, raw.strip(), source),
        )
        return cur.rowcount > 0

    def match_contact(
        self, name: str | None, identities: Iterable[tuple[str, str]], channel: str | None = None
    ) -> int | None:
        """The existing contact these identities belong to: any strong identity, else a unique full name,
        else (for short names like "Tom") a unique name that the same channel brought before."""
        for kind, raw in identities:
            if kind not in STRONG_IDENTITY_KINDS:
                continue
            value = identity_key(kind, raw)
            if not value:
                continue
            row = self.db.execute(
                "SELECT contact_id FROM identities WHERE kind = ? AND value = ? ORDER BY contact_id LIMIT 1", (kind, value)
            ).fetchone()
            if row:
                return row[0]
        if not name:
            return None
        sql = "SELECT DISTINCT contact_id FROM identities WHERE kind = 'name' AND value = ?"
        args: tuple = (name_key(name),)
        if not is_full_name(name):
            if channel is None:
                return None
            sql += " AND source = ?"
            args += (channel,)
        rows = [r[0] for r in self.db.execute(sql, args)]
        if len(rows) > 1 and channel:  # several people share the name: the one this channel brought before
            rows = [r[0] for r in self.db.execute(sql + " AND source = ?", (*args, channel))]
        return rows[0] if len(rows) == 1 else None

    def name_only_namesakes(self, contact_id: int, name: str) -> list[int]:
        """Other contacts with exactly this full name that nothing but a display name identifies (a WhatsApp
        chat shows the phone book's name and no number): the same person as `contact_id`."""
        if not is_full_name(name):
            return []
        rows = self.db.execute(
            "SELECT DISTINCT contact_id FROM identities WHERE kind = 'name' AND value = ? AND contact_id != ? "
            "AND contact_id NOT IN (SELECT contact_id FROM identities WHERE kind != 'name')",
            (name_key(name), contact_id),
        )
        return [r[0] for r in rows]

    def add_source(self, contact_id: int, channel: str) -> bool:
        """Record that `channel` brought this contact; True the first time."""
        cur = self.db.execute(
            "INSERT OR IGNORE INTO contact_sources (contact_id, channel) VALUES (?, ?)", (contact_id, channel)
        )
        return cur.rowcount > 0

    def conversation_contact(self, channel: str, conversation: str) -> int | None:
        """The contact an already-imported 1:1 conversation belongs to."""
        row = self.db.execute(
            "SELECT contact_id FROM messages WHERE channel = ? AND conversation = ? AND contact_id IS NOT NULL LIMIT 1",
            (channel, conversation),
        ).fetchone()
        return row[0] if row else None

    def merge(self, target_id: int, source_id: int) -> None:
        """Fold `source` into `target`: identities, messages, groups, dates; empty fields filled; source deleted."""
        if target_id == source_id:
            raise StoreError("cannot merge a contact into itself")
        target, source = self.get_contact(target_id), self.get_contact(source_id)
        if not target or not source:
            raise StoreError(f"no contact with id {source_id if target else target_id}")
        with self.transaction():
            self.db.execute(
                "INSERT OR IGNORE INTO identities (contact_id, kind, value, raw, source) "
                "SELECT ?, kind, value, raw, source FROM identities WHERE contact_id = ?",
                (target_id, source_id),
            )
            self.db.execute("UPDATE messages SET contact_id = ? WHERE contact_id = ?", (target_id, source_id))
            self.db.execute("UPDATE messages SET sender_id = ? WHERE sender_id = ?", (target_id, source_id))
            self.db.execute(
                "INSERT OR IGNORE INTO group_members (group_id, contact_id) SELECT group_id, ? FROM group_members "
                "WHERE contact_id = ?",
                (target_id, source_id),
            )
            self.db.execute(
                "INSERT OR IGNORE INTO important_dates (contact_id, label, date) SELECT ?, label, date "
                "FROM important_dates WHERE contact_id = ?",
                (target_id, source_id),
            )
            self.db.execute(
                "INSERT OR IGNORE INTO contact_sources (contact_id, channel) SELECT ?, channel FROM contact_sources "
                "WHERE contact_id = ?",
                (target_id, source_id),
            )
            merged = {
                "languages": list(dict.fromkeys(target.languages + source.languages)),
                "interests": list(dict.fromkeys(target.interests + source.interests)),
                "notes": "\n".join(n for n in (target.notes, source.notes) if n),
            }
            if target.circle == "wider" and source.circle != "wider":
                merged["circle"] = source.circle
            self.update_contact(target_id, **merged)
            self.fill_contact(
                target_id,
                cadence_days=source.cadence_days,
                organization=source.organization,
                title=source.title,
                birthday=source.birthday,
            )
            self.db.execute("DELETE FROM contacts WHERE id = ?", (source_id,))

    def split(self, contact_id: int, channel: str, name: str | None = None) -> int:
        """Move everything one channel brought (its identities and messages) to a new contact."""
        contact = self.get_contact(contact_id)
        if not contact:
            raise StoreError(f"no contact with id {contact_id}")
        n_ids = self.db.execute(
            "SELECT count(*) FROM identities WHERE contact_id = ? AND source = ?", (contact_id, channel)
        ).fetchone()[0]
        if not n_ids:
            raise StoreError(f"{contact.name} has no identities from channel {channel!r}")
        total = self.db.execute("SELECT count(*) FROM identities WHERE contact_id = ?", (contact_id,)).fetchone()[0]
        if n_ids == total:
            raise StoreError(f"everything {contact.name} has came from {channel!r}: nothing to split off")
        with self.transaction():
            new_name = name or self.db.execute(
                "SELECT raw FROM identities WHERE contact_id = ? AND source = ? AND kind = 'name' LIMIT 1",
                (contact_id, channel),
            ).fetchone()
            new_id = self.create_contact(new_name if isinstance(new_name, str) else (new_name[0] if new_name else contact.name))
            self.db.execute(
                "UPDATE identities SET contact_id = ? WHERE contact_id = ? AND source = ?", (new_id, contact_id, channel)
            )
            self.db.execute(
                "UPDATE messages SET contact_id = ? WHERE contact_id = ? AND channel = ?", (new_id, contact_id, channel)
            )
            self.db.execute(
                "UPDATE messages SET sender_id = ? WHERE sender_id = ? AND channel = ?", (new_id, contact_id, channel)
            )
            self.db.execute(
                "INSERT OR IGNORE INTO group_members (group_id, contact_id) SELECT DISTINCT group_id, ? FROM messages "
                "WHERE sender_id = ? AND group_id IS NOT NULL",
                (new_id, new_id),
            )
        return new_id

    def delete_contact(self, contact_id: int) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM contacts WHERE id = ?", (contact_id,))

    def set_important_date(self, contact_id: int, label: str, date: str, *, overwrite: bool = True) -> None:
        """Record a date; with overwrite=False (imports) a date the user already has is kept."""
        conflict = "DO UPDATE SET date = excluded.date" if overwrite else "DO NOTHING"
        with self.transaction():
            self.db.execute(
                "INSERT INTO important_dates (contact_id, label, date) VALUES (?, ?, ?) "
                f"ON CONFLICT (contact_id, label) {conflict}",
                (contact_id, label, date),
            )

    def important_dates(self, contact_id: int) -> list[tuple[str, str]]:
        rows = self.db.execute("SELECT label, date FROM important_dates WHERE contact_id = ? ORDER BY label", (contact_id,))
        return [(r[0], r[1]) for r in rows]

    # --- groups -------------------------------------------------------------------------------------

    def upsert_group(self, channel: str, key: str, name: str) -> tuple[int, bool]:
        row = self.db.execute("SELECT id FROM groups WHERE channel = ? AND key = ?", (channel, key)).fetchone()
        if row:
            return row[0], False
        cur = self.db.execute("INSERT INTO groups (channel, key, name) VALUES (?, ?, ?)", (channel, key, name))
        return cur.lastrowid, True

    def add_group_members(self, group_id: int, contact_ids: Iterable[int]) -> None:
        self.db.executemany(
            "INSERT OR IGNORE INTO group_members (group_id, contact_id) VALUES (?, ?)", [(group_id, c) for c in contact_ids]
        )

    # --- messages -----------------------------------------------------------------------------------

    def insert_messages(self, rows: Sequence[tuple]) -> int:
        """rows: (channel, conversation, contact_id, group_id, sender_id, direction, kind, ts, text, source_file,
        source_id). Already-imported messages (same channel, conversation, source_id) are skipped. Returns the
        number inserted."""
        before = self.db.total_changes
        self.db.executemany(
            "INSERT OR IGNORE INTO messages (channel, conversation, contact_id, group_id, sender_id, direction, kind, "
            "ts, text, source_file, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        return self.db.total_changes - before

    def messages_with(self, contact_id: int, limit: int | None = None) -> list[sqlite3.Row]:
        """Messages of the 1:1 chats with a contact and those they wrote in groups, oldest first."""
        sql = (
            "SELECT m.*, g.name AS group_name FROM messages m LEFT JOIN groups g ON g.id = m.group_id "
            "WHERE m.contact_id = ? OR m.sender_id = ? ORDER BY m.ts, m.id"
        )
        rows = self.db.execute(sql, (contact_id, contact_id)).fetchall()
        return rows[-limit:] if limit else rows

    def contact_stats(self, contact_id: int) -> dict:
        row = self.db.execute(
            "SELECT count(*) AS n, min(ts) AS first, max(ts) AS last, "
            "sum(direction = 'out') AS sent, sum(direction = 'in') AS received, "
            "group_concat(DISTINCT channel) AS channels "
            "FROM messages WHERE contact_id = ? AND kind != 'system'",
            (contact_id,),
        ).fetchone()
        groups = self.db.execute(
            "SELECT g.name FROM groups g JOIN group_members gm ON gm.group_id = g.id WHERE gm.contact_id = ? ORDER BY g.name",
            (contact_id,),
        ).fetchall()
        return {**dict(row), "groups": [g[0] for g in groups]}

    def message_stats_by_contact(self) -> dict[int, tuple[int, str | None, str]]:
        """contact id -> (messages, latest timestamp, comma-separated channels), system messages left out."""
        rows = self.db.execute(
            "SELECT contact_id, count(*), max(ts), group_concat(DISTINCT channel) FROM messages "
            "WHERE contact_id IS NOT NULL AND kind != 'system' GROUP BY contact_id"
        )
        return {r[0]: (r[1], r[2], r[3] or "") for r in rows}

    def counts(self) -> dict[str, int]:
        return {
            t: self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("contacts", "identities", "messages", "groups")
        }

    # --- the user ("me") ----------------------------------------------------------------------------

    def add_me(self, raw: str, channel: str = "*", kind: str = "name") -> None:
        value = identity_key(kind, raw)
        if value:
            self.db.execute(
                "INSERT OR IGNORE INTO me (channel, kind, value, raw) VALUES (?, ?, ?, ?)", (channel, kind, value, raw.strip())
            )

    def me_keys(self, channel: str) -> set[tuple[str, str]]:
        rows = self.db.execute("SELECT kind, value FROM me WHERE channel IN ('*', ?)", (channel,))
        return {(r[0], r[1]) for r in rows}

    # --- chats imported while "me" was unknown (owner_pending) -------------------------------------

    def mark_owner_pending(self, channel: str, conversation: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO owner_pending (channel, conversation) VALUES (?, ?)", (channel, conversation))

    def me_names(self) -> list[str]:
        return my_names(self.db)

    def owner_pending(self) -> list[tuple[str, str]]:
        return [(r[0], r[1]) for r in self.db.execute("SELECT channel, conversation FROM owner_pending ORDER BY 1, 2")]

    def pending_author_sets(self, channel: str) -> list[set[str]]:
        """The authors (name keys) of each chat of `channel` imported with the owner unresolved."""
        sets: dict[str, set[str]] = {}
        rows = self.db.execute(
            "SELECT DISTINCT m.conversation, c.name FROM messages m JOIN owner_pending p "
            "ON p.channel = m.channel AND p.conversation = m.conversation JOIN contacts c ON c.id = m.sender_id "
            "WHERE m.channel = ?",
            (channel,),
        )
        for conv, name in rows:
            sets.setdefault(conv, set()).add(name_key(name))
        return list(sets.values())

    def known_peer_names(self, channel: str) -> set[str]:
        """Name keys of the peers of settled 1:1 chats of `channel`: people who are certainly not the user."""
        rows = self.db.execute(
            "SELECT DISTINCT i.value FROM identities i JOIN messages m ON m.contact_id = i.contact_id "
            "WHERE i.kind = 'name' AND m.channel = ? AND m.group_id IS NULL AND NOT EXISTS "
            "(SELECT 1 FROM owner_pending p WHERE p.channel = m.channel AND p.conversation = m.conversation)",
            (channel,),
        )
        return {r[0] for r in rows}

    def assign_me(self, raw: str, channel: str = "*") -> tuple[int, int]:
        """The user is `raw`: remember it, and turn that author's messages into the user's own, in place.
        In 1:1 chats whose peer had been taken to be this author, the other author becomes the peer. Contacts
        left with no message and nothing but a name or phone are deleted. Returns (messages re-assigned, chats settled)."""
        key = name_key(raw)
        scope, args = ("", ()) if channel == "*" else (" AND channel = ?", (channel,))
        with self.transaction():
            self.add_me(raw, channel)
            ids = [r[0] for r in self.db.execute(
                "SELECT DISTINCT contact_id FROM identities WHERE kind = 'name' AND value = ?", (key,))]
            changed = 0
            for cid in ids:
                changed += self.db.execute(
                    f"UPDATE messages SET direction = 'out', sender_id = NULL WHERE sender_id = ?{scope}", (cid, *args)
                ).rowcount
                convs = self.db.execute(
                    f"SELECT DISTINCT channel, conversation FROM messages WHERE contact_id = ? AND group_id IS NULL{scope}",
                    (cid, *args),
                ).fetchall()
                for ch, conv in convs:
                    other = self.db.execute(
                        "SELECT sender_id FROM messages WHERE channel = ? AND conversation = ? AND sender_id IS NOT NULL "
                        "GROUP BY sender_id ORDER BY count(*) DESC, sender_id LIMIT 1",
                        (ch, conv),
                    ).fetchone()
                    if other:
                        self.db.execute(
                            "UPDATE messages SET contact_id = ? WHERE channel = ? AND conversation = ?", (other[0], ch, conv)
                        )
                self.db.execute(
                    "DELETE FROM group_members WHERE contact_id = ? AND group_id IN "
                    f"(SELECT id FROM groups WHERE 1{scope})",
                    (cid, *args),
                )
                used = self.db.execute(
                    "SELECT 1 FROM messages WHERE contact_id = ? OR sender_id = ? LIMIT 1", (cid, cid)
                ).fetchone()
                strong = self.db.execute(
                    "SELECT 1 FROM identities WHERE contact_id = ? AND kind NOT IN ('name', 'phone') LIMIT 1", (cid,)
                ).fetchone()
                if not used and not strong:
                    self.db.execute("DELETE FROM contacts WHERE id = ?", (cid,))
            settled = self.db.execute(
                "DELETE FROM owner_pending WHERE EXISTS (SELECT 1 FROM messages m WHERE m.channel = owner_pending.channel "
                "AND m.conversation = owner_pending.conversation AND m.direction = 'out')"
            ).rowcount
        return changed, settled

    def log_import(self, path: str, fmt: str, added: int, skipped: int, contacts_added: int, merged: int) -> None:
        self.db.execute(
            "INSERT INTO imports (path, format, at, messages_added, messages_skipped, contacts_added, contacts_merged) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (path, fmt, int(time.time()), added, skipped, contacts_added, merged),
        )
