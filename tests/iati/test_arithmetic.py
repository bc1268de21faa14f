"""The rulesets' arithmetic: percentages that make exactly 100, budgets of a year at most that add up."""

import datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from kernel.iati import number, percentages, split_amount, yearly_periods

dates = st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2060, 12, 31))
amounts = st.decimals(min_value=0, max_value=Decimal("99999999999999.99"), places=2)


@given(st.integers(min_value=1, max_value=250))
def test_percentages_add_up_to_exactly_one_hundred(count):
    shares = percentages(count)
    assert len(shares) == count
    assert sum(shares) == 100
    assert max(shares) - min(shares) <= Decimal("0.01")


def test_percentages_read_as_people_write_them():
    assert [number(share) for share in percentages(2)] == ["50", "50"]
    assert [number(share) for share in percentages(3)] == ["33.34", "33.33", "33.33"]
    assert [number(share) for share in percentages(1)] == ["100"]


@given(dates, st.integers(min_value=0, max_value=4000))
def test_yearly_periods_cover_the_span_without_gaps_and_none_is_longer_than_a_year(start, days):
    end = start + datetime.timedelta(days=days)
    periods = yearly_periods(start, end)
    assert periods[0][0] == start and periods[-1][1] == end
    for (_, previous_end), (next_start, _) in zip(periods, periods[1:], strict=False):
        assert next_start == previous_end + datetime.timedelta(days=1)
    assert all(0 <= (last - first).days <= 365 for first, last in periods)


def test_a_span_starting_on_new_year_is_cut_into_calendar_years():
    assert yearly_periods(datetime.date(2012, 1, 1), datetime.date(2013, 6, 30)) == [
        (datetime.date(2012, 1, 1), datetime.date(2012, 12, 31)),
        (datetime.date(2013, 1, 1), datetime.date(2013, 6, 30)),
    ]


@given(amounts, dates, st.integers(min_value=0, max_value=4000))
def test_split_amounts_add_up_to_the_total_to_the_cent(total, start, days):
    periods = yearly_periods(start, start + datetime.timedelta(days=days))
    parts = split_amount(total, periods)
    assert len(parts) == len(periods)
    assert sum(parts) == total
    assert all(part >= 0 for part in parts)


def test_full_years_get_equal_shares_and_a_part_year_its_share_by_days():
    periods = yearly_periods(datetime.date(2015, 1, 1), datetime.date(2017, 6, 30))
    first, second, last = split_amount(Decimal("1000000.00"), periods)
    assert first == second
    assert abs(last - first * 181 / 365) < Decimal("0.02")  # 181 days of 2017


def test_the_rounding_remainder_goes_to_the_last_period():
    periods = yearly_periods(datetime.date(2012, 1, 1), datetime.date(2017, 12, 31))
    assert split_amount(Decimal("0.09"), periods) == [Decimal("0.01")] * 5 + [Decimal("0.04")]
