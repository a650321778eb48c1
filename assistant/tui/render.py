"""Rich renderables for the screens: pure functions of the data, no Textual, no I/O. User data (names, message
text) is always appended as plain text, never parsed as markup."""

from __future__ import annotations

import json
import re

from rich.console import Group
from rich.padding import Padding
from rich.text import Text

STATUS_GLYPH = {"queued": "●", "held": "!", "snoozed": "z"}
LANGS = {"zh": "中文", "en": "English", "de": "Deutsch", "fr": "français", "ar": "العربية", "hi": "हिन्दी",
         "es": "español", "ja": "日本語", "pt": "português"}


def clip(text: str, n: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def draft_head(d) -> Text:
    t = Text()
    t.append(d.contact_name or f"#{d.contact_id}", style="bold")
    t.append(f"  draft #{d.id}", style="dim")
    t.append("  ")
    if d.status == "held":
        t.append(" held ", style="bold white on red")
    else:
        t.append(" ready ", style="bold black on green")
    meta = [LANGS.get(d.language, d.language)]
    if d.register:
        meta.append(d.register)
    meta.append(d.label)
    if d.outcome == "needs_fill":
        meta.append("needs a detail from you")
    if d.instruction:
        meta.append(f"asked: {d.instruction}")
    if d.text != d.original_text:
        meta.append("edited")
    t.append("\n" + " · ".join(meta), style="dim")
    return t


def draft_context(d, history) -> Group:
    """Why now, the talking point, the cited history with dates, the guardrail verdicts."""
    parts: list = []
    if d.hold_reason:
        parts.append(Text.assemble(("Held: ", "bold red"), d.hold_reason))
        parts.append(Text(""))
    parts.append(Text("Why now", style="bold"))
    for reason in [r for r in re.split(r";\s+", d.why_now or "") if r.strip()] or ["(no reason recorded)"]:
        parts.append(Text("  • " + reason))
    hook = d.hook or {}
    point = hook.get("description") or hook.get("topic") or ""
    if point:
        parts.append(Text(""))
        parts.append(Text("Talking point", style="bold"))
        parts.append(Text("  " + clip(point, 200)))
    parts.append(Text(""))
    parts.append(Text("From your history", style="bold"))
    if not history:
        parts.append(Text("  (cites no message)", style="dim"))
    for h in history:
        line = Text("  ")
        line.append(h.day, style="cyan")
        line.append(f"  {h.channel}" + (f" · {h.group}" if h.group else ""), style="dim")
        line.append(f"  #{h.id}", style="dim")
        parts.append(line)
        parts.append(Padding(Text.assemble((h.who + ": ", "bold"), clip(h.text, 240)), (0, 0, 0, 4)))
    parts.append(Text(""))
    parts.append(Text("Checks", style="bold"))
    parts.append(verdicts_text(d))
    if d.rationale:
        parts.append(Text(""))
        parts.append(Text.assemble(("Rationale  ", "bold"), (d.rationale, "dim")))
    return Group(*parts)


def verdicts_text(d):
    v = d.verdicts or {}
    t = Text("  ")

    def mark(ok: bool, label: str) -> None:
        t.append("✓ " if ok else "✗ ", style="green" if ok else "bold red")
        t.append(label + "   ")

    asks = v.get("asks") or []
    mark(not asks, "no asks" if not asks else f"{len(asks)} ask(s): " + ", ".join(
        clip(str(a.get("evidence", "")), 30) for a in asks[:2]))
    g = v.get("grounding") or {}
    if g:
        problems = len(g.get("invented_ids") or []) + len(g.get("unsupported") or [])
        mark(bool(g.get("ok", True)), "grounded in the history" if g.get("ok", True) else f"{problems} unsupported claim(s)")
        if g.get("placeholders"):
            mark(False, "placeholder to fill: " + ", ".join(map(str, g["placeholders"][:3])))
    if "language_ok" in v:
        mark(bool(v.get("language_ok")), f"language {v.get('detected_language') or '?'}")
    if v.get("echoes_injection"):
        mark(False, "echoes an instruction found in the history")
    llm = v.get("llm_check", "off")
    t.append(f"model check: {llm if isinstance(llm, str) else json.dumps(llm)[:40]}", style="dim")
    profile = v.get("language_profile")
    if profile:
        return Group(t, Padding(Text(clip(profile, 200), style="dim"), (0, 0, 0, 2)))
    return t


def contact_profile(c) -> Group:
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")

    def row(label: str, value: str) -> None:
        grid.add_row(label, Text(value or "-"))

    row("circle", c.circle)
    row("cadence", c.cadence)
    row("languages", ", ".join(c.languages))
    row("interests", ", ".join(c.interests))
    if c.found_interests:
        row("in chats", ", ".join(c.found_interests[:8]))
    if c.shared:
        row("shared", ", ".join(c.shared[:8]))
    row("birthday", c.birthday or "")
    for label, d in c.dates:
        row(label, d)
    if c.work:
        row("work", c.work)
    if c.notes:
        row("notes", c.notes)
    s = c.stats
    grid.add_row("", "")
    row("messages", f"{s.get('n') or 0} ({s.get('sent') or 0} sent, {s.get('received') or 0} received)")
    row("channels", (s.get("channels") or "").replace(",", ", "))
    if s.get("groups"):
        row("groups", ", ".join(s["groups"][:6]))
    if c.identities:
        grid.add_row("", "")
        for kind, raw in c.identities[:12]:
            row(kind, raw)
    parts: list = [Text(c.name, style="bold"), Text(f"#{c.id}", style="dim"), Text(""), grid]
    if c.open_draft:
        parts += [Text(""), Text(f"a draft (#{c.open_draft}) is waiting in the queue", style="italic")]
    return Group(*parts)


def timeline_text(sessions, name: str) -> Text:
    t = Text()
    if not sessions:
        t.append(f"No conversations with {name} on record.", style="dim")
        return t
    for i, s in enumerate(sessions):
        if i:
            t.append("\n")
        t.append(s.day, style="bold cyan")
        t.append(f"  {s.channel}" + (f" · {s.group}" if s.group else "") + f" · {len(s.lines)} message(s)\n", style="dim")
        for h in s.lines:
            t.append("  " + h.who + ": ", style="bold" if h.who != "me" else "bold green")
            t.append(clip(h.text, 400))
            t.append(f"  #{h.id}\n", style="dim")
    return t


def search_text(hits, query: str) -> Text:
    t = Text()
    if not hits:
        t.append(f"Nothing found for “{query}”.", style="dim")
        return t
    t.append(f"{len(hits)} match(es) for “{query}”\n", style="bold")
    for h in hits:
        t.append(h.day, style="cyan")
        t.append(f"  {h.channel}  ", style="dim")
        t.append(clip(h.snippet, 300))
        t.append("  " + " ".join(f"#{m}" for m in h.message_ids[:6]) + "\n", style="dim")
    return t


def answer_text(answer) -> Text:
    t = Text()
    if answer.note:
        t.append("note: " + answer.note + "\n\n", style="yellow")
    t.append(answer.text)
    if answer.sources:
        t.append("\n\nsources\n", style="bold")
        for i, m in answer.sources.items():
            t.append(f"  #{i} {m.get('date', '')} {m.get('channel', '')} {m.get('from', '')}: ", style="dim")
            t.append(clip(str(m.get("text", "")), 120) + "\n", style="dim")
    if answer.unverified:
        t.append("\ncited ids no tool returned (not checked): " + ", ".join(f"#{i}" for i in answer.unverified),
                 style="yellow")
    via = {"agent": "answered by the model, with tools over your history",
           "router": "answered offline (built-in questions)", "none": ""}.get(answer.via, "")
    if via:
        t.append(f"\n\n{via}", style="dim italic")
    return t


_TEXT_FIELD = re.compile(r'"text"\s*:\s*"')


def partial_draft_text(buffer: str) -> str:
    """What to show of a draft while the model's JSON reply streams in: the "text" value decoded so far
    (or the raw reply when it is not JSON)."""
    stripped = buffer.lstrip()
    if not stripped.startswith(("{", "```")):
        return buffer
    m = _TEXT_FIELD.search(buffer)
    if not m:
        return ""
    out, i, s = [], m.end(), buffer
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "/": "/", "r": "", "b": "", "f": ""}
    while i < len(s):
        ch = s[i]
        if ch == '"':
            break
        if ch == "\\":
            if i + 1 >= len(s):
                break
            nxt = s[i + 1]
            if nxt == "u":
                if i + 6 > len(s):
                    break
                try:
                    out.append(chr(int(s[i + 2 : i + 6], 16)))
                except ValueError:
                    pass
                i += 6
                continue
            out.append(escapes.get(nxt, nxt))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


# --- wrapping that suits Chinese and Japanese -------------------------------------------------------------

# Punctuation that never starts a line (kinsoku): the line breaks one character earlier instead.
NO_LINE_START = set("，。、；：！？）」』》〉】〕…—～·,.;:!?)]}%")
_TOKEN = re.compile(r"[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef\uac00-\ud7af]+\s*|\s+|.", re.S)


def wrap_lines(text: str, width: int) -> list[str]:
    """`text` broken into lines of at most `width` cells: Latin words stay whole, CJK breaks between any two
    characters, and no line starts with closing punctuation (，。！？…)."""
    from rich.cells import cell_len

    width = max(2, width)
    out: list[str] = []
    for para in text.split("\n"):
        line: list[str] = []
        used = 0
        for tok in _TOKEN.findall(para):
            w = cell_len(tok.rstrip())
            if line and used + w > width:
                carry: list[str] = []
                if tok[0] in NO_LINE_START and len(line) > 1 and not line[-1].isspace():
                    carry = [line.pop()]
                out.append("".join(line).rstrip())
                line, used = carry, sum(cell_len(t) for t in carry)
                if tok.isspace():
                    continue
            while not line and cell_len(tok.rstrip()) > width:  # a word longer than the line: fold it
                cut, n = "", 0
                for ch in tok:
                    if n + cell_len(ch) > width:
                        break
                    cut, n = cut + ch, n + cell_len(ch)
                out.append(cut)
                tok = tok[len(cut):]
            line.append(tok)
            used += cell_len(tok)
        out.append("".join(line).rstrip())
    return out


class Wrapped:
    """A plain text (a draft, a message) wrapped by `wrap_lines` at the width it is given."""

    def __init__(self, text: str, style: str = "") -> None:
        self.text, self.style = text or "", style

    def __rich_console__(self, console, options):
        for line in wrap_lines(self.text, options.max_width):
            yield Text(line, style=self.style, no_wrap=True, overflow="ignore")

    def __rich_measure__(self, console, options):
        from rich.measure import Measurement
        from rich.cells import cell_len

        widest = max((cell_len(x) for x in self.text.split("\n")), default=0)
        return Measurement(min(4, widest), widest)
