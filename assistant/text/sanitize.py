"""One sanitizer for text that came from outside (imported chats, files, model replies) before it is stored,
printed, copied or put in a draft.

Terminal escape sequences (CSI such as clear-screen or hidden text, OSC such as the OSC 52 clipboard write or
window title, DCS/APC/PM/SOS strings) are removed whole, and so are the remaining C0 and C1 control
characters, except tab and newline. Everything else, including emoji, CJK, Arabic and the bidi marks real
exports contain, is left alone (`strip_bidi_overrides` is the separate, stricter step for one-line labels).
"""

from __future__ import annotations

import re

# ESC-introduced sequences (7-bit) and their 8-bit C1 forms:
#   CSI  ESC [ ... final      | \x9b ... final
#   OSC  ESC ] ... (BEL | ST) | \x9d ... ;  DCS/SOS/PM/APC: ESC P / X / ^ / _ ... ST
#   two-char escapes: ESC followed by any one character (ESC c reset, ESC 7, ...)
_SEQUENCES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"  # CSI (a truncated one is dropped too)
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC / DCS / SOS / PM / APC
    r"|\x1b[ -/]*[0-~]?",  # any other escape (with intermediates)
)
# C0 except \t and \n, DEL, C1. \r is turned into \n first (a bare CR overwrites the line on a terminal).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_HAS_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidi embeddings, overrides and isolates: they reorder what is displayed (a "trojan source" trick).
_BIDI_OVERRIDES = re.compile("[\u202a-\u202e\u2066-\u2069]")


def sanitize(text: str, *, keep_newlines: bool = True) -> str:
    """`text` without terminal escape sequences and control characters (tab and newline kept; CR becomes a
    newline; with keep_newlines=False newlines and tabs become spaces). Cheap when there is nothing to do."""
    if not text or not isinstance(text, str):
        return text  # "" and None (an unset field) pass through
    if _HAS_CONTROL.search(text):
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = _SEQUENCES.sub("", text)
        text = _CONTROLS.sub("", text)
    if not keep_newlines and ("\n" in text or "\t" in text):
        text = text.replace("\n", " ").replace("\t", " ")
    return text


_SAFE_CSI = re.compile(r"\x1b\[(?:\?25[lh]|[0-9;]*[mKABCDG])")


def _conceals(seq: str) -> bool:
    """An SGR sequence that turns on hidden text (parameter 8, not inside a 38/48/58 colour)."""
    if not seq.endswith("m"):
        return False
    params = seq[2:-1].split(";")
    i = 0
    while i < len(params):
        p = params[i]
        if p in ("38", "48", "58"):
            i += 3 if params[i + 1: i + 2] == ["5"] else 5
            continue
        if p == "8":
            return True
        i += 1
    return False


_OTHER_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f-\x9f]")


def sanitize_terminal(text: str) -> str:
    """For a whole stream written to a terminal: the styling and line-redrawing sequences rich itself emits
    (colours, erase line, cursor up/hide/show, CR) are kept; everything else is removed as `sanitize` does
    (screen clears, cursor jumps, OSC clipboard/title writes, hidden text, other controls)."""
    if not text or not _HAS_CONTROL.search(text):
        return text

    def keep(m: re.Match) -> str:
        seq = m.group(0)
        return seq if _SAFE_CSI.fullmatch(seq) and not _conceals(seq) else ""

    return _OTHER_CONTROLS.sub("", _SEQUENCES.sub(keep, text))


def has_controls(text: str) -> bool:
    """True when `sanitize` would change `text` (other than newline handling)."""
    return bool(text) and bool(_HAS_CONTROL.search(text))


def strip_bidi_overrides(text: str) -> str:
    """Remove bidi embedding/override/isolate characters (for names and one-line labels)."""
    return _BIDI_OVERRIDES.sub("", text)


__all__ = ["has_controls", "sanitize", "sanitize_terminal", "strip_bidi_overrides"]
