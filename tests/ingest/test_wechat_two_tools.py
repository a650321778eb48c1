"""WeChat: one chat exported by MemoTrace and by PyWxDump is stored once; wall-clock times are read in the
configured zone (a Guangzhou user's PyWxDump times are not 8 h off); share cards and media rows are clean."""

from datetime import timezone
from zoneinfo import ZoneInfo

import pytest

from assistant.ingest import wechat
from assistant.ingest.pipeline import import_paths
from assistant.store import Store
from tests.paths import FIXTURES

MEMOTRACE = FIXTURES / "wechat" / "聊天记录" / "李雷(wxid_lilei2019)" / "李雷.csv"
PYWXDUMP = FIXTURES / "wechat" / "pywxdump_same_chat" / "wxid_lilei2019_0_5000.csv"
SHANGHAI = ZoneInfo("Asia/Shanghai")


def stored(tmp_path, paths, tz=SHANGHAI):
    store = Store(tmp_path / "s.sqlite3")
    summaries = [import_paths(store, [p], tz=tz) for p in paths]
    rows = [tuple(r) for r in store.db.execute("SELECT ts, direction, kind, text FROM messages ORDER BY ts, id")]
    contacts = [r[0] for r in store.db.execute("SELECT name FROM contacts ORDER BY name")]
    store.close()
    return summaries, rows, contacts


@pytest.mark.parametrize("order", [(MEMOTRACE, PYWXDUMP), (PYWXDUMP, MEMOTRACE)], ids=["memotrace-first", "pywxdump-first"])
def test_same_chat_from_both_tools_is_stored_once(tmp_path, order):
    summaries, rows, contacts = stored(tmp_path, order)
    assert len(rows) == 15
    assert summaries[1].files[0].messages_added == 0 and summaries[1].files[0].messages_skipped == 15
    # one contact, named 李雷 whichever came first: a name that was only the wxid (PyWxDump without users.json)
    # gives way to the remark MemoTrace brings
    assert contacts == ["李雷"]
    assert [d for _, d, _, _ in rows].count("out") == 5  # text, voice, quote reply, call, "到了吗？"


def test_guangzhou_wall_clock_times_match_the_epochs(tmp_path):
    # MemoTrace's CreateTime is an epoch; PyWxDump's CreateTime is the PC's wall clock (Asia/Shanghai here)
    _, memo, _ = stored(tmp_path / "a", [MEMOTRACE])
    _, pywx, _ = stored(tmp_path / "b", [PYWXDUMP])
    assert [r[0] for r in pywx] == [r[0] for r in memo]
    assert pywx[1][0] == 1704067260  # 2024-01-01 08:01:00 in Guangzhou = 00:01:00 UTC
    _, utc_read, _ = stored(tmp_path / "c", [PYWXDUMP], tz=timezone.utc)
    assert utc_read[1][0] - pywx[1][0] == 8 * 3600  # the zone decides: read as UTC it would be 8 h off


def test_share_xml_becomes_title_and_url_and_media_rows_have_one_placeholder():
    msgs = wechat.parse(PYWXDUMP).conversations[0].messages
    texts = {m.text for m in msgs}
    assert "[链接] 黄山三日游攻略 https://example.com/huangshan" in texts
    assert "[图片]" in texts and "[表情包]" in texts and "[视频]" in texts
    assert not any("<" in t or "[图片] [图片]" in t or ".dat" in t for t in texts)


@pytest.mark.parametrize("type_name, msg, src, want", [
    ("图片", "[图片]", r"FileStorage\MsgAttach\a\Image\b.dat", "[图片]"),
    ("图片", "图片", "", "[图片]"),
    ("视频", "<msg><videomsg length=\"9\"/></msg>", "", "[视频]"),
    ("(分享)卡片式链接", "标题\n描述\n\n<a href=\"https://example.com/a?x=1&amp;y=2\">点击查看详情</a>", "",
     "[链接] 标题 https://example.com/a?x=1&y=2"),
    ("(分享)卡片式链接", "<msg><appmsg><title><![CDATA[A &amp; B]]></title><url>https://e.com/x</url></appmsg></msg>",
     "", "[链接] A & B https://e.com/x"),
    ("(分享)卡片式链接", "只有标题", "https://example.com/src", "[链接] 只有标题 https://example.com/src"),
    ("文件", "[文件]", "", "[文件]"),
    ("文件", "报告.pdf", "", "[文件] 报告.pdf"),
])
def test_pywxdump_media_cells(type_name, msg, src, want):
    assert wechat._pywx_body(type_name, msg, src) == ("media", want)


def test_memotrace_share_card_with_url(tmp_path):
    header = "localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender\n"
    xml = '"<msg><appmsg><title>T</title><url>https://e.com/t</url></appmsg></msg>"'
    path = tmp_path / "x.csv"
    path.write_text(header + f"1,5,49,5,0,1704067260,0,{xml},2024-01-01 08:01:00,Li,Li,wxid_li\n"
                    "2,5,3,0,0,1704067261,0,[图片],2024-01-01 08:01:01,Li,Li,wxid_li\n", encoding="utf-8")
    texts = [m.text for m in wechat.parse(path).conversations[0].messages]
    assert texts == ["[链接] T https://e.com/t", "[图片]"]


def test_malformed_second_export_leaves_the_store_unchanged(tmp_path):
    from assistant.domain import ParseError

    db = tmp_path / "s.sqlite3"
    store = Store(db)
    import_paths(store, [MEMOTRACE], tz=SHANGHAI)
    store.close()
    before = db.read_bytes()
    bad = tmp_path / "wxid_lilei2019_0_5000.csv"
    lines = PYWXDUMP.read_text(encoding="utf-8").split("\n")
    assert lines[3].endswith(",,2024-01-01 08:01:00")  # the end of the record that starts on line 3
    lines[3] = lines[3].replace("2024-01-01 08:01:00", "yesterday")
    bad.write_text("\n".join(lines), encoding="utf-8")
    store = Store(db)
    with pytest.raises(ParseError) as e:
        import_paths(store, [bad], tz=SHANGHAI)
    store.close()
    assert f"{bad}:3" in str(e.value) and "CreateTime" in str(e.value)
    assert db.read_bytes() == before


def test_a_name_the_user_gave_is_kept_when_a_later_export_names_the_contact(tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    import_paths(store, [PYWXDUMP], tz=SHANGHAI)
    (cid,) = [r[0] for r in store.db.execute("SELECT id FROM contacts")]
    store.update_contact(cid, name="Lei (college)")
    import_paths(store, [MEMOTRACE], tz=SHANGHAI)
    assert [r[0] for r in store.db.execute("SELECT name FROM contacts")] == ["Lei (college)"]
    store.close()
