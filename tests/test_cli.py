import subprocess
import sys

from assistant.cli import main, parse_birthday, parse_cadence
from assistant.store import Store


def seed(home):
    s = Store(home / "outreach.sqlite3")
    a = s.create_contact("Anna Schmidt")
    s.add_identity(a, "phone", "+49 170 1234567", "whatsapp")
    s.add_identity(a, "name", "Anna Schmidt", "whatsapp")
    b = s.create_contact("Anna S.")
    s.add_identity(b, "email", "anna@example.org", "linkedin")
    with s.transaction():
        s.insert_messages([
            ("whatsapp", "anna", a, None, a, "in", "text", 1_700_000_000, "Wie war die Zugspitze?", "w.txt", "1"),
            ("whatsapp", "anna", a, None, None, "out", "text", 1_700_000_100, "Traumhaft!", "w.txt", "2"),
        ])
    s.close()
    return a, b


def test_contacts_set_show_and_list(isolated_home, capsys):
    a, _ = seed(isolated_home)
    assert main(["contacts", "set", "Anna Schmidt", "--circle", "close", "--cadence", "3m", "--birthday", "04-15",
                 "--language", "de,en", "--interests", "hiking, sourdough"]) == 0
    s = Store(isolated_home / "outreach.sqlite3")
    c = s.get_contact(a)
    assert (c.circle, c.cadence_days, c.birthday, c.languages, c.interests) == (
        "close", 90, "--04-15", ["de", "en"], ["hiking", "sourdough"])
    capsys.readouterr()
    assert main(["contacts", "show", "0170 1234567"]) == 0
    out = capsys.readouterr().out
    assert "Anna Schmidt" in out and "hiking, sourdough" in out and "Traumhaft!" in out and "1 sent, 1 received" in out
    assert main(["contacts"]) == 0
    out = capsys.readouterr().out
    assert "Anna S." in out and "2 contact(s)" in out


def test_bad_values_exit_non_zero_with_a_clear_message(isolated_home, capsys):
    seed(isolated_home)
    assert main(["contacts", "set", "Anna Schmidt", "--birthday", "31-31"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert main(["contacts", "show", "Anna"]) == 2
    assert "matches 2 contacts" in capsys.readouterr().err
    assert main(["contacts", "set", "Nobody"]) == 2


def test_merge_then_split(isolated_home, capsys):
    a, b = seed(isolated_home)
    assert main(["merge", "Anna Schmidt", "anna@example.org"]) == 0
    s = Store(isolated_home / "outreach.sqlite3")
    assert [c.id for c in s.list_contacts()] == [a]
    assert main(["split", "Anna Schmidt", "--channel", "linkedin", "--name", "Anna (LinkedIn)"]) == 0
    names = sorted(c.name for c in s.list_contacts())
    assert names == ["Anna (LinkedIn)", "Anna Schmidt"]
    assert s.find_contact("anna@example.org").name == "Anna (LinkedIn)"


def test_parsers():
    assert parse_cadence("6w") == 42 and parse_cadence("1y") == 365 and parse_cadence("default") is None
    assert parse_birthday("1990-02-28") == "1990-02-28" and parse_birthday("--12-01") == "--12-01"


def test_module_entry_point_starts_without_heavy_imports(isolated_home):
    code = "import sys; from assistant.cli import main; main(['status']); " \
           "print(sorted(m for m in ('chromadb', 'langchain_openai', 'textual', 'openai') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("[]")
    out = subprocess.run([sys.executable, "-m", "assistant", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and "outreach" in out.stdout


def test_default_data_dir_is_the_platform_user_data_dir_not_home(monkeypatch):
    from platformdirs import user_data_dir

    from assistant.config import Settings

    monkeypatch.delenv("OUTREACH_HOME")
    monkeypatch.setenv("HOME", "/tmp/somebody")
    monkeypatch.setenv("TIMEZONE", "Mars/Olympus")  # env vars named after fields must not leak in
    s = Settings()
    assert str(s.home) == user_data_dir("outreach-assistant", appauthor=False)
    assert s.timezone == "UTC"  # from OUTREACH_TIMEZONE, set by the test fixture
