from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SHARED_FIXTURES = ROOT.parent / "shared" / "fixtures"
DEMO_DATA = ROOT / "demo" / "data"
