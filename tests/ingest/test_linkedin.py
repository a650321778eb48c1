"""LinkedIn export importer: Connections.csv (3 eras), messages.csv (2018, 2021, 2025, 2026 quoted), errors."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from assistant.domain import ParseError
from assistant.ingest import NotAnExport, linkedin
from tests.paths import SHARED_FIXTURES

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "linkedin"
SHARED = SHARED_FIXTURES
ME_URL = "https://www.linkedin.com/in/mira-kova%C4%8D"
UTC = timezone.utc


def head(path: Path) -> bytes:
    return path.read_bytes()[:65536]


def conv_by_key(batch, key):
    return next(c for c in batch.conversations if c.key == key)


# --- Connections.csv ------------------------------------------------------------------------------------


def test_connections_current_format_with_preamble():
    b = linkedin.parse(FIX / "Connections.csv")
    assert b.format == "linkedin" and b.channel == "linkedin"
    assert b.conversations == []
    names = [c.name for c in b.contacts]
    # stray tab / trailing space stripped, emoji kept, CJK family name first, "Last Name" with a comma kept whole
    assert names == ["Tomás Reyes", "Priya Raman", "Dr. Diana Okafor🔸", "Zoë Brandt🇺🇦", "王磊", "Hannah Schmidt, Ph.D."]
    tomas, priya = b.contacts[0], b.contacts[1]
    assert tomas.identities == [("linkedin", "https://www.linkedin.com/in/tomasreyes"),
                                ("email", "tomas.reyes@example.org")]
    assert tomas.title == "Engineer, Platform" and tomas.organization == "Contoso"
    assert tomas.notes == "Connected on LinkedIn 2019-11-14"
    assert tomas.line == 5  # after the 3-line preamble and the header
    assert priya.identities == [("linkedin", "https://www.linkedin.com/in/priya-raman-8a1b2c")]  # empty e-mail
    assert priya.organization == "Northwind Analytics, Inc."
    assert priya.notes == "Connected on LinkedIn 2021-03-04"
    zoe = b.contacts[3]
    assert zoe.organization == "" and zoe.identities == [("linkedin", "https://www.linkedin.com/in/zo%C3%AB-brandt")]
    # the date-only row of a hidden profile is skipped with a warning naming its line
    assert len(b.warnings) == 1 and "Connections.csv:8" in b.warnings[0] and "hidden" in b.warnings[0]


def test_connections_2018_format_without_url_and_urn_email():
    b = linkedin.parse(FIX / "Connections_2018.csv")
    assert [c.name for c in b.contacts] == ["Aaron Feld", "Beatriz Lima", "Carl Nyström"]
    assert b.contacts[0].identities == [("email", "aaron.feld@example.com")]
    assert b.contacts[1].identities == []  # urn:li:member:... is not an e-mail
    assert b.contacts[0].notes == "Connected on LinkedIn 2018-01-08"
    assert b.contacts[1].notes == "Connected on LinkedIn 2017-12-24"
    assert b.contacts[2].organization == "" and b.contacts[2].line == 4


def test_connections_2022_preamble_without_url():
    b = linkedin.parse(FIX / "Connections_2022.csv")
    assert [(c.name, c.organization, c.notes) for c in b.contacts] == [
        ("Ines Okafor-Lindqvist", "Northwind Traders", "Connected on LinkedIn 2022-02-08")
    ]
    assert "Connections_2022.csv:6" in b.warnings[0]


def test_connections_unparseable_date_is_kept_with_warning(tmp_path):
    p = tmp_path / "Connections.csv"
    p.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                 "Ann,Lee,https://www.linkedin.com/in/annlee,,,,sometime in 2019\n", encoding="utf-8")
    b = linkedin.parse(p)
    assert b.contacts[0].notes == "Connected on LinkedIn sometime in 2019"
    assert f"{p}:2" in b.warnings[0]


# --- messages.csv, current (2025: ATTACHMENTS + IS MESSAGE DRAFT) ----------------------------------------


def test_messages_current_format():
    b = linkedin.parse(FIX / "messages.csv")
    assert b.me == {"Mira Kovač"}
    assert b.me_handles == (("linkedin", ME_URL),)
    keys = [c.key for c in b.conversations]
    # the SPAM conversation is left out; one conversation per CONVERSATION ID
    assert keys == ["2-ZGRkZGRkZGQtZmljdGlvbmFsLTAwMw==", "2-NGU4ZjQ0MGItZmljdGlvbmFsLTAwMg==",
                    "2-c3BvbnNvcmVkLWZpY3Rpb25hbC0wNA==", "2-YmQ3ZTk4ZjAtZmljdGlvbmFsLTAwMQ=="]
    assert any("1 draft" in w for w in b.warnings) and any("SPAM" in w for w in b.warnings)

    priya = conv_by_key(b, "2-NGU4ZjQ0MGItZmljdGlvbmFsLTAwMg==")
    assert not priya.is_group and priya.peer == "Priya Raman" and priya.title == "Priya Raman"
    assert priya.peer_handles == (("linkedin", "https://www.linkedin.com/in/priya-raman-8a1b2c"),)
    # sorted oldest first (the export is newest first); the draft is gone
    assert [m.timestamp for m in priya.messages] == [
        datetime(2023, 4, 30, 20, 1, 45, tzinfo=UTC), datetime(2023, 5, 1, 9, 15, tzinfo=UTC),
        datetime(2023, 5, 1, 14, 22, 10, tzinfo=UTC),
    ]
    first, photo, reply = priya.messages
    assert first.is_me is True and first.sender == "Mira Kovač"
    assert first.text == "Hi Priya,\nhere is the deck we talked about.\n\n“Quotes”, commas, and a second line."
    assert first.line == 11 and first.sender_handles == (("linkedin", ME_URL),)
    assert photo.kind == "media" and photo.text.startswith("[attachment] https://www.linkedin.com/dms/prv/image/")
    assert reply.is_me is False and reply.text == "Thanks for the intro — free Thursday?\n\nBest,\nPriya"

    group = conv_by_key(b, "2-ZGRkZGRkZGQtZmljdGlvbmFsLTAwMw==")
    assert group.is_group and group.title == "Reading group 📚" and group.peer is None
    assert [(m.sender, m.is_me) for m in group.messages] == [
        ("Hannah Schmidt, Ph.D.", False), ("王磊", False), ("Mira Kovač", True)]
    assert group.messages[1].text == "好的，我周四有空。"

    sponsored = conv_by_key(b, "2-c3BvbnNvcmVkLWZpY3Rpb25hbC0wNA==")
    assert sponsored.messages[0].text == "Hi %FIRSTNAME%,\n\nRead more & apply."  # HTML stripped, entities decoded
    assert sponsored.messages[0].sender_handles == ()

    tomas = conv_by_key(b, "2-YmQ3ZTk4ZjAtZmljdGlvbmFsLTAwMQ==")
    assert [(m.is_me, m.text) for m in tomas.messages] == [
        (True, "Merry Christmas Tomás!"), (False, "Frohe Weihnachten, Mira! 🎄")]


def test_source_ids_are_stable_and_unique():
    a = linkedin.parse(FIX / "messages.csv")
    b = linkedin.parse(FIX / "messages.csv")
    ids_a = [m.source_id for c in a.conversations for m in c.messages]
    assert ids_a == [m.source_id for c in b.conversations for m in c.messages]
    assert len(set(ids_a)) == len(ids_a) == 9


def test_messages_2021_without_recipient_urls():
    b = linkedin.parse(FIX / "messages_2021.csv")
    assert b.me == {"Mira Kovač"} and b.me_handles == (("linkedin", ME_URL),)
    # the conversation with only an anonymous "LinkedIn Member" is skipped
    assert [c.key for c in b.conversations] == ["2-b2xkLWZvcm1hdC0wMDE=", "2-b2xkLWZvcm1hdC0wMDM="]
    assert any("LinkedIn Member" in w and "messages_2021.csv:4" in w for w in b.warnings)
    aaron, alumni = b.conversations
    assert aaron.peer == "Aaron Feld" and not aaron.is_group
    assert aaron.peer_handles == (("linkedin", "https://www.linkedin.com/in/aaron-feld"),)
    assert [m.is_me for m in aaron.messages] == [False, True]
    assert aaron.messages[1].text == "Thank you Aaron & say hi to the team"
    assert alumni.is_group and alumni.title == "Alumni 2010"
    assert [(m.sender, m.is_me) for m in alumni.messages] == [("Mira Kovač", True), ("Jane Doe, Ph.D.", False)]


def test_messages_2026_fully_quoted_single_conversation_leaves_me_open():
    b = linkedin.parse(FIX / "messages_2026_quoted.csv")
    assert b.me == set() and b.me_handles == ()
    (conv,) = b.conversations
    (m,) = conv.messages
    assert m.is_me is None and m.sender == "Zoë Brandt"
    assert m.text == "Line one\nLine two\nLine three"  # the CRLF inside CONTENT became LF
    assert m.timestamp == datetime(2026, 2, 1, 10, 0, tzinfo=UTC)
    assert conv.peer is None and not conv.is_group


def test_messages_2018_direction():
    b = linkedin.parse(FIX / "messages_2018.csv")
    assert b.me == {"Mira Kovač"}
    aaron = next(c for c in b.conversations if c.peer == "Aaron Feld")
    assert [(m.sender, m.is_me) for m in aaron.messages] == [("Mira Kovač", True), ("Aaron Feld", False)]
    assert aaron.messages[0].timestamp == datetime(2018, 10, 16, 8, 36)  # naive: no zone in this format
    assert aaron.messages[1].timestamp == datetime(2018, 10, 16, 21, 2)
    assert aaron.messages[1].text == "Sure – Tuesday works. Don’t forget the slides."
    beatriz = next(c for c in b.conversations if c.peer == "Beatriz Lima")
    assert [(m.is_me, m.text) for m in beatriz.messages] == [(False, "Feliz ano novo!")]


# --- errors ------------------------------------------------------------------------------------------------


def test_coach_chat_is_rejected_with_reason():
    p = FIX / "guide_messages.csv"
    assert linkedin.sniff(p, head(p))
    with pytest.raises(ParseError, match="AI coach chat, not a conversation with a person") as e:
        linkedin.parse(p)
    assert isinstance(e.value, NotAnExport)  # a folder import can skip it like any other side file


def test_invitations_rejected_clearly():
    with pytest.raises(NotAnExport, match="Invitations.csv") as e:
        linkedin.parse(FIX / "Invitations.csv")
    assert e.value.line == 1


def test_wrong_columns_name_the_missing_column_and_header_line():
    with pytest.raises(ParseError) as e:
        linkedin.parse(FIX / "messages_wrong_columns.csv")
    assert e.value.field == "DATE" and e.value.line == 1 and "'DATE'" in str(e.value)


def test_connections_missing_column_after_preamble(tmp_path):
    p = tmp_path / "Connections.csv"
    p.write_text('Notes:\n"some note"\n\nFirst Name,Last Name,URL,Email Address,Company,Position\nA,B,,,,\n',
                 encoding="utf-8")
    with pytest.raises(ParseError) as e:
        linkedin.parse(p)
    assert e.value.field == "Connected On" and e.value.line == 4


def test_bad_date_names_the_physical_line(tmp_path):
    p = tmp_path / "messages.csv"
    p.write_text(
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n"
        'c1,,Ann,,Bob,2023-05-01 10:00:00 UTC,,"two\nlines",INBOX\n'
        "c1,,Bob,,Ann,yesterday,,hi,INBOX\n",
        encoding="utf-8",
    )
    with pytest.raises(ParseError) as e:
        linkedin.parse(p)
    assert e.value.line == 4 and e.value.field == "DATE"


def test_not_linkedin_at_all(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    assert not linkedin.sniff(p, head(p))
    with pytest.raises(ParseError) as e:
        linkedin.parse(p)
    assert e.value.line == 1


# --- sniffing -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Connections.csv", "Connections_2018.csv", "Connections_2022.csv", "messages.csv",
                                  "messages_2021.csv", "messages_2026_quoted.csv", "messages_2018.csv"])
def test_sniff_accepts_every_variant(name):
    assert linkedin.sniff(FIX / name, head(FIX / name))


def test_sniff_with_bom_and_crlf(tmp_path):
    p = tmp_path / "c.csv"
    p.write_bytes("\ufeffFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
                  "Ann,Lee,,,,,01 Jan 2020\r\n".encode("utf-8"))
    assert linkedin.sniff(p, head(p))
    assert linkedin.parse(p).contacts[0].name == "Ann Lee"


def test_sniff_rejects_google_contacts_header(tmp_path):
    p = tmp_path / "contacts.csv"
    p.write_text("First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,"
                 "Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,"
                 "Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value\n", encoding="utf-8")
    assert not linkedin.sniff(p, head(p))


def test_sniff_rejects_other_shared_fixtures():
    if not SHARED.is_dir():
        pytest.skip(f"shared fixtures not found at {SHARED}")
    files = [p for p in SHARED.rglob("*") if p.is_file() and p.suffix != ".md"]
    assert files
    for p in files:
        assert not linkedin.sniff(p, head(p)), p


def test_credential_suffix_in_to_is_not_a_second_person(tmp_path):
    p = tmp_path / "messages.csv"
    p.write_text(
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n"
        "c1,,Ann Bo,https://www.linkedin.com/in/annbo,\"Sam Lee, MBA\",2021-01-02 10:00:00 UTC,,Hi Sam,INBOX\n"
        "c2,,Ann Bo,https://www.linkedin.com/in/annbo,Kai Wu,2021-01-03 10:00:00 UTC,,Hi Kai,INBOX\n"
        "c2,,Kai Wu,https://www.linkedin.com/in/kaiwu,Ann Bo,2021-01-03 11:00:00 UTC,,Hi Ann,INBOX\n",
        encoding="utf-8",
    )
    b = linkedin.parse(p)
    assert b.me == {"Ann Bo"}
    sam, kai = b.conversations
    assert not sam.is_group and sam.peer == "Sam Lee, MBA" and sam.peer_handles == ()
    assert [m.is_me for m in kai.messages] == [True, False]
