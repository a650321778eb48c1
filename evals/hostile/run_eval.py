"""Precision and recall of the hostile-text detector (assistant/text/hostile.py) on the labelled corpus.

    .venv/bin/python -m evals.run hostile [corpus.jsonl ...] [--errors]

Each line of a corpus: {"id", "lang", "hostile": true|false, "kind", "text"}. A hostile line counts as found
when the detector reports anything (the kind is shown for the errors, not scored); an ordinary line that the
detector flags is a false alarm. Exit code 1 when recall or precision falls below 0.9 overall.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from assistant.text.hostile import find_hostile  # noqa: E402
from evals import labelled  # noqa: E402

HERE = Path(__file__).resolve().parent
TARGET = labelled.TARGET


def load(paths: list[Path]) -> list[dict]:
    return labelled.load(paths, "hostile")


def score(rows: list[dict]) -> dict:
    return labelled.score(rows, "hostile", find_hostile)


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv if not a.startswith("--")] or [HERE / "corpus.jsonl"]
    rows = load(paths)
    return labelled.report(paths, rows, score(rows), "hostile", show_errors="--errors" in argv, missed="missed",
                           why=lambda f: f"{f.kind}/{f.lang or '*'}: {f.match}")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
