"""Contributions are added up per kind, period and qualifier (one rule on the model), the profile
and fact sheet show them so, and the fact sheet states the date of what it lists when that comes
after the profile's. The seed's Japan profile lists its priority areas once."""

import datetime
import re
from decimal import Decimal

import pytest

from donors.models import Contribution
from tests.factories import ContributionFactory, DonorFactory

pytestmark = pytest.mark.django_db


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_totals_group_by_kind_period_and_qualifier():
    japan, korea = DonorFactory(), DonorFactory()
    ContributionFactory(donor=japan, kind="assessed", amount_usd="271000000", amount_qualifier="more-than")
    ContributionFactory(donor=japan, amount_usd="31800000")
    ContributionFactory(donor=korea, amount_usd="1000000")
    ContributionFactory(donor=korea, amount_usd="2000000", amount_qualifier="about")
    ContributionFactory(donor=japan, amount_usd="12500000", year_from=2022, year_to=2023)
    ContributionFactory(donor=japan, kind="in-kind", amount_usd=None, year_from=2017, year_to=2017)
    totals = [
        (t.kind, t.period, t.qualifier, t.amount_usd, t.count, t.donors)
        for t in Contribution.objects.totals()
    ]
    assert totals == [
        ("voluntary-earmarked", "2022–2023", "", Decimal("12500000"), 1, 1),
        ("assessed", "2012–2017", "more-than", Decimal("271000000"), 1, 1),
        ("voluntary-earmarked", "2012–2017", "", Decimal("32800000"), 2, 2),
        ("voluntary-earmarked", "2012–2017", "about", Decimal("2000000"), 1, 1),
        ("in-kind", "2017", "", None, 1, 1),
    ]


def test_a_later_contribution_does_not_change_the_earlier_figure(client):
    japan = DonorFactory(name="Japan")
    ContributionFactory(donor=japan, kind="assessed", amount_usd="271000000", amount_qualifier="more-than")
    ContributionFactory(donor=japan, amount_usd="31800000")
    before = text_of(client.get(japan.get_absolute_url()).content.decode())
    ContributionFactory(donor=japan, amount_usd="12500000", year_from=2022, year_to=2023)
    after = text_of(client.get(japan.get_absolute_url()).content.decode())
    for text in (before, after):
        assert "More than USD 271 million , assessed, 2012–2017" in text
        assert "USD 31.8 million , voluntary, earmarked, 2012–2017" in text
        assert "302.8" not in text and "315.3" not in text
    assert "USD 12.5 million , voluntary, earmarked, 2022–2023" in after


def test_the_seed_fact_sheet_states_both_dates(client, seed):
    html = client.get("/donors/japan/fact-sheet/").content.decode()
    stamp = text_of(re.search(r'<p class="sheet__stamp">.*?</p>', html, re.S).group())
    assert "Profile as of May 2017" in stamp
    assert "Projects and events as reported to December 2022" in stamp
    text = text_of(html)
    assert "2 December 2022: Decent Work and the Social and Solidarity Economy" in text
    assert "Implementation" not in text and "Ongoing" not in text  # no state without its date
    assert "302.8" not in text


def test_a_fact_sheet_with_nothing_newer_states_one_date(client):
    donor = DonorFactory(profile_as_of=datetime.date(2024, 5, 1))
    html = client.get(f"/donors/{donor.slug}/fact-sheet/").content.decode()
    stamp = text_of(re.search(r'<p class="sheet__stamp">.*?</p>', html, re.S).group())
    assert "Profile as of May 2024" in stamp
    assert "reported to" not in stamp


def test_the_seed_japan_profile_lists_its_priority_areas_once(client, seed):
    text = text_of(client.get("/donors/japan/").content.decode())
    for area in ["Peace building", "Poverty reduction", "Resilient international community"]:
        assert text.count(area) == 1, area
    # its ODA and contributions are said once too, in their own tables
    assert text.count("10.37 billion") == 1
    assert text.count("Good governance, gender equality and human security") == 1
