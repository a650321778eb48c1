"""WeChat importer: MemoTrace/WeChatMsg CSV + TXT + contacts, PyWxDump CSV, pasted text."""

from __future__ import annotations

import csv
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from assistant.domain import ParseError
from assistant.ingest import wechat

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "wechat"
ONE = FIX / "聊天记录" / "李雷(wxid_lilei2019)" / "李雷.csv"
GROUP = FIX / "聊天记录" / "大学同学群(20871234567@chatroom)" / "大学同学群.csv"
TXT = FIX / "聊天记录" / "李雷" / "李雷.txt"
PYWX = FIX / "pywxdump" / "wxid_lilei2019_0_5001.csv"
CONTACTS = FIX / "contacts.csv"
WRONG = FIX / "wrong_columns.csv"

MT_HEADER = "localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender"


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def head(path: Path) -> bytes:
    return path.read_bytes()[:65536]


def write(tmp_path: Path, name: str, text: str, bom: bool = False) -> Path:
    p = tmp_path / name
    p.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return p


# ------------------------------------------------------------------------------------------------ MemoTrace 1:1


def test_memotrace_one_to_one_chat():
    assert ONE.read_bytes().startswith(b"\xef\xbb\xbflocalId,TalkerId")  # utf-8-sig, like the exporter
    batch = wechat.parse(ONE)
    assert batch.format == "wechat" and batch.channel == "wechat"
    assert batch.me == {"韩梅梅"}
    assert batch.me_handles == (("wechat", "wxid_owner_hanmei"),)
    (conv,) = batch.conversations
    # TalkerId is WeChat's numeric row id; the chat's wxid comes from the folder "李雷(wxid_lilei2019)"
    assert conv.key == "wxid_lilei2019"
    assert (conv.title, conv.peer, conv.is_group) == ("李雷", "李雷", False)
    assert conv.peer_handles == (("wechat", "wxid_lilei2019"), ("wechat_remark", "李雷"), ("name", "Lei Li"))

    got = [(m.kind, m.sender, m.is_me, m.text) for m in conv.messages]
    assert got == [
        ("system", None, None, "你已添加了Lei Li，现在可以开始聊天了。"),
        ("text", "李雷", False, "新年快乐！\n今年一起去爬山吧"),
        ("text", "韩梅梅", True, "好呀，定个时间"),
        ("media", "李雷", False, "[图片]"),
        ("media", "韩梅梅", True, "[语音]"),
        ("media", "李雷", False, "[链接] 黄山三日游攻略 https://example.com/huangshan"),  # share card: title + URL
        ("text", "韩梅梅", True, "周六可以\n引用:李雷:今年一起去爬山吧"),
        ("media", "李雷", False, "[文件]"),  # 49/6 with empty StrContent (XML lives in CompressContent)
        ("media", "李雷", False, "[表情包]"),
        ("call", "韩梅梅", True, "[通话] 通话时长 05:12"),
        ("system", None, None, "你撤回了一条消息"),
        ("media", "李雷", False, "[位置] 黄山风景区"),
        ("media", "李雷", False, "[视频]"),
        ("text", "李雷", False, 'OK, "see you" then'),
        ("text", "韩梅梅", True, "到了吗？"),
    ]
    first, second = conv.messages[0], conv.messages[1]
    assert first.timestamp == utc(2024, 1, 1, 0, 0)  # CreateTime epoch -> aware UTC (StrTime is local)
    assert second.timestamp == utc(2024, 1, 1, 0, 1)
    assert second.sender_handles == (("wechat", "wxid_lilei2019"),)
    assert conv.messages[2].sender_handles == (("wechat", "wxid_owner_hanmei"),)
    assert [m.line for m in conv.messages[:4]] == [2, 3, 5, 6]  # the 2nd cell spans lines 3-4
    # localId repeats across WeChat's MSG0/MSG1 databases: ids come from StrTime, side and content instead
    # (the ids PyWxDump's copy of the chat gets), unique and stable
    assert all(m.source_id.startswith("wx:") for m in conv.messages)
    assert len({m.source_id for m in conv.messages}) == 15


def test_memotrace_parse_is_deterministic():
    a = [(m.source_id, m.text) for m in wechat.parse(ONE).conversations[0].messages]
    b = [(m.source_id, m.text) for m in wechat.parse(ONE).conversations[0].messages]
    assert a == b


def test_memotrace_older_layout_without_wxid_folder(tmp_path):
    # 聊天记录/<remark>/<remark>_utf8.csv: the contact's wxid comes from the Sender column
    folder = tmp_path / "李雷"
    folder.mkdir()
    target = folder / "李雷_utf8.csv"
    shutil.copy(ONE, target)
    (conv,) = wechat.parse(target).conversations
    assert conv.key == "wxid_lilei2019"
    assert (conv.title, conv.peer, conv.is_group) == ("李雷", "李雷", False)


# ------------------------------------------------------------------------------------------------ MemoTrace group


def test_memotrace_group_chat():
    batch = wechat.parse(GROUP)
    assert batch.me == {"韩梅梅"}
    (conv,) = batch.conversations
    assert conv.key == "20871234567@chatroom"
    assert (conv.title, conv.is_group, conv.peer, conv.peer_handles) == ("大学同学群", True, None, ())
    got = [(m.kind, m.sender, m.is_me, m.text) for m in conv.messages]
    assert got == [
        ("system", None, None, '"赵四"邀请"王五"加入了群聊'),
        ("text", "赵四", False, "欢迎欢迎"),
        ("text", "王五", False, "大家好，我是王五"),  # no Remark: NickName
        ("media", "韩梅梅", True, "[图片]"),
        ("text", "韩梅梅", True, "周末聚餐？"),
        ("media", "赵四", False, "[文件] 聚餐名单.xlsx"),
        ("system", None, None, '"王五" 撤回了一条消息'),  # 10002 revoke XML
        ("text", "王五", False, "我也去"),
    ]
    assert conv.messages[1].sender_handles == (("wechat", "wxid_zhaosi"), ("wechat_remark", "赵四"))
    assert conv.messages[2].sender_handles == (("wechat", "wxid_wangwu88"),)
    assert conv.messages[1].timestamp == utc(2024, 2, 1, 0, 0, 30)


def test_group_detected_from_senders_without_folder_hint(tmp_path):
    target = tmp_path / "同学.csv"
    shutil.copy(GROUP, target)
    (conv,) = wechat.parse(target).conversations
    assert conv.is_group is True
    assert (conv.key, conv.title) == ("同学", "同学")


def test_talker_id_holding_wxids_splits_chats(tmp_path):
    rows = [
        "1,wxid_anna01,1,0,0,1700000000,0,hello,2023-11-15 06:13:20,Anna,Anna Z,wxid_anna01",
        "2,wxid_anna01,1,0,1,1700000060,0,hi Anna,2023-11-15 06:14:20,Me,Me,wxid_me",
        "3,5566@chatroom,1,0,0,1700000120,0,group hello,2023-11-15 06:15:20,Bo,Bo B,wxid_bo",
        "4,5566@chatroom,1,0,0,1700000180,0,me too,2023-11-15 06:16:20,,Cy,wxid_cy",
    ]
    p = write(tmp_path, "messages.csv", MT_HEADER + "\r\n" + "\r\n".join(rows) + "\r\n", bom=True)
    batch = wechat.parse(p)
    one, group = batch.conversations
    assert (one.key, one.is_group, one.peer) == ("wxid_anna01", False, "Anna")
    assert [m.is_me for m in one.messages] == [False, True]
    assert (group.key, group.is_group) == ("5566@chatroom", True)
    assert [m.sender for m in group.messages] == ["Bo", "Cy"]
    assert batch.me_handles == (("wechat", "wxid_me"),)


# ------------------------------------------------------------------------------------------------ PyWxDump


def test_pywxdump_csv_with_users_json():
    batch = wechat.parse(PYWX)
    assert batch.me == {"我"}
    one, group = batch.conversations
    assert (one.key, one.title, one.is_group, one.peer) == ("wxid_lilei2019", "李雷", False, "李雷")
    assert one.peer_handles == (("wechat", "wxid_lilei2019"), ("wechat_remark", "李雷"), ("name", "Lei Li"))
    got = [(m.kind, m.sender, m.is_me, m.text) for m in one.messages]
    assert got == [
        ("text", "李雷", False, "在吗？"),
        ("text", "我", True, "在的"),
        ("media", "李雷", False, "[图片]"),
        ("media", "我", True, "[语音] 语音时长：2.50秒"),
        ("text", "李雷", False, "好的\n\n[引用](2024-02-10 20:16:00)韩梅梅:在的"),
        ("system", None, None, '"李雷" 拍了拍我'),
        ("call", "我", True, "语音/视频通话[通话时长 01:02]"),
    ]
    assert one.messages[0].timestamp == datetime(2024, 2, 10, 20, 15, 3)  # naive: exporting PC's local time
    assert one.messages[0].timestamp.tzinfo is None
    assert one.messages[0].source_id.startswith("wx:")  # shared with MemoTrace's copy (not the MsgSvrID)
    assert one.messages[0].sender_handles == (("wechat", "wxid_lilei2019"),)
    assert one.messages[5].line == 9  # after the multi-line quote-reply cell

    assert (group.key, group.title, group.is_group) == ("20871234567@chatroom", "大学同学群", True)
    got = [(m.kind, m.sender, m.is_me, m.text) for m in group.messages]
    assert got == [
        ("text", "赵四", False, "红包已发"),
        ("text", "wxid_wangwu88", False, "谢谢老板"),  # not in users.json: the wxid is all we know
        ("text", "我", True, "新年好"),
        ("media", "赵四", False, "[链接] 春节档电影推荐 https://example.com/movies"),
        ("system", None, None, "王五修改群名为“大学同学群”"),
    ]
    assert len({m.source_id for c in (one, group) for m in c.messages}) == 12


def test_pywxdump_without_users_json(tmp_path):
    target = tmp_path / PYWX.name
    shutil.copy(PYWX, target)
    one, group = wechat.parse(target).conversations
    assert (one.title, one.peer, one.peer_handles) == ("wxid_lilei2019", None, (("wechat", "wxid_lilei2019"),))
    assert one.messages[0].sender == "wxid_lilei2019"
    assert group.title == "20871234567@chatroom"


def test_pywxdump_broken_users_json_is_a_warning(tmp_path):
    target = tmp_path / PYWX.name
    shutil.copy(PYWX, target)
    (tmp_path / "users.json").write_text('{"wxid_lilei2019": {', encoding="utf-8")
    batch = wechat.parse(target)
    assert len(batch.conversations) == 2
    assert len(batch.warnings) == 1 and batch.warnings[0].startswith(f"{tmp_path / 'users.json'}:1: users.json")


# ------------------------------------------------------------------------------------------------ TXT / pasted


def test_memotrace_txt_export():
    batch = wechat.parse(TXT)
    (conv,) = batch.conversations
    assert (conv.key, conv.title, conv.is_group, conv.peer) == ("李雷", "李雷", False, "李雷")
    assert batch.me == set()
    got = [(m.kind, m.sender, m.text) for m in conv.messages]
    assert got == [
        ("text", "李雷", "早上好"),
        ("text", "韩梅梅", "早！今天开会吗？\n十点那个"),
        ("media", "李雷", "[图片]"),
        ("text", "李雷", "会议改到下午\n引用:韩梅梅:十点那个"),
        ("system", None, "你撤回了一条消息"),  # "{time} {text}" with no body
        ("text", "韩梅梅", "好的"),
        # a header-looking line inside a message (no blank line before it) stays message text
        ("text", "李雷", "转发一下：\n2024-02-28 10:00:00 王老师 说明天放假"),
        ("media", "韩梅梅", "[链接] 春季招聘"),  # MemoTrace's indented share-card block
        ("media", "李雷", "[语音]"),
    ]
    assert all(m.is_me is None for m in conv.messages)  # the TXT has no "me" marker
    assert conv.messages[0].timestamp == datetime(2024, 3, 1, 9, 0, 0)
    assert conv.messages[1].timestamp == datetime(2024, 3, 1, 9, 1, 30)
    assert [m.line for m in conv.messages][:3] == [1, 4, 8]
    assert len({m.source_id for m in conv.messages}) == 9
    assert [m.source_id for m in wechat.parse(TXT).conversations[0].messages] == [m.source_id for m in conv.messages]


def test_pasted_phone_forms(tmp_path):
    name_first = write(tmp_path, "张伟.txt", "张伟 2024-05-01 10:00\n你好\n在吗\n韩梅梅 2024-05-01 10:02\n在\n")
    assert wechat.sniff(name_first, head(name_first))
    (conv,) = wechat.parse(name_first).conversations
    assert [(m.sender, m.text, m.timestamp) for m in conv.messages] == [
        ("张伟", "你好\n在吗", datetime(2024, 5, 1, 10, 0)),
        ("韩梅梅", "在", datetime(2024, 5, 1, 10, 2)),
    ]
    assert conv.peer == "张伟"

    slash = write(tmp_path, "chat.txt", "2024/5/1 9:05 Tom &amp; Jerry\nhi all\n\n2024/5/1 9:06 Ann\n[图片]\n\n"
                  "2024/5/1 9:07 Bo\nhey\n")
    assert wechat.sniff(slash, head(slash))
    (conv,) = wechat.parse(slash).conversations
    assert [(m.sender, m.kind, m.timestamp) for m in conv.messages] == [
        ("Tom & Jerry", "text", datetime(2024, 5, 1, 9, 5)),
        ("Ann", "media", datetime(2024, 5, 1, 9, 6)),
        ("Bo", "text", datetime(2024, 5, 1, 9, 7)),
    ]
    assert conv.is_group is True and conv.key == "chat"


def test_txt_first_line_not_a_header(tmp_path):
    p = write(tmp_path, "x.txt", "\nhello there\n2024-03-01 09:00:00 李雷\n早\n")
    with pytest.raises(ParseError) as e:
        wechat.parse(p)
    assert e.value.line == 2 and "header" in e.value.reason


def test_txt_impossible_date(tmp_path):
    p = write(tmp_path, "x.txt", "2024-03-01 09:00:00 李雷\n早\n\n2024-02-30 10:00:00 李雷\n晚\n")
    with pytest.raises(ParseError) as e:
        wechat.parse(p)
    assert e.value.line == 4


# ------------------------------------------------------------------------------------------------ contacts


def test_memotrace_contacts_csv():
    batch = wechat.parse(CONTACTS)
    assert not batch.conversations
    assert [c.name for c in batch.contacts] == ["李雷", "赵四", "王五"]  # chatroom, gh_ and filehelper skipped
    lilei, zhaosi, wangwu = batch.contacts
    assert lilei.identities == [
        ("wechat", "wxid_lilei2019"),
        ("wechat", "lilei_88"),
        ("phone", "13800138000"),
        ("wechat_remark", "李雷"),
        ("name", "Lei Li"),
    ]
    assert zhaosi.identities == [("wechat", "wxid_zhaosi"), ("wechat_remark", "赵四"), ("name", "四哥")]
    assert ("phone", "+86 139 0000 1111") in wangwu.identities
    assert [c.line for c in batch.contacts] == [2, 3, 7]


# ------------------------------------------------------------------------------------------------ errors


def test_wrong_columns_names_the_missing_column():
    assert wechat.sniff(WRONG, head(WRONG))
    with pytest.raises(ParseError) as e:
        wechat.parse(WRONG)
    assert e.value.line == 1 and e.value.field == "CreateTime"
    assert "missing column 'CreateTime'" in str(e.value)


def test_bad_create_time_names_line_and_field(tmp_path):
    rows = [
        "1,57,1,0,0,1704067200,0,ok,2024-01-01 08:00:00,李雷,Lei Li,wxid_lilei2019",
        '2,57,1,0,0,1704067260,0,"two\nlines",2024-01-01 08:01:00,李雷,Lei Li,wxid_lilei2019',
        "3,57,1,0,1,yesterday,0,oops,2024-01-01 08:02:00,韩梅梅,Meimei,wxid_owner_hanmei",
    ]
    p = write(tmp_path, "bad.csv", MT_HEADER + "\r\n" + "\r\n".join(rows) + "\r\n", bom=True)
    with pytest.raises(ParseError) as e:
        wechat.parse(p)
    assert (e.value.line, e.value.field) == (5, "CreateTime")
    assert "'yesterday'" in e.value.reason


def test_bad_is_sender(tmp_path):
    p = write(tmp_path, "bad.csv", MT_HEADER + "\n1,57,1,0,maybe,1704067200,0,x,,a,b,c\n")
    with pytest.raises(ParseError) as e:
        wechat.parse(p)
    assert (e.value.line, e.value.field) == (2, "IsSender")


def test_pywxdump_bad_create_time(tmp_path):
    p = write(
        tmp_path,
        "x_0_10.csv",
        "id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime\n"
        "1,11,文本,0,wxid_a,wxid_a,hi,,2024-02-10 20:15:03\n"
        "2,12,文本,1,我,wxid_a,yo,,10/02/2024\n",
    )
    with pytest.raises(ParseError) as e:
        wechat.parse(p)
    assert (e.value.line, e.value.field) == (3, "CreateTime")


def test_pywxdump_missing_column(tmp_path):
    p = write(tmp_path, "x.csv", "id,MsgSvrID,type_name,is_sender,talker,msg,src,CreateTime\n1,2,文本,0,a,b,,x\n")
    with pytest.raises(ParseError) as e:
        wechat.parse(p)
    assert e.value.field == "room_name" and e.value.line == 1


def test_binary_junk_is_an_error(tmp_path):
    p = tmp_path / "junk.csv"
    p.write_bytes(MT_HEADER.encode() + b"\n1,2,\xff\xfe\x00\x01")
    with pytest.raises(ParseError) as e:
        wechat.parse(p)
    assert e.value.line == 2


# ------------------------------------------------------------------------------------------------ sniffing


@pytest.mark.parametrize("path", [ONE, GROUP, TXT, PYWX, CONTACTS, WRONG], ids=lambda p: p.name)
def test_sniff_claims_wechat_files(path):
    assert wechat.sniff(path, head(path))


@pytest.mark.parametrize(
    "text",
    [
        "2020-01-01, 10:00 - Anna: hello",  # WhatsApp, year first
        "2020-01-01 10:00 - Anna: hello",  # WhatsApp without the comma
        "[2020-01-01, 10:00:00] Anna: hello",  # WhatsApp iOS
        "1/2/20, 10:00 - Anna: hello",
        "[2019-12-24, 12:23] Anna: hello",  # Signal
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",  # LinkedIn
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER",
        "Name,Given Name,Additional Name,Family Name,Yomi Name,Nickname,Birthday,E-mail 1 - Value",  # Google
        "BEGIN:VCARD",
        '{"name": "Anna", "type": "personal_chat", "id": 1, "messages": []}',
        "From MAILER-DAEMON Mon Jan  1 00:00:00 2024",
        "Meeting notes 2024-01-01 10:00",  # a single line ending in a date is not a chat
    ],
)
def test_sniff_rejects_other_formats(tmp_path, text):
    assert not wechat.sniff(tmp_path / "x", text.encode("utf-8") + b"\nmore text\n")


def test_sniff_rejects_zip_bytes(tmp_path):
    assert not wechat.sniff(tmp_path / "x.zip", b"PK\x03\x04\x14\x00\x08\x00\x08\x00" + bytes(range(256)))


def test_big_memotrace_file_is_linear(tmp_path):
    # 20k rows parse quickly (guards against accidental quadratic work)
    import time

    p = tmp_path / "big.csv"
    with p.open("w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f)
        w.writerow(MT_HEADER.split(","))
        for i in range(20000):
            me = i % 2
            w.writerow([i, 57, 1, 0, me, 1700000000 + i, 0, f"message {i}", "", "A" if not me else "B",
                        "", "wxid_a" if not me else "wxid_b"])
    t = time.perf_counter()
    batch = wechat.parse(p)
    elapsed = time.perf_counter() - t
    assert batch.message_count == 20000
    assert elapsed < 2.0


def test_export_everything_file_is_split_by_numeric_talker_id(tmp_path):
    rows = [
        "1,3,1,0,0,1700000000,0,hi,,Anna,Anna Z,wxid_anna01",
        "2,8,1,0,0,1700000060,0,yo,,Bo,Bo B,wxid_bo",
        "3,3,1,0,1,1700000120,0,hey Anna,,Me,Me,wxid_me",
    ]
    p = write(tmp_path, "messages.csv", MT_HEADER + "\r\n" + "\r\n".join(rows) + "\r\n", bom=True)
    batch = wechat.parse(p)
    assert [(c.key, len(c.messages)) for c in batch.conversations] == [("wxid_anna01", 2), ("wxid_bo", 1)]
    assert batch.warnings == [f"{p}:1: several chats in one file; split by their numeric TalkerId"]


def test_header_only_csv_has_no_conversations(tmp_path):
    p = write(tmp_path, "空.csv", MT_HEADER + "\r\n", bom=True)
    batch = wechat.parse(p)
    assert batch.conversations == [] and batch.message_count == 0
