"""`outreach groups` / `groups show` end to end, and the terminal chart."""

import json
from datetime import date, timezone

import pytest
from rich.console import Console

from assistant.cli import main
from assistant.groups import MonthActivity, group_health
from assistant.groups.render import (
    BLOCKS,
    EMPTY,
    activity_chart,
    health_report,
    level,
    sparkline,
)
from assistant.ingest.pipeline import import_paths
from tests.paths import FIXTURES

FILES = [FIXTURES / "groups" / "WhatsApp Chat with Hiking Club.txt", FIXTURES / "groups" / "WhatsApp Chat with Maria Lopez.txt"]


@pytest.fixture
def hiking(store):
    import_paths(store, FILES, tz=timezone.utc, me=["Alex Chen"])
    return store


def _render(renderable, width=120) -> str:
    console = Console(width=width, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def test_groups_list(hiking, capsys):
    assert main(["groups", "--today", "2025-06-30"]) == 0
    out = capsys.readouterr().out
    line = next(ln for ln in out.splitlines() if "Hiking Club" in ln)
    assert line.split()[-5:] == ["6", "22", "2025-06-30", "4", "keep"]
    assert line.split()[:2] == ["1", "Hiking"] and "whatsapp" in line


def test_groups_list_json(hiking, capsys):
    assert main(["groups", "--json", "--today", "2025-06-30"]) == 0
    (g,) = json.loads(capsys.readouterr().out)
    assert (g["name"], g["members"], g["member_count"], g["messages"], g["active_90"], g["last"], g["suggestion"]) == (
        "Hiking Club", 6, 6, 22, 4, "2025-06-30", "keep")


def test_groups_show_json(hiking, capsys):
    assert main(["groups", "show", "hiking", "--json", "--today", "2025-06-30"]) == 0
    h = json.loads(capsys.readouterr().out)
    assert h["spoke"] == {"30": 2, "90": 4, "365": 6}
    assert h["member_count"] == 6 and h["roster"] == {"joined": 7, "left": ["Farid Haddad"]}
    assert [(a["date"], a["response"], a["replies"]) for a in h["announcements"]] == [("2024-03-15", 2, 3),
                                                                                    ("2025-01-10", 2, 2)]
    assert [m["name"] for m in h["one_to_one"]] == ["Maria Lopez"]
    assert h["recommendation"]["verdict"] == "keep"


def test_groups_show_report(hiking, capsys):
    assert main(["groups", "show", "Hiking Club", "--today", "2025-06-30"]) == 0
    out = capsys.readouterr().out
    assert "spoke, last 30 days" in out and "Eva Novak" in out
    assert "Members you also talk to 1:1 (1)" in out and "Maria Lopez" in out
    assert "Suggestion: keep" in out
    assert "📢 First hike" in out


def test_groups_show_unknown_group(hiking, capsys):
    assert main(["groups", "show", "chess club"]) == 2
    err = capsys.readouterr().err
    assert "no group matches 'chess club'" in err and "Hiking Club (#1)" in err


def test_groups_empty_store(store, capsys):
    assert main(["groups"]) == 0
    assert "no groups yet" in capsys.readouterr().out


def test_log_scale_levels():
    assert level(0, 100) == 0 and level(100, 100) == 8
    assert 1 <= level(1, 1000) < level(10, 1000) < level(100, 1000) < 8
    assert sparkline([0, 1, 10, 100]) == EMPTY + BLOCKS[1] + BLOCKS[3] + BLOCKS[7]  # log1p(10)/log1p(100) = 0.52


def test_activity_chart_grid(hiking):
    h = group_health(hiking, "Hiking Club", date(2025, 6, 30))
    text = _render(activity_chart(h.months, years=h.years))
    rows = {ln.split()[0]: ln.split() for ln in text.splitlines() if ln[:4] in ("2024", "2025")}
    # 2024 starts in March: Jan and Feb are blank, March is the busiest month (full block), April is empty
    assert rows["2024"][1] == BLOCKS[-1] and rows["2024"][2] == EMPTY
    assert rows["2024"][-2:] == ["13", "6"] and rows["2025"][-2:] == ["9", "5"]
    assert len(rows["2025"]) == 1 + 6 + 2  # January to June, then the totals


def test_active_metric_and_bad_metric():
    months = [MonthActivity("2024-01", 10, 2), MonthActivity("2024-02", 0, 0)]
    text = _render(activity_chart(months, metric="active"))
    assert "members who wrote" in text
    with pytest.raises(ValueError):
        activity_chart(months, metric="bytes")


def test_report_never_reads_names_as_markup(store):
    with store.transaction():
        gid, _ = store.upsert_group("telegram", "k", "[bold red]not markup[/]")
        cid = store.create_contact("[link=x]Eve[/link]")
        store.add_group_members(gid, [cid])
        store.insert_messages([("telegram", "k", None, gid, cid, "in", "text", 1718000000, "hi", "f", "1")])
    text = _render(health_report(group_health(store, gid, date(2024, 6, 30))))
    assert "[bold red]not markup[/]" in text and "[link=x]Eve[/link]" in text
