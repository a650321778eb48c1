"""The command line, one module per area; `main` is the entry point (`outreach`, `python -m assistant`).

Heavy libraries (chromadb, langchain, textual) are imported inside the commands that use them, so `--help` and
`status` start instantly.
"""

from assistant.cli.common import parse_birthday, parse_cadence
from assistant.cli.main import build_parser, main

__all__ = ["build_parser", "main", "parse_birthday", "parse_cadence"]
