"""Prompt files: id, content hash, declared variables; a missing or unknown variable is an error."""

import hashlib

import pytest

from assistant.llm import PromptError
from assistant.llm.prompts import combined_hash, prompt


def test_prompt_identity(tmp_path):
    (tmp_path / "greet.md").write_text("Hello $name, write in $language_name.", encoding="utf-8")
    p = prompt("greet", tmp_path)
    assert p.id == "greet"
    assert p.sha256 == hashlib.sha256(b"Hello $name, write in $language_name.").hexdigest()
    assert p.variables == {"name", "language_name"}
    assert p.render(name="Anna", language_name="German") == "Hello Anna, write in German."


def test_missing_and_unknown_variables_fail_loudly(tmp_path):
    (tmp_path / "greet.md").write_text("Hello $name", encoding="utf-8")
    p = prompt("greet", tmp_path)
    with pytest.raises(PromptError, match=r"no value for \$name"):
        p.render()
    with pytest.raises(PromptError, match=r"has no \$tone"):
        p.render(name="x", tone="warm")
    with pytest.raises(PromptError, match="not found"):
        prompt("nope", tmp_path)


def test_the_shipped_prompts_declare_what_the_drafter_passes():
    assert prompt("draft_system").variables == {"user_name", "contact_name", "language_name", "language_code", "register"}
    assert prompt("draft_fix").variables == {"problems", "language_name"}
    assert prompt("ask_check").variables == {"message", "user_name"}
    a, b = prompt("draft_system"), prompt("draft_fix")
    assert combined_hash(a, b) != combined_hash(b, a) and len(combined_hash(a, b)) == 64
