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
    # the date in the headline becomes the When line; the headline keeps the words before it
    assert v.text.splitlines()[:2] == ["Hallo zusammen", "*Unser nächstes Python-Treffen*"]
    assert "*Wann*: Mittwoch, 9. April 2025 um 18:30 Uhr" in v.text
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
    assert r.versions[0].text.startswith("Subject: Rust meetup\n\nWhen: Thursday 6 March\n")
    assert "a@b.example.org" in r.versions[0].text


def test_second_language_offline_translates_labels_only():
    r = rewrite_announcement(DE, channel="wechat", langs=["de", "en", "zh"])
    de, en, zh = r.versions
    assert "📍 Wo: " in de.text and "📍 Where: " in en.text and "📍 地点：" in zh.text
    assert en.text.replace("Where: ", "Wo: ").count("Impact Hub München") == 1
    assert "free text stays in German" in en.note and all(v.facts.ok for v in r.versions)


def _facts(text: str, lang: str, channel: str = "whatsapp") -> dict[str, str]:
    st = extract(clean(text, get_channel(channel)).text, lang)
    return dict(st.facts)


@pytest.mark.parametrize("text, lang, when, where", [
    ("Hi all! Reunion time.\nIt's on Saturday 14 June 2025 from 6:30 pm at The Old Boathouse, 12 River Lane.",
     "en", "Saturday 14 June 2025 from 6:30 pm", "The Old Boathouse, 12 River Lane."),
    ("Bonjour ! Les 20 ans approchent.\nRendez-vous le samedi 27 septembre 2025 à 19h au restaurant Le Petit Zinc.",
     "fr", "Samedi 27 septembre 2025 à 19h", "Restaurant Le Petit Zinc."),
    ("Hallo! Abschied.\nIch lade euch am Freitag, 25. April um 16 Uhr in die Kantine ein.",
     "de", "Ich lade euch am Freitag, 25. April um 16 Uhr ein", "Kantine."),
    ("跟大家说一声。\n6月28日（周日）下午3点在小区会所办个告别茶话会。", "zh", "6月28日（周日）下午3点办个告别茶话会", "小区会所"),
    ("नमस्ते! खबर।\nविदाई पार्टी शुक्रवार 27 जून को शाम 6 बजे ऑफिस कैंटीन में है।", "hi",
     "विदाई पार्टी शुक्रवार 27 जून को शाम 6 बजे", "ऑफिस कैंटीन"),
    ("مرحبا بالجميع! لقاء مطوري بايثون يوم الخميس 10 أبريل الساعة 6 مساءً في قاعة الابتكار.", "ar",
     "الخميس 10 أبريل الساعة 6 مساءً", "قاعة الابتكار."),
])
def test_a_clause_with_a_date_and_a_place_is_cut_into_when_and_where(text, lang, when, where):
    facts = _facts(text, lang)
    assert facts["when"] == when and facts["where"] == where


def test_a_date_only_in_the_headline_still_gets_a_when_line():
    (v,) = rewrite_announcement("本群将于2025年12月31日解散。\n感谢大家九年的陪伴！", channel="wechat").versions
    assert v.text.splitlines()[0] == "【本群将于2025年12月31日解散。】" and "🕐 时间：2025年12月31日" in v.text and v.facts.ok
    (v,) = rewrite_announcement("Unser Treffen ist am Mittwoch, 9. April 2025 um 18:30 Uhr.\nBis bald!",
                                channel="linkedin").versions
    assert v.text.splitlines()[:3] == ["Unser Treffen", "", "Wann: Mittwoch, 9. April 2025 um 18:30 Uhr"]


@pytest.mark.parametrize("text, lang, places", [
    ("Reunion! Saturday 14 June at The Boathouse.\nTickets £35, we have room for 80 people.", "en",
     "We have room for 80 people."),
    ("聚会定了！\n时间：5月16日晚上6点\n费用：每人280元，限 30 人", "zh", "限 30 人"),
    ("Soirée !\nLe samedi 27 septembre à 19h au Petit Zinc.\nPrix : 45 €, places limitées à 40.", "fr",
     "limitées à 40."),  # under the label "Places"
])
def test_capacity_is_places_never_where(text, lang, places):
    facts = _facts(text, lang)
    assert facts["capacity"] == places and places not in facts.get("where", "") and places not in facts["cost"]


@pytest.mark.parametrize("text, lang, cost, pay_to", [
    ("聚会！\n时间：5月16日晚上6点\n费用：AA，每人280元，转给班长李伟", "zh", "AA，每人280元", "班长李伟"),
    ("Reunion on 14 June at The Boathouse.\nTickets are £35 each, which covers dinner, pay to Priya by bank transfer.",
     "en", "Tickets are £35 each, which covers dinner", "Priya by bank transfer."),
    ("Fête le 27 septembre à 19h.\nParticipation : 45 € par personne, virement à Camille.", "fr",
     "45 € par personne", "Camille."),
    ("Feier am 18. Oktober 2025.\nKosten: 30 € pro Person, bitte überweisen an Anna Schmidt bis 30. September.", "de",
     "30 € pro Person", "Anna Schmidt bis 30. September."),
])
def test_the_payee_has_its_own_line_and_a_relative_clause_stays_with_its_fact(text, lang, cost, pay_to):
    facts = _facts(text, lang)
    assert facts["cost"] == cost and facts["pay_to"] == pay_to


@pytest.mark.parametrize("text, lang, slot, value", [
    ("Treffen!\n报名链接：https://jinshuju.net/f/X1\n", "zh", "signup", "https://jinshuju.net/f/X1"),
    ("聚会！\n名额50人", "zh", "capacity", "50人"),
    ("नई नौकरी।\nमुझसे संपर्क: amit.sharma@example.in", "hi", "contact", "amit.sharma@example.in"),
    ("Neue Stelle.\nBleibt gerne in Kontakt: markus.weber@example.de", "de", "contact", "markus.weber@example.de"),
    ("Reunion!\nContact: Sam on +44 7700 900123", "en", "contact", "Sam on +44 7700 900123"),
    ("Fête !\nInscription : https://framaforms.example.org/p", "fr", "signup", "https://framaforms.example.org/p"),
    ("لقاء!\nللتواصل: 0551234567", "ar", "contact", "0551234567"),
])
def test_no_label_is_repeated_inside_its_value(text, lang, slot, value):
    assert _facts(text, lang)[slot] == value


def test_two_events_are_not_one_when_line():
    hi = ("सभी को नमस्कार, मैं 1 जुलाई से बेंगलुरु में नई नौकरी शुरू कर रहा हूँ।\n"
          "विदाई पार्टी शुक्रवार 27 जून को शाम 6 बजे ऑफिस कैंटीन में है।\nआप सबका धन्यवाद!")
    st = extract(clean(hi, get_channel("linkedin")).text, "hi")
    assert dict(st.facts)["when"] == "विदाई पार्टी शुक्रवार 27 जून को शाम 6 बजे"
    assert "1 जुलाई" in st.headline and st.greeting == "सभी को नमस्कार"
    en = ("Some news!\nI start at Northwind on 1 March.\n"
          "Farewell drinks on Friday 21 February at 5:30 pm at The Crown.\nThanks all!")
    (v,) = rewrite_announcement(en, channel="whatsapp").versions
    assert "*When*: Farewell drinks on Friday 21 February at 5:30 pm" in v.text and "*Where*: The Crown." in v.text
    assert "I start at Northwind on 1 March." in v.text.split("\n\n")[-1] and v.facts.ok
    assert labelled_slots(v.text, "en").count("when") == 1
