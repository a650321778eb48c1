"""The search facade: hybrid (BM25 + vectors, fused by RRF), lexical or dense search over the chunks, with
filters, returning hits that cite the stored messages they came from."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from assistant.retrieval.filters import Filters, to_ts
from assistant.retrieval.fusion import rrf
from assistant.retrieval.index import RetrievalError, RetrievalIndex
from assistant.retrieval.lexical import highlight_lines

Mode = Literal["hybrid", "lexical", "dense"]
MODES = ("hybrid", "lexical", "dense")
EXACT_SEARCH_LIMIT = 3000  # filtered dense search scores up to this many chunks exactly instead of using HNSW
TimeLike = int | float | datetime | date | None


@dataclass(frozen=True)
class Citation:
    """One stored message a hit is built from."""

    message_id: int  # messages.id
    ts: int  # Unix seconds, UTC
    channel: str
    direction: str  # 'in' / 'out'
    speaker: str  # "me", or the contact's current name
    text: str


@dataclass
class Hit:
    chunk_id: str  # stable chunk key
    contact_id: int | None  # the 1:1 peer (None for group chunks)
    group_id: int | None
    channel: str
    conversation: str
    start_ts: int
    end_ts: int
    message_ids: list[int]  # citations: messages.id values, oldest first
    score: float  # fused (RRF), BM25 or cosine score depending on the mode; higher is better
    snippet: str  # the lines that best match the query, one line, for display
    text: str  # the whole chunk, one "speaker: text" line per message
    citations: list[Citation] = field(default_factory=list)
    lexical_rank: int | None = None  # 1-based rank in each list before fusion (None: not retrieved)
    dense_rank: int | None = None


class Retriever:
    """`Retriever(index).search(...)`. Cheap to build; nothing heavy is loaded until a dense search runs."""

    def __init__(self, index: RetrievalIndex, candidates: int = 50):
        self.index = index
        self.db = index.db
        self.candidates = candidates

    @classmethod
    def from_settings(cls, settings, store) -> Retriever:
        return cls(RetrievalIndex.from_settings(settings, store))

    def search(
        self,
        query: str,
        *,
        contact_id: int | None = None,
        group_id: int | None = None,
        channel: str | None = None,
        since: TimeLike = None,
        until: TimeLike = None,
        k: int = 10,
        mode: Mode = "hybrid",
    ) -> list[Hit]:
        """The k best chunks for `query` passing the filters, best first.

        contact_id keeps 1:1 chats with that contact and group chunks where they wrote; since/until (Unix
        seconds, datetimes, or dates: `until` a date includes that day) keep chunks overlapping the range.
        Raises RetrievalError if the dense side is needed and the index is missing or built by another model.
        """
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        if not query or not query.strip():
            raise ValueError("empty query")
        filters = Filters(contact_id, group_id, channel, to_ts(since), to_ts(until, end=True))
        n = max(self.candidates, 5 * k)
        lexical: list[int] = []
        bm25: dict[int, float] = {}
        if mode != "dense":
            for rid, score in self.index.lexical.search(query, filters, n, selective=mode == "hybrid"):
                lexical.append(rid)
                bm25[rid] = score
        dense: list[int] = []
        dense_scores: dict[int, float] = {}
        if mode != "lexical":
            for rid, sim in self._dense(query, filters, n):
                dense.append(rid)
                dense_scores[rid] = sim
        if mode == "hybrid":
            ranked = rrf([lexical, dense])
        elif mode == "lexical":
            ranked = [(rid, bm25[rid]) for rid in lexical]
        else:
            ranked = [(rid, dense_scores[rid]) for rid in dense]
        lex_rank = {rid: i + 1 for i, rid in enumerate(lexical)}
        dense_rank = {rid: i + 1 for i, rid in enumerate(dense)}
        return self._hits(ranked, query, k, lex_rank, dense_rank)

    # --- internals -----------------------------------------------------------------------------------

    def _dense(self, query: str, filters: Filters, n: int) -> list[tuple[int, float]]:
        self.index.check_model()
        qvec = self.index.embedder.embed_query(query)
        where, args = filters.sql("c")
        if filters:
            # A narrow filter (one contact, one group, a short time span): score its chunks exactly. The chunk
            # set comes from SQLite, the system of record, so it is also right while Chroma's metadata lags.
            rows = self.db.execute(
                f"SELECT key, rid FROM retrieval_chunks c WHERE {where} AND vec_text_hash IS NOT NULL LIMIT ?",
                (*args, EXACT_SEARCH_LIMIT + 1),
            ).fetchall()
            if len(rows) <= EXACT_SEARCH_LIMIT:
                rid_of = {r[0]: r[1] for r in rows}
                return [(rid_of[k], sim) for k, sim in self.index.vectors.score(list(rid_of), qvec, n)]
        found = self.index.vectors.query(qvec, filters.chroma_where(), n)
        if not found:
            return []
        # Filters are re-applied in SQLite, the system of record: Chroma metadata may lag a store change.
        keys = [k for k, _ in found]
        q = ",".join("?" * len(keys))
        rows = self.db.execute(
            f"SELECT key, rid FROM retrieval_chunks c WHERE key IN ({q}){' AND ' + where if where else ''}", (*keys, *args)
        ).fetchall()
        rid_of = {r[0]: r[1] for r in rows}
        return [(rid_of[k], sim) for k, sim in found if k in rid_of]

    def _hits(self, ranked, query: str, k: int, lex_rank: dict, dense_rank: dict) -> list[Hit]:
        hits: list[Hit] = []
        pos = 0
        while len(hits) < k and pos < len(ranked):
            window = ranked[pos : pos + 2 * k]
            pos += len(window)
            rids = [rid for rid, _ in window]
            q = ",".join("?" * len(rids))
            chunks = {r["rid"]: r for r in self.db.execute(f"SELECT * FROM retrieval_chunks WHERE rid IN ({q})", rids)}
            ids = sorted({i for r in chunks.values() for i in json.loads(r["message_ids"])})
            messages = self._messages(ids)
            for rid, score in window:
                row = chunks.get(rid)
                if row is None:
                    continue
                mids = json.loads(row["message_ids"])
                if any(i not in messages for i in mids):
                    continue  # the store changed since indexing: this chunk cites messages that are gone
                cites = [messages[i] for i in mids]
                hit = self._hit(row, cites, score, query, lex_rank.get(rid), dense_rank.get(rid))
                hits.append(hit)
                if len(hits) == k:
                    break
        return hits

    def _messages(self, ids: list[int]) -> dict[int, Citation]:
        out: dict[int, Citation] = {}
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            q = ",".join("?" * len(part))
            for r in self.db.execute(
                "SELECT m.id, m.ts, m.channel, m.direction, m.text, coalesce(s.name, p.name, '?') AS speaker "
                "FROM messages m LEFT JOIN contacts s ON s.id = m.sender_id LEFT JOIN contacts p ON p.id = m.contact_id "
                f"WHERE m.id IN ({q})",
                part,
            ):
                speaker = "me" if r["direction"] == "out" else r["speaker"]
                out[r["id"]] = Citation(r["id"], r["ts"], r["channel"], r["direction"], speaker, r["text"])
        return out

    def _hit(self, row, cites: list[Citation], score: float, query: str, lrank, drank) -> Hit:
        lines = [f"{c.speaker}: {' '.join(c.text.split())}" for c in cites]
        if len(cites) == 1 and "\n" not in row["text"] and len(row["text"]) < len(lines[0]) - 8:
            # a piece of a long message: show that piece
            lines = [f"{cites[0].speaker}: {row['text'].split(': ', 1)[-1]}"]
        text = "\n".join(lines)
        best = highlight_lines(text, query, max_lines=2)
        snippet = " … ".join(_clip(lines[i], 180) for i in best)
        return Hit(
            chunk_id=row["key"], contact_id=row["contact_id"], group_id=row["group_id"], channel=row["channel"],
            conversation=row["conversation"], start_ts=row["start_ts"], end_ts=row["end_ts"],
            message_ids=[c.message_id for c in cites], score=float(score), snippet=snippet, text=text,
            citations=cites, lexical_rank=lrank, dense_rank=drank,
        )


def _clip(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


__all__ = ["Citation", "Hit", "MODES", "Retriever", "RetrievalError"]
