"""WhatsApp "Export chat": Android `.txt`, iOS `_chat.txt`, and the iOS `.zip` that holds it.

One message = a header line plus the continuation lines after it (reference/export-formats.md section 1).
A file uses one header shape throughout, taken from its first non-empty line:

    Android  `31/12/2023, 21:05 - Name: text`      `12/31/23, 9:05 PM - Name: text`   `31.12.23 21:05 - ...`
    iOS      `[31/12/2023, 21:05:09] Name: text`   `[12/31/23, 9:05:09 PM] ...`  `[3/18/22 14:56:01] ...`
    time-first (iOS vi)  `[14:56:01, 3/18/22] ...`
with any of `/ . -` between date parts, an optional comma (or Arabic comma U+060C) after the date, 12-hour
markers (`AM`, `a. m.`, `p.m.`, `ص`/`م`, `上午`/`下午`, ...) after a space, NBSP or narrow NBSP (U+202F, iOS 16+),
bidi marks anywhere in the header, and non-ASCII decimal digits (Arabic-Indic). A line of another shape
inside a file is a continuation line.

Dates: years may be 2-digit (20YY), Thai Buddhist (`2565 BE`, or any year >= 2400: minus 543) or Japanese
era (`H31` = Heisei 31 = 2019, `R4` = Reiwa 4 = 2022). The order of day and month is inferred per file:
a 4-digit/era first part means year/month/day; otherwise lines whose first part is over 12 vote
day-first, lines whose second part is over 12 vote month-first, and the majority wins. With no evidence
at all, the default is day-first, except for US-style files (slashes, 2-digit years, no zero-padded
day or month anywhere, e.g. `3/8/22`), which read month-first. `parse(path, date_order="mdy")` overrides.
A header whose date or time is impossible under the file's order raises ParseError naming its line.

Bodies: `Author: text` is split at the first ": " (author names may contain ':'; a candidate author
holding quotes, as in `X changed the subject from "a: b"`, is a system line). Android system lines have
no author; iOS system lines carry the chat's name as author and a body starting with U+200E; both come
out with sender None and kind "system". Media placeholders in many languages -> "media"; deleted
messages -> "deleted"; a body-less `Name:.` line (a message whose content the export left out) ->
"deleted" with empty text; iOS call records -> "call".

Timestamps are naive (local time of the exporting phone). Messages are sorted by time, file order
breaking ties (group system lines are written out of order). `is_me` stays None: WhatsApp marks no
direction. The hook for the pipeline: `batch.me` holds the authors of "You deleted this message"
notices (the export shows the owner's own name there), and 1:1 chats name their `peer` from the file
name ("WhatsApp Chat with NAME.txt"), from which the pipeline infers the owner as the other author.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from assistant.domain import ImportBatch, ParseError, RawConversation, RawMessage
from assistant.ingest.common import IdMaker, decode, looks_like_phone, strip_marks

NAME = "whatsapp"
CHANNEL = "whatsapp"
DESCRIPTION = "WhatsApp 'Export chat' (.txt from Android/iOS, or the iOS .zip holding _chat.txt), any locale"

DATE_ORDERS = ("dmy", "mdy", "ymd")
DEFAULT_DATE_ORDER = "dmy"  # when a file gives no evidence and does not look US-style (see module doc)

# --- header grammar -------------------------------------------------------------------------------------

_MK = "[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]"  # bidi marks exports put inside headers
_SP = "[ \u00a0\u202f]"
_PART = r"(?:[HR]\d{1,2}|\d{1,4})"  # a date part: number, or Japanese era year (H31, R4)
_DSEP = f"{_MK}*[/.\\-]{_SP}?{_MK}*"
_DATE = f"(?P<date>{_MK}*{_PART}{_DSEP}{_PART}{_DSEP}{_PART}(?:{_SP}?BE)?\\.?)"
_AMPM_BEFORE = "上午|下午|午前|午後|오전|오후"
_AMPM_AFTER = r"[AaPp]\.?" + _SP + r"?[Mm]\.?|ص|م|SA|CH|π\.?μ\.|μ\.?μ\."
_TIME = (
    f"(?:(?P<pre>{_AMPM_BEFORE}){_SP}?)?"
    r"(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<s>\d{2}))?"
    f"(?:{_SP}?(?P<ap>{_AMPM_AFTER}))?"
)
_JOIN = f"{_MK}*[,\u060c]?{_SP}+(?:klo{_SP}+)?{_MK}*"  # "date, time" / "date time" / "date klo time"
_DATE_TIME = f"{_DATE}{_JOIN}{_TIME}"
_TIME_DATE = f"{_TIME}{_MK}*[,\u060c]?{_SP}+{_DATE}"


def _shape(stamp: str, bracketed: bool) -> re.Pattern[str]:
    if bracketed:  # iOS: "[stamp] rest"
        return re.compile(f"{_MK}*\\[{_MK}*{stamp}{_MK}*\\]{_SP}?(?P<rest>.*)")
    return re.compile(f"{_MK}*{stamp}{_MK}*{_SP}-{_SP}(?P<rest>.*)")  # Android: "stamp - rest"


# Tried in this order on the first non-empty line; the first that matches is the file's shape.
_SHAPES = (
    _shape(_DATE_TIME, True),
    _shape(_DATE_TIME, False),
    _shape(_TIME_DATE, True),
    _shape(_TIME_DATE, False),
)
_GROUPS = ("date", "pre", "h", "mi", "s", "ap", "rest")
_DATE_PARTS = re.compile(r"[HR]?\d+")
_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")
_PM = frozenset(("下午", "午後", "오후", "م", "CH"))
_AM = frozenset(("上午", "午前", "오전", "ص", "SA"))
_ERAS = {"H": (1988, 31), "R": (2018, 99)}  # Heisei 1 = 1989 (to H31 = 2019), Reiwa 1 = 2019

_BODY_MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_QUOTES = frozenset('"“”„«»')

# --- localised body strings (compared casefolded, bidi marks removed, trailing '.' dropped) -------------

_MEDIA_EXACT = frozenset(
    s.casefold()
    for s in (
        # Android, exported without media
        "<Media omitted>", "<Medien weggelassen>", "<Medien ausgeschlossen>", "<Médias omis>", "<Fichier omis>",
        "<Multimedia omitido>", "<Archivo omitido>", "<Без медиафайлов>", "<Файл пропущен>",
        "<Media weggelaten>", "<Mídia oculta>", "<Arquivo de mídia oculto>", "<Mídia omitida>",
        "<Ficheiro não revelado>", "<Media omessi>", "<Media omesso>", "<省略多媒体文件>", "<忽略多媒體檔>",
        "<تم استبعاد الوسائط>", "<मीडिया के बिना>", "<Medya dahil edilmedi>", "<Medya atlanmış>",
        "<Média vynechána>", "<Média vynechány>", "<Pominięto multimedia>", "<Media tidak disertakan>",
        "<メディアなし>", "<メディアは含まれていません>", "<미디어 파일 제외됨>", "<Медіа пропущено>",
        "<Bỏ qua tệp phương tiện>", "<Media utelämnat>", "<Media har utelämnats>", "<Medier udeladt>",
        "<Media utelatt>", "<Media jätetty pois>", "<Conținut media omis>", "<Média elhagyva>",
        # iOS, exported without media (documents come as "NAME document omitted": see _MEDIA_SUFFIXES)
        "image omitted", "video omitted", "audio omitted", "GIF omitted", "sticker omitted",
        "Contact card omitted", "video note omitted", "document omitted",
        "Bild weggelassen", "Video weggelassen", "Audio weggelassen", "GIF weggelassen", "Sticker weggelassen",
        "Kontaktkarte ausgelassen", "Kontaktkarte weggelassen",
        "image absente", "vidéo absente", "audio omis", "GIF retiré", "sticker omis", "Fiche contact manquante",
        "imagen omitida", "Video omitido", "audio omitido", "GIF omitido", "sticker omitido",
        "Tarjeta de contacto omitida",
        "изображение отсутствует", "видео отсутствует", "аудиофайл отсутствует", "GIF отсутствует",
        "стикер не добавлен", "Карточка контакта отсутствует",
        "afbeelding weggelaten", "video weggelaten", "audio weggelaten", "GIF weggelaten", "sticker weggelaten",
        "contactkaart weggelaten",
        "imagem não revelada", "vídeo não revelado", "ficheiro de áudio não revelado", "GIF não revelada",
        "sticker não revelado", "Contacto não revelado", "imagem ocultada", "vídeo ocultado", "áudio ocultado",
        "figurinha omitida",
        "图片已忽略", "视频已忽略", "音频已忽略", "贴图已忽略",
        "لم يتم إدراج الصورة", "لم يتم إدراج الفيديوهات", "لم يتم إدراج المقاطع الصوتية",
        "لم يتم إدراج بطاقة جهة اتصال", "تم حذف الملصقات", "لم يتم إدراج صورة GIF",
        "फ़ोटो हटाई गई", "वीडियो छोड़ा गया", "ऑडियो हटाई गयी", "GIF छोड़ा गया", "स्टिकर छोड़ा गया",
        "कॉन्टैक्ट कार्ड छोड़ा गया",
        "đã bỏ qua hình ảnh", "đã bỏ video", "bỏ qua tệp âm thanh", "Bỏ qua thẻ liên lạc", "đã bỏ sticker",
        "Đã bỏ qua ảnh GIF",
        "画像は含まれていません", "ビデオは含まれていません", "音声は含まれていません", "連絡先カードを省略",
        "スタンプは含まれていません", "GIFは含まれていません",
    )
)
_MEDIA_SUFFIXES = tuple(
    s.casefold()
    for s in (
        # iOS documents: "Resume.pdf • 2 pages document omitted"
        " document omitted", " Dokument weggelassen", " document manquant", " documento omitido",
        " документ отсутствует", " document weggelaten", " documento não revelado", " documento ocultado",
        " لم يتم إدراج المستند", " डॉक्यूमेंट छोड़ा गया", " đã bỏ qua tài liệu", " ドキュメントは含まれていません",
        # Android, exported with media: "IMG-20220318-WA0000.jpg (file attached)" (caption on the next line)
        " (file attached)", " (Datei angehängt)", " (fichier joint)", " (archivo adjunto)", " (arquivo anexado)",
        " (ficheiro anexado)", " (файл добавлен)", " (bestand bijgevoegd)", " (file allegato)", " (dosya ekli)",
        " (file terlampir)", " (ملف مرفق)",
    )
)
# iOS with media: "<attached: 00000035-PHOTO-2022-03-27-21-41-55.jpg>" (label localised), at the line's end.
_ATTACHED = re.compile(r"<[^<>:]{2,30}:\s?[^<>]+\.[0-9A-Za-z]{1,6}>$")

_DELETED_BY_OWNER = frozenset(
    s.casefold()
    for s in (
        "You deleted this message", "Du hast diese Nachricht gelöscht", "Vous avez supprimé ce message",
        "Eliminaste este mensaje", "Apagou esta mensagem", "Você apagou esta mensagem",
        "Вы удалили данное сообщение", "Вы удалили это сообщение", "Je hebt dit bericht verwijderd",
        "U hebt dit bericht verwijderd", "Hai eliminato questo messaggio", "你删除了此消息", "你已刪除此訊息",
        "أنت حذفت هذه الرسالة", "لقد حذفت هذه الرسالة", "आपने यह मैसेज डिलीट किया", "Bạn đã xoá tin nhắn này",
        "Bạn đã xóa tin nhắn này", "このメッセージを削除しました",
    )
)
_DELETED = _DELETED_BY_OWNER | frozenset(
    s.casefold()
    for s in (
        "This message was deleted", "Diese Nachricht wurde gelöscht", "Ce message a été supprimé",
        "Se eliminó este mensaje", "Este mensaje fue eliminado", "Esta mensagem foi apagada",
        "Esta mensagem foi eliminada", "Mensagem apagada", "Данное сообщение удалено", "Это сообщение удалено",
        "Dit bericht is verwijderd", "Questo messaggio è stato eliminato", "此消息已删除", "此訊息已刪除",
        "تم حذف هذه الرسالة", "यह मैसेज डिलीट कर दिया गया है", "Tin nhắn này đã bị xóa", "Tin nhắn này đã bị xoá",
        "このメッセージは削除されました",
    )
)
# iOS call records ("\u200eMissed voice call", "\u200eVoice call, \u200e12 min"); only checked on U+200E bodies.
_CALLS = tuple(
    s.casefold()
    for s in (
        "Missed voice call", "Missed video call", "Voice call", "Video call", "Missed group",
        "Verpasster Sprachanruf", "Verpasster Videoanruf", "Sprachanruf", "Videoanruf",
        "Appel vocal manqué", "Appel vidéo manqué", "Appel vocal", "Appel vidéo",
        "Llamada perdida", "Videollamada perdida", "Llamada de voz", "Videollamada",
        "Chamada de voz perdida", "Chamada de vídeo perdida", "Chamada de voz", "Chamada de vídeo",
        "Пропущенный аудиозвонок", "Пропущенный видеозвонок", "Аудиозвонок", "Видеозвонок",
        "Gemiste spraakoproep", "Gemiste video-oproep", "Spraakoproep", "Video-oproep",
    )
)
_LOCATION = re.compile(r"https?://(?:maps\.google\.|maps\.apple\.|foursquare\.com)")

# System lines that only happen in groups ("created group", "changed the subject", "added", ...).
_GROUP_EVENT = re.compile(
    r"\bcreated (?:the )?group\b|\bchanged the (?:subject|group)\b|\bchanged this group's\b|\badded\b"
    r"|\bwere added\b|\bjoined using\b|\bleft$|\bremoved\b|\bnow an admin\b|\bgroup's (?:icon|settings)\b"
    r"|hat die Gruppe|Gruppe .*erstellt|hinzugefügt|ist beigetreten"
    r"|a créé le groupe|a ajouté|vous a ajouté|a changé le sujet|a quitté"
    r"|creó el grupo|añadió|te añadió|cambió el asunto|salió del grupo"
    r"|criou o grupo|adicionou|mudou o assunto|saiu do grupo"
    r"|создал\S* группу|добавил|изменил\S* тему|вышел|вышла"
    r"|heeft (?:de )?groep|toegevoegd|heeft het onderwerp"
    r"|ha creato il gruppo|ha aggiunto"
    r"|创建了群|添加了|建立了群組|新增了|退出了群"
    r"|أنشأ المجموعة|أنشأت المجموعة|أضاف|غادر"
    r"|ग्रुप बनाया|को जोड़ा|ग्रुप छोड़",
    re.IGNORECASE,
)

# File names: "WhatsApp Chat with NAME.txt" (Android), "WhatsApp Chat - NAME.zip" (iOS), localised.
_TITLE_PREFIXES = (
    "WhatsApp Chat with", "WhatsApp Chat -", "WhatsApp Chat mit", "WhatsApp-Chat mit", "Chat de WhatsApp con",
    "Chat WhatsApp con", "Conversa do WhatsApp com", "Conversa no WhatsApp com", "Discussion WhatsApp avec",
    "Чат WhatsApp с контактом", "Чат WhatsApp с", "Chat WhatsApp s uživatelem", "WhatsApp-chat met", "WhatsApp-chat -",
    "Chat WhatsApp dengan", "Czat WhatsApp z", "Chat WhatsApp avec", "WhatsApp-Chat -",
)
# A prefix matches whatever separates its words in the file name: spaces, "%20" (decoded first), dots,
# underscores or plus signs ("WhatsApp.Chat.with.Aman.Negi.txt"). Longest prefix first.
_SEP = r"(?:[\s._]|\+(?!\d))+"  # "+" before a digit starts a phone number
_TITLE_RES = tuple(
    re.compile("^" + _SEP.join(re.escape(w) for w in p.split()) + _SEP, re.I)
    for p in sorted(_TITLE_PREFIXES, key=len, reverse=True)
)
_COPY_SUFFIX = re.compile(r"[ _.]?\(\d{1,3}\)$")  # "WhatsApp Chat with Ana (1).txt": a second download


# --- sniffing -------------------------------------------------------------------------------------------


def sniff(path: Path, head: bytes) -> bool:
    path = Path(path)
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as zf:
                return _chat_member(zf.namelist()) is not None
        except (OSError, zipfile.BadZipFile):
            return False
    if path.suffix.lower() == ".md":  # signal-export's chat.md uses an iOS-like "[YYYY-MM-DD HH:MM:SS]" header
        return False
    text = head.decode("utf-8", errors="replace").removeprefix("\ufeff")
    for line in text.replace("\r", "\n").split("\n"):
        if not strip_marks(line):
            continue
        for shape in _SHAPES:
            m = shape.match(line)
            if m:
                return not _signal_like(m, shape)
        return False
    return False


def _signal_like(m: re.Match[str], shape: re.Pattern[str]) -> bool:
    """`[2019-12-24, 12:23] Name: text`: an ISO date in brackets without seconds is Signal, not WhatsApp iOS."""
    return shape is _SHAPES[0] and m.group("s") is None and _ISO_DATE.fullmatch(m.group("date")) is not None


# --- parsing --------------------------------------------------------------------------------------------


def parse(path: Path, *, date_order: str | None = None) -> ImportBatch:
    """Parse one export. `date_order` ("dmy", "mdy", "ymd") overrides the per-file inference."""
    path = Path(path)
    if date_order is not None and date_order not in DATE_ORDERS:
        raise ValueError(f"date_order must be one of {DATE_ORDERS}, not {date_order!r}")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ParseError(path, f"cannot read the file: {e.strerror or e}") from None
    where = str(path)
    if data.startswith(b"PK\x03\x04"):
        where, data = _read_zip(path)
    text = decode(data, where)
    title, named = _title(path)
    messages, system_texts, me = _parse_text(text, where, title, date_order)

    authors = {m.sender for m in messages if m.sender}
    is_group = len(authors) > 2 or any(_GROUP_EVENT.search(t) for t in system_texts)
    peer = title if named and not is_group else None
    peer_handles = (("phone", peer),) if peer and looks_like_phone(peer) else ()
    conv = RawConversation(
        key=title, title=title, is_group=is_group, messages=messages, peer=peer, peer_handles=peer_handles
    )
    return ImportBatch(path=path, format=NAME, channel=CHANNEL, conversations=[conv], me=me)


def _chat_member(names: list[str]) -> str | None:
    """The chat text inside an iOS export zip: `_chat.txt` (possibly in a folder), else one `WhatsApp Chat*.txt`."""
    for n in names:
        if PurePosixPath(n).name == "_chat.txt":
            return n
    txt = [n for n in names if PurePosixPath(n).name.startswith("WhatsApp Chat") and n.endswith(".txt")]
    return txt[0] if len(txt) == 1 else None


def _read_zip(path: Path) -> tuple[str, bytes]:
    try:
        with zipfile.ZipFile(path) as zf:
            member = _chat_member(zf.namelist())
            if member is None:
                shown = ", ".join(zf.namelist()[:8]) or "nothing"
                raise ParseError(path, f"zip holds no WhatsApp chat (_chat.txt); it holds: {shown}")
            where = f"{path}!/{member}"
            try:
                return where, zf.read(member)
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError, zlib.error) as e:
                raise ParseError(where, f"cannot read this member of the zip: {e}") from None
    except zipfile.BadZipFile as e:
        raise ParseError(path, f"not a readable zip file: {e}") from None


def _title(path: Path) -> tuple[str, bool]:
    """(chat name, whether it came from a WhatsApp file name) for "WhatsApp Chat with NAME.txt" etc."""
    candidates = [path.stem]
    if path.stem == "_chat":  # an unzipped iOS export: the folder carries the name
        candidates.insert(0, path.parent.name)
    for stem in candidates:
        plain = strip_marks(unquote(stem))
        for prefix in _TITLE_RES:
            m = prefix.match(plain)
            if not m:
                continue
            name = _COPY_SUFFIX.sub("", plain[m.end() :]).strip()
            if " " not in m.group(0):  # the prefix was written without spaces: so was the name
                name = " ".join(re.split(_SEP, name)).strip()
            if name:
                return name, True
    return strip_marks(path.stem) or path.name, False


def _parse_text(
    text: str, where: str, key: str, date_order: str | None
) -> tuple[list[RawMessage], list[str], set[str]]:
    lines = text.split("\n")
    n = len(lines)
    first = 0
    while first < n and not strip_marks(lines[first]):
        first += 1
    if first == n:
        raise ParseError(where, "no messages: the file is empty", line=1)
    shape = next((s for s in _SHAPES if s.match(lines[first])), None)
    if shape is None:
        raise ParseError(
            where,
            "not a WhatsApp chat: this line is not a message header such as '31/12/2023, 21:05 - Name: text' "
            f"or '[31/12/2023, 21:05:09] Name: text' (got {lines[first][:80]!r})",
            line=first + 1,
        )

    # Pass 1: header lines, as (line index, (date, pre, h, mi, s, ap, rest)).
    heads = [(i, m.group(*_GROUPS)) for i, m in enumerate(map(shape.match, lines)) if m is not None]

    # Pass 2: the file's date order, and every distinct date string -> (year, month, day).
    def line_of(ds: str) -> int:  # 1-based line of the first header with this date (errors, evidence)
        return next(i + 1 for i, g in heads if g[0] == ds)

    dates = _resolve_dates(list(dict.fromkeys(g[0] for _, g in heads)), line_of, where, date_order)

    # Pass 3: messages.
    ids = IdMaker()
    authors: dict[str, str] = {}
    handles: dict[str, tuple[tuple[str, str], ...]] = {}
    messages: list[RawMessage] = []
    system_texts: list[str] = []
    me: set[str] = set()
    append = messages.append
    ends = [i for i, _ in heads[1:]] + [n]
    for (i, (ds, pre, h, mi, s, ap, rest)), end in zip(heads, ends):
        y, mo, d = dates[ds]
        hour = int(h)
        if ap or pre:
            mark = ap or pre
            if hour > 12:
                raise ParseError(where, f"hour {hour} with a 12-hour marker {mark!r}", line=i + 1)
            if mark in _PM or mark[0] in "pP" or mark.startswith("μ"):
                hour = hour % 12 + 12
            elif mark in _AM or mark[0] in "aA" or mark.startswith("π"):
                hour %= 12
        try:
            ts = datetime(y, mo, d, hour, int(mi), int(s) if s else 0)
        except ValueError:
            raise ParseError(where, f"impossible time {h}:{mi}{':' + s if s else ''}", line=i + 1) from None

        # Author and body.
        cut = rest.find(": ")
        if cut > 0:
            raw_author, body = rest[:cut], rest[cut + 2 :]
            if len(raw_author) > 60 or not _QUOTES.isdisjoint(raw_author):  # X changed the subject to "a: b"
                raw_author, body = None, rest
        elif rest.endswith(":"):  # "[...] Amazon EG:" with nothing after the colon
            raw_author, body = rest[:-1], ""
        elif rest.endswith(":."):  # "John Doe:." a message the export left out
            raw_author, body = rest[:-2], None
        else:
            raw_author, body = None, rest
        if end > i + 1:
            cont = lines[i + 1 : end]
            while cont and not cont[-1]:
                cont.pop()
            if cont:
                body = "\n".join(cont) if not body else body + "\n" + "\n".join(cont)

        kind, own = "text", False
        if body is None:
            body, kind = "", "deleted"
        elif raw_author is None:
            kind = "system"
            body = strip_marks(body)
        else:
            body, kind, own = _classify(body)
        if raw_author is None or kind == "system":
            sender = None
            system_texts.append(body)
        else:
            sender = authors.get(raw_author)
            if sender is None:
                sender = strip_marks(raw_author).removeprefix("~").strip() or strip_marks(raw_author)
                authors[raw_author] = sender
                handles[sender] = (("phone", sender),) if looks_like_phone(sender) else ()
            if own:  # "You deleted this message" shows the owner's own name as author
                me.add(sender)
        iso = ts.isoformat()
        append(
            RawMessage(
                source_id=ids(key, iso, sender, body),
                timestamp=ts,
                sender=sender,
                text=body,
                kind=kind,
                sender_handles=handles[sender] if sender else (),
                line=i + 1,
            )
        )
    messages.sort(key=_by_time)  # stable: file order breaks ties
    return messages, system_texts, me


def _by_time(m: RawMessage) -> datetime:
    return m.timestamp


def _classify(body: str) -> tuple[str, str, bool]:
    """(text, kind, deleted by the owner) of an authored body.

    Placeholders and notices come back cleaned of bidi marks; ordinary text only loses leading marks.
    """
    nl = body.find("\n")
    head = body if nl < 0 else body[:nl]
    lrm = head.startswith("\u200e")
    if len(head) > 300:
        return body.lstrip(_BODY_MARKS), "text", False
    if head.isascii():  # no marks or odd spaces to remove: skip the regex
        clean = head.strip()
        key = clean.lower()
    else:
        clean = strip_marks(head)
        key = clean.casefold()
    if key.endswith((".", "。")):
        key = key.rstrip(".。")
    tail = "" if nl < 0 else body[nl:]
    if key in _MEDIA_EXACT or key.endswith(_MEDIA_SUFFIXES) or (key.endswith(">") and _ATTACHED.search(clean)):
        return clean + tail, "media", False
    if key in _DELETED and not tail:
        return clean, "deleted", key in _DELETED_BY_OWNER
    if lrm:  # iOS writes WhatsApp's own notices with a leading U+200E
        if key.startswith(_CALLS):
            return clean + tail, "call", False
        if not _LOCATION.search(clean) and not key.startswith("poll:"):
            return clean + tail, "system", False
    return body.lstrip(_BODY_MARKS), "text", False


def _resolve_dates(
    distinct: list[str], line_of: Callable[[str], int], where: str, order: str | None
) -> dict[str, tuple[int, int, int]]:
    """Map each distinct date string of a file (in file order) to (year, month, day), inferring the order."""
    parsed: dict[str, tuple[str, str, str, bool]] = {}
    for ds in distinct:
        parts = _DATE_PARTS.findall(ds)
        parsed[ds] = (parts[0], parts[1], parts[2], "BE" in ds)
    evidence = ""
    if order is None:
        order, evidence = _infer_order(parsed, line_of)
    out = {}
    for ds, (a, b, c, be) in parsed.items():
        if order == "ymd":
            ys, ms, dd = a, b, c
        elif order == "mdy":
            ms, dd, ys = a, b, c
        else:
            dd, ms, ys = a, b, c
        if not ms.isdigit() or not dd.isdigit():
            raise ParseError(
                where, f"date {strip_marks(ds)!r}: an era year where the day or month belongs", line=line_of(ds)
            )
        month, day = int(ms), int(dd)
        year = _year(ys, be, where, ds, line_of)
        what = None
        if not 1 <= month <= 12:
            what = f"month {month} does not exist"
        else:
            try:
                datetime(year, month, day)
            except ValueError:
                what = f"day {day} does not exist in {year}-{month:02d}"
        if what:
            named = {"dmy": "day/month/year", "mdy": "month/day/year", "ymd": "year/month/day"}[order]
            raise ParseError(
                where, f"impossible date {strip_marks(ds)!r}: {what} (dates in this file read as {named}{evidence})",
                line=line_of(ds),
            )
        out[ds] = (year, month, day)
    return out


def _infer_order(parsed: dict[str, tuple[str, str, str, bool]], line_of: Callable[[str], int]) -> tuple[str, str]:
    """("dmy" | "mdy" | "ymd", a note on the evidence) from all date strings of one file, in file order."""
    a0 = next(iter(parsed.values()))[0]
    if len(a0) >= 3 or not a0.isdigit():
        return "ymd", ", as the first date starts with the year"
    dmy: list[str] = []
    mdy: list[str] = []
    for ds, (a, b, _, _) in parsed.items():
        x, y = int(a), int(b)
        if 12 < x <= 31 and y <= 12:
            dmy.append(ds)
        elif 12 < y <= 31 and x <= 12:
            mdy.append(ds)
    if dmy or mdy:
        # Most votes win; on a tie, the evidence that comes first in the file.
        if len(dmy) > len(mdy) or (len(dmy) == len(mdy) and line_of(dmy[0]) < line_of(mdy[0])):
            return "dmy", f", going by line {line_of(dmy[0])}"
        return "mdy", f", going by line {line_of(mdy[0])}"
    # No evidence: US style (M/D/YY without zero padding) reads month-first, anything else day-first.
    slashes = all("/" in ds for ds in parsed)
    short_year = all(len(c) == 2 for _, _, c, _ in parsed.values())
    padded = any((len(a) == 2 and a[0] == "0") or (len(b) == 2 and b[0] == "0") for a, b, _, _ in parsed.values())
    unpadded = any(len(a) == 1 or len(b) == 1 for a, b, _, _ in parsed.values())
    if slashes and short_year and unpadded and not padded:
        return "mdy", ", the default for US-style dates without evidence"
    return DEFAULT_DATE_ORDER, ", the default when no date shows its order"


def _year(token: str, be: bool, where: str, ds: str, line_of: Callable[[str], int]) -> int:
    if not token.isdigit():  # Japanese era: R4 = Reiwa 4 = 2022
        base, last = _ERAS[token[0]]
        n = int(token[1:])
        if not 1 <= n <= last:
            raise ParseError(where, f"era year {token!r} does not exist", line=line_of(ds))
        return base + n
    year = int(token)
    if len(token) <= 2:
        return 2000 + year
    if be or year >= 2400:  # Thai Buddhist era
        year -= 543
    if not 1970 <= year <= 2200:
        raise ParseError(where, f"year {token!r} is out of range", line=line_of(ds))
    return year
