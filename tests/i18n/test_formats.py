"""Dates, numbers, money and country names in the page's language (kernel/l10n.py, CLDR through
Babel): the formats themselves, then the pages that show them, in French and Japanese, with the
English pages as they were and no more queries in one language than in another."""

import datetime
import zoneinfo
from decimal import Decimal

import lxml.html
import pytest
from django.template import Context, Template
from django.utils import translation

from events.models import Event
from kernel import l10n
from kernel.dates import Precision, format_date, format_month_span, format_span
from kernel.quantities import Qualifier
from kernel.taxonomy.models import Country
from tests.factories import ContributionFactory, DonorFactory, EventFactory, ProjectFactory, ResultFactory
from tests.perf.addresses import measure

pytestmark = pytest.mark.django_db

DAY = datetime.date(2022, 12, 2)
NBSP, NNBSP = "\u00a0", "\u202f"


def in_language(language, function, *args, **kwargs):
    with translation.override(language):
        return function(*args, **kwargs)


# The formats -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, day, month, year",
    [
        ("en", "2 December 2022", "December 2022", "2022"),
        ("fr", "2 décembre 2022", "décembre 2022", "2022"),
        ("es", "2 de diciembre de 2022", "diciembre de 2022", "2022"),
        ("ja", "2022年12月2日", "2022年12月", "2022年"),
    ],
)
def test_dates_read_at_their_precision_in_each_language(language, day, month, year):
    assert in_language(language, format_date, DAY) == day
    assert in_language(language, format_date, DAY, Precision.MONTH) == month
    assert in_language(language, format_date, DAY, Precision.YEAR) == year
    assert in_language(language, format_date, None) == ""


@pytest.mark.parametrize(
    "language, span, since, months",
    [
        ("en", "2012–2017", "since December 2022", "May 2017 to December 2022"),
        ("fr", "2012–2017", "depuis décembre 2022", "de mai 2017 à décembre 2022"),
        ("es", "2012–2017", "desde diciembre de 2022", "de mayo de 2017 a diciembre de 2022"),
        ("ja", "2012年–2017年", "2022年12月から", "2017年5月から2022年12月まで"),
    ],
)
def test_spans_say_since_and_to_in_each_language(language, span, since, months):
    start, end = datetime.date(2012, 1, 1), datetime.date(2017, 12, 31)
    assert in_language(language, format_span, start, Precision.YEAR, end, Precision.YEAR) == span
    assert in_language(language, format_span, DAY, Precision.MONTH, None, None) == since
    assert in_language(language, format_month_span, datetime.date(2017, 5, 1), DAY) == months


@pytest.mark.parametrize(
    "language, expected",
    [
        ("en", "2 December 2022, 14:00–17:30 (Asia/Tokyo)"),
        ("fr", "2 décembre 2022, 14:00–17:30 (Asia/Tokyo)"),
        ("ja", "2022年12月2日 14:00–17:30 (Asia/Tokyo)"),
    ],
)
def test_an_event_time_reads_in_the_language_and_its_own_zone(language, expected):
    tokyo = zoneinfo.ZoneInfo("Asia/Tokyo")
    event = Event(
        precision="time",
        timezone="Asia/Tokyo",
        start=datetime.datetime(2022, 12, 2, 14, 0, tzinfo=tokyo),
        end=datetime.datetime(2022, 12, 2, 17, 30, tzinfo=tokyo),
    )
    assert in_language(language, lambda: event.when) == expected
    event.end = datetime.datetime(2022, 12, 3, 12, 0, tzinfo=tokyo)
    assert in_language(language, lambda: event.when).endswith(
        in_language(language, l10n.format_datetime, event.end) + " (Asia/Tokyo)"
    )


@pytest.mark.parametrize(
    "language, small, large, share",
    [
        ("en", "1,234.5", "12,345,678", "0.20%"),
        ("fr", f"1{NNBSP}234,5", f"12{NNBSP}345{NNBSP}678", f"0,20{NBSP}%"),
        ("es", "1.234,5", "12.345.678", f"0,20{NBSP}%"),
        ("ja", "1,234.5", "12,345,678", "0.20%"),
    ],
)
def test_numbers_and_shares_take_the_language_separators(language, small, large, share):
    assert in_language(language, l10n.format_number, Decimal("1234.50")) == small
    assert in_language(language, l10n.format_number, 12345678) == large
    assert in_language(language, l10n.format_percent, Decimal("0.2")) == share
    assert in_language(language, l10n.format_percent, Decimal("1.00")).startswith("1")
    assert in_language(language, l10n.format_number, None) == ""


@pytest.mark.parametrize(
    "language, millions, compact, small, more_than",
    [
        ("en", "about USD 2.83 million", "≈ USD 2.83M", "USD 12,500", "more than USD 271 million"),
        (
            "fr",
            f"environ 2,83{NBSP}M{NBSP}$US",
            f"≈ 2,83{NBSP}M{NBSP}$US",
            f"12{NNBSP}500{NBSP}$US",
            f"plus de 271{NBSP}M{NBSP}$US",
        ),
        (
            "es",
            f"aproximadamente 2,83{NBSP}M{NBSP}US$",
            f"≈ 2,83{NBSP}M{NBSP}US$",
            f"12.500{NBSP}US$",
            f"más de 271{NBSP}M{NBSP}US$",
        ),
        ("ja", "約$282.7万", "≈ $282.7万", "$12,500", "$2.71億超"),
    ],
)
def test_money_in_full_and_compact_with_its_qualifier(language, millions, compact, small, more_than):
    assert in_language(language, l10n.format_usd, Decimal("2827000"), Qualifier.ABOUT) == millions
    assert (
        in_language(language, l10n.format_usd, Decimal("2827000"), Qualifier.ABOUT, compact=True) == compact
    )
    assert in_language(language, l10n.format_usd, Decimal("12500.00")) == small
    assert in_language(language, l10n.format_usd, Decimal("271000000"), Qualifier.MORE_THAN) == more_than
    assert in_language(language, l10n.format_usd, None) == ""


def test_money_in_full_keeps_the_cents_there_are():
    assert in_language("fr", l10n.format_money, Decimal("2827000")) == f"2{NNBSP}827{NNBSP}000{NBSP}$US"
    assert in_language("ja", l10n.format_money, Decimal("12.5")) == "$12.5"
    assert in_language("es", l10n.format_money, Decimal("2827000"), compact=True) == f"2,83{NBSP}M{NBSP}US$"


@pytest.mark.parametrize(
    "language, nepal", [("en", "Nepal"), ("fr", "Népal"), ("es", "Nepal"), ("ja", "ネパール")]
)
def test_countries_are_named_by_cldr_in_the_language(language, nepal):
    country = Country.objects.get(code="NP")
    assert in_language(language, str, country) == nepal
    assert country.name == "Nepal"  # the stored name stays the English one


def test_english_keeps_the_stored_name_and_a_code_cldr_lacks_keeps_it_everywhere():
    assert in_language("en", l10n.country_name, "CI", "Côte d'Ivoire") == "Côte d'Ivoire"
    assert in_language("fr", l10n.country_name, "XX", "Nowhere") == "Nowhere"
    assert in_language("de", l10n.country_name, "NP", "Nepal") == "Nepal"  # not a site language: English


def test_names_sort_in_the_language():
    egypt, germany, japan = (Country.objects.get(code=code) for code in ("EG", "DE", "JP"))
    assert in_language("en", l10n.sorted_by_name, [germany, japan, egypt]) == [egypt, germany, japan]
    assert in_language("fr", l10n.sorted_by_name, [japan, egypt, germany]) == [germany, egypt, japan]


def test_template_filters_follow_the_language():
    template = Template(
        "{% load ilopartners %}"
        "{{ n|number }}|{{ d|day }}|{{ d|month }}|{{ m|usd:'more-than' }}|{{ p|percent }}"
    )
    context = Context({"n": 1234, "d": DAY, "m": Decimal("2827000"), "p": Decimal("0.39")})
    assert (
        in_language("en", template.render, context)
        == "1,234|2 December 2022|December 2022|more than USD 2.83 million|0.39%"
    )
    assert in_language("ja", template.render, context) == "1,234|2022年12月2日|2022年12月|$282.7万超|0.39%"
    assert in_language("fr", template.render, context).startswith(
        f"1{NNBSP}234|2 décembre 2022|décembre 2022|plus de "
    )


# The pages ---------------------------------------------------------------------------------


@pytest.fixture
def project():
    japan = DonorFactory(name="Japan", slug="japan", country=Country.objects.get(code="JP"))
    project = ProjectFactory(
        title="Nepal formalization",
        slug="nepal-formalization",
        countries=["NP", "EG", "DE"],
        donors=[japan],
        start_date=DAY,
        start_precision=Precision.DAY,
        end_date=datetime.date(2024, 6, 1),
        end_precision=Precision.MONTH,
        budget_usd=Decimal("2827000"),
    )
    ResultFactory(project=project, value=Decimal("1200"), qualifier=Qualifier.MORE_THAN)
    return project


def text(response):
    assert response.status_code == 200
    return lxml.html.fromstring(response.content).text_content()


@pytest.mark.parametrize(
    "prefix, shown",
    [
        (
            "",
            ["Nepal", "Egypt", "Germany", "2 December 2022–June 2024", "USD 2.83 million", "More than 1,200"],
        ),
        (
            "/fr",
            [
                "Népal",
                "Égypte",
                "Allemagne",
                "2 décembre 2022–juin 2024",
                f"2,83{NBSP}M{NBSP}$US",
                f"Plus de 1{NNBSP}200",
            ],
        ),
        ("/ja", ["ネパール", "エジプト", "ドイツ", "2022年12月2日–2024年6月", "$282.7万", "1,200超"]),
    ],
)
def test_project_page_shows_dates_money_and_countries_in_its_language(client, project, prefix, shown):
    page = text(client.get(f"{prefix}/projects/nepal-formalization/"))
    for expected in shown:
        assert expected in page, expected


def test_project_page_lists_countries_in_the_language_order(client, project):
    def countries(prefix):
        html = lxml.html.fromstring(client.get(f"{prefix}/projects/nepal-formalization/").content)
        # Each links to its country's page.
        return [a.text for a in html.xpath("//dd//a[contains(@href, '/countries/')]")]

    assert countries("") == ["Egypt", "Germany", "Nepal"]
    assert countries("/fr") == ["Allemagne", "Égypte", "Népal"]


def test_project_list_facets_options_and_chips_name_countries_in_the_language(client, project):
    html = lxml.html.fromstring(client.get("/fr/projects/?country=NP").content)
    facet = [label.text for label in html.xpath("//input[@name='country']/following-sibling::label/span[1]")]
    assert facet == ["Allemagne", "Égypte", "Népal"]
    chips = " ".join(chip.text_content() for chip in html.xpath("//a[@class='chip']"))
    assert "Népal" in chips and "Nepal" not in chips
    english = lxml.html.fromstring(client.get("/projects/?country=NP").content)
    facet = [
        label.text for label in english.xpath("//input[@name='country']/following-sibling::label/span[1]")
    ]
    assert facet == ["Egypt", "Germany", "Nepal"]


def test_event_and_donor_pages_name_the_country_in_the_language(client, project):
    EventFactory(slug="tokyo-seminar", city="Tokyo", country=Country.objects.get(code="JP"))
    assert "Tokyo, 日本" in text(client.get("/ja/events/tokyo-seminar/"))
    assert "Japon" in text(client.get("/fr/donors/japan/"))
    assert "Japan" in text(client.get("/donors/japan/"))


def test_donor_contributions_and_chart_show_money_in_the_language(client, project):
    ContributionFactory(
        donor=project.donors.get(), amount_usd=Decimal("271000000"), amount_qualifier=Qualifier.MORE_THAN
    )
    french = text(client.get("/fr/donors/japan/"))
    assert f"plus de 271{NBSP}M{NBSP}$US" in french  # the table
    assert f"Plus de 271{NBSP}M{NBSP}$US" in french  # the totals
    assert f"> 271{NBSP}M{NBSP}$US" in french  # the chart's label
    japanese = text(client.get("/ja/donors/japan/"))
    assert "$2.71億超" in japanese
    assert "more than USD 271 million" in text(client.get("/donors/japan/"))


def test_facet_counts_take_the_language_separators():
    rendered = in_language(
        "fr",
        Template("{% load ilopartners %}({{ count|number }})").render,
        Context({"count": 1234}),
    )
    assert rendered == f"(1{NNBSP}234)"


@pytest.mark.parametrize("path", ["/projects/", "/projects/nepal-formalization/", "/donors/japan/"])
def test_another_language_costs_no_more_queries(client, project, path):
    measure(client, path)  # the first request of a test makes the content's version once
    english = measure(client, path)
    for prefix in ("/fr", "/ja"):
        other = measure(client, prefix + path)
        assert other.count == english.count, (prefix, english.queries, other.queries)


def test_the_api_names_a_country_in_the_language_asked_for(client):
    assert client.get("/api/v1/countries/NP/", {"lang": "fr"}).json()["name_label"] == "Népal"
    answer = client.get("/api/v1/countries/NP/", HTTP_ACCEPT_LANGUAGE="ja").json()
    assert (answer["name"], answer["name_label"]) == ("Nepal", "ネパール")
    assert client.get("/api/v1/countries/NP/").json()["name_label"] == "Nepal"
