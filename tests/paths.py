from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
# Real exports from public repositories, copied with their sources and licences (real/SOURCES.md).
SHARED_FIXTURES = FIXTURES / "real"
DEMO_DATA = ROOT / "demo" / "data"
