"""The LLM path end to end: LangChain's ChatOpenAI (through assistant.llm.chat_model) against a real HTTP server
on 127.0.0.1 speaking the OpenAI chat-completions protocol with scripted replies (tests/support/openai_server.py)."""

from __future__ import annotations

import json
import re

import pytest

from assistant.llm.budget import token_counter
from assistant.drafting.agent import draft_for
from assistant.store.drafts import DraftError, list_drafts
from assistant.services.review import ReviewQueue
from assistant.config import Settings
from assistant.llm.prompts import combined_hash, prompt
from assistant.text.asks import is_ask
from tests.drafting.world import TODAY
from tests.support.openai_server import Reply


def draft_reply(text: str, ids: list[int], lang: str = "zh", usage: dict | None = None) -> Reply:
    r = Reply.text(json.dumps({"text": text, "language": lang, "hook": "the talking point", "cited_ids": ids,
                               "rationale": "picks up where you left off"}, ensure_ascii=False))
    r.usage = usage
    return r


def judge(ask: bool = False, category: str = "none", evidence: str = "") -> Reply:
    return Reply.text(json.dumps({"ask": ask, "category": category, "evidence": evidence}))


LIWEI_OK = "好久不见！听说 HSBC 那个老清算系统终于下线了，我们当年切换完它还跑了五年。最近怎么样？"


def history_block(body: dict) -> str:
    user = body["messages"][1]["content"]
    return user.split("<<<HISTORY\n", 1)[1].split("\nHISTORY>>>", 1)[0]


def snapshot(store) -> list[tuple]:
    return [tuple(r) for r in store.db.execute("SELECT id, status, text, updated_at FROM drafts ORDER BY id")]


@pytest.fixture
def queued(store, world):
    """A draft already in the queue (offline), which failures must leave alone."""
    return draft_for(store, world["Sarah Miller"], today=TODAY, offline=True)


def test_the_real_client_path_and_what_a_draft_records(store, world, llm_env):
    hook = world["hook:李伟"]
    llm_env.push(draft_reply(LIWEI_OK, [hook], usage={"prompt_tokens": 812, "completion_tokens": 64, "total_tokens": 876}),
                 judge())
    settings = Settings()
    d = draft_for(store, world["李伟"], settings=settings, today=TODAY)

    assert d.status == "queued" and d.source == "llm" and d.text == LIWEI_OK and d.language == "zh"
    assert d.cited_ids == [hook] and d.verdicts["llm_check"] == "passed"
    assert d.prompt_id == "draft_system" and d.prompt_hash == prompt("draft_system").sha256
    assert d.model == "scripted-model" and (d.prompt_tokens, d.completion_tokens) == (812, 64)
    assert d.token_budget == settings.draft_token_budget == 1800

    first, check = llm_env.requests
    assert first["model"] == "scripted-model" and [m["role"] for m in first["messages"]] == ["system", "user"]
    assert first["messages"][0]["content"] == prompt("draft_system").render(
        user_name="Alex Chen", contact_name="李伟", language_name="Chinese (Simplified, 简体中文)", language_code="zh",
        register="informal (address them as 你)")
    block = history_block(first)
    hook_line = next(line for line in block.splitlines() if line.startswith(f"[#{hook}]"))
    assert json.dumps("跟你说个好玩的，HSBC 那个老清算系统上周正式下线了", ensure_ascii=False) in hook_line
    assert f"[#{hook}]" in first["messages"][1]["content"].split("<<<HISTORY")[0]  # the task names the talking point
    # the prompt that was actually sent is within the budget, counted as the draft says
    counter = token_counter("scripted-model")
    sent = counter.messages([m["content"] for m in first["messages"]])
    assert sent == d.context_tokens <= 1800
    # the ask check saw the draft as quoted data
    assert "<<<MESSAGE\n" + LIWEI_OK + "\nMESSAGE>>>" in check["messages"][0]["content"]
    assert check["temperature"] == 0
    assert llm_env.headers[0]["authorization"] == "Bearer sk-test-not-a-secret"
    stored = json.dumps(list_drafts(store)[0].to_json(), ensure_ascii=False)
    assert "sk-test" not in stored


def test_a_429_is_retried_with_backoff(store, world, llm_env, monkeypatch):
    monkeypatch.setenv("OUTREACH_LLM_MAX_RETRIES", "2")
    llm_env.push(Reply.rate_limited(20), draft_reply(LIWEI_OK, [world["hook:李伟"]]), judge())
    d = draft_for(store, world["李伟"], settings=Settings(), today=TODAY)
    assert d.status == "queued" and len(llm_env.requests) == 3


def test_a_500_is_retried_then_succeeds(store, world, llm_env, monkeypatch):
    monkeypatch.setenv("OUTREACH_LLM_MAX_RETRIES", "1")
    llm_env.push(Reply.error(500, "boom"), draft_reply(LIWEI_OK, [world["hook:李伟"]]), judge())
    assert draft_for(store, world["李伟"], settings=Settings(), today=TODAY).status == "queued"


@pytest.mark.parametrize("failure,message", [
    (Reply.error(500, "internal"), "answered with an error (500)"),
    (Reply.rate_limited(10), "rate-limiting"),
    (Reply.malformed(), "not valid OpenAI-protocol JSON"),
    (Reply.slow(2.0, then=Reply.text("{}")), "did not answer in time"),
    (Reply.text("Sure! Here is a lovely message for your friend."), "not the JSON draft asked for"),
])
def test_failures_leave_the_queue_intact(store, world, llm_env, monkeypatch, queued, failure, message):
    monkeypatch.setenv("OUTREACH_LLM_TIMEOUT", "0.5")
    before = snapshot(store)
    llm_env.push(failure)
    with pytest.raises(DraftError, match=re.escape(message)) as e:
        draft_for(store, world["李伟"], settings=Settings(), today=TODAY)
    assert "李伟" in str(e.value)
    assert snapshot(store) == before


def test_a_failed_regeneration_keeps_the_draft_it_would_replace(store, world, llm_env, queued):
    llm_env.push(Reply.error(503, "down"))
    q = ReviewQueue(store, settings=Settings(), today=TODAY)
    with pytest.raises(DraftError):
        q.regenerate(queued.id, instruction="shorter")
    assert q.get(queued.id).status == "queued" and [d.id for d in q.pending()] == [queued.id]


def test_an_ask_is_rewritten_once(store, world, llm_env):
    hook = world["hook:李伟"]
    asking = "好久不见！HSBC 那个系统下线了。对了，你们公司最近招人吗？帮我内推一下"
    llm_env.push(draft_reply(asking, [hook]), draft_reply(LIWEI_OK, [hook]), judge())
    d = draft_for(store, world["李伟"], settings=Settings(), today=TODAY)
    assert d.status == "queued" and d.text == LIWEI_OK
    assert d.verdicts["rewritten"][0]["text"] == asking
    fix = llm_env.requests[1]["messages"]
    assert [m["role"] for m in fix] == ["system", "user", "assistant", "user"]
    assert "it asks for something" in fix[-1]["content"] and "remove the ask" in fix[-1]["content"]
    assert d.prompt_id == "draft_system+draft_fix"
    assert d.prompt_hash == combined_hash(prompt("draft_system"), prompt("draft_fix"))
    assert len(llm_env.requests) == 3  # draft, rewrite, then the LLM check on the clean rewrite


def test_an_ask_after_the_rewrite_is_held_with_the_reason(store, world, llm_env):
    hook = world["hook:李伟"]
    llm_env.push(draft_reply("能不能借我五千块？HSBC 的事回头聊", [hook]),
                 draft_reply("最近手头有点紧，能不能先借我两千？", [hook]))
    d = draft_for(store, world["李伟"], settings=Settings(), today=TODAY)
    assert d.status == "held" and d.outcome == "not_usable"
    assert d.hold_reason.startswith("contains an ask (money, found by rules)")
    q = ReviewQueue(store, today=TODAY)
    assert [x.id for x in q.pending()] == [d.id] and [x.id for x in q.pending(held=False)] == []


def test_the_llm_check_catches_what_the_rules_miss(store, world, llm_env):
    hook = world["hook:Sarah Miller"]
    subtle = "Hi Sarah! Still grateful for the raftkit pre-vote PR. My nephew is starting out in distributed systems, by the way."
    clean = "Hi Sarah! Still grateful for the raftkit pre-vote PR. How is the election work going these days?"
    assert not is_ask(subtle)
    llm_env.push(draft_reply(subtle, [hook], "en"), judge(True, "favour", "My nephew is starting out"),
                 draft_reply(clean, [hook], "en"), judge())
    d = draft_for(store, world["Sarah Miller"], settings=Settings(), today=TODAY)
    assert d.status == "queued" and d.text == clean
    assert "favour" in llm_env.requests[2]["messages"][-1]["content"]


def test_the_llm_check_can_be_switched_off(store, world, llm_env, monkeypatch):
    monkeypatch.setenv("OUTREACH_DRAFT_LLM_CHECK", "false")
    llm_env.push(draft_reply(LIWEI_OK, [world["hook:李伟"]]))
    d = draft_for(store, world["李伟"], settings=Settings(), today=TODAY)
    assert d.verdicts["llm_check"] == "off" and len(llm_env.requests) == 1


def test_invented_history_is_rejected(store, world, llm_env):
    hook = world["hook:Sarah Miller"]
    invented = "Hi Sarah! I still think about our trip to Lisbon in 2019 for the raftkit offsite."
    llm_env.push(draft_reply(invented, [hook], "en"), draft_reply(invented, [hook], "en"))
    d = draft_for(store, world["Sarah Miller"], settings=Settings(), today=TODAY)
    assert d.status == "held" and "invents shared history" in d.hold_reason and "Lisbon" in d.hold_reason
    assert "Lisbon" in llm_env.requests[1]["messages"][-1]["content"]  # the rewrite was told what was invented


def test_invented_citations_are_rejected(store, world, llm_env):
    hook = world["hook:Sarah Miller"]
    text = "Hi Sarah! Still grateful for the raftkit pre-vote PR. How are things?"
    llm_env.push(draft_reply(text, [hook, 999999], "en"), draft_reply(text, [hook], "en"), judge())
    d = draft_for(store, world["Sarah Miller"], settings=Settings(), today=TODAY)
    assert d.status == "queued" and d.cited_ids == [hook]
    assert "#999999" in llm_env.requests[1]["messages"][-1]["content"]


def test_the_wrong_language_is_rewritten(store, world, llm_env):
    hook = world["hook:Anna Schmidt"]
    llm_env.push(draft_reply("Hi Anna, how were the Zugspitze photos from your hike through the Reintal?", [hook], "de"),
                 draft_reply("Hallo Anna, ich denke noch an deine Fotos von der Zugspitze! Wie war es im Reintal?", [hook], "de"),
                 judge())
    d = draft_for(store, world["Anna Schmidt"], settings=Settings(), today=TODAY)
    assert d.status == "queued" and d.text.startswith("Hallo Anna")
    assert "not German" in llm_env.requests[1]["messages"][-1]["content"]


def test_a_small_budget_cuts_history_and_says_so(store, world, llm_env, monkeypatch):
    monkeypatch.setenv("OUTREACH_DRAFT_TOKEN_BUDGET", "700")
    hook = world["hook:李伟"]
    llm_env.push(draft_reply(LIWEI_OK, [hook]), judge())
    d = draft_for(store, world["李伟"], settings=Settings(), today=TODAY)
    body = llm_env.requests[0]
    assert token_counter("scripted-model").messages([m["content"] for m in body["messages"]]) == d.context_tokens <= 700
    assert d.cut and d.cut[0]["section"] in ("history", "style", "profile")
    assert f"[#{hook}]" in history_block(body)  # the talking point is the last thing to go


def test_instructions_reach_the_model(store, world, llm_env):
    llm_env.push(draft_reply("Hi Anna! How was the Zugspitze?", [world["hook:Anna Schmidt"]], "en"), judge())
    d = draft_for(store, world["Anna Schmidt"], settings=Settings(), today=TODAY, instruction="shorter, in English")
    task = llm_env.requests[0]["messages"][1]["content"].split("## Contact")[0]
    assert '"shorter, in English"' in task and "Language: English" in task
    assert d.language == "en" and d.instruction == "shorter, in English"


def test_without_an_endpoint_the_flow_runs_offline(store, world):
    settings = Settings()
    d = draft_for(store, world["李伟"], settings=settings, today=TODAY)
    assert d.source == "offline" and d.status == "queued"
