"""The model path against a loopback OpenAI-protocol server scripted to reply as small local models do (issue 20):
tool calls written as text, no tool calls at all, JSON missing a brace, a reply cut off by the context, a slow
reply, an ask verdict without evidence, a judge that calls everything sendable. Real client, real store."""

from __future__ import annotations

import io
import json
import logging
import sys
from pathlib import Path

import pytest

from assistant.ask.agent import ask, text_tool_calls
from assistant.config import Settings
from assistant.drafting.agent import draft_for
from assistant.store.drafts import DraftError, list_drafts
from tests.drafting.world import TODAY as DRAFT_TODAY
from tests.drafting.world import build as build_world
from tests.support.book import TODAY, build_book
from tests.support.openai_server import Reply

LIWEI_OK = "好久不见！听说 HSBC 那个老清算系统终于下线了，我们当年切换完它还跑了五年。最近怎么样？"


@pytest.fixture
def book(store):
    return build_book(store)


@pytest.fixture
def world(store):
    return build_world(store)


def draft_json(text: str, ids: list[int], lang: str = "zh") -> str:
    return json.dumps({"text": text, "language": lang, "hook": "the talking point", "cited_ids": ids,
                       "rationale": "picks up where you left off"}, ensure_ascii=False)


def tool_results(request: dict) -> list[dict]:
    return [json.loads(m["content"]) for m in request["messages"] if m.get("role") == "tool"]


def cite_last(body: dict) -> Reply:
    last = tool_results(body)[-1]["result"]["last"]
    return Reply.text(f"You last talked on {last['date']} [#{last['id']}].")


# --- ask ----------------------------------------------------------------------------------------------------


def test_tool_choice_is_sent_so_function_calling_servers_keep_the_tools(store, book, llm_env):
    llm_env.push(Reply.tool_call("last_interaction", {"contact": "Li Wei"}), cite_last)
    a = ask("When did I last talk to Li Wei?", store, settings=Settings(), today=TODAY)
    assert a.via == "agent" and a.citations == [book["msg:li_wechat"]] and not a.flagged
    first = llm_env.requests[0]
    assert first["tool_choice"] == "auto" and first["tools"] and first["max_tokens"] > 0
    assert llm_env.requests[1]["messages"][2]["content"]  # the tool-call turn is sent back with content


@pytest.mark.parametrize("written", [
    '<tool_call>\n{"name": "last_interaction", "arguments": {"contact": "Li Wei"}}\n</tool_call>',  # Qwen / Hermes
    '{"name": "last_interaction", "arguments": {"contact": "Li Wei"}}',  # bare JSON
    '```json\n[{"name": "last_interaction", "parameters": "{\\"contact\\": \\"Li Wei\\"}"}]\n```',  # list, string args
])
def test_tool_calls_written_as_text_are_run(store, book, llm_env, written):
    llm_env.push(Reply.text(written), cite_last)
    a = ask("When did I last talk to Li Wei?", store, settings=Settings(), today=TODAY)
    assert a.via == "agent" and a.tool_calls == ["last_interaction"]
    assert a.text == f"You last talked on 2025-03-05 [#{book['msg:li_wechat']}]."
    assert a.citations == [book["msg:li_wechat"]]
    # the tool result went back in the protocol: an assistant turn with tool_calls, then the tool message
    sent = llm_env.requests[1]["messages"]
    assert sent[-2]["role"] == "assistant" and sent[-2]["tool_calls"][0]["function"]["name"] == "last_interaction"
    assert sent[-2]["content"]  # never null: llama-cpp-python's server answers 500 to a null assistant content
    assert tool_results(llm_env.requests[1])[0]["result"]["last"]["id"] == book["msg:li_wechat"]


def test_text_tool_calls_of_unknown_tools_are_not_calls():
    assert text_tool_calls('{"name": "rm_rf", "arguments": {}}', {"find_contacts"}) == []
    assert text_tool_calls("Li Wei is into cycling.", {"find_contacts"}) == []


def test_an_answer_that_looked_nothing_up_gives_way_to_the_router(store, book, llm_env):
    llm_env.push(Reply.text("Everyone loves climbing, especially Bob and Carol."))  # invented, no tools
    a = ask("who is into climbing?", store, settings=Settings(), today=TODAY)
    assert a.via == "router" and "used none of your data" in a.note
    assert a.citations == [book["msg:jonas_climbing"]]


def test_an_unroutable_guess_is_flagged_and_the_cli_exits_non_zero(isolated_home, llm_env, cli):
    from assistant.store import Store

    s = Store(isolated_home / "outreach.sqlite3")
    build_book(s)
    s.close()
    llm_env.push(Reply.text("Here is a poem about your friends."))
    code, out, err = cli("ask", "--today", "2025-03-10", "write a poem about my friends")
    assert code == 1
    assert "without looking anything up" in out and "Here is a poem" in out


def test_raw_tool_call_text_is_never_printed_as_the_answer(store, book, llm_env):
    # a tool call for a tool that does not exist, as text: no usable answer -> the router answers
    llm_env.push(Reply.text('<tool_call>{"name": "search_web", "arguments": {"q": "climbing"}}</tool_call>'))
    a = ask("who is into climbing?", store, settings=Settings(), today=TODAY)
    assert a.via == "router" and "<tool_call>" not in a.text and "no usable answer" in a.note


# --- drafting: JSON, context, deadline ------------------------------------------------------------------------


def test_json_missing_a_brace_is_repaired_and_json_mode_and_max_tokens_are_requested(store, world, llm_env,
                                                                                         monkeypatch):
    monkeypatch.setenv("OUTREACH_DRAFT_LLM_CHECK", "false")
    broken = draft_json(LIWEI_OK, [world["hook:李伟"]])[:-1]  # the closing brace is missing
    llm_env.push(Reply.text(broken))
    d = draft_for(store, world["李伟"], settings=Settings(), today=DRAFT_TODAY)
    assert d.text == LIWEI_OK and d.status == "queued"
    body = llm_env.requests[0]
    assert body["response_format"] == {"type": "json_object"} and 0 < body["max_tokens"] <= 1024


def test_a_server_that_rejects_json_mode_is_asked_again_without_it(store, world, llm_env, monkeypatch):
    monkeypatch.setenv("OUTREACH_DRAFT_LLM_CHECK", "false")
    llm_env.push(Reply.error(400, "Unrecognized request argument supplied: response_format", err_type="invalid_request_error"),
                 Reply.text("Here it is: {'text': '" + LIWEI_OK + "', cited_ids: [" + str(world["hook:李伟"]) + "],}"))
    from assistant.llm import calls

    calls._NO_JSON_MODE.clear()
    d = draft_for(store, world["李伟"], settings=Settings(), today=DRAFT_TODAY)
    assert d.text == LIWEI_OK
    assert "response_format" in llm_env.requests[0] and "response_format" not in llm_env.requests[1]
    calls._NO_JSON_MODE.clear()


def test_a_reply_cut_off_by_the_context_says_so(store, world, llm_env, cli):
    cut = Reply.text('{"text": "好久不见！听说')
    cut.finish_reason = "length"
    llm_env.push(cut)
    with pytest.raises(DraftError, match="the model's context is too small: set OUTREACH_MODEL_CONTEXT"):
        draft_for(store, world["李伟"], settings=Settings(), today=DRAFT_TODAY)
    assert list_drafts(store) == []


def test_a_server_context_overflow_error_says_so(store, world, llm_env):
    llm_env.push(Reply.error(400, "Requested tokens (2100) exceed context window of 2048",
                             err_type="invalid_request_error"))
    with pytest.raises(DraftError, match="context is too small: set OUTREACH_MODEL_CONTEXT"):
        draft_for(store, world["李伟"], settings=Settings(), today=DRAFT_TODAY)


def test_a_small_context_shrinks_the_prompt_or_refuses_up_front(store, world, llm_env, monkeypatch):
    monkeypatch.setenv("OUTREACH_DRAFT_LLM_CHECK", "false")
    monkeypatch.setenv("OUTREACH_MODEL_CONTEXT", "2048")
    llm_env.push(Reply.text(draft_json(LIWEI_OK, [world["hook:李伟"]])))
    d = draft_for(store, world["李伟"], settings=Settings(), today=DRAFT_TODAY)
    assert d.context_tokens <= 2048 - 2 * 500 - 250 < 1800  # the 1800-token default budget did not fit
    monkeypatch.setenv("OUTREACH_MODEL_CONTEXT", "1024")
    with pytest.raises(DraftError, match="context is too small"):
        draft_for(store, world["李伟"], settings=Settings(), today=DRAFT_TODAY)
    assert len(llm_env.requests) == 1  # refused before calling the model


def test_a_slow_model_hits_the_total_deadline_with_a_clear_message(store, world, llm_env, monkeypatch):
    monkeypatch.setenv("OUTREACH_LLM_DEADLINE", "1")
    llm_env.push(Reply.slow(3, Reply.text(draft_json(LIWEI_OK, [world["hook:李伟"]]))))
    with pytest.raises(DraftError, match="OUTREACH_LLM_DEADLINE"):
        draft_for(store, world["李伟"], settings=Settings(), today=DRAFT_TODAY)
    assert list_drafts(store) == []


def test_progress_shows_the_endpoint_and_elapsed_time(store, world, llm_env, monkeypatch):
    from assistant.llm import calls

    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setenv("OUTREACH_DRAFT_LLM_CHECK", "false")
    stream = Tty()
    calls.show_progress(stream)
    try:
        llm_env.push(Reply.slow(0.4, Reply.text(draft_json(LIWEI_OK, [world["hook:李伟"]]))))
        draft_for(store, world["李伟"], settings=Settings(), today=DRAFT_TODAY)
    finally:
        calls.hide_progress()
    shown = stream.getvalue()
    assert f"drafting for 李伟 · 0s · {llm_env.url}" in shown and "Ctrl+C" in shown
    assert shown.endswith("\r\x1b[2K")  # the line is cleared when the call ends


def test_ctrl_c_during_a_model_call_cancels_and_stores_nothing(store, world, llm_env, monkeypatch):
    from assistant.llm import calls

    def interrupt(self, timeout=None):  # Ctrl+C arrives while the caller waits for the reply
        raise KeyboardInterrupt

    llm_env.push(Reply.slow(1, Reply.text(draft_json(LIWEI_OK, [world["hook:李伟"]]))))
    monkeypatch.setattr(calls.threading.Thread, "join", interrupt)
    with pytest.raises(KeyboardInterrupt):
        draft_for(store, world["李伟"], settings=Settings(), today=DRAFT_TODAY)
    monkeypatch.undo()
    assert list_drafts(store) == []


def test_cli_ctrl_c_exits_130_quietly(isolated_home, monkeypatch, cli):
    import assistant.ask.agent as agent

    def interrupted(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(agent, "ask", interrupted)
    code, out, err = cli("ask", "who?")
    assert code == 130 and "interrupted" in err and "Traceback" not in err


def test_when_the_fix_round_fails_the_first_reply_is_kept_held(store, world, llm_env, monkeypatch):
    monkeypatch.setenv("OUTREACH_DRAFT_LLM_CHECK", "false")
    invented = "好久不见！听说你去了 Zugspitze 滑雪，HSBC 那个系统也下线了吧？"
    llm_env.push(Reply.text(draft_json(invented, [world["hook:李伟"]])), Reply.text("Sorry, I cannot do that."))
    d = draft_for(store, world["李伟"], settings=Settings(), today=DRAFT_TODAY)
    assert d.status == "held" and d.text == invented
    assert "Zugspitze" in d.hold_reason and "the rewrite failed" in d.hold_reason
    assert [x.id for x in list_drafts(store)] == [d.id]


# --- LLM checks must quote the draft --------------------------------------------------------------------------


def test_an_ask_verdict_without_evidence_is_ignored_and_logged(store, world, llm_env, caplog):
    llm_env.push(Reply.text(draft_json(LIWEI_OK, [world["hook:李伟"]])),
                 Reply.text(json.dumps({"ask": True, "category": "money", "evidence": "the words that ask"})))
    with caplog.at_level(logging.WARNING, logger="assistant.guardrails"):
        d = draft_for(store, world["李伟"], settings=Settings(), today=DRAFT_TODAY)
    assert d.status == "queued" and d.verdicts["llm_check"].startswith("ignored")
    assert d.verdicts["ignored_verdicts"][0]["evidence"] == "the words that ask"
    assert "not a quote from the draft" in caplog.text


def test_an_ask_verdict_that_quotes_the_draft_holds_it(store, world, llm_env):
    text = "好久不见！HSBC 那个老系统终于下线了。最近有空一起吃个饭吗？"
    llm_env.push(Reply.text(draft_json(text, [world["hook:李伟"]])),
                 Reply.text(json.dumps({"ask": True, "category": "favour", "evidence": "有空一起吃个饭"})),
                 Reply.text(draft_json(text, [world["hook:李伟"]])),
                 Reply.text(json.dumps({"ask": True, "category": "favour", "evidence": "有空一起吃个饭"})))
    d = draft_for(store, world["李伟"], settings=Settings(), today=DRAFT_TODAY)
    assert d.status == "held" and "found by llm" in d.hold_reason


def test_the_judge_never_sees_held_drafts_and_errors_are_not_failed_metrics(llm_env):
    root = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(root))
    from assistant.llm import chat_model
    from evals.drafts import run as ev

    sendable = Reply.text(json.dumps({"verdict": "send_as_is", "failure_modes": [], "why": "great"}))
    llm_env.push(sendable, sendable)
    model = chat_model(Settings())
    scenario = {"contact": {"name": "Li Wei"}, "expect": {"language": "zh"}}
    held = ev.judge_draft(model, scenario, {1: "hi"}, "借我五千块", "informal", status="held",
                          hold_reason="contains an ask (money, found by rules)")
    assert held["verdict"] == "rewrite" and held["by"] == "rule" and llm_env.requests == []
    ok = ev.judge_draft(model, scenario, {1: "hi"}, "最近怎么样？", "informal")
    assert ok["verdict"] == "send_as_is" and ok["by"] == "model"
    cases = [{"id": "a", "language": "zh", "status": "held", "metrics": {"asks_free": False}, "judge": held},
             {"id": "b", "language": "zh", "status": "queued", "metrics": {"asks_free": True}, "judge": ok},
             {"id": "c", "language": "zh", "error": "the model's context is too small", "metrics": {}}]
    s = ev.summarize(cases)
    assert s["errors"] == 1 and s["failed"] == 1 and s["all_pass"] == 0.5 and s["metrics"]["asks_free"] == 0.5
    assert s["judge"]["sendable"] == 0.5 and s["judge"]["held_not_shown"] == 1


def test_the_judge_is_configured_apart_from_the_drafting_model(monkeypatch):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from evals.drafts import run as ev

    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("OUTREACH_CHAT_MODEL", "qwen2.5-0.5b")
    js, same = ev.judge_settings(Settings())
    assert same and js.chat_model == "qwen2.5-0.5b"
    monkeypatch.setenv("OUTREACH_JUDGE_MODEL", "big-judge")
    monkeypatch.setenv("OUTREACH_JUDGE_BASE_URL", "http://127.0.0.1:10/v1")
    js, same = ev.judge_settings(Settings())
    assert not same and js.chat_model == "big-judge" and js.openai_base_url == "http://127.0.0.1:10/v1"
