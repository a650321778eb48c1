"""`ask(question)`: answer a question about the user's network, citing messages.

With a model configured (OPENAI_BASE_URL / OPENAI_API_KEY), a LangChain tool-calling agent (`create_agent`)
answers with the tools in `assistant.ask.tools`; its citations ([#id]) are checked against the message ids
the tools actually returned. Without one (or with `offline=True`, or when the model call fails), the common
questions are answered by the deterministic router; anything else gets an honest "this needs a model".
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from datetime import UTC, date, tzinfo
from typing import Any

from assistant.ask.router import answer_routed, lang_of, needs_model, route
from assistant.ask.tools import DATA_NOTE, Toolbox, ToolError

RECURSION_LIMIT = 24  # graph steps: about ten tool rounds
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
    if model is not None and not offline:
        from assistant.llm import LLMError

        try:
            return run_agent(question, model, tools)
        except LLMError as e:
            note = f"the model could not answer ({e}); answered offline"
            tools = Toolbox(store, retriever=retriever, tz=tz, today=today)
    r = route(question, tools.today)
    if r is None:
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


def run_agent(question: str, model, tools: Toolbox) -> Answer:
    """One agent run; raises LLMError (with a plain-words reason) when the model call fails."""
    from langchain.agents import create_agent

    from assistant.llm import LLMError, describe_error, load_prompt

    system = load_prompt("ask_system", today=tools.today.isoformat(), timezone=str(tools.tz))
    agent = create_agent(model, langchain_tools(tools), system_prompt=system)
    try:
        state = agent.invoke({"messages": [{"role": "user", "content": question}]},
                             config={"recursion_limit": RECURSION_LIMIT})
    except Exception as e:  # network, protocol, or a model that never stops calling tools
        if type(e).__name__ == "GraphRecursionError":
            raise LLMError("the model kept calling tools without answering") from e
        raise LLMError(describe_error(e)) from e
    final = state["messages"][-1]
    text = final.content if isinstance(final.content, str) else "".join(
        p.get("text", "") for p in final.content if isinstance(p, dict))
    names = [c["name"] for m in state["messages"] for c in (getattr(m, "tool_calls", None) or [])]
    ok, bad = check_citations(text, tools)
    return Answer(text.strip(), "agent", ok, bad, names, {i: tools.seen[i] for i in ok})
