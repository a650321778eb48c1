"""The top-level parser, each area's commands registered by its own module, and the entry point."""

from __future__ import annotations

import argparse
import sys

from assistant import __version__
from assistant.cli import (
    announce,
    app,
    contacts,
    drafts,
    importing,
    network,
    privacy,
    report,
    search,
)
from assistant.cli.common import fail, load_settings

# The areas, in the order their commands are listed in `outreach --help`.
AREAS = (importing, app, contacts, search, network, announce, drafts, report, privacy)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="outreach", description="Keep real relationships alive, locally.")
    p.add_argument("--version", action="version", version=f"outreach {__version__}")
    sub = p.add_subparsers(dest="command")
    for area in AREAS:
        area.register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    """The entry point, inside the error boundary: an expected error is one line and exit 2, an unexpected
    one says where its trace was written, Ctrl+C is exit 130, a closed pipe ends quietly."""
    from assistant.cli import boundary

    return boundary.run(_main, argv)


def _main(argv: list[str] | None) -> int:
    from assistant.cli.boundary import check_argv

    argv = check_argv(sys.argv[1:] if argv is None else list(argv))
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):  # no command: the review queue in a terminal, else the status
        args.func = app.cmd_status
        if app.interactive():
            args.func, args.light, args.import_ = app.cmd_tui, False, False
    try:
        settings = load_settings()
    except Exception as e:  # pydantic validation of .env / environment
        return fail(f"bad settings: {e}")
    from assistant.cli.boundary import secure_home
    from assistant.services import show_model_progress

    secure_home(settings)
    show_model_progress()  # model calls show a spinner (elapsed time, endpoint) on stderr
    return args.func(args, settings)
