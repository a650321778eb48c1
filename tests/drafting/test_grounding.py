"""Every specific claim must be backed by a cited message."""

from assistant.drafting.grounding import check_grounding, specifics

SHOWN = {
    184: "2024-05-26 李伟: 跟你说个好玩的，HSBC 那个老清算系统上周正式下线了",
    188: "2024-05-26 李伟: 对了，明年我们可能去欧洲参加 Money20/20，要是去阿姆斯特丹我找你",
    14: "2024-08-22 Anna Schmidt: Wie versprochen: Fotos von der Zugspitze! Zwei Tage durchs Reintal",
}


def test_specifics_per_script():
    assert specifics("Hi Sarah, remember the night in Shenzhen with the HSBC team?", "en") == ["Sarah", "Shenzhen", "HSBC"]
    # German nouns are capitalised: everyday ones are no claim, names are
    assert specifics("Hallo Anna, wie war die Wanderung auf die Zugspitze? Liebe Grüße", "de") == ["Anna", "Zugspitze"]
    assert specifics("明年 Money20/20 要是来阿姆斯特丹一定告诉我", "zh") == ["Money20/20", "20/20"]
    assert specifics("तुम्हारा IISc वाला guest lecture कैसा रहा?", "hi") == ["IISc"]
    assert specifics("Je repensais à « Jazz à la Villette » !", "fr") == ["Jazz à la Villette"]
    assert specifics("Leave the rest to me: [what you are working on]", "en") == []  # placeholders are honest gaps



def test_the_drafters_own_wording_is_no_claim():
    # "Vorhaben" (plan) is a word of the offline German forms, capitalised by grammar, not a name
    assert specifics("Moin Jo, ich musste an dein Vorhaben denken. Wie läuft es?", "de") == ["Jo"]
    assert specifics("Liebe Frau Schneider, ich musste an Ihr Vorhaben denken.", "de") == ["Schneider"]
    assert specifics("Moin Jo, ich musste an dein Segelboot denken.", "de") == ["Jo", "Segelboot"]  # still a claim


def test_backed_by_a_cited_message():
    r = check_grounding("听说 HSBC 那个老清算系统下线了！", [184], shown=SHOWN, lang="zh")
    assert r.ok and r.supported == {"HSBC": 184} and r.cited_ids == [184]


def test_a_citation_the_model_forgot_is_added():
    r = check_grounding("HSBC 下线了，明年 Money20/20 见？", [184], shown=SHOWN, lang="zh")
    assert r.ok and r.added_ids == [188] and r.cited_ids == [184, 188]


def test_invented_history_is_rejected():
    r = check_grounding("Remember our trip to Lisbon in 2019 with the HSBC team?", [184], shown=SHOWN, lang="en")
    assert not r.ok
    assert r.unsupported == ["Lisbon", "2019"]
    assert "Lisbon" in r.reason()


def test_invented_citations_are_rejected():
    r = check_grounding("HSBC 下线了", [184, 999], shown=SHOWN, lang="zh")
    assert not r.ok and r.invented_ids == [999]


def test_the_profile_and_the_users_words_are_trusted():
    r = check_grounding("Hi Anna, I just wrote about Raft in Berlin", [], shown=SHOWN,
                        profile=["Anna Schmidt", "my post about Raft, written in Berlin"], lang="en")
    assert r.ok and r.supported == {"Anna": "profile", "Raft": "profile", "Berlin": "profile"}


def test_inflected_and_clipped_quotes_still_match():
    r = check_grounding("Ich musste an deine Nachricht denken: „Wie versprochen: Fotos von der Zugspitze! Zwei…“",
                        [14], shown=SHOWN, lang="de")
    assert r.ok, r.reason()
