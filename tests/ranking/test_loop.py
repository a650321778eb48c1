"""The loop closes (issue 19): the user's own results steer the ranking. Touches come from the real detection
(assistant.outcomes.touches) over a real store, or are stored through the real store module."""

from datetime import UTC, date

from assistant.outcomes.touches import refresh
from assistant.ranking import rank
from assistant.ranking.model import EXPLORE_EVERY
from assistant.store.touches import replace_touches, signature
from tests.ranking.test_points import Book, ts

TODAY = date(2025, 4, 15)


def _history(b: Book, cid: int) -> None:
    for day in (3, 10, 17):
        b.say(cid, ts(2024, 1, day), "out", "How was the Alps? We should plan the next trip together soon")
        b.say(cid, ts(2024, 1, day, 14), "in", "Back from the Alps, the ski week was wonderful and the snow was deep")


def test_a_contact_with_two_unanswered_touches_is_rested(store):
    b = Book(store)
    silent, answered = b.person("Silent"), b.person("Answered")
    for cid in (silent, answered):
        _history(b, cid)
        b.say(cid, ts(2024, 6, 1), "out", "Hi! It's been a while, how was the spring?")  # a touch after months
        b.say(cid, ts(2024, 9, 1), "out", "Thinking of you, how is everything going?")  # and another
    b.say(answered, ts(2024, 9, 3), "in", "Sorry for the silence! All good here, busy summer")
    assert refresh(store)
    rows = store.db.execute("SELECT contact_id, replied_at FROM touches ORDER BY contact_id, at").fetchall()
    assert [(r[0], r[1] is not None) for r in rows] == [(silent, False), (silent, False),
                                                         (answered, False), (answered, True)]

    r = rank(store, TODAY, limit=10, tz=UTC)
    assert [s.name for s in r.suggestions] == ["Answered"]  # both are due: the same cadence, the same quiet
    held = {h.name: h for h in r.held_back}
    assert held["Silent"].code == "unanswered" and held["Silent"].attempts == 2
    # the rest comes on top of the cadence (180 days) after the last touch: half the cadence, like a dismissal
    assert held["Silent"].until == ts(2024, 9, 1) + (180 + 90) * 86400
    assert "2 touches went unanswered" in held["Silent"].text()
    # after the rest, the contact comes back
    later = rank(store, date(2025, 7, 1), limit=10, tz=UTC)
    assert "Silent" in [s.name for s in later.suggestions]


def test_one_unanswered_touch_does_not_rest(store):
    b = Book(store)
    one = b.person("One")
    _history(b, one)
    b.say(one, ts(2024, 9, 1), "out", "Thinking of you, how is everything going?")
    refresh(store)
    assert [s.name for s in rank(store, TODAY, limit=10, tz=UTC).suggestions] == ["One"]


def _two_kinds(b: Book, cid: int) -> None:
    """One thread with the contact's own news and a message about a shared interest, scored close: the
    interest (1.4) just above the news (1.3) on their own."""
    _history(b, cid)
    b.say(cid, ts(2024, 8, 1, 9), "out", "Hey, long time! What have you been up to these days?")
    b.say(cid, ts(2024, 8, 1, 10), "in", "My sister finally moved to Lisbon and we spent a whole week there", "news")
    b.say(cid, ts(2024, 8, 1, 10), "in", "The climbing gym near the river reopened with new routes everywhere",
          "interest")


def _touch(contact_id: int, at: int, kind: str, answered: bool) -> dict:
    return {"contact_id": contact_id, "source": "draft", "at": at, "channel": "whatsapp", "hook_kind": kind,
            "language": "en", "register": "", "length": 40, "weekday": 0, "thread": "reply" if answered else "none",
            "replied_at": at + 86400 if answered else None}


def _touches(store, kinds: dict[str, tuple[int, int]], contact_id: int) -> None:
    rows, day = [], 0
    for kind, (n, answered) in kinds.items():
        for i in range(n):
            day += 40
            at = ts(2022, 1, 1) + day * 86400
            rows.append(_touch(contact_id, at, kind, i < answered))
    with store.transaction() as db:
        replace_touches(db, rows, signature(db))


def test_a_kind_of_talking_point_that_gets_answered_wins_a_close_call(store):
    b = Book(store)
    lea = b.person("Lea", interests=["climbing"])
    other = b.person("Other")
    _two_kinds(b, lea)
    base = rank(store, TODAY, limit=10, tz=UTC).suggestions
    assert base[0].hook.category == "shared_interest"
    # the user's news-based touches get answered, the interest-based ones not (Lea has no touches of her
    # own: the user's overall rates apply)
    _touches(store, {"news": (4, 4), "shared_interest": (4, 0)}, other)
    s = {x.name: x for x in rank(store, TODAY, limit=10, tz=UTC).suggestions}["Lea"]
    assert s.hook.category == "news" and s.hook.message_ids == [b.ids["news"]]
    # the other way round, the interest keeps its place
    _touches(store, {"news": (4, 0), "shared_interest": (4, 4)}, other)
    s = {x.name: x for x in rank(store, TODAY, limit=10, tz=UTC).suggestions}["Lea"]
    assert s.hook.category == "shared_interest"


def test_each_contacts_own_results_steer_its_talking_point_and_every_fifth_explores(store):
    b = Book(store)
    people = [b.person(f"P{i}", interests=["climbing"]) for i in range(EXPLORE_EVERY)]
    for cid in people:
        _two_kinds(b, cid)
    # each has three touches of their own: news answered twice, the interest not
    rows, day = [], 0
    for cid in people:
        for kind, answered in (("news", True), ("news", True), ("shared_interest", False)):
            day += 40
            at = ts(2022, 1, 1) + day * 86400
            rows.append(_touch(cid, at, kind, answered))
    with store.transaction() as db:
        replace_touches(db, rows, signature(db))
    got = rank(store, TODAY, limit=10, tz=UTC).suggestions
    assert len(got) == EXPLORE_EVERY
    cats = [s.hook.category for s in got]
    # each contact's own record steers its talking point; the fifth is chosen on its merits alone
    assert cats == ["news"] * (EXPLORE_EVERY - 1) + ["shared_interest"]
