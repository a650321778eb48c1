"""The keep-in-touch model as pure functions over plain data."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from assistant.ranking.model import (
    DAY,
    ContactFacts,
    Guard,
    HeldBack,
    Window,
    apply_guard,
    dismissal_cooldown_days,
    history_factor,
    hold,
    occurrence_in,
    score,
)

TODAY = date(2025, 3, 10)
W = Window.for_month(TODAY)


def ts(y, m, d):
    return int(datetime(y, m, d, 12, tzinfo=UTC).timestamp())


def test_window_this_month_runs_from_today_and_looks_at_least_two_weeks_ahead():
    assert (W.start, W.end) == (date(2025, 3, 10), date(2025, 3, 31))
    late = Window.for_month(date(2025, 3, 28))
    assert (late.start, late.end) == (date(2025, 3, 28), date(2025, 4, 10))


def test_window_future_month_is_the_whole_month_and_past_month_is_an_error():
    w = Window.for_month(TODAY, "2025-06")
    assert (w.start, w.end) == (date(2025, 6, 1), date(2025, 6, 30))
    with pytest.raises(ValueError, match="in the past"):
        Window.for_month(TODAY, "2025-02")
    with pytest.raises(ValueError, match="YYYY-MM"):
        Window.for_month(TODAY, "March")


def test_window_bounds_follow_the_users_time_zone():
    w = Window.for_month(TODAY, tz=ZoneInfo("Asia/Shanghai"))
    assert w.start_ts == int(datetime(2025, 3, 10, tzinfo=ZoneInfo("Asia/Shanghai")).timestamp())
    assert w.start_ts == W.start_ts - 8 * 3600


def test_yearly_dates_fall_in_the_window_including_leap_days_and_year_ends():
    assert occurrence_in("1990-03-21", W) == date(2025, 3, 21)
    assert occurrence_in("--03-15", W) == date(2025, 3, 15)
    assert occurrence_in("1990-03-09", W) is None  # yesterday
    assert occurrence_in("1992-02-29", Window.for_month(date(2025, 2, 20))) == date(2025, 2, 28)
    assert occurrence_in("1988-01-03", Window.for_month(date(2025, 12, 25))) == date(2026, 1, 3)
    assert occurrence_in("not a date", W) is None


def test_cadence_defaults_by_circle_and_own_cadence_wins():
    assert ContactFacts(1, "a", "inner").cadence == 30
    assert ContactFacts(1, "a", "close").cadence == 90
    assert ContactFacts(1, "a", "wider").cadence == 180
    assert ContactFacts(1, "a", "wider", cadence_days=14).cadence == 14


def test_last_contact_is_the_latest_of_any_channel_or_direction():
    f = ContactFacts(1, "a", last_in=ts(2024, 1, 1), last_out=ts(2024, 6, 1), last_group=ts(2024, 3, 1),
                     last_contacted=ts(2024, 2, 1))
    assert f.last_ts == ts(2024, 6, 1)
    f.last_contacted = ts(2025, 1, 1)
    assert f.last_ts == ts(2025, 1, 1)


def test_due_is_relative_to_the_cadence_and_grows_with_each_doubling_then_caps():
    def s(days_ago, circle="close"):
        f = ContactFacts(1, "a", circle, last_in=W.start_ts - days_ago * DAY, n_in=10, n_out=10)
        return score(f, W)

    assert s(30) is None  # 30 + 22 days to the window end < 90
    assert s(70) is not None  # due before the end of the window
    a, b, c = s(100), s(200), s(400)
    assert a.score < b.score < c.score
    assert s(5000).score == s(20000).score  # capped
    assert a.reasons[0].code == "due" and a.reasons[0].params["days"] == 100


def test_inner_outranks_wider_at_the_same_overdueness():
    inner = score(ContactFacts(1, "a", "inner", last_in=W.end_ts - 60 * DAY, n_in=5, n_out=5), W)
    wider = score(ContactFacts(2, "b", "wider", last_in=W.end_ts - 360 * DAY, n_in=5, n_out=5), W)
    assert inner.due_ratio == wider.due_ratio == 2.0
    assert inner.score > wider.score


def test_never_circle_is_never_suggested_even_with_a_birthday():
    f = ContactFacts(1, "a", "never", birthday="--03-20", last_in=ts(2010, 1, 1))
    assert score(f, W) is None


def test_birthday_alone_is_a_reason_and_comes_first():
    f = ContactFacts(1, "a", "wider", birthday="1990-03-21", last_in=ts(2025, 2, 1), n_in=3, n_out=3)
    s = score(f, W)
    assert s.reasons[0].code == "birthday"
    assert s.occasion == ("birthday", date(2025, 3, 21))
    assert "Mar 21 (in 11 days)" in s.why_now()


def test_contact_without_history_only_for_inner_close_or_an_occasion():
    assert score(ContactFacts(1, "a", "wider"), W) is None
    assert score(ContactFacts(1, "a", "close"), W).reasons[0].code == "first"
    assert score(ContactFacts(1, "a", "wider", dates=[("anniversary", "2010-03-12")]), W).reasons[0].code == "date"


def test_history_factor_rewards_depth_and_reciprocity_within_bounds():
    assert history_factor(0, 0) == pytest.approx(0.21)
    assert history_factor(100, 100) == pytest.approx(1.0, abs=0.01)
    assert history_factor(10, 10) > history_factor(19, 1) > history_factor(20, 0)
    assert history_factor(200, 200) <= 1.0


def test_unloaded_counts_give_an_upper_bound():
    f = ContactFacts(1, "a", "close", last_in=ts(2024, 1, 1))
    bound = score(f, W).score
    f.n_in, f.n_out = 3, 40
    assert score(f, W).score < bound


def test_snooze_hides_until_its_date():
    f = ContactFacts(1, "a", "close", last_in=ts(2024, 1, 1), snoozed_until=ts(2025, 3, 20))
    h = hold(f, W)
    assert isinstance(h, HeldBack) and h.code == "snoozed"
    f.snoozed_until = ts(2025, 3, 1)
    assert hold(f, W) is None


def test_dismissal_cooldown_doubles_in_a_row_and_resets_with_real_contact():
    assert dismissal_cooldown_days(90, 1) == 45
    assert dismissal_cooldown_days(30, 1) == 30  # at least a month
    assert dismissal_cooldown_days(90, 2) == 90
    assert dismissal_cooldown_days(180, 5) == 365  # capped
    f = ContactFacts(1, "a", "close", last_in=ts(2024, 1, 1), dismissals=[ts(2025, 1, 5)])
    assert hold(f, W) is None  # 45 days after Jan 5 is over
    f.dismissals = [ts(2024, 12, 1), ts(2025, 1, 5)]  # twice in a row: 90 days
    assert hold(f, W).code == "dismissed"
    f.last_out = ts(2025, 1, 10)  # real contact after the dismissals
    assert hold(f, W) is None


def test_one_sided_guard_holds_back_then_retries_gently_after_a_year():
    f = ContactFacts(1, "a", "close", last_in=ts(2024, 1, 1), last_out=ts(2024, 6, 1), n_in=10, n_out=13)
    s = score(f, W)
    assert apply_guard(s, Guard(2, ts(2024, 6, 1)), W) is s  # two attempts: fine
    held = apply_guard(score(f, W), Guard(3, ts(2024, 6, 1)), W)
    assert isinstance(held, HeldBack) and held.code == "one_sided" and held.attempts == 3
    old = apply_guard(score(f, W), Guard(3, ts(2023, 12, 1)), W)
    assert not isinstance(old, HeldBack)
    assert old.score == pytest.approx(score(f, W).score * 0.5, abs=0.01)
    assert old.reasons[-1].code == "retry"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_reasons_are_framed_positively_in_both_languages(lang):
    facts = [
        ContactFacts(1, "a", "inner", last_in=ts(2024, 1, 1), n_in=30, n_out=30, birthday="--03-12"),
        ContactFacts(2, "b", "close", dates=[("anniversary", "2001-03-30")]),
    ]
    texts = []
    for f in facts:
        s = score(f, W)
        texts += [r.text(lang) for r in s.reasons]
    s = apply_guard(score(facts[0], W), Guard(4, ts(2023, 1, 1)), W)
    texts += [r.text(lang) for r in s.reasons]
    assert len(texts) >= 5
    for t in texts:
        assert t and not any(bad in t.lower() for bad in ("neglect", "overdue", "ignored", "failed", "忽视", "冷落"))
    if lang == "zh":
        assert any("生日" in t for t in texts)
