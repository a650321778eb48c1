"""Build, update and rebuild the retrieval index: chunks in SQLite, their BM25 index (FTS5) and their vectors
(Chroma), kept in step with the store.

`RetrievalIndex.update()` is the one sync step. It fingerprints every conversation of the store (count, ids,
peers, authors, times, text lengths of its messages) and re-chunks only the conversations whose fingerprint
changed; chunks are then diffed by key and hash:

* new or changed text -> FTS row replaced, vector re-embedded;
* same text, other filing (peer, group, speakers, time) -> FTS untouched, Chroma metadata updated, no embedding;
* gone (messages deleted, contact deleted, conversation moved) -> removed from FTS and from Chroma.

So importing new messages embeds only the new or changed chunks, and deleting, merging or splitting contacts is
reflected after the next update. Between a store change and that update, search stays correct: filters are
applied in SQLite (the chunk-people table cascades on contact deletion) and a hit whose messages no longer all
exist is dropped. The CLI runs the update after `import` and `contacts delete` when an index exists.

The embedding model, the chunking parameters and the index format (`INDEX_VERSION`) are recorded in
`retrieval_meta`. A different model drops the Chroma collection and re-embeds everything (never mixes vectors);
different chunking parameters or an index of an older format are rebuilt.

Two granularities (see chunking): session chunks are indexed lexically (`retrieval_fts`); single messages
lexically (`retrieval_turn_fts`) and, unless trivial or big-group chatter, as vectors. Only messages are embedded.
Embedding progress is committed batch by batch, so an interrupted update resumes where it stopped.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from assistant.retrieval.chunking import (
    DEFAULT_MAX_TOKENS,
    DEFAULT_SESSION_GAP,
    Chunk,
    chunk_conversation,
    clip_tokens,
    rows_to_messages,
)
from assistant.retrieval.embeddings import Embedder
from assistant.retrieval.lexical import LexicalIndex
from assistant.retrieval.vector import VectorStore, chunk_metadata
from assistant.store import contacts as contact_sql
from assistant.store import history

INDEX_VERSION = "3"  # 3: big groups' session chunks embedded; 2: names and dates in chunk text, single messages
# embedded (1: session chunks embedded)
EMBED_MAX_TOKENS = 128  # a message is embedded from its first 128 tokens (the rest stays searchable lexically)

Progress = Callable[[str, int, int], None]  # (label, done, total), as in the ingest pipeline

class RetrievalError(Exception):
    """The index cannot serve this request (not built, or built with another model)."""


@dataclass
class UpdateReport:
    conversations: int = 0  # re-chunked
    conversations_removed: int = 0
    chunks_added: int = 0
    chunks_changed: int = 0  # text changed (re-embedded)
    chunks_refiled: int = 0  # metadata only
    chunks_removed: int = 0
    embedded: int = 0  # vectors stored
    texts_embedded: int = 0  # texts run through the model (identical texts once)
    messages_embedded: int = 0
    rebuilt_reason: str = ""
    seconds: float = 0.0
    embed_seconds: float = 0.0
    total_chunks: int = 0
    total_messages: int = 0
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        s = (
            f"{self.total_chunks} chunks from {self.total_messages} messages; this run: +{self.chunks_added} new, "
            f"{self.chunks_changed} changed, {self.chunks_refiled} refiled, -{self.chunks_removed} removed; "
            f"{self.embedded} embedded ({self.texts_embedded} distinct texts through the model) in "
            f"{self.embed_seconds:.1f}s (total {self.seconds:.1f}s)"
        )
        if self.rebuilt_reason:
            s = f"rebuilt ({self.rebuilt_reason}); " + s
        return s


def has_index(store) -> bool:
    """True once an index has been built in this data directory (every store has the tables: its migrations)."""
    return store.db.execute("SELECT 1 FROM retrieval_meta WHERE key = 'model_id'").fetchone() is not None


class RetrievalIndex:
    def __init__(
        self,
        store,
        vectors: VectorStore,
        *,
        max_tokens: int = DEFAULT_MAX_TOKENS,
        session_gap: int = DEFAULT_SESSION_GAP,
    ):
        self.store = store
        self.db = store.db
        self.vectors = vectors
        self.lexical = LexicalIndex(self.db)  # session chunks
        self.turn_lexical = LexicalIndex(self.db, "retrieval_turn_fts")  # single messages
        self.max_tokens = int(max_tokens)
        self.session_gap = int(session_gap)

    @property
    def embedder(self) -> Embedder:
        return self.vectors.embedder

    @classmethod
    def from_settings(cls, settings, store, embedder: Embedder | None = None) -> RetrievalIndex:
        from assistant.retrieval.embeddings import make_embedder
        from assistant.retrieval.vector import make_client

        embedder = embedder or make_embedder(settings)
        if settings.chroma_host:
            client = lambda: make_client(host=settings.chroma_host, port=settings.chroma_port)  # noqa: E731
        else:
            client = lambda: make_client(settings.chroma_path)  # noqa: E731
        return cls(
            store, VectorStore(client, embedder), max_tokens=settings.chunk_tokens,
            session_gap=settings.session_gap_minutes * 60,
        )

    # --- recorded state ------------------------------------------------------------------------------

    def meta(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.db.execute("SELECT key, value FROM retrieval_meta")}

    def _set_meta(self, **values) -> None:
        self.db.executemany(
            "INSERT INTO retrieval_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [(k, str(v)) for k, v in values.items()],
        )

    def exists(self) -> bool:
        """True once an index has been built in this data directory."""
        return "model_id" in self.meta()

    def check_model(self) -> None:
        """Raise unless the vectors were built by the configured embedder."""
        recorded = self.meta().get("model_id")
        if recorded is None:
            raise RetrievalError("no retrieval index yet: run `outreach index`")
        if recorded != self.embedder.model_id:
            raise RetrievalError(
                f"the index was built with {recorded}, but the settings now ask for {self.embedder.model_id}: "
                "run `outreach index` to rebuild it"
            )

    def vectors_pending(self) -> bool:
        """True while some chunk's vector is missing or stale (a first build in progress, an interrupted one)."""
        return self.db.execute(
            "SELECT 1 FROM retrieval_chunks WHERE dense = 1 AND vec_text_hash IS NOT text_hash LIMIT 1"
        ).fetchone() is not None

    def status(self) -> dict:
        meta = self.meta()
        changed, removed = self._stale()
        row = self.db.execute(
            "SELECT total(level = 0), total(n_messages * (level = 0)), total(dense = 1 AND vec_text_hash IS NOT text_hash) "
            "FROM retrieval_chunks"
        ).fetchone()
        return {
            "model_id": meta.get("model_id"),
            "configured_model_id": self.embedder.model_id,
            "chunk_tokens": meta.get("chunk_tokens"),
            "session_gap": meta.get("session_gap"),
            "updated_at": int(meta["updated_at"]) if "updated_at" in meta else None,
            "chunks": int(row[0]),
            "messages": int(row[1]),
            "pending_embeddings": int(row[2]),
            "stale_conversations": len(changed) + len(removed),
        }

    # --- sync ----------------------------------------------------------------------------------------

    def _stale(self) -> tuple[dict[tuple[str, str], str], list[tuple[str, str]]]:
        current = history.conversation_signatures(self.db)
        stored = {(r[0], r[1]): r[2] for r in self.db.execute("SELECT channel, conversation, signature FROM retrieval_conversations")}
        changed = {k: sig for k, sig in current.items() if stored.get(k) != sig}
        removed = [k for k in stored if k not in current]
        return changed, removed

    def rebuild(self, progress: Progress | None = None) -> UpdateReport:
        """Drop everything and index the whole store again."""
        return self.update(progress, rebuild=True)

    def update(self, progress: Progress | None = None, *, rebuild: bool = False, embed: bool = True) -> UpdateReport:
        """Sync with the store. `embed=False` stops after the chunks and their BM25 index (seconds): lexical
        search answers at once, and a later `update()` embeds what is pending."""
        t0 = time.perf_counter()
        report = UpdateReport()
        meta = self.meta()
        model_id = self.embedder.model_id
        params = {"chunk_tokens": str(self.max_tokens), "session_gap": str(self.session_gap), "version": INDEX_VERSION}

        if rebuild:
            report.rebuilt_reason = "asked"
        elif meta.get("model_id") not in (None, model_id):
            report.rebuilt_reason = f"embedding model changed from {meta['model_id']} to {model_id}"
        elif "model_id" in meta and meta.get("version", "1") != INDEX_VERSION:
            report.rebuilt_reason = f"index format {meta.get('version', '1')} is replaced by format {INDEX_VERSION}"
        elif any(meta.get(k) not in (None, v) for k, v in params.items()):
            report.rebuilt_reason = "chunking settings changed"
        elif "model_id" in meta and self.vectors.recorded_model() not in (None, model_id):
            report.rebuilt_reason = f"the Chroma collection holds vectors of {self.vectors.recorded_model()}"

        if report.rebuilt_reason:
            with self.store.transaction():
                self.db.execute("DELETE FROM retrieval_chunks")
                self.db.execute("DELETE FROM retrieval_conversations")
                self.db.execute("DELETE FROM retrieval_tombstones")
                self.lexical.clear()
                self.turn_lexical.clear()
            self.vectors.reset()
        elif "model_id" not in meta:
            self.vectors.reset()  # a first build starts from an empty collection

        with self.store.transaction():
            self._set_meta(model_id=model_id, **params)

        self._rechunk(progress, report)
        if embed:
            self._sync_vectors(progress, report)

        row = self.db.execute(
            "SELECT total(level = 0), total(n_messages * (level = 0)) FROM retrieval_chunks"
        ).fetchone()
        report.total_chunks, report.total_messages = int(row[0]), int(row[1])
        with self.store.transaction():
            self._set_meta(updated_at=int(time.time()))
        report.seconds = time.perf_counter() - t0
        return report

    def _rechunk(self, progress: Progress | None, report: UpdateReport) -> None:
        changed, removed = self._stale()
        with self.store.transaction():
            for channel, conv in removed:
                rows = self.db.execute(
                    "SELECT rid, key FROM retrieval_chunks WHERE channel = ? AND conversation = ?", (channel, conv)
                ).fetchall()
                self._delete_chunks(rows)
                report.chunks_removed += len(rows)
                self.db.execute(
                    "DELETE FROM retrieval_conversations WHERE channel = ? AND conversation = ?", (channel, conv)
                )
            report.conversations_removed = len(removed)

        items = sorted(changed.items())
        total = len(items)
        if progress and total:
            progress("chunking", 0, total)
        batch = 100
        names = contact_sql.names_by_id(self.db)
        for start in range(0, total, batch):
            with self.store.transaction():
                for (channel, conv), sig in items[start : start + batch]:
                    msgs = rows_to_messages(history.conversation_messages(self.db, channel, conv))
                    chunks = chunk_conversation(msgs, max_tokens=self.max_tokens, gap=self.session_gap, names=names)
                    self._apply(channel, conv, chunks, report)
                    self.db.execute(
                        "INSERT INTO retrieval_conversations (channel, conversation, signature) VALUES (?, ?, ?) "
                        "ON CONFLICT (channel, conversation) DO UPDATE SET signature = excluded.signature",
                        (channel, conv, sig),
                    )
            if progress:
                progress("chunking", min(start + batch, total), total)
        report.conversations = total

    def _apply(self, channel: str, conv: str, chunks: list[Chunk], report: UpdateReport) -> None:
        old = {
            r["key"]: r
            for r in self.db.execute(
                "SELECT rid, key, text_hash, meta_hash FROM retrieval_chunks WHERE channel = ? AND conversation = ?",
                (channel, conv),
            )
        }
        new_keys = {c.key for c in chunks}
        gone = [(r["rid"], k) for k, r in old.items() if k not in new_keys]
        self._delete_chunks(gone)
        report.chunks_removed += len(gone)
        fts_rows = []
        for c in chunks:
            prev = old.get(c.key)
            if prev is None:
                # A key may exist under another conversation if messages moved between conversations.
                other = self.db.execute("SELECT rid, key FROM retrieval_chunks WHERE key = ?", (c.key,)).fetchall()
                if other:
                    self._delete_chunks(other)
                cur = self.db.execute(
                    "INSERT INTO retrieval_chunks (key, channel, conversation, contact_id, group_id, start_ts, end_ts, "
                    "message_ids, n_messages, text, text_hash, meta_hash, level, parent, dense) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (c.key, c.channel, c.conversation, c.contact_id, c.group_id, c.start_ts, c.end_ts,
                     json.dumps(c.message_ids), len(c.message_ids), c.text, c.text_hash, c.meta_hash, c.level,
                     c.parent, int(c.dense)),
                )
                rid = cur.lastrowid
                fts_rows.append((rid, c.text, c.level))
                report.chunks_added += 1
            else:
                rid = prev["rid"]
                if prev["text_hash"] == c.text_hash and prev["meta_hash"] == c.meta_hash:
                    continue
                self.db.execute(
                    "UPDATE retrieval_chunks SET contact_id = ?, group_id = ?, start_ts = ?, end_ts = ?, message_ids = ?, "
                    "n_messages = ?, text = ?, text_hash = ?, meta_hash = ?, parent = ?, dense = ? WHERE rid = ?",
                    (c.contact_id, c.group_id, c.start_ts, c.end_ts, json.dumps(c.message_ids), len(c.message_ids),
                     c.text, c.text_hash, c.meta_hash, c.parent, int(c.dense), rid),
                )
                if prev["text_hash"] != c.text_hash:
                    fts_rows.append((rid, c.text, c.level))
                    report.chunks_changed += 1
                else:
                    report.chunks_refiled += 1
                self.db.execute("DELETE FROM retrieval_chunk_people WHERE rid = ?", (rid,))
            known = contact_sql.existing_ids(self.db, c.people)
            self.db.executemany(
                "INSERT OR IGNORE INTO retrieval_chunk_people (contact_id, rid) VALUES (?, ?)",
                [(p, rid) for p in c.people if p in known],
            )
        for level, lexical in ((0, self.lexical), (1, self.turn_lexical)):
            rows = [(rid, text) for rid, text, lv in fts_rows if lv == level]
            if rows:
                lexical.add(rows)

    def _delete_chunks(self, rows) -> None:
        rows = [(r[0], r[1]) for r in rows]
        if not rows:
            return
        self.lexical.delete(rid for rid, _ in rows)
        self.turn_lexical.delete(rid for rid, _ in rows)
        self.db.executemany("DELETE FROM retrieval_chunks WHERE rid = ?", [(rid,) for rid, _ in rows])
        self.db.executemany("INSERT OR IGNORE INTO retrieval_tombstones (key) VALUES (?)", [(k,) for _, k in rows])

    def _people(self, rids: list[int]) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {rid: [] for rid in rids}
        for i in range(0, len(rids), 500):
            part = rids[i : i + 500]
            q = ",".join("?" * len(part))
            for r in self.db.execute(
                f"SELECT rid, contact_id FROM retrieval_chunk_people WHERE rid IN ({q}) ORDER BY contact_id", part
            ):
                out[r[0]].append(r[1])
        return out

    def _sync_vectors(self, progress: Progress | None, report: UpdateReport) -> None:
        # 1. deletions recorded by the chunking step (kept in SQLite until Chroma has them: resumable)
        dead = [r[0] for r in self.db.execute("SELECT key FROM retrieval_tombstones")]
        if dead:
            self.vectors.delete(dead)
            with self.store.transaction():
                self.db.executemany("DELETE FROM retrieval_tombstones WHERE key = ?", [(k,) for k in dead])

        # 1b. vectors no longer wanted (a group grew big, a message became trivial)
        unwanted = [r[0] for r in self.db.execute(
            "SELECT key FROM retrieval_chunks WHERE dense = 0 AND vec_text_hash IS NOT NULL")]
        if unwanted:
            self.vectors.delete(unwanted)
            with self.store.transaction():
                self.db.executemany("UPDATE retrieval_chunks SET vec_text_hash = NULL, vec_meta_hash = NULL WHERE key = ?",
                                    [(k,) for k in unwanted])

        # 2. repair: Chroma and SQLite disagree (collection deleted by hand, server reset...)
        embedded = self.db.execute("SELECT count(*) FROM retrieval_chunks WHERE vec_text_hash IS NOT NULL").fetchone()[0]
        if self.vectors.count() != embedded:
            in_chroma = self.vectors.keys()
            known = {r[0] for r in self.db.execute("SELECT key FROM retrieval_chunks WHERE vec_text_hash IS NOT NULL")}
            extra = in_chroma - {r[0] for r in self.db.execute("SELECT key FROM retrieval_chunks")}
            if extra:
                self.vectors.delete(sorted(extra))
            missing = known - in_chroma
            if missing:
                with self.store.transaction():
                    self.db.executemany(
                        "UPDATE retrieval_chunks SET vec_text_hash = NULL, vec_meta_hash = NULL WHERE key = ?",
                        [(k,) for k in missing],
                    )
                report.notes.append(f"{len(missing)} vectors were missing from Chroma and are re-embedded")

        # 3. embeddings for new or changed text, newest first (a first build makes recent history searchable
        # first). Identical texts are embedded once: within this run, and from a vector already in Chroma.
        todo = self.db.execute(
            "SELECT rid, key, channel, contact_id, group_id, start_ts, end_ts, text, text_hash, meta_hash, n_messages "
            "FROM retrieval_chunks WHERE dense = 1 AND vec_text_hash IS NOT text_hash ORDER BY start_ts DESC, rid DESC"
        ).fetchall()
        total = len(todo)
        if progress and total:
            progress("embedding", 0, total)
        size = max(getattr(self.embedder, "batch_size", 32), 16) * 4  # texts through the model per step
        repeats = Counter(r["text_hash"] for r in todo)
        stored: dict[str, str] = {}  # text hash -> key of a chunk whose vector is of that text
        if total:
            stored = {
                r[0]: r[1] for r in self.db.execute(
                    "SELECT text_hash, max(key) FROM retrieval_chunks WHERE vec_text_hash = text_hash GROUP BY text_hash")
                if r[0] in repeats
            }
        cache: dict[str, np.ndarray] = {}  # vectors of texts that come again later in this run
        t_embed = time.perf_counter()
        i = 0
        while i < total:
            part, new = [], {}
            while i < total and len(new) < size:
                h = todo[i]["text_hash"]
                if h not in cache and h not in stored:
                    new.setdefault(h, clip_tokens(todo[i]["text"], EMBED_MAX_TOKENS))
                part.append(todo[i])
                i += 1
            known = dict(cache)
            old = {stored[r["text_hash"]]: r["text_hash"] for r in part if r["text_hash"] not in known and r["text_hash"] not in new}
            for key, vec in self.vectors.embeddings(list(old)).items():
                known[old[key]] = vec
            for key, h in old.items():  # gone from Chroma meanwhile: embed after all
                if h not in known:
                    new.setdefault(h, clip_tokens(next(r["text"] for r in part if r["text_hash"] == h), EMBED_MAX_TOKENS))
            if new:
                known.update(zip(new, self.embedder.embed_documents(list(new.values()))))
                report.texts_embedded += len(new)
            for h in new:
                if repeats[h] > 1:
                    cache[h] = known[h]
            vectors = np.vstack([known[r["text_hash"]] for r in part])
            people = self._people([r["rid"] for r in part])
            metas = [
                chunk_metadata(r["channel"], r["contact_id"], r["group_id"], r["start_ts"], r["end_ts"], people[r["rid"]])
                for r in part
            ]
            self.vectors.upsert([r["key"] for r in part], vectors, metas)
            with self.store.transaction():
                self.db.executemany(
                    "UPDATE retrieval_chunks SET vec_text_hash = ?, vec_meta_hash = ? WHERE rid = ?",
                    [(r["text_hash"], r["meta_hash"], r["rid"]) for r in part],
                )
            report.embedded += len(part)
            report.messages_embedded += sum(r["n_messages"] for r in part)
            if progress:
                progress("embedding", i, total)
        report.embed_seconds = time.perf_counter() - t_embed

        # 4. metadata-only changes
        refile = self.db.execute(
            "SELECT rid, key, channel, contact_id, group_id, start_ts, end_ts, meta_hash FROM retrieval_chunks "
            "WHERE vec_text_hash = text_hash AND vec_meta_hash IS NOT meta_hash"
        ).fetchall()
        for start in range(0, len(refile), 1000):
            part = refile[start : start + 1000]
            people = self._people([r["rid"] for r in part])
            self.vectors.update_metadata(
                [r["key"] for r in part],
                [chunk_metadata(r["channel"], r["contact_id"], r["group_id"], r["start_ts"], r["end_ts"], people[r["rid"]]) for r in part],
            )
            with self.store.transaction():
                self.db.executemany(
                    "UPDATE retrieval_chunks SET vec_meta_hash = ? WHERE rid = ?", [(r["meta_hash"], r["rid"]) for r in part]
                )
