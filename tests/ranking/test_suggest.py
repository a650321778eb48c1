"""The ranking over a real SQLite store holding a contact book with a known right answer (tests/support/book.py)."""

from datetime import date

import pytest

from assistant.ranking import dismiss, mark_contacted, rank, snooze, suggest, unsnooze
from assistant.ranking.actions import history
from assistant.store import StoreError
from tests.support.book import (
    EXPECTED_HELD,
    EXPECTED_SUGGESTED,
    NOT_SUGGESTED,
    TODAY,
    build_book,
    ts,
)


@pytest.fixture
def book(store):
    return build_book(store)


def names(suggestions):
    return [s.name for s in suggestions]


def test_the_ranking_returns_the_known_right_answer(store, book):
    r = rank(store, TODAY, limit=20)
    got = names(r.suggestions)
    assert set(got) == EXPECTED_SUGGESTED
    assert not set(got) & NOT_SUGGESTED
    assert {h.name: h.code for h in r.held_back} == EXPECTED_HELD
    # inner first; close contacts due for months before wider ones; scores strictly ordered
    assert got[0] == "Mei Lin"
    assert got.index("Jonas Weber") < got.index("Carlos Ruiz")
    assert got.index("Sam Taylor") < got.index("Zoe Martin")
    scores = [s.score for s in r.suggestions]
    assert scores == sorted(scores, reverse=True)


def test_each_suggestion_says_why_now(store, book):
    by = {s.name: s for s in suggest(store, TODAY, limit=20)}
    assert by["Mei Lin"].reasons[0].code == "due"
    assert by["Mei Lin"].why_now() == (
        "Last talked 2 months ago (Jan 2025); people in your inner circle: every month "
        "(default; change with contacts set --cadence)")
    assert by["Anna Schmidt"].reasons[0].code == "birthday"
    assert by["Anna Schmidt"].why_now().startswith("Birthday on Mar 21 (in 11 days)")
    assert [r.code for r in by["Anna Schmidt"].reasons] == ["birthday"]  # talked in January: not due
    assert by["Elena Petrova"].reasons[0].code == "date"
    assert "Wedding anniversary on Mar 15" in by["Elena Petrova"].why_now()
    # a system line ("changed their number", 2025) never counts as talking
    assert by["Sam Taylor"].last_ts == ts(2024, 6, 20)
    assert "Jun 2024" in by["Sam Taylor"].why_now()
    # the 12-member group message does not reset Zoe's clock
    assert by["Zoe Martin"].last_ts == ts(2023, 1, 20)
    assert any(r.code == "history" for r in by["Mei Lin"].reasons)
    assert by["Mei Lin"].last_channel == "whatsapp"


def test_hooks_cite_real_messages(store, book):
    by = {s.name: s for s in suggest(store, TODAY, limit=20)}
    hook = by["Jonas Weber"].hook
    assert hook.kind == "interest" and hook.topic == "climbing"
    assert hook.message_ids == [book["msg:jonas_climbing"]]
    assert "Frankenjura" in hook.quote
    for s in by.values():
        if s.hook:
            for mid in s.hook.message_ids:
                row = store.db.execute("SELECT contact_id, sender_id FROM messages WHERE id = ?", (mid,)).fetchone()
                assert row is not None and s.contact_id in (row[0], row[1])


def test_any_real_contact_resets_the_clock(store, book):
    before = names(suggest(store, TODAY, limit=20))
    assert "Carlos Ruiz" in before
    mark_contacted(store, book["Carlos Ruiz"], now=ts(2025, 3, 8))
    assert "Carlos Ruiz" not in names(suggest(store, TODAY, limit=20))
    with store.transaction():
        store.insert_messages([("telegram", "tg:mei", book["Mei Lin"], None, book["Mei Lin"], "in", "call",
                                ts(2025, 3, 9), "", "t", "call-1")])
    assert "Mei Lin" not in names(suggest(store, TODAY, limit=20))


def test_limit_and_circle_filter(store, book):
    assert names(suggest(store, TODAY, limit=2)) == ["Mei Lin", "Jonas Weber"]
    assert names(suggest(store, TODAY, circle="inner")) == ["Mei Lin", "Li Wei"]  # Li Wei: an open loop
    close = names(suggest(store, TODAY, circle="close", limit=20))
    assert set(close) == {"Jonas Weber", "Sam Taylor"}
    with pytest.raises(ValueError):
        suggest(store, TODAY, limit=0)


def test_a_future_month_brings_snoozes_and_cooldowns_to_their_end(store, book):
    april = rank(store, TODAY, month="2025-04", limit=30)
    got = names(april.suggestions)
    assert "Tom Becker" in got  # snoozed until April 1
    assert "Dan Brown" not in got  # dismissed Mar 1, rests 45 days: until Apr 15
    may = names(suggest(store, TODAY, month="2025-05", limit=30))
    assert "Dan Brown" in may
    assert "Priya Nair" not in may  # still one-sided
    assert "Li Wei" in may  # inner, one month after her WeChat message


def test_one_sided_thread_is_retried_gently_a_year_later(store, book):
    r = rank(store, date(2025, 11, 1), limit=30)
    priya = next(s for s in r.suggestions if s.name == "Priya Nair")
    assert priya.reasons[-1].code == "retry"
    assert "no reply" in priya.reasons[-1].text()


def test_a_reply_ends_the_one_sided_hold(store, book):
    with store.transaction():
        store.insert_messages([("whatsapp", "whatsapp:x", book["Priya Nair"], None, book["Priya Nair"], "in", "text",
                                ts(2024, 10, 6), "sorry, crazy months! yes let's do it", "t", "reply-1")])
    r = rank(store, TODAY, limit=30)
    assert "Priya Nair" in names(r.suggestions)
    assert "Priya Nair" not in {h.name for h in r.held_back}


def test_snooze_dismiss_and_their_errors(store, book):
    jonas = book["Jonas Weber"]
    snooze(store, jonas, days=30, now=ts(2025, 3, 9))
    assert "Jonas Weber" not in names(suggest(store, TODAY, limit=20))
    unsnooze(store, jonas, now=ts(2025, 3, 9) + 60)
    assert "Jonas Weber" in names(suggest(store, TODAY, limit=20))
    dismiss(store, jonas, now=ts(2025, 3, 9) + 120)
    r = rank(store, TODAY, limit=20)
    assert {h.name: h.code for h in r.held_back}["Jonas Weber"] == "dismissed"
    assert [a[0] for a in history(store, jonas)] == ["snooze", "snooze", "dismiss"]
    with pytest.raises(StoreError, match="not in the future"):
        snooze(store, jonas, until=date(2020, 1, 1))
    with pytest.raises(StoreError, match="no contact"):
        dismiss(store, 99999)


def test_deleting_a_contact_removes_its_actions(store, book):
    store.delete_contact(book["Tom Becker"])
    assert store.db.execute("SELECT count(*) FROM ranking_actions WHERE contact_id = ?",
                            (book["Tom Becker"],)).fetchone()[0] == 0


def test_who_would_care_about_this_from_the_store_alone(store, book):
    r = rank(store, TODAY, about="New blog post: three weeks of climbing in Frankenjura", limit=5)
    assert names(r.suggestions)[0] == "Jonas Weber"
    top = r.suggestions[0]
    assert top.reasons[0].code == "about"
    assert top.hook.kind == "about" and top.hook.message_ids == [book["msg:jonas_climbing"]]
    # news nobody relates to: nobody
    assert rank(store, TODAY, about="quantum chromodynamics lattice").suggestions == []


def test_about_text_in_chinese_finds_chinese_history(store, book):
    r = rank(store, TODAY, about="下周去柏林出差，想约老朋友吃饭", limit=5)
    assert "Li Wei" in names(r.suggestions)
    li = next(s for s in r.suggestions if s.name == "Li Wei")
    assert li.hook.message_ids == [book["msg:li_wechat"]]


def test_empty_store_suggests_nobody(store):
    r = rank(store, TODAY)
    assert r.suggestions == [] and r.held_back == [] and r.considered == 0
