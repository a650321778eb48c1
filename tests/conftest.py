import pytest

from assistant.store import Store


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Every test gets its own data directory and runs outside the repo, so no real data or .env is read."""
    home = tmp_path / "home"
    monkeypatch.setenv("OUTREACH_HOME", str(home))
    monkeypatch.setenv("OUTREACH_TIMEZONE", "UTC")
    for var in ("OUTREACH_ME", "OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)
    return home


@pytest.fixture
def store(isolated_home):
    s = Store(isolated_home / "outreach.sqlite3")
    yield s
    s.close()


@pytest.fixture
def openai_server():
    """A real OpenAI-protocol HTTP server on 127.0.0.1 with scripted replies (tests/support/openai_server.py)."""
    from tests.support.openai_server import OpenAIServer

    with OpenAIServer() as server:
        yield server


@pytest.fixture
def llm_env(openai_server, monkeypatch):
    """Settings point at the loopback server (fast timeouts, no retries unless a test asks); yields the server."""
    monkeypatch.setenv("OPENAI_BASE_URL", openai_server.url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-secret")
    monkeypatch.setenv("OUTREACH_CHAT_MODEL", "scripted-model")
    monkeypatch.setenv("OUTREACH_LLM_TIMEOUT", "5")
    monkeypatch.setenv("OUTREACH_LLM_MAX_RETRIES", "0")
    return openai_server


@pytest.fixture
def cli(capsys):
    """Run the real CLI entry point in-process: cli("suggest", "--json") -> (exit code, stdout, stderr)."""
    from assistant.cli import main

    def run(*argv):
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run
