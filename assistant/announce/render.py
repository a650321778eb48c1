"""Rich renderables for a rewrite result: each version beside the original with the changes marked, the fact
check, warnings, and (dimmed) the rejected attempts with the checker's reasons. Used by the CLI; a Textual
`Static` renders the same objects in the TUI."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from assistant.announce.diff import side_by_side
from assistant.announce.rewrite import RewriteResult, Version, language_name


def _version(result: RewriteResult, v: Version, *, diff: bool = True, repeat: bool = False,
             colour: bool = True) -> list[RenderableType]:
    parts: list[RenderableType] = []
    head = Text()
    head.append(f"{language_name(v.lang)} · {result.channel.label}: ", style="bold")
    if v.via == "llm":
        head.append(v.label, style="bold green")
        if result.model:
            head.append(f"  model {result.model}", style="dim")
    else:
        head.append(v.label, style="bold yellow")
    parts.append(head)
    if v.note:
        parts.append(Text(f"note: {v.note}", style="yellow"))
    if repeat:
        parts.append(Text("(the same offline clean-up as above)", style="dim"))
        return parts
    if diff:
        translated = v.via == "llm" and v.lang != result.source_lang
        parts.append(side_by_side(result.original, v.text, left_title="original",
                                  right_title=("translation" if translated else "rewrite") if v.via == "llm"
                                  else "offline clean-up", mark=not translated, colour=colour))
    else:
        parts.append(Text(v.text))
    check = Text()
    if v.facts.ok:
        check.append("✓ facts: ", style="green")
    else:
        check.append("✗ facts: ", style="red")
    check.append(v.facts.describe())
    parts.append(check)
    if v.via == "offline":
        parts.append(Text("changes: " + "; ".join(result.cleanup.changes), style="dim"))
        for e in result.cleanup.errors:
            parts.append(Text(f"✗ length: {e}", style="red"))
    for w in v.warnings:
        parts.append(Text(f"! {w}", style="yellow"))
    rejected = [a for a in v.attempts if a.problems]
    for i, a in enumerate(rejected, 1):
        parts.append(Text(f"rejected answer {i}: " + "; ".join(a.problems), style="dim"))
    return parts


def render_result(result: RewriteResult, *, diff: bool = True, colour: bool = True) -> Group:
    """colour=False marks the changes with [-deleted-]{+inserted+} instead of colours (pipes, no-colour
    terminals)."""
    parts: list[RenderableType] = []
    if result.note:
        parts.append(Text(result.note, style="yellow"))
    offline_shown = False
    for v in result.versions:
        parts.extend(_version(result, v, diff=diff, repeat=v.via == "offline" and offline_shown, colour=colour))
        offline_shown = offline_shown or v.via == "offline"
        parts.append(Text(""))
    return Group(*parts)
