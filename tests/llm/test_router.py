"""The deterministic router: common questions in English and Chinese, answered from the store with citations."""

from datetime import date

import pytest

from assistant.ask.agent import ask
from assistant.ask.router import route
from tests.support.book import TODAY, build_book


@pytest.mark.parametrize(
    "question, intent, args",
    [
        ("Who should I reconnect with this month?", "reconnect", {}),
        ("who should I reach out to next month", "reconnect", {"month": "2025-04"}),
        ("Who should I catch up with in June?", "reconnect", {"month": "2025-06"}),
        ("who in my close circle should I contact", "reconnect", {"circle": "close"}),
        ("who is into cycling", "interest", {"topic": "cycling"}),
        ("Who's interested in distributed systems?", "interest", {"topic": "distributed systems"}),
        ("who likes jazz?", "interest", {"topic": "jazz"}),
        ("what did I last talk about with Li Wei", "last_topic", {"name": "Li Wei"}),
        ("What did we talk about with Anna last time?", "last_topic", {"name": "Anna"}),
        ("What was my last conversation with Jonas about?", "last_topic", {"name": "Jonas"}),
        ("when did I last talk to Anna", "last_when", {"name": "Anna"}),
        ("When did I last hear from Mei Lin?", "last_when", {"name": "Mei Lin"}),
        ("when was the last time I spoke with Carlos?", "last_when", {"name": "Carlos"}),
        ("who haven't I talked to since 2023", "since", {"since": "2023"}),
        ("Who have I not spoken to since March 2024?", "since", {"since": "March 2024"}),
        ("who would care about my post on Raft?", "about", {"topic": "Raft"}),
        ("Who might be interested in my new article about climbing in Frankenjura", "about",
         {"topic": "climbing in Frankenjura"}),
        ("这个月我应该联系谁？", "reconnect", {}),
        ("下个月该找谁聊聊？", "reconnect", {"month": "2025-04"}),
        ("6月我应该联系谁", "reconnect", {"month": "2025-06"}),
        ("谁喜欢骑行？", "interest", {"topic": "骑行"}),
        ("谁对分布式系统感兴趣？", "interest", {"topic": "分布式系统"}),
        ("我上次和李伟聊了什么？", "last_topic", {"name": "李伟"}),
        ("我和Anna上次聊了些什么", "last_topic", {"name": "Anna"}),
        ("我上次和Anna聊天是什么时候？", "last_when", {"name": "Anna"}),
        ("我什么时候和李伟联系过", "last_when", {"name": "李伟"}),
        ("2023年以后我没和谁聊过？", "since", {"since": "2023年"}),
        ("自2024年3月以来我没联系过谁", "since", {"since": "2024年3月"}),
        ("谁会对我关于Raft的文章感兴趣？", "about", {"topic": "Raft"}),
    ],
)
def test_common_questions_are_routed(question, intent, args):
    r = route(question, TODAY)
    assert r is not None, question
    assert (r.intent, r.args) == (intent, args)
    assert r.lang == ("zh" if any("\u4e00" <= ch <= "\u9fff" for ch in question) else "en")


@pytest.mark.parametrize("question", ["write a poem about my friends", "summarise 2024 for me", "帮我写一首诗",
                                      "what's the weather", ""])
def test_other_questions_are_not_routed(question):
    assert route(question, TODAY) is None


def test_month_in_the_new_year():
    assert route("who should I reconnect with in January", date(2025, 11, 5)).args == {"month": "2026-01"}


@pytest.fixture
def book(store):
    return build_book(store)


def test_reconnect_answer_lists_people_with_reasons_and_cited_hooks(store, book):
    a = ask("Who should I reconnect with this month?", store, today=TODAY)
    assert a.via == "router" and a.tool_calls == ["suggest"]
    lines = a.text.splitlines()
    assert lines[1].startswith("1. Mei Lin — Last talked 2 months ago")
    assert f"[#{book['msg:jonas_climbing']}]" in a.text
    assert "Held back:" in a.text and "Priya Nair" in a.text
    assert book["msg:jonas_climbing"] in a.citations and a.unverified == []


def test_chinese_reconnect_answer_is_in_chinese(store, book):
    a = ask("这个月我应该联系谁？", store, today=TODAY)
    assert "值得联系的人" in a.text and "生日" in a.text and "上次聊天是" in a.text


def test_interest_answer_cites_evidence(store, book):
    a = ask("who is into climbing", store, today=TODAY)
    assert a.text.splitlines()[1] == "- Jonas Weber (interests: climbing)"
    assert a.citations == [book["msg:jonas_climbing"]]


def test_last_when_answer_counts_any_channel(store, book):
    a = ask("When did I last talk to Li Wei?", store, today=TODAY)
    assert "2025-03-05 (wechat)" in a.text
    assert a.citations[0] == book["msg:li_wechat"]
    b = ask("我上次和Li Wei聊天是什么时候？", store, today=TODAY)
    assert "2025-03-05（wechat）" in b.text and b.citations[0] == book["msg:li_wechat"]


def test_last_topic_answer_quotes_the_last_conversation(store, book):
    a = ask("what did I last talk about with Jonas Weber", store, today=TODAY)
    assert "Frankenjura" in a.text and a.citations[-1] == book["msg:jonas_climbing"]


def test_since_answer(store, book):
    a = ask("who haven't I talked to since 2023", store, today=TODAY)
    assert "Carlos Ruiz" in a.text and "Zoe Martin" not in a.text and "Old Boss" not in a.text
    b = ask("Who have I not spoken to since March 2024?", store, today=TODAY)
    assert "Zoe Martin" in b.text and "Ravi Kumar" not in b.text  # Ravi wrote in a small group in 2025


def test_unknown_person_gets_a_clear_answer(store, book):
    a = ask("when did I last talk to Voldemort", store, today=TODAY)
    assert a.via == "router" and "no contact matches 'Voldemort'" in a.text
    b = ask("when did I last talk to Alumnus", store, today=TODAY)
    assert "matches 11 contacts" in b.text


def test_without_a_model_other_questions_get_an_honest_answer(store, book):
    a = ask("write a poem about my friends", store, today=TODAY)
    assert a.via == "none" and "needs a language model" in a.text and "OPENAI_BASE_URL" in a.text
    b = ask("帮我写一首诗", store, today=TODAY)
    assert "需要语言模型" in b.text


def test_offline_interest_search_crosses_languages(store, book):
    a = ask("who is into cycling?", store, today=TODAY)
    assert a.text.splitlines()[1] == "- Li Wei"
    assert "周末一起骑车吗" in a.text and a.citations


def test_a_name_that_is_part_of_another_is_narrowed_to_the_word_match(store, book):
    store.create_contact("Hannah Weber")
    a = ask("when did I last talk to Anna", store, today=TODAY)
    assert a.text.startswith("You last talked with Anna Schmidt on 2025-01-10")


def test_only_bracketed_ids_are_citations():
    from assistant.ask.agent import check_citations
    from assistant.ask.tools import Toolbox

    tools = Toolbox(store=None, today=TODAY)
    tools.seen = {12: {}, 13: {}}
    assert check_citations("Anna (#3) said so [#12, #13] and [#99]; see #4", tools) == ([12, 13], [99])
