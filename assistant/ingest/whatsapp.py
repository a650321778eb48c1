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
notices (the export shows the owner's own name there); `batch.not_me` holds authors who cannot be the
owner (named at the start of a notice, which writes the owner as "You", or shown as a "~ Name" stranger);
and 1:1 chats name their `peer` from the file name in any of WhatsApp's languages ("WhatsApp Chat with
NAME.txt", "与NAME的 WhatsApp 聊天.txt", see _TITLE_TEMPLATES), from which the pipeline infers the owner
as the other author. "<This message was edited>" markers are dropped from the text (localised table).
"""

from __future__ import annotations

import gc
import re
import zipfile
from hashlib import sha1
import zlib
from collections.abc import Callable
from datetime import date, datetime, time
from bisect import bisect_right
from itertools import compress, repeat
from operator import add, attrgetter, itemgetter, ne, not_, sub
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from assistant.domain import ImportBatch, ParseError, RawConversation, RawMessage
from assistant.ingest.common import MARKS, decode, looks_like_phone, strip_marks

NAME = "whatsapp"
CHANNEL = "whatsapp"
DESCRIPTION = "WhatsApp 'Export chat' (.txt from Android/iOS, or the iOS .zip holding _chat.txt), any locale"

DATE_ORDERS = ("dmy", "mdy", "ymd")
DEFAULT_DATE_ORDER = "dmy"  # when a file gives no evidence and does not look US-style (see module doc)

# --- header grammar -------------------------------------------------------------------------------------

_MK = "[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff\u200b]"  # bidi marks (and BOMs) exports put in headers
_SP = "[ \u00a0\u202f]"
_PART = r"(?:[HR]\d{1,2}|\d{1,4})"  # a date part: number, or Japanese era year (H31, R4)
_DSEP = f"{_MK}*[/.\\-]{_SP}?{_MK}*"

# Month names (some Android locales write "28 Aug 2013" or "Mar 5" with no year): word -> month.
_MONTH_WORDS = {
    "en": "jan feb mar apr may jun jul aug sep oct nov dec",
    "en full": "january february march april may june july august september october november december",
    "de": "jan feb mär apr mai jun jul aug sep okt nov dez",
    "de full": "januar februar märz april mai juni juli august september oktober november dezember",
    "fr": "janv févr mars avr mai juin juil août sept oct nov déc",
    "fr full": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "ene feb mar abr may jun jul ago sept oct nov dic",
    "es full": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "pt": "jan fev mar abr mai jun jul ago set out nov dez",
    "pt full": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "it": "gen feb mar apr mag giu lug ago set ott nov dic",
    "it full": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "nl": "jan feb mrt apr mei jun jul aug sep okt nov dec",
    "id": "jan feb mar apr mei jun jul agu sep okt nov des",
}
_MONTHS = {w: i for words in _MONTH_WORDS.values() for i, w in enumerate(words.split(), 1)}
_MONTHS["sept"] = 9
_MON = "(?:" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + r")\.?"
_WORD_DATE = (
    rf"\d{{1,2}}{_SP}{_MON}(?:,?{_SP}\d{{4}})?"  # 28 Aug 2013, 5 Mar
    rf"|{_MON}{_SP}\d{{1,2}}(?:,{_SP}\d{{4}})?"  # Mar 5, Mar 5, 2015
)
_DATE = f"(?P<date>{_MK}*(?:{_PART}{_DSEP}{_PART}{_DSEP}{_PART}(?:{_SP}?BE)?\\.?|(?i:{_WORD_DATE})))"
_AMPM_BEFORE = "上午|下午|午前|午後|오전|오후"
# Day parts some locales write instead of AM/PM ("9:15 in the morning", "8:00 de la noche").
_DAYPARTS = {
    "in the morning": "am", "in the afternoon": "pm", "in the evening": "pm", "at night": "night",
    "in the night": "night", "at noon": "noon", "noon": "noon",
    "de la mañana": "am", "de la madrugada": "am", "de la tarde": "pm", "de la noche": "night", "del mediodía": "noon",
    "da manhã": "am", "da madrugada": "am", "da tarde": "pm", "da noite": "night",
}
_AMPM_AFTER = (
    "|".join(re.escape(d) for d in sorted(_DAYPARTS, key=len, reverse=True))
    + r"|[AaPp]\.?" + _SP + r"?[Mm]\.?|ص|م|SA|CH|π\.?μ\.|μ\.?μ\."
)
_TIME = (
    f"(?:(?P<pre>{_AMPM_BEFORE}){_SP}?)?"
    r"(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<s>\d{2}))?"
    f"(?:{_SP}?(?P<ap>{_AMPM_AFTER}))?"
)
_JOIN = f"{_MK}*[,\u060c]?{_SP}+(?:klo{_SP}+|at{_SP}+|à{_SP}+|um{_SP}+)?{_MK}*"  # "date, time" / "date klo time"
_DATE_TIME = f"{_DATE}{_JOIN}{_TIME}"
_TIME_DATE = f"{_TIME}{_MK}*[,\u060c]?{_SP}+{_DATE}"


def _shape(stamp: str, style: str) -> re.Pattern[str]:
    if style == "ios":  # "[stamp] rest"
        return re.compile(f"{_MK}*\\[{_MK}*{stamp}{_MK}*\\]{_SP}?(?P<rest>.*)")
    if style == "old ios":  # "stamp: rest" (iOS before 2017, no brackets)
        return re.compile(f"{_MK}*{stamp}{_MK}*:{_SP}(?P<rest>.*)")
    return re.compile(f"{_MK}*{stamp}{_MK}*{_SP}[-–]{_SP}(?P<rest>.*)")  # Android: "stamp - rest"


# Tried in this order on the first header line; the first that matches is the file's shape.
_SHAPES = (
    _shape(_DATE_TIME, "ios"),
    _shape(_DATE_TIME, "android"),
    _shape(_TIME_DATE, "ios"),
    _shape(_TIME_DATE, "android"),
    _shape(_DATE_TIME, "old ios"),
)
_GROUPS = ("date", "pre", "h", "mi", "s", "ap", "rest")
_CLOCK_GROUPS = ("pre", "h", "mi", "s", "ap")

# Fast path: the two shapes nearly every export uses, with plain digits and spaces and no bidi marks
# ("31/12/2023, 21:05 - ", "[12/31/23, 9:05:09 PM] "). Each accepts only lines its general shape accepts, and
# reads the same date, clock (_CLOCK splits it into the general shape's h, mi, s, ap; "pre" is None) and rest;
# a line it refuses is tried with the general shape, so a file parses the same with or without it
# (tests/ingest/test_whatsapp_fast_path.py).
_FAST_CLOCK = f"\\d{{1,2}}:\\d{{2}}(?::\\d{{2}})?(?:{_SP}?[AaPp]\\.?[Mm]\\.?)?"
_FAST_STAMP = f"(?P<date>\\d{{1,4}}[/.\\-]\\d{{1,4}}[/.\\-]\\d{{1,4}}),? (?P<clock>{_FAST_CLOCK})"
# The rest as (author, body): split at its first ':' when a space follows, else (None, rest); _fast_rest joins them.
# A body starting with U+200E (an iOS notice, a call record) is left whole too: the general rules read it.
_FAST_REST = "(?:(?P<author>[^:]*): (?!\u200e))?(?P<body>.*)"
_FAST_SHAPES = {
    _SHAPES[0]: re.compile(f"\\[{_FAST_STAMP}\\]{_SP}?{_FAST_REST}"),
    _SHAPES[1]: re.compile(f"{_FAST_STAMP}{_SP}[-–]{_SP}{_FAST_REST}"),
}
_CLOCK = re.compile(f"(?P<h>\\d{{1,2}}):(?P<mi>\\d{{2}})(?::(?P<s>\\d{{2}}))?(?:{_SP}?(?P<ap>[AaPp]\\.?[Mm]\\.?))?")
FAST_PATH = True  # off: every line through the general shapes and _classify (the reference the tests compare with)
_DATE_PARTS = re.compile(r"[HR]?\d+")
_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")
_PM = frozenset(("下午", "午後", "오후", "م", "CH"))
_AM = frozenset(("上午", "午前", "오전", "ص", "SA"))
_ERAS = {"H": (1988, 31), "R": (2018, 99)}  # Heisei 1 = 1989 (to H31 = 2019), Reiwa 1 = 2019

_BODY_MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_QUOTES = frozenset('"“”„«»')

# --- localised body strings (compared casefolded, bidi marks removed, trailing '.' dropped) -------------

# One row per language: WhatsApp's placeholders as its iOS/Android exports write them. Kinds: "media"
# (a whole body), "document" (the end of "NAME • 3 pages document omitted"), "deleted", "deleted by me"
# (the owner's own: names the owner), "call" (the start of an iOS call record). Merged below into the
# older per-kind lists, which hold the languages first supported.
_LOCALISED: dict[str, dict[str, tuple[str, ...]]] = {
    "cs": {
        "edited": ("Tato zpráva byla upravena",), "view once": ("fotka k jednomu zobrazení vynechána", "video k jednomu zobrazení vynecháno"),
        "media": ("obrázek vynechán", "video vynecháno", "audio vynecháno", "GIF vynechán", "nálepka vynechána",
                  "vizitka vynechána", "<Média vynechána>", "<Média vynechány>"),
        "document": (" dokument vynechán",),
        "deleted": ("Tato zpráva byla smazána",), "deleted by me": ("Smazali jste tuto zprávu",),
        "call": ("Zmeškaný hlasový hovor", "Zmeškaný videohovor", "Hlasový hovor", "Videohovor"),
    },
    "uk": {
        "edited": ("Це повідомлення відредаговано",), "view once": ("фото для одноразового перегляду пропущено", "відео для одноразового перегляду пропущено"),
        "media": ("зображення пропущено", "відео пропущено", "аудіо пропущено", "GIF пропущено", "стікер пропущено",
                  "картку контакту пропущено", "<Медіафайли пропущено>", "<Без медіафайлів>", "<Медіа пропущено>"),
        "document": (" документ пропущено",),
        "deleted": ("Це повідомлення видалено",), "deleted by me": ("Ви видалили це повідомлення",),
        "call": ("Пропущений аудіодзвінок", "Пропущений відеодзвінок", "Аудіодзвінок", "Відеодзвінок"),
    },
    "it": {
        "edited": ("Questo messaggio è stato modificato",), "view once": ("foto visualizzabile una volta omessa", "video visualizzabile una volta omesso"),
        "media": ("immagine omessa", "video omesso", "audio omesso", "GIF omessa", "sticker omesso",
                  "scheda contatto omessa", "<Media omessi>"),
        "document": (" documento omesso",),
        "call": ("Chiamata vocale persa", "Videochiamata persa", "Chiamata vocale", "Videochiamata"),
    },
    "id": {
        "edited": ("Pesan ini telah diedit",), "view once": ("foto sekali lihat tidak disertakan", "video sekali lihat tidak disertakan"),
        "media": ("gambar tidak disertakan", "video tidak disertakan", "audio tidak disertakan",
                  "GIF tidak disertakan", "stiker tidak disertakan", "kartu kontak tidak disertakan"),
        "document": (" dokumen tidak disertakan",),
        "deleted": ("Pesan ini telah dihapus",), "deleted by me": ("Anda menghapus pesan ini",),
        "call": ("Panggilan suara tak terjawab", "Panggilan video tak terjawab", "Panggilan suara", "Panggilan video"),
    },
    "th": {
        "edited": ("ข้อความนี้ถูกแก้ไขแล้ว", "ข้อความนี้ได้รับการแก้ไขแล้ว"), "view once": ("ไม่รวมรูปภาพแบบดูครั้งเดียว", "ไม่รวมวิดีโอแบบดูครั้งเดียว"),
        "media": ("ไม่รวมรูปภาพ", "ไม่รวมวิดีโอ", "ไม่รวมเสียง", "ไม่รวม GIF", "ไม่รวมสติกเกอร์", "ไม่รวมนามบัตร", "<ไม่รวมสื่อ>"),
        "document": (" ไม่รวมเอกสาร",),
        "deleted": ("ข้อความนี้ถูกลบแล้ว",), "deleted by me": ("คุณลบข้อความนี้แล้ว",),
        "call": ("สายที่ไม่ได้รับ", "การโทรด้วยเสียง", "การโทรวิดีโอ"),
    },
    "hi": {
        "edited": ("यह मैसेज एडिट किया गया था", "यह मैसेज एडिट किया गया"), "view once": ("एक बार देखी जा सकने वाली फ़ोटो छोड़ी गई",),
        "media": ("<मीडिया छोड़ दिया गया>", "इमेज छोड़ी गई", "वीडियो हटाया गया"),
        "deleted": ("यह मैसेज हटा दिया गया था", "यह मैसेज डिलीट किया गया"),
        "call": ("मिस्ड वॉइस कॉल", "मिस्ड वीडियो कॉल", "वॉइस कॉल", "वीडियो कॉल"),
    },
    "tr": {
        "edited": ("Bu mesaj düzenlendi",), "view once": ("tek seferlik görüntülenebilen fotoğraf dahil edilmedi", "tek seferlik görüntülenebilen video dahil edilmedi"),
        "media": ("görüntü dahil edilmedi", "video dahil edilmedi", "ses dahil edilmedi", "GIF dahil edilmedi",
                  "çıkartma dahil edilmedi", "kişi kartı dahil edilmedi"),
        "document": (" belge dahil edilmedi",),
        "deleted": ("Bu mesaj silindi",), "deleted by me": ("Bu mesajı sildiniz",),
        "call": ("Cevapsız sesli arama", "Cevapsız görüntülü arama", "Sesli arama", "Görüntülü arama"),
    },
    "ko": {
        "edited": ("수정된 메시지입니다", "메시지가 수정되었습니다"), "view once": ("한 번 보기 사진 생략", "한 번 보기 동영상 생략"),
        "media": ("사진 생략", "동영상 생략", "오디오 생략", "GIF 생략", "스티커 생략", "연락처 카드 생략", "<미디어 파일 제외됨>"),
        "document": (" 문서 생략",),
        "deleted": ("삭제된 메시지입니다",), "deleted by me": ("메시지를 삭제했습니다",),
        "call": ("부재중 음성 통화", "부재중 영상 통화", "음성 통화", "영상 통화"),
    },
    "pl": {
        "edited": ("Ta wiadomość została edytowana", "Wiadomość edytowana"), "view once": ("pominięto zdjęcie do jednorazowego wyświetlenia", "pominięto wideo do jednorazowego wyświetlenia"),
        "media": ("pominięto obraz", "pominięto wideo", "pominięto audio", "pominięto GIF", "pominięto naklejkę",
                  "pominięto kartę kontaktu", "<Pominięto multimedia>"),
        "document": (" pominięto dokument",),
        "deleted": ("Ta wiadomość została usunięta",), "deleted by me": ("Usunięto tę wiadomość",),
        "call": ("Nieodebrane połączenie głosowe", "Nieodebrane połączenie wideo", "Połączenie głosowe"),
    },
    "es": {"media": ("<Multimedia omitido>", "sticker omitido", "Tarjeta de contacto omitida"),
           "edited": ("Se editó este mensaje", "Este mensaje fue editado", "Mensaje editado"),
           "view once": ("foto de visualización única omitida", "video de visualización única omitido"),
           "call": ("Videollamada perdida", "Llamada de voz perdida")},
    "de": {"media": ("Sticker weggelassen", "Kontaktkarte ausgelassen"), "call": ("Verpasster Gruppenanruf",),
           "edited": ("Diese Nachricht wurde bearbeitet", "Nachricht bearbeitet"),
           "view once": ("Einmal ansehen-Foto weggelassen", "Einmal ansehen-Video weggelassen")},
    "ru": {"deleted by me": ("Вы удалили это сообщение",), "call": ("Пропущенный звонок",),
           "edited": ("Сообщение изменено", "Это сообщение было изменено"),
           "view once": ("фото для однократного просмотра отсутствует", "видео для однократного просмотра отсутствует")},
    "en": {"edited": ("This message was edited",),
           # Android writes a view-once photo/video/voice message as "null"; iOS names it
           "view once": ("null", "view once photo omitted", "view once video omitted",
                         "view once voice message omitted", "<View once photo omitted>", "<View once video omitted>")},
    "fr": {"edited": ("Ce message a été modifié", "Message modifié"),
           "view once": ("photo à vue unique absente", "vidéo à vue unique absente")},
    "pt": {"edited": ("Esta mensagem foi editada", "Mensagem editada"),
           "view once": ("foto de visualização única ocultada", "vídeo de visualização única ocultado")},
    "nl": {"edited": ("Dit bericht is bewerkt", "Bericht bewerkt"),
           "view once": ("foto voor eenmalige weergave weggelaten", "video voor eenmalige weergave weggelaten")},
    "zh": {"edited": ("此消息已编辑", "此消息已被编辑", "此訊息已編輯", "已编辑"), "view once": ("一次性查看照片已忽略",)},
    "ja": {"edited": ("このメッセージは編集されました", "編集済み")},
    "ar": {"edited": ("تم تعديل هذه الرسالة",)},
    "vi": {"edited": ("Tin nhắn này đã được chỉnh sửa",)},
}


def _localised(kind: str) -> tuple[str, ...]:
    return tuple(s.casefold() for row in _LOCALISED.values() for s in row.get(kind, ()))


_MEDIA_EXACT = frozenset(_localised("media") + _localised("view once")) | frozenset(
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
_MEDIA_SUFFIXES = _localised("document") + tuple(
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

_DELETED_BY_OWNER = frozenset(_localised("deleted by me")) | frozenset(
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
_DELETED = _DELETED_BY_OWNER | frozenset(_localised("deleted")) | frozenset(
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
_CALLS = _localised("call") + tuple(
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
# "<This message was edited>" at the end of a body (Android 2023+, iOS after a U+200E): dropped, message kept.
_EDITED = re.compile(
    f"[\\s{_BODY_MARKS}]*<{_MK}*(?:"
    + "|".join(re.escape(s.rstrip(".")) for s in sorted(_localised("edited"), key=len, reverse=True))
    + r")\.?>\s*$",
    re.IGNORECASE,
)
_LOCATION = re.compile(r"https?://(?:maps\.google\.|maps\.apple\.|foursquare\.com)")

# WhatsApp's own notices in a chat (iOS writes them under the chat's name, or the contact's in a 1:1 chat):
# end-to-end encryption, security codes, blocking, disappearing messages, number changes. Never a message.
_SYSTEM_NOTICE = re.compile(
    r"end-to-end|security code|blocked this contact|unblocked this contact|disappearing messages|changed (?:their|"
    r"his|her) phone number|changed to \+?\d|is a contact|joined using|business account|this chat is with"
    r"|Ende-zu-Ende|Sicherheitsnummer|de extremo a extremo|código de seguridad|ponta a ponta|código de segurança"
    r"|de bout en bout|code de sécurité|crittografia end-to-end|codice di sicurezza|end-to-end-versleuteld"
    r"|beveiligingscode|сквозн\S* шифрован|код безопасности|наскрізн\S* шифруван|код безпеки|uçtan uca|güvenlik kodu"
    r"|koncov\S* šifrov|bezpečnostní kód|szyfrowan\S* end-to-end|kod zabezpieczeń|terenkripsi end-to-end"
    r"|kode keamanan|เข้ารหัสตั้งแต่ต้นทางถึงปลายทาง|รหัสความปลอดภัย|एंड-टू-एंड|सुरक्षा कोड|端到端加密|安全码|安全碼|端對端加密"
    r"|エンドツーエンド暗号化|セキュリティコード|종단간 암호화|보안 코드|تشفير تام بين الطرفين|رمز الأمان|mã hóa đầu cuối"
    r"|mã bảo mật|end-to-end-krypter|end-to-end-salattu",
    re.IGNORECASE,
)

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

# File names: WhatsApp names an export after the chat, in the phone's language. One row per locale: the
# templates ("{}" is the chat's name) of Android's "WhatsApp Chat with NAME.txt" and iOS's "WhatsApp Chat -
# NAME.zip" as localised. Words match whatever separates them in the file name: spaces, "%20" (decoded
# first), dots, underscores or plus signs ("WhatsApp.Chat.with.Aman.Negi.txt").
_TITLE_TEMPLATES: dict[str, tuple[str, ...]] = {
    "en": ("WhatsApp Chat with {}", "WhatsApp Chat - {}", "WhatsApp Chat – {}"),
    "de": ("WhatsApp Chat mit {}", "WhatsApp-Chat mit {}", "WhatsApp-Chat - {}", "WhatsApp Chat - {}"),
    "es": ("Chat de WhatsApp con {}", "Chat de WhatsApp - {}"),
    "pt": ("Conversa do WhatsApp com {}", "Conversa no WhatsApp com {}", "Conversa do WhatsApp - {}"),
    "fr": ("Discussion WhatsApp avec {}", "Chat WhatsApp avec {}", "Discussion WhatsApp - {}"),
    "it": ("Chat WhatsApp con {}", "Chat di WhatsApp con {}", "Chat WhatsApp - {}"),
    "nl": ("WhatsApp-chat met {}", "WhatsApp-chat - {}", "WhatsApp chat met {}"),
    "ca": ("Xat de WhatsApp amb {}",),
    "sv": ("WhatsApp-chatt med {}", "WhatsApp-chatt - {}"),
    "da nb": ("WhatsApp-chat med {}", "WhatsApp-samtale med {}"),
    "fi": ("WhatsApp-keskustelu henkilön {} kanssa", "WhatsApp-keskustelu: {}", "WhatsApp-keskustelu - {}"),
    "pl": ("Czat WhatsApp z {}", "Czat WhatsApp - {}"),
    "cs sk": ("Chat WhatsApp s uživatelem {}", "Chat WhatsApp s {}", "WhatsApp chat s {}", "Četa WhatsApp s {}"),
    "hu": ("WhatsApp-csevegés vele: {}", "WhatsApp-beszélgetés vele: {}", "WhatsApp-csevegés - {}"),
    "ro": ("Conversație WhatsApp cu {}", "Chat WhatsApp cu {}"),
    "hr sr": ("WhatsApp razgovor s {}", "WhatsApp razgovor sa {}", "WhatsApp čet sa {}"),
    "el": ("Συνομιλία WhatsApp με {}",),
    "ru": ("Чат WhatsApp с контактом {}", "Чат WhatsApp с {}", "Чат в WhatsApp с {}"),
    "uk": ("Чат WhatsApp з {}", "Чат WhatsApp із {}", "Чат WhatsApp з контактом {}"),
    "tr": ("{} ile WhatsApp Sohbeti", "WhatsApp Sohbeti: {}", "WhatsApp Sohbeti - {}"),
    "id": ("Chat WhatsApp dengan {}", "Obrolan WhatsApp dengan {}"),
    "ms": ("Sembang WhatsApp dengan {}",),
    "vi": ("Đoạn chat WhatsApp với {}", "Trò chuyện WhatsApp với {}", "Cuộc trò chuyện WhatsApp với {}"),
    "th": ("แชท WhatsApp กับ {}", "การแชท WhatsApp กับ {}"),
    "ar": ("دردشة واتساب مع {}", "دردشة WhatsApp مع {}", "محادثة واتساب مع {}", "محادثة WhatsApp مع {}"),
    "fa": ("گفتگوی واتساپ با {}", "گفتگوی WhatsApp با {}"),
    "he": ("צ'אט WhatsApp עם {}", "שיחת WhatsApp עם {}", "צ׳אט WhatsApp עם {}"),
    "hi": ("{} के साथ WhatsApp चैट", "{} के साथ व्हाट्सएप चैट"),
    "zh-CN": ("与{}的 WhatsApp 聊天", "与{}的 WhatsApp 对话"),
    "zh-TW": ("與{}的 WhatsApp 對話", "與{}的 WhatsApp 聊天", "與{}的 WhatsApp 聊天記錄"),
    "ja": ("{}とのWhatsAppトーク", "{}とのWhatsAppチャット", "{}とのトーク"),
    "ko": ("{}님과의 WhatsApp 대화", "{}와(과)의 WhatsApp 대화", "{}과의 WhatsApp 대화", "{}와의 WhatsApp 대화"),
}
_SEP = r"(?:[\s._]|\+(?!\d))+"  # "+" before a digit starts a phone number
_WIDE = re.compile("[\u0e00-\u0e7f\u2e80-\ua4cf\uac00-\ud7af\uff00-\uffef]")  # scripts written without spaces


def _title_re(template: str) -> re.Pattern[str]:
    sep = f"(?:{_SEP})?" if _WIDE.search(template) else _SEP  # "与X的WhatsApp聊天" may lose its spaces too
    before, after = template.split("{}")
    pre = sep.join(re.escape(w) for w in before.split())
    post = sep.join(re.escape(w) for w in after.split())
    if pre and before[-1].isspace():
        pre += _SEP
    if post and after[0].isspace():
        post = _SEP + post
    return re.compile(f"^{pre}(?P<name>.+?){post}$", re.I)


_TITLE_RES = tuple(
    _title_re(t) for t in sorted({t for row in _TITLE_TEMPLATES.values() for t in row}, key=len, reverse=True)
)
# Any other locale: "... WhatsApp ... - NAME" / "...: NAME".
_TITLE_FALLBACK = re.compile(r"^(?:[^\W\d]+[\s-]){0,3}whats\s?app(?:[\s-][^\W\d]+){0,3}(?:\s[-–]\s|:\s)(?P<name>.+)$", re.I)
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
    text = head.decode("utf-8", errors="replace").removeprefix("\ufeff").replace("\x00", "")
    lines = text.replace("\r", "\n").split("\n")
    # The first non-empty line is a header; or, in an export cut at the start, one of the first few is and
    # the file name says WhatsApp or more headers follow.
    named = "whatsapp" in path.name.casefold() or path.stem == "_chat"
    seen = 0
    for i, line in enumerate(lines):
        if not strip_marks(line):
            continue
        for shape in _SHAPES:
            m = shape.match(line)
            if m:
                if _signal_like(m, shape):
                    return False
                return seen == 0 or named or sum(1 for x in lines[i + 1 :] if shape.match(x)) >= 3
        seen += 1
        if seen > 10:
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
    warnings: list[str] = []
    text = decode(data, where, warnings=warnings)
    title, named = _title(path)
    messages, system_texts, me, strangers = _parse_text(text, where, title, date_order, warnings)

    authors = {m.sender for m in messages if m.sender}
    is_group = len(authors) > 2 or any(_GROUP_EVENT.search(t) for t in system_texts)
    peer = title if named and not is_group else None
    peer_handles = (("phone", peer),) if peer and looks_like_phone(peer) else ()
    conv = RawConversation(
        key=title, title=title, is_group=is_group, messages=messages, peer=peer, peer_handles=peer_handles
    )
    not_me = (strangers | _named_in_notices(authors, system_texts)) - me
    return ImportBatch(
        path=path, format=NAME, channel=CHANNEL, conversations=[conv], me=me, not_me=not_me, warnings=warnings
    )


def _named_in_notices(authors: set[str], system_texts: list[str]) -> set[str]:
    """Authors who start one of WhatsApp's notices ("Ana added you", "Bo left", "Ana changed the subject"):
    notices write the owner as "You" in every language, so a name there is never the owner's. The longest
    name wins ("John Doe 🤓 left" names "John Doe 🤓", not "John Doe")."""
    found: set[str] = set()
    if not authors or not system_texts:
        return found
    by_first: dict[str, list[str]] = {}
    for a in sorted(authors, key=len, reverse=True):
        by_first.setdefault(a[0], []).append(a)
    for text in system_texts:
        for a in by_first.get(text[:1], ()):
            if text.startswith(a) and (len(text) == len(a) or _NAME_END.match(text, len(a))):
                found.add(a)
                break
    return found


_NAME_END = re.compile(r"[\s'’:,(]|[\u0e00-\u0e7f\u2e80-\ua4cf\uac00-\ud7af]")  # after a name: not a letter


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
        plain = _COPY_SUFFIX.sub("", strip_marks(unquote(stem))).strip()
        for title_re in (*_TITLE_RES, _TITLE_FALLBACK):
            m = title_re.match(plain)
            if not m:
                continue
            name = m.group("name").strip()
            if " " not in plain:  # written without spaces ("WhatsApp.Chat.with.Aman.Negi"): so was the name
                name = " ".join(re.split(_SEP, name)).strip()
            if name:
                return name, True
    return strip_marks(path.stem) or path.name, False


_CUT_HEADER = re.compile(f"^{_MK}*\\[?{_MK}*\\d{{1,4}}[/.\\-]\\d")  # what a header cut short still starts with
_LEADING_LIMIT = 200  # lines before the first header that may be skipped (an export cut at the start)


def _first_header(lines: list[str]) -> tuple[int, re.Pattern[str] | None]:
    """(index, shape) of the first line that is a message header, within the first lines of the file."""
    for i, line in enumerate(lines[:_LEADING_LIMIT]):
        if not line:
            continue
        for shape in _SHAPES:
            if shape.match(line):
                return i, shape
    return -1, None


def _parse_text(
    text: str, where: str, key: str, date_order: str | None, warnings: list[str] | None = None,
    fast: bool | None = None,
) -> tuple[list[RawMessage], list[str], set[str], set[str]]:
    """(messages, texts of system lines, authors shown to be the owner, authors shown not to be).

    `fast` (default FAST_PATH): the fast header shapes, _plain_text before _classify, clocks read once, the
    common messages read column by column (_bulk_messages). The
    garbage collector is paused meanwhile (the messages are all kept: collecting finds nothing to free)."""
    fast = FAST_PATH if fast is None else fast
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse_lines(text, where, key, date_order, [] if warnings is None else warnings, fast)
    finally:
        if enabled:
            gc.enable()


def _parse_lines(
    text: str, where: str, key: str, date_order: str | None, warnings: list[str], fast: bool
) -> tuple[list[RawMessage], list[str], set[str], set[str]]:
    lines = text.split("\n")
    n = len(lines)
    first = 0
    while first < n and not strip_marks(lines[first]):
        first += 1
    if first == n:
        raise ParseError(where, "no messages: the file is empty", line=1)
    start, shape = _first_header(lines)
    if shape is None:
        raise ParseError(
            where,
            "not a WhatsApp chat: this line is not a message header such as '31/12/2023, 21:05 - Name: text' "
            f"or '[31/12/2023, 21:05:09] Name: text' (got {lines[first][:80]!r})",
            line=first + 1,
        )
    if start > first:
        warnings.append(
            f"{where}:{first + 1}: lines {first + 1}-{start} come before the first message header "
            "(the export starts mid-message?); skipped"
        )

    # Pass 1: header lines, as columns: `idx` their line indices, `groups` their (date, clock, rest) (the fast
    # path: (date, clock, author, body), the rest split at a ": ", author None without one); a clock is the
    # (pre, h, mi, s, ap) of the general shape, or the text of a fast shape's clock.
    match = shape.match
    fast_match = _FAST_SHAPES.get(shape) if fast else None
    continuations = None  # the fast path: the other lines' indices, where known
    if fast_match is None:
        heads = [(i, (m.group("date"), m.group(*_CLOCK_GROUPS), m.group("rest")))
                 for i, m in enumerate(map(match, lines[start:]), start) if m is not None]
        idx, groups = [i for i, _ in heads], [g for _, g in heads]
        if fast:  # a shape without a fast one
            groups = [(ds, ck, *_split_rest(rest)) for ds, ck, rest in groups]
    else:  # the fast shape first; the lines it refuses (continuations, unusual headers) through the general one
        found = list(map(fast_match.match, lines[start:]))
        numbers = range(start, start + len(found))
        idx = list(compress(numbers, found))
        groups = list(map(_MATCH_GROUPS, filter(None, found)))
        refused = list(compress(numbers, map(not_, found)))
        del found
        slow = [(i, (m.group("date"), m.group(*_CLOCK_GROUPS), *_split_rest(m.group("rest")))) for i, m in
                zip(refused, map(match, map(lines.__getitem__, refused))) if m is not None]
        continuations = refused
        if slow:
            heads = sorted([*zip(idx, groups), *slow], key=itemgetter(0))
            idx, groups = [i for i, _ in heads], [g for _, g in heads]
            continuations = sorted(set(refused).difference(i for i, _ in slow))

    # A last line that starts like a header but is not one: the file was cut in the middle of it.
    last = n - 1
    while last > start and not lines[last].strip():
        last -= 1
    if last > idx[-1] and _CUT_HEADER.match(lines[last]):
        warnings.append(f"{where}:{last + 1}: the last line is a message header cut short (file truncated?); skipped")
        n = last
    ends = [*idx[1:], n]
    # The messages with lines after their header (to line n): found from those lines, or from the gaps.
    if continuations is not None:
        multi = {bisect_right(idx, j) - 1 for j in continuations if j < n}
    else:
        multi = set(compress(range(len(idx)), map(ne, map(sub, ends, idx), repeat(1))))

    # Pass 2: the file's date order, and every distinct date string -> (year, month, day).
    date_col, clock_col, *rest_cols = zip(*groups)

    def line_of(ds: str) -> int:  # 1-based line of the first header with this date (errors, evidence)
        return idx[date_col.index(ds)] + 1

    dates = _resolve_dates(list(dict.fromkeys(date_col)), line_of, where, date_order)

    # Pass 3: messages.
    authors: dict[str, str] = {}
    handles: dict[str, tuple[tuple[str, str], ...]] = {}
    system_texts: list[str] = []
    me: set[str] = set()
    strangers: set[str] = set()  # "~ Name": someone not in the owner's contacts, so never the owner
    notices: set[str] = set()  # authors of unrecognised iOS notices
    writers: set[str] = set()  # authors of anything else
    author_ok: dict[str, bool] = {}  # raw author -> not a system line's text cut at a ": " (too long, open quote)

    def sender_of(raw_author: str) -> str:
        sender = authors.get(raw_author)
        if sender is None:
            plain = strip_marks(raw_author)
            sender = plain.removeprefix("~").strip() or plain
            authors[raw_author] = sender
            if sender != plain:
                strangers.add(sender)
            handles[sender] = (("phone", sender),) if looks_like_phone(sender) else ()
        return sender

    def message(i: int, end: int, rest: str) -> tuple[str | None, str, str, tuple[tuple[str, str], ...]]:
        """(sender, text, kind, sender handles) of the message whose header, line i, ends in `rest`."""
        # Author and body.
        cut = rest.find(": ")
        if cut > 0:
            raw_author, body = rest[:cut], rest[cut + 2 :]
            ok = author_ok.get(raw_author)
            if ok is None:  # X changed the subject to "a: b"
                ok = author_ok[raw_author] = not (len(raw_author) > 60 or _open_quote(raw_author))
            if not ok:
                raw_author, body = None, rest
        elif rest.endswith(":"):  # "[...] Amazon EG:" with nothing after the colon
            raw_author, body = rest[:-1], ""
        elif rest.endswith(":."):  # "John Doe:." a message the export left out
            raw_author, body = rest[:-2], None
        else:
            raw_author, body = None, rest
        if end > i + 1:
            body = _continued(body, lines, i, end)

        kind, own = "text", False
        if body is None:
            body, kind = "", "deleted"
        elif raw_author is None:
            kind = "system"
            body = strip_marks(body)
        else:
            if fast and _plain_text(body):  # what _classify gives, told cheaply
                body = body.lstrip(_BODY_MARKS)
            else:
                body, kind, own = _classify(body)
            if kind == "notice":  # an iOS notice: the chat's own (system) line, or the author's media/event
                if _SYSTEM_NOTICE.search(body) or _GROUP_EVENT.search(body) or strip_marks(raw_author) == key:
                    kind = "system"
                else:
                    kind = "media"
                    notices.add(raw_author)
            else:
                writers.add(raw_author)
        if raw_author is None or kind == "system":
            system_texts.append(body)
            return None, body, kind, ()
        sender = sender_of(raw_author)
        if own:  # "You deleted this message" shows the owner's own name as author
            me.add(sender)
        return sender, body, kind, handles[sender] if sender else ()

    if fast:
        ids, stamps, senders, texts, kinds, sender_handles = _bulk_messages(
            key, where, idx, ends, multi, date_col, clock_col, *rest_cols, dates, message, sender_of, writers, handles
        )
    else:  # one message at a time: the reference the fast path is tested against
        ids, stamps, senders, texts, kinds, sender_handles = [], [], [], [], [], []
        days = {ds: date(y, mo, d) for ds, (y, mo, d) in dates.items()}
        for i, end, ds, (pre, h, mi, s, ap), rest in zip(idx, ends, date_col, clock_col, *rest_cols):
            ts = datetime.combine(days[ds], _clock(h, mi, s, ap or pre, where, i + 1)[0])
            sender, body, kind, sh = message(i, end, rest)
            ids.append(sha1(f"{key}\x1f{ts.isoformat()}\x1f{sender}\x1f{body}".encode()).hexdigest()[:20])
            stamps.append(ts)
            senders.append(sender)
            texts.append(body)
            kinds.append(kind)
            sender_handles.append(sh)
    # IdMaker's count of repeats: the second message with an id gets ".1", the third ".2", in file order.
    if len(set(ids)) < len(ids):
        id_counts: dict[str, int] = {}
        for k, base in enumerate(ids):
            seen = id_counts.get(base, 0)
            id_counts[base] = seen + 1
            if seen:
                ids[k] = f"{base}.{seen}"
    # RawMessage(source_id, timestamp, sender, text, is_me, kind, sender_handles, line)
    messages = list(map(RawMessage, ids, stamps, senders, texts, repeat(None), kinds, sender_handles,
                        map(add, idx, repeat(1))))
    # An "author" who wrote nothing but notices, one of which names a real author ("Ana added Bo"), is the
    # chat's own name: a group whose name the file name does not give.
    suspects = {authors[a] for a in notices - writers}
    if suspects and writers:
        names = {authors[a] for a in writers}
        chat_names = {
            m.sender for m in messages
            if m.sender in suspects and m.kind == "media" and any(n in m.text for n in names)
        }
        for m in messages:
            if m.sender in chat_names and m.kind == "media":
                m.sender, m.kind, m.sender_handles = None, "system", ()
                system_texts.append(m.text)
    messages.sort(key=_BY_TIME)  # stable: file order breaks ties
    return messages, system_texts, me, strangers


def _split_rest(rest: str) -> tuple[str | None, str]:
    """A header's rest as (author, body), split at its first ": "; (None, rest) without one, or where the body
    starts with U+200E (left to the general rules, as the fast shapes do)."""
    author, sep, body = rest.partition(": ")
    return (author, body) if sep and not body.startswith("\u200e") else (None, rest)


def _fast_rest(author: str | None, body: str) -> str:
    """The rest of a header, from the (author, body) that _split_rest or a fast shape gives."""
    return body if author is None else f"{author}: {body}"


def _read_clocks(clock_col, idx, where):
    """(time, "THH:MM:SS<US>") of each distinct clock of a file. The fast shapes' clocks ("9:05:09 PM") are read
    column by column: each distinct minute ("9:05 PM") once, then its seconds; any impossible clock (or a
    general shape's) goes through _read_clocks_one_by_one, which raises at its first line."""
    distinct = list(dict.fromkeys(clock_col))
    texts = [ck for ck in distinct if ck.__class__ is str]
    if len(texts) < len(distinct) or not texts:
        return _read_clocks_one_by_one(distinct, clock_col, idx, where)
    hms, seconds, marks = zip(*_CLOCK_PARTS.findall("\n".join(texts)))
    minutes = list(map(add, hms, marks))
    minute_of = {}  # "9:05 PM" -> (21, 5, "T21:05:")
    for minute in dict.fromkeys(minutes):
        h, mi, _, ap = _CLOCK.fullmatch(minute).groups()
        try:
            t = _clock(h, mi, None, ap, where, 0)[0]
        except ParseError:
            return _read_clocks_one_by_one(distinct, clock_col, idx, where)
        minute_of[minute] = (t.hour, t.minute, f"T{t.hour:02d}:{t.minute:02d}:")
    seconds = [s or "00" for s in seconds]
    if max(seconds) >= "60":
        return _read_clocks_one_by_one(distinct, clock_col, idx, where)
    read = list(map(minute_of.__getitem__, minutes))
    times = map(time, map(itemgetter(0), read), map(itemgetter(1), read), map(int, seconds))
    ids = map(add, map(add, map(itemgetter(2), read), seconds), repeat("\x1f"))
    return dict(zip(texts, times)), dict(zip(texts, ids))


_CLOCK_PARTS = re.compile(r"^(\d{1,2}:\d\d)(?::(\d\d))?(.*)$", re.M)  # a fast clock: (minute, seconds, marker)


def _read_clocks_one_by_one(distinct, clock_col, idx, where):
    """_read_clocks, one clock at a time: an impossible one raises, naming its first line."""
    time_of, clock_id = {}, {}
    minute_of: dict[str, tuple[int, int, str] | None] = {}  # "9:05 PM" -> (21, 5, "T21:05:"), None if impossible
    for ck in distinct:
        if ck.__class__ is str:
            p = ck.index(":") + 3  # "H:MM" or "HH:MM", then ":SS" or not, then a marker or not
            if ck[p : p + 1] == ":":
                minute, second = ck[:p] + ck[p + 3 :], ck[p + 1 : p + 3]
            else:
                minute, second = ck, "00"
            hm = minute_of.get(minute, False)
            if hm is False:
                h, mi, _, ap = _CLOCK.fullmatch(minute).groups()
                try:
                    t = _clock(h, mi, None, ap, where, 0)[0]
                    hm = minute_of[minute] = (t.hour, t.minute, f"T{t.hour:02d}:{t.minute:02d}:")
                except ParseError:
                    hm = minute_of[minute] = None
            if hm is not None and second < "60":
                time_of[ck], clock_id[ck] = time(hm[0], hm[1], int(second)), f"{hm[2]}{second}\x1f"
                continue
        pre, h, mi, s, ap = (None, *_CLOCK.fullmatch(ck).groups()) if ck.__class__ is str else ck
        try:
            t, tid = _clock(h, mi, s, ap or pre, where, 0)
        except ParseError:
            _clock(h, mi, s, ap or pre, where, idx[clock_col.index(ck)] + 1)  # raises, naming the line
            raise
        time_of[ck], clock_id[ck] = t, f"{tid}\x1f"
    return time_of, clock_id


def _bulk_messages(key, where, idx, ends, multi, date_col, clock_col, author_col, body_col, dates, message, sender_of,
                   writers, handles):
    """The fast path's pass 3, column by column: (ids before repeats are numbered, timestamps, senders, texts,
    kinds, sender handles). The common message (one line, "Author: text" with an author the general rules
    accept, a body _plain_text calls text) is read with no Python code of its own: the columns are built by
    C-level map/compress over the header columns; every other message goes through `message` (the general
    rules) in file order. Distinct dates, clocks, authors and body endings are each read once."""
    count = len(idx)
    # Times: each distinct clock read once (in file order, so an impossible one raises at its first line).
    time_of, clock_id = _read_clocks(clock_col, idx, where)
    day_of = {ds: date(y, mo, d) for ds, (y, mo, d) in dates.items()}
    stamps = list(map(datetime.combine, map(day_of.__getitem__, date_col), map(time_of.__getitem__, clock_col)))

    # Which messages need the general rules. An author is the text before the first ": ", as message() reads it
    # (a fast shape leaves the author None where a ':' without a space comes first, or the body starts with
    # U+200E: see _FAST_REST); the author must pass message()'s test, the body _plain_text's, on one line.
    bad_author = {a: not a or len(a) > 60 or _open_quote(a) for a in set(author_col).difference((None,))}
    bad_author[None] = True
    tails = list(map(_LAST_FOUR, map(str.rstrip, body_col, repeat(_KEY_TRAILER))))
    bad_tail = {t: not _plain_tail(t) for t in set(tails)}
    general = set(compress(range(count), map(bad_author.__getitem__, author_col)))
    general.update(compress(range(count), map(bad_tail.__getitem__, tails)))
    general.update(multi)  # continuation lines
    common = bytearray(b"\x01") * count
    for k in general:
        common[k] = 0

    # The common messages: text, by a known author.
    used = set(compress(author_col, common))
    writers.update(used)
    sender_by = {a: sender_of(a) for a in used}
    handles_by = {a: handles[s] if s else () for a, s in sender_by.items()}
    senders = list(map(sender_by.get, author_col))
    sender_fields = list(map({a: f"{s}\x1f" for a, s in sender_by.items()}.get, author_col))
    sender_handles = list(map(handles_by.get, author_col))
    texts = list(map(str.lstrip, body_col, repeat(_BODY_MARKS)))
    kinds = ["text"] * count
    # The others, in file order (system lines are collected in that order).
    for k in sorted(general):
        senders[k], texts[k], kinds[k], sender_handles[k] = message(idx[k], ends[k], _fast_rest(author_col[k], body_col[k]))
        sender_fields[k] = f"{senders[k]}\x1f"

    # ids(key, ts.isoformat(), sender, body), each field followed by <US>: "key<US>YYYY-MM-DD" + "THH:MM:SS<US>"
    # + "sender<US>" + text.
    day_id = {ds: f"{key}\x1f{y:04d}-{mo:02d}-{d:02d}" for ds, (y, mo, d) in dates.items()}
    joined = map(_JOIN, zip(map(day_id.__getitem__, date_col), map(clock_id.__getitem__, clock_col), sender_fields, texts))
    ids = list(map(_ID_CUT, map(_HEXDIGEST, map(sha1, map(str.encode, joined)))))
    return ids, stamps, senders, texts, kinds, sender_handles


_MATCH_GROUPS = re.Match.groups
_LAST_FOUR = itemgetter(slice(-4, None))
_ID_CUT = itemgetter(slice(None, 20))
_HEXDIGEST = type(sha1()).hexdigest
_JOIN = "".join


def _continued(body: str | None, lines: list[str], i: int, end: int) -> str | None:
    """A message's body with its continuation lines (lines i+1 .. end-1), trailing blank lines dropped."""
    cont = lines[i + 1 : end]
    while cont and not cont[-1]:
        cont.pop()
    if cont:
        body = "\n".join(cont) if not body else body + "\n" + "\n".join(cont)
    return body


def _open_quote(s: str) -> bool:
    """A quote left open: the ": " fell inside a quoted text (a system line), not a quoted nickname
    (`Thandi "Royalty" Tshabalala`)."""
    if _QUOTES.isdisjoint(s):
        return False
    curly = s.count("“") + s.count("”") + s.count("„")
    return s.count('"') % 2 == 1 or curly % 2 == 1 or s.count("«") != s.count("»")


_BY_TIME = attrgetter("timestamp")


def _clock(h: str, mi: str, s: str | None, mark: str | None, where: str, line: int) -> tuple[time, str]:
    """(time, "THH:MM:SS") of a header's clock, a 12-hour `mark` (AM/PM, a day part) applied."""
    hour = int(h)
    if mark:
        if hour > 12:
            raise ParseError(where, f"hour {hour} with a 12-hour marker {mark!r}", line=line)
        part = _DAYPARTS.get(mark)
        if part:
            if part == "pm" or (part == "night" and hour >= 6) or (part == "noon" and hour < 6):
                hour = hour % 12 + 12
            elif part != "noon":
                hour %= 12
        elif mark in _PM or mark[0] in "pP" or mark.startswith("μ"):
            hour = hour % 12 + 12
        elif mark in _AM or mark[0] in "aA" or mark.startswith("π"):
            hour %= 12
    minute, second = int(mi), int(s) if s else 0
    if hour > 23 or minute > 59 or second > 59:  # what datetime() refuses (the date is checked already)
        raise ParseError(where, f"impossible time {h}:{mi}{':' + s if s else ''}", line=line)
    return time(hour, minute, second), f"T{hour:02d}:{minute:02d}:{second:02d}"


# Every character str.isspace() accepts (what strip() removes), and the dots _classify drops from a key.
_WS = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_STRIPPED_MARKS = MARKS  # the marks strip_marks removes
_KEY_TRAILER = _WS + ".。" + _STRIPPED_MARKS  # what may follow the last character of a key in a first line
_CHANGED_IN_KEY = frozenset(_STRIPPED_MARKS + "\u00a0\u202f")  # strip_marks removes or replaces these
# The last four characters of every string _classify compares a key with (all at least four long).
_KEY_ENDS = frozenset(s[-4:] for s in (*_MEDIA_EXACT, *_DELETED, *_MEDIA_SUFFIXES))


def _plain_text(body: str) -> bool:
    """True when _classify(body) would be (body.lstrip(_BODY_MARKS), "text", False); False when _classify
    must decide. Read from the end of the first line: _classify's key (the line without marks, stripped,
    casefolded, trailing dots dropped) can only be a placeholder if its last four characters end one, or
    end in '>' (attached); those are the line's last four before its trailing spaces, dots and marks, when
    none of the four is a mark or a no-break space. An "edited" marker ends the body in '>' (spaces after):
    on a one-line body the same test sees it."""
    nl = body.find("\n")
    if nl < 0:
        head = body
    else:
        last = body[-1]
        if last == ">" or last.isspace():
            return False
        head = body[:nl]
    if head.startswith("\u200e"):  # iOS notices and call records
        return False
    return _plain_tail(head.rstrip(_KEY_TRAILER)[-4:])


def _plain_tail(end: str) -> bool:
    """_plain_text's verdict on a first line not starting with U+200E, from `end`: its last four characters
    before its trailing spaces, dots and marks (fewer on a shorter line)."""
    if len(end) < 4 or not (end.isascii() or _CHANGED_IN_KEY.isdisjoint(end)):
        return False
    end = end.casefold()
    return end[-4:] not in _KEY_ENDS and end[-1] != ">"


def _classify(body: str) -> tuple[str, str, bool]:
    """(text, kind, deleted by the owner) of an authored body.

    Placeholders and notices come back cleaned of bidi marks; ordinary text only loses leading marks.
    """
    if body.endswith(">") or (body[-1:].isspace() and body.rstrip().endswith(">")):
        m = _EDITED.search(body)
        if m:  # only a text (or a caption) can be edited
            return body[: m.start()].lstrip(_BODY_MARKS), "text", False
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
            return clean + tail, "notice", False  # the caller tells system lines from placeholders
    return body.lstrip(_BODY_MARKS), "text", False


def _resolve_dates(
    distinct: list[str], line_of: Callable[[str], int], where: str, order: str | None
) -> dict[str, tuple[int, int, int]]:
    """Map each distinct date string of a file (in file order) to (year, month, day), inferring the order."""
    out: dict[str, tuple[int, int, int]] = {}
    worded = [ds for ds in distinct if ds.lower() != ds.upper() and _WORDED.search(ds)]  # month names: letters
    if worded:
        out.update(_worded_dates(worded, line_of, where))
        distinct = [ds for ds in distinct if ds not in out]
        if not distinct:
            return out
    parsed: dict[str, tuple[str, str, str, bool]] = {}
    for ds in distinct:
        parts = _DATE_PARTS.findall(ds)
        parsed[ds] = (parts[0], parts[1], parts[2], "BE" in ds)
    evidence = ""
    if order is None:
        order, evidence = _infer_order(parsed, line_of)
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


_WORDED = re.compile(f"(?i:{_MON})")
_WORD_PARTS = re.compile(r"(\d+)|([^\W\d_]+)")


def _worded_dates(worded: list[str], line_of: Callable[[str], int], where: str) -> dict[str, tuple[int, int, int]]:
    """Dates with a month name ("28 Aug 2013", "Mar 5", "Mar 5, 2015"). Android leaves out the year for the
    current year's messages: those take the year after the latest one written out (or, with none, this year)."""
    parts: dict[str, tuple[int, int, int | None]] = {}
    for ds in worded:
        nums, month = [], 0
        for num, word in _WORD_PARTS.findall(strip_marks(ds)):
            if num:
                nums.append(int(num))
            elif not month:
                month = _MONTHS.get(word.casefold(), 0)
        if not month or not nums:
            raise ParseError(where, f"date {strip_marks(ds)!r} has no month or day", line=line_of(ds))
        parts[ds] = (nums[0], month, nums[1] if len(nums) > 1 else None)
    years = [y for _, _, y in parts.values() if y]
    current = max(years) + 1 if years else datetime.now().year
    out = {}
    for ds, (day, month, year) in parts.items():
        year = year or current
        try:
            datetime(year, month, day)
        except ValueError:
            raise ParseError(where, f"impossible date {strip_marks(ds)!r}", line=line_of(ds)) from None
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
