"""Importers, one module per export format, chosen by sniffing the file.

Each importer module defines:
    NAME: str             the format name used by `import --format NAME`
    CHANNEL: str          the channel its messages belong to
    DESCRIPTION: str      one line for `import --help`
    sniff(path, head) -> bool    head: the file's first 64 KiB as bytes
    parse(path) -> ImportBatch   raises ParseError naming the file and line/field
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

from assistant.domain import ParseError

# Order matters: the most specific sniffers first.
IMPORTERS = (
    "outreach_export",  # what `outreach export` wrote
    "whatsapp",
    "telegram",
    "wechat",
    "linkedin",
    "google_contacts",
    "vcard",
    "mbox",
    "signal",
    "instagram",
)


class NotAnExport(ParseError):
    """No importer recognises the file."""


def load(name: str) -> ModuleType:
    if name not in IMPORTERS:
        raise ValueError(f"unknown format {name!r}; known: {', '.join(IMPORTERS)}")
    return importlib.import_module(f"assistant.ingest.{name}")


def detect(path: Path, forced: str | None = None) -> ModuleType:
    """The importer for `path`: the forced one, or the first whose sniffer accepts the file."""
    if forced:
        return load(forced)
    path = Path(path)
    if not path.is_file():
        raise ParseError(path, "no such file")
    with path.open("rb") as f:
        head = f.read(65536)
    if not head:
        raise NotAnExport(path, "the file is empty")
    for name in IMPORTERS:
        mod = load(name)
        if mod.sniff(path, head):
            return mod
    raise NotAnExport(
        path,
        "not a recognised chat or contact export (known: " + ", ".join(IMPORTERS) + "); "
        "use --format to force one",
    )
