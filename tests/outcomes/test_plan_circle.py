"""The plan as an iCalendar file, and the core circle."""

from __future__ import annotations

from datetime import date, timedelta

from icalendar import Calendar

from tests.support.book import TODAY, build_book


def events_of(data: bytes) -> dict[str, dict]:
    cal = Calendar.from_ical(data)
    return {str(e["UID"]): {"day": e.decoded("DTSTART"), "summary": str(e["SUMMARY"]),
                            "note": str(e.get("DESCRIPTION", "")), "rrule": e.get("RRULE")}
            for e in cal.walk("VEVENT")}


def test_plan_ics_parses_back_and_keeps_its_uids(tmp_path, store, cli):
    ids = build_book(store)
    store.close()
    path = tmp_path / "plan.ics"
    code, out, err = cli("plan", "--ics", str(path), "--months", "3", "--today", TODAY.isoformat())
    assert code == 0, err
    first = events_of(path.read_bytes())
    assert f"touch-{ids['Mei Lin']}-0@outreach-assistant" in first  # inner, overdue: planned
    mei = first[f"touch-{ids['Mei Lin']}-0@outreach-assistant"]
    assert mei["summary"] == "Get in touch with Mei Lin" and TODAY < mei["day"] <= TODAY + timedelta(days=7)
    assert f"touch-{ids['Mei Lin']}-1@outreach-assistant" in first  # a 30-day cadence repeats in 3 months
    bday = first[f"birthday-{ids['Anna Schmidt']}@outreach-assistant"]
    assert bday["day"] == date(2025, 3, 21) and bday["rrule"]["FREQ"] == ["YEARLY"]
    assert not any("http" in e["note"] for e in first.values())
    assert not any(e["summary"].endswith("Old Boss") for e in first.values())  # circle "never"
    days = [e["day"] for uid, e in first.items() if uid.startswith("touch-")]
    assert max(days.count(d) for d in set(days)) <= 3  # the overdue ones are spread out

    code, _, err = cli("plan", "--ics", str(path), "--months", "3", "--today", TODAY.isoformat())
    assert code == 0, err
    assert set(events_of(path.read_bytes())) == set(first)  # a re-export updates the same events


def test_plan_refuses_a_folder_and_a_silly_horizon(tmp_path, cli):
    assert cli("plan", "--ics", str(tmp_path))[0] == 2
    assert cli("plan", "--months", "0")[0] == 2


def test_core_circle_shows_inner_people_and_proposes_from_the_history(store, cli):
    import json

    ids = build_book(store)
    store.close()
    code, out, err = cli("circle", "--json", "--today", TODAY.isoformat())
    assert code == 0, err
    people = {p["name"]: p for p in json.loads(out)}
    assert not people["Mei Lin"]["proposed"] and people["Mei Lin"]["health"] in ("due", "cooling")
    assert not people["Li Wei"]["proposed"] and people["Li Wei"]["health"] == "warm"  # WeChat 2025-03-05
    assert all(p["proposed"] for n, p in people.items() if n not in ("Mei Lin", "Li Wei"))
    assert "Old Boss" not in people
    assert ids["Mei Lin"] in {p["contact_id"] for p in people.values()}
