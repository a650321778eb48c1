"""Group health and announcement benchmark.

1. `group_health` on a big group: --members people (default 2,000), --messages (default 200,000) over ten
   years with a decaying activity curve, --announcements of the user's (default 300), join notices for all.
   Target: under 2 s per `groups show` on the 2-core dev machine (it reads the group's messages once).
2. `list_groups` over --groups groups of that store.
3. The offline clean-up and the fact check of one announcement (a ~400-character Chinese one and the English
   fixture): target under 20 ms each, so checking a model's answer costs nothing next to the model call.

    .venv/bin/python benchmarks/bench_groups.py [--members N] [--messages N] [--announcements N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.announce.channels import get_channel  # noqa: E402
from assistant.announce.cleanup import clean  # noqa: E402
from assistant.announce.facts import check_facts  # noqa: E402
from assistant.groups import group_health, list_groups  # noqa: E402
from assistant.store import Store  # noqa: E402

START = int(datetime(2016, 3, 1, tzinfo=timezone.utc).timestamp())
TODAY = date(2026, 3, 1)
SPAN = int(datetime(2026, 3, 1, tzinfo=timezone.utc).timestamp()) - START
ZH = ("@所有人 大家好，不知不觉这个群已经十年了，2016 年 3 月建的，当时只是想找几个一起聊技术的朋友，后来办了七次线下交流会，"
      "还有两次年终聚会，认识了很多现在还联系的朋友，我 2019 年去了柏林，群就慢慢安静了，但是一直舍不得解散。最近在想今年下半年"
      "回国的时候能不能再办一次聚会，可能在深圳，也可能在杭州，看大家方便，也可能线上，时间大概是 11 月或者 12 月，具体还没定，"
      "主题可以是这十年大家都在做什么，也可以随便聊聊，如果有人愿意分享也非常欢迎，感兴趣的可以在群里说一下，或者私聊我也行，"
      "人多的话就找个大一点的场地，人少就吃个火锅，谢谢大家！")


def build(path: Path, members: int, messages: int, announcements: int, groups: int) -> int:
    rnd = random.Random(7)
    store = Store(path)
    with store.transaction():
        gid, _ = store.upsert_group("wechat", "big@chatroom", "Big group")
        people = [store.create_contact(f"成员{i:05d}") for i in range(members)]
        store.add_group_members(gid, people)
        rows = []
        for i in range(0, members, 20):
            names = "、".join(f'"成员{j:05d}"' for j in range(i, min(i + 20, members)))
            rows.append(("wechat", "big@chatroom", None, gid, None, "in", "system", START + i, f"你邀请{names}加入了群聊",
                         "b", f"s{i}"))
        for k in range(messages):
            # activity decays: most messages in the first two years
            t = START + int(SPAN * rnd.random() ** 3)
            cid = people[min(int(rnd.paretovariate(1.2)) - 1, members - 1)]
            rows.append(("wechat", "big@chatroom", None, gid, cid, "in", "text", t, "消息内容", "b", f"m{k}"))
        for k in range(announcements):
            t = START + int(SPAN * k / announcements)
            rows.append(("wechat", "big@chatroom", None, gid, None, "out", "text", t, "@所有人 第 %d 次聚会，周六见" % k,
                         "b", f"a{k}"))
        store.insert_messages(rows)
        for g in range(1, groups):
            other, _ = store.upsert_group("whatsapp", f"g{g}", f"Group {g}")
            store.add_group_members(other, people[:10])
            store.insert_messages([("whatsapp", f"g{g}", None, other, people[j % 10], "in", "text",
                                    START + j * 86400, "hi", "b", f"g{g}m{j}") for j in range(200)])
    store.close()
    return gid


def timed(fn, repeat: int) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return runs[0], statistics.median(runs)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--members", type=int, default=2000)
    p.add_argument("--messages", type=int, default=200_000)
    p.add_argument("--announcements", type=int, default=300)
    p.add_argument("--groups", type=int, default=50)
    p.add_argument("--repeat", type=int, default=5)
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite3"
        t = time.perf_counter()
        gid = build(path, a.members, a.messages, a.announcements, a.groups)
        print(f"built: {a.members} members, {a.messages} messages, {a.announcements} announcements, "
              f"{a.groups} groups in {time.perf_counter() - t:.1f} s")
        store = Store(path)
        h = group_health(store, gid, TODAY)
        print(f"  members {h.members} (notices: {len(h.roster.joined)}), spoke {h.spoke}, "
              f"{len(h.announcements)} announcements, verdict {h.recommendation.verdict}")
        first, median = timed(lambda: group_health(store, gid, TODAY), a.repeat)
        print(f"group_health: first {first * 1000:.0f} ms, median {median * 1000:.0f} ms (target < 2000 ms)")
        first, median = timed(lambda: list_groups(store, TODAY), a.repeat)
        print(f"list_groups ({a.groups} groups): first {first * 1000:.0f} ms, median {median * 1000:.0f} ms")
    en = (ROOT / "tests" / "fixtures" / "announcements" / "en.txt").read_text()
    for name, text in (("zh", ZH), ("en", en)):
        cleaned = clean(text, get_channel("wechat")).text
        _, c = timed(lambda: clean(text, get_channel("wechat")), 50)
        _, f = timed(lambda: check_facts(text, cleaned), 50)
        print(f"{name} announcement ({len(text)} chars): clean-up {c * 1000:.1f} ms, fact check {f * 1000:.1f} ms "
              "(target < 20 ms each)")


if __name__ == "__main__":
    main()
