"""The search facade: hybrid (BM25 + vectors), lexical or dense search, with filters, returning hits that cite the
stored messages they came from.

Search ranks single messages (turns), with the evidence of four rankings fused by weighted reciprocal rank
(`fusion.turn_scores`): BM25 over single messages, vector similarity of single messages, BM25 over the session
chunks (a turn inherits its session's rank: the words of a question are often spread over an exchange), and the
sessions ranked by their messages' vector hits. "lexical" uses the two BM25 rankings, "dense" the two vector ones,
"hybrid" all four. A hit is one message, or several that come next to each other in the ranking and belong to
the same session (best first); its `text` shows the message in its context.

A search of one contact's chat takes the names of its people out of the query (`query.strip_names`), and when the
question names one of the people who wrote, the others' messages count `other_speaker_weight`; a message
repeating one ranked above it counts `repeat_weight` (see `Retriever._reweight`; measured in
evals/retrieval/README.md, `run_public_eval.py`)."""

from __future__ import annotations

import json
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from assistant.retrieval.filters import Filters, to_ts
from assistant.retrieval.fusion import WEIGHTS, turn_scores
from assistant.retrieval.index import RetrievalError, RetrievalIndex
from assistant.retrieval.query import named, strip_names
from assistant.retrieval.recency import asks_latest, latest_session, named_contact
from assistant.store import contacts as contact_names
from assistant.store import history

Mode = Literal["hybrid", "lexical", "dense"]
MODES = ("hybrid", "lexical", "dense")
EXACT_SEARCH_LIMIT = 5000  # filtered dense search scores up to this many chunks exactly instead of using HNSW
TimeLike = int | float | datetime | date | None
_QUERY_EMBEDDER: ThreadPoolExecutor | None = None  # one worker: query embeddings, one at a time


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
    message_ids: list[int]  # citations: messages.id values, best match first
    score: float  # fused score of the best message; higher is better
    snippet: str  # the cited messages, best first, one line, for display
    text: str  # the cited messages in context (their session's neighbouring lines), oldest first
    citations: list[Citation] = field(default_factory=list)
    lexical_rank: int | None = None  # 1-based rank of the best message in each list before fusion (None: not retrieved)
    dense_rank: int | None = None
    session_id: str | None = None  # key of the session chunk the messages belong to


class Retriever:
    """`Retriever(index).search(...)`. Cheap to build; nothing heavy is loaded until a dense search runs."""

    context_sessions = 10  # the messages of the best lexical sessions are candidates even without a match of their own
    context_lines = 2  # lines of context shown on each side of a hit
    confidence_power = 1.0  # hybrid: lexical ranks count by (share of the query's IDF matched) ** this
    # Measured on evals/retrieval/run_public_eval.py (tune half; see evals/retrieval/README.md):
    strip_names = True  # filtered to one contact: the names of the people of that chat are taken out of the query
    other_speaker_weight = 0.8  # the query names one speaker: the turns of the others count this much
    repeat_weight = 0.5  # a turn repeating (near-identically) one ranked above it counts this much

    def __init__(self, index: RetrievalIndex, candidates: int = 100, weights: dict[str, float] | None = None):
        self.index = index
        self.db = index.db
        self.candidates = candidates
        self.weights = dict(weights or WEIGHTS)

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
        """The k best hits for `query` passing the filters, best first.

        contact_id keeps 1:1 chats with that contact and group sessions where they wrote; since/until (Unix
        seconds, datetimes, or dates: `until` a date includes that day) keep messages in the range.
        Raises RetrievalError if the dense side is needed and the index is missing or built by another model.
        """
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        if not query or not query.strip():
            raise ValueError("empty query")
        filters = Filters(contact_id, group_id, channel, to_ts(since), to_ts(until, end=True))
        n = max(self.candidates, 5 * k)
        topic = query
        if self.strip_names and contact_id is not None and group_id is None:
            # the contact, whoever else wrote in their 1:1 chat (the user, while the chat's owner is not known) and
            # the user's own names: in a search of that chat, no name is evidence (it finds greetings)
            people = {contact_id, *history.one_to_one_senders(self.db, contact_id)}  # (cheap: owner-pending chats only)
            topic = strip_names(query, [name for names in contact_names.names_of(self.db, people).values() for name in names]
                                + contact_names.my_names(self.db))
        qvec = self._embed_query(topic) if mode != "lexical" else None  # computed while the lexical side runs
        lex_turns: list[int] = []
        lex_sessions: list[int] = []
        if mode != "dense":
            selective = mode == "hybrid"
            lex_turns = [rid for rid, _ in self.index.turn_lexical.search(topic, filters, n, selective=selective)]
            lex_sessions = [rid for rid, _ in self.index.lexical.search(topic, filters, 50, selective=selective)]
        dense_turns: list[int] = []
        dense_session_keys: list[str] = []
        if mode != "lexical":
            dense = [rid for rid, _ in self._dense(topic, filters, n, qvec)]
            sessions = self._session_rows(dense)  # big groups' session chunks have vectors of their own
            dense_turns = [rid for rid in dense if rid not in sessions]
            dense_session_keys = [sessions[rid] for rid in dense if rid in sessions]
        weights = dict(self.weights)
        if mode == "lexical":
            weights["dense_turn"] = weights["dense_session"] = 0.0
        elif mode == "dense":
            weights["lexical_turn"] = weights["lexical_session"] = 0.0

        session_key = self._keys(lex_sessions)
        lex_session_keys = [session_key[r] for r in lex_sessions if r in session_key]
        context = self._session_turns(
            list(dict.fromkeys([*lex_session_keys[: self.context_sessions], *dense_session_keys[: self.context_sessions]])),
            filters)
        parent = self._parents({*lex_turns, *dense_turns, *context})
        confidence: dict = {}
        if mode == "hybrid" and self.confidence_power:
            p = self.confidence_power
            confidence.update((r, c**p) for r, c in self.index.turn_lexical.coverage(topic, lex_turns).items())
            confidence.update(
                (session_key[r], c**p) for r, c in self.index.lexical.coverage(topic, lex_sessions).items()
                if r in session_key
            )
        unseen = self._unseen([*lex_turns, *context]) if mode != "lexical" else set()
        ranked = turn_scores(lex_turns, dense_turns, lex_session_keys, parent, weights, extra=context,
                             confidence=confidence, unseen=unseen, dense_sessions=dense_session_keys)
        ranked = self._reweight(query, ranked, one_chat=contact_id is not None and group_id is None)
        if asks_latest(query):
            ranked = self._latest_first(query, filters, ranked, parent)
        lex_rank = {rid: i + 1 for i, rid in enumerate(lex_turns)}
        dense_rank = {rid: i + 1 for i, rid in enumerate(dense_turns)}
        return self._hits(ranked, parent, query, k, lex_rank, dense_rank)

    # --- internals -----------------------------------------------------------------------------------

    def _reweight(self, query: str, ranked: list, one_chat: bool) -> list:
        """The ranking with two corrections. `one_chat` (the search is filtered to one contact): when the query
        names exactly one of the people who wrote the ranked turns (the contact, or the user by one of their
        names), the turns of the others count `other_speaker_weight` ("what did Tom adopt" is about Tom's turns,
        not the user's near miss). Not across chats: there a name is often the object ("帮李伟内推进公司", help
        Li Wei get a referral: the user's own turn answers; measured on run_eval.py). And a turn whose text
        repeats one ranked above it counts `repeat_weight` (the same small talk again is no new evidence)."""
        if not ranked or (self.other_speaker_weight == 1.0 and self.repeat_weight == 1.0):
            return ranked
        turns = self._turn_texts([rid for rid, _ in ranked])
        factor = {rid: 1.0 for rid, _ in ranked}
        if one_chat and self.other_speaker_weight != 1.0:
            speaker = history.speakers(self.db, [mid for mid, _ in turns.values()])
            who = {rid: speaker.get(mid, -1) for rid, (mid, _) in turns.items()}
            people = {s for s in who.values() if s != -1}
            names = contact_names.names_of(self.db, [p for p in people if p is not None])
            if None in people:
                names[None] = contact_names.my_names(self.db)
            about = [p for p in people if names.get(p) and named(query, names[p])]
            if len(about) == 1:
                for rid in factor:
                    if who.get(rid, about[0]) != about[0]:
                        factor[rid] *= self.other_speaker_weight
        if self.repeat_weight != 1.0:
            seen: set[str] = set()
            for rid, score in sorted(ranked, key=lambda rs: -rs[1] * factor[rs[0]]):
                text = turns.get(rid, (None, ""))[1]
                norm = " ".join("".join(ch for ch in text.casefold() if ch.isalnum() or ch.isspace()).split())
                if not norm:
                    continue
                if norm in seen:
                    factor[rid] *= self.repeat_weight
                seen.add(norm)
        out = [(rid, score * factor[rid]) for rid, score in ranked]
        order = {rid: i for i, (rid, _) in enumerate(ranked)}
        return sorted(out, key=lambda rs: (-rs[1], order[rs[0]]))

    def _turn_texts(self, rids: list[int]) -> dict[int, tuple[int, str]]:
        """rid -> (message id, text) for the single-message chunks (level 1) among these."""
        out: dict[int, tuple[int, str]] = {}
        for i in range(0, len(rids), 500):
            part = rids[i : i + 500]
            q = ",".join("?" * len(part))
            for rid, ids, text in self.db.execute(
                    f"SELECT rid, message_ids, text FROM retrieval_chunks WHERE rid IN ({q}) AND level = 1", part):
                out[rid] = (json.loads(ids)[0], text)
        return out

    def _latest_first(self, query: str, filters: Filters, ranked, parent: dict) -> list:
        """"What did I last talk about with X": X's latest substantive session first, then the ranking."""
        if filters.contact_id is None and filters.group_id is None:
            cid = named_contact(self.db, query)
            if cid is None:
                return ranked
            filters = Filters(cid, None, filters.channel, filters.since, filters.until)
        latest = latest_session(self.db, filters, self.index.session_gap)
        if not latest:
            return ranked
        parent.update(self._parents([r for r in latest if r not in parent]))
        top = (ranked[0][1] if ranked else 0.0) + 1.0
        first = set(latest)
        return [(rid, top) for rid in latest] + [(rid, s) for rid, s in ranked if rid not in first]


    def _session_rows(self, rids: list[int]) -> dict[int, str]:
        """rid -> key for the session chunks (level 0) among these."""
        out: dict[int, str] = {}
        for i in range(0, len(rids), 500):
            part = rids[i : i + 500]
            q = ",".join("?" * len(part))
            out.update((r[0], r[1]) for r in self.db.execute(
                f"SELECT rid, key FROM retrieval_chunks WHERE rid IN ({q}) AND level = 0", part))
        return out

    def _unseen(self, rids: list[int]) -> set[int]:
        """The turns among these that have no vector (the dense side cannot rank them)."""
        out: set[int] = set()
        for i in range(0, len(rids), 500):
            part = rids[i : i + 500]
            q = ",".join("?" * len(part))
            out.update(r[0] for r in self.db.execute(
                f"SELECT rid FROM retrieval_chunks WHERE rid IN ({q}) AND vec_text_hash IS NULL", part))
        return out

    def _keys(self, rids: list[int]) -> dict[int, str]:
        out: dict[int, str] = {}
        for i in range(0, len(rids), 500):
            part = rids[i : i + 500]
            q = ",".join("?" * len(part))
            out.update((r[0], r[1]) for r in self.db.execute(f"SELECT rid, key FROM retrieval_chunks WHERE rid IN ({q})", part))
        return out

    def _parents(self, rids) -> dict[int, str]:
        rids = list(rids)
        out: dict[int, str] = {}
        for i in range(0, len(rids), 500):
            part = rids[i : i + 500]
            q = ",".join("?" * len(part))
            out.update(
                (r[0], r[1] or r[2])
                for r in self.db.execute(f"SELECT rid, parent, key FROM retrieval_chunks WHERE rid IN ({q})", part)
            )
        return out

    def _session_turns(self, keys: list[str], filters: Filters) -> list[int]:
        """The messages (turn rids) of these sessions that pass the filters, sessions in the given order."""
        if not keys:
            return []
        where, args = filters.sql("c")
        q = ",".join("?" * len(keys))
        rows = self.db.execute(
            f"SELECT c.rid, c.parent FROM retrieval_chunks c WHERE c.level = 1 AND c.parent IN ({q})"
            f"{' AND ' + where if where else ''} ORDER BY c.start_ts, c.rid",
            (*keys, *args),
        ).fetchall()
        order = {key: i for i, key in enumerate(keys)}
        return [r[0] for r in sorted(rows, key=lambda r: order[r[1]])]

    def _embed_query(self, query: str) -> Future:
        """The query's vector, computed on a worker thread (the model runs outside the GIL while SQLite and
        Chroma answer the rest of the search here). Raises RetrievalError at once if the index is unusable."""
        global _QUERY_EMBEDDER
        self.index.check_model()
        if _QUERY_EMBEDDER is None:
            _QUERY_EMBEDDER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="query-embedding")
        return _QUERY_EMBEDDER.submit(self.index.embedder.embed_query, query)

    def _dense(self, query: str, filters: Filters, n: int, qvec: Future | None = None) -> list[tuple[int, float]]:
        if qvec is None:
            qvec = self._embed_query(query)
        where, args = filters.sql("c")
        if filters:
            # A narrow filter (one contact, one group, a short time span): score its messages exactly. The set
            # comes from SQLite, the system of record, so it is also right while Chroma's metadata lags.
            rows = self.db.execute(
                f"SELECT key, rid FROM retrieval_chunks c WHERE {where} AND vec_text_hash IS NOT NULL LIMIT ?",
                (*args, EXACT_SEARCH_LIMIT + 1),
            ).fetchall()
            if len(rows) <= EXACT_SEARCH_LIMIT:
                rid_of = {r[0]: r[1] for r in rows}
                scored = sorted(self.index.vectors.score(list(rid_of), qvec.result, n), key=lambda kv: (-round(kv[1], 6), rid_of[kv[0]]))
                return [(rid_of[k], sim) for k, sim in scored]
        found = self.index.vectors.query(qvec.result(), filters.chroma_where(), n)
        if not found:
            return []
        # Filters are re-applied in SQLite, the system of record: Chroma metadata may lag a store change.
        keys = [k for k, _ in found]
        q = ",".join("?" * len(keys))
        rows = self.db.execute(
            f"SELECT key, rid FROM retrieval_chunks c WHERE key IN ({q}){' AND ' + where if where else ''}", (*keys, *args)
        ).fetchall()
        rid_of = {r[0]: r[1] for r in rows}
        found = sorted(found, key=lambda kv: (-round(kv[1], 6), rid_of.get(kv[0], 0)))  # ties: stable order
        return [(rid_of[k], sim) for k, sim in found if k in rid_of]

    def _hits(self, ranked, parent: dict[int, str], query: str, k: int, lex_rank: dict, dense_rank: dict) -> list[Hit]:
        # Group runs of consecutive ranked messages from the same session into one hit (the order of the cited
        # messages, flattened, stays the ranking's).
        groups: list[list[tuple[int, float]]] = []
        for rid, score in ranked:
            if groups and parent.get(groups[-1][0][0]) == parent.get(rid):
                groups[-1].append((rid, score))
            else:
                if len(groups) == k:
                    break
                groups.append([(rid, score)])
        rids = [rid for g in groups for rid, _ in g]
        if not rids:
            return []
        q = ",".join("?" * len(rids))
        turns = {r["rid"]: r for r in self.db.execute(f"SELECT * FROM retrieval_chunks WHERE rid IN ({q})", rids)}
        keys = sorted({parent[r] for r in rids if r in parent})
        q = ",".join("?" * len(keys))
        sessions = {r["key"]: r for r in self.db.execute(f"SELECT * FROM retrieval_chunks WHERE key IN ({q})", keys)}
        context: dict[int, list[int]] = {}
        for rid in rids:
            row, srow = turns.get(rid), sessions.get(parent.get(rid))
            if row is None:
                continue
            mid = json.loads(row["message_ids"])[0]
            around = json.loads(srow["message_ids"]) if srow is not None else [mid]
            context[rid] = around
        ids = sorted({i for v in context.values() for i in v})
        messages = self._messages(ids)
        hits: list[Hit] = []
        for group in groups:
            group = [(rid, s) for rid, s in group if rid in context and json.loads(turns[rid]["message_ids"])[0] in messages]
            if not group:
                continue  # the store changed since indexing: the message is gone
            hits.append(self._hit(group, turns, context, messages, query, lex_rank, dense_rank, parent))
        return hits

    def _messages(self, ids: list[int]) -> dict[int, Citation]:
        out: dict[int, Citation] = {}
        for r in history.cited_messages(self.db, ids):
            speaker = "me" if r["direction"] == "out" else r["speaker"]
            out[r["id"]] = Citation(r["id"], r["ts"], r["channel"], r["direction"], speaker, r["text"])
        return out

    def _hit(self, group, turns, context, messages, query: str, lex_rank, dense_rank, parent) -> Hit:
        first_rid, score = group[0]
        first = turns[first_rid]
        cited = [json.loads(turns[rid]["message_ids"])[0] for rid, _ in group]
        cites = [messages[i] for i in cited]
        around = [i for i in context[first_rid] if i in messages]
        pos = sorted(around.index(i) for i in cited if i in around)
        lo, hi = (pos[0], pos[-1]) if pos else (0, len(around) - 1)
        window = around[max(0, lo - self.context_lines) : hi + self.context_lines + 1] or cited
        lines = [f"{messages[i].speaker}: {' '.join(messages[i].text.split())}" for i in window]
        snippet = " … ".join(_clip(f"{c.speaker}: {' '.join(c.text.split())}", 180) for c in cites[:3])
        ts = [c.ts for c in cites]
        return Hit(
            chunk_id=first["key"], contact_id=first["contact_id"], group_id=first["group_id"], channel=first["channel"],
            conversation=first["conversation"], start_ts=min(ts), end_ts=max(ts), message_ids=cited,
            score=float(score), snippet=snippet, text="\n".join(lines), citations=cites,
            lexical_rank=lex_rank.get(first_rid), dense_rank=dense_rank.get(first_rid),
            session_id=parent.get(first_rid),
        )


def _clip(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


__all__ = ["Citation", "Hit", "MODES", "Retriever", "RetrievalError"]
