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


def _commands(subparsers_action) -> dict:
    """command path ('contacts delete') -> the handler its parser calls, subcommands included."""
    import argparse

    found = {}
    for name, parser in subparsers_action.choices.items():
        found[name] = parser.get_default("func")
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                found.update({f"{name} {k}": v for k, v in _commands(action).items()})
    return found


def test_every_command_is_registered_beside_its_handler():
    """Each cli module registers its own commands, and each command's handler lives in the module that registered
    it; main.py only loops over the modules, and every module with a `register` is in that loop."""
    import argparse
    import importlib
    import pkgutil

    import assistant.cli
    from assistant.cli.main import AREAS, build_parser

    with_register = {m.name for m in pkgutil.iter_modules(assistant.cli.__path__)
                     if hasattr(importlib.import_module(f"assistant.cli.{m.name}"), "register")}
    assert with_register == {a.__name__.rsplit(".", 1)[1] for a in AREAS}
    registered = {}
    for area in AREAS:
        sub = argparse.ArgumentParser().add_subparsers()
        area.register(sub)
        commands = _commands(sub)
        assert commands, area.__name__
        for command, func in commands.items():
            assert func is not None and func.__module__ == area.__name__, (command, func, area.__name__)
        assert not set(commands) & set(registered), set(commands) & set(registered)
        registered.update(commands)
    top = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert _commands(top) == registered
    assert {"contacts delete", "import", "tui", "status", "eval", "groups show"} <= set(registered)
