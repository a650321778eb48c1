from pathlib import Path

import pytest

from assistant.store import Store

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SHARED_FIXTURES = ROOT.parent / "shared" / "fixtures"
DEMO_DATA = ROOT / "demo" / "data"


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
