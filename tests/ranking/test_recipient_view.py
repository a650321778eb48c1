"""What a recipient would reject, as capabilities (not the demo's names): a line to a whole group, a reproach,
a wish as the topic, a recruiter treated as a friend, a loan-word inside a place name, and one group thread
given to every member of the group."""

import pytest

from assistant.drafting.agent import draft_for
from assistant.text.hookable import cold_outreach, not_a_hook
from assistant.text.keyphrase import strip_formulas, topic_phrase
from assistant.text.sensitive import is_sensitive
from tests.ranking.test_points import TODAY, Book, by_name, ts


@pytest.mark.parametrize("text", [
    "Hi all, raftkit is five years old this month, small online celebration on the 24th",
    "Hello everyone! The new release is out", "大家好，同学聚会改到周五晚上八点了", "Hallo zusammen, das Treffen ist verschoben",
    "Bonjour à tous, petit rappel : le dîner est vendredi", "Hola a todos, la cena es el viernes",
    "مرحبا بالجميع، العشاء صار يوم الجمعة", "सभी को नमस्ते, डिनर अब शुक्रवार को है", "@all the venue changed"])
def test_a_line_to_the_whole_group_is_not_a_talking_point(text):
    assert not_a_hook(text) == "broadcast"


@pytest.mark.parametrize("text", [
    "I'm organising a Font bouldering weekend in May, who's in?",  # their plan: theirs to be asked about
    "Hi Alex, all good here, we finally moved to Leipzig", "मैं अगले महीने Pune जा रहा हूँ"])
def test_personal_lines_stay_talking_points(text):
    assert not_a_hook(text) is None


@pytest.mark.parametrize("text,lang", [
    ("You never reply to anything I send anymore, typical", "en"), ("Du meldest dich ja eh nie, typisch", "de"),
    ("You never replied to my last three messages", "en"),
    ("Tu ne réponds jamais à mes messages", "fr"), ("你从来不回我消息，每次都这样", "zh"),
    ("ما بترد على رسايلي أبداً، دايماً هيك", "ar"), ("तुम कभी मेरे मैसेज का जवाब नहीं देते", "hi"),
    ("Nunca contestas mis mensajes, siempre igual contigo", "es")])
def test_a_reproach_without_angry_words_is_delicate(text, lang):
    assert is_sensitive(text, lang) == "conflict"


def test_hindi_loan_word_is_matched_whole():
    assert is_sensitive("हम पिछले हफ्ते लोनावला ट्रेक पर गए थे, बारिश में झरने कमाल के थे", "hi") is None
    assert is_sensitive("मुझे लोन चाहिए", "hi") == "money"
    assert is_sensitive("Por fin terminé el Camino de Santiago", "es") is None


@pytest.mark.parametrize("text,lang,want", [
    ("Have a lovely weekend! We finally opened the community garden on Leith Walk", "en", "Leith Walk"),
    ("Schönes Wochenende! Ich habe endlich den Segelschein gemacht", "de", "Segelschein"),
    ("Bon week-end ! J'ai enfin fini de restaurer le vieux voilier de mon grand-père", "fr", "vieux voilier"),
    ("¡Buen fin de semana! Por fin terminé el Camino de Santiago", "es", "Camino de Santiago"),
    ("周末愉快！我最近开始学陶艺了，做了第一个杯子", "zh", "陶艺"),
    ("जुम्मा मुबारक! मैंने आखिरकार गिटार सीखना शुरू कर दिया", "hi", "गिटार"),
    ("جمعة مباركة! أخيراً خلصت دورة التصوير", "ar", "دورة التصوير"),
    ("Vielen Dank für Ihren Vortrag über Raft in München", "de", "Vortrag")])
def test_the_topic_is_never_the_wish(text, lang, want):
    assert want in topic_phrase(text, lang)


@pytest.mark.parametrize("text,lang", [
    ("Thanks again, have a great weekend everyone", "en"), ("Saludos a todos, feliz año nuevo", "es"),
    ("Viele Grüße und frohe Weihnachten", "de"), ("祝大家新年快乐", "zh"), ("Meilleur voyage de ma vie", "fr")])
def test_a_wish_alone_names_no_topic(text, lang):
    assert topic_phrase(text, lang) in ("", "voyage") and "Grüße" not in strip_formulas(text)


def test_cold_outreach():
    assert cold_outreach("Hi, I'm a talent partner at Nimbus. Your background looks like a great fit. Open to a quick call?")
    assert cold_outreach("您好，我是猎头顾问，我们正在招聘架构师，您的背景非常匹配，方便电话聊一下吗？")
    assert cold_outreach("Hola, soy reclutadora en Corvida. Tu perfil encaja con una oportunidad laboral")
    assert not cold_outreach("Just got back from Skye, the Old Man of Storr at sunrise was unreal")


def test_a_recruiter_answered_politely_is_not_suggested_and_gets_a_plain_note(store):
    b = Book(store)
    r = b.person("Tessa Corvid")
    b.say(r, ts(2025, 9, 15, 9), "in", "Hi, I'm a talent partner at Corvid. Your background looks like a great fit "
                                       "for our Staff role. Open to a quick call?")
    b.say(r, ts(2025, 9, 15, 10), "out", "Thanks, not looking right now but good luck")
    b.say(r, ts(2025, 9, 15, 11), "in", "No worries, I'll keep you posted on future roles")
    b.say(r, ts(2025, 9, 15, 12), "out", "👍")
    assert "Tessa Corvid" not in by_name(store)
    d = draft_for(store, r, today=TODAY)
    assert d.outcome == "needs_fill" and "[" in d.text and not d.cited_ids
    assert "came to mind" not in d.text and "been a while" not in d.text


def test_members_of_one_group_are_not_all_given_its_thread(store):
    b = Book(store)
    a, c = b.person("Kirsty Lyall"), b.person("Hamish Boyd")
    b.exchange(a, ts(2025, 2, 5), "The new bouldering gym near Haymarket is brilliant, I went three times", "a1")
    b.exchange(c, ts(2025, 2, 6), "Just finished the Edinburgh half marathon in under two hours", "c1")
    g = b.group("Edinburgh crew", [a, c])
    b.in_group(g, "Edinburgh crew", a, ts(2025, 8, 9, 19), "I booked us a table for the pub quiz at the Sheep Heid", "ga")
    b.in_group(g, "Edinburgh crew", None, ts(2025, 8, 9, 20), "🙌")
    b.in_group(g, "Edinburgh crew", c, ts(2025, 8, 9, 21), "Count me in, I'll bring my brother-in-law as well", "gc")
    got = by_name(store)
    hooks = [got[n].hook.message_ids[0] for n in ("Kirsty Lyall", "Hamish Boyd")]
    assert len({h in (b.ids["ga"], b.ids["gc"]) for h in hooks} - {False}) <= 1 and not all(
        h in (b.ids["ga"], b.ids["gc"]) for h in hooks), hooks
