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
from assistant.ingest.common import to_utf8

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
    head = to_utf8(head)  # UTF-16 exports (Windows tools) are sniffed like any other
    for name in IMPORTERS:
        mod = load(name)
        if mod.sniff(path, head):
            return mod
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        raise NotAnExport(path, _zip_trouble(path))
    raise NotAnExport(
        path,
        "not a recognised chat or contact export (known: " + ", ".join(IMPORTERS) + "); "
        "use --format to force one",
    )


def _zip_trouble(path: Path) -> str:
    """Why no importer takes a .zip: it is corrupt or cut, or it holds no chat export."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            bad = zf.testzip()
    except (zipfile.BadZipFile, OSError, EOFError) as e:
        return f"a corrupt or cut .zip file ({e}); download or export it again"
    if bad:
        return f"a corrupt .zip file (member {bad!r} fails its checksum); download or export it again"
    shown = ", ".join(names[:8]) + (" ..." if len(names) > 8 else "") if names else "nothing"
    return f"a .zip that holds no chat export (no _chat.txt or WhatsApp Chat*.txt; it holds: {shown})"
