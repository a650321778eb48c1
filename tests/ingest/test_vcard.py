"""vCard importer: real app exports (shared fixtures, ez-vcard / vobject test files) and our own samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.domain import ParseError
from assistant.ingest import vcard
from tests.paths import SHARED_FIXTURES

HERE = Path(__file__).resolve().parent
OWN = HERE.parent / "fixtures" / "vcard"
SHARED = SHARED_FIXTURES / "vcard"

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=f"shared fixtures not found at {SHARED}")


def shared(name: str) -> Path:
    return SHARED / name


def ids(contact, kind: str) -> list[str]:
    return [v for k, v in contact.identities if k == kind]


def head(path: Path) -> bytes:
    return path.read_bytes()[:65536]


# ------------------------------------------------------------------------------------------------ shared


@needs_shared
def test_every_shared_fixture_is_sniffed_and_parses():
    files = sorted(SHARED.glob("*.vcf"))
    assert len(files) == 8
    for f in files:
        assert vcard.sniff(f, head(f)), f.name
        batch = vcard.parse(f)
        assert batch.contacts, f.name
        assert batch.format == "vcard" and batch.channel == "contacts"
        assert not batch.conversations


@needs_shared
def test_android_21_quoted_printable_and_invalid_byte():
    batch = vcard.parse(shared("John_Doe_ANDROID.vcf"))
    names = [c.name for c in batch.contacts]
    # the first two cards have neither FN nor N: the e-mail address stands in for the name
    assert names == [
        "john.doe@company.com",
        "jane.doe@company.com",
        "Ñ Ñ Ñ Ñ Ñ",
        "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ",  # FN folded with a quoted-printable soft break
        "Ñ Ñ Ñ Ñ",
        "ÑÑÑÑ",
    ]
    assert [c.line for c in batch.contacts] == [1, 6, 11, 18, 36, 71]
    assert ids(batch.contacts[0], "email") == ["john.doe@company.com"]
    assert ids(batch.contacts[2], "phone") == ["123456789"]
    assert ids(batch.contacts[3], "phone") == ["123456", "234567", "3456789", "45678901"]
    # card 5: TEL;WORK;FAX dropped, duplicate 123456 kept once; the QP "e-mail" without @ is not an address
    assert batch.contacts[4].identities == [("phone", "123456"), ("email", "bob@company.com")]
    assert batch.contacts[4].organization == "Ñ" * 12
    # card 4 has two NOTE lines, each with soft breaks (no blank between "Ñ=" and "=C3=91")
    assert batch.contacts[3].notes.split("\n")[0] == "Ñ Ñ Ñ Ñ Ñ Ñ Ñ ÑÑ Ñ Ñ Ñ Ñ Ñ Ñ ÑÑ Ñ Ñ Ñ Ñ"
    henry = batch.contacts[5]
    assert henry.identities == [("phone", "55556666"), ("email", "henry@company.com")]
    # the stray =80 (not UTF-8) in the second ORG is replaced, and that is reported with its line
    assert henry.organization == "Ñ" * 44
    assert batch.warnings == [f"{shared('John_Doe_ANDROID.vcf')}:82: ORG has bytes that are not UTF-8; replaced"]


@needs_shared
def test_iphone_30_with_cr_cr_lf_and_item_groups():
    data = shared("John_Doe_IPHONE.vcf").read_bytes()
    assert b"\r\r\n" in data  # the pitfall this fixture is about
    batch = vcard.parse(shared("John_Doe_IPHONE.vcf"))
    assert batch.warnings == []
    (c,) = batch.contacts
    assert c.name == "Mr. John Richter James Doe Sr."
    assert ids(c, "email") == ["john.doe@ibm.com"]  # item1.EMAIL
    # HOME;FAX and WORK;FAX are not ways to reach a person; item2.TEL (grouped with X-ABLabel) is kept
    assert ids(c, "phone") == ["905-555-1234", "905-666-1234", "905-777-1234", "905-111-1234", "905-222-1234"]
    assert c.birthday == "2012-06-06"
    assert (c.organization, c.title) == ("IBM", "Money Counter")


@needs_shared
def test_gmail_30_unescaped_comma_in_fn_is_kept():
    (c,) = vcard.parse(shared("John_Doe_GMAIL.vcf")).contacts
    # vobject alone would cut this at the comma ("Mr. John Richter")
    assert c.name == "Mr. John Richter, James Doe Sr."
    assert ids(c, "phone") == ["905-555-1234", "905-666-1234"]
    assert ids(c, "email") == ["john.doe@ibm.com"]
    assert c.birthday == "1980-03-22"
    assert (c.organization, c.title) == ("IBM", "Money Counter")
    assert c.notes.startswith('THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND')
    assert c.notes.endswith("\nFavotire Color: Blue")


@needs_shared
def test_evolution_30():
    (c,) = vcard.parse(shared("John_Doe_EVOLUTION.vcf")).contacts
    assert c.name == "Mr. John Richter, James Doe Sr."
    assert ids(c, "phone") == ["905-666-1234", "905-555-1234"]
    assert ids(c, "email") == ["john.doe@ibm.com"]
    assert c.birthday == "1980-03-22"
    assert c.organization == "IBM"


@needs_shared
def test_macos_address_book_30():
    (c,) = vcard.parse(shared("John_Doe_MAC_ADDRESS_BOOK.vcf")).contacts
    assert c.name == "Mr. John Richter,James Doe Sr."
    assert ids(c, "email") == ["john.doe@ibm.com"]
    assert ids(c, "phone") == ["905-777-1234", "905-666-1234", "905-555-1234", "905-111-1234", "905-222-1234"]
    assert c.birthday == "2012-06-06"
    assert c.notes.endswith("Favotire Color: Blue")  # "\:" unescaped


@needs_shared
def test_gmail_single2_many_fields():
    (c,) = vcard.parse(shared("gmail-single2.vcf")).contacts
    assert c.name == "VCard Test"
    assert ids(c, "email") == [
        "email@example.com",
        "homeemail@example.com",
        "workemail@example.com",
        "otheremail@example.com",
        "customcategory@example.com",
    ]
    assert ids(c, "phone") == [f"555555{n}" for n in (1111, 1112, 1113, 1114, 1115, 1116, 1119, 1120, 1121)]
    assert c.birthday == "1912-06-23"
    assert (c.organization, c.title) == ("TheCompany", "TheJobTitle")
    assert c.notes == "note line 1\nnote line 2\nCustomField: field value"


@needs_shared
def test_outlook_2007_21():
    (c,) = vcard.parse(shared("outlook-2007.vcf")).contacts
    assert c.name == "Mr. Michael Angstadt Jr."
    assert ids(c, "phone") == ["(111) 555-1111", "(111) 555-2222", "(111) 555-4444"]
    assert ids(c, "email") == ["mike.angstadt@gmail.com"]
    assert c.birthday == "1922-03-10"  # basic form 19220310
    assert c.notes.startswith("This is the NOTE field\t\nI assume it encodes this text inside a NOTE vCard type.\n")
    assert "\r" not in c.notes


@needs_shared
def test_radicale_minimal_30():
    (c,) = vcard.parse(shared("radicale-1587.vcf")).contacts
    assert c.name == "Given Family"
    assert c.identities == []
    assert c.birthday is None


@needs_shared
def test_tolerant_parser_reads_the_shared_files_like_vobject(monkeypatch):
    files = sorted(SHARED.glob("*.vcf")) + sorted(OWN.glob("*.vcf"))
    with_vobject = {f: vcard.parse(f).contacts for f in files}

    def refuse(card):
        raise ValueError("vobject unavailable")

    monkeypatch.setattr(vcard, "_parse_with_vobject", refuse)
    for f in files:
        fallback = vcard.parse(f).contacts
        assert len(fallback) == len(with_vobject[f]), f.name
        for a, b in zip(with_vobject[f], fallback):
            assert (a.name, a.birthday, a.organization, a.title, a.notes) == (
                b.name, b.birthday, b.organization, b.title, b.notes,
            ), f.name
            assert sorted(a.identities) == sorted(b.identities), f.name


# ------------------------------------------------------------------------------------------------ own fixtures


def test_vcard_40_fields_and_social_profiles():
    batch = vcard.parse(OWN / "contacts-v4.vcf")
    assert batch.warnings == []
    fang, jing = batch.contacts
    assert fang.name == "Wang Fang, PhD"
    assert ids(fang, "phone") == ["+86-139-1234-5678"]  # tel: URI stripped, TYPE=fax dropped
    assert ids(fang, "email") == ["fang.wang@example.org"]
    assert ids(fang, "linkedin") == ["https://www.linkedin.com/in/fang-wang-example"]
    assert ids(fang, "telegram") == ["@fangw_tg"]  # IMPP;X-SERVICE-TYPE=Telegram:x-apple:fangw_tg
    assert ids(fang, "wechat") == ["wxid_fangwang01"]  # X-SOCIALPROFILE;TYPE=wechat
    assert ids(fang, "whatsapp") == ["+8613912345678"]  # item1.URL https://wa.me/...
    assert fang.birthday == "--04-15"  # vCard 4 "--0415": no year
    assert (fang.organization, fang.title) == ("Example Research Institute", "Senior Analyst")
    assert fang.notes == "Met at the Hangzhou meetup, 2023.\nLikes hiking."
    assert fang.line == 1
    # no FN: built from N; Chinese family name first without a space
    assert jing.name == "陈静"
    assert jing.birthday == "1990-01-02"
    assert ids(jing, "telegram") == ["@chenjing_sh"]
    assert jing.line == 21


def test_one_broken_card_between_two_good_ones():
    path = OWN / "one-broken.vcf"
    batch = vcard.parse(path)
    assert [c.name for c in batch.contacts] == ["Anna Schmidt", "Ben Okafor"]
    assert ids(batch.contacts[0], "phone") == ["+49 170 1234567"]
    assert batch.contacts[0].birthday == "1985-11-30"
    assert ids(batch.contacts[1], "email") == ["ben.okafor@example.co.uk"]
    assert batch.warnings == [f"{path}:9: card skipped: no END:VCARD before the next BEGIN:VCARD (line 14)"]


def write(tmp_path: Path, text: str, name: str = "c.vcf", encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def test_card_without_any_usable_field_is_skipped(tmp_path):
    p = write(
        tmp_path,
        "BEGIN:VCARD\nVERSION:3.0\nFN:Kept Person\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nCATEGORIES:Empty\nEND:VCARD\n",
    )
    batch = vcard.parse(p)
    assert [c.name for c in batch.contacts] == ["Kept Person"]
    assert batch.warnings == [f"{p}:5: card skipped: no name, phone number or e-mail address"]


def test_garbage_line_inside_a_card_is_ignored_with_a_warning(tmp_path):
    p = write(tmp_path, "BEGIN:VCARD\nVERSION:3.0\nFN:Lena Berg\nthis line is noise\nTEL:+46 70 123 45 67\nEND:VCARD\n")
    batch = vcard.parse(p)
    (c,) = batch.contacts
    assert c.name == "Lena Berg" and ids(c, "phone") == ["+46 70 123 45 67"]
    assert batch.warnings == [f"{p}:4: not a vCard property line, ignored: 'this line is noise'"]


def test_file_with_no_usable_card_is_an_error(tmp_path):
    p = write(tmp_path, "BEGIN:VCARD\nVERSION:3.0\nNOTE:nothing else\nEND:VCARD\n\nBEGIN:VCARD\nVERSION:3.0\nFN:Cut off")
    with pytest.raises(ParseError) as e:
        vcard.parse(p)
    assert e.value.line == 1
    assert "no name, phone number or e-mail address" in e.value.reason
    assert "1 more" in e.value.reason


def test_file_without_cards_is_an_error(tmp_path):
    p = write(tmp_path, "Name,Phone\nAnna,123\n", name="x.vcf")
    with pytest.raises(ParseError) as e:
        vcard.parse(p)
    assert e.value.line == 1 and "BEGIN:VCARD" in e.value.reason


def test_binary_file_is_an_error(tmp_path):
    p = tmp_path / "x.vcf"
    p.write_bytes(b"BEGIN:VCARD\nVERSION:3.0\n\x00\x01\x02")
    with pytest.raises(ParseError) as e:
        vcard.parse(p)
    assert e.value.line == 3


def test_legacy_charset_card_and_bom(tmp_path):
    p = tmp_path / "legacy.vcf"
    p.write_bytes(
        b"\xef\xbb\xbf\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1:M\xfcller;J\xfcrgen;;;\r\n"
        b"TEL;CELL:+49 151 2345678\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Ren=C3=A9e=20=\r\n"
        b"Dupont\r\nEND:VCARD\r\n"
    )
    assert vcard.sniff(p, p.read_bytes())
    batch = vcard.parse(p)
    assert [c.name for c in batch.contacts] == ["Jürgen Müller", "Renée Dupont"]
    assert [c.line for c in batch.contacts] == [2, 7]
    assert batch.warnings == [f"{p}:4: not UTF-8; read as ISO-8859-1"]


def test_utf16_file(tmp_path):
    p = write(tmp_path, "\ufeffBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Park\r\nEND:VCARD\r\n", encoding="utf-16-le")
    assert vcard.sniff(p, p.read_bytes())
    assert [c.name for c in vcard.parse(p).contacts] == ["Zoë Park"]


@pytest.mark.parametrize(
    "line, expected",
    [
        ("BDAY:1985-11-30", "1985-11-30"),
        ("BDAY:19851130", "1985-11-30"),
        ("BDAY;VALUE=date:1985-11-30T00:00:00Z", "1985-11-30"),
        ("BDAY:--1130", "--11-30"),
        ("BDAY:--11-30", "--11-30"),
        ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29", "--02-29"),
        ("BDAY:1604-07-01", "--07-01"),
        ("BDAY:1985-02-30", None),
        ("BDAY:sometime in spring", None),
    ],
)
def test_birthday_forms(tmp_path, line, expected):
    p = write(tmp_path, f"BEGIN:VCARD\nVERSION:3.0\nFN:Sam Lee\n{line}\nEND:VCARD\n")
    batch = vcard.parse(p)
    assert batch.contacts[0].birthday == expected
    assert bool(batch.warnings) == (expected is None)
    if expected is None:
        assert batch.warnings[0].startswith(f"{p}:4: BDAY ")


def test_social_profiles_from_urls_and_labels(tmp_path):
    p = write(
        tmp_path,
        "BEGIN:VCARD\nVERSION:3.0\nFN:Kai Wu\n"
        "URL:linkedin.com/in/kai-wu\n"
        "X-SOCIALPROFILE;type=telegram;x-user=kaiwu:https://t.me/kaiwu\n"
        "IMPP:weixin:kai_wu_88\n"
        "item1.IMPP:x-apple:12345678\nitem1.X-ABLabel:Telegram\n"
        "X-SOCIALPROFILE;type=whatsapp:+44 7700 900123\n"
        "URL:https://example.com/blog\n"
        "END:VCARD\n",
    )
    (c,) = vcard.parse(p).contacts
    assert sorted(c.identities) == sorted([
        ("linkedin", "https://linkedin.com/in/kai-wu"),
        ("telegram", "@kaiwu"),
        ("wechat", "kai_wu_88"),
        ("telegram", "user12345678"),
        ("whatsapp", "+447700900123"),
    ])


@pytest.mark.parametrize(
    "text, claimed",
    [
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\n", True),
        (b"\xef\xbb\xbf\r\n\r\n  begin:vcard\nVERSION:2.1\n", True),
        (b"localId,TalkerId,Type,SubType,IsSender,CreateTime\r\n", False),
        (b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n", False),
        (b'{"messages": []}', False),
        (b"From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n", False),
        (b"2020-01-01, 10:00 - Anna: hi\n", False),
        (b"PK\x03\x04\x14\x00\x00\x00", False),
    ],
)
def test_sniff(tmp_path, text, claimed):
    assert vcard.sniff(tmp_path / "x", text) is claimed
