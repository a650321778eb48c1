"""mbox importer: Gmail Takeout (CRLF, labels, thread ids, RFC 2047, GB2312, HTML, attachments), Thunderbird."""

from __future__ import annotations

import base64
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from assistant.domain import ParseError
from assistant.ingest import mbox
from tests.paths import SHARED_FIXTURES

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "mbox"
SHARED = SHARED_FIXTURES
UTC = timezone.utc


def head(path: Path) -> bytes:
    return path.read_bytes()[:65536]


def tz(hours: int) -> timezone:
    return timezone(timedelta(hours=hours))


@pytest.fixture(scope="module")
def takeout():
    return mbox.parse(FIX / "takeout.mbox")


def test_takeout_owner(takeout):
    assert takeout.format == "mbox" and takeout.channel == "email"
    assert takeout.me == {"Mira Kovač"}  # the name she sends under (RFC 2047 decoded)
    assert takeout.me_handles == (("email", "mira.kovac@gmail.com"),)
    assert takeout.warnings == []


def test_takeout_one_conversation_per_correspondent(takeout):
    convs = {c.key: c for c in takeout.conversations}
    assert list(convs) == ["jose@example.es", "zhang.wei@example.cn", "thread:1791111111111111111",
                           "tom.baker@example.co.uk"]
    jose = convs["jose@example.es"]
    assert (jose.title, jose.peer, jose.is_group) == ("José García", "José García", False)
    assert jose.peer_handles == (("email", "jose@example.es"),)
    hola, reply = jose.messages
    assert hola.sender == "José García" and hola.is_me is False
    assert hola.timestamp == datetime(2024, 3, 5, 10, 12, 40, tzinfo=tz(1))
    assert hola.source_id == "<CAF=jose-0001@mail.example.es>" and hola.line == 1
    # quoted-printable decoded, soft line break joined, signature after "-- " cut
    assert hola.text == ("Hola Mira,\n\n¿vienes a Madrid en abril? Podemos tomar un café y hablar del proyecto Raft."
                         "\n\nUn abrazo,\nJosé")
    assert hola.sender_handles == (("email", "jose@example.es"),)
    # Gmail "Sent" label; text/plain part preferred; the quoted tail is gone
    assert reply.is_me is True and reply.sender == "Mira Kovač" and reply.line == 28
    assert reply.text == "¡Sí! I land on April 12th. Thursday afternoon works for me.\n\nMira"


def test_takeout_chinese_mail(takeout):
    zw = next(c for c in takeout.conversations if c.key == "zhang.wei@example.cn")
    assert zw.peer == "张伟" and zw.title == "张伟"  # GB2312 encoded word
    (m,) = zw.messages
    assert m.text == "米拉，你好！\n\n下周我在柏林开会，周三晚上一起吃饭吧？"  # GB2312 base64 body, 写道 tail cut
    assert m.timestamp == datetime(2024, 1, 10, 10, 0, tzinfo=tz(8))
    assert m.is_me is False


def test_takeout_group_thread(takeout):
    group = next(c for c in takeout.conversations if c.key == "thread:1791111111111111111")
    assert group.is_group and group.peer is None and group.title == "Raft reading group in Madrid"
    first, anna = group.messages
    # HTML-only mail turned into text (entities, <br>, <b>)
    assert first.is_me is True
    assert first.text == "Hi both,\n\nshall we do the Raft paper on the 12th? Anna, you're in Madrid too, right?\n\nMira"
    # multipart/mixed: body kept, PDF ignored, mboxrd ">From " un-escaped, "Sent from my iPhone" and the
    # German "Am ... schrieb ...:" quote dropped
    assert anna.sender == "Schmidt, Anna" and anna.is_me is False
    assert anna.text == "Yes! I'll bring printed copies.\nFrom the paper I liked section 5 most."


def test_takeout_date_fallbacks(takeout):
    tom = next(c for c in takeout.conversations if c.key == "tom.baker@example.co.uk")
    photos, chat = tom.messages  # sorted oldest first
    # "Date: 28-09-12" is unusable: the last (earliest) Received header gives the time
    assert photos.timestamp == datetime(2012, 9, 28, 13, 59, 58, tzinfo=tz(2))
    assert photos.text == "Here are the photos from the trip."
    # Hangouts chat without Date or Received: the "From " line's date; no Message-ID: a content id
    assert chat.timestamp == datetime(2014, 7, 10, 14, 57, 19, tzinfo=UTC)
    assert chat.text == "are you still in london?" and chat.line == 142
    assert len(chat.source_id) == 20


def test_source_ids_stable(takeout):
    again = mbox.parse(FIX / "takeout.mbox")
    assert [m.source_id for c in again.conversations for m in c.messages] == [
        m.source_id for c in takeout.conversations for m in c.messages
    ]


THUNDERBIRD = """From - Mon Jun 03 09:00:00 2019
From: Ana Souza <ana@example.com.br>
To: Kim Lee <kim@example.org>
Subject: hello
Date: Mon, 3 Jun 2019 09:00:00 -0300
Message-ID: <1@example.com.br>

Oi Kim!

From - Tue Jun 04 10:00:00 2019
From: Kim Lee <kim@example.org>
To: Ana Souza <ana@example.com.br>
Subject: Re: hello
Date: Tue, 4 Jun 2019 10:00:00 +0900
Message-ID: <2@example.org>

Hi Ana :)

Ana Souza wrote:
> Oi Kim!

From - Wed Jun 05 11:00:00 2019
From: Ravi Iyer <ravi@example.in>
To: kim@example.org
Subject: lunch
Date: Wed, 5 Jun 2019 11:00:00 +0530

lunch tomorrow?
"""


def test_me_is_the_address_in_every_mail(tmp_path):
    p = tmp_path / "Inbox"
    p.write_bytes(b"\xef\xbb\xbf\n" + THUNDERBIRD.encode("utf-8"))  # BOM + a leading blank line
    assert mbox.sniff(p, head(p))
    b = mbox.parse(p)
    assert b.me_handles == (("email", "kim@example.org"),) and b.me == {"Kim Lee"}
    ana = next(c for c in b.conversations if c.key == "ana@example.com.br")
    assert [(m.is_me, m.text) for m in ana.messages] == [(False, "Oi Kim!"), (True, "Hi Ana :)")]
    ravi = next(c for c in b.conversations if c.key == "ravi@example.in")
    assert ravi.peer == "Ravi Iyer" and ravi.messages[0].line == 23  # after the BOM + blank line
    assert ravi.messages[0].timestamp == datetime(2019, 6, 5, 11, 0, tzinfo=tz(5.5))


def test_single_mail_leaves_me_open(tmp_path):
    p = tmp_path / "one.mbox"
    p.write_text(THUNDERBIRD.split("\nFrom - Tue")[0] + "\n", encoding="utf-8")
    b = mbox.parse(p)
    assert b.me == set() and b.me_handles == ()
    (conv,) = b.conversations
    assert conv.key == "ana@example.com.br+kim@example.org" and not conv.is_group and conv.peer is None
    assert conv.messages[0].is_me is None and conv.messages[0].sender == "Ana Souza"


def test_mail_without_any_date_is_skipped_with_warning(tmp_path):
    p = tmp_path / "x.mbox"
    p.write_text("From nobody\nFrom: a@example.com\nTo: b@example.com\nSubject: no date\n\nhello\n\n"
                 + THUNDERBIRD.split("\n\nFrom - Tue")[0] + "\n", encoding="utf-8")
    b = mbox.parse(p)
    assert b.message_count == 1
    assert len(b.warnings) == 1 and f"{p}:1" in b.warnings[0] and "date" in b.warnings[0]


def test_attachment_only_mail_is_media(tmp_path):
    pdf = base64.b64encode(b"%PDF-1.4 fake").decode()
    p = tmp_path / "a.mbox"
    p.write_text(
        "From x@y Mon Jan 01 10:00:00 2024\nFrom: Ana <ana@example.com.br>\nTo: kim@example.org\n"
        "Date: Mon, 1 Jan 2024 10:00:00 +0000\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n"
        "--b\nContent-Type: text/plain\n\n\n--b\nContent-Type: application/pdf\n"
        f'Content-Disposition: attachment; filename="cv.pdf"\nContent-Transfer-Encoding: base64\n\n{pdf}\n--b--\n',
        encoding="utf-8",
    )
    (m,) = mbox.parse(p).conversations[0].messages
    assert m.kind == "media" and m.text == "[attachment] cv.pdf"


def test_broken_mbox_is_an_error(tmp_path):
    p = tmp_path / "broken.mbox"
    p.write_bytes(b"From someone Mon Jan 01 10:00:00 2024\n\x00\x01garbage without headers\n")
    with pytest.raises(ParseError) as e:
        mbox.parse(p)
    assert e.value.line == 1 and "no readable e-mail" in e.value.reason


def test_not_an_mbox_names_the_line(tmp_path):
    p = tmp_path / "notes.txt"
    p.write_text("\n\nDear diary\nFrom: nobody\n", encoding="utf-8")
    assert not mbox.sniff(p, head(p))
    with pytest.raises(ParseError) as e:
        mbox.parse(p)
    assert e.value.line == 3


def test_sniff():
    assert mbox.sniff(FIX / "takeout.mbox", head(FIX / "takeout.mbox"))
    linkedin_2018 = FIX.parent / "linkedin" / "messages_2018.csv"
    assert not mbox.sniff(linkedin_2018, head(linkedin_2018))
    assert not mbox.sniff(Path("x.txt"), b"From here on we talk about plans.\nNo headers here.\n")


def test_sniff_rejects_other_shared_fixtures():
    if not SHARED.is_dir():
        pytest.skip(f"shared fixtures not found at {SHARED}")
    files = [p for p in SHARED.rglob("*") if p.is_file() and p.suffix != ".md"]
    assert files
    for p in files:
        assert not mbox.sniff(p, head(p)), p


@pytest.mark.parametrize("body, expected", [
    ("Thanks!\n\nOn Mon, 1 Jan 2024 at 10:00, Bob <bob@example.com> wrote:\n> question?\n", "Thanks!"),
    ("See inline.\n\nOn Tue, Mar 5, 2024 at 10:00 AM Bob Smith <\nbob@x.com> wrote:\n> Q1?\nYes.\n> Q2?\nNo.\n",
     "See inline.\n\nYes.\nNo."),
    ("Reply\n\n-----Original Message-----\nFrom: X\nSent: Monday\nTo: Y\n\nold text", "Reply"),
    ("Reply\n\nFrom: Bob <bob@x.com>\nSent: Monday, 4 March 2024 10:00\nTo: Me\nSubject: Hi\n\nold", "Reply"),
    ("D'accord.\n\nLe lun. 4 mars 2024 à 10:00, Bob <bob@x.com> a écrit :\nancien texte non cité\n", "D'accord."),
    ("Body\n-- \nSig line\n", "Body"),
    ("From: is just a word here\nkeep me", "From: is just a word here\nkeep me"),
])
def test_strip_reply(body, expected):
    assert mbox.strip_reply(body) == expected


def test_spam_and_newsletters_are_skipped(tmp_path):
    def mail(frm, to, day, extra="", body="hi"):
        return (f"From 1@xxx Mon Jan 0{day} 10:00:00 +0000 2024\nFrom: {frm}\nTo: {to}\n"
                f"Date: Mon, {day} Jan 2024 10:00:00 +0000\n{extra}\n{body}\n\n")
    p = tmp_path / "All mail Including Spam and Trash.mbox"
    p.write_text(
        mail("Kim <kim@example.org>", "ana@example.com.br", 1, "X-Gmail-Labels: Sent\n", "hello Ana")
        + mail("Shop <news@shop.example>", "kim@example.org", 2, "List-Unsubscribe: <mailto:u@shop.example>\n")
        + mail("Prince <prince@scam.example>", "kim@example.org", 3, "X-Gmail-Labels: Spam,Unread\n")
        + mail("Ana <ana@example.com.br>", "kim@example.org", 4, "Precedence: list\nList-Unsubscribe: <x>\n",
               "a list reply from a friend")
        + mail("Kim <kim@example.org>", "ana@example.com.br", 5, "X-Gmail-Labels: Drafts\n", "never sent"),
        encoding="utf-8",
    )
    b = mbox.parse(p)
    assert [c.key for c in b.conversations] == ["ana@example.com.br"]
    assert [m.text for m in b.conversations[0].messages] == ["hello Ana", "a list reply from a friend"]
    assert any("1 mail(s) labelled Spam" in w and f"{p}:17" in w for w in b.warnings)
    assert any("1 newsletter" in w and f"{p}:9" in w for w in b.warnings)
    assert any("1 unsent draft" in w and f"{p}:34" in w for w in b.warnings)
