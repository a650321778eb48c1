"""The demo's 300-member WeChat group "2016 深圳技术交流群" through the real demo import: the numbers the issue's
user sees (the generator's manifest says 300 members; the export shows who wrote and who joined)."""

import json
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from assistant.cli import main
from assistant.groups import group_health
from assistant.store import Store
from tests.paths import DEMO_DATA

MANIFEST = json.loads((DEMO_DATA / "MANIFEST.json").read_text(encoding="utf-8"))
TODAY = date.fromisoformat(MANIFEST["today"])
TZ = ZoneInfo(MANIFEST["naive_times_are"])


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    home = tmp_path_factory.mktemp("demo")
    mp = pytest.MonkeyPatch()
    mp.setenv("OUTREACH_HOME", str(home))
    mp.setenv("OUTREACH_TIMEZONE", MANIFEST["naive_times_are"])
    try:
        assert main(["demo", "--no-index", "--no-tui"]) == 0
    finally:
        mp.undo()
    s = Store(home / "outreach.sqlite3")
    yield s
    s.close()


def test_demo_group_health(demo_store):
    spec = next(f for f in MANIFEST["files"] if f.get("chat") == "2016 深圳技术交流群")
    h = group_health(demo_store, "深圳技术交流群", TODAY, TZ)
    assert h.messages == spec["messages"]  # every non-system entry
    assert len(h.roster.joined) + 1 >= spec["members"] - 2  # the notices name (almost) everyone who joined
    assert h.members <= spec["distinct_senders"] and h.member_count > h.members
    first, last = h.local_date(h.first_ts), h.local_date(h.last_ts)
    assert (first.isoformat(), last.isoformat()) == (spec["first"][:10], spec["last"][:10])
    assert h.spoke[90] == 2 and h.spoke[30] == 0  # two people asked about the reunion in October
    assert len(h.announcements) == 12 and h.announcements[-1].response == 9
    assert [m.name for m in h.one_to_one] == ["李伟"]
    assert h.recommendation.verdict == "broadcast"
    assert h.years[0][0] == 2016 and h.years[0][2] > 150  # the first year was the busy one
