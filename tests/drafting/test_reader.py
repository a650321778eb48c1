"""What the recipient of a draft would notice (issue 13): the user's language and the name they use, a few words
about the topic instead of a pasted quote, no third person's words, one open draft per contact, nothing repeated
- offline and through the real LLM client against the loopback OpenAI-protocol server."""

from __future__ import annotations

import json

import pytest

from assistant.config import Settings
from assistant.drafting.agent import draft_for, prompt_budget
from assistant.drafting.grounding import check_grounding
from assistant.llm.budget import token_counter
from assistant.services.review import ReviewQueue
from assistant.store.drafts import DraftError, list_drafts
from assistant.text.keyphrase import topic_phrase
from tests.drafting.world import TODAY, ts
from tests.support.openai_server import Reply


def chat(store, name: str, rows: list[tuple], channel: str = "whatsapp") -> int:
    """A 1:1 chat: rows of (ts, 'in' | 'out', text)."""
    cid = store.create_contact(name, circle="close")
    with store.transaction():
        store.insert_messages([(channel, name, cid, None, None, d, "text", t, text, "t", f"{name}-{n}")
                               for n, (t, d, text) in enumerate(rows)])
    return cid


def claire(store) -> int:
    """Claire writes French; the user always writes to her in English and calls her Claire."""
    return chat(store, "Claire Martin", [
        (ts(2024, 6, 1), "in", "Coucou ! Tu viens toujours à Lyon en juillet ?"),
        (ts(2024, 6, 1, 13), "out", "Hi Claire, yes! Can't wait to see you"),
        (ts(2025, 2, 15, 8), "in", "Je me suis inscrite au marathon de Paris, le 13 avril ! Je m'entraîne tous les soirs"),
        (ts(2025, 2, 15, 9), "out", "Hi Claire, that's amazing! First full marathon?"),
        (ts(2025, 2, 15, 10), "in", "Oui, le premier, objectif moins de quatre heures"),
    ])


def draft_reply(text: str, ids: list[int], lang: str = "en") -> Reply:
    return Reply.text(json.dumps({"text": text, "language": lang, "hook": "her marathon", "cited_ids": ids,
                                  "rationale": "her news"}, ensure_ascii=False))


def no_ask() -> Reply:
    return Reply.text(json.dumps({"ask": False, "category": "none", "evidence": ""}))


def test_the_offline_draft_is_in_the_users_language_with_the_name_they_use(store):
    cid = claire(store)
    d = draft_for(store, cid, today=TODAY)
    assert d.language == "en" and d.text.startswith("Hi Claire")
    assert "Claire Martin" not in d.text
    assert "marathon" in d.text and "…" not in d.text and "“" not in d.text  # a few words, not a pasted quote
    assert d.verdicts["language_profile"].startswith("en (user)")


def test_a_nickname_from_the_users_greetings_and_no_full_name(store):
    cid = chat(store, "Thomas Becker", [
        (ts(2024, 9, 3), "out", "Hey Tom, how was Cornwall?"),
        (ts(2024, 9, 3, 13), "in", "Rained every day but the pasties made up for it"),
        (ts(2025, 1, 5), "in", "Finally booked the Lake District cottage for Easter, four days of fell walking"),
        (ts(2025, 1, 5, 13), "out", "Hey Tom, love that! Which fells?"),
    ])
    d = draft_for(store, cid, today=TODAY)
    assert d.text.startswith("Hey Tom!") and "Thomas" not in d.text
    assert "Lake District" in d.text


def test_a_loss_answered_with_sympathy_is_never_the_talking_point(store):
    cid = chat(store, "Tom Baker", [
        (ts(2025, 1, 5), "in", "Finally booked the Lake District cottage for Easter, four days of fell walking"),
        (ts(2025, 1, 5, 13), "out", "Love that! Which fells?"),
        (ts(2025, 2, 16, 21), "in", "We had to say goodbye to Biscuit on Sunday. The house is so quiet now."),
        (ts(2025, 2, 16, 22), "out", "Oh Tom, I'm so sorry. He was the best boy."),
        (ts(2025, 2, 16, 23), "in", "Thanks mate. Fourteen good years."),
    ])
    d = draft_for(store, cid, today=TODAY)
    for word in ("Biscuit", "goodbye", "quiet", "Fourteen"):
        assert word.casefold() not in d.text.casefold()
    assert "Lake District" in d.text


def test_a_seventh_language_falls_back_to_the_users_language_and_says_so(store):
    chat(store, "Tom Baker", [(ts(2024, 5, 1), "out", "Hey Tom, are we still on for the pub quiz on Thursday?")])
    cid = chat(store, "Giulia Rossi", [
        (ts(2025, 2, 3), "in", "Sai che ho aperto un piccolo laboratorio di ceramica a Bologna? Inauguriamo a marzo"),
        (ts(2025, 2, 3, 13), "out", "Ciao Giulia, che bello! Verrò sicuramente a trovarti"),
    ])
    d = draft_for(store, cid, today=TODAY)
    assert d.language == "en" and "translate before sending" in d.rationale and "Italian" in d.rationale
    assert d.text.startswith("Ciao Giulia") or d.text.startswith("Hi Giulia")


def test_keyphrases_name_the_topic_in_a_few_words():
    assert topic_phrase("Finally booked the Lake District cottage for Easter, four days of fell walking", "en") \
        == "Lake District"
    assert topic_phrase("跟你说个事，我们那个 HSBC 老清算系统终于下线了", "zh") == "HSBC 老清算系统"
    assert topic_phrase("बड़ी खबर: अप्रैल में Kalymnos जा रही हूँ, दो हफ़्ते सिर्फ़ climbing!", "hi", script="Latn") \
        == "Kalymnos"
    assert topic_phrase("Likewise, let's stay in touch", "en") == ""  # nothing specific: no topic


def test_one_open_draft_per_contact_and_never_the_same_text_again(store):
    cid = claire(store)
    q = ReviewQueue(store, today=TODAY)
    first = q.draft(cid)
    second = q.draft(cid)
    statuses = {d.id: d.status for d in list_drafts(store, contact_id=cid)}
    assert statuses == {first.id: "replaced", second.id: "queued"} and second.parent_id == first.id
    sent = q.approve(second.id)
    third = q.draft(cid)
    assert third.text != sent.text and third.status == "queued"


def test_draft_for_n_more_takes_the_next_ones_without_a_draft(store, world):
    q = ReviewQueue(store, today=TODAY)
    a = q.suggested(2)
    b = q.suggested(2)
    got_a = {d.contact_id for d in a.drafts}
    got_b = {d.contact_id for d in b.drafts}
    assert len(got_a) == 2 and len(got_b) == 2 and not got_a & got_b
    assert len(b.skipped) == 2 and all("already waiting" in why for _, why in b.skipped)


def test_words_given_to_them_must_be_theirs():
    shown = {1: "2025-02-01 Dana: Just got back from Kalymnos, best trip of my life",
             2: "2025-02-18 Sam: I'm organising a Font bouldering weekend in May"}
    authors = {1: "other", 2: "contact"}
    bad = check_grounding("Hey Sam! You told me about Kalymnos, how was it?", [1], shown=shown, lang="en",
                          authors=authors)
    assert not bad.ok and "someone else's" in bad.unsupported[0]
    good = check_grounding("Hey Sam! Your Font bouldering weekend plans sound great.", [2], shown=shown, lang="en",
                           authors=authors)
    assert good.ok
    mine = check_grounding("Hi Sam, you wrote that Kalymnos was the best trip.", [1], shown=shown, lang="en",
                           authors={1: "me", 2: "contact"})
    assert not mine.ok and "your own" in mine.unsupported[0]


# --- with a model: the real client against the loopback server -----------------------------------------------


def test_the_prompt_sent_stays_within_the_budget_and_the_models_context(store, world, llm_env, monkeypatch):
    from assistant.drafting.agent import DRAFT_MAX_TOKENS, FIX_OVERHEAD

    monkeypatch.setenv("OUTREACH_MODEL_CONTEXT", "2000")
    settings = Settings()
    limit = prompt_budget(settings)
    assert limit == 2000 - 2 * DRAFT_MAX_TOKENS - FIX_OVERHEAD < settings.draft_token_budget
    llm_env.push(draft_reply("Hi Anna! Die Zugspitze im Nebel, ich musste lachen. Wie geht es dir?", [], "de"), no_ask())
    d = draft_for(store, world["Anna Schmidt"], settings=settings, today=TODAY)
    sent = llm_env.requests[0]["messages"]
    counter = token_counter(settings.chat_model)
    counted = sum(counter.count(m["content"]) for m in sent)
    assert counted <= limit and d.context_tokens <= limit and d.token_budget == limit


def test_the_model_is_told_the_users_language_and_who_said_what(store, llm_env):
    cid = claire(store)
    llm_env.push(draft_reply("Hi Claire! Your Paris marathon is coming up fast. How is the training going?", []),
                 no_ask())
    d = draft_for(store, cid, settings=Settings(), today=TODAY)
    system, user = (m["content"] for m in llm_env.requests[0]["messages"])
    assert "Write in English" in system and "#123" not in system and "[what" not in system
    assert "Greet them as \"Claire\"" in user and "Claire Martin wrote it on 2025-02-15" in user
    assert "the language the user writes to them" in user
    assert d.language == "en" and d.status == "queued"


def test_a_reply_in_the_contacts_language_is_rewritten_in_the_users(store, llm_env):
    cid = claire(store)
    llm_env.push(draft_reply("Coucou Claire ! Alors, ce marathon de Paris, l'entraînement se passe bien ?", [], "fr"),
                 draft_reply("Hi Claire! How is the training for the Paris marathon going?", []), no_ask())
    d = draft_for(store, cid, settings=Settings(), today=TODAY)
    assert d.language == "en" and d.text.startswith("Hi Claire") and d.prompt_id == "draft_system+draft_fix"


def test_a_model_repeating_a_sent_text_is_refused(store, llm_env):
    cid = claire(store)
    text = "Hi Claire! How is the training for the Paris marathon going?"
    llm_env.push(draft_reply(text, []), no_ask())
    q = ReviewQueue(store, settings=Settings(), today=TODAY)
    q.approve(q.draft(cid).id)
    llm_env.push(draft_reply(text + " ", []), no_ask())
    with pytest.raises(DraftError, match="repeat a message already"):
        q.draft(cid)
    assert [d.status for d in list_drafts(store, contact_id=cid)] == ["sent"]
