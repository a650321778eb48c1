"""WeChat chats and contacts as written by the third-party PC exporters (there is no official export).

Inputs (export-formats.md section 4):

* MemoTrace / WeChatMsg chat CSV (``utf-8-sig``):
  ``localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender``.
  One file per chat, at ``聊天记录/<remark>(<wxid>)/<remark>.csv`` (older: ``聊天记录/<remark>/<remark>_utf8.csv``).
  ``TalkerId`` is the numeric row id of the chat in WeChat's database (some tools write the chat's wxid /
  ``…@chatroom`` there instead; both are handled). ``Remark``/``NickName``/``Sender`` describe the author of
  each row: in a 1:1 chat the owner (``IsSender`` 1) or the contact, in a group the member.
* MemoTrace contacts CSV: ``UserName,Alias,Type,Remark,NickName,…,telephone,…``.
* PyWxDump chat CSV: ``id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime`` (plain utf-8,
  ``CreateTime`` local time). A ``users.json`` next to it, when present, supplies display names.

Wall-clock times (PyWxDump's ``CreateTime``, the TXT headers) stay naive: the pipeline reads them in the
configured zone. A message gets the same id from MemoTrace (``StrTime``) and PyWxDump (``CreateTime``): the
PC's wall-clock second, the side that wrote it and what both tools say of its content, so one chat exported
by both is stored once. Share cards become ``[链接] title URL``; a media row has one placeholder.
* MemoTrace TXT export / pasted text: blocks ``"{YYYY-MM-DD HH:MM:SS} {name}\\n{content}\\n\\n"``; system lines
  are ``"{time} {text}"`` without a body. The phone's copy forms ``Name YYYY-MM-DD HH:MM`` and
  ``YYYY/M/D HH:MM Name`` headers are read as well.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from assistant.domain import (
    ImportBatch,
    ParseError,
    RawContact,
    RawConversation,
    RawMessage,
)
from assistant.ingest.common import IdMaker, csv_rows, read_text, strip_marks

NAME = "wechat"
CHANNEL = "wechat"
DESCRIPTION = "WeChat chats exported by MemoTrace/WeChatMsg (CSV, TXT) or PyWxDump (CSV); MemoTrace contacts CSV"

# ------------------------------------------------------------------------------------------------ formats

_MEMOTRACE_SIGNS = {"localId", "TalkerId", "IsSender", "StrContent", "StrTime"}
_MEMOTRACE_REQUIRED = ("localId", "TalkerId", "Type", "IsSender", "CreateTime", "StrContent")
_PYWXDUMP_SIGNS = {"MsgSvrID", "type_name", "is_sender", "room_name"}
_PYWXDUMP_REQUIRED = ("MsgSvrID", "type_name", "is_sender", "talker", "room_name", "msg", "CreateTime")
_CONTACTS_SIGNS = {"UserName", "Alias", "Remark", "NickName", "PYInitial", "RemarkPYInitial", "smallHeadImgUrl"}
_CONTACTS_REQUIRED = ("UserName", "Remark", "NickName")

# WeChat's own service accounts that show up in the contact list
_SYSTEM_ACCOUNTS = {
    "filehelper", "fmessage", "floatbottle", "medianote", "newsapp", "weixin", "qqmail", "tmessage",
    "qmessage", "qqsync", "notifymessage", "officialaccounts", "weibo", "qqfriend", "lbsapp", "shakeapp",
    "voipapp", "feedsapp", "masssendapp", "blogapp", "facebookapp", "voicevoipapp", "voiceinputapp",
    "linkedinplugin", "cardpackage", "meishiapp", "readerapp", "downloaderapp", "brandsessionholder",
    "appbrandcustomerservicemsg", "exmail_tool", "weixinreminder", "helper_entry", "opencustomerservicemsg",
    "notification_messages", "playermessage", "newsnotify", "mphelper", "userexperience_alarm",
}

# TXT headers.  MemoTrace: "2021-03-04 18:05:09 Name" (also a system line "2021-03-04 18:05:09 text").
_TS_FIRST = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2}) (\d{1,2}):(\d{2})(?::(\d{2}))? (?!- )(\S.*)$")
_NAME_FIRST = re.compile(r"^(\S.*?) (\d{4})[-/](\d{1,2})[-/](\d{1,2}) (\d{1,2}):(\d{2})(?::(\d{2}))?$")
_MEMOTRACE_TXT = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} ")
_SNIFF_TXT = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})? (?!- )\S")
_SNIFF_TXT_SLASH = re.compile(r"^\d{4}/\d{1,2}/\d{1,2} \d{1,2}:\d{2}(:\d{2})? (?!- )\S")

_FOLDER = re.compile(r"^(.*)\(([^()]+)\)$")
_PYWXDUMP_FILE = re.compile(r"^(.+)_\d+_\d+$")
_WXID = re.compile(r"^(?:wxid_[A-Za-z0-9_-]+|[A-Za-z][A-Za-z0-9_-]{4,31}|[\w.-]+@(?:chatroom|openim|stranger))$")

_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)
_TAG = re.compile(r"<[^>]*>")
_REVOKE_EDIT = re.compile(r"\s*<a [^>]*>重新编辑</a>", re.S)
_XML_CACHE: dict[str, re.Pattern] = {}

# MemoTrace Type -> placeholder (kind "media")
_MEDIA = {3: "[图片]", 34: "[语音]", 43: "[视频]", 47: "[表情包]", 48: "[位置]", 42: "[名片]", 62: "[视频]"}
# MemoTrace Type 49 SubType -> placeholder
_APP = {
    1: "[链接]", 3: "[音乐分享]", 4: "[链接]", 5: "[链接]", 6: "[文件]", 74: "[文件]", 8: "[表情包]",
    17: "[位置]", 19: "[聊天记录]", 24: "[笔记]", 33: "[小程序]", 36: "[小程序]", 50: "[视频号]",
    51: "[视频号]", 63: "[视频号]", 2000: "[转账]", 2001: "[红包]", 2003: "[红包]", 87: "[群公告]",
}
_TXT_PLACEHOLDERS = (
    "[图片]", "[语音]", "[视频]", "[表情包]", "[动画表情]", "[文件]", "[链接]", "[位置]", "[音乐分享]",
    "[名片]", "[聊天记录]", "[小程序]", "[转账]", "[红包]", "[视频号]",
)

# PyWxDump type_name -> (kind, placeholder)
_PYWX_TYPES = {
    "文本": ("text", ""), "粘贴的文本": ("text", ""), "引用回复": ("text", ""),
    "图片": ("media", "[图片]"), "语音": ("media", "[语音]"), "视频": ("media", "[视频]"),
    "动画表情": ("media", "[表情包]"), "用户上传的GIF表情": ("media", "[表情包]"), "文件": ("media", "[文件]"),
    "文件(猜)": ("media", "[文件]"), "位置": ("media", "[位置]"), "位置共享": ("media", "[位置]"),
    "(分享)卡片式链接": ("media", "[链接]"), "(分享)音乐": ("media", "[音乐分享]"),
    "(分享)小程序": ("media", "[小程序]"), "(分享)笔记": ("media", "[笔记]"),
    "合并转发的聊天记录": ("media", "[聊天记录]"), "转账": ("media", "[转账]"),
    "赠送红包封面": ("media", "[红包]"), "推荐公众号": ("media", "[名片]"), "名片": ("media", "[名片]"),
    "语音通话": ("call", "[通话]"),
    "系统通知": ("system", ""), "拍一拍": ("system", ""), "邀请加群": ("system", ""),
    "添加好友": ("system", ""), "群公告": ("system", ""),
}
_PYWX_ME_DEFAULT = "我"


def sniff(path: Path, head: bytes) -> bool:
    text = head.decode("utf-8", errors="ignore").lstrip("\ufeff")
    first = _first_line(text)
    if not first:
        return False
    if _csv_kind(first):
        return True
    if _SNIFF_TXT.match(first) or _SNIFF_TXT_SLASH.match(first):
        return True
    # name-first copy form: demand two such headers so an arbitrary line ending in a date is not enough
    if _NAME_FIRST.match(first):
        lines = [strip_marks(x) for x in text.split("\n")[1:200]]
        return sum(1 for x in lines if _NAME_FIRST.match(x)) >= 1
    return False


def parse(path: Path) -> ImportBatch:
    path = Path(path)
    text = read_text(path)
    batch = ImportBatch(path=path, format=NAME, channel=CHANNEL)
    first = _first_line(text)
    if not first:
        raise ParseError(path, "the file is empty", line=1)
    kind = _csv_kind(first)
    if kind == "memotrace":
        _parse_memotrace(path, text, batch)
    elif kind == "pywxdump":
        _parse_pywxdump(path, text, batch)
    elif kind == "contacts":
        _parse_contacts(path, text, batch)
    else:
        _parse_txt(path, text, batch)
    return batch


def _first_line(text: str) -> str:
    for line in io.StringIO(text):
        line = strip_marks(line)
        if line:
            return line
    return ""


def _csv_kind(line: str) -> str | None:
    if "," not in line:
        return None
    cells = {c.strip().strip('"') for c in line.split(",")}
    if len(cells & _MEMOTRACE_SIGNS) >= 2:
        return "memotrace"
    if len(cells & _PYWXDUMP_SIGNS) >= 2:
        return "pywxdump"
    if len(cells & _CONTACTS_SIGNS) >= 3:
        return "contacts"
    return None


# ------------------------------------------------------------------------------------------------ CSV rows


class _Cols(dict):
    """Column name -> index; a column the file lacks maps to the always-empty cell after the last one."""

    def __init__(self, header: list[str]):
        super().__init__()
        for i, h in reversed(list(enumerate(header))):
            self[strip_marks(h)] = i
        self.width = len(header) + 1

    def __missing__(self, key: str) -> int:
        return self.width - 1


def _csv_rows(path: Path, text: str, required: tuple[str, ...]):
    """(columns, rows): rows yields (line, cells) with cells padded so every column index is valid.

    The header must have every required column, else a ParseError names the missing one.
    """
    if csv.field_size_limit() < 1 << 24:
        csv.field_size_limit(min(sys.maxsize, 1 << 24))  # StrContent XML can exceed the 128 KiB default
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as e:
        raise ParseError(path, f"unreadable CSV header: {e}", line=1) from None
    cols = _Cols(header)
    for col in required:
        if col not in cols:
            raise ParseError(
                path,
                f"missing column {col!r}; expected the columns {', '.join(required)} "
                f"(found: {', '.join(strip_marks(h) for h in header)})",
                line=reader.line_num,
                field=col,
            )

    def rows():
        width = cols.width
        for start, row in csv_rows(path, reader):
            if not "".join(row).strip():
                continue
            if len(row) < width:
                row += [""] * (width - len(row))
            yield start, row

    return cols, rows()


class _Memo(dict):
    """strip_marks with a cache: names and ids repeat on every row."""

    def __missing__(self, key: str) -> str:
        value = self[key] = strip_marks(key)
        return value


def _epoch(path: Path, value: str, line: int, fieldname: str) -> datetime:
    v = value.strip()
    try:
        n = float(v) if "." in v else int(v)
    except ValueError:
        raise ParseError(path, f"{fieldname} {value!r} is not a Unix timestamp", line=line, field=fieldname) from None
    if n > 1e11:  # milliseconds
        n = n / 1000
    try:
        return datetime.fromtimestamp(n, tz=timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise ParseError(path, f"{fieldname} {value!r} is out of range", line=line, field=fieldname) from None


def _flag(path: Path, value: str, line: int, fieldname: str) -> bool:
    v = value.strip().lower()
    if v in ("1", "true"):
        return True
    if v in ("0", "false", ""):
        return False
    raise ParseError(path, f"{fieldname} {value!r} is neither 0 nor 1", line=line, field=fieldname)


def _int(path: Path, value: str, line: int, fieldname: str, default: int | None = None) -> int:
    v = value.strip()
    if not v and default is not None:
        return default
    try:
        return int(v)
    except ValueError:
        raise ParseError(path, f"{fieldname} {value!r} is not a number", line=line, field=fieldname) from None


# ------------------------------------------------------------------------------------------------ XML bits


def _xml_first(content: str, tag: str) -> str:
    pat = _XML_CACHE.get(tag)
    if pat is None:
        pat = _XML_CACHE[tag] = re.compile(rf"<{tag}(?:\s[^>]*)?>(.*?)</{tag}>", re.S)
    m = pat.search(content)
    if not m:
        return ""
    return _plain(m.group(1))


def _xml_attr(content: str, attr: str) -> str:
    m = re.search(rf'\b{attr}="([^"]*)"', content)
    return html.unescape(m.group(1)).strip() if m else ""


def _plain(fragment: str) -> str:
    s = _CDATA.sub(lambda m: m.group(1), fragment)
    if "<" in s:
        s = _TAG.sub("", s)
    return html.unescape(s).strip()


def _system_text(content: str) -> str:
    s = content.strip()
    if "<replacemsg>" in s:
        return _xml_first(s, "replacemsg")
    if "<template>" in s:
        return re.sub(r"\$[A-Za-z_]\w*\$", "", _xml_first(s, "template")).strip()
    if s.startswith("<sysmsg") or s.startswith("<?xml"):
        return _xml_first(s, "plain") or _xml_first(s, "content")
    s = _REVOKE_EDIT.sub("", s)
    return _plain(s.replace("<![CDATA[", "").replace("]]>", ""))


def _memotrace_body(type_: int, sub: int, content: str) -> tuple[str, str]:
    """(kind, text) for one MemoTrace row."""
    if type_ == 1:
        return "text", content
    if type_ in (10000, 10002):
        return "system", _system_text(content) or "[系统消息]"
    if type_ == 50:
        detail = _xml_first(content, "msg") if "<" in content else content.strip()
        return "call", f"[通话] {detail}" if detail else "[通话]"
    if type_ == 49:
        title = _xml_first(content, "title") if "<" in content else ""
        if sub == 57:  # quote reply: the title is the reply's text
            if not title:
                return "text", content.strip() if content.strip() and "<" not in content else "[引用]"
            refer = content.split("<refermsg>", 1)[1] if "<refermsg>" in content else ""
            who, quoted = _xml_first(refer, "displayname"), _xml_first(refer, "content")
            if who and quoted and not quoted.startswith("<"):
                return "text", f"{title}\n引用:{who}:{quoted}"
            return "text", title
        if sub == 1 and title:
            return "text", title
        return "media", _with_detail(_APP.get(sub, "[链接]"), title, _share_url(content))
    if type_ in _MEDIA:
        placeholder = _MEDIA[type_]
        detail = ""
        if "<" in content:
            if type_ == 48:
                detail = _xml_attr(content, "poiname") or _xml_attr(content, "label")
            elif type_ == 42:
                detail = _xml_attr(content, "nickname")
        return "media", _with_detail(placeholder, detail)
    if content.strip() and not content.lstrip().startswith("<"):
        return "text", content
    return "media", "[其他消息]"


def _share_url(content: str, fallback: str = "") -> str:
    """The link of a share card: <url> of the appmsg XML, else an href, else `fallback` (PyWxDump's src)."""
    url = _xml_first(content, "url") if "<url" in content else ""
    if not url.startswith(("http://", "https://")):
        m = _HREF.search(content)
        url = html.unescape(m.group(1)) if m else ""
    if not url.startswith(("http://", "https://")):
        url = fallback.strip() if fallback.strip().startswith(("http://", "https://")) else ""
    return url


_HREF = re.compile(r'href="(https?://[^"]+)"')
_NOT_DETAIL = re.compile(r"^(?:<|\[[^\]]*\]$)|\.(?:dat|jpg|jpeg|png|gif|mp4|silk|amr|wav)$|\\", re.I)


def _with_detail(placeholder: str, *details: str) -> str:
    """One placeholder per media row, then what tells the row apart (a title, a URL, a file name): never the
    placeholder again ("[图片] [图片]"), raw XML, or a path to the media file on the exporting PC."""
    keep = []
    bare = placeholder.strip("[]")
    for d in details:
        d = " ".join(d.split())
        if d and d.strip("[]") != bare and not _NOT_DETAIL.search(d) and d not in keep:
            keep.append(d)
    return " ".join([placeholder, *keep])


# ------------------------------------------------------------------------------------------------ MemoTrace CSV


@dataclass
class _Row:
    line: int
    local_id: str
    talker: str
    type: int
    sub: int
    is_me: bool
    ts: datetime
    created: str
    local: datetime | None  # StrTime: the exporting PC's wall clock, for ids shared with PyWxDump
    content: str
    remark: str
    nick: str
    sender: str


def _path_hints(path: Path) -> tuple[str, str | None]:
    """(title, chat wxid) from MemoTrace's layout: 聊天记录/<remark>(<wxid>)/<remark>.csv or <remark>_utf8.csv."""
    stem = path.stem
    if stem.endswith("_utf8"):
        stem = stem[: -len("_utf8")]
    m = _FOLDER.match(path.parent.name)
    if m and m.group(1).strip() == stem and m.group(2).strip():
        return stem, m.group(2).strip()
    return stem, None


def _parse_memotrace(path: Path, text: str, batch: ImportBatch) -> None:
    rows: list[_Row] = []
    cols, reader = _csv_rows(path, text, _MEMOTRACE_REQUIRED)
    c_id, c_talker, c_type, c_sub = cols["localId"], cols["TalkerId"], cols["Type"], cols["SubType"]
    c_me, c_time, c_content = cols["IsSender"], cols["CreateTime"], cols["StrContent"]
    c_remark, c_nick, c_sender = cols["Remark"], cols["NickName"], cols["Sender"]
    c_local = cols["StrTime"]
    clean = _Memo()
    for line, row in reader:
        created = row[c_time]
        local = _wall_clock(row[c_local])
        rows.append(
            _Row(
                line=line,
                local_id=row[c_id].strip(),
                talker=clean[row[c_talker]],
                type=_int(path, row[c_type], line, "Type"),
                sub=_int(path, row[c_sub], line, "SubType", default=0),
                is_me=_flag(path, row[c_me], line, "IsSender"),
                ts=_epoch(path, created, line, "CreateTime"),
                created=created.strip(),
                local=local,
                content=row[c_content],
                remark=clean[row[c_remark]],
                nick=clean[row[c_nick]],
                sender=clean[row[c_sender]],
            )
        )
    title, folder_wxid = _path_hints(path)
    talkers = list(dict.fromkeys(r.talker for r in rows))
    numeric = all(t.isdigit() or not t for t in talkers)
    split = not numeric and len(talkers) > 1
    if numeric and len(talkers) > 1 and folder_wxid is None and path.stem.lower() in ("messages", "messages_utf8"):
        # MemoTrace's "export everything" file: TalkerId is the chat's numeric database id
        split = True
        batch.warnings.append(f"{path}:1: several chats in one file; split by their numeric TalkerId")
    if split:
        by_talker: dict[str, list[_Row]] = {}
        for r in rows:
            by_talker.setdefault(r.talker, []).append(r)
        chunks = list(by_talker.values())
    else:
        chunks = [rows] if rows else []
    for chunk in chunks:
        batch.conversations.append(_memotrace_chat(chunk, batch, title, folder_wxid, len(chunks) == 1))


def _memotrace_chat(
    rows: list[_Row], batch: ImportBatch, file_title: str, folder_wxid: str | None, whole_file: bool
) -> RawConversation:
    talker = rows[0].talker
    chat_wxid = talker if talker and not talker.isdigit() else (folder_wxid if whole_file else None)
    others: dict[str, tuple[str, str]] = {}  # wxid -> (remark, nick) of authors other than the owner
    for r in rows:
        if not r.is_me and r.type not in (10000, 10002) and r.sender and r.sender != _PYWX_ME_DEFAULT:
            others.setdefault(r.sender, (r.remark, r.nick))
    if chat_wxid:
        is_group = chat_wxid.endswith("@chatroom")
    else:
        is_group = len(others) > 1

    # the owner: Remark/NickName/Sender of IsSender=1 rows. Some MemoTrace versions write the chat's contact
    # in Remark/NickName of every row and Sender=我 on the owner's: that names nobody. A name that is also
    # on the contact's rows contradicts itself and is never recorded as the owner.
    theirs = {n for r in rows if not r.is_me and r.type not in (10000, 10002) for n in (r.remark, r.nick) if n}
    for r in rows:
        if r.is_me and r.type not in (10000, 10002):
            name = "" if r.sender == _PYWX_ME_DEFAULT else (r.remark or r.nick)
            if name in theirs:
                batch.warnings.append(
                    f"{batch.path}: the owner's rows (IsSender=1) carry {name!r}, the name on the contact's rows; "
                    "not taken as the owner's name"
                )
            elif name and name != _PYWX_ME_DEFAULT:
                batch.me.add(name)
            if r.sender and _WXID.match(r.sender) and ("wechat", r.sender) not in batch.me_handles:
                batch.me_handles += (("wechat", r.sender),)
            break

    peer = None
    peer_handles: tuple[tuple[str, str], ...] = ()
    if is_group:
        title = file_title if whole_file else (chat_wxid or talker)
        key = chat_wxid or title
    else:
        contact_wxid = chat_wxid or (next(iter(others)) if len(others) == 1 else None)
        remark, nick = others.get(contact_wxid or "", ("", ""))
        if not (remark or nick):
            remark, nick = next(((r.remark, r.nick) for r in rows if not r.is_me and (r.remark or r.nick)), ("", ""))
        peer = remark or nick or (file_title if whole_file else None)
        handles = []
        if contact_wxid:
            handles.append(("wechat", contact_wxid))
        if remark:
            handles.append(("wechat_remark", remark))
        if nick and nick != remark:
            handles.append(("name", nick))
        peer_handles = tuple(handles)
        title = peer or contact_wxid or file_title
        key = contact_wxid or title

    conv = RawConversation(key=key, title=title, is_group=is_group, peer=peer, peer_handles=peer_handles)
    seen: set[str] = set()
    make_id = IdMaker()
    handle_cache: dict[tuple, tuple] = {}
    for r in rows:
        kind, text = _memotrace_body(r.type, r.sub, r.content)
        if kind == "system":
            sender, is_me, handles = None, None, ()
        else:
            sender = None if (r.is_me and (r.sender == _PYWX_ME_DEFAULT or (r.remark or r.nick) in theirs)) else (
                r.remark or r.nick or None)
            if sender is None and not is_group and not r.is_me:
                sender = peer
            if sender is None:
                sender = r.sender or (_PYWX_ME_DEFAULT if r.is_me else None)
            is_me = r.is_me
            hkey = (r.sender, r.remark, r.nick, r.is_me)
            handles = handle_cache.get(hkey)
            if handles is None:
                hs = []
                if r.sender and r.sender != _PYWX_ME_DEFAULT:
                    hs.append(("wechat", r.sender))
                if is_group and r.remark and r.nick and r.remark != r.nick and not r.is_me:
                    hs.append(("wechat_remark", r.remark))
                handles = handle_cache[hkey] = tuple(hs)
        if r.local is not None:  # the id PyWxDump's copy of this message gets too: stored once
            who = "" if kind == "system" else ("me" if r.is_me else (r.sender if is_group else "peer"))
            sid = _shared_id(make_id, r.local, who, kind, text)
        else:
            sid = f"{r.local_id}@{r.created}" if r.local_id else f"@{r.created}"
        if sid in seen:
            n = 1
            while f"{sid}.{n}" in seen:
                n += 1
            sid = f"{sid}.{n}"
        seen.add(sid)
        conv.messages.append(
            RawMessage(
                source_id=sid, timestamp=r.ts, sender=sender, text=text, is_me=is_me, kind=kind,
                sender_handles=handles, line=r.line,
            )
        )
    _sort(conv)
    return conv


def _sort(conv: RawConversation) -> None:
    try:
        conv.messages.sort(key=lambda m: m.timestamp)  # stable: file order breaks ties
    except TypeError:  # naive and aware mixed: keep file order
        pass


# ------------------------------------------------------------------------------------------------ PyWxDump CSV


def _load_users(path: Path, batch: ImportBatch) -> dict[str, dict]:
    """PyWxDump writes users.json next to the CSVs: {wxid: {nickname, remark, ...}}. Optional."""
    users_path = path.with_name("users.json")
    if not users_path.is_file():
        return {}
    try:
        data = json.loads(users_path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        line = getattr(e, "lineno", 1)
        batch.warnings.append(f"{users_path}:{line}: users.json unreadable, names not resolved ({e})")
        return {}
    if isinstance(data, dict):
        return {k: v for k, v in data.items() if isinstance(v, dict)}
    if isinstance(data, list):
        return {str(u.get("wxid")): u for u in data if isinstance(u, dict) and u.get("wxid")}
    return {}


def _user_name(users: dict[str, dict], wxid: str) -> tuple[str, str]:
    u = users.get(wxid) or {}
    remark = strip_marks(str(u.get("remark") or ""))
    nick = strip_marks(str(u.get("nickname") or u.get("nickName") or ""))
    return remark, nick


def _parse_pywxdump(path: Path, text: str, batch: ImportBatch) -> None:
    users = _load_users(path, batch)
    m = _PYWXDUMP_FILE.match(path.stem)
    default_room = m.group(1) if m else path.stem
    convs: dict[str, RawConversation] = {}
    ids: dict[str, set[str]] = {}
    make_id = IdMaker()
    shared_ids: dict[str, IdMaker] = {}
    cols, reader = _csv_rows(path, text, _PYWXDUMP_REQUIRED)
    c_id, c_type, c_me, c_talker = cols["MsgSvrID"], cols["type_name"], cols["is_sender"], cols["talker"]
    c_room, c_msg, c_time, c_src = cols["room_name"], cols["msg"], cols["CreateTime"], cols["src"]
    clean = _Memo()
    for line, row in reader:
        room = clean[row[c_room]] or default_room
        talker = clean[row[c_talker]]
        is_me = _flag(path, row[c_me], line, "is_sender")
        ts = _local_time(path, row[c_time], line)
        type_name = clean[row[c_type]]
        kind, text_ = _pywx_body(type_name, row[c_msg], row[c_src])

        conv = convs.get(room)
        if conv is None:
            is_group = room.endswith("@chatroom")
            remark, nick = _user_name(users, room)
            name = remark or nick or None
            if is_group:
                conv = RawConversation(key=room, title=name or room, is_group=True)
            else:
                handles = [("wechat", room)]
                if remark:
                    handles.append(("wechat_remark", remark))
                if nick and nick != remark:
                    handles.append(("name", nick))
                conv = RawConversation(
                    key=room, title=name or room, is_group=False, peer=name, peer_handles=tuple(handles)
                )
            convs[room] = conv
            ids[room] = set()

        if kind == "system" or (not is_me and talker in ("系统", "")):
            sender, me_flag, handles = None, None, ()
            if kind != "system":
                kind = "system"
        elif is_me:
            sender, me_flag, handles = talker or _PYWX_ME_DEFAULT, True, ()
            batch.me.add(sender)
        else:
            remark, nick = _user_name(users, talker)
            sender = remark or nick or talker
            me_flag = False
            handles = (("wechat", talker),) if talker != "未知" else ()
        if ts.tzinfo is None:  # a wall-clock time: the id MemoTrace's copy of this message gets too
            who = "" if kind == "system" else ("me" if is_me else (talker if room.endswith("@chatroom") else "peer"))
            sid = _shared_id(shared_ids.setdefault(room, IdMaker()), ts, who, kind, text_)
        else:
            sid = row[c_id].strip()
            if not sid or sid == "0" or sid in ids[room]:
                sid = make_id(room, ts.isoformat(), sender, text_)
        ids[room].add(sid)
        conv.messages.append(
            RawMessage(
                source_id=sid, timestamp=ts, sender=sender, text=text_, is_me=me_flag, kind=kind,
                sender_handles=handles, line=line,
            )
        )
    for conv in convs.values():
        _sort(conv)
        batch.conversations.append(conv)


_WALL_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S")


def _wall_clock(value: str) -> datetime | None:
    v = value.strip()
    for fmt in _WALL_FORMATS:
        try:
            return datetime.strptime(v, fmt)
        except ValueError:
            continue
    return None


def _shared_id(make_id: IdMaker, local: datetime, who: str, kind: str, text: str) -> str:
    """The id of one message that MemoTrace and PyWxDump both give it, so the two exports of one chat store
    each message once: the exporting PC's wall-clock second, the side that wrote it ("me", "peer", a group
    member's wxid), and what the tools agree on about its content (a text's first line, a media row's
    placeholder; the two tools word the rest differently). Repeats in one second are counted apart."""
    if kind == "text":
        what = text.strip().split("\n", 1)[0].strip()
    elif kind == "media":
        what = text.split(" ", 1)[0]
    else:
        what = kind
    return "wx:" + make_id(local.strftime("%Y-%m-%d %H:%M:%S"), who, kind if kind != "text" else "", what)


def _local_time(path: Path, value: str, line: int) -> datetime:
    v = value.strip()
    if v.isdigit():
        return _epoch(path, v, line, "CreateTime")
    local = _wall_clock(v)
    if local is not None:
        return local  # naive: the pipeline reads it in the configured zone (Settings.timezone)
    raise ParseError(path, f"CreateTime {value!r} is not a date like 2024-01-31 18:05:09", line=line, field="CreateTime")


def _pywx_body(type_name: str, msg: str, src: str = "") -> tuple[str, str]:
    if type_name.startswith("消息撤回"):
        return "system", msg.strip() or "[撤回了一条消息]"
    kind, placeholder = _PYWX_TYPES.get(type_name, ("media", f"[{type_name}]" if type_name else "[其他消息]"))
    if kind == "text":
        return kind, msg
    if kind == "system":
        return kind, _system_text(msg) if "<" in msg else msg.strip() or f"[{type_name}]"
    if kind == "call":
        return kind, msg.strip() or placeholder
    # media: keep the detail PyWxDump wrote (file name, voice length, link title) after the placeholder
    if placeholder in ("[图片]", "[视频]", "[表情包]"):  # the cell holds the type's name, a path or XML
        return kind, placeholder
    if "<appmsg" in msg or msg.lstrip().startswith(("<?xml", "<msg")):  # a share card's raw XML
        return kind, _with_detail(placeholder, _xml_first(msg, "title"), _share_url(msg, src))
    url = _share_url(msg, src) if placeholder in ("[链接]", "[音乐分享]", "[视频号]") else ""
    detail = re.sub(r"<a [^>]*>.*?</a>", "", msg, flags=re.S).strip()
    if url or placeholder == "[链接]":
        detail = detail.split("\n", 1)[0].strip()
    if detail in ("表情", "动画表情", type_name):
        detail = ""
    return kind, _with_detail(placeholder, detail, url)


# ------------------------------------------------------------------------------------------------ contacts CSV


def _parse_contacts(path: Path, text: str, batch: ImportBatch) -> None:
    cols, reader = _csv_rows(path, text, _CONTACTS_REQUIRED)
    for line, row in reader:
        user = strip_marks(row[cols["UserName"]])
        if not user or user.endswith("@chatroom") or user.startswith("gh_") or user in _SYSTEM_ACCOUNTS:
            continue
        remark, nick, alias = (strip_marks(row[cols[c]]) for c in ("Remark", "NickName", "Alias"))
        phone = strip_marks(row[cols["telephone"]])
        name = remark or nick or alias or user
        identities = [("wechat", user)]
        if alias and alias != user:
            identities.append(("wechat", alias))
        if phone and phone.lower() != "none" and any(ch.isdigit() for ch in phone):
            identities.append(("phone", phone))
        if remark:
            identities.append(("wechat_remark", remark))
        if nick and nick != remark:
            identities.append(("name", nick))
        batch.contacts.append(RawContact(name=name, identities=identities, line=line))


# ------------------------------------------------------------------------------------------------ TXT / pasted


def _parse_txt(path: Path, text: str, batch: ImportBatch) -> None:
    lines = text.split("\n")
    first_no = next((i for i, l in enumerate(lines) if strip_marks(l)), None)
    if first_no is None:
        raise ParseError(path, "the file is empty", line=1)
    first = strip_marks(lines[first_no])
    if _TS_FIRST.match(first):
        style = "ts_first"
    elif _NAME_FIRST.match(first):
        style = "name_first"
    else:
        raise ParseError(
            path,
            f"the first line is not a WeChat message header like '2021-03-04 18:05:09 Name': {first[:60]!r}",
            line=first_no + 1,
        )
    # MemoTrace's own TXT (seconds in the time) separates blocks with a blank line; only a header after a
    # blank line starts a block there, so message text that looks like a header stays text.
    need_blank = style == "ts_first" and bool(_MEMOTRACE_TXT.match(first))

    blocks: list[tuple[int, datetime, str, list[str]]] = []  # (line, time, header name/text, body lines)
    prev_blank = True
    for i in range(first_no, len(lines)):
        raw = lines[i]
        clean = strip_marks(raw)
        header = None
        if clean and (prev_blank or not need_blank):
            if style == "ts_first":
                m = _TS_FIRST.match(clean)
                if m:
                    y, mo, d, h, mi, s, who = m.groups()
                    header = (y, mo, d, h, mi, s, who)
            else:
                m = _NAME_FIRST.match(clean)
                if m:
                    who, y, mo, d, h, mi, s = m.groups()
                    header = (y, mo, d, h, mi, s, who)
        if header:
            y, mo, d, h, mi, s, who = header
            try:
                ts = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0))
            except ValueError as e:
                raise ParseError(path, f"impossible date or time in header: {e}", line=i + 1) from None
            blocks.append((i + 1, ts, html.unescape(who.strip()), []))
        else:
            blocks[-1][3].append(raw.rstrip())
        prev_blank = not clean

    title, folder_wxid = _path_hints(path)
    make_id = IdMaker()
    key = folder_wxid or title
    conv = RawConversation(key=key, title=title, is_group=False)
    for line, ts, who, body in blocks:
        while body and not body[-1].strip():
            body.pop()
        while body and not body[0].strip():
            body.pop(0)
        if not body:
            if style == "ts_first":  # "{time} {text}" without a body is a system line
                text_, sender, kind = who, None, "system"
            else:
                batch.warnings.append(f"{path}:{line}: header without a message, skipped")
                continue
        else:
            text_, sender = "\n".join(body), who
            kind = "text"
            stripped = text_.strip()
            if stripped.startswith("[链接]:title:"):  # MemoTrace's share card block
                text_ = "[链接] " + stripped.split("\n", 1)[0][len("[链接]:title:") :].strip()
                kind = "media"
            elif stripped in _TXT_PLACEHOLDERS or stripped.startswith(("[链接]", "[文件]", "[位置]")):
                text_, kind = stripped, "media"
        conv.messages.append(
            RawMessage(
                source_id=make_id(key, ts.isoformat(), sender, text_), timestamp=ts, sender=sender, text=text_,
                is_me=None, kind=kind, line=line,
            )
        )
    authors = list(dict.fromkeys(m.sender for m in conv.messages if m.sender))
    conv.is_group = len(authors) > 2
    if not conv.is_group and title in authors:
        conv.peer = title
        conv.peer_handles = (("wechat", folder_wxid),) if folder_wxid else ()
    _sort(conv)
    batch.conversations.append(conv)
