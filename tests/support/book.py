"""A small contact book with a known right answer for "who should I reconnect with this month?".

Today is Monday 2025-03-10 (UTC); the window is March 10-31. The right answer:

suggested (in this order of importance):
  Mei Lin       inner, last talked 2025-01-05 (cadence 1 month)        -> due, first
  Jonas Weber   close, last talked 2024-06-15, into climbing            -> due, hook cites the climbing message
  Sam Taylor    close, real last message 2024-06-20; a 2025 system line -> due (system lines never count)
  Zoe Martin    wider, 1:1 last 2023-01; wrote in a 12-member group     -> due (big groups don't count)
  Carlos Ruiz   wider, last talked 2019-06                              -> due
  Anna Schmidt  wider, talked 2025-01 (not due), birthday 03-21         -> birthday
  Elena Petrova wider, talked 2025-02 (not due), anniversary 03-15      -> important date
  Li Wei        inner; not due (wrote on WeChat 2025-03-05, any channel resets), but that message is a plan
                for "next week" (下周我来柏林出差): an open loop whose date falls in the window -> open loop
held back:
  Priya Nair    close, due, but the user's last 3 messages (Sep-Oct 2024) are unanswered -> one-sided
  Tom Becker    close, due, snoozed until 2025-04-01                              -> snoozed
  Dan Brown     close, due, dismissed 2025-03-01                                  -> dismissed (45-day rest)
not suggested:
  Sara Kim      close; last message 2024-09, marked "contacted" 2025-02-20       -> resets too
  Ravi Kumar    wider; 1:1 last 2023, wrote in a 4-member group 2025-02-01         -> small groups count
  Old Boss      circle "never"
  Nina Vcard    wider, no history, no dates
"""

from __future__ import annotations

from datetime import UTC, date, datetime

TODAY = date(2025, 3, 10)


def ts(y: int, m: int, d: int, h: int = 12) -> int:
    return int(datetime(y, m, d, h, tzinfo=UTC).timestamp())


def build_book(store) -> dict[str, int]:
    """Fill `store` with the book; returns name -> contact id (and message ids under 'msg:<label>')."""
    ids: dict[str, int] = {}

    def person(name: str, circle: str = "wider", **fields) -> int:
        cid = store.create_contact(name, circle=circle, **fields)
        ids[name] = cid
        return cid

    rows: list[tuple] = []
    seq = [0]

    def chat(cid: int, when: int, direction: str, text: str, channel: str = "whatsapp", kind: str = "text",
             label: str | None = None) -> None:
        seq[0] += 1
        rows.append((channel, f"{channel}:{cid}", cid, None, cid if direction == "in" else None, direction, kind,
                     when, text, "book", f"b{seq[0]}", label))

    def group_msg(gid: int, key: str, sender: int | None, when: int, text: str, channel: str = "wechat",
                  label: str | None = None) -> None:
        seq[0] += 1
        rows.append((channel, key, None, gid, sender, "in" if sender else "out", "text", when, text, "book",
                     f"b{seq[0]}", label))

    def history(cid: int, last: int, n: int, topic: str = "how have you been") -> None:
        """n messages alternating in/out, a day apart, ending at `last` (an 'in' message last)."""
        for i in range(n):
            direction = "in" if i % 2 == 0 else "out"
            chat(cid, last - i * 86_400, direction, f"{topic} ({i})")

    mei = person("Mei Lin", "inner", languages=["zh", "en"])
    history(mei, ts(2025, 1, 5), 40, "最近工作怎么样")

    jonas = person("Jonas Weber", "close", interests=["climbing"], languages=["de"])
    history(jonas, ts(2024, 6, 10), 30, "Wie geht's")
    chat(jonas, ts(2024, 6, 15), "in", "Back from Frankenjura, the climbing was unreal — you have to come next time!",
         label="jonas_climbing")

    sam = person("Sam Taylor", "close")
    history(sam, ts(2024, 6, 20), 24, "see you at the meetup")
    chat(sam, ts(2025, 3, 1), "in", "Sam Taylor changed their phone number", kind="system")

    zoe = person("Zoe Martin")
    history(zoe, ts(2023, 1, 20), 12, "thanks for the book tip")

    carlos = person("Carlos Ruiz")
    history(carlos, ts(2019, 6, 1), 10, "nos vemos en Madrid")

    anna = person("Anna Schmidt", birthday="1990-03-21")
    store.set_important_date(anna, "birthday", "1990-03-21")
    history(anna, ts(2025, 1, 10), 10, "Danke für gestern")

    elena = person("Elena Petrova")
    store.set_important_date(elena, "wedding anniversary", "2015-03-15")
    history(elena, ts(2025, 2, 1), 6, "congrats again")

    priya = person("Priya Nair", "close")
    history(priya, ts(2024, 8, 2), 20, "let's plan the trek")
    for m, d in ((9, 3), (9, 20), (10, 5)):
        chat(priya, ts(2024, m, d), "out", "Hey, still up for the trek?")

    tom = person("Tom Becker", "close")
    history(tom, ts(2024, 5, 1), 16, "good luck with the move")

    dan = person("Dan Brown", "close")
    history(dan, ts(2024, 4, 1), 16, "the gig was great")

    li = person("Li Wei", "inner", languages=["zh"])
    history(li, ts(2024, 1, 15), 30, "周末一起骑车吗")
    chat(li, ts(2025, 3, 5), "in", "下周我来柏林出差，有空吃个饭吗？", channel="wechat", label="li_wechat")

    sara = person("Sara Kim", "close")
    history(sara, ts(2024, 9, 1), 14, "the conference talk went well")

    ravi = person("Ravi Kumar")
    history(ravi, ts(2023, 3, 1), 10, "cricket on sunday?")

    boss = person("Old Boss", "never")
    history(boss, ts(2018, 5, 1), 10, "please send the report")

    person("Nina Vcard")

    small, _ = store.upsert_group("wechat", "family-trip", "Trip planning")
    store.add_group_members(small, [ravi, mei, li])
    group_msg(small, "family-trip", ravi, ts(2025, 2, 1), "I booked the cabin for all of us")
    big, _ = store.upsert_group("wechat", "alumni", "Alumni 2016")
    fillers = [person(f"Alumnus {i}", "never") for i in range(11)]
    store.add_group_members(big, [zoe, *fillers])
    group_msg(big, "alumni", None, ts(2025, 2, 20, 10), "Who has the photos from the reunion party?")
    group_msg(big, "alumni", zoe, ts(2025, 2, 20), "Reunion photos are up!", label="zoe_reunion")

    with store.transaction():
        store.insert_messages([r[:11] for r in rows])
    for r in rows:
        if r[11]:
            ids[f"msg:{r[11]}"] = store.db.execute(
                "SELECT id FROM messages WHERE channel = ? AND conversation = ? AND source_id = ?", (r[0], r[1], r[10])
            ).fetchone()[0]

    from assistant.ranking import dismiss, mark_contacted, snooze

    snooze(store, tom, until=date(2025, 4, 1), now=ts(2025, 3, 2))
    dismiss(store, dan, now=ts(2025, 3, 1))
    mark_contacted(store, sara, now=ts(2025, 2, 20))
    return ids


EXPECTED_SUGGESTED = {"Mei Lin", "Jonas Weber", "Sam Taylor", "Zoe Martin", "Carlos Ruiz", "Anna Schmidt",
                      "Elena Petrova", "Li Wei"}
EXPECTED_HELD = {"Priya Nair": "one_sided", "Tom Becker": "snoozed", "Dan Brown": "dismissed"}
NOT_SUGGESTED = {"Sara Kim", "Ravi Kumar", "Old Boss", "Nina Vcard"}
