"""WhatsApp importer: header variants, date inference, bodies, file names, zips, errors, size."""

from __future__ import annotations

import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from assistant.domain import ParseError
from assistant.ingest import detect, whatsapp
from tests.paths import SHARED_FIXTURES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "whatsapp"
SHARED = SHARED_FIXTURES
LRM, RLM, NNBSP = "\u200e", "\u200f", "\u202f"


def conv_of(path: Path, **kw):
    batch = whatsapp.parse(path, **kw)
    assert batch.format == "whatsapp" and batch.channel == "whatsapp"
    assert len(batch.conversations) == 1
    return batch, batch.conversations[0]


def rows(conv):
    return [(m.timestamp, m.sender, m.kind, m.text) for m in conv.messages]


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode("utf-8"))
    return p


def head(path: Path) -> bytes:
    return path.read_bytes()[:65536]


# --- fixtures written for this importer ----------------------------------------------------------------


def test_android_en_gb_one_to_one():
    batch, c = conv_of(FIXTURES / "WhatsApp Chat with Ana Souza.txt")
    assert (c.key, c.title, c.is_group, c.peer) == ("Ana Souza", "Ana Souza", False, "Ana Souza")
    assert batch.me == {"Tom Baker"}  # the author of "You deleted this message"
    assert all(m.is_me is None for m in c.messages)
    assert rows(c) == [
        (datetime(2022, 3, 18, 13, 31), None, "system",
         "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read "
         "or listen to them. Tap to learn more."),
        (datetime(2022, 3, 18, 14, 56), "Ana Souza", "text", "Hello Tom! Are we still on for Saturday?"),
        (datetime(2022, 3, 18, 14, 58), "Tom Baker", "text", "Yes: 10am at the usual place"),
        (datetime(2022, 3, 18, 15, 10), "Ana Souza", "media", "<Media omitted>"),
        (datetime(2022, 3, 18, 15, 12), "Ana Souza", "media", "IMG-20220318-WA0004.jpg (file attached)\nThe view from the top"),
        (datetime(2022, 3, 18, 15, 13), "Ana Souza", "text",
         "location: https://maps.google.com/?q=51.50214569326172,-0.12739796972656"),
        (datetime(2022, 3, 19, 9, 2), "Tom Baker", "text",
         "Notes from the meeting:\n2016-04-29 10:30:00 was when we started\n- budget: fine\n- next steps: call Ana"),
        (datetime(2022, 3, 19, 9, 3), "Tom Baker", "deleted", "You deleted this message"),
        (datetime(2022, 3, 19, 9, 4), "Ana Souza", "deleted", "This message was deleted"),
        (datetime(2022, 3, 20, 21, 15), "Ana Souza", "media", "PTT-20220320-WA0001.opus (file attached)"),
    ]
    assert [m.line for m in c.messages] == [1, 2, 3, 4, 5, 7, 8, 12, 13, 14]
    assert all(m.timestamp.tzinfo is None for m in c.messages)


def test_android_en_us_12h_ambiguous_dates_read_month_first():
    _, c = conv_of(FIXTURES / "WhatsApp Chat with Jordan Lee.txt")
    assert [(m.timestamp, m.sender, m.kind) for m in c.messages] == [
        (datetime(2023, 1, 5, 21, 5), None, "system"),
        (datetime(2023, 1, 5, 21, 5), "Jordan Lee", "text"),
        (datetime(2023, 1, 6, 0, 30), "Riley Park", "text"),  # 12:30 AM
        (datetime(2023, 1, 6, 12, 5), "Jordan Lee", "text"),  # 12:05 PM
        (datetime(2023, 2, 3, 7, 45), "Riley Park", "media"),
        (datetime(2023, 2, 3, 7, 46), "Jordan Lee", "media"),
        (datetime(2023, 12, 11, 23, 59), "Riley Park", "text"),
    ]
    assert c.peer == "Jordan Lee" and not c.is_group


def test_android_german():
    batch, c = conv_of(FIXTURES / "WhatsApp Chat mit Lena Vogel.txt")
    assert (c.title, c.peer, c.is_group) == ("Lena Vogel", "Lena Vogel", False)
    assert batch.me == {"Jonas Weber"}
    assert rows(c)[1:] == [
        (datetime(2022, 3, 18, 14, 57), "Lena Vogel", "text", "Hallo Jonas, kommst du morgen?"),
        (datetime(2022, 3, 18, 15, 2), "Jonas Weber", "text", "Ja, um 18:00 Uhr"),
        (datetime(2022, 3, 18, 15, 3), "Lena Vogel", "media", "<Medien weggelassen>"),
        (datetime(2022, 3, 19, 8, 10), "Lena Vogel", "media", "IMG-20220319-WA0000.jpg (Datei angehängt)"),
        (datetime(2022, 3, 19, 8, 11), "Jonas Weber", "deleted", "Du hast diese Nachricht gelöscht"),
        (datetime(2022, 3, 19, 8, 12), "Lena Vogel", "deleted", "Diese Nachricht wurde gelöscht"),
        (datetime(2022, 4, 5, 20, 0), "Jonas Weber", "text", "Bis bald!"),
    ]
    assert c.messages[0].kind == "system" and c.messages[0].sender is None


def test_ios_24h_month_first_crlf_and_marks():
    batch, c = conv_of(FIXTURES / "WhatsApp Chat - Sam Carter.txt")
    assert (c.key, c.peer, c.is_group) == ("Sam Carter", "Sam Carter", False)
    assert batch.me == {"Alex Kim"}
    got = rows(c)
    # The encryption notice carries the contact as author on iOS, but it is a system line.
    assert got[0] == (datetime(2022, 3, 18, 14, 56, 1), None, "system",
                      "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, "
                      "can read or listen to them.")
    assert got[1:] == [
        (datetime(2022, 3, 27, 21, 41, 35), "Alex Kim", "text", "Hello World"),
        (datetime(2022, 3, 27, 21, 41, 55), "Alex Kim", "media", "image omitted"),
        (datetime(2022, 3, 27, 21, 46, 3), "Sam Carter", "text",
         "Pimlico Gardens (London, United Kingdom): https://foursquare.com/v/4e89af95e5fa82ad4c0aa03b"),
        (datetime(2022, 3, 27, 21, 50, 25), "Alex Kim", "media", "Resume-Alex-Kim.pdf • 2 pages document omitted"),
        (datetime(2022, 3, 27, 21, 50, 54), "Alex Kim", "deleted", "You deleted this message."),
        (datetime(2022, 3, 27, 21, 54, 45), "Sam Carter", "deleted", "This message was deleted."),
        (datetime(2022, 3, 27, 21, 56, 46), "Alex Kim", "text", "Location: https://maps.google.com/?q=51.5021456,-0.127397"),
        (datetime(2022, 3, 28, 8, 0, 10), "Sam Carter", "call", "Missed voice call"),
        (datetime(2022, 4, 28, 20, 17, 30), None, "system", "Your security code with Sam Carter changed. Tap to learn more."),
        (datetime(2022, 4, 28, 20, 18), "Alex Kim", "text", "Two lines\nsecond: line"),
    ]
    assert not any("\r" in m.text or LRM in m.text for m in c.messages)


def test_ios_12h_narrow_nbsp_and_empty_first_body_line():
    _, c = conv_of(FIXTURES / "WhatsApp Chat - Priya Nair.txt")
    assert rows(c) == [
        (datetime(2025, 11, 13, 12, 25, 55), None, "system",
         "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read "
         "or listen to them."),
        (datetime(2025, 11, 13, 12, 26, 10), "Priya Nair", "text", "Line one of a long note\nLine two"),
        (datetime(2025, 11, 14, 0, 1), "Dev Mehta", "media", "image omitted"),  # 12:01 AM, sorted before 9:09 AM
        (datetime(2025, 11, 14, 9, 9, 43), "Dev Mehta", "text", "Got it"),
        (datetime(2025, 11, 15, 23, 59, 59), "Priya Nair", "media", "<attached: 00000012-PHOTO-2025-11-15-23-59-59.jpg>"),
    ]
    assert [m.line for m in c.messages] == [1, 2, 6, 5, 7]


def test_ios_zip_group_reads_chat_txt():
    path = FIXTURES / "WhatsApp Chat - Book Club.zip"
    assert whatsapp.sniff(path, head(path))
    batch, c = conv_of(path)
    assert (c.key, c.title, c.is_group, c.peer) == ("Book Club", "Book Club", True, None)
    assert batch.authors() == {"Mia Chen", "Leo Martin"}  # the group name on system lines is no author
    # 11/01/2023 alone does not show its order: day-first default.
    assert rows(c) == [
        (datetime(2023, 1, 11, 16, 11, 2), None, "system", "Mia Chen created group “Book Club”"),
        (datetime(2023, 1, 11, 16, 11, 3), None, "system", "Mia Chen added you"),
        (datetime(2023, 1, 11, 16, 13), None, "system",
         "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read "
         "or listen to them."),
        (datetime(2023, 1, 11, 16, 26), "Mia Chen", "text", "Welcome all! First pick: “Dune”"),
        (datetime(2023, 1, 11, 16, 27, 30), "Leo Martin", "media", "<attached: 00000005-PHOTO-2023-01-11-16-27-30.jpg>"),
        (datetime(2023, 1, 11, 16, 28), "Leo Martin", "text", "Looks great"),
    ]


def test_arabic_indic_digits_rlm_and_arabic_comma():
    batch, c = conv_of(FIXTURES / "WhatsApp Chat - Omar Haddad.txt")
    assert c.peer == "Omar Haddad" and batch.me == {"Karim Aziz"}
    assert [(m.timestamp, m.sender, m.kind) for m in c.messages] == [
        (datetime(2022, 3, 18, 14, 56), None, "system"),  # ٢:٥٦:٠٠ م
        (datetime(2022, 3, 27, 21, 41, 35), "Karim Aziz", "text"),
        (datetime(2022, 3, 27, 21, 41, 55), "Karim Aziz", "media"),
        (datetime(2022, 3, 28, 0, 5), "Omar Haddad", "deleted"),  # ١٢:٠٥:٠٠ ص
        (datetime(2022, 3, 28, 10, 15, 20), "Karim Aziz", "deleted"),
        (datetime(2022, 4, 1, 12, 30), "Omar Haddad", "text"),  # ١٢:٣٠:٠٠ م
    ]
    assert c.messages[1].text == "مرحبا عمر"
    assert c.messages[2].text == "لم يتم إدراج الصورة"


def test_arabic_latin_digits_with_rlm_inside_the_bracket(tmp_path):
    p = write(tmp_path, "WhatsApp Chat - Omar.txt",
              f"[{RLM}18{RLM}/3{RLM}/2022، 14:56:01] Omar: مرحبا\r\n[{RLM}27{RLM}/3{RLM}/2022، 21:41:35] Karim: أهلا\r\n")
    _, c = conv_of(p)
    assert rows(c) == [
        (datetime(2022, 3, 18, 14, 56, 1), "Omar", "text", "مرحبا"),
        (datetime(2022, 3, 27, 21, 41, 35), "Karim", "text", "أهلا"),
    ]


def test_vietnamese_time_first():
    batch, c = conv_of(FIXTURES / "WhatsApp Chat - Linh Tran.txt")
    assert batch.me == {"Minh Do"}
    assert [(m.timestamp, m.sender, m.kind, m.text) for m in c.messages[1:]] == [
        (datetime(2022, 3, 27, 21, 41, 35), "Minh Do", "text", "Chào Linh"),
        (datetime(2022, 3, 27, 21, 41, 55), "Minh Do", "media", "đã bỏ qua hình ảnh"),
        (datetime(2022, 3, 27, 21, 50, 54), "Minh Do", "deleted", "Bạn đã xoá tin nhắn này."),
        (datetime(2022, 3, 27, 21, 54, 45), "Linh Tran", "deleted", "Tin nhắn này đã bị xóa."),
        (datetime(2023, 1, 12, 8, 5), "Linh Tran", "text", "Hẹn gặp lại"),
    ]
    assert c.messages[0].timestamp == datetime(2022, 3, 18, 14, 56, 1) and c.messages[0].kind == "system"


def test_thai_buddhist_years():
    _, c = conv_of(FIXTURES / "WhatsApp Chat - Somchai Wong.txt")
    assert [(m.timestamp, m.sender, m.kind) for m in c.messages] == [
        (datetime(2022, 3, 18, 14, 56, 1), None, "system"),
        (datetime(2022, 3, 27, 21, 41, 35), "Nok Saetang", "text"),
        (datetime(2022, 3, 27, 21, 41, 55), "Nok Saetang", "media"),
        (datetime(2023, 1, 7, 23, 32, 30), "Somchai Wong", "text"),
    ]


def test_japanese_heisei_and_reiwa_years():
    batch, c = conv_of(FIXTURES / "WhatsApp Chat - Yuki Tanaka.txt")
    assert rows(c) == [
        (datetime(2019, 4, 30, 22, 10), "Yuki Tanaka", "text", "Last day of Heisei!"),
        (datetime(2019, 5, 1, 0, 0, 5), "Haru Sato", "text", "Welcome Reiwa"),
        (datetime(2022, 3, 18, 14, 56, 1), "Yuki Tanaka", "media", "画像は含まれていません"),
        (datetime(2023, 1, 12, 2, 5, 44), "Haru Sato", "deleted", "このメッセージを削除しました。"),
    ]
    assert batch.me == {"Haru Sato"}


def test_group_with_out_of_order_system_lines_and_phone_authors():
    batch, c = conv_of(FIXTURES / "WhatsApp Chat with Trail Runners.txt")
    assert (c.title, c.is_group, c.peer) == ("Trail Runners", True, None)
    assert batch.authors() == {"Ines Moreau", "+44 7700 900123", "Paul Rossi"}
    # Sorted by time; lines written out of order keep file order among equal times.
    assert [m.line for m in c.messages] == [2, 3, 1, 4, 5, 6, 7, 8, 9, 10, 11]
    assert [m.timestamp for m in c.messages] == sorted(m.timestamp for m in c.messages)
    system = [m for m in c.messages if m.kind == "system"]
    assert all(m.sender is None for m in system) and len(system) == 7
    assert 'You changed the subject from "Runners: 2023" to "Trail Runners"' in [m.text for m in system]
    assert "+44 7700 900123 joined using this group's invite link" in [m.text for m in system]
    phone = next(m for m in c.messages if m.sender == "+44 7700 900123")
    assert phone.text == "Count me in" and phone.sender_handles == (("phone", "+44 7700 900123"),)
    paul = next(m for m in c.messages if m.sender == "Paul Rossi")  # shown as "~ Paul Rossi" (not a contact)
    assert paul.text == "Me too" and paul.sender_handles == ()


def test_crlf_with_bom():
    assert (FIXTURES / "WhatsApp Chat with Noah Fischer.txt").read_bytes()[:3] == b"\xef\xbb\xbf"
    _, c = conv_of(FIXTURES / "WhatsApp Chat with Noah Fischer.txt")
    assert rows(c) == [
        (datetime(2024, 3, 2, 10, 0), "Noah Fischer", "text", "Morning!"),
        (datetime(2024, 3, 2, 10, 1), "Eva Klein", "text", "Morning, Noah\nHow was the trip?"),
        (datetime(2024, 3, 2, 10, 5), "Noah Fischer", "text", "Long: 9 hours"),
    ]


@pytest.mark.parametrize("path", sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".zip")), ids=lambda p: p.name)
def test_sniff_and_detect_accept_every_fixture(path):
    assert whatsapp.sniff(path, head(path))
    assert detect(path).NAME == "whatsapp"


# --- the shared real-format samples (chat-miner) ----------------------------------------------------------


def shared(name: str) -> Path:
    folder = SHARED / "whatsapp"
    if not folder.is_dir():
        pytest.skip(f"shared fixtures not found at {folder}")
    return folder / name


SHARED_EXPECTED = [
    (datetime(2019, 1, 1, 11, 25), "John Doe", "text", "Lorem ipsum dolor sit amet."),
    (datetime(2019, 1, 20, 11, 23), "John Doe", "deleted", ""),  # "John Doe:." (no body in the export)
    (datetime(2019, 1, 30, 20, 49), "Jahn Doe", "text", "Lorem ipsum dolor sit amet,\nconsectetur adipiscing elit. Duis libero."),
    (datetime(2020, 6, 10, 15, 55), "John-John Doe", "text", "Lorem ipsum : dolor sit amet."),
    (datetime(2020, 6, 20, 0, 8), None, "system", '+12 345 578 created group "Groupname"'),
    (datetime(2020, 6, 30, 9, 10), None, "system", "You were added"),
    (datetime(2021, 12, 10, 10, 10), "John Doe 🤓", "text", "Lorem ipsum 🤓"),
    (datetime(2021, 12, 20, 12, 10), "🤓", "text", "Lorem ipsum 🤓"),
    (datetime(2021, 12, 30, 22, 1), "John Doe", "text", "Lorem ipsum dolor sit amet,\nconsectetur adipiscing elit. Duis libero."),
]


@pytest.mark.parametrize(
    "name",
    ["test_ddmmyy_24hrs.txt", "test_mmddyy_24hrs.txt", "test_mmddyyyy_12hrs.txt", "test_yyyymmdd_24hrs.txt",
     "test_[mmddyy]_24hrs.txt"],
)
def test_shared_samples(name):
    path = shared(name)
    assert whatsapp.sniff(path, head(path))
    batch, c = conv_of(path)
    assert rows(c) == SHARED_EXPECTED
    assert [m.line for m in c.messages] == [1, 2, 3, 5, 6, 7, 8, 9, 10]
    assert c.key == c.title == path.stem and c.peer is None
    assert c.is_group  # "created group" and four authors
    assert batch.authors() == {"John Doe", "Jahn Doe", "John-John Doe", "John Doe 🤓", "🤓"}
    assert batch.me == set()


def test_sniff_rejects_other_shared_formats():
    if not SHARED.is_dir():
        pytest.skip(f"shared fixtures not found at {SHARED}")
    others = [p for p in SHARED.rglob("*") if p.is_file() and p.parent.name != "whatsapp" and p.name != "SOURCES.md"]
    assert others
    for p in others:  # incl. Signal's "[2019-12-24, 12:23] Jane Doe: ..." which looks like iOS WhatsApp
        assert not whatsapp.sniff(p, head(p)), p


# --- date order ---------------------------------------------------------------------------------------------


def test_date_order_majority_and_override(tmp_path):
    p = write(tmp_path, "c.txt", "03/04/2021, 10:00 - A: x\n04/05/2021, 10:00 - B: y\n25/05/2021, 10:00 - A: z\n")
    _, c = conv_of(p)
    assert [m.timestamp.date() for m in c.messages] == [
        datetime(2021, 4, 3).date(), datetime(2021, 5, 4).date(), datetime(2021, 5, 25).date()]
    ambiguous = write(tmp_path, "d.txt", "03/04/2021, 10:00 - A: x\n")
    assert conv_of(ambiguous)[1].messages[0].timestamp == datetime(2021, 4, 3, 10, 0)  # default: day-first
    assert conv_of(ambiguous, date_order="mdy")[1].messages[0].timestamp == datetime(2021, 3, 4, 10, 0)
    with pytest.raises(ValueError):
        whatsapp.parse(ambiguous, date_order="dym")


def test_other_header_variants(tmp_path):
    cases = {
        "31.12.22 21:05 - A: cs no comma\n": datetime(2022, 12, 31, 21, 5),
        "31-12-2022 21:05 - A: nl dashes\n": datetime(2022, 12, 31, 21, 5),
        "2016-04-15, 3:04 p.m. - A: year first\n": datetime(2016, 4, 15, 15, 4),
        "[31.12.22, 21:05:09] A: ios de\n": datetime(2022, 12, 31, 21, 5, 9),
        "[3/18/22 14.56.01] A: ios id dots\n": datetime(2022, 3, 18, 14, 56, 1),
        "13.6.2018 klo 21.25.15 - A: fi\n": datetime(2018, 6, 13, 21, 25, 15),
        "2022/3/18 下午2:56 - A: zh\n": datetime(2022, 3, 18, 14, 56),
        f"12/31/22, 9:05{NNBSP}PM - A: android new\n": datetime(2022, 12, 31, 21, 5),
    }
    for i, (text, ts) in enumerate(cases.items()):
        p = write(tmp_path, f"v{i}.txt", text)
        assert whatsapp.sniff(p, head(p)), text
        assert conv_of(p)[1].messages[0].timestamp == ts, text


# --- file names -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, title, named",
    [
        ("WhatsApp Chat with Ana Souza.txt", "Ana Souza", True),
        ("WhatsApp Chat with Ana Souza (1).txt", "Ana Souza", True),
        ("WhatsApp_Chat_with_Ana_Souza.txt", "Ana Souza", True),
        ("WhatsApp Chat - Ana Souza.txt", "Ana Souza", True),
        ("Чат WhatsApp с\u00a0контактом Ана.txt", "Ана", True),
        ("Conversa do WhatsApp com Ana.txt", "Ana", True),
        ("Discussion WhatsApp avec Ana.txt", "Ana", True),
        ("Chat de WhatsApp con Ana.txt", "Ana", True),
        ("my chat.txt", "my chat", False),
    ],
)
def test_title_from_file_name(tmp_path, name, title, named):
    p = write(tmp_path, name, "01/02/2020, 10:00 - Bob: hi\n01/02/2020, 10:01 - Me Myself: hey\n")
    _, c = conv_of(p)
    assert (c.key, c.title) == (title, title)
    assert c.peer == (title if named else None)
    assert not c.is_group


def test_loose_chat_txt_takes_the_folder_name(tmp_path):
    folder = tmp_path / "WhatsApp Chat - Mia Chen"
    folder.mkdir()
    p = write(folder, "_chat.txt", "[1/2/20, 10:00:00] Mia Chen: hi\r\n")
    _, c = conv_of(p)
    assert (c.title, c.peer) == ("Mia Chen", "Mia Chen")


def test_phone_number_peer(tmp_path):
    p = write(tmp_path, "WhatsApp Chat with +49 170 1234567.txt",
              "01/02/2020, 10:00 - +49 170 1234567: hi\n01/02/2020, 10:01 - Eva: hey\n")
    _, c = conv_of(p)
    assert c.peer == "+49 170 1234567" and c.peer_handles == (("phone", "+49 170 1234567"),)


# --- bodies -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body, kind",
    [
        ("<Media omitted>", "media"), ("<Medien weggelassen>", "media"), ("<Médias omis>", "media"),
        ("<Multimedia omitido>", "media"), ("<Без медиафайлов>", "media"), ("<Media weggelaten>", "media"),
        ("<Mídia oculta>", "media"), ("<省略多媒体文件>", "media"), ("<تم استبعاد الوسائط>", "media"),
        ("<मीडिया के बिना>", "media"), (f"{LRM}image omitted", "media"), (f"{LRM}imagen omitida", "media"),
        (f"{LRM}изображение отсутствует", "media"), (f"{LRM}vídeo não revelado", "media"),
        (f"{LRM}फ़ोटो हटाई गई", "media"), (f"{LRM}afbeelding weggelaten", "media"),
        ("Plan.pdf • 3 Seiten Dokument weggelassen", "media"), ("DOC-20220101-WA0001.pdf (fichier joint)", "media"),
        (f"{LRM}<Anhang: 00000012-PHOTO-2022-03-27-21-41-55.jpg>", "media"),
        ("Ce message a été supprimé", "deleted"), ("Se eliminó este mensaje.", "deleted"),
        ("Данное сообщение удалено.", "deleted"), ("Dit bericht is verwijderd", "deleted"),
        ("此消息已删除", "deleted"), ("यह मैसेज डिलीट कर दिया गया है.", "deleted"),
        (f"{LRM}Video call, {LRM}12 min", "call"),
        (f"{LRM}Your security code with Bob changed. Tap to learn more.", "system"),
        ("image omitted because I forgot", "text"), ("Video call tomorrow?", "text"), ("<3 <3", "text"),
    ],
)
def test_body_kinds(tmp_path, body, kind):
    p = write(tmp_path, "c.txt", f"[1/2/20, 10:00:00] Bob: {body}\r\n")
    m = conv_of(p)[1].messages[0]
    assert m.kind == kind
    assert (m.sender is None) == (kind == "system")
    if kind != "text":
        assert LRM not in m.text and m.text


def test_source_ids_are_stable_and_distinct_for_repeats(tmp_path):
    text = "01/02/2020, 10:00 - Bob: hi\n01/02/2020, 10:00 - Bob: hi\n01/02/2020, 10:01 - Eva: hi\n"
    p = write(tmp_path, "c.txt", text)
    ids1 = [m.source_id for m in conv_of(p)[1].messages]
    ids2 = [m.source_id for m in conv_of(p)[1].messages]
    assert ids1 == ids2 and len(set(ids1)) == 3


def test_blank_lines_and_no_final_newline(tmp_path):
    p = write(tmp_path, "c.txt", "\n\n01/02/2020, 10:00 - Bob: first\n\nafter a blank line\n\n01/02/2020, 10:01 - Eva: last")
    _, c = conv_of(p)
    assert [(m.line, m.text) for m in c.messages] == [(3, "first\n\nafter a blank line"), (7, "last")]


# --- errors -------------------------------------------------------------------------------------------------


def error_of(path: Path) -> ParseError:
    with pytest.raises(ParseError) as e:
        whatsapp.parse(path)
    return e.value


def test_leading_lines_before_the_first_header_are_skipped_with_a_warning(tmp_path):
    b = whatsapp.parse(write(tmp_path, "c.txt", "the tail of a message\ncut at the start\n01/02/2020, 10:00 - Bob: hi\n"))
    assert [m.text for m in b.conversations[0].messages] == ["hi"]
    assert b.warnings == [f"{tmp_path / 'c.txt'}:1: lines 1-2 come before the first message header "
                          "(the export starts mid-message?); skipped"]


def test_first_line_not_a_header(tmp_path):
    e = error_of(write(tmp_path, "d.txt", "\n\nHello there\n"))
    assert e.line == 3
    e = error_of(write(tmp_path, "e.txt", "\n \n"))
    assert e.line == 1 and "empty" in e.reason


def test_impossible_day(tmp_path):
    e = error_of(write(tmp_path, "c.txt", "01/02/2020, 10:00 - Bob: hi\n32/01/2020, 10:00 - Bob: hi\n"))
    assert e.line == 2 and "day 32" in e.reason


def test_month_13_in_a_day_first_file(tmp_path):
    text = "20/01/2020, 10:00 - Bob: hi\n21/01/2020, 10:00 - Bob: hi\n05/13/2020, 10:00 - Bob: oops\n"
    e = error_of(write(tmp_path, "c.txt", text))
    assert e.line == 3 and "month 13" in e.reason and "day/month/year" in e.reason and "line 1" in e.reason


def test_impossible_times(tmp_path):
    e = error_of(write(tmp_path, "c.txt", "01/02/2020, 10:00 - Bob: hi\n01/02/2020, 25:00 - Bob: hi\n"))
    assert e.line == 2
    e = error_of(write(tmp_path, "d.txt", "1/2/20, 10:00 AM - Bob: hi\n1/2/20, 13:00 PM - Bob: hi\n"))
    assert e.line == 2 and "12-hour" in e.reason
    e = error_of(write(tmp_path, "e.txt", "[1/2/R0, 10:00:00] Bob: hi\r\n"))
    assert e.line == 1 and "R0" in e.reason


def test_binary_junk(tmp_path):
    p = tmp_path / "c.txt"
    p.write_bytes(b"01/02/2020, 10:00 - Bob: hi\n\xff\xfe\x00junk")
    assert error_of(p).line == 2


def test_zip_without_chat(tmp_path):
    p = tmp_path / "WhatsApp Chat - X.zip"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("Connections.csv", "First Name,Last Name\n")
    assert not whatsapp.sniff(p, head(p))
    e = error_of(p)
    assert "_chat.txt" in e.reason and "Connections.csv" in e.reason


def test_zip_errors_name_the_member(tmp_path):
    p = tmp_path / "WhatsApp Chat - X.zip"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("_chat.txt", "[1/2/20, 10:00:00] Bob: hi\r\n[32/2/20, 10:00:00] Bob: hi\r\n")
    e = error_of(p)
    assert e.path.endswith("X.zip!/_chat.txt") and e.line == 2
    assert f"{p}!/_chat.txt:2" in str(e)


def test_sniff_rejects_markdown_and_plain_text(tmp_path):
    md = write(tmp_path, "chat.md", "[2024-01-02 10:00:00] Me: hello\n")
    assert not whatsapp.sniff(md, head(md))
    txt = write(tmp_path, "notes.txt", "Shopping list\n01/02/2020, 10:00 - Bob: hi\n")
    assert not whatsapp.sniff(txt, head(txt))


# --- size ---------------------------------------------------------------------------------------------------


def test_generated_20000_messages(tmp_path):
    start = datetime(2020, 1, 1, 8, 0)
    step = timedelta(minutes=7)
    names = ("Ana Souza", "Bruno Lima", "+55 11 91234-5678")
    out = []
    for i in range(20000):
        t = start + i * step
        body = f"message {i}: about plans" + ("\nand a second line" if i % 10 == 0 else "")
        out.append(f"{t:%d/%m/%Y}, {t:%H:%M} - {names[i % 3]}: {body}")
    p = write(tmp_path, "WhatsApp Chat with Runners.txt", "\n".join(out) + "\n")
    _, c = conv_of(p)
    assert len(c.messages) == 20000
    assert c.messages[0].timestamp == start and c.messages[0].text == "message 0: about plans\nand a second line"
    assert c.messages[-1].timestamp == start + 19999 * step == datetime(2020, 4, 7, 13, 13)
    assert c.messages[-1].text == "message 19999: about plans" and c.messages[-1].sender == "Bruno Lima"
    assert c.is_group and len({m.source_id for m in c.messages}) == 20000
