"""The offline restructuring: labelled facts in the announcement's language, the author's words verbatim, one
link once, per channel, and a second language with translated labels only."""

import pytest

from assistant.announce.channels import get_channel
from assistant.announce.cleanup import clean
from assistant.announce.rewrite import rewrite_announcement
from assistant.announce.structure import extract, labelled_slots, layout, subject_line
from tests.paths import FIXTURES

ZH = (FIXTURES / "announcements" / "zh.txt").read_text()
DE = ("Hallo zusammen, unser nächstes Python-Treffen ist am Mittwoch, 9. April 2025 um 18:30 Uhr.\n"
      "Ort: Impact Hub München, Gotzinger Str. 8, 2. Stock.\n"
      "Kostenlos. Maximal 40 Plätze, bitte anmelden unter https://meetup.example.de/py bis Montag, 7. April.\n"
      "Bis bald, Jonas")


def test_chinese_labelled_lines_in_a_fixed_order():
    st = extract(clean(ZH, get_channel("wechat")).text, "zh")
    assert st.mentions == "@所有人" and st.headline == "第一次线下交流会来啦！！"
    assert dict(st.facts)["when"] == "4 月 16 日（周六）下午 2 点"
    assert dict(st.facts)["signup"] == "群里接龙报名；https://jinshuju.net/f/AbC123"
    text = layout(st, get_channel("wechat"))
    assert labelled_slots(text, "zh") == ["when", "where", "agenda", "cost", "capacity", "signup"]
    assert text.count("https://jinshuju.net/f/AbC123") == 1 and text.count("30 人") == 1


def test_german_keeps_ordinal_dates_and_the_closing_words():
    r = rewrite_announcement(DE, channel="whatsapp")
    (v,) = r.versions
    assert v.layout == "structured" and v.facts.ok
    assert "*Wo*: Impact Hub München, Gotzinger Str. 8, 2. Stock." in v.text
    assert "*Anmeldung*: Bitte anmelden unter https://meetup.example.de/py\n*Anmeldeschluss*: Bis Montag, 7. April." in v.text
    assert v.text.splitlines()[:2] == ["Hallo zusammen", "*Unser nächstes Python-Treffen ist am Mittwoch, 9. April 2025 um 18:30 Uhr.*"]
    assert v.text.endswith("Bis bald, Jonas")


@pytest.mark.parametrize("channel, first, label", [
    ("wechat", "@所有人", "🕐 时间："), ("whatsapp", "@所有人", "*时间*："), ("telegram", "@所有人", "**时间**："),
    ("linkedin", "第一次线下交流会来啦！！", "时间："), ("email", "Subject: 第一次线下交流会来啦", "时间："),
])
def test_per_channel(channel, first, label):
    (v,) = rewrite_announcement(ZH, channel=channel).versions
    assert v.text.splitlines()[0] == first and label in v.text and v.facts.ok
    if channel in ("linkedin", "email"):
        assert "@" not in v.text  # no @all there


def test_email_subject_has_no_mentions_or_tags():
    assert subject_line("【通知】@所有人 各位老同学，十周年聚会定了！！") == "各位老同学，十周年聚会定了"
    r = rewrite_announcement("@all Rust meetup on Thursday 6 March!\nWhere: Factory, 2nd floor\nMail a@b.example.org",
                             channel="email")
    assert r.versions[0].text.startswith("Subject: Rust meetup on Thursday 6 March\n\n")
    assert "a@b.example.org" in r.versions[0].text


def test_second_language_offline_translates_labels_only():
    r = rewrite_announcement(DE, channel="wechat", langs=["de", "en", "zh"])
    de, en, zh = r.versions
    assert "📍 Wo: " in de.text and "📍 Where: " in en.text and "📍 地点：" in zh.text
    assert en.text.replace("Where: ", "Wo: ").count("Impact Hub München") == 1
    assert "free text stays in German" in en.note and all(v.facts.ok for v in r.versions)
