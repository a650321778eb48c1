"""Precision and recall of the rule-based ask detector on the labelled corpus, per language.

    .venv/bin/python evals/asks/run_eval.py [corpus.jsonl ...] [--errors]

Each line of a corpus: {"id", "lang", "ask": true|false, "category", "text"}. An ask counts as found when the
detector reports any ask (the category is shown for the errors, not scored). Exit code 1 when recall on asks
or precision falls below 0.9 overall.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from assistant.text.asks import find_asks  # noqa: E402
from evals import labelled  # noqa: E402

HERE = Path(__file__).resolve().parent
TARGET = labelled.TARGET


def load(paths: list[Path]) -> list[dict]:
    return labelled.load(paths, "ask")


def score(rows: list[dict]) -> dict:
    return labelled.score(rows, "ask", find_asks)


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv if not a.startswith("--")] or [HERE / "corpus.jsonl"]
    rows = load(paths)
    return labelled.report(paths, rows, score(rows), "ask", show_errors="--errors" in argv, missed="missed ask",
                           why=lambda f: f"{f.lang}/{f.rule}")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
