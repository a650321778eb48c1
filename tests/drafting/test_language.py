"""Language and register per message and per contact."""

import pytest

from assistant.text.language import detect, detect_register, profile_for
from tests.drafting.world import HISTORIES


@pytest.mark.parametrize("text,lang", [
    ("你好，最近怎么样", "zh"), ("好嘞", "zh"),
    ("كيف حالك يا صديقي", "ar"), ("आप कैसे हैं", "hi"),
    ("Wie geht es dir?", "de"), ("Danke!", "de"),
    ("Comment vas-tu ?", "fr"), ("Salut !", "fr"),
    ("How are you doing these days?", "en"),
    ("तुम्हारी drawings ही तो best हैं 😂", "hi"),  # code-mixed: the script decides
    ("شوف مين صار مصوّرة 😄 Lina stole my old Fuji", "ar"),
    ("kaise ho bhai, sab theek?", "hi"),  # romanised Hindi
])
def test_detect(text, lang):
    assert detect(text).lang == lang


def test_too_little_text_is_unknown():
    assert detect("👍").lang is None
    assert detect("ok").lang is None


def test_each_contact_gets_the_language_they_write(store, world):
    for name, spec in HISTORIES.items():
        assert profile_for(store, world[name]).lang == spec["lang"], name


@pytest.mark.parametrize("name,level,source", [
    ("李伟", "informal", "user"),
    ("王芳", "informal", "user"),  # she writes 您 to the user; the user's own 你 wins
    ("Herr Weber", "formal", "user"),  # Sie both ways
    ("Anna Schmidt", "informal", "user"),
    ("Claire Dubois", "informal", "user"),
    ("Priya Sharma", "informal", "user"),
])
def test_register_comes_from_the_history(store, world, name, level, source):
    r = profile_for(store, world[name]).register
    assert (r.level, r.source) == (level, source)


def test_mirror_the_contact_when_the_user_gave_no_form():
    r = detect_register("zh", ["好的", "哈哈"], ["您好，好久不见", "您最近忙吗"])
    assert (r.level, r.source) == ("formal", "contact")


def test_polite_default_for_a_distant_contact_without_evidence():
    assert detect_register("de", [], [], circle="wider").level == "formal"
    assert detect_register("de", [], [], circle="close").level == "informal"


def test_overrides_win(store, world):
    cid = world["Anna Schmidt"]
    store.update_contact(cid, languages=["en"])
    p = profile_for(store, cid)
    assert (p.lang, p.source) == ("en", "override")
    assert profile_for(store, cid, override_lang="fr").lang == "fr"
    assert profile_for(store, cid, override_register="formal").register.source == "override"


def test_no_history_falls_back_to_the_default(store, world):
    p = profile_for(store, world["Nobody New"])
    assert (p.lang, p.source) == ("en", "default")


def test_someone_known_only_from_a_small_group_of_friends_is_addressed_as_a_friend():
    from assistant.text.language import detect_register

    # no form of address on either side: the polite default for the wider circle...
    assert detect_register("fr", [], ["Dernier jour à Kalymnos 🤯"]).level == "formal"
    # ...but not for a member of the user's small climbing group
    assert detect_register("fr", [], ["Dernier jour à Kalymnos 🤯"], friends_group=True).level == "informal"
    # what the user or they actually write still decides
    assert detect_register("de", ["Können Sie mir sagen"], [], friends_group=True).level == "formal"
