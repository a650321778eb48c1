"""`outreach suggest / snooze / dismiss / ask` end to end through the CLI entry point, on a real store."""

import json

import pytest

from assistant.store import Store
from tests.support.book import EXPECTED_SUGGESTED, build_book


@pytest.fixture
def home(isolated_home):
    s = Store(isolated_home / "outreach.sqlite3")
    ids = build_book(s)
    s.close()
    return ids


def test_suggest_json_is_the_ranking(home, cli):
    code, out, _ = cli("suggest", "--today", "2025-03-10", "--limit", "20", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["window"] == ["2025-03-10", "2025-03-31"]
    assert {s["name"] for s in data["suggestions"]} == EXPECTED_SUGGESTED
    jonas = next(s for s in data["suggestions"] if s["name"] == "Jonas Weber")
    assert jonas["hook_message_ids"] == [home["msg:jonas_climbing"]]
    assert {h["name"] for h in data["held_back"]} == {"Priya Nair", "Tom Becker", "Dan Brown"}


def test_suggest_table_shows_reasons_hooks_and_what_is_held_back(home, cli):
    code, out, _ = cli("suggest", "--today", "2025-03-10", "--limit", "3")
    assert code == 0
    assert "Mei Lin" in out and "Jonas Weber" in out and "Carlos Ruiz" not in out
    assert "Last talked 2 months ago" in out
    assert f"#{home['msg:jonas_climbing']}" in out
    assert "held back:" in out and "Tom Becker (snoozed until 2025-04-01)" in out


def test_suggest_in_chinese(home, cli):
    code, out, _ = cli("suggest", "--today", "2025-03-10", "--lang", "zh", "--json")
    reasons = [r for s in json.loads(out)["suggestions"] for r in s["reasons"]]
    assert code == 0 and any("生日" in r for r in reasons) and any("上次聊天是" in r and "默认" in r for r in reasons)


def test_suggest_about_a_file(home, cli, tmp_path):
    post = tmp_path / "post.md"
    post.write_text("# Frankenjura trip report\n\nThree weeks of climbing on limestone.\n", encoding="utf-8")
    code, out, _ = cli("suggest", "--today", "2025-03-10", "--about", str(post), "--json")
    assert code == 0
    assert json.loads(out)["suggestions"][0]["name"] == "Jonas Weber"
    page = tmp_path / "post.html"
    page.write_text("<html><style>x{}</style><body><h1>Climbing</h1><p>Frankenjura</p></body></html>", encoding="utf-8")
    code, out, _ = cli("suggest", "--today", "2025-03-10", "--about", str(page), "--json")
    assert json.loads(out)["suggestions"][0]["name"] == "Jonas Weber"


@pytest.mark.parametrize("content, message", [(b"   \n", "empty"), (b"\xff\xfe\x00bad", "not UTF-8")])
def test_suggest_about_a_bad_file_names_it(home, cli, tmp_path, content, message):
    bad = tmp_path / "news.txt"
    bad.write_bytes(content)
    code, _, err = cli("suggest", "--about", str(bad))
    assert code == 2 and str(bad) in err and message in err


def test_suggest_rejects_a_bad_month(home, cli):
    code, _, err = cli("suggest", "--today", "2025-03-10", "--month", "2025-13")
    assert code == 2 and "YYYY-MM" in err
    code, _, err = cli("suggest", "--today", "2025-03-10", "--month", "2024-01")
    assert code == 2 and "past" in err


def test_snooze_and_dismiss_from_the_command_line(home, cli):
    code, out, _ = cli("snooze", "Jonas Weber", "--until", "2099-01-01")
    assert code == 0 and "2099-01-01" in out
    code, out, _ = cli("dismiss", "Mei Lin")
    assert code == 0
    code, out, _ = cli("suggest", "--today", "2025-03-10", "--json")
    got = {s["name"] for s in json.loads(out)["suggestions"]}
    assert "Jonas Weber" not in got and "Mei Lin" not in got
    code, _, err = cli("dismiss", "Nobody Atall")
    assert code == 2 and "no contact" in err
    code, _, err = cli("snooze", "Sam Taylor", "--for", "soon")
    assert code == 2 and "soon" in err


def test_ask_offline_cites_messages(home, cli):
    code, out, _ = cli("ask", "--today", "2025-03-10", "who is into climbing?")
    assert code == 0
    assert "Jonas Weber" in out and f"[#{home['msg:jonas_climbing']}]" in out
    code, out, _ = cli("ask", "--today", "2025-03-10", "--json", "我上次和Li Wei聊了什么？")
    data = json.loads(out)
    assert data["via"] == "router" and data["citations"] == [home["msg:li_wechat"]]


def test_ask_something_that_needs_a_model(home, cli):
    code, out, _ = cli("ask", "write a haiku about my friends")
    assert code == 3 and "needs a language model" in out and "OPENAI_BASE_URL" in out
