"""vCard (.vcf) address books: 2.1 (Android, Outlook), 3.0 (iOS, macOS, Gmail), 4.0 (Nextcloud, Radicale).

The format is tolerant by design and real exports are messy (see export-formats.md section 5.1), so:

* the file is split into BEGIN:VCARD ... END:VCARD blocks first, each remembering its starting line;
* each block is unfolded by hand (continuation lines, quoted-printable soft breaks, blank lines after a
  soft break), binary properties (PHOTO, LOGO, SOUND, KEY) are dropped, then the block is parsed with
  ``vobject.readOne(block, allowQP=True)``;
* when vobject refuses a card (invalid UTF-8 inside quoted-printable, odd base64, ...) a small tolerant
  parser reads the same lines instead (quoted-printable decoded with ``errors="replace"``, CHARSET honoured);
* a card that still cannot be used is skipped with a warning "file:line: reason"; one bad card never stops
  the file, but a file without any usable card is a ParseError.

vobject keeps only the text before the first unescaped comma of a text value (Gmail writes
``FN:Mr. John Richter, James Doe Sr.``), so unescaped commas in single-valued text properties are escaped
before vobject sees them.
"""

from __future__ import annotations

import codecs
import quopri
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import vobject

from assistant.domain import ImportBatch, ParseError, RawContact
from assistant.ingest.common import normalise_newlines, strip_marks
from assistant.text.scripts import HAN, KANA, HANGUL

NAME = "vcard"
CHANNEL = "contacts"
DESCRIPTION = "vCard address book (.vcf, versions 2.1 / 3.0 / 4.0: iPhone, Android, Gmail, Outlook, macOS)"

_BEGIN = re.compile(r"^\s*BEGIN\s*:\s*VCARD\s*$", re.I)
_END = re.compile(r"^\s*END\s*:\s*VCARD\s*$", re.I)
# group.NAME;params:value   (params may hold quoted strings)
_PROP = re.compile(
    r'^(?:(?P<group>[A-Za-z0-9_-]+)\.)?(?P<name>[A-Za-z0-9_-]+)(?P<params>(?:;(?:"[^"]*"|[^";:])*)*):(?P<value>.*)$',
    re.S,
)
_PARAM = re.compile(r';((?:"[^"]*"|[^";])*)')
_QP_PARAM = re.compile(r";\s*(?:ENCODING\s*=\s*)?QUOTED-PRINTABLE\s*(?=[;:])", re.I)
_CHARSET_PARAM = re.compile(r';\s*CHARSET\s*=\s*"?([A-Za-z0-9_.:-]+)"?', re.I)
_UNESCAPED_COMMA = re.compile(r"(\\.)|,", re.S)
_ESCAPE = re.compile(r"\\(.)", re.S)
_CJK = re.compile(f"[{KANA}{HAN}{HANGUL}]")
_SURROGATES = re.compile("[\udc80-\udcff]")

# Properties whose value is binary or a blob we never use: dropped before parsing (speed, and vobject's
# base64 decoder raises on the truncated PHOTO some Android phones write).
_BINARY = {"PHOTO", "LOGO", "SOUND", "KEY"}
# Structured or list-valued properties: vobject splits these itself, so their commas are left alone.
_STRUCTURED = {"N", "ADR", "ORG", "CATEGORIES", "NICKNAME", "GEO", "VERSION", "CLIENTPIDMAP", "GENDER"}

_TG_URL = re.compile(r"^(?:https?://)?(?:www\.)?(?:t\.me|telegram\.me|telegram\.dog)/(?:s/)?@?([A-Za-z0-9_]{3,})/?$", re.I)
_TG_RESOLVE = re.compile(r"^(?:tg|telegram)://resolve\?domain=([A-Za-z0-9_]{3,})", re.I)
_WA_URL = re.compile(
    r"^(?:https?://)?(?:wa\.me/|(?:api\.)?whatsapp\.com/send/?\?phone=|whatsapp://send\?phone=)\+?(\d{6,})", re.I
)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*$")


def sniff(path: Path, head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head[:4096].decode("utf-16", errors="ignore")
    else:
        text = head[:4096].decode("utf-8", errors="ignore")
    return strip_marks(text.lstrip("\ufeff \t\r\n")).upper().startswith("BEGIN:VCARD")


@dataclass
class _Prop:
    name: str  # upper case, without group
    group: str | None
    types: set[str]  # lower-case TYPE values and bare 2.1 parameters
    params: dict[str, str]  # upper-case name -> raw value (first occurrence), for X-SERVICE-TYPE, X-USER...
    value: str | list[str]  # list for N / ORG (components)
    line: int


@dataclass
class _Card:
    line: int  # where BEGIN:VCARD is
    lines: list[tuple[int, str]] = field(default_factory=list)  # logical lines (start line, text)
    warnings: list[str] = field(default_factory=list)


def parse(path: Path) -> ImportBatch:
    path = Path(path)
    data = path.read_bytes()
    text = _decode_file(data, path)
    batch = ImportBatch(path=path, format=NAME, channel=CHANNEL)
    skipped: list[tuple[int, str]] = []  # (line, reason) of cards that could not be used
    blocks = _split_blocks(text, skipped)
    for begin_line, raw_lines in blocks:
        card = _unfold(begin_line, raw_lines, path)
        try:
            props = _parse_card(card, path)
            contact = _to_contact(props, card, path)
        except _CardError as e:
            skipped.append((card.line, str(e)))
            continue
        batch.warnings.extend(card.warnings)
        batch.contacts.append(contact)
    skipped.sort()
    batch.warnings.extend(f"{path}:{line}: card skipped: {reason}" for line, reason in skipped)
    if not batch.contacts:
        if not skipped:
            raise ParseError(path, "no BEGIN:VCARD ... END:VCARD card found; is this a vCard file?", line=1)
        line, reason = skipped[0]
        more = f" (and {len(skipped) - 1} more unusable cards)" if len(skipped) > 1 else ""
        raise ParseError(path, f"no usable vCard in the file: {reason}{more}", line=line)
    return batch


class _CardError(Exception):
    pass


# ------------------------------------------------------------------------------------------------ reading


def _decode_file(data: bytes, path: Path) -> str:
    """Decode tolerantly: vCard files carry per-card CHARSETs and the odd broken byte.

    Bytes that are not UTF-8 are kept as surrogate escapes here and decoded card by card later.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        if b"\x00" in data:
            line = data[: data.index(b"\x00")].count(b"\n") + 1
            raise ParseError(path, "contains NUL bytes; this is a binary file, not a vCard", line=line)
        text = data.decode("utf-8", errors="surrogateescape")
    return normalise_newlines(text)


def _split_blocks(text: str, skipped: list[tuple[int, str]]) -> list[tuple[int, list[tuple[int, str]]]]:
    """BEGIN:VCARD ... END:VCARD blocks as (line of BEGIN, [(line, text), ...]); unterminated ones go to skipped."""
    blocks: list[tuple[int, list[tuple[int, str]]]] = []
    current: list[tuple[int, str]] | None = None
    start = 0
    for n, line in enumerate(text.split("\n"), 1):
        if _BEGIN.match(line):
            if current is not None:
                skipped.append((start, f"no END:VCARD before the next BEGIN:VCARD (line {n})"))
            current, start = [], n
        elif _END.match(line):
            if current is not None:
                blocks.append((start, current))
            current = None
        elif current is not None:
            current.append((n, line))
    if current is not None:
        skipped.append((start, "the file ends before END:VCARD"))
    return blocks


def _unfold(begin_line: int, raw_lines: list[tuple[int, str]], path: Path) -> _Card:
    """Join folded lines and quoted-printable soft breaks into logical lines; drop binary properties."""
    card = _Card(line=begin_line)
    logical: list[list] = []  # [start line, text, is_qp]
    qp_open = False
    for n, line in raw_lines:
        if _SURROGATES.search(line):
            line = _fix_bytes(line, raw_lines, card, path, n)
        if qp_open and logical:
            # quoted-printable soft break: the next physical line continues the value, even when blank
            entry = logical[-1]
            entry[1] = entry[1][:-1] + line
            qp_open = line.endswith("=")
            continue
        if not line.strip():
            continue
        if line[0] in " \t" and logical:
            logical[-1][1] += line[1:]
            qp_open = logical[-1][2] and logical[-1][1].endswith("=")
            continue
        head = line.split(":", 1)[0]
        is_qp = bool(_QP_PARAM.search(head + ":"))
        logical.append([n, line, is_qp])
        qp_open = is_qp and line.endswith("=")
    for n, line, _ in logical:
        name = _PROP.match(line)
        if name and name.group("name").upper() in _BINARY:
            continue
        card.lines.append((n, line))
    return card


def _fix_bytes(line: str, raw_lines, card: _Card, path: Path, n: int) -> str:
    """A line with bytes that are not UTF-8: decode it with the card's CHARSET, else cp1252."""
    raw = line.encode("utf-8", errors="surrogateescape")
    charsets = [m.group(1) for _, l in raw_lines for m in _CHARSET_PARAM.finditer(l.split(":", 1)[0])]
    for cs in [c for c in charsets if c.lower().replace("-", "") != "utf8"] + ["cp1252"]:
        try:
            codecs.lookup(cs)
            fixed = raw.decode(cs)
        except (LookupError, UnicodeDecodeError):
            continue
        card.warnings.append(f"{path}:{n}: not UTF-8; read as {cs}")
        return fixed
    card.warnings.append(f"{path}:{n}: bytes that are not UTF-8 were replaced")
    return raw.decode("utf-8", errors="replace")


# ------------------------------------------------------------------------------------------------ parsing


def _parse_card(card: _Card, path: Path) -> list[_Prop]:
    try:
        return _parse_with_vobject(card)
    except Exception:  # noqa: BLE001 - vobject raises many types; the tolerant parser decides
        return _parse_tolerant(card, path)


def _parse_with_vobject(card: _Card) -> list[_Prop]:
    out_lines = ["BEGIN:VCARD"]
    starts: list[int] = []
    for n, line in card.lines:
        m = _PROP.match(line)
        if m and m.group("name").upper() not in _STRUCTURED:
            line = line[: m.start("value")] + _escape_commas(m.group("value"))
        out_lines.append(line)
        starts.append(n)
    out_lines.append("END:VCARD")
    comp = vobject.readOne("\r\n".join(out_lines) + "\r\n", allowQP=True)
    props: list[_Prop] = []
    for cl in comp.lines():
        name = cl.name.upper()
        if name in _BINARY or name == "VERSION":
            continue
        value = cl.value
        if isinstance(value, bytes):
            continue
        if name == "N" and hasattr(value, "family"):
            value = [_join(getattr(value, part, "")) for part in ("family", "given", "additional", "prefix", "suffix")]
        elif isinstance(value, list):
            value = [_join(v) for v in value]
        else:
            value = _tidy(str(value).replace("\\:", ":"))
        params = {k.upper(): (v[0] if v else "") for k, v in cl.params.items()}
        types = {t.strip().lower() for v in cl.params.get("TYPE", []) for t in v.split(",") if t.strip()}
        types |= {s.lower() for s in cl.singletonparams}
        props.append(_Prop(name, cl.group, types, params, value, card.line))
    # vobject does not keep line numbers; attach the starting line of the first matching logical line
    by_name: dict[str, list[int]] = {}
    for n, line in card.lines:
        m = _PROP.match(line)
        if m:
            by_name.setdefault(m.group("name").upper(), []).append(n)
    for p in props:
        lines = by_name.get(p.name)
        if lines:
            p.line = lines.pop(0) if len(lines) > 1 else lines[0]
    return props


def _parse_tolerant(card: _Card, path: Path) -> list[_Prop]:
    props: list[_Prop] = []
    for n, line in card.lines:
        m = _PROP.match(line)
        if not m:
            card.warnings.append(f"{path}:{n}: not a vCard property line, ignored: {line[:40]!r}")
            continue
        name = m.group("name").upper()
        if name == "VERSION":
            continue
        params: dict[str, str] = {}
        types: set[str] = set()
        for raw in _PARAM.findall(m.group("params")):
            key, eq, val = raw.partition("=")
            if eq:
                key = key.strip().upper()
                val = val.strip().strip('"')
                params.setdefault(key, val)
                if key == "TYPE":
                    types |= {t.strip().lower() for t in val.split(",") if t.strip()}
            else:
                types.add(raw.strip().lower())
        raw_value = m.group("value")
        if params.get("ENCODING", "").upper() in ("B", "BASE64") or "base64" in types:
            continue
        if params.get("ENCODING", "").upper() == "QUOTED-PRINTABLE" or "quoted-printable" in types:
            raw_value = _qp_decode(raw_value, params.get("CHARSET", "utf-8"), card, path, n, name)
        if name in ("N", "ORG", "ADR"):
            value: str | list[str] = _split_structured(raw_value)
        else:
            value = _tidy(_unescape(raw_value))
        props.append(_Prop(name, m.group("group"), types, params, value, n))
    return props


def _split_structured(raw: str) -> list[str]:
    parts, cur, i = [], [], 0
    while i < len(raw):
        ch = raw[i]
        if ch == "\\" and i + 1 < len(raw):
            cur.append(raw[i : i + 2])
            i += 2
            continue
        if ch == ";":
            parts.append(_unescape("".join(cur)))
            cur = []
        else:
            cur.append(ch)
        i += 1
    parts.append(_unescape("".join(cur)))
    return parts


def _qp_decode(value: str, charset: str, card: _Card, path: Path, n: int, name: str) -> str:
    raw = quopri.decodestring(value.encode("utf-8", errors="surrogateescape"))
    try:
        codecs.lookup(charset)
    except LookupError:
        charset = "utf-8"
    text = raw.decode(charset, errors="replace")
    if "\ufffd" in text and "\ufffd" not in value:
        card.warnings.append(f"{path}:{n}: {name} has bytes that are not {charset}; replaced")
    return text


def _escape_commas(value: str) -> str:
    return _UNESCAPED_COMMA.sub(lambda m: m.group(1) or "\\,", value)


def _unescape(value: str) -> str:
    def rep(m: re.Match) -> str:
        ch = m.group(1)
        if ch in "nN":
            return "\n"
        if ch in ',;:"\\':
            return ch
        return m.group(0)

    return _ESCAPE.sub(rep, value)


def _tidy(s: str) -> str:
    return normalise_newlines(s) if "\r" in s else s


def _join(v) -> str:
    if isinstance(v, (list, tuple)):
        return " ".join(str(x).strip() for x in v if str(x).strip())
    return str(v or "").strip()


# ------------------------------------------------------------------------------------------------ fields


def _to_contact(props: list[_Prop], card: _Card, path: Path) -> RawContact:
    labels = {p.group: str(p.value) for p in props if p.name == "X-ABLABEL" and p.group}
    fn = n_name = nickname = org = title = role = ""
    birthday: str | None = None
    notes: list[str] = []
    phones: list[str] = []
    emails: list[str] = []
    extra: list[tuple[str, str]] = []
    for p in props:
        value = p.value
        if p.name == "FN" and not fn:
            fn = _clean(value if isinstance(value, str) else _join(value))
        elif p.name == "N" and not n_name:
            n_name = _name_from_n(value if isinstance(value, list) else str(value).split(";"))
        elif p.name == "NICKNAME" and not nickname:
            nickname = _clean(value if isinstance(value, str) else (value[0] if value else ""))
        elif p.name == "ORG" and not org:
            parts = value if isinstance(value, list) else [value]
            org = next((_clean(x) for x in parts if _clean(x)), "")
        elif p.name == "TITLE" and not title:
            title = _clean(_join(value))
        elif p.name == "ROLE" and not role:
            role = _clean(_join(value))
        elif p.name == "NOTE":
            note = _join(value).strip()
            if note:
                notes.append(note)
        elif p.name == "BDAY" and birthday is None:
            birthday = _birthday(_join(value), p.params)
            if birthday is None and _join(value).strip():
                card.warnings.append(f"{path}:{p.line}: BDAY {_join(value)!r} is not a date; ignored")
        elif p.name == "TEL":
            if "fax" in p.types:
                continue
            tel = _join(value).strip()
            if tel.lower().startswith("tel:"):
                tel = tel[4:]
            if sum(ch.isdigit() for ch in tel) >= 3:
                phones.append(tel)
        elif p.name == "EMAIL":
            mail = _join(value).strip()
            if mail.lower().startswith("mailto:"):
                mail = mail[7:]
            if "@" in mail and " " not in mail:
                emails.append(mail)
        elif p.name in ("URL", "IMPP", "X-SOCIALPROFILE", "X-TELEGRAM", "X-WECHAT", "X-WHATSAPP"):
            ident = _social(p, labels.get(p.group or "", ""))
            if ident:
                extra.append(ident)

    name = fn or n_name or nickname or org or (emails[0] if emails else "") or (phones[0] if phones else "")
    if not name:
        raise _CardError("no name, phone number or e-mail address")
    identities: list[tuple[str, str]] = []
    for ident in [("phone", p) for p in phones] + [("email", e) for e in emails] + extra:
        if ident not in identities:
            identities.append(ident)
    return RawContact(
        name=name,
        identities=identities,
        birthday=birthday,
        organization=org,
        title=title or role,
        notes="\n".join(notes),
        line=card.line,
    )


def _clean(s: str) -> str:
    return " ".join(strip_marks(s).split())


def _name_from_n(parts: list[str]) -> str:
    parts = [_clean(p.replace(",", " ")) for p in parts] + [""] * 5
    family, given, additional = parts[0], parts[1], parts[2]
    if _CJK.search(family + given) and not additional:
        return family + given  # 王 + 芳 -> 王芳
    return " ".join(x for x in (given, additional, family) if x)


_DATE_FULL = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})(?:[T ].*)?$")
_DATE_NOYEAR = re.compile(r"^--(\d{2})-?(\d{2})(?:[T ].*)?$")


def _birthday(raw: str, params: dict[str, str]) -> str | None:
    s = unicodedata.normalize("NFKC", raw).strip()
    m = _DATE_FULL.match(s)
    if m:
        y, mo, d = (int(x) for x in m.groups())
        omit = params.get("X-APPLE-OMIT-YEAR", "")
        if (omit.isdigit() and int(omit) == y) or y == 1604:  # Apple writes 1604 for "no year"
            return _no_year(mo, d)
        try:
            return date(y, mo, d).isoformat()
        except ValueError:
            return None
    m = _DATE_NOYEAR.match(s)
    if m:
        return _no_year(int(m.group(1)), int(m.group(2)))
    return None


def _no_year(month: int, day: int) -> str | None:
    try:
        date(2000, month, day)  # leap year: accepts --02-29
    except ValueError:
        return None
    return f"--{month:02d}-{day:02d}"


def _social(p: _Prop, label: str) -> tuple[str, str] | None:
    value = _join(p.value).strip()
    if not value:
        return None
    low = value.lower()
    service = " ".join(sorted(p.types)) + " " + p.params.get("X-SERVICE-TYPE", "") + " " + label + " " + p.name
    service = service.lower()
    user = p.params.get("X-USER", "").strip()

    if "linkedin.com/in/" in low:
        url = value if low.startswith(("http://", "https://")) else "https://" + value.lstrip("/")
        return ("linkedin", url)
    m = _TG_URL.match(value) or _TG_RESOLVE.match(value)
    if m:
        return ("telegram", "@" + m.group(1))
    m = _WA_URL.match(value)
    if m:
        return ("whatsapp", "+" + m.group(1))
    scheme, sep, rest = value.partition(":")
    bare = rest.strip() if sep and _SCHEME.match(scheme) and not rest.startswith("//") else value
    if sep and scheme.lower() in ("http", "https"):
        bare = ""
    if low.startswith(("tg:", "telegram:")) or "telegram" in service:
        handle = user or bare
        if not handle or "/" in handle:
            return None
        if handle.isdigit():
            return ("telegram", "user" + handle)
        return ("telegram", handle if handle.startswith("@") else "@" + handle)
    if low.startswith("whatsapp:") or "whatsapp" in service:
        digits = "".join(ch for ch in (user or bare) if ch.isdigit())
        return ("whatsapp", "+" + digits) if len(digits) >= 6 else None
    if low.startswith(("weixin:", "wechat:", "wx:")) or "wechat" in service or "weixin" in service:
        handle = user or bare
        return ("wechat", handle) if handle and "/" not in handle else None
    return None
