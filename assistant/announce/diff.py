"""The rewrite beside the original, with the changes marked.

Texts are compared token by token with difflib: a Chinese character is a token, a Latin word is a token,
spaces and punctuation are tokens. `marked()` gives two rich `Text`s (deleted text struck through in red on
the left, inserted text underlined in green on the right); `side_by_side()` puts them in a two-column table
for the CLI and the TUI (a Textual `Static` renders it as is); `inline()` is a plain-text form with
[-deleted-]{+inserted+} marks for logs, JSON and tests.
"""

from __future__ import annotations

import difflib
import re

from rich.table import Table
from rich.text import Text

TOKEN = re.compile(r"[A-Za-z0-9_'’\-]+|\s+|.", re.S)
DELETED = "strike red"
INSERTED = "underline bold green"


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def _opcodes(a: list[str], b: list[str]):
    return difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def similarity(original: str, rewrite: str) -> float:
    return difflib.SequenceMatcher(None, tokens(original), tokens(rewrite), autojunk=False).ratio()


def marked(original: str, rewrite: str) -> tuple[Text, Text]:
    a, b = tokens(original), tokens(rewrite)
    left, right = Text(), Text()
    for op, i1, i2, j1, j2 in _opcodes(a, b):
        old, new = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op == "equal":
            left.append(old)
            right.append(new)
            continue
        if old:
            left.append(old, style=DELETED if old.strip() else None)
        if new:
            right.append(new, style=INSERTED if new.strip() else None)
    return left, right


def inline(original: str, rewrite: str) -> str:
    a, b = tokens(original), tokens(rewrite)
    out = []
    for op, i1, i2, j1, j2 in _opcodes(a, b):
        old, new = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op == "equal":
            out.append(old)
            continue
        if not old.strip() and not new.strip():  # only spacing or line breaks changed: show the new layout
            out.append(new)
            continue
        if old:
            out.append(f"[-{old}-]")
        if new:
            out.append(f"{{+{new}+}}")
    return "".join(out)


def side_by_side(original: str, rewrite: str, *, left_title: str = "original", right_title: str = "rewrite",
                 caption: str | None = None, mark: bool = True, colour: bool = True) -> Table:
    """mark=False for a translation: a token diff between two languages marks everything. colour=False (a
    terminal without colours, a pipe) shows the changes as [-deleted-]{+inserted+} in the right column."""
    if not mark:
        left, right = Text(original), Text(rewrite)
    elif colour:
        left, right = marked(original, rewrite)
    else:
        left, right = Text(original), Text(inline(original, rewrite))
    table = Table(show_lines=False, expand=True, caption=caption, caption_justify="left")
    table.add_column(left_title, ratio=1, overflow="fold")
    table.add_column(right_title, ratio=1, overflow="fold")
    table.add_row(left, right)
    n, m = len(original), len(rewrite)
    change = (m - n) / n if n else 0.0
    after = f"{m} characters ({change:+.0%})" + (f", similarity {similarity(original, rewrite):.0%}" if mark else "")
    table.add_row(Text(f"{n} characters", style="dim"), Text(after, style="dim"))
    return table
