"""Read the JSON object in a model reply, tolerating what small local models get wrong.

Small models wrap JSON in code fences or prose, drop the last `}`, quote with `'`, leave keys unquoted, add
trailing commas or write Python's True/False/None. `loads_object()` first tries the strict `json` parser on the
reply and on each `{...}` in it, then a small strict-in-everything-else parser that accepts exactly those slips
(and nothing looser: an unterminated string or a stray token is still an error).
"""

from __future__ import annotations

import json
import re

_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$", re.I)
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
_WORDS = {"true": True, "false": False, "null": None, "True": True, "False": False, "None": None}


class _Fail(ValueError):
    pass


class _Lenient:
    def __init__(self, s: str):
        self.s, self.i = s, 0

    def ws(self) -> None:
        while self.i < len(self.s) and self.s[self.i] in " \t\r\n":
            self.i += 1

    def eof(self) -> bool:
        self.ws()
        return self.i >= len(self.s)

    def value(self):
        self.ws()
        if self.i >= len(self.s):
            raise _Fail("end of text")
        ch = self.s[self.i]
        if ch == "{":
            return self.obj()
        if ch == "[":
            return self.arr()
        if ch in "\"'":
            return self.string()
        m = _NUMBER.match(self.s, self.i)
        if m:
            self.i = m.end()
            return json.loads(m.group())
        m = _IDENT.match(self.s, self.i)
        if m and m.group() in _WORDS:
            self.i = m.end()
            return _WORDS[m.group()]
        raise _Fail(f"unexpected {ch!r} at {self.i}")

    def string(self) -> str:
        quote = self.s[self.i]
        self.i += 1
        out = []
        while self.i < len(self.s):
            ch = self.s[self.i]
            if ch == "\\" and self.i + 1 < len(self.s):
                nxt = self.s[self.i + 1]
                if nxt == quote or nxt in "\"'":
                    out.append(nxt)
                    self.i += 2
                    continue
                esc = self.s[self.i : self.i + 6] if nxt == "u" else self.s[self.i : self.i + 2]
                try:
                    out.append(json.loads(f'"{esc}"'))
                except ValueError:
                    raise _Fail("bad escape") from None
                self.i += len(esc)
                continue
            if ch == quote:
                self.i += 1
                return "".join(out)
            out.append(ch)
            self.i += 1
        raise _Fail("unterminated string")

    def key(self) -> str:
        self.ws()
        if self.i < len(self.s) and self.s[self.i] in "\"'":
            return self.string()
        m = _IDENT.match(self.s, self.i)
        if not m:
            raise _Fail(f"no key at {self.i}")
        self.i = m.end()
        return m.group()

    def obj(self) -> dict:
        self.i += 1
        out: dict = {}
        while True:
            if self.eof():
                return out  # the closing brace is missing: the object ends with the text
            if self.s[self.i] == "}":
                self.i += 1
                return out
            k = self.key()
            self.ws()
            if self.i >= len(self.s) or self.s[self.i] != ":":
                raise _Fail(f"no ':' after key {k!r}")
            self.i += 1
            out[k] = self.value()
            if self.eof():
                return out
            if self.s[self.i] == ",":
                self.i += 1
            elif self.s[self.i] != "}":
                raise _Fail(f"unexpected {self.s[self.i]!r} in an object")

    def arr(self) -> list:
        self.i += 1
        out: list = []
        while True:
            if self.eof():
                return out
            if self.s[self.i] == "]":
                self.i += 1
                return out
            out.append(self.value())
            if self.eof():
                return out
            if self.s[self.i] == ",":
                self.i += 1
            elif self.s[self.i] != "]":
                raise _Fail(f"unexpected {self.s[self.i]!r} in a list")


def _strict_objects(s: str):
    """Each balanced {...} in s that the strict parser reads as an object."""
    start = s.find("{")
    while start >= 0:
        depth, in_str, esc = 0, False, False
        for i in range(start, len(s)):
            ch = s[i]
            if in_str:
                if esc:
                    esc = False
                elif ch == "\\":
                    esc = True
                elif ch == '"':
                    in_str = False
            elif ch == '"':
                in_str = True
            elif ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    try:
                        data = json.loads(s[start : i + 1])
                        if isinstance(data, dict):
                            yield data
                    except ValueError:
                        pass
                    break
        start = s.find("{", start + 1)


def loads_object(content: str) -> dict | None:
    """The first JSON object in a model reply, repaired if it is near-JSON; None when there is none."""
    s = _FENCE.sub("", (content or "").strip())
    try:
        data = json.loads(s)
        return data if isinstance(data, dict) else None
    except ValueError:
        pass
    for data in _strict_objects(s):
        return data
    start = s.find("{")
    if start < 0:
        return None
    p = _Lenient(s[start:])
    try:
        data = p.value()
    except (_Fail, RecursionError):
        return None
    return data if isinstance(data, dict) else None


__all__ = ["loads_object"]
