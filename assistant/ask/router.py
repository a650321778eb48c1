"""The deterministic router: the common questions, in English and Chinese, answered without a model.

`route(question, today)` recognises a question (regular expressions) and returns the tool call it needs;
`answer_routed()` runs it and writes the answer from templates, citing message ids as [#id]. Anything else
gets an honest "this needs a model".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from assistant.ask.tools import Toolbox, ToolError
from assistant.text.scripts import HAN

_CJK = re.compile(f"[{HAN}]")

_EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december")


@dataclass
class Route:
    intent: str  # reconnect | about | interest | last_topic | last_when | since
    args: dict = field(default_factory=dict)
    lang: str = "en"


def lang_of(text: str) -> str:
    return "zh" if _CJK.search(text) else "en"


def _clean_name(name: str) -> str:
    name = name.strip().strip("\"'“”‘’「」?？.。!！,，")
    name = re.sub(r"^(?:my\s+friend\s+|my\s+)", "", name, flags=re.IGNORECASE)
    return name.strip()


_NEWS = re.compile(
    r"^(?:my|our|a|the|this|that)\s+(?:new\s+|latest\s+|recent\s+)?(?:blog\s+)?(?:post|article|essay|talk|paper|"
    r"project(?:\s+update)?|news|update|video|podcast|thread|piece)\s+(?:on|about|regarding|re)\s+", re.IGNORECASE)
_ZH_NEWS = re.compile(r"^(?:我|我们)?(?:的)?(?:新|最近的)?(?:那篇|这篇|一篇)?(?:关于)?")
_ZH_NEWS_TAIL = re.compile(r"的?(?:文章|博客|帖子|项目|消息|新闻|视频|更新)$")


def _clean_topic(topic: str) -> str:
    t = topic.strip().strip("\"'“”‘’「」")
    t = _NEWS.sub("", t)
    if _CJK.search(t):
        t = _ZH_NEWS_TAIL.sub("", _ZH_NEWS.sub("", t)) or t
    return t.strip()


def _month_arg(text: str, today: date) -> str | None:
    """'next month', 'in March', '2025-04', '下个月', '3月' -> 'YYYY-MM'; None: this month."""
    t = text.lower()
    if re.search(r"next month|下个?月", t):
        y, m = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
        return f"{y:04d}-{m:02d}"
    m = re.search(r"\b(\d{4})-(\d{2})\b", t)
    if m:
        return f"{m.group(1)}-{m.group(2)}"
    m = re.search(r"\bin\s+(" + "|".join(_EN_MONTHS) + r"|" + "|".join(x[:3] for x in _EN_MONTHS) + r")\b", t)
    if m:
        name = m.group(1)
        month = next(i for i, x in enumerate(_EN_MONTHS, 1) if x.startswith(name))
    else:
        m = re.search(r"(?<![\d年])(\d{1,2})\s*月(?:份)?", t)
        if not m or re.search(r"(这个|本)月", t):
            return None
        month = int(m.group(1))
        if not 1 <= month <= 12:
            return None
    year = today.year + (1 if month < today.month else 0)
    if month == today.month:
        return None
    return f"{year:04d}-{month:02d}"


# --- English ------------------------------------------------------------------------------------------------

_EN = [
    ("about", re.compile(
        r"\bwho\b.*?\b(?:would|might|will|could)\b.*?\b(?:care|be interested|want to (?:hear|know|read)|like to "
        r"(?:hear|know|read)|enjoy|appreciate)\b\s*(?:about|in|to hear about|to read)?\s+(?P<topic>.+?)[?.!]*$", re.IGNORECASE)),
    ("last_topic", re.compile(
        r"\bwhat\s+(?:did|have)\s+(?:i|we)\s+(?:last\s+)?(?:talk(?:ed)?|chat(?:ted)?|speak|spoke|discuss(?:ed)?)"
        r"\s+(?:about\s+)?with\s+(?P<name>.+?)(?:\s+(?:about|last(?:\s+time)?|the last time|recently))*\s*[?.!]*$",
        re.IGNORECASE)),
    ("last_topic", re.compile(
        r"\bwhat\s+(?:was|were)\s+(?:my|our|the)\s+last\s+(?:conversation|chat|talk|exchange)s?\s+with\s+"
        r"(?P<name>.+?)(?:\s+about)?\s*[?.!]*$", re.IGNORECASE)),
    ("last_when", re.compile(
        r"\bwhen\s+did\s+(?:i|we)\s+last\s+(?:talk|speak|chat|write|message|text|call|hear|contact|see)"
        r"(?:\s+(?:to|with|from))?\s+(?P<name>.+?)\s*[?.!]*$", re.IGNORECASE)),
    ("last_when", re.compile(
        r"\bwhen\s+(?:was|is)\s+the\s+last\s+time\s+(?:i|we)\s+(?:talked|spoke|chatted|wrote|messaged|texted|"
        r"called|heard|contacted)(?:\s+(?:to|with|from))?\s+(?P<name>.+?)\s*[?.!]*$", re.IGNORECASE)),
    ("since", re.compile(
        r"\bwho\s+(?:haven't|have\s+not|havent|didn't|did\s+not)\s+i\s+(?:talked|spoken|chatted|been\s+in\s+touch|"
        r"contacted|messaged|heard\s+from)(?:\s+(?:to|with|from))?\s+since\s+(?P<since>.+?)\s*[?.!]*$", re.IGNORECASE)),
    ("since", re.compile(
        r"\bwho\s+have\s+i\s+not\s+(?:talked|spoken|chatted|been\s+in\s+touch|contacted|messaged)"
        r"(?:\s+(?:to|with))?\s+since\s+(?P<since>.+?)\s*[?.!]*$", re.IGNORECASE)),
    ("interest", re.compile(
        r"\bwho(?:'s|\s+is|\s+are|\s+else\s+is)?\s+(?:into|interested\s+in|a\s+fan\s+of|fans?\s+of|passionate\s+about|"
        r"keen\s+on|crazy\s+about)\s+(?P<topic>.+?)\s*[?.!]*$", re.IGNORECASE)),
    ("interest", re.compile(
        r"\bwho\s+(?:likes|loves|enjoys|plays|does|goes)\s+(?P<topic>.+?)\s*[?.!]*$", re.IGNORECASE)),
    ("reconnect", re.compile(
        r"\bwho\b.*\b(?:reconnect|reach\s+out|catch\s+up|get\s+in\s+touch|keep\s+in\s+touch|contact|message|"
        r"write\s+to|call|check\s+in|ping)\b", re.IGNORECASE)),
]

# --- Chinese ------------------------------------------------------------------------------------------------

_ZH = [
    ("about", re.compile(r"谁(?:会|可能会?)(?:对|关心|在意)(?P<topic>.+?)(?:感兴趣|有兴趣|关心|在意)?[？?。！!]*$")),
    ("last_topic", re.compile(
        r"(?:我|我们)?(?:上次|上一次|最后一次|最近一次)?(?:和|跟|与)(?P<name>.+?)(?:上次|上一次|最后一次|最近一次)?"
        r"(?:都)?(?:聊|谈|说)了?(?:些)?(?:什么|啥)")),
    ("last_when", re.compile(
        r"(?:我|我们)?(?:上次|上一次|最后一次|最近一次)(?:和|跟|与)(?P<name>.+?)(?:聊天|聊|联系|说话|通话|见面)"
        r"(?:是|在)?(?:什么时候|哪天|何时|几时)")),
    ("last_when", re.compile(
        r"(?:我|我们)?(?:什么时候|何时|哪天)(?:最后一次|上次)?(?:和|跟|与)(?P<name>.+?)(?:聊过|联系过|说过话|聊天|联系)")),
    ("since", re.compile(
        r"(?:自从?|从)?(?P<since>\d{4}\s*年(?:\s*\d{1,2}\s*月)?)(?:以来|以后|之后|起|开始)?.*?(?:没|没有|未)"
        r"(?:再)?(?:和|跟|与)?.*?(?:聊|联系|说话|通话)")),
    ("interest", re.compile(r"谁(?:喜欢|爱好|热爱|爱|在玩|玩|练|懂)(?P<topic>.+?)[？?。！!]*$")),
    ("interest", re.compile(r"谁对(?P<topic>.+?)(?:感兴趣|有兴趣|着迷)[？?。！!]*$")),
    ("interest", re.compile(r"(?:哪些人|哪位|谁)(?:也)?(?:喜欢|爱)(?P<topic>.+?)[？?。！!]*$")),
    ("reconnect", re.compile(r"(?:联系|联络|问候|叙旧|聊聊|重新联系|找谁|约谁|谁.*(?:联系|联络|问候|叙旧|聊聊))")),
]


def route(question: str, today: date | None = None) -> Route | None:
    """The route for a common question, or None when it needs a model."""
    q = " ".join((question or "").split())
    if not q:
        return None
    today = today or date.today()
    lang = lang_of(q)
    for intent, pattern in (_ZH if lang == "zh" else _EN) + (_EN if lang == "zh" else []):
        m = pattern.search(q)
        if not m:
            continue
        groups = {k: v for k, v in m.groupdict().items() if v}
        if intent in ("last_topic", "last_when"):
            name = _clean_name(groups.get("name", ""))
            if not name:
                continue
            return Route(intent, {"name": name}, lang)
        if intent in ("interest", "about"):
            topic = _clean_topic(groups.get("topic", ""))
            if not topic:
                continue
            return Route(intent, {"topic": topic}, lang)
        if intent == "since":
            since = groups["since"].strip()
            return Route(intent, {"since": since.replace(" ", "") if _CJK.search(since) else since}, lang)
        if intent == "reconnect":
            args = {}
            month = _month_arg(q, today)
            if month:
                args["month"] = month
            circle = re.search(r"\b(inner|close|wider)\b", q, re.IGNORECASE)
            if circle:
                args["circle"] = circle.group(1).lower()
            return Route(intent, args, lang)
    return None


# --- answers ------------------------------------------------------------------------------------------------


def _cite(msg: dict | None) -> str:
    return f"[#{msg['id']}]" if msg else ""


def _said(msg: dict, lang: str) -> str:
    who = msg["from"]
    if lang == "zh":
        who = "你" if who == "me" else who
        return f"{msg['date']}（{msg['channel']}）{who}：“{msg['text']}” {_cite(msg)}"
    who = "you" if who == "me" else who
    return f"{msg['date']} ({msg['channel']}) {who}: “{msg['text']}” {_cite(msg)}"


def answer_routed(r: Route, tools: Toolbox) -> tuple[str, dict]:
    """Run the route's tool and write the answer. Returns (text, the tool's result)."""
    zh = r.lang == "zh"
    try:
        if r.intent in ("reconnect", "about"):
            data = tools.suggest(month=r.args.get("month"), circle=r.args.get("circle"),
                                 about=r.args.get("topic"), lang=r.lang)
            return _answer_suggest(data, r), data
        if r.intent == "interest":
            data = tools.who_is_into(r.args["topic"])
            return _answer_interest(data, r), data
        if r.intent == "last_when":
            data = tools.last_interaction(r.args["name"])
            return _answer_last_when(data, r), data
        if r.intent == "last_topic":
            data = tools.messages_with(r.args["name"], limit=8, last_conversation=True)
            return _answer_last_topic(data, r), data
        if r.intent == "since":
            data = tools.not_talked_since(r.args["since"])
            return _answer_since(data, r), data
    except ToolError as e:
        return (f"没法回答：{e}" if zh else f"I couldn't answer that: {e}"), {"error": str(e)}
    raise ValueError(f"unknown intent {r.intent}")


def _answer_suggest(data: dict, r: Route) -> str:
    zh = r.lang == "zh"
    s = data["suggestions"]
    start, end = data["window"]
    if not s:
        if r.intent == "about":
            return "没有找到聊过相关话题的人。" if zh else "Nobody in your history talked about anything close to that."
        if not data.get("n_contacts", 1):
            return ("还没有联系人：先用 `outreach import PATH` 导入你的聊天记录。" if zh else
                    "No contacts yet: import your exports with `outreach import PATH` (or try `outreach demo`).")
        if not data.get("n_messages", 1):
            return ("还没有聊天记录（只有联系人）：用 `outreach import PATH` 导入聊天或邮件。" if zh else
                    "No conversations yet (only contacts): import chat or e-mail exports with `outreach import PATH`.")
        return (f"{start} 到 {end} 之间没有需要特别联系的人——大家最近都联系过。" if zh else
                f"No one needs a nudge between {start} and {end}: you've been in touch with everyone on your list.")
    if r.intent == "about":
        head = "可能会关心这件事的人：" if zh else "People who would likely care:"
    else:
        head = (f"{start} 到 {end} 值得联系的人：" if zh else f"Worth reconnecting with ({start} to {end}):")
    lines = [head]
    for i, x in enumerate(s, 1):
        lines.append(f"{i}. {x['name']} — {'；'.join(x['reasons']) if zh else '; '.join(x['reasons'])}")
        if x.get("hook"):
            ids = " ".join(f"[#{m['id']}]" for m in x.get("messages", []))
            lines.append(f"   {'话题' if zh else 'Talk about'}: {x['hook']} {ids}".rstrip())
    if data.get("held_back"):
        held = ", ".join(f"{h['name']} ({h['why']})" for h in data["held_back"][:5])
        lines.append(("暂缓：" if zh else "Held back: ") + held)
    return "\n".join(lines)


def _answer_interest(data: dict, r: Route) -> str:
    zh = r.lang == "zh"
    people = data["people"]
    if not people:
        return (f"在你的联系人和聊天记录里没有找到和“{data['topic']}”相关的人。" if zh else
                f"I found nobody into “{data['topic']}” in your contacts or history.")
    lines = [f"和“{data['topic']}”有关的人：" if zh else f"People into {data['topic']}:"]
    for p in people:
        why = []
        if p["interests"]:
            why.append(("兴趣：" if zh else "interests: ") + ", ".join(p["interests"]))
        ev = p["evidence"][:2]
        line = f"- {p['name']}" + (f" ({'; '.join(why)})" if why else "")
        lines.append(line)
        for m in ev:
            lines.append(f"    {_said(m, r.lang)}")
    return "\n".join(lines)


def _answer_last_when(data: dict, r: Route) -> str:
    zh = r.lang == "zh"
    name = data["name"]
    last = data.get("last")
    if not last and not data.get("marked_sent"):
        return f"你和 {name} 还没有聊天记录。" if zh else f"You have no conversations with {name} on record."
    parts = []
    if last:
        parts.append((f"你最后一次和 {name} 联系是在 {last['date']}（{last['channel']}）：" if zh else
                      f"You last talked with {name} on {last['date']} ({last['channel']}): ")
                     + f"“{last['text']}” {_cite(last)}")
    if data.get("marked_sent"):
        parts.append(f"你在 {data['marked_sent']} 标记过给 TA 发了消息。" if zh else
                     f"You marked a message to them as sent on {data['marked_sent']}.")
    them, me = data.get("last_from_them"), data.get("last_from_me")
    if them and (not last or them["id"] != last["id"]):
        parts.append((f"TA 最后一次给你发消息是 {them['date']} " if zh else f"Their last message to you: {them['date']} ")
                     + _cite(them))
    if me and (not last or me["id"] != last["id"]):
        parts.append((f"你最后一次给 TA 发消息是 {me['date']} " if zh else f"Your last message to them: {me['date']} ")
                     + _cite(me))
    return "\n".join(parts)


def _answer_last_topic(data: dict, r: Route) -> str:
    zh = r.lang == "zh"
    msgs = data["messages"]
    name = data["name"]
    if not msgs:
        return f"你和 {name} 还没有聊天记录。" if zh else f"You have no conversations with {name} on record."
    head = (f"你和 {name} 最近一次聊天（{msgs[0]['date']}）：" if zh else
            f"Your last conversation with {name} ({msgs[0]['date']}):")
    lines = [head] + [f"  {_said(m, r.lang)}" for m in msgs]
    if data.get("topics"):
        lines.append(("常聊的话题：" if zh else "Topics you often share: ") + ", ".join(data["topics"]))
    return "\n".join(lines)


def _answer_since(data: dict, r: Route) -> str:
    zh = r.lang == "zh"
    people = data["contacts"]
    if not people:
        return f"自 {data['since']} 以来你和每个人都联系过。" if zh else f"You've been in touch with everyone since {data['since']}."
    head = (f"自 {data['since']} 以来没有联系过的人（共 {data['total']} 位）：" if zh else
            f"Not talked to since {data['since']} ({data['total']} people):")
    lines = [head]
    for p in people:
        last = p.get("last")
        lines.append(f"- {p['name']} ({p['circle']}) — {'最后联系' if zh else 'last'} {p['last_talked']} {_cite(last)}".rstrip())
    if data["total"] > len(people):
        lines.append(f"…还有 {data['total'] - len(people)} 位" if zh else f"…and {data['total'] - len(people)} more")
    return "\n".join(lines)


def needs_model(lang: str = "en") -> str:
    if lang == "zh":
        return ("这个问题需要语言模型才能回答（请设置 OPENAI_BASE_URL，以及需要时的 OPENAI_API_KEY 和 "
                "OUTREACH_CHAT_MODEL）。不需要模型也能回答的问题例如：“这个月我应该联系谁？”、“谁喜欢骑行？”、"
                "“我上次和李伟聊了什么？”、“我上次和 Anna 聊天是什么时候？”、“2023年以后我没和谁聊过？”")
    return ("This question needs a language model (set OPENAI_BASE_URL, and OPENAI_API_KEY / OUTREACH_CHAT_MODEL "
            "if your server needs them). Without one I can answer e.g. \"who should I reconnect with this month\", "
            "\"who is into cycling\", \"what did I last talk about with Li Wei\", \"when did I last talk to Anna\", "
            "\"who haven't I talked to since 2023\", \"who would care about my post on Raft\".")
