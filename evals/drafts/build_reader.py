"""Writes the reader scenarios (`scenarios/rd-*`): histories a recipient would recognise, built to fail on what a
reader of the drafts saw (issue 13), in real export formats:

- multi-year histories (2021 to today) with everyday filler between the threads that matter;
- sensitive threads, some without obvious keywords (a pet put down, a break-up, a parent's tests);
- third-party words in a group chat (never to be put in the contact's mouth);
- a fresh open loop next to an older talking point (the fresh one must win);
- a user who writes in another language than the contact (the draft follows the user);
- the name the user really uses in greetings (老王, Jo, Tom, Frau Schneider), never the full stored name;
- a thin history (an honest hello), a contact in a seventh language (Italian);
- a draft approved as sent, then a new draft for the same person (never the same text again).

    .venv/bin/python -m evals.drafts.build_reader

Rewrites only `scenarios/rd-*`. Each case is a table row below; `expect` keys are documented in README.md.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "scenarios"
USER = "Alex Chen"
TODAY = "2025-03-10"

# Everyday filler: short exchanges that are nobody's talking point, spread over the years.
FILLER = {
    "en": [("them", "Happy new year!! 🎉"), ("me", "Happy new year to you too!"), ("me", "Running 10 min late, sorry"),
           ("them", "No worries"), ("them", "haha"), ("me", "👍"), ("them", "Thanks!"), ("me", "See you Saturday")],
    "fr": [("them", "Bonne année !! 🎉"), ("me", "Bonne année à toi aussi !"), ("them", "Merci !"), ("me", "👍"),
           ("them", "haha"), ("me", "À samedi alors !"), ("them", "À bientôt")],
    "de": [("them", "Frohes neues Jahr! 🎉"), ("me", "Dir auch, alles Gute!"), ("them", "Danke dir"), ("me", "👍"),
           ("them", "haha"), ("me", "Bis Samstag")],
    "zh": [("them", "新年快乐！🎉"), ("me", "新年快乐！"), ("them", "哈哈哈"), ("me", "好的"), ("them", "谢谢"),
           ("me", "周末见")],
    "ar": [("them", "كل عام وأنت بخير 🌙"), ("me", "وأنت بخير"), ("them", "شكراً"), ("me", "👍"), ("them", "هههه")],
    "hi": [("them", "हैप्पी न्यू ईयर! 🎉"), ("me", "तुम्हें भी!"), ("them", "धन्यवाद"), ("me", "👍"), ("them", "हाहा")],
    "it": [("them", "Buon anno!! 🎉"), ("me", "Buon anno anche a te!"), ("them", "Grazie!"), ("me", "👍"),
           ("them", "ahah")],
}
FILLER_EN_TO = {  # what the user writes when they write English to a contact in another language
    "fr": [("me", "Happy new year to you too!"), ("me", "See you soon!")],
    "ar": [("me", "Happy Eid, all the best to your family!"), ("me", "Thanks, you too!")],
    "hi": [("me", "Happy new year to you too!"), ("me", "Haha love it")],
}


def filler(lang: str, start: str, end: str, every_days: int, user_lang: str | None = None) -> list:
    """Bland exchanges every `every_days` days between two dates ('YYYY-MM-DD')."""
    pool = list(FILLER[lang])
    if user_lang == "en" and lang != "en":
        pool = [x for x in pool if x[0] == "them"] + FILLER_EN_TO.get(lang, FILLER["en"][1:3])
    t = datetime.fromisoformat(start).replace(tzinfo=UTC, hour=19, minute=5)
    stop = datetime.fromisoformat(end).replace(tzinfo=UTC)
    out, i = [], 0
    while t < stop:
        for k in range(2):
            who, text = pool[(i + k) % len(pool)]
            out.append((t + timedelta(minutes=3 * k), who, text))
        i += 2
        t += timedelta(days=every_days)
    return out


def at(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp).replace(tzinfo=UTC)


def lines(*rows) -> list:
    return [(at(s), who, text) for s, who, text in rows]


# --- the cases ---------------------------------------------------------------------------------------------
# (id, lang, contact, circle, format, history rows, expect, extra)
CASES: list[tuple] = []

CASES.append(("rd-en-01-priya-writes-hindi", "hi", "Priya Sharma", "close", "telegram",
    filler("hi", "2021-05-01", "2024-10-01", 70, "en") + lines(
        ("2022-03-14 18:02", "me", "Hi Priya, congrats on the new flat! Send pics when you've settled in"),
        ("2022-03-14 18:30", "them", "धन्यवाद! बालकनी से पूरा शहर दिखता है"),
        ("2023-08-02 09:11", "me", "Hi Priya, are you still doing the Sunday climbing sessions?"),
        ("2023-08-02 10:40", "them", "हाँ, हर रविवार! अब तो lead climbing भी सीख रही हूँ"),
        ("2025-02-22 20:15", "them", "बड़ी खबर: अप्रैल में Kalymnos जा रही हूँ, दो हफ़्ते सिर्फ़ climbing!"),
        ("2025-02-22 20:31", "me", "No way, that's a dream trip! Which crag first?"),
        ("2025-02-22 20:40", "them", "पहले Grande Grotta, फिर देखेंगे 😄")),
    {"language": "en", "greeting_name": "Priya", "hook_any": ["Kalymnos", "Grande Grotta", "climbing"]}, {}))

CASES.append(("rd-en-02-omar-writes-arabic", "ar", "Omar Haddad", "wider", "whatsapp-ios",
    filler("ar", "2021-09-01", "2024-09-01", 90, "en") + lines(
        ("2022-06-10 12:00", "them", "شكراً على المساعدة في العرض التقديمي، كان ممتازاً"),
        ("2022-06-10 12:30", "me", "Anytime Omar, it was fun working on it"),
        ("2024-12-01 18:00", "them", "افتتحنا فرع Zaatar & Co الجديد في عمّان أخيراً!"),
        ("2024-12-01 18:20", "me", "Congratulations Omar, that's huge! How's the first week going?"),
        ("2024-12-01 19:02", "them", "متعب لكن رائع، الناس يحبون المناقيش")),
    {"language": "en", "greeting_name": "Omar", "hook_any": ["Zaatar"]}, {}))

CASES.append(("rd-en-03-claire-writes-french", "fr", "Claire Dubois", "close", "whatsapp-ios",
    filler("fr", "2021-04-01", "2024-11-01", 60, "en") + lines(
        ("2023-05-20 10:00", "them", "Tu es partie sans même passer dire au revoir à la fête. J'ai trouvé ça dommage."),
        ("2023-05-20 11:00", "me", "I know, I had the early train, I should have said something"),
        ("2023-05-20 11:20", "them", "Bon. On en reparlera."),
        ("2025-02-15 08:30", "them", "Je me suis inscrite au marathon de Paris, le 13 avril ! Je m'entraîne le long du canal Saint-Martin"),
        ("2025-02-15 09:02", "me", "Claire that's amazing! First full marathon?"),
        ("2025-02-15 09:10", "them", "Oui, le premier 😅 objectif : finir en moins de quatre heures")),
    {"language": "en", "greeting_name": "Claire", "hook_any": ["marathon", "Paris"],
     "must_not_mention": ["fête", "party", "au revoir", "goodbye", "early train"]}, {}))

CASES.append(("rd-en-04-tom-loss-no-keywords", "en", "Thomas Becker", "close", "whatsapp-ios",
    filler("en", "2021-02-01", "2024-12-01", 45) + lines(
        ("2022-09-03 17:00", "me", "Hey Tom, how was Cornwall?"),
        ("2022-09-03 18:10", "them", "Rained every day but the pasties made up for it"),
        ("2025-01-05 20:10", "them", "Finally booked the Lake District cottage for Easter, four days of fell walking"),
        ("2025-01-05 20:30", "me", "Hey Tom, love that! Which fells?"),
        ("2025-01-05 20:41", "them", "Helvellyn via Striding Edge if the weather plays along"),
        ("2025-02-16 21:02", "them", "We had to say goodbye to Biscuit on Sunday. The house is so quiet now."),
        ("2025-02-16 21:15", "me", "Oh Tom, I'm so sorry. He was the best boy."),
        ("2025-02-16 21:40", "them", "Thanks mate. Fourteen good years.")),
    {"language": "en", "greeting_name": "Tom", "hook_any": ["Lake District", "Helvellyn", "Striding Edge", "cottage", "Easter", "fell"],
     "must_not_mention": ["Biscuit", "goodbye", "quiet", "sorry", "fourteen"]}, {}))

CASES.append(("rd-de-05-jo-breakup", "de", "Jonas Weber", "close", "whatsapp-android-de",
    filler("de", "2021-03-01", "2024-12-01", 50) + lines(
        ("2022-07-09 19:00", "me", "Moin Jo! Bock auf Grillen am Samstag?"),
        ("2022-07-09 19:20", "them", "Klar, ich bring Würstchen mit"),
        ("2025-01-12 18:00", "them", "Ich hab mich für den Berlin-Marathon im September angemeldet, jetzt gibt es kein Zurück"),
        ("2025-01-12 18:10", "me", "Moin Jo, wie cool! Trainierst du mit Plan?"),
        ("2025-01-12 18:30", "them", "Ja, 16 Wochen, viermal die Woche an der Alster"),
        ("2025-02-20 22:10", "them", "Lena und ich gehen getrennte Wege. Ich wohne erstmal wieder bei meinen Eltern in Kiel."),
        ("2025-02-20 22:25", "me", "Oh Jo, das tut mir leid. Melde dich, wenn du reden willst.")),
    {"language": "de", "register": "informal", "greeting_name": "Jo", "hook_any": ["Marathon", "Alster"],
     "must_not_mention": ["Lena", "Eltern", "Kiel", "getrennt", "Wege", "leid"]}, {}))

CASES.append(("rd-zh-06-laowang", "zh", "王建国", "close", "wechat",
    filler("zh", "2021-01-15", "2024-10-01", 55) + lines(
        ("2023-04-02 10:00", "them", "手头有点紧，能先借我五千吗，下个月还你"),
        ("2023-04-02 10:20", "me", "老王，没问题，转你了"),
        ("2023-05-03 09:00", "them", "钱还你了，谢谢兄弟"),
        ("2025-02-25 21:00", "them", "跟你说个事，我们那个 HSBC 老清算系统终于下线了"),
        ("2025-02-25 21:05", "me", "老王，真的假的！当年我们熬了多少夜"),
        ("2025-02-25 21:20", "them", "哈哈，下线那天我还去机房跟它合了个影")),
    {"language": "zh", "register": "informal", "greeting_name": "老王", "hook_any": ["HSBC", "清算"],
     "must_not_mention": ["借", "钱", "还你", "五千"]}, {}))

CASES.append(("rd-zh-07-wangfang-again", "zh", "王芳", "wider", "wechat",
    filler("zh", "2021-06-01", "2024-08-01", 80) + lines(
        ("2024-11-20 20:00", "them", "您好！告诉您一个好消息，我上个月开始带一个六个人的支付团队了"),
        ("2024-11-20 20:30", "me", "芳芳，太棒了！从实习生到带团队，你真厉害"),
        ("2024-11-20 20:45", "them", "都是您当年教得好，下次回国一定来安溪，我带您去茶园")),
    {"language": "zh", "register": "informal", "greeting_name": "芳芳", "hook_any": ["团队", "茶园", "安溪"]},
    {"repeat": True}))

CASES.append(("rd-en-08-group-third-party", "en", "Sam Rivera", "wider", "telegram-full",
    lines(
        ("2022-04-02 10:00", "me", "Hey Sam, great climbing with you today!"),
        ("2022-04-02 10:30", "them", "Same! Let's do it again soon"),
        ("2022-04-02 10:31", "them", "👍")),
    {"language": "en", "greeting_name": "Sam", "hook_any": ["Font", "bouldering", "Fontainebleau"],
     "must_not_mention": ["Dana", "Kalymnos", "new job", "Lisbon", "offer"]},
    {"group": ("Climbing crew", lines(
        ("2025-02-01 09:00", "Dana Okafor", "Just got back from Kalymnos, best trip of my life"),
        ("2025-02-01 09:10", "Sam Rivera", "So jealous!"),
        ("2025-02-10 12:00", "Dana Okafor", "Also: I accepted the offer in Lisbon, moving in June!"),
        ("2025-02-10 12:05", "me", "Congrats Dana!!"),
        ("2025-02-18 19:00", "Sam Rivera", "I'm organising a Font bouldering weekend in May, who's in? Fontainebleau, 3 days"),
        ("2025-02-18 19:30", "Dana Okafor", "Lisbon packing will kill me, but maybe"),
    ))}))

CASES.append(("rd-en-09-thin", "en", "Mei Lin", "wider", "whatsapp-ios",
    lines(
        ("2023-06-08 17:40", "me", "Hi Mei, great to meet you at PyCon!"),
        ("2023-06-08 18:02", "them", "Likewise, let's stay in touch")),
    {"language": "en", "greeting_name": "Mei", "no_hook": True}, {}))

CASES.append(("rd-it-10-giulia-seventh-language", "it", "Giulia Rossi", "close", "whatsapp-ios",
    filler("it", "2021-05-01", "2024-09-01", 75) + lines(
        ("2023-09-10 18:00", "me", "Ciao Giulia! Com'è andata la vendemmia?"),
        ("2023-09-10 18:30", "them", "Benissimo, abbiamo fatto il primo vino della cantina di mio nonno"),
        ("2025-02-03 20:00", "them", "Sai che ho aperto un piccolo laboratorio di ceramica a Bologna? Inauguriamo a marzo"),
        ("2025-02-03 20:20", "me", "Ciao Giulia, che bello! Verrò sicuramente a trovarti"),
        ("2025-02-03 20:30", "them", "Ti aspetto, ti faccio una tazza con il tuo nome")),
    {"language": "it", "offline_language": "en", "greeting_name": "Giulia", "hook_any": ["ceramica", "Bologna", "laboratorio"]},
    {"other_chats": [("en", "Tom Baker", "whatsapp-ios", lines(
        ("2024-05-01 10:00", "me", "Hey Tom, are we still on for the pub quiz on Thursday?"),
        ("2024-05-01 10:30", "them", "Yes! Bring your geography brain")))]}))

CASES.append(("rd-fr-11-karim-fullname", "fr", "Karim Benali", "close", "telegram",
    filler("fr", "2021-02-01", "2024-10-01", 60) + lines(
        ("2022-11-12 19:00", "me", "Salut Karim ! Tu viens au match dimanche ?"),
        ("2022-11-12 19:20", "them", "Grave, je ramène les écharpes"),
        ("2025-02-08 21:00", "them", "On a enfin signé pour l'appartement à Lyon, on emménage en mai !"),
        ("2025-02-08 21:15", "me", "Salut Karim, trop bien ! Quel quartier ?"),
        ("2025-02-08 21:30", "them", "La Croix-Rousse, avec une vue sur toute la ville")),
    {"language": "fr", "register": "informal", "greeting_name": "Karim", "hook_any": ["Lyon", "Croix-Rousse", "appartement"]},
    {}))

CASES.append(("rd-hi-12-mehta-formal", "hi", "Anil Mehta", "wider", "telegram",
    lines(
        ("2022-01-20 11:00", "me", "नमस्ते अनिल जी, कल के सेमिनार के लिए आपका बहुत धन्यवाद।"),
        ("2022-01-20 12:00", "them", "आपका स्वागत है, आपकी प्रस्तुति बहुत अच्छी थी।"),
        ("2023-03-05 09:00", "them", "होली की शुभकामनाएँ!"),
        ("2023-03-05 09:30", "me", "नमस्ते अनिल जी, आपको भी होली की शुभकामनाएँ।"),
        ("2025-01-28 10:00", "them", "अगले महीने पुणे में हमारी नई रोबोटिक्स लैब शुरू हो रही है, आप कभी आइए।"),
        ("2025-01-28 10:30", "me", "नमस्ते अनिल जी, यह बहुत अच्छी ख़बर है! आपको बहुत बधाई।")),
    {"language": "hi", "register": "formal", "greeting_name": "अनिल", "hook_any": ["लैब", "पुणे", "रोबोटिक्स"]}, {}))

CASES.append(("rd-ar-13-layla-father", "ar", "Layla Haddad", "close", "whatsapp-ios",
    filler("ar", "2021-03-01", "2024-11-01", 60) + lines(
        ("2024-12-12 19:00", "them", "سجلت في دورة تصوير فوتوغرافي في دبي، تبدأ الشهر القادم"),
        ("2024-12-12 19:20", "me", "رائع يا ليلى! أي نوع من التصوير؟"),
        ("2024-12-12 19:40", "them", "تصوير الشوارع، أحب الأسواق القديمة"),
        ("2025-02-27 22:00", "them", "بابا رجع يعمل الفحوصات من جديد، الأسبوع صعب علينا"),
        ("2025-02-27 22:10", "me", "الله يطمنك عليه يا ليلى، أنا معك")),
    {"language": "ar", "greeting_name": "ليلى", "hook_any": ["تصوير", "دبي", "الأسواق"],
     "must_not_mention": ["بابا", "الفحوصات", "صعب", "يطمنك"]}, {}))

CASES.append(("rd-de-14-schneider-sie", "de", "Dr. Ulrike Schneider", "wider", "whatsapp-android-de",
    lines(
        ("2022-05-03 10:00", "me", "Liebe Frau Schneider, vielen Dank für die Einladung zum Kolloquium."),
        ("2022-05-03 11:00", "them", "Sehr gerne, Ihr Vortrag kam bei den Studierenden sehr gut an."),
        ("2023-12-20 09:00", "them", "Frohe Weihnachten und einen guten Rutsch!"),
        ("2023-12-20 09:30", "me", "Liebe Frau Schneider, Ihnen auch frohe Festtage!"),
        ("2025-01-30 15:00", "them", "Unser Buch über Stadtgärten in Leipzig erscheint im Juni beim Oekom Verlag."),
        ("2025-01-30 15:30", "me", "Liebe Frau Schneider, herzlichen Glückwunsch, darauf freue ich mich sehr!")),
    {"language": "de", "register": "formal", "greeting_name": "Frau Schneider", "hook_any": ["Buch", "Stadtgärten", "Leipzig"]},
    {}))

CASES.append(("rd-en-15-ben-fresh-wins", "en", "Ben Carter", "close", "whatsapp-ios",
    filler("en", "2021-01-10", "2024-12-01", 40) + lines(
        ("2021-11-02 20:00", "them", "Bought a 1972 Martin D-28 guitar, it sounds unreal"),
        ("2021-11-02 20:20", "me", "Hey Ben, jealous!! Bring it to the barbecue"),
        ("2023-07-15 09:00", "them", "Check out this role at Acme, you'd be perfect for it. Let me know if you want an intro"),
        ("2025-02-24 18:00", "them", "Big news: I start at Stripe in April, on the payments risk team. Nervous!"),
        ("2025-02-24 18:20", "me", "Hey Ben, that's brilliant, they're lucky to have you"),
        ("2025-02-24 18:35", "them", "Cheers! First week is in Dublin for onboarding")),
    {"language": "en", "greeting_name": "Ben", "hook_any": ["Stripe", "Dublin", "payments"]}, {}))

CASES.append(("rd-en-16-rohan-hinglish", "hi", "Rohan Gupta", "close", "whatsapp-ios",
    filler("hi", "2021-08-01", "2024-10-01", 80, "en") + lines(
        ("2023-01-10 21:00", "them", "bhai kal ka match dekha? kya khela yaar"),
        ("2023-01-10 21:10", "me", "Hey Rohan, yes! What a finish"),
        ("2025-02-05 19:00", "them", "bhai finally apna cafe khol raha hoon Indiranagar mein, naam rakha hai Filter Kaapi Co."),
        ("2025-02-05 19:20", "me", "Hey Rohan, that's fantastic news! When's the opening?"),
        ("2025-02-05 19:30", "them", "15 March ko, tu aana zaroor")),
    {"language": "en", "greeting_name": "Rohan", "hook_any": ["cafe", "Indiranagar", "Filter Kaapi"]}, {}))


# --- writing -----------------------------------------------------------------------------------------------

LIMITS = {"zh": (8, 140), "en": (30, 320), "de": (30, 340), "fr": (30, 340), "ar": (20, 300), "hi": (20, 320),
          "it": (30, 340)}


def write_chat(folder: Path, fmt: str, contact: str, rows: list, seed: int) -> str:
    rows = sorted(rows, key=lambda r: r[0])
    if fmt == "wechat":
        wxid = f"wxid_reader{seed:03d}"
        rel = Path("聊天记录") / f"{contact}({wxid})" / f"{contact}.csv"
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(["localId", "TalkerId", "Type", "SubType", "IsSender", "CreateTime", "Status", "StrContent",
                    "StrTime", "Remark", "NickName", "Sender"])
        for i, (t, who, text) in enumerate(rows, 1):
            me = who == "me"
            w.writerow([i, 7, 1, 0, 1 if me else 0, int(t.timestamp()), 0, text, t.strftime("%Y-%m-%d %H:%M:%S"),
                        "" if me else contact, USER if me else contact, "" if me else wxid])
        data = "\ufeff" + buf.getvalue()
    elif fmt == "telegram":
        rel = Path(f"ChatExport_{TODAY}") / "result.json"
        data = json.dumps(_tg_chat(contact, "personal_chat", rows, seed, contact), ensure_ascii=False, indent=1)
    elif fmt == "whatsapp-android-de":
        rel = Path(f"WhatsApp Chat mit {contact}.txt")
        data = "\n".join(f"{t:%d.%m.%y, %H:%M} - {USER if who == 'me' else contact}: {text}" for t, who, text in rows) + "\n"
    else:  # whatsapp-ios, English locale
        rel = Path(f"WhatsApp Chat - {contact}.txt")
        data = "\n".join(f"[{t:%d/%m/%Y, %H:%M:%S}] {USER if who == 'me' else contact}: {text}" for t, who, text in rows) + "\n"
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data, encoding="utf-8")
    return rel.as_posix()


def _tg_chat(name: str, kind: str, rows: list, seed: int, contact: str) -> dict:
    ids: dict[str, int] = {USER: 5000000001}
    msgs = []
    for i, (t, who, text) in enumerate(sorted(rows, key=lambda r: r[0]), 1):
        sender = USER if who == "me" else (contact if who == "them" else who)
        uid = ids.setdefault(sender, 6000000000 + seed * 10 + len(ids))
        msgs.append({"id": i, "type": "message", "date": t.strftime("%Y-%m-%dT%H:%M:%S"),
                     "date_unixtime": str(int(t.timestamp())), "from": sender, "from_id": f"user{uid}",
                     "text": text, "text_entities": [{"type": "plain", "text": text}]})
    return {"name": name, "type": kind, "id": 7000000000 + seed * 10 + (kind != "personal_chat"), "messages": msgs}


def write_telegram_full(folder: Path, contact: str, rows: list, group: tuple, seed: int) -> str:
    gname, grows = group
    root = {"personal_information": {"first_name": "Alex", "last_name": "Chen", "user_id": 5000000001},
            "chats": {"list": [_tg_chat(contact, "personal_chat", rows, seed, contact),
                               _tg_chat(gname, "private_group", grows, seed, contact)]}}
    rel = Path(f"DataExport_{TODAY}") / "result.json"
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(root, ensure_ascii=False, indent=1), encoding="utf-8")
    return rel.as_posix()


def main() -> None:
    for old in OUT.glob("rd-*"):
        shutil.rmtree(old)
    for seed, (sid, contact_lang, contact, circle, fmt, rows, expect, extra) in enumerate(CASES, 1):
        folder = OUT / sid
        folder.mkdir(parents=True)
        if fmt == "telegram-full":
            history = [{"path": write_telegram_full(folder, contact, rows, extra["group"], seed), "format": "telegram"}]
        else:
            history = [{"path": write_chat(folder, fmt, contact, rows, seed), "format": fmt.split("-")[0]}]
        for n, (_lang, other, ofmt, orows) in enumerate(extra.get("other_chats", []), 1):
            history.append({"path": write_chat(folder, ofmt, other, orows, seed * 100 + n), "format": ofmt.split("-")[0]})
        lang = expect["language"]
        lo, hi = LIMITS[lang]
        exp = {"register": None, "min_chars": lo, "max_chars": hi, "must_not_mention": []}
        exp.update(expect)
        scenario = {"id": sid, "language": lang, "contact_language": contact_lang, "user": USER, "today": TODAY,
                    "contact": {"name": contact, "circle": circle}, "history": history,
                    "request": {"about": None, "instruction": None}, "tags": ["reader"],
                    "repeat": bool(extra.get("repeat")), "expect": exp}
        (folder / "scenario.json").write_text(json.dumps(scenario, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {len(CASES)} reader scenarios to {OUT}")


if __name__ == "__main__":
    main()
