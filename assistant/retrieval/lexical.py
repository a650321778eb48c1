"""Lexical (BM25) search in SQLite FTS5, in the store's own database (tables made by migration 004_retrieval).

FTS5's `unicode61` tokenizer splits on spaces and punctuation, which leaves a whole Chinese or Japanese sentence
as one token. So before text reaches FTS5, every run of CJK characters is rewritten as its overlapping character
bigrams ("去香山骑车" -> "去香 香山 山骑 骑车"); a 2-character query word then matches exactly, and longer words
match on their bigrams. (The trigram tokenizer cannot match the many 2-character Chinese words, and gave lower
recall on the eval: see evals/retrieval/README.md.) The tokenizer also counts combining marks (category M) as
part of words, which keeps Hindi/Devanagari words whole, and folds Latin diacritics; `porter` stems English.
Query words are OR-ed, so BM25 ranks chunks by how many rare query words they contain.
"""

from __future__ import annotations

import math
import re
import sqlite3
import unicodedata
from collections.abc import Iterable

from assistant.retrieval.filters import Filters
from assistant.text.scripts import HAN, KANA

# Han (incl. ext. A and compatibility), kana, and CJK punctuation-free runs.
_CJK_RUN = re.compile(f"[{KANA}{HAN}]+")


def _is_token_char(ch: str) -> bool:
    # the same classes as the FTS5 tokenizer: letters, numbers, marks (Devanagari vowel signs...), private use
    return unicodedata.category(ch)[0] in "LNM" or unicodedata.category(ch) == "Co"


def words(text: str) -> list[str]:
    """Split text into words the way the FTS5 tokenizer does (CJK runs must be bigrammed first)."""
    out, cur = [], []
    for ch in text:
        if _is_token_char(ch):
            cur.append(ch)
        elif cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return out

SCAN_PER_RID = 400  # coverage(): read a term's match list when it has at most this many matches per rid asked about
COMMON_SHARE = 0.05  # a word in more than this share of the chunks is no evidence on its own (see search)

TOKENIZER = "porter unicode61 remove_diacritics 2 categories 'L* N* Co M*'"

# Very common words are kept out of queries (BM25 would give them little weight, but OR-ing them in makes
# every chunk a candidate and slows the query down).
STOPWORDS = frozenset(
    """a an and are as at be but by did do does for from had has have how i in is it its me my of on or our so
    that the their them they this to us was we were what when where which who whom why will with you your about
    can could would should just not no yes all any some been being into than then there these those out up
    der die das und ist ein eine einen zu den mit von auf für nicht sich des dem wir ich du sie es wie was wer
    im am an auch noch aber oder wenn dass war bin bist sind hat habe haben mir dir mich dich uns euch
    le la les un une des et est en du de pour que qui dans sur pas au aux ce se nous vous je tu il elle
    ne ou mais avec son sa ses mon ma mes ton ta tes on y a été être avoir ai as fait cette ces
    في من على إلى عن مع هل ما هذا هذه أن كان و لا لم لن قد كل بعد قبل هو هي أنا انت أنت نحن هم ذلك التي الذي يا
    का की के है हैं में और को से पर यह था थी थे क्या हो होना होता होती गया गई गए गये रहा रही रहे कर करना किया
    ने तो भी ही या कि जो वह ये वो इस उस एक नहीं ना मैं तुम आप हम मेरा मेरी तुम्हारा तुम्हारी अब तक लिए साथ
    hai hain ho ka ki ke se me mein pe bhi toh to nahi kar rahe raha rahi tha thi
    的 了 是 在 我 你 他 她 们 吗 吧 呢 啊 也 都 和 就 不 有 这 那 个
    """.split()
)


def _bigrams(run: str) -> str:
    if len(run) == 1:
        return run
    return " ".join(run[i : i + 2] for i in range(len(run) - 1))


def index_text(text: str) -> str:
    """The form of `text` stored in FTS5: CJK runs as bigrams, everything else unchanged."""
    return _CJK_RUN.sub(lambda m: f" {_bigrams(m.group())} ", text)


def query_terms(query: str) -> list[str]:
    """The distinct search terms of a query, in the same form as the indexed text."""
    terms: list[str] = []
    for word in words(index_text(query)):
        w = word.lower()
        if w in STOPWORDS or w in terms:
            continue
        terms.append(w)
    return terms


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression: the query's terms, each quoted (no FTS syntax gets through), OR-ed."""
    terms = query_terms(query)
    if not terms:
        return None
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)


class LexicalIndex:
    """The FTS5 table `retrieval_fts` (rowid = retrieval_chunks.rid), or another of the same shape
    (`retrieval_turn_fts`). Statements are written against `retrieval_fts` and run on `table` (see _sql)."""

    def __init__(self, db: sqlite3.Connection, table: str = "retrieval_fts"):
        self.db = db
        self.table = table

    def _sql(self, stmt: str) -> str:
        """A statement written for `retrieval_fts` (or its shadow table `retrieval_fts_data`), for this index's table."""
        return stmt if self.table == "retrieval_fts" else re.sub(r"\bretrieval_fts(?=_data\b|\b)", self.table, stmt)

    def add(self, rows: Iterable[tuple[int, str]]) -> None:
        """rows: (rid, chunk text). Replaces any earlier entry for the same rid."""
        rows = list(rows)
        self.delete(rid for rid, _ in rows)
        self.db.executemany(self._sql("INSERT INTO retrieval_fts (rowid, body) VALUES (?, ?)"),
                            [(r, index_text(t)) for r, t in rows])

    def delete(self, rids: Iterable[int]) -> None:
        self.db.executemany(self._sql("DELETE FROM retrieval_fts WHERE rowid = ?"), [(r,) for r in rids])

    def clear(self) -> None:
        self.db.execute(self._sql("DELETE FROM retrieval_fts"))

    def count(self) -> int:
        """The number of rows. Read from FTS5's own row total (the averages record, id 1 of `<table>_data`):
        `count(*)` scans the whole table. Inside a transaction that record can lag the rows written in it
        (FTS5 saves it at commit), so there count(*) answers."""
        if self.db.in_transaction:
            return self.db.execute(self._sql("SELECT count(*) FROM retrieval_fts")).fetchone()[0]
        row = self.db.execute(self._sql("SELECT block FROM retrieval_fts_data WHERE id = 1")).fetchone()
        return _varint(row[0]) if row and row[0] else 0

    def rids(self) -> set[int]:
        return {r[0] for r in self.db.execute(self._sql("SELECT rowid FROM retrieval_fts"))}

    def doc_freq(self, term: str) -> int:
        return self.db.execute(
            self._sql("SELECT count(*) FROM retrieval_fts WHERE retrieval_fts MATCH ?"), ('"' + term.replace('"', '""') + '"',)
        ).fetchone()[0]

    def selective_terms(self, terms: list[str], max_share: float = COMMON_SHARE) -> list[str]:
        """The query terms that occur in the index but in at most `max_share` of the chunks (at least 3)."""
        limit = max(3, max_share * chunk_count(self.db))
        return [t for t in terms if 0 < self.doc_freq(t) <= limit]

    def search(
        self, query: str, filters: Filters | None = None, limit: int = 50, *, selective: bool = False
    ) -> list[tuple[int, float]]:
        """(rid, bm25 score; higher is better) of the best chunks passing the filters.

        selective=True (used by hybrid search) drops query words found in more than COMMON_SHARE of the chunks
        when rarer ones exist, and returns nothing when none does: matches on common words alone are no
        evidence, and would only push the dense side's better answers down in the fusion.
        """
        terms = query_terms(query)
        if selective and terms:
            terms = self.selective_terms(terms)
        if not terms:
            return []
        expr = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        # "+f.rowid": the contact condition is checked on each FTS match before the chunk row is read (the
        # unary plus keeps SQLite from turning it into one FTS5 lookup per allowed rowid, which is slower still)
        where, args = (filters or Filters()).sql("c", rid="+f.rowid")
        sql = self._sql(
            "SELECT c.rid, -bm25(retrieval_fts) AS score FROM retrieval_fts f JOIN retrieval_chunks c ON c.rid = f.rowid "
            "WHERE retrieval_fts MATCH ?" + (" AND " + where if where else "") + " ORDER BY bm25(retrieval_fts) LIMIT ?"
        )
        return [(r[0], r[1]) for r in self.db.execute(sql, (expr, *args, limit))]

    def coverage(self, query: str, rids: list[int]) -> dict[int, float]:
        """For each rid: the share of the query's IDF mass its text matches (1.0: every query word; words found
        nowhere count fully against). A match on one common word of a long question is weak evidence."""
        terms = query_terms(query)
        if not terms or not rids:
            return {r: 0.0 for r in rids}
        n = max(1, self.count())
        q = ",".join("?" * len(rids))
        matched: dict[int, float] = {r: 0.0 for r in rids}
        total = 0.0
        for t in terms:
            df = self.doc_freq(t)
            idf = math.log(1 + n / (df + 0.5))
            total += idf
            if df:
                # Read the term's whole match list and keep these rids ("+rowid"), unless it is much longer than
                # the rids: then one FTS5 lookup per rid (~40 us each, against ~0.1 us per listed match).
                scan = "+" if df <= SCAN_PER_RID * len(rids) else ""
                for (rid,) in self.db.execute(
                    self._sql(f"SELECT rowid FROM retrieval_fts WHERE retrieval_fts MATCH ? AND {scan}rowid IN ({q})"),
                    ('"' + t.replace('"', '""') + '"', *rids),
                ):
                    matched[rid] += idf
        return {r: v / total for r, v in matched.items()} if total else matched


def chunk_count(db: sqlite3.Connection) -> int:
    """The number of rows of retrieval_chunks, without scanning it: each chunk has one row in one of the two FTS
    tables (session chunks in retrieval_fts, single messages in retrieval_turn_fts; the index writes a chunk and
    its FTS row in one transaction), so the sum of their stored row totals."""
    return LexicalIndex(db, "retrieval_fts").count() + LexicalIndex(db, "retrieval_turn_fts").count()


def _varint(b: bytes) -> int:
    """The SQLite varint at the start of b: big-endian 7-bit groups, high bit set on all but the last; a 9th
    byte counts all 8 bits."""
    v = 0
    for i in range(8):
        v = (v << 7) | (b[i] & 0x7F)
        if not b[i] & 0x80:
            return v
    return (v << 8) | b[8]


def highlight_lines(text: str, query: str, max_lines: int = 3) -> list[int]:
    """Indexes of the lines of `text` sharing the most terms with `query` (for snippets)."""
    terms = set(query_terms(query))
    if not terms:
        return list(range(min(max_lines, len(text.splitlines()))))
    scored = []
    for i, line in enumerate(text.splitlines()):
        line_words = {w.lower() for w in words(index_text(line))}
        scored.append((len(terms & line_words), -i))
    best = sorted(scored, reverse=True)[:max_lines]
    return sorted(-i for s, i in best if s > 0) or list(range(min(max_lines, len(scored))))
