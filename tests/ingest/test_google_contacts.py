"""Google Contacts CSV importer: current (UTF-8 + BOM) and legacy (UTF-16) headers, multi-values, birthdays."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.domain import ParseError
from assistant.ingest import google_contacts
from tests.paths import SHARED_FIXTURES

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "google_contacts"
SHARED = SHARED_FIXTURES


def head(path: Path) -> bytes:
    return path.read_bytes()[:65536]


def test_current_format():
    b = google_contacts.parse(FIX / "contacts.csv")
    assert b.format == "google_contacts" and b.channel == "contacts" and b.conversations == []
    assert [c.name for c in b.contacts] == [
        "Anna Schmidt", "李娜", "José María García 🇪🇸", "+44 7700 900123", "newsletter.reader@example.com",
        "Pizzeria Napoli",
    ]
    anna = b.contacts[0]
    # two values in one cell (" ::: ") plus a second e-mail column, all kept, in order
    assert anna.identities == [
        ("email", "anna@example.de"), ("email", "anna.schmidt@example.org"), ("email", "a.schmidt@fabrikam.example"),
        ("phone", "+49 170 1234567"), ("phone", "+49 30 9876543"),
        ("linkedin", "https://www.linkedin.com/in/anna-schmidt-fab"),
    ]
    assert anna.birthday == "1988-04-12"
    assert (anna.organization, anna.title) == ("Fabrikam GmbH", "CTO")
    assert anna.notes == ('Met at PyCon 2019, Berlin.\nLoves cycling, "gravel" especially.\nNickname: Anni\n'
                          "Department: Platform\nLabels: Friends, PyCon\nAnniversary: 2015-06-20")
    assert anna.line == 2

    li = b.contacts[1]
    assert li.birthday == "--07-30"  # no year
    assert li.identities == [("phone", "+86 138 0013 8000")]
    assert li.notes == "大学同学\nLabels: starred"  # system label myContacts dropped
    assert li.line == 5  # Anna's multi-line notes span lines 2-4

    jose = b.contacts[2]
    assert jose.birthday is None and jose.notes == "Birthday: 31/02/1990"
    assert any("contacts.csv:6" in w and "Birthday" in w for w in b.warnings)

    assert b.contacts[3].identities == [("phone", "+44 7700 900123")]  # no name: named by its number
    assert b.contacts[5].organization == "Pizzeria Napoli" and b.contacts[5].notes == "Labels: Food"
    # the row with only a label is skipped with a warning naming its line
    assert any("contacts.csv:9" in w and "skipped" in w for w in b.warnings)


def test_legacy_format_utf16():
    p = FIX / "legacy_google.csv"
    assert p.read_bytes()[:2] == b"\xff\xfe"
    b = google_contacts.parse(p)
    assert [c.name for c in b.contacts] == ["Ирина Петрова", "Tom Baker"]
    irina, tom = b.contacts
    assert irina.identities == [("email", "irina@example.ru"), ("phone", "+7 912 345-67-89"),
                                ("phone", "+7 495 123-45-67")]
    assert (irina.organization, irina.title, irina.birthday) == ("Яндекс", "Аналитик", "1990-01-01")
    assert irina.notes == "Labels: Book club"
    assert tom.name == "Tom Baker" and tom.birthday == "--11-23" and tom.notes == "Neighbour, flat 3B"
    assert tom.line == 3
    assert len(b.warnings) == 1 and "legacy_google.csv:4" in b.warnings[0]


def test_legacy_format_utf8(tmp_path):
    p = tmp_path / "google.csv"
    p.write_text("Name,Given Name,Additional Name,Family Name,Birthday,Notes,Group Membership,E-mail 1 - Type,"
                 "E-mail 1 - Value,Organization 1 - Type,Organization 1 - Name,Organization 1 - Title\n"
                 "Sam Okoro,Sam,,Okoro,19850302,,* My Contacts ::: Work,* Work,sam@example.ng,,Acme,PM\n",
                 encoding="utf-8")
    assert google_contacts.sniff(p, head(p))
    (c,) = google_contacts.parse(p).contacts
    assert (c.name, c.birthday, c.organization, c.title, c.notes) == ("Sam Okoro", "1985-03-02", "Acme", "PM",
                                                                      "Labels: Work")


def test_wrong_columns_is_an_error_naming_the_column(tmp_path):
    p = tmp_path / "contacts.csv"
    p.write_text("First Name,Last Name,E-mail Address\nAnn,Lee,ann@example.com\n", encoding="utf-8")
    with pytest.raises(ParseError) as e:
        google_contacts.parse(p)
    assert e.value.line == 1 and e.value.field == "Labels"


def test_only_empty_rows_is_an_error(tmp_path):
    p = tmp_path / "contacts.csv"
    p.write_text("First Name,Middle Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value\n,,,* myContacts,,\n",
                 encoding="utf-8")
    with pytest.raises(ParseError, match="none of the 1 row"):
        google_contacts.parse(p)


def test_binary_junk_is_rejected(tmp_path):
    p = tmp_path / "contacts.csv"
    p.write_bytes(b"First Name,Middle Name,Last Name,Labels\nA,,B,\n\xff\xfe\x00junk\n")
    with pytest.raises(ParseError) as e:
        google_contacts.parse(p)
    assert e.value.line == 3


def test_sniff():
    assert google_contacts.sniff(FIX / "contacts.csv", head(FIX / "contacts.csv"))
    assert google_contacts.sniff(FIX / "legacy_google.csv", head(FIX / "legacy_google.csv"))
    assert not google_contacts.sniff(FIX / "outlook.csv", head(FIX / "outlook.csv"))  # a different header set
    linkedin = FIX.parent / "linkedin" / "Connections.csv"
    assert not google_contacts.sniff(linkedin, head(linkedin))


def test_sniff_rejects_other_shared_fixtures():
    if not SHARED.is_dir():
        pytest.skip(f"shared fixtures not found at {SHARED}")
    files = [p for p in SHARED.rglob("*") if p.is_file() and p.suffix != ".md"]
    assert files
    for p in files:
        assert not google_contacts.sniff(p, head(p)), p
