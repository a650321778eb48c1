"""Every module agrees on what a Han (kana, Hangul) character is: the ranges live in assistant/text/scripts.py."""

import re
from pathlib import Path

import assistant
from assistant.text.scripts import HAN, HANGUL, KANA

PKG = Path(assistant.__file__).parent
# a Han range written out by hand: the escape (\u4e00, \u3400, \u9fff) or the characters themselves
HAND_WRITTEN = re.compile(r"\\u(?:3400|4e00|4E00|9fff|9FFF|9fa5|9FA5)|[㐀一]-[䶿鿿龥]")
ALLOWED = {
    "text/scripts.py": "the one definition",
    "domain.py": "floor 0 may not import text/: its name key compares characters itself",
    "tui/render.py": "display width (every wide East Asian block, punctuation included), not script membership",
}


def test_han_ranges_are_written_once():
    found = {}
    for path in PKG.rglob("*.py"):
        rel = path.relative_to(PKG).as_posix()
        if rel in ALLOWED:
            continue
        lines = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if HAND_WRITTEN.search(line)]
        if lines:
            found[rel] = lines
    assert not found, f"Han ranges written by hand (use assistant.text.scripts): {found}"


def test_the_ranges_cover_what_the_modules_need():
    han = re.compile(f"[{HAN}]")
    for ch in "一龥㐀豈李雷":  # unified, extension A, a compatibility ideograph
        assert han.match(ch), ch
    for ch in "aあア한،":
        assert not han.match(ch), ch
    assert re.fullmatch(f"[{KANA}]+", "ひらがなカタカナ") and re.fullmatch(f"[{HANGUL}]+", "한국어")


def test_the_check_sees_a_hand_written_range(tmp_path):
    assert HAND_WRITTEN.search(r'_CJK = re.compile(r"[\u4e00-\u9fff]")')
    assert HAND_WRITTEN.search('_CJK = re.compile("[一-龥]")')
    assert not HAND_WRITTEN.search('re.compile(f"[{HAN}]")')
