"""The application as a whole: the review queue (tui), status, eval."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant import __version__
from assistant.cli.common import fail, open_store


def register(sub) -> None:
    s = sub.add_parser("tui", help="the review queue in the terminal (also what `outreach` alone opens)")
    s.add_argument("--light", action="store_true", help="start with the light theme (Ctrl+T switches)")
    s.add_argument("--import", dest="import_", action="store_true", help="start on the import & index screen")
    s.set_defaults(func=cmd_tui)

    s = sub.add_parser("status", help="where the data lives and what it holds")
    s.set_defaults(func=cmd_status)

    s = sub.add_parser("eval", help="run an eval from a source checkout: drafts (--offline/--recorded/--live), "
                                    "rewrite, retrieval, asks, hostile, hooks; see evals/*/README.md in the repository")
    s.add_argument("which", choices=("drafts", "rewrite", "retrieval", "asks", "hostile", "hooks"))
    s.add_argument("rest", nargs=argparse.REMAINDER, help="the eval's own options, e.g. --recorded --only zh-")
    s.set_defaults(func=cmd_eval)


def interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def run_tui(settings, *, light: bool = False, start: str = "queue", build_index: bool = True, drafts: int = 0) -> int:
    """Open the review queue (assistant/tui). Textual is imported only here. `build_index`: build or finish the
    search index in the background when it needs it (a first run, an interrupted build)."""
    from assistant.tui.app import make_app

    make_app(settings, light=light, start=start, build_index=build_index, drafts=drafts).run()
    return 0


def cmd_tui(args, settings) -> int:
    if not interactive():
        return fail("the review queue needs a terminal; use `outreach drafts` to list and review drafts instead")
    return run_tui(settings, light=args.light, start="import" if args.import_ else "queue")


def cmd_status(args, settings) -> int:
    store = open_store(settings)
    counts = store.counts()
    print(f"outreach {__version__} — data in {settings.home}")
    print(", ".join(f"{v} {k}" for k, v in counts.items()))
    from assistant.services.privacy import is_private

    print("files: private (owner-only: directory 0700, files 0600)" if is_private(settings.home)
          else f"files: WARNING readable by other users; run any outreach command to tighten {settings.home}")
    if not counts["messages"]:
        print("Nothing imported yet: `outreach import PATH...` or `outreach demo`.")
    return 0


def cmd_eval(args, settings) -> int:
    """Run an eval of the source checkout in its own process (evals/ is not part of the installed package)."""
    import subprocess

    root = Path(__file__).resolve().parents[2]
    if not (root / "evals" / "run.py").exists():
        return fail(f"the evals live in the source repository (evals/ next to assistant/), not found under {root}")
    return subprocess.call([sys.executable, "-m", "evals.run", args.which, *args.rest], cwd=root)
