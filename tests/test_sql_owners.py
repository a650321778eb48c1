"""Every SQL statement has one owner (ARCHITECTURE.md, issue 11): the query modules of assistant/store/, and
retrieval for its own tables. This reads the source (AST) and counts the SQL string literals everywhere else.

Some modules still hold SQL and have not moved it yet; they are listed here with their counts. The test fails
when any other module gains a statement, or when a listed one gains more (lower a count when you move SQL out;
delete the line at zero)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "assistant"

# A statement starts with an upper-case SQL keyword ("SELECT …"); prose does not ("Select all", "with a 12-hour
# marker", errors="replace", "Drop the draft").
SQL = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|WITH|REPLACE|DROP|ALTER|PRAGMA)\b")
TABLES = re.compile(r"\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+([a-z_]+)", re.I)
RETRIEVAL_TABLES = ("retrieval_", "contact_interests", "interests_state")

# Known remaining owners outside store/ (modules other work is changing now): module -> statements.
REMAINING = {
    "drafting/context.py": 8,
    "retrieval/index.py": 6,  # retrieval: statements that also touch the store's tables (messages, contacts…)
    "retrieval/interests.py": 6,
    "retrieval/lexical.py": 8,
    "retrieval/recency.py": 1,
    "retrieval/search.py": 1,
}


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
    gained = [f"{mod}: {len(lines)} SQL statement(s) at lines {lines} (allowed: {REMAINING.get(mod, 0)}); "
              "put them in a query module of assistant/store/"
              for mod, lines in found.items() if len(lines) > REMAINING.get(mod, 0)]
    assert not gained, "\n".join(gained)
    assert sum(len(v) for v in found.values()) <= sum(REMAINING.values())


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
    )
    assert sql_outside_store(pkg) == {"ask/x.py": [2, 3], "retrieval/z.py": [2]}
