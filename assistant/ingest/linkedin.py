"""LinkedIn "Download your data" CSVs: Connections.csv (contacts) and messages.csv (conversations).

Variants (see export-formats.md section 3):
* Connections.csv, 2023+: a 3-line "Notes:" preamble, then
  `First Name,Last Name,URL,Email Address,Company,Position,Connected On` (`22 Dec 2025`).
  Mid-2021..mid-2023: same preamble, no URL column. 2018..2021: no preamble, no URL column, `Connected On`
  like `1/8/18, 6:14 PM`, "e-mails" that can be `urn:li:member:664293716`. Hidden profiles are date-only rows.
* messages.csv: `CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,
  SUBJECT,CONTENT,FOLDER` plus, over time, ATTACHMENTS / IS MESSAGE DRAFT / IS CONVERSATION DRAFT; before
  mid-2023 without RECIPIENT PROFILE URLS; since 2026 every field quoted. DATE `2023-05-01 14:22:10 UTC`.
  TO joins names with ", " (and names may contain ", "); RECIPIENT PROFILE URLS are joined with ",".
* 2018 messages: `From,To,Date,Subject,Content,Direction,Folder`, Direction INCOMING/OUTGOING.

The owner is never marked in the current format: it is the participant present in every conversation.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path

from assistant.domain import (
    ImportBatch,
    ParseError,
    RawContact,
    RawConversation,
    RawMessage,
)
from assistant.ingest.common import (
    IdMaker,
    csv_rows,
    full_name,
    html_to_text,
    name_key,
    read_text,
    strip_marks,
)

NAME = "linkedin"
CHANNEL = "linkedin"
DESCRIPTION = "LinkedIn data export: Connections.csv (contacts) or messages.csv (conversations), any era"

# Files in the export that share the messages.csv header but are chats with LinkedIn's AI coach.
_COACH_FILES = re.compile(r"^(guide_messages|learning_role_play_messages|learning_coach_messages|coach_messages"
                          r"|learningcoachmessages)(_\d+)?\.csv$", re.I)

_CONN_COLS = {"FIRST NAME", "LAST NAME", "URL", "EMAIL ADDRESS", "COMPANY", "POSITION", "CONNECTED ON"}
_CONN_REQUIRED = ("FIRST NAME", "LAST NAME", "CONNECTED ON")
_MSG_COLS = {
    "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS",
    "DATE", "SUBJECT", "CONTENT", "FOLDER", "ATTACHMENTS", "IS MESSAGE DRAFT", "IS CONVERSATION DRAFT",
    "IS CONVERSATION ARCHIVED",
}
_MSG_REQUIRED = ("CONVERSATION ID", "FROM", "DATE", "CONTENT")
_OLD_COLS = {"FROM", "TO", "DATE", "SUBJECT", "CONTENT", "DIRECTION", "FOLDER"}
_OLD_REQUIRED = ("FROM", "TO", "DATE", "CONTENT", "DIRECTION")
_HEADER_SCAN_ROWS = 15
_ANON = "linkedin member"
_SUFFIX = re.compile(r"^(?:[A-Z][A-Za-z]{0,3}\.(?:[A-Za-z]{1,3}\.?)*|[A-Z]{2,5}|Ph[Dd]|Jr|Sr|Esq|[IVX]{2,4})$")

_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_ISO_DT = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(UTC|GMT|Z)?$", re.I)
_US_DT = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]\.?M\.?)?$", re.I)
_DMY = re.compile(r"^(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*\.?[ -](\d{4}|\d{2})$")
_ISO_D = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_US_D = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$")
_HTML_HINT = re.compile(r"</?(?:p|br|div|span|a|b|i|u|strong|em|ul|ol|li|img|font|blockquote|h[1-6]|table)\b[^<>]*>", re.I)
_URL_SPLIT = re.compile(r"\s*,\s*(?=(?:https?://|www\.|linkedin\.com))", re.I)


# --- sniffing -------------------------------------------------------------------------------------------


def _cells(line: str) -> list[str]:
    try:
        row = next(csv.reader([line]), [])
    except csv.Error:
        return []
    return [strip_marks(c).strip().strip('"').strip().upper() for c in row]


def _classify(cells: list[str]) -> str | None:
    s = set(cells)
    if {"FROM", "TO", "SENT AT", "DIRECTION"} <= s:
        return "invitations"
    if "FIRST NAME" in s and "LAST NAME" in s and len(s & _CONN_COLS) >= 4:
        return "connections"
    if len(s & _MSG_COLS) >= 4 and s & {"CONVERSATION ID", "SENDER PROFILE URL", "CONVERSATION TITLE"}:
        return "messages"
    if "DIRECTION" in s and {"FROM", "TO"} <= s and len(s & _OLD_COLS) >= 5:
        return "messages2018"
    return None


def sniff(path: Path, head: bytes) -> bool:
    if head.startswith(b"PK\x03\x04") or b"\x00" in head[:4096]:
        return False
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    if _COACH_FILES.match(Path(path).name):
        return True
    for line in text.split("\n")[:_HEADER_SCAN_ROWS]:
        if _classify(_cells(line.rstrip("\r"))):
            return True
    return False


# --- small parsers --------------------------------------------------------------------------------------


def _year(y: str) -> int:
    n = int(y)
    return n + 2000 if len(y) == 2 else n


def _hour12(h: int, ampm: str | None) -> int:
    if not ampm:
        return h
    pm = ampm.upper().startswith("P")
    return (h % 12) + (12 if pm else 0)


def _parse_message_dt(raw: str, assume_utc: bool) -> datetime | None:
    s = raw.strip()
    if len(s) == 23 and s.endswith(" UTC") and s[4] == "-" and s[10] == " " and s[13] == ":":  # the usual shape
        try:
            return datetime(int(s[0:4]), int(s[5:7]), int(s[8:10]), int(s[11:13]), int(s[14:16]), int(s[17:19]),
                            tzinfo=timezone.utc)
        except ValueError:
            pass
    s = " ".join(strip_marks(s).split())
    m = _ISO_DT.match(s)
    if m:
        y, mo, d, h, mi, sec, tz = m.groups()
        dt = datetime(int(y), int(mo), int(d), int(h), int(mi), int(sec or 0))
        return dt.replace(tzinfo=timezone.utc) if (tz or assume_utc) else dt
    m = _US_DT.match(s)
    if m:
        mo, d, y, h, mi, sec, ampm = m.groups()
        return datetime(_year(y), int(mo), int(d), _hour12(int(h), ampm), int(mi), int(sec or 0))
    return None


def _parse_connected_on(raw: str) -> date | None:
    s = " ".join(strip_marks(raw).split())
    try:
        m = _DMY.match(s)
        if m and m.group(2).lower() in _MONTHS:
            return date(_year(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
        m = _ISO_D.match(s)
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _US_D.match(s)
        if m:
            return date(_year(m.group(3)), int(m.group(1)), int(m.group(2)))
        dt = _parse_message_dt(s, assume_utc=False)
        return dt.date() if dt else None
    except ValueError:  # day/month out of range
        return None


@lru_cache(maxsize=65536)
def _clean(s: str) -> str:
    return " ".join(strip_marks(s).split())


@lru_cache(maxsize=65536)
def _url_key(url: str) -> str:
    s = url.strip().lower().split("?")[0].split("#")[0].rstrip("/")
    i = s.find("linkedin.com/")
    return s[i:] if i >= 0 else s


def _text(content: str) -> str:
    if _HTML_HINT.search(content):
        return html_to_text(content, keep_newlines=True)
    if "&" in content:
        content = html.unescape(content)
    return "\n".join(line.rstrip() for line in content.replace("\u00a0", " ").split("\n")).strip()


def _is_yes(s: str) -> bool:
    return s.strip().lower() in ("yes", "true", "1", "y")


# --- reading the CSV -------------------------------------------------------------------------------------


def _find_header(path: Path, rows) -> tuple[str, dict[str, int], int]:
    for n, (line, row) in enumerate(rows):
        cells = [strip_marks(c).strip().upper() for c in row]
        kind = _classify(cells)
        if kind:
            index: dict[str, int] = {}
            for i, c in enumerate(cells):
                index.setdefault(c, i)
            return kind, index, line
        if n >= _HEADER_SCAN_ROWS:
            break
    raise ParseError(
        path,
        "no LinkedIn header found (expected a line starting 'First Name,Last Name,' for Connections.csv or "
        "'CONVERSATION ID,CONVERSATION TITLE,FROM,...' for messages.csv)",
        line=1,
    )


def _not_an_export(path: Path, reason: str, line: int) -> ParseError:
    """A LinkedIn file that is not a chat or contact export: a ParseError of the kind a folder import skips."""
    from assistant.ingest import (
        NotAnExport,  # the package is fully imported before any importer module
    )

    return NotAnExport(path, reason, line=line)


def _require(path: Path, index: dict[str, int], required, line: int, what: str) -> None:
    for col in required:
        if col not in index:
            shown = col.title() if what == "Connections.csv" or what == "2018 messages.csv" else col
            raise ParseError(path, f"the {what} header lacks the column {shown!r}", line=line, field=shown)


def _getter(index: dict[str, int]):
    def get(row: list[str], col: str) -> str:
        i = index.get(col)
        return row[i] if i is not None and i < len(row) else ""

    return get


def parse(path: Path) -> ImportBatch:
    path = Path(path)
    if _COACH_FILES.match(path.name):
        raise _not_an_export(path, "LinkedIn AI coach chat, not a conversation with a person; import messages.csv "
                             "instead", 1)
    text = read_text(path)
    rows = csv_rows(path, csv.reader(io.StringIO(text, newline="")))
    kind, index, header_line = _find_header(path, rows)
    batch = ImportBatch(path=path, format=NAME, channel=CHANNEL)
    if kind == "invitations":
        raise _not_an_export(path, "this is LinkedIn's Invitations.csv (connection requests), not connections or "
                             "messages; import Connections.csv and messages.csv instead", header_line)
    if kind == "connections":
        _require(path, index, _CONN_REQUIRED, header_line, "Connections.csv")
        _parse_connections(path, rows, index, batch)
    elif kind == "messages":
        _require(path, index, _MSG_REQUIRED, header_line, "messages.csv")
        _parse_messages(path, rows, index, batch)
    else:
        _require(path, index, _OLD_REQUIRED, header_line, "2018 messages.csv")
        _parse_messages_2018(path, rows, index, batch)
    return batch


# --- Connections.csv -------------------------------------------------------------------------------------


def _parse_connections(path: Path, rows, index: dict[str, int], batch: ImportBatch) -> None:
    get = _getter(index)
    hidden: list[int] = []
    for line, row in rows:
        if not any(c.strip() for c in row):
            continue
        name = full_name(get(row, "FIRST NAME"), get(row, "LAST NAME"))
        url = get(row, "URL").strip()
        email = get(row, "EMAIL ADDRESS").strip()
        if not name:
            hidden.append(line)
            continue
        identities: list[tuple[str, str]] = []
        if url:
            identities.append(("linkedin", url))
        if email and "@" in email and not email.lower().startswith("urn:li:"):
            identities.append(("email", email))
        company = _clean(get(row, "COMPANY"))
        position = _clean(get(row, "POSITION"))
        raw_on = get(row, "CONNECTED ON").strip()
        notes = ""
        if raw_on:
            on = _parse_connected_on(raw_on)
            if on:
                notes = f"Connected on LinkedIn {on.isoformat()}"
            else:
                notes = f"Connected on LinkedIn {raw_on}"
                batch.warnings.append(f"{path}:{line}: unrecognised 'Connected On' date {raw_on!r}, kept as text")
        batch.contacts.append(RawContact(
            name=name,
            identities=identities,
            organization="" if company in ("-", "--") else company,
            title="" if position in ("-", "--") else position,
            notes=notes,
            line=line,
        ))
    if hidden:
        shown = ", ".join(map(str, hidden[:10])) + (" ..." if len(hidden) > 10 else "")
        batch.warnings.append(
            f"{path}:{hidden[0]}: skipped {len(hidden)} row(s) without a name (hidden or closed profiles), "
            f"lines {shown}"
        )
    if not batch.contacts:
        if not hidden:
            batch.warnings.append(f"{path}: no connections in this file (header only)")
            return
        raise ParseError(path, "no connections with a name in this file", line=hidden[0])


# --- messages.csv (2019+) --------------------------------------------------------------------------------


@dataclass
class _Row:
    line: int
    order: int
    ts: datetime
    sender: str
    sender_url: str
    to_names: list[str]
    to_urls: list[str]
    text: str
    kind: str = "text"


@dataclass
class _Conv:
    key: str
    title: str = ""
    rows: list[_Row] = field(default_factory=list)


_nkey = lru_cache(maxsize=65536)(name_key)


def _split_urls(s: str) -> list[str]:
    s = s.strip()
    return [u.strip() for u in _URL_SPLIT.split(s) if u.strip()] if s else []


def _split_names(s: str, known: set[str]) -> list[str]:
    """Split a ', '-joined TO into names, keeping 'Jane Doe, Ph.D.' whole when that full name is known."""
    s = _clean(s)
    if not s:
        return []
    if _nkey(s) in known or ", " not in s:
        return [s]
    parts = s.split(", ")
    out: list[str] = []
    i = 0
    while i < len(parts):
        for j in range(len(parts), i + 1, -1):
            cand = ", ".join(parts[i:j])
            if _nkey(cand) in known:
                out.append(cand)
                i = j
                break
        else:
            if out and _SUFFIX.match(parts[i]):
                out[-1] += ", " + parts[i]  # "Jane Doe, Ph.D." / "Sam Lee, MBA": a credential, not a person
            else:
                out.append(parts[i])
            i += 1
    return out


def _parse_messages(path: Path, rows, index: dict[str, int], batch: ImportBatch) -> None:
    get = _getter(index)
    has_recipient_urls = "RECIPIENT PROFILE URLS" in index
    convs: dict[str, _Conv] = {}
    raw_rows: list[tuple[int, list[str]]] = []
    drafts = spam = 0
    empty: list[int] = []
    for line, row in rows:
        if not any(c.strip() for c in row):
            continue
        raw_rows.append((line, row))
    known = {_nkey(_clean(get(r, "FROM"))) for _, r in raw_rows}
    known.discard("")

    for order, (line, row) in enumerate(raw_rows):
        if _is_yes(get(row, "IS MESSAGE DRAFT")) or _is_yes(get(row, "IS CONVERSATION DRAFT")):
            drafts += 1
            continue
        if get(row, "FOLDER").strip().upper() == "SPAM":
            spam += 1
            continue
        conv_id = get(row, "CONVERSATION ID").strip()
        if not conv_id:
            raise ParseError(path, "row without a CONVERSATION ID", line=line, field="CONVERSATION ID")
        raw_date = get(row, "DATE")
        ts = _parse_message_dt(raw_date, assume_utc=True)
        if ts is None:
            raise ParseError(path, f"unrecognised DATE {raw_date.strip()!r} (expected like '2023-05-01 14:22:10 UTC')",
                             line=line, field="DATE")
        text = _text(get(row, "CONTENT"))
        kind = "text"
        if not text:
            attachments = _split_urls(get(row, "ATTACHMENTS"))
            subject = _clean(get(row, "SUBJECT"))
            if attachments:
                text, kind = "[attachment] " + " ".join(attachments), "media"
            elif subject:
                text = subject
            else:
                empty.append(line)
                continue
        sender = _clean(get(row, "FROM")) or "LinkedIn Member"
        conv = convs.get(conv_id)
        if conv is None:
            conv = convs[conv_id] = _Conv(conv_id)
        title = _clean(get(row, "CONVERSATION TITLE"))
        if title and not conv.title:
            conv.title = title
        conv.rows.append(_Row(
            line=line, order=order, ts=ts, sender=sender, sender_url=get(row, "SENDER PROFILE URL").strip(),
            to_names=_split_names(get(row, "TO"), known),
            to_urls=_split_urls(get(row, "RECIPIENT PROFILE URLS")) if has_recipient_urls else [],
            text=text, kind=kind,
        ))

    if drafts:
        batch.warnings.append(f"{path}: skipped {drafts} draft message(s) (IS MESSAGE DRAFT = Yes)")
    if spam:
        batch.warnings.append(f"{path}: skipped {spam} message(s) in the SPAM folder")
    if empty:
        shown = ", ".join(map(str, empty[:10])) + (" ..." if len(empty) > 10 else "")
        batch.warnings.append(f"{path}:{empty[0]}: skipped {len(empty)} message(s) with no content, lines {shown}")
    if not convs:
        if raw_rows:
            raise ParseError(path, "no importable messages (only drafts, spam or empty rows)", line=raw_rows[0][0])
        batch.warnings.append(f"{path}: no messages in this file (header only)")
        return

    me_urls, me_names = _find_me(list(convs.values()), has_recipient_urls)
    if me_names:
        batch.me = set(me_names.values())
    if me_urls:
        batch.me_handles = tuple(("linkedin", u) for u in me_urls.values())
    known_me = bool(me_urls or me_names)

    ids = IdMaker()
    anonymous: list[int] = []
    for conv in convs.values():
        conv.rows.sort(key=lambda r: (r.ts, r.order))
        people = _participants(conv, has_recipient_urls)
        many_recipients = any(len(r.to_urls) > 1 or (not has_recipient_urls and len(r.to_names) > 1)
                              for r in conv.rows)
        is_group = len(people) > 2 or many_recipients
        others = [(n, u) for k, (n, u) in people.items() if not _mine(k, n, u, me_urls, me_names)]
        if known_me and others and all(not u and _nkey(n) == _ANON for n, u in others):
            anonymous.append(conv.rows[0].line)
            continue
        peer = peer_url = None
        if not is_group and known_me and len(others) == 1:
            peer, peer_url = others[0]
        title = conv.title or peer or ", ".join(n for n, _ in (others if known_me else people.values())) \
            or "LinkedIn conversation"
        rc = RawConversation(
            key=conv.key, title=title, is_group=is_group, peer=peer,
            peer_handles=(("linkedin", peer_url),) if peer and peer_url else (),
        )
        for r in conv.rows:
            is_me = None
            if known_me:
                is_me = _mine(_url_key(r.sender_url) if r.sender_url else "name:" + _nkey(r.sender),
                              r.sender, r.sender_url, me_urls, me_names)
            rc.messages.append(RawMessage(
                source_id=ids(conv.key, r.ts.isoformat(), r.sender, r.text),
                timestamp=r.ts, sender=r.sender, text=r.text, is_me=is_me, kind=r.kind,
                sender_handles=(("linkedin", r.sender_url),) if r.sender_url else (), line=r.line,
            ))
        batch.conversations.append(rc)
    if anonymous:
        batch.warnings.append(
            f"{path}:{anonymous[0]}: skipped {len(anonymous)} conversation(s) with only a 'LinkedIn Member' "
            "(hidden or closed profile, nobody to link them to)"
        )


def _participants(conv: _Conv, has_recipient_urls: bool) -> dict[str, tuple[str, str]]:
    """Distinct people of a conversation: key -> (display name, profile URL or '')."""
    people: dict[str, tuple[str, str]] = {}
    by_name: dict[str, str] = {}  # name key -> person key, to merge name-only mentions into URL'd people
    for r in conv.rows:
        if r.sender_url:
            k = _url_key(r.sender_url)
            people.setdefault(k, (r.sender, r.sender_url))
            by_name.setdefault(_nkey(r.sender), k)
    for r in conv.rows:
        if not r.sender_url:
            nk = _nkey(r.sender)
            k = by_name.get(nk, "name:" + nk)
            people.setdefault(k, (r.sender, ""))
            by_name.setdefault(nk, k)
    for r in conv.rows:
        if has_recipient_urls and r.to_urls:
            for i, u in enumerate(r.to_urls):
                k = _url_key(u)
                if k not in people:
                    name = r.to_names[i] if len(r.to_names) == len(r.to_urls) else ""
                    people[k] = (name, u)
                    if name:
                        by_name.setdefault(_nkey(name), k)
        else:
            for n in r.to_names:
                nk = _nkey(n)
                k = by_name.get(nk, "name:" + nk)
                people.setdefault(k, (n, ""))
                by_name.setdefault(nk, k)
    return {k: (n or u, u) for k, (n, u) in people.items()}


def _mine(key: str, name: str, url: str, me_urls: dict[str, str], me_names: dict[str, str]) -> bool:
    if url and me_urls:
        return _url_key(url) in me_urls
    return _nkey(name) in me_names if name else key in me_urls


def _find_me(convs: list[_Conv], has_recipient_urls: bool) -> tuple[dict[str, str], dict[str, str]]:
    """The owner: the profile URL (else the name) present in every conversation, if there are >= 2.

    Returns ({url key: url}, {name key: name}); both empty when it cannot be told."""
    if len(convs) < 2:
        return {}, {}
    me_url_key = None
    if has_recipient_urls:
        sets = []
        for c in convs:
            s = {_url_key(r.sender_url) for r in c.rows if r.sender_url}
            for r in c.rows:
                s.update(_url_key(u) for u in r.to_urls)
            sets.append(s)
        common = set.intersection(*sets)
        if len(common) == 1:
            me_url_key = common.pop()
    me_name_key = None
    if me_url_key is None:
        sets = [{_nkey(r.sender) for r in c.rows} | {_nkey(n) for r in c.rows for n in r.to_names}
                for c in convs]
        common = set.intersection(*sets) - {"", _ANON}
        if len(common) != 1:
            return {}, {}
        me_name_key = common.pop()
    urls: dict[str, str] = {}
    names: Counter[str] = Counter()
    for c in convs:
        for r in c.rows:
            if me_url_key is not None:
                if r.sender_url and _url_key(r.sender_url) == me_url_key:
                    urls.setdefault(me_url_key, r.sender_url)
                    names[r.sender] += 1
                for i, u in enumerate(r.to_urls):
                    if _url_key(u) == me_url_key:
                        urls.setdefault(me_url_key, u)
                        if len(r.to_names) == len(r.to_urls):
                            names[r.to_names[i]] += 1
            else:
                if _nkey(r.sender) == me_name_key:
                    names[r.sender] += 1
                    if r.sender_url:
                        urls.setdefault(_url_key(r.sender_url), r.sender_url)
                names.update(n for n in r.to_names if _nkey(n) == me_name_key)
    by_key: dict[str, str] = {}
    for n, _ in names.most_common():
        by_key.setdefault(_nkey(n), n)
    return urls, by_key


# --- 2018 messages.csv ---------------------------------------------------------------------------------


def _parse_messages_2018(path: Path, rows, index: dict[str, int], batch: ImportBatch) -> None:
    get = _getter(index)
    convs: dict[str, RawConversation] = {}
    ids = IdMaker()
    empty: list[int] = []
    seen = 0
    order: dict[str, list[tuple[datetime, int, RawMessage]]] = defaultdict(list)
    me: Counter[str] = Counter()
    for n, (line, row) in enumerate(rows):
        if not any(c.strip() for c in row):
            continue
        seen += 1
        direction = get(row, "DIRECTION").strip().upper()
        if direction not in ("INCOMING", "OUTGOING"):
            raise ParseError(path, f"Direction must be INCOMING or OUTGOING, not {direction!r}", line=line,
                             field="Direction")
        raw_date = get(row, "DATE")
        ts = _parse_message_dt(raw_date, assume_utc=False)
        if ts is None:
            raise ParseError(path, f"unrecognised Date {raw_date.strip()!r} (expected like '10/16/18, 8:36 AM')",
                             line=line, field="Date")
        sender = _clean(get(row, "FROM")) or "LinkedIn Member"
        to = _clean(get(row, "TO")) or "LinkedIn Member"
        outgoing = direction == "OUTGOING"
        if outgoing:
            me[sender] += 1
        text = _text(get(row, "CONTENT")) or _clean(get(row, "SUBJECT"))
        if not text:
            empty.append(line)
            continue
        peer = to if outgoing else sender
        key = "peer:" + _nkey(peer)
        if key not in convs:
            convs[key] = RawConversation(key=key, title=peer, is_group=False, peer=peer)
        msg = RawMessage(source_id=ids(key, ts.isoformat(), sender, text), timestamp=ts, sender=sender, text=text,
                         is_me=outgoing, line=line)
        order[key].append((ts, n, msg))
    if empty:
        batch.warnings.append(f"{path}:{empty[0]}: skipped {len(empty)} message(s) with no content")
    if seen and not convs:
        raise ParseError(path, "no messages with content in this file", line=empty[0] if empty else None)
    for key, conv in convs.items():
        conv.messages = [m for _, _, m in sorted(order[key], key=lambda t: (t[0], t[1]))]
        batch.conversations.append(conv)
    batch.me = set(me)
