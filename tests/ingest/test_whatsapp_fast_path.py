"""The WhatsApp parser's fast path (fast header shapes, _plain_text before _classify, clocks read once, the
collector paused) gives exactly what the general path gives: same messages (ids, times, authors, kinds, texts,
lines), same conversation, owner hints and warnings, same errors. Checked on every fixture, on generated
exports that mix the header variants and body kinds, and piece by piece."""

from __future__ import annotations

import gc
import random
import re
from dataclasses import asdict
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from assistant.domain import ParseError
from assistant.ingest import common, whatsapp
from tests.paths import FIXTURES

LRM, RLM, NBSP, NNBSP = "\u200e", "\u200f", "\u00a0", "\u202f"
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def outcome(path: Path, fast: bool, monkeypatch) -> tuple:
    """Everything parse() gives for `path`, or the error it raises, with the fast path on or off."""
    monkeypatch.setattr(whatsapp, "FAST_PATH", fast)
    try:
        batch = whatsapp.parse(path)
    except ParseError as e:
        return ("error", str(e), e.line)
    finally:
        monkeypatch.undo()
    convs = [(c.key, c.title, c.is_group, c.peer, c.peer_handles, [asdict(m) for m in c.messages])
             for c in batch.conversations]
    return convs, sorted(batch.me), sorted(batch.not_me), batch.warnings


def same_both_ways(path: Path, monkeypatch) -> tuple:
    fast, general = outcome(path, True, monkeypatch), outcome(path, False, monkeypatch)
    assert fast == general, path.name
    return fast


# --- generated exports: header variants x body kinds ----------------------------------------------------------


def _h12(t: datetime) -> int:
    return t.hour % 12 or 12


def _ampm(t: datetime, am: str = "AM", pm: str = "PM") -> str:
    return am if t.hour < 12 else pm


# Header styles: the text before the author, for a time t. Each file uses one; "mark" styles add bidi marks to
# some lines only (those take the general shape, the others the fast one).
STYLES = {
    "android dmy": lambda t: f"{t:%d/%m/%Y}, {t:%H:%M} - ",
    "android dmy unpadded": lambda t: f"{t.day}/{t.month}/{t:%y}, {t.hour}:{t:%M} - ",
    "android us 12h": lambda t: f"{t.month}/{t.day}/{t:%y}, {_h12(t)}:{t:%M} {_ampm(t)} - ",
    "android us 12h nnbsp": lambda t: f"{t.month}/{t.day}/{t:%y}, {_h12(t)}:{t:%M}{NNBSP}{_ampm(t)} - ",
    "android dots": lambda t: f"{t:%d.%m.%y}, {t:%H:%M} - ",
    "android dots no comma": lambda t: f"{t:%d.%m.%y} {t:%H:%M} - ",
    "android ymd p.m.": lambda t: f"{t:%Y-%m-%d}, {_h12(t)}:{t:%M} {_ampm(t, 'a.m.', 'p.m.')} - ",
    "android es a. m.": lambda t: f"{t:%d/%m/%y}, {_h12(t)}:{t:%M} {_ampm(t, 'a. m.', 'p. m.')} - ",
    "android lowercase am": lambda t: f"{t:%d/%m/%Y}, {_h12(t)}:{t:%M}{_ampm(t, 'am', 'pm')} - ",
    "android en dash": lambda t: f"{t:%d/%m/%Y}, {t:%H:%M} – ",
    "android nbsp dash": lambda t: f"{t:%d/%m/%Y}, {t:%H:%M}{NBSP}-{NBSP}",
    "android two spaces": lambda t: f"{t:%d/%m/%Y},  {t:%H:%M} - ",
    "android seconds": lambda t: f"{t:%d/%m/%Y}, {t:%H:%M:%S} - ",
    "android mark": lambda t: (LRM if t.minute % 3 == 0 else "") + f"{t:%d/%m/%Y}, {t:%H:%M} - ",
    "android rlm in date": lambda t: f"{t:%d}{RLM}/{t:%m}/{t:%Y}, {t:%H:%M} - " if t.minute % 2 else f"{t:%d/%m/%Y}, {t:%H:%M} - ",
    "ios dmy": lambda t: f"[{t:%d/%m/%Y}, {t:%H:%M:%S}] ",
    "ios us 12h nnbsp": lambda t: f"[{t.month}/{t.day}/{t:%y}, {_h12(t)}:{t:%M:%S}{NNBSP}{_ampm(t)}] ",
    "ios us 12h space": lambda t: f"[{t.month}/{t.day}/{t:%y}, {_h12(t)}:{t:%M:%S} {_ampm(t)}] ",
    "ios no comma": lambda t: f"[{t.month}/{t.day}/{t:%y} {t:%H:%M:%S}] ",
    "ios no seconds": lambda t: f"[{t:%d/%m/%Y}, {t:%H:%M}] ",
    "ios lrm": lambda t: f"{LRM}[{t:%d/%m/%Y}, {t:%H:%M:%S}] ",
    "ios lrm some": lambda t: (LRM if t.minute % 2 else "") + f"[{t:%d/%m/%Y}, {t:%H:%M:%S}] ",
    "ios dots": lambda t: f"[{t:%d.%m.%y}, {t:%H.%M.%S}] ",
    "ios no space after": lambda t: f"[{t:%d/%m/%Y}, {t:%H:%M:%S}]",
    "ios nbsp after": lambda t: f"[{t:%d/%m/%Y}, {t:%H:%M:%S}]{NBSP}",
    "ios mark before bracket end": lambda t: f"[{t:%d/%m/%Y}, {t:%H:%M:%S}{LRM}] ",
    "arabic indic": lambda t: f"{t.day}/{t.month}/{t.year}، {_h12(t)}:{t:%M} {_ampm(t, 'ص', 'م')} - ".translate(ARABIC_DIGITS),
    "arabic indic latin comma": lambda t: f"{t:%d/%m/%Y}, {t:%H:%M} - ".translate(ARABIC_DIGITS),
    "arabic rlm ios": lambda t: f"[{RLM}{t.day}{RLM}/{t.month}{RLM}/{t.year}، {t:%H:%M:%S}] ",
    "thai buddhist": lambda t: f"{t:%d/%m/}{t.year + 543} {t:%H:%M} - ",
    "thai BE": lambda t: f"[{t:%d/%m/}{t.year + 543} BE, {t:%H:%M:%S}] ",
    "japanese era": lambda t: f"{'H' if t.year < 2019 else 'R'}{t.year - (1988 if t.year < 2019 else 2018)}/{t:%m/%d} {t:%H:%M} - ",
    "time first": lambda t: f"[{t:%H:%M:%S}, {t:%d/%m/%Y}] ",
    "old ios": lambda t: f"{t:%d/%m/%y} {t:%H:%M:%S}: ",
    "worded": lambda t: f"{t.day} {t:%b} {t.year}, {t:%H:%M} - ",
    "chinese": lambda t: f"{t:%Y/%m/%d} {_ampm(t, '上午', '下午')}{_h12(t)}:{t:%M} - ",
    "day part": lambda t: f"{t:%d/%m/%Y}, {_h12(t)}:{t:%M} {_ampm(t, 'in the morning', 'in the evening')} - ",
    "finnish klo": lambda t: f"{t.day}.{t.month}.{t.year} klo {t:%H.%M.%S} - ",
}

WORDS = ("ok see you at the station tomorrow lunch sounds good deleted omitted image video call me "
         "我们 周末 去 骑行 吧 Wie geht es dir ça marche très été Grüße مرحبا عمر ข้อความ 😂 👍 İstanbul straße ﬃ").split()

# Bodies _classify gives a kind other than text (as the exports write them), and near misses.
PLACEHOLDERS = [
    "<Media omitted>", "<Medien weggelassen>", "<Médias omis>", "<Multimedia omitido>", "<Без медиафайлов>",
    "<省略多媒体文件>", "<تم استبعاد الوسائط>", "image omitted", "video omitted", "GIF omitted", "sticker omitted",
    "Contact card omitted", "imagen omitida", "изображение отсутствует", "vídeo não revelado", "फ़ोटो हटाई गई",
    "画像は含まれていません", "obrázek vynechán", "зображення пропущено", "immagine omessa", "gambar tidak disertakan",
    "ไม่รวมรูปภาพ", "görüntü dahil edilmedi", "사진 생략", "pominięto obraz", "null", "view once photo omitted",
    "This message was deleted", "You deleted this message", "Diese Nachricht wurde gelöscht",
    "Du hast diese Nachricht gelöscht", "Se eliminó este mensaje", "此消息已删除", "このメッセージを削除しました",
    "Tin nhắn này đã bị xóa", "Це повідомлення видалено", "Ви видалили це повідомлення",
    "Plan.pdf • 3 pages document omitted", "Plan.pdf • 3 Seiten Dokument weggelassen",
    "IMG-20220318-WA0004.jpg (file attached)", "DOC-20220101-WA0001.pdf (fichier joint)",
    "<attached: 00000012-PHOTO-2022-03-27-21-41-55.jpg>", "<Anhang: 00000012-PHOTO-2022-03-27-21-41-55.jpg>",
    "image omitted because I forgot", "Video call tomorrow?", "<3 <3", "a -> b>", "I omitted it", "it was deleted",
    "ok", "hi", "ß", "ßß", "ﬃ", "İİ", "...", ". .", "", " ", "end.。", "image omitted. .",
]
NOTICES = [
    "Missed voice call", "Voice call, \u200e12 min", "Missed video call", "Zmeškaný hlasový hovor",
    "Messages and calls are end-to-end encrypted. No one outside of this chat can read them.",
    "Ana added Bo", "Ana changed the group description", "poll: lunch?", "Location: https://maps.google.com/?q=1,2",
    "image omitted", "Your security code with Bo changed.", "Bo joined using this group's invite link",
]
EDITED = [" <This message was edited>", "\u200e<This message was edited>", " <Diese Nachricht wurde bearbeitet> ",
          "<Ce message a été modifié>", " <Tato zpráva byla upravena>"]


def _vary(s: str, rng: random.Random) -> str:
    """A placeholder as an export might write it: case, marks, trailing dots and spaces, no-break spaces."""
    r = rng.random()
    if r < 0.1:
        s = s.upper()
    elif r < 0.2:
        s = s.title()
    if rng.random() < 0.2:
        s = s.replace(" ", NBSP, 1)
    if rng.random() < 0.15 and len(s) > 2:  # a mark among the last characters
        k = rng.randint(1, min(5, len(s)))
        s = s[:-k] + rng.choice((LRM, RLM, "\u202c", "\u2069", "\ufeff", "\u200b", "\u061c")) + s[-k:]
    s += rng.choice(("", "", "", ".", "。", " ", NBSP, LRM, ". ", " .", "\u202c", "\t", ">"))
    return s


def _text(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(1, 30))]
    if rng.random() < 0.05:
        words *= 12  # longer than 300 characters
    s = " ".join(words)
    if rng.random() < 0.1:
        s = s.replace(" ", ": ", 1)
    return s


def _body(rng: random.Random, authored_notice: bool) -> str:
    r = rng.random()
    if r < 0.5:
        body = _text(rng)
    elif r < 0.8:
        body = _vary(rng.choice(PLACEHOLDERS), rng)
        if rng.random() < 0.2:
            body = LRM + body
    elif r < 0.9 and authored_notice:
        body = LRM + _vary(rng.choice(NOTICES), rng)
    else:
        body = _text(rng) + rng.choice(EDITED)
    if rng.random() < 0.15:  # continuation lines: text, blank lines, another shape's header, trailing blanks
        more = rng.choice((
            [_text(rng)], [_text(rng), "", _text(rng)], ["2016-04-29 10:30:00 was when we started"],
            ["[01/02/2020, 10:00:00] not a header here"], ["12/01/2020 - Ana: inside"], ["  ", ""],
            [_text(rng), "", ""], [rng.choice(PLACEHOLDERS)],
        ))
        body += "\n" + "\n".join(more)
    return body


AUTHORS = ["Ana Souza", "Bo", "~ Carla Díaz", "+44 7700 900123", 'Thandi "Royalty" Tshabalala',
           "\u202aAhmad Ali\u202c", "Zoë 🌸", "Dr. Who", "x" * 70, "~\u202fSam", "Ana Souza"]
SYSTEM_LINES = ["Ana added Bo", 'Ana changed the subject to "a: b"', "Messages and calls are end-to-end encrypted.",
                "Bo left", "You were added", f"{LRM}Ana removed Bo"]


def export(style: str, rng: random.Random, n: int, *, title: str) -> str:
    header = STYLES[style]
    t = datetime(2018, 1, 13, 8, 0) if style == "japanese era" else datetime(2016 + rng.randint(0, 8), 1, 13, 8, 0)
    lines = []
    if rng.random() < 0.2:
        lines += ["the tail of a message", "cut at the start"]
    for _ in range(n):
        t += timedelta(seconds=rng.choice((0, 1, 59, 60, 3600, 40000, 86400 * 3)) + rng.randint(0, 2000))
        when = t - timedelta(seconds=rng.randint(1, 600)) if rng.random() < 0.03 else t  # written out of order
        r = rng.random()
        if r < 0.05:
            lines.append(header(when) + rng.choice(SYSTEM_LINES))
        elif r < 0.08:
            lines.append(header(when) + f"{title}: " + LRM + rng.choice(NOTICES))  # iOS: the chat's own notices
        elif r < 0.1:
            lines.append(header(when) + rng.choice(AUTHORS) + rng.choice((":", ":.")))
        else:
            lines.append(header(when) + f"{rng.choice(AUTHORS)}: {_body(rng, style.startswith('ios'))}")
    if rng.random() < 0.2:
        lines.append(header(t + timedelta(minutes=1))[:8])  # a header cut short
    return "\n".join(lines) + rng.choice(("\n", "", "\n\n"))


def exports(seed: int = 14, per_style: int = 3, n: int = 120):
    rng = random.Random(seed)
    for style in STYLES:
        for k in range(per_style):
            title = rng.choice(("Ana Souza", "Trail Group"))
            yield f"{style} {k}", title, export(style, rng, n, title=title)


def test_generated_exports_parse_the_same_with_and_without_the_fast_path(tmp_path, monkeypatch):
    parsed = failed = 0
    for name, title, text in exports():
        path = tmp_path / f"WhatsApp Chat - {title} ({name}).txt"
        path.write_text(text, encoding="utf-8")
        got = same_both_ways(path, monkeypatch)
        if got[0] == "error":
            failed += 1
        else:
            parsed += 1
    assert parsed >= 0.9 * len(STYLES) * 3, (parsed, failed)


def test_errors_are_the_same_with_and_without_the_fast_path(tmp_path, monkeypatch):
    cases = [
        "01/02/2020, 10:00 - Bob: hi\n01/02/2020, 25:00 - Bob: hi\n01/02/2020, 25:00 - Bob: again\n",
        "1/2/20, 10:00 AM - Bob: hi\n1/2/20, 13:00 PM - Bob: hi\n",
        "[1/2/20, 10:00:00] Bob: hi\n[1/2/20, 10:61:00] Bob: hi\n",
        "[1/2/20, 10:00:00] Bob: hi\n[1/2/20, 10:00:60] Bob: hi\n",
        "01/02/2020, 10:00 - Bob: hi\n32/01/2020, 10:00 - Bob: hi\n",
        "[1/2/R0, 10:00:00] Bob: hi\r\n",
    ]
    for i, text in enumerate(cases):
        path = tmp_path / f"c{i}.txt"
        path.write_text(text, encoding="utf-8")
        got = same_both_ways(path, monkeypatch)
        assert got[0] == "error" and got[2] == 2 - (i == 5), (text, got)


FIXTURE_FILES = sorted(
    p for p in FIXTURES.rglob("*")
    if p.suffix in (".txt", ".zip") and whatsapp.sniff(p, p.read_bytes()[:65536])
)


def test_fixtures_are_many():
    assert len(FIXTURE_FILES) >= 30


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixtures_parse_the_same_with_and_without_the_fast_path(path, monkeypatch):
    same_both_ways(path, monkeypatch)


# --- the pieces ---------------------------------------------------------------------------------------------------


def test_fast_shapes_match_only_what_their_general_shape_matches_with_the_same_groups():
    rng = random.Random(3)
    lines = [STYLES[style](datetime(2016, 1, 1) + timedelta(minutes=rng.randint(0, 5_000_000))) + "Ana: hi there"
             for style in STYLES for _ in range(40)]
    lines += ["12/01/2020, 10:00 - ", "12/01/2020, 10:00 -", "[12/01/2020, 10:00:00]", "12/01/2020, 10:00am - x",
              "12/01/20201, 10:00 - x", "1/2/3, 1:00 - x", "[2019-12-24, 12:23] Name: x", "12/01/2020 10:00 P M - x",
              "12/01/2020, 10:00 - \u200eAna: x", "12/01/2020, 10:00 at night - x", "٣١/١٢/٢٠٢٣, ٩:٠٥ - x"]
    fast_hits = 0
    for shape, fast in whatsapp._FAST_SHAPES.items():
        for line in lines:
            f = fast.match(line)
            if f is None:
                continue
            fast_hits += 1
            g = shape.match(line)
            clock = whatsapp._CLOCK.fullmatch(f.group("clock"))
            rest = whatsapp._fast_rest(f.group("author"), f.group("body"))
            read = (f.group("date"), None, *clock.group("h", "mi", "s", "ap"), rest)
            assert g is not None and read == g.group(*whatsapp._GROUPS), line
    assert fast_hits >= 600  # the fast shapes do take the common headers


def _bodies():
    rng = random.Random(5)
    for s in PLACEHOLDERS + NOTICES + sorted(whatsapp._MEDIA_EXACT | whatsapp._DELETED) + list(whatsapp._MEDIA_SUFFIXES):
        for prefix in ("", LRM, "x", "Report 2024"):
            yield prefix + s
            for _ in range(6):
                yield prefix + _vary(s, rng)
    for _ in range(3000):
        yield _body(rng, True)


def test_plain_text_says_text_only_where_classify_does():
    said = 0
    for body in _bodies():
        if whatsapp._plain_text(body):
            said += 1
            assert whatsapp._classify(body) == (body.lstrip(whatsapp._BODY_MARKS), "text", False), repr(body)
    assert said >= 1500  # it does decide the ordinary texts


def test_constants_mirror_str_isspace_and_strip_marks():
    assert whatsapp._WS == "".join(c for c in map(chr, range(0x110000)) if c.isspace())
    marks = {c for c in map(chr, range(0x110000)) if common.strip_marks("a" + c + "b") == "ab"}
    assert set(whatsapp._STRIPPED_MARKS) == marks
    # no string _classify compares with ends in a space, a dot or a mark, or is shorter than four
    keys = (*whatsapp._MEDIA_EXACT, *whatsapp._DELETED, *whatsapp._MEDIA_SUFFIXES)
    assert all(len(k) >= 4 and k[-1] not in whatsapp._KEY_TRAILER for k in keys)
    assert not re.search("[.。]", "".join(c.casefold() for c in map(chr, range(0x110000)) if c not in ".。"))


def test_collector_state_is_restored(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("01/02/2020, 10:00 - Bob: hi\n", encoding="utf-8")
    bad = tmp_path / "b.txt"
    bad.write_text("01/02/2020, 10:00 - Bob: hi\n01/02/2020, 25:00 - Bob: hi\n", encoding="utf-8")
    assert gc.isenabled()
    whatsapp.parse(good)
    assert gc.isenabled()
    with pytest.raises(ParseError):
        whatsapp.parse(bad)
    assert gc.isenabled()
    gc.disable()
    try:
        whatsapp.parse(good)
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()


def test_an_author_first_seen_in_a_body_less_line_keeps_the_general_rules(tmp_path, monkeypatch):
    # "Name:" takes any name as author; "Name: text" does not when the name is too long or holds an open quote
    long = "x" * 70
    text = (f"01/02/2020, 10:00 - {long}:\n01/02/2020, 10:01 - {long}: hello there\n"
            '01/02/2020, 10:02 - Ana "Bo:\n01/02/2020, 10:03 - Ana "Bo: hi\n01/02/2020, 10:04 - Ana: hi\n')
    path = tmp_path / "c.txt"
    path.write_text(text, encoding="utf-8")
    convs = same_both_ways(path, monkeypatch)[0]
    assert [(m["sender"], m["kind"]) for m in convs[0][5]] == [
        (long, "text"), (None, "system"), ('Ana "Bo', "text"), (None, "system"), ("Ana", "text")]


def test_authors_with_a_colon_read_the_same(tmp_path, monkeypatch):
    # The fast shapes split a rest at its first ':' when a space follows, else leave it to the general rules.
    text = ("01/02/2020, 10:00 - Ana:b: hi there\n01/02/2020, 10:01 - Ana: x:y and: more\n"
            "01/02/2020, 10:02 - a:b\n01/02/2020, 10:03 - Ana:\n01/02/2020, 10:04 - 10:30 Team: ok\n"
            "01/02/2020, 10:05 - : no author\n01/02/2020, 10:06 - Ana:b: again\n01/02/2020, 10:07 - Ana: hi\n")
    path = tmp_path / "WhatsApp Chat with Ana.txt"
    path.write_text(text, encoding="utf-8")
    convs = same_both_ways(path, monkeypatch)[0]
    assert [(m["sender"], m["text"]) for m in convs[0][5]] == [
        ("Ana:b", "hi there"), ("Ana", "x:y and: more"), (None, "a:b"), ("Ana", ""), ("10:30 Team", "ok"),
        (None, ": no author"), ("Ana:b", "again"), ("Ana", "hi")]
