"""Load the hand-written multilingual fixture corpus (fixture_corpus.txt) into a Store, plus seeded small talk
around it so that the labelled messages have to be found among many others.

    refs = load(store)            # {ref label: messages.id}
"""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

CORPUS = Path(__file__).with_name("fixture_corpus.txt")

# Small talk per language: never about the labelled facts.
FILLER = {
    "zh": ["在吗？", "哈哈哈", "好的，没问题", "最近忙吗？", "还行，老样子", "周末愉快", "收到，谢谢", "晚安",
           "这两天降温了，注意身体", "我刚下班", "改天聊", "你那边天气怎么样", "嗯嗯", "明白了", "好久不见啊",
           "今天加班到很晚", "有空一起吃饭", "生日快乐！", "中秋快乐", "辛苦了"],
    "de": ["Hallo, wie geht's?", "Alles gut bei dir?", "Danke dir!", "Bis bald", "Schönes Wochenende!",
           "Ich melde mich später", "Klingt gut", "Viel Stress gerade bei der Arbeit", "Gute Nacht",
           "Frohe Weihnachten!", "Wie war dein Urlaub?", "Ja, passt", "Lange nicht gehört", "Bin gerade unterwegs"],
    "fr": ["Salut, ça va ?", "Oui très bien, et toi ?", "Merci !", "À bientôt", "Bon week-end !",
           "Je te rappelle plus tard", "Ça marche", "Beaucoup de travail en ce moment", "Bonne nuit",
           "Joyeux anniversaire !", "Bonne année !", "D'accord", "Ça fait longtemps"],
    "ar": ["مرحبا، كيف حالك؟", "الحمد لله بخير", "شكراً جزيلاً", "إلى اللقاء", "عيد مبارك",
           "سأتصل بك لاحقاً", "تمام", "مشغول جداً هذه الأيام", "تصبح على خير", "رمضان كريم", "اشتقنا لك"],
    "hi": ["कैसे हो?", "मैं ठीक हूँ, तुम बताओ", "धन्यवाद!", "फिर मिलते हैं", "हैप्पी होली!",
           "बाद में बात करते हैं", "ठीक है", "आजकल काम बहुत है", "शुभ रात्रि", "जन्मदिन मुबारक!", "बहुत दिन हो गए"],
    "en": ["Hey, how are you?", "All good here, you?", "Thanks a lot!", "Talk soon", "Have a great weekend!",
           "I will get back to you later", "Sounds good", "Busy week at work", "Good night",
           "Happy birthday!", "Happy new year!", "Sure thing", "Long time no see", "On my way"],
}

_CONTACT = re.compile(r"^# contact: (\w+) \| (.+?) \| (\w+) \| (\w+)$")
_GROUP = re.compile(r"^# group: (\w+) \| (.+?) \| (\w+) \| ([\w,]+)$")
_SESSION = re.compile(r"^## (\d{4}-\d{2}-\d{2} \d{2}:\d{2})$")
_LINE = re.compile(r"^(\w+): (.+?)(?: \{(\w+)\})?$")


def parse(path: Path = CORPUS) -> list[dict]:
    """Conversations: {kind, key, name, channel, lang|members, sessions: [(datetime, [(speaker, text, ref)])]}."""
    convs: list[dict] = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip()
        if not line or (line.startswith("# ") and not (_CONTACT.match(line) or _GROUP.match(line))):
            continue
        if m := _CONTACT.match(line):
            convs.append({"kind": "contact", "key": m[1], "name": m[2], "channel": m[3], "lang": m[4], "sessions": []})
        elif m := _GROUP.match(line):
            convs.append({"kind": "group", "key": m[1], "name": m[2], "channel": m[3], "members": m[4].split(","),
                          "sessions": []})
        elif m := _SESSION.match(line):
            start = datetime.strptime(m[1], "%Y-%m-%d %H:%M").replace(tzinfo=timezone.utc)
            convs[-1]["sessions"].append((start, []))
        elif m := _LINE.match(line):
            convs[-1]["sessions"][-1][1].append((m[1], m[2], m[3]))
        else:
            raise ValueError(f"{path}:{n}: cannot read {line!r}")
    return convs


def load(store, *, filler_sessions: int = 12, seed: int = 7, path: Path = CORPUS) -> dict[str, int]:
    """Write the corpus into `store`; returns {ref: messages.id}. Also registers the contact keys as names."""
    rng = random.Random(seed)
    convs = parse(path)
    contact_ids: dict[str, int] = {}
    for c in convs:
        if c["kind"] == "contact":
            contact_ids[c["key"]] = store.create_contact(c["name"], languages=[c["lang"]])
    for c in convs:
        if c["kind"] == "group":
            for k in c["members"]:
                if k not in contact_ids:
                    contact_ids[k] = store.create_contact(k.capitalize())
    rows: list[tuple] = []
    refs: dict[str, tuple[str, str, str]] = {}
    for c in convs:
        sessions = list(c["sessions"])
        lang = c.get("lang") or ("zh" if c["channel"] == "wechat" else "de")
        # small talk between and around the labelled sessions
        first = min(s[0] for s in sessions)
        for i in range(filler_sessions):
            when = first + timedelta(days=rng.randint(-200, 1900), hours=rng.randint(0, 12))
            lines = []
            for _ in range(rng.randint(2, 6)):
                if c["kind"] == "contact":
                    speaker = rng.choice(["me", "them"])
                else:
                    speaker = rng.choice(["me", *c["members"]])
                lines.append((speaker, rng.choice(FILLER[lang]), None))
            sessions.append((when, lines))
        sessions.sort(key=lambda s: s[0])
        if c["kind"] == "group":
            group_id, _ = store.upsert_group(c["channel"], c["key"], c["name"])
            store.add_group_members(group_id, [contact_ids[k] for k in c["members"]])
        conv_key = c["key"]
        seq = 0
        for start, lines in sessions:
            for j, (speaker, text, ref) in enumerate(lines):
                ts = int((start + timedelta(minutes=3 * j)).timestamp())
                seq += 1
                source_id = f"{conv_key}-{seq}"
                out = speaker == "me"
                if c["kind"] == "contact":
                    cid, gid = contact_ids[c["key"]], None
                    sender = None if out else cid
                else:
                    cid, gid = None, group_id
                    sender = None if out else contact_ids[speaker]
                rows.append((c["channel"], conv_key, cid, gid, sender, "out" if out else "in", "text", ts, text,
                             "fixture_corpus.txt", source_id))
                if ref:
                    if ref in refs:
                        raise ValueError(f"duplicate ref {ref}")
                    refs[ref] = (c["channel"], conv_key, source_id)
    with store.transaction():
        store.insert_messages(rows)
    out: dict[str, int] = {}
    for ref, (channel, conv, sid) in refs.items():
        row = store.db.execute(
            "SELECT id FROM messages WHERE channel = ? AND conversation = ? AND source_id = ?", (channel, conv, sid)
        ).fetchone()
        out[ref] = row[0]
    return out


def contact_id(store, key: str) -> int:
    """The id of a corpus contact by its key (names are looked up from the corpus)."""
    for c in parse():
        if c["kind"] == "contact" and c["key"] == key:
            return store.find_contact(c["name"]).id
    return store.find_contact(key.capitalize()).id
