#!/usr/bin/env python3
"""Self-check of the demo data set, stdlib only: re-read every file in demo/data/ the way an importer
would (csv, json, zipfile, mailbox, plain text), verify it is well-formed for its format, that the counts
match MANIFEST.json, that cross-file identities line up, and that generation is deterministic.

    python demo/check.py            # exit status 0 when everything holds
    python demo/check.py --fast     # skip the determinism re-generation
"""

from __future__ import annotations

import csv
import email.policy
import hashlib
import io
import json
import mailbox
import quopri
import re
import sys
import tempfile
import zipfile
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"

try:  # independent time-zone check when the system has tz data; the generator does its own arithmetic
    from zoneinfo import ZoneInfo
    BERLIN = ZoneInfo("Europe/Berlin")
except Exception:  # pragma: no cover
    BERLIN = None

FAILS: list[str] = []
OKS: list[str] = []


def ok(cond: bool, what: str) -> bool:
    (OKS if cond else FAILS).append(what)
    return cond


def berlin(ts: int) -> str | None:
    if BERLIN is None:
        return None
    return datetime.fromtimestamp(ts, BERLIN).strftime("%Y-%m-%d %H:%M:%S")


SPAN = ("2016-03-01", "2026-10-31")


def in_span(d: str) -> bool:
    return SPAN[0] <= d[:10] <= SPAN[1]


# ---------------------------------------------------------------------------------------------------
def check_memotrace(f: dict, raw: bytes) -> None:
    name = f["path"]
    ok(raw.startswith(b"\xef\xbb\xbf"), f"{name}: starts with a UTF-8 BOM (utf-8-sig)")
    ok(b"\r\n" in raw, f"{name}: csv.writer CRLF row endings")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    header = ["localId", "TalkerId", "Type", "SubType", "IsSender", "CreateTime", "Status", "StrContent", "StrTime",
              "Remark", "NickName", "Sender"]
    ok(rows[0] == header, f"{name}: MemoTrace header")
    body = rows[1:]
    ok(all(len(r) == 12 for r in body), f"{name}: 12 fields on every row")
    ok(len(body) == f["entries"], f"{name}: {len(body)} rows == manifest entries {f['entries']}")
    ok(sum(r[2] == "10000" for r in body) == f["system"], f"{name}: system rows == manifest")
    ids = [int(r[0]) for r in body]
    ok(ids == sorted(ids) and len(set(ids)) == len(ids), f"{name}: localId strictly increasing")
    ok(len({r[1] for r in body}) == 1 and body[0][1].isdigit(), f"{name}: one integer TalkerId")
    times = [int(r[5]) for r in body]
    ok(times == sorted(times), f"{name}: CreateTime non-decreasing")
    if BERLIN:
        ok(all(berlin(int(r[5])) == r[8] for r in body), f"{name}: StrTime == CreateTime in Europe/Berlin")
    ok(all(in_span(r[8]) for r in body), f"{name}: all dates within {SPAN}")
    mine = [r for r in body if r[4] == "1"]
    ok(all(r[10] == f["owner_name"] and r[11] == f["owner_handle"] for r in mine), f"{name}: IsSender=1 rows are the owner")
    ok(all(r[4] in ("0", "1") for r in body), f"{name}: IsSender is 0/1")
    for r in body:
        if r[2] in ("3", "47", "34") and r[7] and not r[7].lstrip().startswith("<"):
            ok(False, f"{name}: non-text StrContent is XML (localId {r[0]})")
            break
    senders = {r[11] for r in body if r[11] and r[4] == "0"}
    if f["is_group"]:
        ok(len(senders) + 1 == f["distinct_senders"] or len(senders) == f["distinct_senders"],
           f"{name}: {len(senders)} distinct member senders ~ manifest {f['distinct_senders']}")
        ok(len(senders) >= 150, f"{name}: a big group (>=150 speaking members)")
    else:
        ok(len(senders) == 1, f"{name}: a 1:1 chat has exactly one other sender")


def check_pywxdump(f: dict, raw: bytes) -> None:
    name = f["path"]
    ok(not raw.startswith(b"\xef\xbb\xbf"), f"{name}: plain utf-8, no BOM")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    ok(rows[0] == ["id", "MsgSvrID", "type_name", "is_sender", "talker", "room_name", "msg", "src", "CreateTime"],
       f"{name}: PyWxDump header")
    body = rows[1:]
    ok(len(body) == f["entries"], f"{name}: {len(body)} rows == manifest entries {f['entries']}")
    ok([int(r[0]) for r in body] == list(range(1, len(body) + 1)), f"{name}: id is 1..N")
    wxid = Path(name).parent.name
    ok(Path(name).name == f"{wxid}_0_{len(body) + 1}.csv", f"{name}: file name <wxid>_0_<count+1>.csv")
    ok(all((r[3] == "1") == (r[4] == f["owner_name"]) for r in body), f"{name}: talker '我' exactly for is_sender=1")
    ok(all(r[5] == wxid for r in body), f"{name}: room_name is the contact's wxid")
    ok(all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", r[8]) for r in body), f"{name}: CreateTime is a local time string")
    ok(all(in_span(r[8]) for r in body), f"{name}: all dates within {SPAN}")
    ok(sum(r[2] in ("系统通知", "拍一拍") for r in body) == f["system"], f"{name}: system rows == manifest")
    users = json.loads((DATA / f["sidecar"]).read_text(encoding="utf-8"))
    ok(wxid in users and users[wxid]["remark"], f"{f['sidecar']}: users.json names the contact")


WA_ANDROID = re.compile(r"^(\d\d)\.(\d\d)\.(\d\d), (\d\d):(\d\d) - ")
WA_IOS_24 = re.compile("^\u200e?\\[(\\d\\d)/(\\d\\d)/(\\d{4}), (\\d\\d):(\\d\\d):(\\d\\d)\\] ")
WA_IOS_12 = re.compile("^\u200e?\\[(\\d\\d)/(\\d\\d)/(\\d{4}), (\\d{1,2}):(\\d\\d):(\\d\\d)\u202f(AM|PM)\\] ")


def _wa_entries(text: str, rx: re.Pattern, owner: str) -> tuple[int, int, list[str], set[str], list[str]]:
    entries = system = 0
    dates: list[str] = []
    authors: set[str] = set()
    problems: list[str] = []
    for i, line in enumerate(text.split("\n"), 1):
        m = rx.match(line)
        if not m:
            continue
        entries += 1
        g = m.groups()
        if rx is WA_ANDROID:
            dates.append(f"20{g[2]}-{g[1]}-{g[0]}")
        else:
            dates.append(f"{g[2]}-{g[1]}-{g[0]}")
        rest = line[m.end():]
        if rx is WA_ANDROID and ": " not in rest:
            system += 1
            continue
        author, _, body = rest.partition(": ")
        if body.startswith("\u200eMessages and calls are end-to-end encrypted"):
            system += 1
            continue
        authors.add(author)
        if rx is not WA_ANDROID and ("omitted" in body or "<attached:" in body or "Missed voice call" in body) \
                and not line.startswith("\u200e"):
            problems.append(f"line {i}: media line without a leading U+200E")
    return entries, system, dates, authors, problems


def check_whatsapp(f: dict, raw: bytes) -> None:
    name = f["path"]
    if name.endswith(".zip"):
        z = zipfile.ZipFile(io.BytesIO(raw))
        ok(z.namelist() == ["_chat.txt"], f"{name}: zip holds exactly _chat.txt")
        ok(z.testzip() is None, f"{name}: zip CRCs are valid")
        raw = z.read("_chat.txt")
    text = raw.decode("utf-8")
    ios = "ios" in f["variant"]
    if ios:
        ok(raw.count(b"\r\n") == raw.count(b"\n"), f"{name}: CRLF line endings only")
        text = text.replace("\r\n", "\n")
        rx = WA_IOS_12 if "12-hour" in f["variant"] else WA_IOS_24
    else:
        ok(b"\r" not in raw, f"{name}: LF line endings")
        rx = WA_ANDROID
    entries, system, dates, authors, problems = _wa_entries(text, rx, f["owner_name"])
    ok(entries == f["entries"], f"{name}: {entries} header lines == manifest entries {f['entries']}")
    ok(system == f["system"], f"{name}: {system} system lines == manifest {f['system']}")
    ok(dates == sorted(dates), f"{name}: chronological")
    ok(all(in_span(d) for d in dates), f"{name}: all dates within {SPAN}")
    ok(authors == {f["owner_name"], f["chat"]}, f"{name}: authors are exactly owner + {f['chat']} ({sorted(authors)})")
    ok(not problems, f"{name}: U+200E on media lines {problems[:2]}")
    if "12-hour" in f["variant"]:
        ok("\u202fPM]" in text and "\u202fAM]" in text, f"{name}: U+202F before AM/PM")
    first = text.split("\n", 1)[0]
    ok("end-to-end encrypted" in first, f"{name}: starts with the encryption notice")


def _tg_plain(text) -> str:
    if isinstance(text, str):
        return text
    return "".join(p if isinstance(p, str) else p["text"] for p in text)


def check_telegram(f: dict, raw: bytes) -> None:
    name = f["path"]
    d = json.loads(raw.decode("utf-8"))
    ok(raw.startswith(b'{\n "about": '), f"{name}: tdesktop layout (1-space indent, about first)")
    pi = d["personal_information"]
    ok(f"{pi['first_name']} {pi['last_name']}" == f["owner_name"], f"{name}: personal_information is the owner")
    ok(len(d["contacts"]["list"]) == f["contacts"], f"{name}: contacts == manifest")
    chats = d["chats"]["list"]
    total = sum(len(c["messages"]) for c in chats)
    ok(total == f["entries"], f"{name}: {total} messages == manifest entries {f['entries']}")
    ok(sum(m["type"] == "service" for c in chats for m in c["messages"]) == f["system"], f"{name}: service == manifest")
    ids = [m["id"] for c in chats for m in c["messages"]]
    ok(len(set(ids)) == len(ids), f"{name}: message ids unique across private chats and basic groups")
    good_dates = good_text = True
    for c in chats:
        ok(c["type"] in ("personal_chat", "private_group"), f"{name}: chat type {c['type']}")
        for m in c["messages"]:
            ts = int(m["date_unixtime"])
            if BERLIN and datetime.fromtimestamp(ts, BERLIN).strftime("%Y-%m-%dT%H:%M:%S") != m["date"]:
                good_dates = False
            if _tg_plain(m["text"]) != "".join(e["text"] for e in m["text_entities"]):
                good_text = False
            if m["type"] == "message" and not (m["from_id"].startswith("user") and m["from"]):
                good_text = False
        ok(all(in_span(m["date"]) for m in c["messages"]), f"{name}: {c['name']}: dates within {SPAN}")
    ok(good_dates, f"{name}: date == date_unixtime in Europe/Berlin")
    ok(good_text, f"{name}: text parts concatenate to text_entities; every message has from/from_id")
    owner_msgs = [m for c in chats for m in c["messages"] if m.get("from_id") == f"user{pi['user_id']}"]
    ok(all(m["from"] == f["owner_name"] for m in owner_msgs) and owner_msgs, f"{name}: owner's messages carry his user id")


def check_linkedin(f: dict, raw: bytes) -> None:
    name = f["path"]
    text = raw.decode("utf-8-sig")
    if name.endswith("Connections.csv"):
        lines = text.split("\n")
        ok(lines[0] == "Notes:" and lines[1].startswith('"When exporting') and lines[2] == "", f"{name}: Notes preamble")
        start = next(i for i, ln in enumerate(lines) if ln.startswith("First Name,Last Name,"))
        rows = list(csv.DictReader(io.StringIO("\n".join(lines[start:]), newline="")))
        ok(len(rows) == f["contacts"], f"{name}: {len(rows)} connections == manifest")
        ok(all(re.fullmatch(r"\d\d [A-Z][a-z]{2} \d{4}", r["Connected On"]) for r in rows), f"{name}: Connected On is DD Mon YYYY")
        ok(any(r["First Name"].startswith("Dr. ") for r in rows) and any(r["Last Name"].endswith(" ") for r in rows),
           f"{name}: real-world noise (honorific in first name, trailing space)")
    else:
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        ok(list(rows[0].keys())[:10] == ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
                                          "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER"], f"{name}: header")
        ok(len(rows) == f["messages"], f"{name}: {len(rows)} messages == manifest")
        ok(all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", r["DATE"]) for r in rows), f"{name}: DATE ends with UTC")
        ok(all(f["owner_name"] in (r["FROM"], r["TO"]) for r in rows), f"{name}: the owner is in every message")
        ok(len({r["CONVERSATION ID"] for r in rows}) == f["conversations"], f"{name}: conversations == manifest")


def check_mbox(f: dict, raw: bytes) -> None:
    name = f["path"]
    ok(raw.count(b"\r\n") == raw.count(b"\n"), f"{name}: CRLF line endings")
    ok(b"\r\n>From what I can tell" in raw, f"{name}: mboxo '>From ' escaping present")
    mb = mailbox.mbox(str(DATA / name), factory=lambda fp: __import__("email").message_from_binary_file(fp, policy=email.policy.default),
                      create=False)
    msgs = list(mb)
    ok(len(msgs) == f["messages"], f"{name}: {len(msgs)} messages == manifest")
    ok(all(m["date"] is not None and m["date"].datetime is not None for m in msgs), f"{name}: every Date parses")
    ok(all(m["X-GM-THRID"] and m["X-Gmail-Labels"] for m in msgs), f"{name}: Gmail Takeout headers")
    subjects = [str(m["subject"]) for m in msgs]
    ok(any("—" in s for s in subjects), f"{name}: an RFC 2047 subject decodes")
    bodies = [m.get_content() for m in msgs]
    ok(all(isinstance(b, str) and b for b in bodies), f"{name}: every body decodes")
    frm = [m["from"].addresses[0].addr_spec for m in msgs]
    ok(f["owner_email"] in frm and f["people"][0]["email"] in frm, f"{name}: owner and Sarah both send")
    ok(sum(f["people"][0]["email"] in (m["from"].addresses[0].addr_spec, m["to"].addresses[0].addr_spec) for m in msgs)
       == f["people"][0]["messages"], f"{name}: Sarah's thread size == manifest")
    dates = [m["date"].datetime.astimezone(timezone.utc).isoformat() for m in msgs]
    ok(dates == sorted(dates) and all(in_span(d) for d in dates), f"{name}: chronological, within span")


def check_vcard(f: dict, raw: bytes) -> None:
    name = f["path"]
    ok(raw.count(b"\r\n") == raw.count(b"\n"), f"{name}: CRLF line endings")
    text = raw.decode("utf-8").replace("\r\n", "\n")
    cards = re.findall(r"BEGIN:VCARD\n(.*?)\nEND:VCARD", text, re.S)
    ok(len(cards) == f["contacts"] == text.count("BEGIN:VCARD") == text.count("END:VCARD"), f"{name}: {len(cards)} cards == manifest")
    versions = [re.search(r"^VERSION:(.*)$", c, re.M).group(1) for c in cards]
    ok(versions.count("2.1") == 1 and versions.count("3.0") == len(cards) - 1, f"{name}: 3.0 cards plus one 2.1 card")
    names = []
    for c in cards:
        m = re.search(r"^FN(;[^:]*)?:(.*)$", c, re.M)
        val = m.group(2)
        if m.group(1) and "QUOTED-PRINTABLE" in m.group(1):
            val = quopri.decodestring(val.encode()).decode("utf-8")
        names.append(val)
    ok(names == f["people"], f"{name}: names {names}")
    ok("BDAY;X-APPLE-OMIT-YEAR=1604:1604-07-12" in text and "BDAY;VALUE=date:1994-03-08" in text, f"{name}: birthdays (one without year)")


def check_google(f: dict, raw: bytes) -> None:
    name = f["path"]
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    ok(len(rows) == f["contacts"], f"{name}: {len(rows)} contacts == manifest")
    ok({"First Name", "Last Name", "E-mail 1 - Value", "Phone 1 - Value", "Birthday", "Labels"} <= set(rows[0]), f"{name}: Google CSV columns")


CHECKERS = {"whatsapp": check_whatsapp, "telegram": check_telegram, "linkedin": check_linkedin, "mbox": check_mbox,
            "vcard": check_vcard, "google_contacts": check_google}


def check_cross(man: dict) -> None:
    files = {f["path"]: f for f in man["files"]}

    def read(suffix: str) -> str:
        p = next(k for k in files if k.endswith(suffix))
        raw = (DATA / p).read_bytes()
        if p.endswith(".zip"):
            raw = zipfile.ZipFile(io.BytesIO(raw)).read("_chat.txt")
        return raw.decode("utf-8-sig")

    liwei = read("李伟_utf8.csv")
    group = read("2016 深圳技术交流群_utf8.csv")
    vcf = read("contacts.vcf")
    tg = json.loads(read("result.json"))
    conns = read("Connections.csv")
    mbox_text = read(".mbox")
    wxid = "wxid_2lw8v6n3c9x512"
    ok(wxid in liwei and f",{wxid}\r\n" in group, "cross: Li Wei has the same wxid in his 1:1 chat and in the group")
    ok(wxid in vcf, "cross: Li Wei's wxid is on his vCard")
    anna_phone = next(p["phone"] for f in man["files"] for p in f.get("people", []) if isinstance(p, dict) and p.get("name") == "Anna Schmidt" and p.get("phone"))
    ok(anna_phone in vcf and any(c["phone_number"] == anna_phone for c in tg["contacts"]["list"]),
       "cross: Anna's WhatsApp phone is on her vCard and in the Telegram contacts")
    ok("FN:Anna Schmidt" in vcf and "Anna Schmidt:" in read("WhatsApp Chat with Anna Schmidt.txt"), "cross: WhatsApp shows the phone-book name")
    sarah = "sarah.miller@example.org"
    ok(sarah in vcf and sarah in conns and sarah in mbox_text, "cross: Sarah's e-mail in vCard, LinkedIn and mbox")
    ok(man["injection_test"]["contains"] in liwei, "cross: the prompt-injection joke is in Li Wei's chat")
    ok("Ondine" in json.dumps(tg, ensure_ascii=False) and "Zugspitze" in read("Anna Schmidt.txt") and "大鹏" in liwei
       and "Raft" in mbox_text and "لينا" in read("Omar Haddad.zip") and "defence" in read("Priya Sharma.txt"),
       "cross: the signature shared-history topics are present")
    t = man["totals"]
    ok(3000 <= t["messages"] <= 4000, f"totals: {t['messages']} messages within 3,000-4,000")
    size = sum(p.stat().st_size for p in DATA.rglob("*") if p.is_file())
    ok(size < 2 * 1024 * 1024, f"totals: data dir is {size} bytes (< 2 MB)")


def check_determinism(man: dict) -> None:
    sys.path.insert(0, str(HERE))
    import generate  # noqa: E402
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "data"
        saved = generate.DATA
        try:
            again = generate.build(out)
        finally:
            generate.DATA = saved
        same = [f["sha256"] for f in again["files"]] == [f["sha256"] for f in man["files"]]
        ok(same, "determinism: a second run gives byte-identical files")
        ok((out / "MANIFEST.json").read_bytes() == (DATA / "MANIFEST.json").read_bytes(), "determinism: identical MANIFEST.json")


def main(argv: list[str]) -> int:
    FAILS.clear()
    OKS.clear()
    man = json.loads((DATA / "MANIFEST.json").read_text(encoding="utf-8"))
    listed = {f["path"] for f in man["files"]} | {f["sidecar"] for f in man["files"] if "sidecar" in f} | {"MANIFEST.json"}
    present = {str(p.relative_to(DATA)) for p in DATA.rglob("*") if p.is_file()}
    ok(listed == present, f"manifest lists exactly the files present (extra: {sorted(present - listed)}, missing: {sorted(listed - present)})")
    for f in man["files"]:
        raw = (DATA / f["path"]).read_bytes()
        ok(hashlib.sha256(raw).hexdigest() == f["sha256"] and len(raw) == f["bytes"], f"{f['path']}: sha256/bytes match manifest")
        ok(f["format"] in ("whatsapp", "telegram", "wechat", "linkedin", "google_contacts", "vcard", "mbox"), f"{f['path']}: format")
        try:
            if f["format"] == "wechat":
                (check_memotrace if f["variant"].startswith("memotrace") else check_pywxdump)(f, raw)
            else:
                CHECKERS[f["format"]](f, raw)
        except Exception as e:  # a crash is a failed check, reported with the file
            ok(False, f"{f['path']}: could not be read: {type(e).__name__}: {e}")
    try:
        check_cross(man)
    except Exception as e:
        ok(False, f"cross-file checks crashed: {type(e).__name__}: {e}")
    if "--fast" not in argv:
        check_determinism(man)
    for line in FAILS:
        print("FAIL", line)
    print(f"check: {len(OKS)} passed, {len(FAILS)} failed")
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
