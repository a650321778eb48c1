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
    if not text:
        return text if isinstance(text, str) else ""
    if _HAS_CONTROL.search(text):
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = _SEQUENCES.sub("", text)
        text = _CONTROLS.sub("", text)
    if not keep_newlines and ("\n" in text or "\t" in text):
        text = text.replace("\n", " ").replace("\t", " ")
    return text


def has_controls(text: str) -> bool:
    """True when `sanitize` would change `text` (other than newline handling)."""
    return bool(text) and bool(_HAS_CONTROL.search(text))


def strip_bidi_overrides(text: str) -> str:
    """Remove bidi embedding/override/isolate characters (for names and one-line labels)."""
    return _BIDI_OVERRIDES.sub("", text)


__all__ = ["has_controls", "sanitize", "strip_bidi_overrides"]
