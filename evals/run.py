"""One entry point for the evals (also `outreach eval ...`):

    .venv/bin/python -m evals.run drafts [--offline | --recorded | --live] [--only zh- en-03] [--out FILE]
    .venv/bin/python -m evals.run drafts --compare A.json B.json
    .venv/bin/python -m evals.run rewrite [--offline | --live]
    .venv/bin/python -m evals.run retrieval [args of evals/retrieval/run_eval.py]
    .venv/bin/python -m evals.run asks [corpus.jsonl ...] [--errors]
    .venv/bin/python -m evals.run hostile [corpus.jsonl ...] [--errors]
    .venv/bin/python -m evals.run hooks [--show] [--no-classifier]

Each exits non-zero when its figures fall below their targets (drafts: evals/thresholds.json).
"""

from __future__ import annotations

import sys

EVALS = ("drafts", "rewrite", "retrieval", "asks", "hostile", "hooks")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in EVALS:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    name, rest = argv[0], argv[1:]
    if name == "drafts":
        from evals.drafts.run import main as run
    elif name == "rewrite":
        from evals.rewrite.run import main as run
    elif name == "retrieval":
        from evals.retrieval.run_eval import main as run
    elif name == "hostile":
        from evals.hostile.run_eval import main as run
    elif name == "hooks":
        from evals.hooks.run import main as run
    else:
        from evals.asks.run_eval import main as run
    return run(rest)


if __name__ == "__main__":
    sys.exit(main())
