"""The offline clean-up: deterministic, never changes a word, keeps every fact, checks the channel's length."""

import pytest

from assistant.announce.channels import (
    CHANNELS,
    adapt_markup,
    get_channel,
    length_problems,
    split_subject,
)
from assistant.announce.cleanup import LABEL, clean
from assistant.announce.facts import check_facts
from tests.paths import FIXTURES

ANN = FIXTURES / "announcements"


@pytest.mark.parametrize("name", ["zh", "en", "mixed"])
@pytest.mark.parametrize("channel", list(CHANNELS))
def test_cleanup_keeps_every_fact_and_fits(name, channel):
    text = (ANN / f"{name}.txt").read_text()
    r = clean(text, CHANNELS[channel])
    ignore = frozenset({("mention", "@all")}) if channel in ("email", "linkedin") else frozenset()
    subject, body = split_subject(r.text)
    assert check_facts(text, f"{subject}\n{body}" if subject else r.text, ignore=ignore).ok
    assert len(body) <= CHANNELS[channel].max_chars and r.fits
    assert clean(text, CHANNELS[channel]).text == r.text  # deterministic
    assert "no language model" in r.label == LABEL


def test_chinese_repeated_line_and_inline_list():
    r = clean((ANN / "zh.txt").read_text(), get_channel("wechat"))
    assert r.text.count("名额 30 人") == 1
    assert "主题：\n1. etcd 与 Raft 入门（李伟）\n2. Docker 在测试环境的实践（Alex）" in r.text
    assert r.changes == ["removed 1 repeated line(s)", "turned 1 inline enumeration(s) into a list"]


def test_english_spaces_and_long_paragraph():
    text = (ANN / "en.txt").read_text()
    r = clean(text, get_channel("whatsapp"))
    assert "Hi all, quick update" in r.text and "  " not in r.text
    assert r.changes == ["removed extra spaces"]  # one long sentence: no sentence end to split at
    assert r.text.split() == text.split()  # words untouched: the same words in the same order


def test_long_english_paragraph_is_split_at_sentence_ends():
    text = " ".join(f"Sentence number {i} says something about the trip that matters to everybody here." for i in range(8))
    r = clean(text, get_channel("linkedin"))
    paragraphs = r.text.split("\n\n")
    # sentences of ~84 characters, paragraphs of up to ~213 (two thirds of 320): two sentences each
    assert [p.count(".") for p in paragraphs] == [2, 2, 2, 2]
    assert "split long paragraphs into 3 more short one(s)" in r.changes
    assert r.text.split() == text.split()


def test_chinese_run_on_sentence_is_cut_at_commas():
    text = ("大家好，" + "，".join(f"第{i}件事情我们要讨论一下" for i in range(1, 13)) + "，谢谢大家！")
    r = clean(text, get_channel("wechat"))
    assert len(r.text.split("\n\n")) >= 2 and all(len(p) <= 120 for p in r.text.split("\n\n"))
    assert r.text.replace("\n\n", "").replace("。", "，") == text.replace("。", "，")


def test_markup_per_channel():
    text = "## Plan\n**Saturday** at *the lake*\n* bring water\n~~Sunday~~"
    assert adapt_markup(text, get_channel("wechat")) == "Plan\nSaturday at the lake\n• bring water\nSunday"
    assert adapt_markup(text, get_channel("whatsapp")) == "Plan\n*Saturday* at *the lake*\n- bring water\n~Sunday~"
    assert adapt_markup(text, get_channel("telegram")) == "Plan\n**Saturday** at **the lake**\n• bring water\n~~Sunday~~"


def test_length_limits():
    wechat = get_channel("wechat")
    long = "周六聚会。" * 500  # 2,500 characters
    r = clean(long, wechat)
    assert not r.fits
    assert r.errors[0] == f"{len(r.text)} characters; WeChat group allows 2000" and "2 messages" in r.errors[1]
    assert r.text.replace("\n", "") == long  # nothing dropped to make it fit
    errors, warnings = length_problems("好" * 600, wechat)
    assert not errors and warnings == ["600 characters; more than the 500 recommended for WeChat group"]
    assert length_problems("x" * 4097, get_channel("telegram"))[0] == ["4097 characters; Telegram allows 4096"]
    assert length_problems("x" * 3001, get_channel("linkedin"))[0] == ["3001 characters; LinkedIn post allows 3000"]


def test_email_subject():
    email = get_channel("email")
    assert length_problems("no subject here", email)[0] == ["no 'Subject:' line"]
    assert length_problems("Subject: " + "x" * 79 + "\n\nbody", email)[0] == ["subject is 79 characters; E-mail allows 78"]
    r = clean("Hike on Saturday\nMeet at 8:30 am at the trailhead.", email)
    assert r.text == "Subject: Hike on Saturday\n\nMeet at 8:30 am at the trailhead." and r.fits
    assert split_subject("主题：周六聚会\n\n正文") == ("周六聚会", "正文")


def test_unknown_channel():
    with pytest.raises(ValueError, match="unknown channel 'fax'; choose one of wechat, whatsapp"):
        get_channel("fax")
    assert get_channel("微信").name == "wechat" and get_channel("TG").name == "telegram"
