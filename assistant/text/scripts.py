"""The Unicode ranges of the scripts the product reads, in one place: bodies of regex character classes.

`f"[{HAN}]"` matches a Chinese character wherever a module needs one, so that every module agrees on what counts
as Han (the unified ideographs, extension A and the compatibility ideographs), kana, Hangul, Arabic or Devanagari.
"""

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
KANA = "\u3040-\u30ff"
HANGUL = "\uac00-\ud7af"
ARABIC = "\u0600-\u06ff"
DEVANAGARI = "\u0900-\u097f"
