"""The rewrite against a real OpenAI-protocol server on 127.0.0.1 with scripted answers (the real LangChain
client runs end to end). Every accepted version is checked mechanically here too: it keeps every date,
number, link and name of the original and stays within the channel's length limit."""

import pytest

from assistant.announce.channels import CHANNELS, split_subject
from assistant.announce.facts import NameBook, check_facts
from assistant.announce.rewrite import (
    PROMPT,
    RewriteError,
    parse_langs,
    rewrite_announcement,
)
from assistant.config import Settings
from assistant.llm import chat_model
from tests.paths import FIXTURES
from tests.rewrite import scripts as S
from tests.support.openai_server import Reply

ANN = FIXTURES / "announcements"
ZH, EN, MIXED = ((ANN / f"{n}.txt").read_text() for n in ("zh", "en", "mixed"))


@pytest.fixture
def names(store):
    li = store.create_contact("李伟")
    store.add_identity(li, "name", "Li Wei", "linkedin")
    for name in ("Claire Dubois", "Maria Lopez"):
        store.create_contact(name)
    store.add_me("Alex Chen")
    store.add_me("Alex")
    return NameBook.from_store(store)


@pytest.fixture
def model(llm_env):
    return chat_model(Settings())


def assert_faithful(original, version, channel, same_language=True):
    """The mechanical guarantee: every fact kept, none added, within the hard limit."""
    ch = CHANNELS[channel]
    subject, body = split_subject(version.text) if ch.subject_max else ("", version.text)
    ignore = frozenset({("mention", "@all")}) if channel in ("email", "linkedin") else frozenset()
    check = check_facts(original, f"{subject}\n{body}" if subject else body, same_language=same_language, ignore=ignore)
    assert check.ok, check.describe()
    assert len(body) <= ch.max_chars


def test_chinese_good_rewrite_is_accepted(llm_env, model, names):
    llm_env.push(Reply.text(S.ZH_GOOD))
    r = rewrite_announcement(ZH, channel="wechat", model=model, names=names)
    (v,) = r.versions
    assert (v.via, v.lang, v.text, len(v.attempts)) == ("llm", "zh", S.ZH_GOOD, 1)
    assert r.source_lang == "zh" and v.facts.ok and v.facts.checked == 13
    assert_faithful(ZH, v, "wechat")
    # what the model was sent: the rules and the facts in the system prompt, the announcement as data
    system, user = llm_env.requests[0]["messages"]
    assert system["role"] == "system" and "Channel: WeChat group" in system["content"]
    assert "- 4 月 16 日 (date)" in system["content"] and "- 李伟 (name)" in system["content"]
    assert "at most 2000 characters" in system["content"]
    assert user == {"role": "user", "content": f"<announcement>\n{ZH.strip()}\n</announcement>"}
    assert len(r.prompt_hash) == 64 and r.to_dict()["prompt"]["sha256"] == r.prompt_hash
    assert r.to_dict()["prompt"]["id"] == PROMPT and 300 < r.prompt_tokens < 3000 and r.encoding
    assert llm_env.requests[0]["max_completion_tokens"] == 2048  # the answer is capped (MAX_TOKENS)
    assert "- 时间: 4 月 16 日（周六）下午 2 点" in system["content"]  # the labelled checklist


def test_chinese_rewrite_that_drops_a_date_is_retried_then_accepted(llm_env, model, names):
    llm_env.push(Reply.text(S.ZH_NO_DATE), Reply.text(S.ZH_GOOD))
    r = rewrite_announcement(ZH, channel="wechat", model=model, names=names)
    (v,) = r.versions
    assert v.via == "llm" and v.text == S.ZH_GOOD and v.label == "rewrite (zh) after one retry"
    assert v.attempts[0].problems == ["dropped or changed: 4 月 16 日 (date)"] and v.attempts[1].problems == []
    retry = llm_env.requests[1]["messages"]
    assert [m["role"] for m in retry] == ["system", "user", "assistant", "user"]
    assert retry[2]["content"] == S.ZH_NO_DATE
    assert "dropped or changed: 4 月 16 日 (date)" in retry[3]["content"]
    assert_faithful(ZH, v, "wechat")


def test_english_rewrite_dropping_a_date_twice_is_rejected(llm_env, model, names):
    llm_env.push(Reply.text(S.EN_NO_DEADLINE), Reply.text(S.EN_NO_DEADLINE))
    r = rewrite_announcement(EN, channel="whatsapp", model=model, names=names)
    (v,) = r.versions
    assert v.via == "offline" and v.fell_back and v.layout == "structured" and "*Deadline*: " in v.text
    assert len(llm_env.requests) == 2  # one retry, no more
    assert "rejected 2 time(s)" in v.note and "9 April (date)" in v.note and "Wednesday (weekday)" in v.note
    assert_faithful(EN, v, "whatsapp")  # the fallback keeps the facts too


def test_english_good_rewrite_gets_whatsapp_formatting(llm_env, model, names):
    llm_env.push(Reply.text(S.EN_GOOD))
    r = rewrite_announcement(EN, channel="whatsapp", model=model, names=names)
    (v,) = r.versions
    assert v.via == "llm" and "*Next hike: Saturday 12 April 2025*" in v.text and "**" not in v.text
    assert_faithful(EN, v, "whatsapp")


def test_rewrite_over_the_channel_limit_is_rejected(llm_env, model, names):
    llm_env.push(Reply.text(S.ZH_TOO_LONG), Reply.text(S.ZH_TOO_LONG))
    r = rewrite_announcement(ZH, channel="wechat", model=model, names=names)
    (v,) = r.versions
    assert v.via == "offline"
    assert v.attempts[0].problems == [f"{len(S.ZH_TOO_LONG)} characters; WeChat group allows 2000"]
    assert len(S.ZH_TOO_LONG) > 2000 and len(v.text) <= 2000
    assert "stay within 2000 characters" in llm_env.requests[1]["messages"][-1]["content"]


def test_mixed_announcement(llm_env, model, names):
    llm_env.push(Reply.text(S.MIXED_GOOD))
    r = rewrite_announcement(MIXED, channel="telegram", model=model, names=names)
    (v,) = r.versions
    assert r.source_lang == "zh" and v.via == "llm" and v.text == S.MIXED_GOOD
    assert_faithful(MIXED, v, "telegram")


@pytest.mark.parametrize("bad, problem", [
    (S.MIXED_WRONG_DATE, "dropped or changed: 3/22 (date); added: 3/23 (date)"),
    (S.MIXED_NO_SPEAKER, "dropped or changed: Claire Dubois (name)"),
])
def test_mixed_changed_facts_are_caught(llm_env, model, names, bad, problem):
    llm_env.push(Reply.text(bad), Reply.text(S.MIXED_GOOD))
    (v,) = rewrite_announcement(MIXED, channel="telegram", model=model, names=names).versions
    assert v.attempts[0].problems == [problem] and v.via == "llm"


@pytest.mark.parametrize("bad, problem", [
    (S.EN_WITH_ASK, "adds an ask the original does not make"),
    (S.EN_WITH_PLACEHOLDER, "leaves placeholder(s): [address]"),
    (S.EN_NEW_TIME, "added: 7:00 am (time)"),
])
def test_asks_placeholders_and_new_facts_are_caught(llm_env, model, names, bad, problem):
    llm_env.push(Reply.text(bad), Reply.text(S.EN_GOOD))
    (v,) = rewrite_announcement(EN, channel="whatsapp", model=model, names=names).versions
    assert problem in v.attempts[0].problems[0] and v.via == "llm"


def test_one_version_per_language(llm_env, model, names):
    llm_env.push(Reply.text(S.ZH_GOOD), Reply.text(S.ZH_IN_ENGLISH))
    r = rewrite_announcement(ZH, channel="wechat", langs=["zh", "en"], model=model, names=names)
    zh, en = r.versions
    assert (zh.lang, zh.via, en.lang, en.via) == ("zh", "llm", "en", "llm")
    assert "translate it into English" in llm_env.requests[1]["messages"][0]["content"]
    assert "- etcd (term)" not in llm_env.requests[1]["messages"][0]["content"]  # terms may be translated
    assert_faithful(ZH, zh, "wechat")
    assert_faithful(ZH, en, "wechat", same_language=False)


def test_a_version_in_the_wrong_language_is_rejected(llm_env, model, names):
    llm_env.push(Reply.text(S.ZH_GOOD), Reply.text(S.ZH_GOOD))  # asked for English, answered in Chinese
    (v,) = rewrite_announcement(ZH, channel="wechat", langs=["en"], model=model, names=names).versions
    assert v.via == "offline" and "written in Chinese (Simplified, 简体中文), not English" in v.note
    assert "showing the offline version instead" in v.note and "the free text stays in Chinese" in v.note
    assert v.text.startswith("@所有人\n【第一次线下交流会来啦！！】") and "🕐 When：" not in v.text and "🕐 When: " in v.text


def test_a_server_error_falls_back_with_a_plain_reason(llm_env, model, names):
    llm_env.push(Reply.error(500, "overloaded"))
    r = rewrite_announcement(ZH, channel="wechat", langs=["zh", "en"], model=model, names=names)
    assert [v.via for v in r.versions] == ["offline", "offline"]
    assert "the model server answered with an error (500)" in r.versions[0].note
    assert len(llm_env.requests) == 1  # the second language is not tried against a failing server


def test_answer_wrapped_in_a_fence_or_tags_is_unwrapped(llm_env, model, names):
    llm_env.push(Reply.text(f"```\n<announcement>\n{S.MIXED_GOOD}\n</announcement>\n```"))
    (v,) = rewrite_announcement(MIXED, channel="telegram", model=model, names=names).versions
    assert v.text == S.MIXED_GOOD


def test_offline_without_a_model(names):
    r = rewrite_announcement(ZH, channel="wechat", langs=["zh", "en"], names=names)
    zh, en = r.versions
    assert zh.via == en.via == "offline" and not zh.fell_back and not en.fell_back
    assert "🕐 时间：4 月 16 日（周六）下午 2 点" in zh.text and "🕐 When: 4 月 16 日（周六）下午 2 点" in en.text
    assert "free text stays in Chinese" in en.note and not zh.note
    assert_faithful(ZH, zh, "wechat")
    assert_faithful(ZH, en, "wechat", same_language=False)


def test_bad_input():
    with pytest.raises(RewriteError, match="empty"):
        rewrite_announcement("   \n")
    with pytest.raises(RewriteError, match="at most 20000"):
        rewrite_announcement("x" * 20_001)
    with pytest.raises(RewriteError, match="'klingon2' is not a language code"):
        parse_langs("zh,klingon2")
    assert parse_langs("中文, english") == ["zh", "en"]


def test_email_needs_a_subject_and_may_drop_the_everyone_mention(llm_env, model, names):
    body = S.ZH_GOOD.replace("@所有人 ", "")
    llm_env.push(Reply.text(body), Reply.text(f"Subject: 第一次线下交流会\n\n{body}"))
    (v,) = rewrite_announcement(ZH, channel="email", model=model, names=names).versions
    assert v.attempts[0].problems == ["no 'Subject:' line"]
    assert v.via == "llm" and v.text.startswith("Subject: 第一次线下交流会\n\n第一次线下交流会来啦！")
    assert "@所有人" not in v.text  # meaningless in an e-mail: dropping it is allowed
    assert_faithful(ZH, v, "email")


def test_an_announcement_over_the_token_budget_is_refused_before_any_call(llm_env, model):
    with pytest.raises(RewriteError, match=r"too long for one request \(\d+ tokens"):
        rewrite_announcement("周六聚会，大家一起来。" * 400, channel="email", model=model)
    assert llm_env.requests == []
