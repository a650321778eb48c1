"""The chat-model factory against a real OpenAI-protocol server on 127.0.0.1 (tests/support/openai_server.py)."""

import time

import openai
import pytest

from assistant.config import Settings
from assistant.llm import (
    LLMNotConfigured,
    PromptError,
    chat_model,
    describe_error,
    is_configured,
    load_prompt,
)
from tests.support.openai_server import Reply


def test_nothing_configured_is_a_clear_error():
    settings = Settings()
    assert not is_configured(settings)
    with pytest.raises(LLMNotConfigured, match="OPENAI_BASE_URL"):
        chat_model(settings)


def test_settings_reach_the_server(llm_env, monkeypatch):
    monkeypatch.setenv("OUTREACH_LLM_TEMPERATURE", "0.7")
    llm_env.push(Reply.text("Hallo Anna!"))
    model = chat_model(Settings())
    assert model.invoke("Say hello to Anna").content == "Hallo Anna!"
    body = llm_env.requests[0]
    assert body["model"] == "scripted-model"
    assert body["temperature"] == 0.7
    assert body["messages"][-1] == {"role": "user", "content": "Say hello to Anna"}
    assert llm_env.headers[0]["authorization"] == "Bearer sk-test-not-a-secret"
    assert llm_env.paths == ["/v1/chat/completions"]


def test_a_server_without_a_key_gets_a_placeholder(openai_server, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", openai_server.url)
    openai_server.push(Reply.text("ok"))
    assert chat_model(Settings()).invoke("hi").content == "ok"
    assert openai_server.headers[0]["authorization"] == "Bearer not-needed"


def test_streaming_arrives_in_pieces(llm_env):
    llm_env.push(Reply.text("Lange nicht gesehen — wie war Frankenjura?"))
    chunks = [c.content for c in chat_model(Settings(), streaming=True).stream("draft")]
    assert "".join(chunks) == "Lange nicht gesehen — wie war Frankenjura?"
    assert len([c for c in chunks if c]) >= 3
    assert llm_env.requests[0]["stream"] is True


@pytest.mark.parametrize("streaming", [False, True])
def test_tool_calls_are_parsed(llm_env, streaming):
    from langchain_core.tools import tool

    @tool
    def last_interaction(contact: str) -> str:
        """When the user last talked with a contact."""
        return "never"

    llm_env.push(Reply.tool_call("last_interaction", {"contact": "李伟"}, call_id="call_1"))
    model = chat_model(Settings(), streaming=streaming).bind_tools([last_interaction])
    if streaming:
        msg = None
        for chunk in model.stream("when did I last talk to 李伟"):
            msg = chunk if msg is None else msg + chunk
    else:
        msg = model.invoke("when did I last talk to 李伟")
    assert msg.tool_calls == [{"name": "last_interaction", "args": {"contact": "李伟"}, "id": "call_1",
                               "type": "tool_call"}]
    sent_tools = llm_env.requests[0]["tools"]
    assert sent_tools[0]["function"]["name"] == "last_interaction"


def test_rate_limit_is_retried_with_backoff(llm_env, monkeypatch):
    monkeypatch.setenv("OUTREACH_LLM_MAX_RETRIES", "2")
    llm_env.push(Reply.rate_limited(10), Reply.error(500, "overloaded", headers={"retry-after-ms": "10"}),
                 Reply.text("third time lucky"))
    assert chat_model(Settings()).invoke("hi").content == "third time lucky"
    assert len(llm_env.requests) == 3


@pytest.mark.parametrize(
    "reply, error, words",
    [
        (Reply.error(500, "boom"), openai.InternalServerError, "(500)"),
        (Reply.rate_limited(10), openai.RateLimitError, "rate-limiting"),
        (Reply.error(401, "bad key", err_type="invalid_api_key"), openai.AuthenticationError, "OPENAI_API_KEY"),
        (Reply.error(404, "no such model"), openai.NotFoundError, "OUTREACH_CHAT_MODEL"),
    ],
)
def test_http_errors_surface_as_plain_words(llm_env, reply, error, words):
    llm_env.push(reply)
    with pytest.raises(error) as exc:
        chat_model(Settings()).invoke("hi")
    message = describe_error(exc.value)
    assert words in message and "sk-test" not in message


def test_malformed_json_is_reported(llm_env):
    llm_env.push(Reply.malformed())
    with pytest.raises(Exception) as exc:
        chat_model(Settings()).invoke("hi")
    assert "not valid OpenAI-protocol JSON" in describe_error(exc.value)


def test_a_slow_server_times_out(llm_env, monkeypatch):
    monkeypatch.setenv("OUTREACH_LLM_TIMEOUT", "0.3")
    llm_env.push(Reply.slow(2.0))
    t = time.perf_counter()
    with pytest.raises(openai.APITimeoutError) as exc:
        chat_model(Settings()).invoke("hi")
    assert time.perf_counter() - t < 1.8
    assert "did not answer in time" in describe_error(exc.value)


def test_nobody_listening_is_a_connection_error(monkeypatch):
    import socket

    with socket.socket() as s:  # a free port with nothing behind it
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{port}/v1")
    monkeypatch.setenv("OUTREACH_LLM_MAX_RETRIES", "0")
    with pytest.raises(openai.APIConnectionError) as exc:
        chat_model(Settings()).invoke("hi")
    assert "cannot reach" in describe_error(exc.value)


def test_the_server_records_and_never_hangs_without_a_script(llm_env):
    with pytest.raises(openai.InternalServerError):
        chat_model(Settings()).invoke("hi")
    assert llm_env.unanswered == 1 and len(llm_env.requests) == 1


def test_prompt_files_fail_loudly(tmp_path):
    (tmp_path / "p.md").write_text("Today is $today for ${who}; costs $$5.", encoding="utf-8")
    assert load_prompt("p", tmp_path, today="2025-03-10", who="Alex") == "Today is 2025-03-10 for Alex; costs $5."
    with pytest.raises(PromptError, match=r"no value for \$who"):
        load_prompt("p", tmp_path, today="x")
    with pytest.raises(PromptError, match=r"has no \$extra"):
        load_prompt("p", tmp_path, today="x", who="y", extra="z")
    with pytest.raises(PromptError, match="not found"):
        load_prompt("missing", tmp_path)
    assert "$today" not in load_prompt("ask_system", today="2025-03-10", timezone="UTC")


def test_front_end_modules_import_no_heavy_library():
    import subprocess
    import sys

    code = ("import sys, assistant.cli, assistant.ranking, assistant.ask.agent, assistant.llm, assistant.services; "
            "heavy = [m for m in ('langchain', 'langchain_openai', 'langchain_core', 'openai', 'chromadb') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
