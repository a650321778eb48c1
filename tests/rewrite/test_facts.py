"""The fact-preservation checker: what counts as a fact, and when a rewrite keeps or changes one."""

import pytest

from assistant.announce.facts import NameBook, check_facts, extract_facts
from tests.paths import FIXTURES

ANN = FIXTURES / "announcements"


def keys(text, names=None):
    return {(f.kind, f.key) for f in extract_facts(text, names)}


@pytest.fixture
def book():
    b = NameBook()
    for alias, cid in (("李伟", 1), ("Li Wei", 1), ("Claire Dubois", 2), ("Maria Lopez", 3), ("Alex", 0),
                       ("Sunny", 4)):
        b.add(alias, cid)
    return b


def test_chinese_announcement_facts(book):
    got = keys((ANN / "zh.txt").read_text(), book)
    assert got == {
        ("mention", "@all"), ("date", (None, 4, 16)), ("weekday", 5), ("time", "14:00"), ("number", "2"),
        ("term", "etcd"), ("term", "raft"), ("name", 1), ("term", "docker"), ("name", 0), ("number", "30"),
        ("term", "aa"), ("url", "https://jinshuju.net/f/AbC123"),
    }  # "1）" / "2）" are list numbers, not facts; 二楼 is the number 2


def test_english_announcement_facts(book):
    got = keys((ANN / "en.txt").read_text(), book)
    assert {("date", (2025, 4, 12)), ("date", (None, 4, 9)), ("date", (None, 4, 13)), ("time", "08:30"),
            ("weekday", 5), ("weekday", 2), ("weekday", 6), ("number", "14"), ("number", "600"), ("number", "12"),
            ("url", "https://forms.example.org/hike-april"), ("name", 3), ("name", 0), ("term", "ridge")} <= got
    assert ("term", "so") not in got and ("term", "if") not in got  # sentence starts are not names


def test_mixed_announcement_facts(book):
    got = keys((ANN / "mixed.txt").read_text(), book)
    assert {("mention", "@all"), ("weekday", 5), ("date", (None, 3, 22)), ("time", "14:30"), ("number", "3"),
            ("number", "2"), ("number", "40"), ("name", 1), ("name", 2), ("url", "https://lu.ma/sh-meetup-0322"),
            ("term", "wework")} <= got


@pytest.mark.parametrize("a, b", [
    ("4 月 16 日", "16 April"), ("4月16号", "April 16th"), ("2026-03-20", "20 March 2026"), ("20.03.2026", "March 20, 2026"),
    ("下午 2 点", "2 pm"), ("晚上8点半", "20:30"), ("14:00", "2:00 p.m."), ("下午两点", "2pm"), ("9 o'clock", "9:00"),
    ("周六", "Saturday"), ("星期天", "Sunday"), ("七次", "seven times"), ("十年", "10 years"), ("两位", "two people"),
    ("第三次", "the third"), ("1,000", "1000"), ("@所有人", "@all"), ("3rd", "three"), ("二〇一六年", "2016"),
    ("下午 2 点到 5 点", "14:00-17:00"), ("晚上7点至9点半", "7 pm to 9:30 pm"),
])
def test_same_fact_in_other_words(a, b):
    assert keys(a), a
    assert check_facts(a, b, same_language=False).ok


@pytest.mark.parametrize("text", [
    "我们一起去吧", "快一点", "一直很感激", "第一次见面", "one of us", "a second look", "in the second half",
    "We had a sunny day", "1) first item\n2) second item", "① 报名",
])
def test_not_facts(text, book):
    assert not [f for f in extract_facts(text, book) if f.kind != "term"], extract_facts(text, book)


def test_month_and_weekday_words_that_are_also_words():
    assert ("date", (None, 5, None)) not in keys("may 5 people come")  # the verb
    assert ("date", (None, 5, 5)) in keys("May 5")
    assert ("weekday", 6) in keys("Sun 23 March") and ("weekday", 6) not in keys("Mandy Sun says hi")


def test_names_across_scripts_and_case(book):
    assert check_facts("谢谢李伟", "Thanks to Li Wei", book, same_language=False).ok  # one person, two aliases
    assert not check_facts("谢谢李伟", "Thanks everyone", book, same_language=False).ok
    assert ("name", 4) in keys("Thanks Sunny!", book) and ("name", 4) not in keys("a sunny day", book)


def test_dropped_changed_and_added_facts_are_reported():
    check = check_facts("Meet on Saturday 12 April at 8:30 am, 14 km.", "Meet on Saturday 13 April at 8:30 am.")
    assert {f.text for f in check.missing} == {"12 April", "14"}
    assert {f.text for f in check.added} == {"13 April"}
    assert "dropped or changed: 12 April (date), 14 (number)" in check.describe()
    assert "added: 13 April (date)" in check.describe()


def test_a_year_may_move_into_a_date_but_not_disappear():
    assert check_facts("建于 2016 年，3 月 20 日聚会", "Founded in 2016; meetup on 20 March 2016", same_language=False).ok
    assert not check_facts("2026 年 3 月 20 日", "3 月 20 日").ok  # the year is gone
    assert not check_facts("3 月 20 日", "2027 年 3 月 20 日").ok  # a year nobody stated


def test_terms_only_between_versions_in_one_language():
    assert not check_facts("Talk about Raft in Berlin.", "Talk about consensus in Berlin.").ok
    assert check_facts("Talk about Raft in Berlin.", "在柏林聊 Raft。", same_language=False).ok
    assert not check_facts("Talk about Raft in Berlin.", "Talk about Raft in Berlin and Paris.").ok  # Paris is new


def test_ignore_lets_a_channel_drop_the_everyone_mention():
    assert not check_facts("@所有人 周六见", "周六见").ok
    assert check_facts("@所有人 周六见", "周六见", ignore=frozenset({("mention", "@all")})).ok


def test_namebook_from_store(store):
    cid = store.create_contact("李伟")
    store.add_identity(cid, "name", "Li Wei", "linkedin")
    store.create_contact("Al")  # too short to be matched safely
    store.add_me("Alex Chen")
    book = NameBook.from_store(store)
    assert book.aliases["李伟"] == cid and book.aliases["Li Wei"] == cid and book.aliases["Alex Chen"] == 0
    assert "Al" not in book.aliases
    only = NameBook.from_store(store, contact_ids=[])
    assert set(only.aliases) == {"Alex Chen"}
