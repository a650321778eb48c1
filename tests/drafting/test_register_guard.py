"""The guardrails hold a draft that uses the wrong form of address (du to a Sie contact, 你 to a 您 one)."""

import pytest

from assistant.drafting.guardrails import check


@pytest.mark.parametrize("lang, text, register, ok", [
    ("de", "Hallo Herr Weber, wie geht es dir? Ich denke oft an dein Projekt.", "formal", False),
    ("de", "Guten Tag Herr Weber, ich hoffe, es geht Ihnen gut.", "formal", True),
    ("de", "Hallo Anna, wie geht es dir?", "informal", True),
    ("zh", "王芳您好！最近您还在拍胶片吗？", "informal", False),
    ("zh", "王芳，最近你还在拍胶片吗？", "informal", True),
    ("fr", "Bonjour Madame Laurent, j'espère que vous allez bien.", "formal", True),
    ("fr", "Salut Claire, tu es toujours à Paris ?", "formal", False),
    ("en", "Hey Sarah, how are things?", "formal", True),  # English has no pronoun register: not checked
])
def test_form_of_address(lang, text, register, ok):
    r = check(text, lang=lang, cited_ids=[], shown={}, register=register)
    assert r.register_ok is ok
    assert r.ok is (ok and r.grounding.ok and not r.asks and r.language_ok)
    if not ok:
        assert "form of address" in r.reason(lang) and any("form of address" in p for p in r.problems(lang))


def test_quoted_words_of_the_contact_do_not_count():
    # the contact wrote "du" in the quoted message; the user's own words use Sie
    text = "Guten Tag Herr Weber, ich denke an Ihre Nachricht: „Hast du das Paper gelesen?“ Ich hoffe, es geht Ihnen gut."
    assert check(text, lang="de", cited_ids=[], shown={}, register="formal").register_ok
