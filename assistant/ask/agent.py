"""`ask(question)`: answer a question about the user's network, citing messages.

With a model configured (OPENAI_BASE_URL / OPENAI_API_KEY), a tool loop run by the product answers with the
tools in `assistant.ask.tools`: tool calls come in the protocol (requested with tool_choice="auto") or, from
small local models, as text (`<tool_call>` tags, bare JSON). Its citations ([#id]) are checked against the
message ids the tools actually returned; an answer that looked nothing up is flagged and, where the router
knows the question, replaced by the router's answer. Without a model (or with `offline=True`, or when the model
gives no usable answer), the common questions are answered by the deterministic router; anything else gets an
honest "this needs a model".
"""

from __future__ import annotations

import json
import logging
import re
import threading
from dataclasses import dataclass, field
from datetime import UTC, date, tzinfo
from typing import Any

from assistant.ask.router import answer_routed, lang_of, needs_model, route
from assistant.ask.tools import DATA_NOTE, Toolbox, ToolError

log = logging.getLogger("assistant.ask")
_BRACKET = re.compile(r"\[([^\[\]]{1,200})\]")
_ID = re.compile(r"#(\d+)")


@dataclass
class Answer:
    text: str
    via: str  # agent | router | none
    citations: list[int] = field(default_factory=list)  # cited ids that a tool returned this time
    unverified: list[int] = field(default_factory=list)  # cited ids no tool returned (possibly invented)
    tool_calls: list[str] = field(default_factory=list)
    sources: dict[int, dict] = field(default_factory=dict)  # id -> the message as the tools showed it
    note: str = ""  # e.g. why the offline router answered instead of the model
    data: Any = None  # the router's tool result (structured), for UIs
    flagged: bool = False  # the model's answer is not backed by what the tools returned (see note)


def check_citations(text: str, tools: Toolbox) -> tuple[list[int], list[int]]:
    """Citations are [#id] (also [#1, #2]); a bare '#3' elsewhere (a contact id) is not one."""
    cited = list(dict.fromkeys(int(x) for group in _BRACKET.findall(text) for x in _ID.findall(group)))
    ok = [i for i in cited if i in tools.seen]
    return ok, [i for i in cited if i not in tools.seen]


def ask(
    question: str,
    store,
    *,
    settings=None,
    model=None,
    retriever=None,
    today: date | None = None,
    tz: tzinfo = UTC,
    offline: bool = False,
) -> Answer:
    """Answer `question`. `model`: a LangChain chat model (default: built from `settings` when configured)."""
    question = (question or "").strip()
    lang = lang_of(question)
    if not question:
        return Answer("Ask a question, e.g. \"who should I reconnect with this month?\"", "none")
    tools = Toolbox(store, retriever=retriever, tz=tz, today=today)
    note = ""
    if model is None and settings is not None and not offline:
        from assistant.llm import is_configured

        if is_configured(settings):
            from assistant.llm import chat_model

            model = chat_model(settings)
    unchecked: Answer | None = None
    if model is not None and not offline:
        from assistant.llm import LLMError
        from assistant.llm.calls import deadline

        try:
            with deadline(settings):
                answer = run_agent(question, model, tools)
        except LLMError as e:
            note = f"the model could not answer ({e}); answered offline"
        else:
            if answer.tool_calls and (answer.citations or not answer.unverified):
                if not answer.citations:
                    answer.flagged = True
                    answer.note = "this answer cites no message the tools returned: check it"
                return answer
            # an answer that looked nothing up (or cites only what no tool returned) is the model's guess
            answer.flagged = True
            answer.note = ("the model answered without looking anything up in your history: not checked against "
                           "your data" if not answer.tool_calls else
                           "the model cited messages no tool returned: not checked against your data")
            unchecked = answer
            note = "the model's answer used none of your data; answered offline"
        tools = Toolbox(store, retriever=retriever, tz=tz, today=today)
    r = route(question, tools.today)
    if r is None:
        if unchecked is not None:
            return unchecked
        text = needs_model(lang)
        if note:
            text = f"{note}.\n{text}"
        return Answer(text, "none", note=note)
    text, data = answer_routed(r, tools)
    ok, bad = check_citations(text, tools)
    return Answer(text, "router", ok, bad, list(tools.calls), {i: tools.seen[i] for i in ok}, note, data)


# --- the LangChain agent ---------------------------------------------------------------------------------


def langchain_tools(tools: Toolbox) -> list:
    """The toolbox as LangChain tools (JSON results wrapped with the quoted-data note)."""
    from langchain_core.tools import StructuredTool
    from pydantic import BaseModel, Field

    class FindContacts(BaseModel):
        name: str = Field(description="a name, part of a name, or an identity (phone, e-mail, handle)")

    class ContactRef(BaseModel):
        contact: str = Field(description="the contact's name or #id")

    class MessagesWith(BaseModel):
        contact: str = Field(description="the contact's name or #id")
        limit: int = Field(20, description="how many messages (at most 50)")
        since: str | None = Field(None, description="only messages from this date (YYYY, YYYY-MM or YYYY-MM-DD)")
        until: str | None = Field(None, description="only messages up to this date")
        last_conversation: bool = Field(False, description="only the last conversation session")

    class SearchHistory(BaseModel):
        query: str = Field(description="what to look for, in any language")
        contact: str | None = Field(None, description="limit to one contact (name or #id)")
        since: str | None = Field(None, description="from this date (YYYY, YYYY-MM, YYYY-MM-DD)")
        until: str | None = Field(None, description="up to this date")
        k: int = Field(8, description="how many hits (at most 20)")

    class WhoIsInto(BaseModel):
        topic: str = Field(description="an interest or theme, e.g. cycling, Raft, 骑行")

    class Suggest(BaseModel):
        month: str | None = Field(None, description="YYYY-MM; default this month")
        limit: int = Field(10, description="how many people")
        circle: str | None = Field(None, description="inner, close or wider")
        about: str | None = Field(None, description="the user's news (text): who would care about it")

    class NotTalkedSince(BaseModel):
        since: str = Field(description="a date: YYYY, YYYY-MM or YYYY-MM-DD")
        circle: str | None = Field(None, description="inner, close or wider")

    lock = threading.Lock()  # the agent may run several tool calls at once; they share one SQLite connection

    def wrap(fn):
        def run(**kwargs):
            try:
                with lock:
                    result = fn(**kwargs)
            except ToolError as e:
                result = {"error": str(e)}
            return json.dumps({"note": DATA_NOTE, "result": result}, ensure_ascii=False, default=str)

        return run

    spec = [
        ("find_contacts", tools.find_contacts, FindContacts, "Find contacts by name or identity."),
        ("last_interaction", tools.last_interaction, ContactRef,
         "When the user last talked with a contact (any channel, either direction), with the messages."),
        ("messages_with", tools.messages_with, MessagesWith,
         "Messages with one contact, newest last, optionally only the last conversation or a date range."),
        ("search_history", tools.search_history, SearchHistory,
         "Search the message history by meaning and words; each hit cites message ids."),
        ("who_is_into", tools.who_is_into, WhoIsInto,
         "People into a topic: interests set on them or shown in their messages, with evidence messages."),
        ("suggest", tools.suggest, Suggest,
         ("Who to reconnect with this month (or a given month), with reasons and a cited talking point; with "
          "`about`, who would care about the user's news.")),
        ("not_talked_since", tools.not_talked_since, NotTalkedSince,
         "Contacts the user has not talked to since a date."),
    ]
    return [StructuredTool.from_function(func=wrap(fn), name=name, description=desc, args_schema=schema)
            for name, fn, schema, desc in spec]


# Tool calls that small local models write as text instead of the protocol's tool_calls field.
_TOOL_CALL_TAG = re.compile(r"<tool_call>\s*(.*?)\s*(?:</tool_call>|$)", re.S)
_FENCED = re.compile(r"```(?:json|tool_call)?\s*(.*?)```", re.S)


def text_tool_calls(text: str, known: set[str]) -> list[dict]:
    """Tool calls written as text: Qwen/Hermes `<tool_call>{"name": ..., "arguments": {...}}</tool_call>`, or
    bare JSON (an object or a list; `arguments` or `parameters`, also as a JSON string; OpenAI's
    {"function": {...}} shape). Only calls of known tools count. Returns LangChain tool-call dicts."""
    from assistant.llm.jsonfix import loads_object

    text = (text or "").strip()
    chunks = _TOOL_CALL_TAG.findall(text) or _FENCED.findall(text) or [text]
    calls = []
    for chunk in chunks:
        chunk = chunk.strip()
        items: list = []
        if chunk.startswith("["):
            try:
                items = json.loads(chunk)
            except ValueError:
                items = []
        else:
            obj = loads_object(chunk) if chunk.startswith("{") else None
            items = [obj] if obj else []
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, dict):
                continue
            item = item.get("function") if isinstance(item.get("function"), dict) else item
            name = item.get("name")
            args = item.get("arguments", item.get("parameters", {}))
            if isinstance(args, str):
                args = loads_object(args) or {}
            if name in known and isinstance(args, dict):
                calls.append({"name": name, "args": args, "id": f"text_call_{len(calls)}", "type": "tool_call"})
    return calls


MAX_TOOL_ROUNDS = 8
AGENT_MAX_TOKENS = 800


def run_agent(question: str, model, tools: Toolbox) -> Answer:
    """One agent run: the product runs the tool loop itself, so it works with servers that return tool calls
    in the protocol (sent with tool_choice="auto") and with models that write them as text. Raises LLMError
    (with a plain-words reason) when the model call fails or gives no usable answer."""
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage

    from assistant.llm import LLMError, describe_error, load_prompt
    from assistant.llm.calls import invoke, text_of

    system = load_prompt("ask_system", today=tools.today.isoformat(), timezone=str(tools.tz))
    lc_tools = langchain_tools(tools)
    by_name = {t.name: t for t in lc_tools}
    bound = model.bind_tools(lc_tools, tool_choice="auto")
    messages: list = [SystemMessage(system), HumanMessage(question)]
    names: list[str] = []
    text = ""
    for _ in range(MAX_TOOL_ROUNDS):
        try:
            try:
                reply = invoke(bound, messages, label="answering the question", max_tokens=AGENT_MAX_TOKENS)
            except Exception as e:  # a server that does not take tool_choice: ask again without it
                if getattr(e, "status_code", None) not in (400, 422) or "tool_choice" not in str(e):
                    raise
                bound = model.bind_tools(lc_tools)
                reply = invoke(bound, messages, label="answering the question", max_tokens=AGENT_MAX_TOKENS)
        except KeyboardInterrupt:
            raise
        except Exception as e:  # network, protocol, cut-off reply, deadline
            raise LLMError(describe_error(e)) from e
        text = text_of(reply)
        calls = list(getattr(reply, "tool_calls", None) or [])
        if not calls:
            calls = text_tool_calls(text, set(by_name))
            if calls:
                log.info("the model wrote %d tool call(s) as text; running them", len(calls))
        if not calls:
            break
        # Sent back with non-empty content: llama-cpp-python's server rejects an assistant turn whose content is
        # null (what the client sends for an empty one), even when it carries tool calls.
        reply = AIMessage(content=text or " ", tool_calls=calls)
        messages.append(reply)
        for c in calls:
            tool = by_name.get(c["name"])
            if tool is None:
                result = json.dumps({"error": f"no tool named {c['name']!r}"})
            else:
                try:
                    result = tool.invoke(c.get("args") or {})
                except Exception as e:  # arguments that do not fit the tool's schema
                    result = json.dumps({"error": f"bad arguments for {c['name']}: {str(e)[:200]}"})
            names.append(c["name"])
            messages.append(ToolMessage(result, tool_call_id=c.get("id") or c["name"]))
    else:
        raise LLMError("the model kept calling tools without answering")
    text = text.strip()
    if not text or _TOOL_CALL_TAG.search(text):
        raise LLMError("the model gave no usable answer")
    ok, bad = check_citations(text, tools)
    return Answer(text, "agent", ok, bad, names, {i: tools.seen[i] for i in ok})
