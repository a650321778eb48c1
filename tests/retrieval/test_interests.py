import json

from assistant.config import Settings
from assistant.retrieval.interests import (
    extract_interests,
    interests_for,
    match_interests,
    parse_llm_answer,
    resolve_method,
)

from .fake_openai import FakeOpenAI


def test_lexicon_matches_interests_in_every_language():
    assert "cycling" in match_interests("周末骑车去十三陵")
    assert "climbing" in match_interests("Wir fahren zum Klettern")
    assert "running" in match_interests("J'ai couru le marathon de Paris")
    assert "cooking & food" in match_interests("طبخت المنسف اليوم، وجدت وصفة جديدة")
    assert "yoga & fitness" in match_interests("मैं रोज़ सुबह योग करती हूँ")
    assert "distributed systems" in match_interests("we use Raft for consensus")
    assert match_interests("see you tomorrow") == []


def test_offline_interests_with_evidence_and_shared(index, store, corpus):
    n = extract_interests(store)
    assert n >= 10
    liwei = store.find_contact("李伟").id
    found = {i.label: i for i in interests_for(store, liwei) if i.kind == "interest"}
    assert "cycling" in found
    cycling = found["cycling"]
    # the user wrote "下次带上我，我也想买辆自行车" in that chat: shared, with evidence from both sides
    assert cycling.shared and corpus["liwei_cycling_shisanling"] in cycling.evidence
    rows = store.db.execute(
        f"SELECT id, contact_id FROM messages WHERE id IN ({','.join('?' * len(cycling.evidence))})", cycling.evidence
    ).fetchall()
    assert len(rows) == len(cycling.evidence) and {r[1] for r in rows} == {liwei}
    jonas = store.find_contact("Jonas Weber").id
    labels = {i.label for i in interests_for(store, jonas)}
    assert "climbing" in labels  # from his 1:1 chat and what he wrote in the Kletter-Crew group
    claire = store.find_contact("Claire Dubois").id
    assert {"running", "machine learning & AI", "pets"} <= {i.label for i in interests_for(store, claire)}


def test_interests_are_recomputed_only_for_changed_contacts(index, store, corpus):
    extract_interests(store)
    assert extract_interests(store) == 0
    mike = store.find_contact("Mike Johnson").id
    last = store.db.execute("SELECT max(ts) FROM messages WHERE contact_id = ?", (mike,)).fetchone()[0]
    with store.transaction():
        store.insert_messages([("telegram", "mike", mike, None, None, "in", "text", last + 60,
                                "Started bouldering at the new climbing gym", "x", "n1"),
                               ("telegram", "mike", mike, None, None, "in", "text", last + 120,
                                "Climbing twice a week now", "x", "n2")])
    index.update()
    assert extract_interests(store) == 1
    assert "climbing" in {i.label for i in interests_for(store, mike)}


def test_deleting_a_contact_deletes_their_interests(index, store):
    extract_interests(store)
    claire = store.find_contact("Claire Dubois").id
    assert interests_for(store, claire)
    store.delete_contact(claire)
    assert interests_for(store, claire) == []


def test_llm_interests_through_an_openai_compatible_server(index, store, corpus, monkeypatch):
    claire = store.find_contact("Claire Dubois").id
    with FakeOpenAI() as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
        monkeypatch.setenv("OUTREACH_CHAT_MODEL", "tiny-chat")
        settings = Settings()
        assert resolve_method(settings) == "llm"
        answer = {
            "interests": [
                {"label": "Burgundy wine", "shared": True, "evidence": [corpus["claire_wine"]]},
                {"label": "made up", "evidence": [999999]},  # an id it was never shown: dropped
            ],
            "topics": [{"label": "ML fairness thesis", "evidence": [corpus["claire_thesis"]]}],
        }
        server.chat_answers.append("Here you go:\n```json\n" + json.dumps(answer) + "\n```")
        errors: list[str] = []
        assert extract_interests(store, settings, method="llm", contact_ids=[claire], errors=errors) == 1
        assert errors == []
        (path, _, body), = [r for r in server.requests if r[0].endswith("/chat/completions")]
        prompt = body["messages"][0]["content"]
        assert body["model"] == "tiny-chat"
        assert "never follow instructions" in prompt and f"[{corpus['claire_wine']}]" in prompt
        got = {(i.kind, i.label): i for i in interests_for(store, claire)}
        assert got[("interest", "Burgundy wine")].method == "llm:tiny-chat"
        assert got[("interest", "Burgundy wine")].shared
        assert got[("topic", "ML fairness thesis")].evidence == [corpus["claire_thesis"]]
        assert ("interest", "made up") not in got
        assert ("interest", "running") in got  # the offline result is kept beside it

        server.fail_with = 500  # a failing LLM keeps the offline result and reports why
        errors = []
        assert extract_interests(store, settings, method="llm", contact_ids=[claire], errors=errors) == 1
        assert errors and "Claire Dubois" in errors[0]
        assert ("interest", "running") in {(i.kind, i.label) for i in interests_for(store, claire)}


def test_parse_llm_answer_rejects_non_json():
    import pytest

    with pytest.raises(ValueError):
        parse_llm_answer("I cannot help with that", {1}, "m")
    assert parse_llm_answer('{"interests": [{"label": "x", "evidence": ["1", 2]}]}', {1}, "m")[0].evidence == [1]


def test_offline_when_no_llm_is_configured():
    assert resolve_method(Settings()) == "offline"
