"""Google Contacts CSV export ("Google CSV"), the current (2023+) and the legacy header.

Current: `First Name,Middle Name,Last Name,...,Nickname,File As,Organization Name,Organization Title,
Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,...,Phone 1 - Label,
Phone 1 - Value,...,Website 1 - Value,Event 1 - Label,Event 1 - Value,...`
Legacy: `Name,Given Name,Additional Name,Family Name,...,Birthday,...,Notes,...,Group Membership,E-mail 1 - Type,
E-mail 1 - Value,...,Phone 1 - Type,Phone 1 - Value,...,Organization 1 - Type,Organization 1 - Name,
Organization 1 - Yomi Name,Organization 1 - Title,...` (the old export wrote it as UTF-16 with a BOM).

The number of E-mail N / Phone N groups varies with the data; one cell may hold several values joined by
" ::: "; labels starting with "* " are primary / system ones ("* myContacts").
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

from assistant.domain import ImportBatch, ParseError, RawContact
from assistant.ingest.common import (
    csv_rows,
    decode,
    full_name,
    normalise_newlines,
    strip_marks,
)

NAME = "google_contacts"
CHANNEL = "contacts"
DESCRIPTION = "Google Contacts CSV export (\"Google CSV\", current and legacy headers)"

_MULTI = " ::: "
_NUMBERED = re.compile(r"^(e-mail|phone|website|event|organization|relation|im|custom field) (\d+) - (.+)$")
_SYSTEM_LABELS = {"mycontacts", "my contacts", "other contacts", "othercontacts"}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NOYEAR = re.compile(r"^-{1,2}(\d{1,2})-(\d{1,2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_LINKEDIN = re.compile(r"linkedin\.com/in/", re.I)


def _decode(data: bytes, path: Path | str) -> str:
    """UTF-8 (BOM tolerated) via common.decode, or UTF-16 when the file starts with a UTF-16 BOM."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return normalise_newlines(data.decode("utf-16"))
        except UnicodeDecodeError as e:
            line = data[: e.start].count(b"\n\x00" if data.startswith(b"\xff\xfe") else b"\x00\n") + 1
            raise ParseError(path, "invalid UTF-16 text", line=line) from None
    return decode(data, path)


def _header_cells(line: str) -> list[str]:
    try:
        row = next(csv.reader([line]), [])
    except csv.Error:
        return []
    return [strip_marks(c).strip().lower() for c in row]


def _kind(cells: list[str]) -> str | None:
    s = set(cells)
    if {"first name", "last name"} <= s and ("labels" in s or "e-mail 1 - value" in s or "phone 1 - value" in s):
        return "current"
    if "given name" in s and "family name" in s and ("name" in s or "group membership" in s):
        return "legacy"
    return None


def sniff(path: Path, head: bytes) -> bool:
    if head.startswith(b"PK\x03\x04"):
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head[: len(head) // 2 * 2].decode("utf-16", errors="ignore")
    else:
        if b"\x00" in head[:4096]:
            return False
        text = head.decode("utf-8", errors="replace")
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0].rstrip("\r")
    return _kind(_header_cells(first)) is not None


# --- values -----------------------------------------------------------------------------------------------


def _values(cell: str) -> list[str]:
    out = []
    for v in cell.split(":::"):
        v = strip_marks(v).strip()
        if v and v not in out:
            out.append(v)
    return out


def _birthday(raw: str) -> str | None:
    s = strip_marks(raw).strip()
    try:
        m = _ISO.match(s) or _COMPACT.match(s)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            if y in (0, 1604):  # "year unknown" placeholders (Apple writes 1604)
                date(2000, mo, d)
                return f"--{mo:02d}-{d:02d}"
            return date(y, mo, d).isoformat()
        m = _NOYEAR.match(s)
        if m:
            mo, d = int(m.group(1)), int(m.group(2))
            date(2000, mo, d)  # validates, leap day allowed
            return f"--{mo:02d}-{d:02d}"
    except ValueError:
        return None
    return None


def _label(s: str) -> str:
    return strip_marks(s).lstrip("*").strip()


# --- parsing ----------------------------------------------------------------------------------------------


class _Columns:
    def __init__(self, cells: list[str]):
        self.index: dict[str, int] = {}
        for i, c in enumerate(cells):
            self.index.setdefault(c, i)
        # numbered groups: ("e-mail", n) -> {"value": i, "label": i, "type": i, ...}
        self.groups: dict[tuple[str, int], dict[str, int]] = {}
        for i, c in enumerate(cells):
            m = _NUMBERED.match(c)
            if m:
                self.groups.setdefault((m.group(1), int(m.group(2))), {})[m.group(3)] = i

    def get(self, row: list[str], *names: str) -> str:
        for name in names:
            i = self.index.get(name)
            if i is not None and i < len(row) and row[i].strip():
                return row[i]
        return ""

    def numbered(self, row: list[str], kind: str, part: str) -> list[tuple[str, str]]:
        """(label, value) for every value of every `kind N - part` column, in column order."""
        out = []
        for (k, _n), cols in sorted(self.groups.items(), key=lambda kv: (kv[0][0], kv[0][1])):
            if k != kind or part not in cols:
                continue
            i = cols[part]
            if i >= len(row):
                continue
            li = cols.get("label", cols.get("type"))
            label = _label(row[li]) if li is not None and li < len(row) else ""
            for v in _values(row[i]):
                out.append((label, v))
        return out


def parse(path: Path) -> ImportBatch:
    path = Path(path)
    text = _decode(path.read_bytes(), path)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as e:
        raise ParseError(path, f"malformed CSV header: {e}", line=1) from None
    if header is None:
        raise ParseError(path, "the file is empty", line=1)
    cells = [strip_marks(c).strip().lower() for c in header]
    kind = _kind(cells)
    if kind is None:
        missing = next((c for c in ("First Name", "Last Name", "Labels") if c.lower() not in cells), "Given Name")
        raise ParseError(
            path,
            f"not a Google Contacts CSV header: missing column {missing!r} (expected the current 'First Name,Middle "
            "Name,Last Name,...' or the legacy 'Name,Given Name,Additional Name,Family Name,...' header)",
            line=1, field=missing,
        )
    cols = _Columns(cells)
    batch = ImportBatch(path=path, format=NAME, channel=CHANNEL)
    rows = 0
    for start, row in csv_rows(path, reader):
        if not row:
            continue
        rows += 1
        contact = _contact(path, cols, row, kind, start, batch)
        if contact is not None:
            batch.contacts.append(contact)
    if not batch.contacts:
        if rows:
            raise ParseError(path, f"none of the {rows} row(s) has a name, e-mail or phone number", line=2)
        batch.warnings.append(f"{path}: no contacts in this file (header only)")
    return batch


def _contact(path: Path, cols: _Columns, row: list[str], kind: str, line: int, batch: ImportBatch) -> RawContact | None:
    g = cols.get
    identities: list[tuple[str, str]] = []
    for _label_, v in cols.numbered(row, "e-mail", "value"):
        identities.append(("email", v))
    for _label_, v in cols.numbered(row, "phone", "value"):
        if any(ch.isdigit() for ch in v):
            identities.append(("phone", v))
    for _label_, v in cols.numbered(row, "website", "value"):
        if _LINKEDIN.search(v):
            identities.append(("linkedin", v))
    identities = list(dict.fromkeys(identities))

    org = (_values(g(row, "organization name", "organization 1 - name")) or [""])[0]
    title = (_values(g(row, "organization title", "organization 1 - title")) or [""])[0]
    dept = (_values(g(row, "organization department", "organization 1 - department")) or [""])[0]
    nickname = " ".join(strip_marks(g(row, "nickname")).split())
    if kind == "current":
        name = full_name(g(row, "first name"), g(row, "last name"), g(row, "middle name"))
    else:
        name = " ".join(strip_marks(g(row, "name")).split()) or full_name(
            g(row, "given name"), g(row, "family name"), g(row, "additional name"))
    name = name or nickname or " ".join(strip_marks(g(row, "file as")).split()) or org
    if not name and identities:
        name = identities[0][1]
    if not name:
        batch.warnings.append(f"{path}:{line}: skipped a row with no name, e-mail or phone number")
        return None

    notes: list[str] = []
    body = normalise_newlines(g(row, "notes")).strip()
    if body:
        notes.append(body)
    if nickname and nickname != name:
        notes.append(f"Nickname: {nickname}")
    if dept:
        notes.append(f"Department: {dept}")
    labels = [_label(v) for v in _values(g(row, "labels", "group membership"))]
    labels = [v for v in labels if v and v.lower() not in _SYSTEM_LABELS]
    if labels:
        notes.append("Labels: " + ", ".join(labels))
    for label, v in cols.numbered(row, "event", "value"):
        notes.append(f"{label or 'Event'}: {v}")

    birthday = None
    raw_bd = strip_marks(g(row, "birthday")).strip()
    if raw_bd:
        birthday = _birthday(raw_bd)
        if birthday is None:
            notes.append(f"Birthday: {raw_bd}")
            batch.warnings.append(f"{path}:{line}: unrecognised Birthday {raw_bd!r}, kept in the notes")

    return RawContact(name=name, identities=identities, birthday=birthday, organization=org, title=title,
                      notes="\n".join(notes), line=line)
