"""Every SQL statement has one owner (ARCHITECTURE.md, issue 11): the query modules of assistant/store/, and
retrieval for its own tables. This reads the source (AST) and counts the SQL string literals everywhere else.

No module outside store/ holds SQL on the store's tables: the test fails on the first statement that does."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "assistant"

# A statement starts with an upper-case SQL keyword ("SELECT …"); prose does not ("Select all", "with a 12-hour
# marker", errors="replace", "Drop the draft").
SQL = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|WITH|REPLACE|DROP|ALTER|PRAGMA)\b")
# The tables a statement names; an upsert's "ON CONFLICT (…) DO UPDATE SET …" updates the row it inserts (the
# table after INTO), so the "SET" after its UPDATE is no table.
TABLES = re.compile(r"\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+(?!SET\b)([a-z_]+)", re.I)
RETRIEVAL_TABLES = ("retrieval_", "contact_interests", "interests_state")

def statements(source: str) -> list[tuple[int, str]]:
    """(line, text) of each string literal that is an SQL statement; an f-string counts once."""
    tree = ast.parse(source)
    inside_fstrings = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in inside_fstrings:
            text = node.value
        elif isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
            first = node.values[0] if node.values else None
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
        else:
            continue
        if SQL.match(text):
            out.append((node.lineno, text))
    return out


def owned_elsewhere(rel: Path, text: str) -> bool:
    """True for a statement whose owner may hold it: anything in store/, retrieval's SQL on its own tables."""
    if rel.parts[0] == "store":
        return True
    if rel.parts[0] == "retrieval":
        tables = {t.lower() for t in TABLES.findall(text)}
        return bool(tables) and all(t.startswith(RETRIEVAL_TABLES) for t in tables)
    return False


def sql_outside_store(root: Path = ROOT) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        for line, text in statements(path.read_text(encoding="utf-8")):
            if not owned_elsewhere(rel, text):
                found.setdefault(rel.as_posix(), []).append(line)
    return found


def test_sql_lives_with_its_owners():
    found = sql_outside_store()
    assert found == {}, "\n".join(f"{mod}: SQL statement(s) at lines {lines}; put them in a query module of "
                                  "assistant/store/ (retrieval: only statements on its own tables)"
                                  for mod, lines in found.items())


def test_the_count_sees_sql_and_not_prose(tmp_path):
    pkg = tmp_path / "assistant"
    (pkg / "ask").mkdir(parents=True)
    (pkg / "store").mkdir()
    (pkg / "retrieval").mkdir()
    (pkg / "ask" / "x.py").write_text(
        'def f(db, ids):\n'
        '    db.execute("SELECT id FROM messages WHERE contact_id = ?", (1,))\n'
        '    db.execute(f"DELETE FROM drafts WHERE id IN ({ids})")\n'
        '    help = "Select all"\n'
        '    s = b.decode(errors="replace")\n'
        '    doc = "Drop the draft; with a 12-hour marker"\n'
    )
    (pkg / "store" / "y.py").write_text('Q = "SELECT 1 FROM messages"\n')
    (pkg / "retrieval" / "z.py").write_text(
        'A = "SELECT rid FROM retrieval_chunks"\nB = "SELECT text FROM messages JOIN retrieval_chunks c"\n'
        # an upsert on retrieval's own table: its "DO UPDATE SET" names no table
        'C = "INSERT INTO retrieval_meta (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v"\n'
        # an upsert on a store table is still seen, and so is a plain UPDATE of one
        'D = "INSERT INTO contacts (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name"\n'
        'E = "UPDATE messages SET text = ? WHERE id = ?"\n'
        # a table named at run time cannot be seen to be retrieval's (lexical.py names retrieval_fts in its text)
        'F = f"DELETE FROM {table} WHERE rowid = ?"\n'
        'G = f"SELECT rowid FROM retrieval_fts WHERE rowid IN ({marks})"\n'
    )
    assert sql_outside_store(pkg) == {"ask/x.py": [2, 3], "retrieval/z.py": [2, 4, 5, 6]}
