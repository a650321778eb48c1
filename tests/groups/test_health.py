"""Group health on a fixture group with known activity (tests/fixtures/groups/README.md has the arithmetic).

The fixture goes through the real WhatsApp importer and pipeline into a real SQLite store."""

from datetime import date, datetime, timezone

import pytest

from assistant.groups import (
    GroupNotFound,
    find_group,
    group_health,
    is_announcement,
    list_groups,
    parse_roster,
)
from assistant.ingest.pipeline import import_paths
from tests.paths import FIXTURES

GROUP = FIXTURES / "groups" / "WhatsApp Chat with Hiking Club.txt"
ONE_TO_ONE = FIXTURES / "groups" / "WhatsApp Chat with Maria Lopez.txt"
TODAY = date(2025, 6, 30)


@pytest.fixture
def hiking(store):
    import_paths(store, [GROUP, ONE_TO_ONE], tz=timezone.utc, me=["Alex Chen"])
    return store


def _id(store, name):
    return store.find_contact(name).id


def test_members_messages_and_windows(hiking):
    h = group_health(hiking, "Hiking Club", TODAY)
    assert h.members == 6  # wrote at least once
    assert sorted(h.roster.joined) == sorted(
        ["Maria Lopez", "Ben Okafor", "Chloe Martin", "David Kim", "Eva Novak", "Farid Haddad", "Gina Rossi"])
    assert h.roster.left == ["Farid Haddad"]
    assert h.member_count == 6  # Gina (never wrote) in, Farid (left) out
    assert (h.messages, h.my_messages) == (22, 4)
    assert datetime.fromtimestamp(h.last_ts, timezone.utc) == datetime(2025, 6, 30, 22, 0, tzinfo=timezone.utc)
    assert h.spoke == {30: 2, 90: 4, 365: 6}
    assert sorted(h.spoke_names[30]) == ["Eva Novak", "Maria Lopez"]
    assert sorted(h.spoke_names[90]) == ["Ben Okafor", "Chloe Martin", "Eva Novak", "Maria Lopez"]


def test_activity_per_month(hiking):
    h = group_health(hiking, "Hiking Club", TODAY)
    assert [m.month for m in h.months][0] == "2024-03" and h.months[-1].month == "2025-06"
    assert len(h.months) == 16
    busy = {m.month: (m.messages, m.active, m.mine) for m in h.months if m.messages}
    assert busy == {
        "2024-03": (11, 5, 3), "2024-05": (1, 1, 0), "2024-08": (1, 1, 0), "2025-01": (3, 2, 1),
        "2025-04": (2, 2, 0), "2025-05": (2, 2, 0), "2025-06": (2, 2, 0),
    }
    assert h.years == [(2024, 13, 6), (2025, 9, 5)]


def test_announcements_and_response_within_a_week(hiking):
    h = group_health(hiking, "Hiking Club", TODAY)
    assert [a.text[:12] for a in h.announcements] == ["📢 First hike", "Happy new ye"]
    first, second = h.announcements
    assert sorted(first.responders) == sorted([_id(hiking, "Maria Lopez"), _id(hiking, "David Kim")])
    assert first.replies == 3  # Chloe's message came an hour after the week ended
    assert sorted(second.responders) == sorted([_id(hiking, "Eva Novak"), _id(hiking, "Ben Okafor")])
    assert second.replies == 2  # a photo (media) counts as a reply
    # a higher length threshold leaves only the marked one
    assert len(group_health(hiking, "Hiking Club", TODAY, min_chars=500).announcements) == 1


def test_members_also_talked_to_one_to_one(hiking):
    h = group_health(hiking, "Hiking Club", TODAY)
    assert [(m.name, m.one_to_one, m.group_messages) for m in h.one_to_one] == [("Maria Lopez", 4, 5)]


def test_pinned_today_moves_every_window(hiking):
    h = group_health(hiking, "Hiking Club", date(2024, 3, 20))
    assert h.messages == 8 and h.spoke == {30: 4, 90: 4, 365: 4}
    assert h.members == 4  # Chloe and Farid had not written yet
    assert h.member_count == 5  # the notices so far: Maria, Ben, Chloe, David, Eva
    assert [m.month for m in h.months] == ["2024-03"]
    (a,) = h.announcements  # its week is not over on the 20th: the response so far
    assert (a.response, a.replies, a.complete) == (2, 3, False)
    assert group_health(hiking, "Hiking Club", TODAY).announcements[0].complete


def test_list_groups(hiking):
    rows = list_groups(hiking, TODAY)
    assert [(r.name, r.members, r.messages, r.active_90) for r in rows] == [("Hiking Club", 6, 22, 4)]


def test_small_lively_group_is_kept(hiking):
    rec = group_health(hiking, "Hiking Club", TODAY).recommendation
    assert rec.verdict == "keep"
    assert any("4 of 6 members wrote in the last 90 days" in r for r in rec.reasons)


def test_find_group_errors(hiking):
    assert find_group(hiking, "hiking")["name"] == "Hiking Club"
    assert find_group(hiking, "#1")["name"] == "Hiking Club"
    with pytest.raises(GroupNotFound, match="no group matches 'chess'.*Hiking Club"):
        find_group(hiking, "chess")


def test_no_groups_is_a_clear_error(store):
    with pytest.raises(GroupNotFound, match="no groups in the store"):
        find_group(store, "anything")


@pytest.mark.parametrize("text, expected", [
    ("【通知】周六聚会取消", True), ("【重要】换群了", True), ("公告：群规更新", True), ("📢 New date", True),
    ("Announcement: we moved", True), ("@all see pinned", True), ("@所有人 周六见", True), ("@everyone hi", True),
    ("好的", False), ("Thanks all!", False), ("x" * 119, False), ("x" * 120, True), ("  ", False),
])
def test_announcement_markers(text, expected):
    assert is_announcement(text) is expected


def test_roster_from_wechat_notices_in_chinese_and_english():
    roster = parse_roster([
        '你邀请"张三"、"李四"加入了群聊',
        '"王五"通过扫描你分享的二维码加入群聊',
        '"张三"邀请"赵六"加入了群聊',
        '你将"李四"移出了群聊',
        '"Mike" joined the group chat via the QR code shared by "张三"',
        'You invited "Anna", "Ben" to the group chat',
        'You removed "Ben" from the group chat',
        '"王五" 撤回了一条消息',  # not a membership event
    ])
    assert roster.joined == ["张三", "李四", "王五", "赵六", "Mike", "Anna", "Ben"]
    assert sorted(roster.left) == ["Ben", "李四"]
    assert roster.current == ["张三", "王五", "赵六", "Mike", "Anna"]


def test_roster_rejoining_counts_once():
    roster = parse_roster(["Tom joined using this group's invite link", "Tom left", "Anna added Tom"])
    assert roster.joined == ["Tom"] and roster.left == [] and roster.current == ["Tom"]


# --- the recommendation on synthetic groups written through the store API ---------------------------------

def _ts(y, m, d, h=12):
    return int(datetime(y, m, d, h, tzinfo=timezone.utc).timestamp())


def _big_quiet_group(store, answers: int, announce: bool = True):
    """A 100-member group busy in 2016, quiet since; one announcement in 2025 that `answers` members answer."""
    with store.transaction():
        gid, _ = store.upsert_group("wechat", "big@chatroom", "Old tech group")
        people = [store.create_contact(f"成员{i:03d}") for i in range(100)]
        store.add_group_members(gid, people)
        rows = []
        for i, cid in enumerate(people):
            rows.append(("wechat", "big@chatroom", None, gid, cid, "in", "text", _ts(2016, 5, 1 + i % 28), "大家好",
                         "f", f"a{i}"))
        if announce:
            rows.append(("wechat", "big@chatroom", None, gid, None, "out", "text", _ts(2025, 3, 1),
                         "【通知】十周年聚会，12 月 6 日，深圳", "f", "ann"))
        for i, cid in enumerate(people[:answers]):
            rows.append(("wechat", "big@chatroom", None, gid, cid, "in", "text", _ts(2025, 3, 2 + i % 5), "来！",
                         "f", f"r{i}"))
        store.insert_messages(rows)
    return gid


def test_quiet_group_that_still_answers_becomes_a_broadcast_channel(store):
    gid = _big_quiet_group(store, answers=4)
    h = group_health(store, gid, TODAY)
    assert h.member_count == 100 and h.spoke[90] == 0 and h.spoke[365] == 4
    assert h.announcements[0].response == 4
    assert h.recommendation.verdict == "broadcast"
    assert any("drew 4 member(s) within 7 days (4% of members)" in r for r in h.recommendation.reasons)


def test_quiet_group_nobody_answers_is_closed(store):
    gid = _big_quiet_group(store, answers=1)
    rec = group_health(store, gid, TODAY).recommendation
    assert rec.verdict == "close"
    assert any("threshold: 3 replies within a week" in r for r in rec.reasons)
    gid2 = _big_quiet_group_without_announcement(store)
    assert group_health(store, gid2, TODAY).recommendation.verdict == "close"


def _big_quiet_group_without_announcement(store):
    with store.transaction():
        gid, _ = store.upsert_group("wechat", "other@chatroom", "Another group")
        people = [store.create_contact(f"Person {i}") for i in range(20)]
        store.add_group_members(gid, people)
        store.insert_messages([("wechat", "other@chatroom", None, gid, cid, "in", "text", _ts(2018, 1, 1), "hi", "f",
                                f"x{cid}") for cid in people])
    return gid


def test_lively_big_group_is_kept(store):
    gid = _big_quiet_group(store, answers=0, announce=False)
    with store.transaction():
        people = [r[0] for r in store.db.execute("SELECT contact_id FROM group_members WHERE group_id = ?", (gid,))]
        store.insert_messages([("wechat", "big@chatroom", None, gid, cid, "in", "text", _ts(2025, 6, 10), "在", "f",
                                f"n{cid}") for cid in people[:5]])
    rec = group_health(store, gid, TODAY).recommendation
    assert rec.verdict == "keep"
    assert any("5 of 100 members wrote in the last 90 days" in r for r in rec.reasons)
