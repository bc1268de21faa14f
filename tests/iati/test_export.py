"""Projects as an IATI 2.03 activities file: schema-valid, rulesets followed, codes as the codelists say."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings

from kernel.iati import EXTENSION_NAMESPACE, XML_LANG, ilo
from kernel.publishing import Status
from projects.iati import activities_document, iter_activities_document
from projects.models import Participant, Project
from tests.factories import (
    OrganisationFactory,
    ParticipantFactory,
    ProjectFactory,
    region,
    sdg,
)
from tests.iati.rules import activity, activity_rule_errors, parse, schema_errors

pytestmark = pytest.mark.django_db

ILO = "XM-DAC-41302"
WAY_OUT = f"{ILO}-way-out-of-informality"


@pytest.fixture(scope="module")
def seed_file(seed, django_db_blocker):
    """The seed's export, made once for the module."""
    with django_db_blocker.unblock():
        return activities_document(Project.objects.all())


def test_seed_export_validates_against_the_iati_203_schema(seed_file):
    assert schema_errors(seed_file, "activities") == []


def test_seed_export_holds_every_project_under_an_ilo_identifier(seed_file):
    root = parse(seed_file)
    assert root.get("version") == "2.03"
    identifiers = [node.findtext("iati-identifier") for node in root.iterfind("iati-activity")]
    assert len(identifiers) == 16
    assert all(identifier.startswith(f"{ILO}-") for identifier in identifiers)
    assert len(set(identifiers)) == 16


def test_seed_export_follows_the_iati_rulesets(seed_file):
    root = parse(seed_file)
    errors = [error for node in root.iterfind("iati-activity") for error in activity_rule_errors(node)]
    assert errors == []


def test_every_activity_sets_language_currency_and_the_ilo_as_reporting_org(seed_file):
    for node in parse(seed_file).iterfind("iati-activity"):
        assert node.get(XML_LANG) == "en"
        assert node.get("default-currency") == "USD"
        reporting = node.find("reporting-org")
        assert (reporting.get("ref"), reporting.get("type")) == (ILO, "40")
        assert reporting.findtext("narrative") == "International Labour Organization"
        assert ILO in [org.get("ref") for org in node.iterfind("participating-org")]


def test_way_out_of_informality_codes(seed_file):
    node = activity(parse(seed_file), WAY_OUT)
    assert node.find("activity-status").get("code") == "4"
    dates = {date.get("type"): date.get("iso-date") for date in node.iterfind("activity-date")}
    assert dates == {"2": "2012-01-01", "4": "2017-12-31"}  # actual start and actual end: closed
    countries = {c.get("code"): Decimal(c.get("percentage")) for c in node.iterfind("recipient-country")}
    assert set(countries) == {"BD", "IN", "NP"}
    assert sum(countries.values()) == 100
    assert node.find("recipient-region") is None  # countries only, so percentages stay at 100
    sectors = {s.get("code"): s.get("percentage") for s in node.iterfind("sector")}
    assert sectors == {"16020": "50", "16080": "50"}  # informal economy, social dialogue
    assert all(s.get("vocabulary") == "1" for s in node.iterfind("sector"))
    # The seed gives the project SDGs 1 and 8; SDG 8 is decent work and economic growth.
    assert ("2", "8") in [(tag.get("vocabulary"), tag.get("code")) for tag in node.iterfind("tag")]
    roles = {
        (org.findtext("narrative"), org.get("role"), org.get("type"))
        for org in node.iterfind("participating-org")
    }
    assert roles == {("Government of Japan", "1", "10"), ("International Labour Organization", "4", "40")}


def test_way_out_of_informality_results_are_outcome_indicators_with_actual_values(seed_file):
    node = activity(parse(seed_file), WAY_OUT)
    results = node.findall("result")
    assert [result.get("type") for result in results] == ["2"] * 6
    actuals = [result.find("indicator/period/actual") for result in results]
    assert [a.get("value") for a in actuals if a is not None] == ["2300", "2827", "500", "1400"]
    registered = results[2]
    assert registered.findtext("title/narrative") == "Micro entrepreneurs registered in Nepal"
    indicator = registered.find("indicator")
    assert indicator.get("measure") == "1"
    assert indicator.findtext("title/narrative") == "micro entrepreneurs"
    assert indicator.get(ilo("qualifier")) == "more-than"
    assert indicator.find("period/period-start").get("iso-date") == "2012-01-01"
    assert indicator.find("period/period-end").get("iso-date") == "2017-12-31"
    assert (
        indicator.findtext("period/actual/comment/narrative") == "more than 2,827 micro entrepreneurs (Nepal)"
    )
    qualitative = results[0].find("indicator")
    assert qualitative.get("measure") == "5"
    assert qualitative.find("period") is None


def test_parent_and_children_are_related_activities(seed_file):
    root = parse(seed_file)
    fund = activity(root, f"{ILO}-social-safety-nets-fund")
    assert {(r.get("type"), r.get("ref")) for r in fund.iterfind("related-activity")} == {
        ("2", f"{ILO}-livelihoods-through-entrepreneurship-cambodia-lao-thailand"),
        ("2", f"{ILO}-resilient-employment-and-livelihoods-fiji"),
    }
    fiji = activity(root, f"{ILO}-resilient-employment-and-livelihoods-fiji")
    assert [(r.get("type"), r.get("ref")) for r in fiji.iterfind("related-activity")] == [
        ("1", f"{ILO}-social-safety-nets-fund")
    ]
    assert fiji.get("hierarchy") == "2"


def test_a_project_without_countries_names_its_regions(seed_file):
    node = activity(parse(seed_file), f"{ILO}-strengthening-sse-in-asia")
    regions = [
        (r.get("vocabulary"), r.get("code"), r.get("percentage")) for r in node.iterfind("recipient-region")
    ]
    assert regions == [("1", "798", "100")]  # OECD DAC: Asia, regional
    assert node.find("activity-scope").get("code") == "2"


def test_a_project_without_a_start_date_gets_a_marked_planned_start(seed_file):
    node = activity(parse(seed_file), f"{ILO}-insight-industrial-relations")
    (start,) = node.findall("activity-date")
    assert start.get("type") == "1"
    assert start.get(ilo("precision")) == "unknown"
    assert "not recorded" in start.findtext("narrative")


def test_a_project_without_themes_gets_sector_not_specified(seed_file):
    node = activity(parse(seed_file), f"{ILO}-ilo-jica-technical-collaboration")
    assert [(s.get("code"), s.get("percentage")) for s in node.iterfind("sector")] == [("99810", "100")]


def test_the_stored_identifier_is_used_when_there_is_one(db):
    ProjectFactory(slug="decent-work", iati_identifier=f"{ILO}-JPN-101")
    root = parse(activities_document(Project.objects.all()))
    assert [node.findtext("iati-identifier") for node in root.iterfind("iati-activity")] == [f"{ILO}-JPN-101"]
    assert Project(slug="x").iati_id == f"{settings.ILO_IATI_IDENTIFIER}-x"


@pytest.mark.parametrize(
    ("status", "start", "end", "expected"),
    [
        ("1", datetime.date(2030, 1, 1), datetime.date(2032, 12, 31), {"1": "2030-01-01", "3": "2032-12-31"}),
        ("2", datetime.date(2015, 1, 1), datetime.date(2030, 12, 31), {"2": "2015-01-01", "3": "2030-12-31"}),
        ("4", datetime.date(2010, 3, 1), datetime.date(2014, 6, 30), {"2": "2010-03-01", "4": "2014-06-30"}),
        # A closed project whose end lies ahead (a data slip) still never claims an actual future date.
        ("4", datetime.date(2010, 3, 1), datetime.date(2099, 6, 30), {"2": "2010-03-01", "3": "2099-06-30"}),
        ("2", datetime.date(2099, 1, 1), None, {"1": "2099-01-01"}),
    ],
)
def test_activity_dates_are_actual_only_when_they_have_happened(db, status, start, end, expected):
    ProjectFactory(status=status, start_date=start, end_date=end)
    (node,) = parse(activities_document(Project.objects.all())).iterfind("iati-activity")
    assert {d.get("type"): d.get("iso-date") for d in node.iterfind("activity-date")} == expected
    assert activity_rule_errors(node) == []


def test_a_multi_year_budget_is_split_into_yearly_budgets_that_add_up(db):
    ProjectFactory(
        start_date=datetime.date(2015, 1, 1),
        end_date=datetime.date(2017, 12, 31),
        budget_usd=Decimal("1000000.00"),
    )
    document = activities_document(Project.objects.all())
    assert schema_errors(document, "activities") == []
    (node,) = parse(document).iterfind("iati-activity")
    budgets = [
        (
            b.get("type"),
            b.get("status"),
            b.find("period-start").get("iso-date"),
            b.find("period-end").get("iso-date"),
        )
        for b in node.iterfind("budget")
    ]
    assert budgets == [
        ("1", "1", "2015-01-01", "2015-12-31"),
        ("1", "1", "2016-01-01", "2016-12-31"),
        ("1", "1", "2017-01-01", "2017-12-31"),
    ]
    values = [b.find("value") for b in node.iterfind("budget")]
    assert [v.text for v in values] == ["333333.33", "333333.33", "333333.34"]
    assert [v.get("value-date") for v in values] == ["2015-01-01", "2016-01-01", "2017-01-01"]
    assert all(v.get("currency") == "USD" for v in values)
    assert activity_rule_errors(node) == []


def test_a_budget_without_known_dates_stays_out_of_iati_but_in_the_extension(db):
    ProjectFactory(start_date=datetime.date(2015, 1, 1), end_date=None, budget_usd=Decimal("5000.00"))
    (node,) = parse(activities_document(Project.objects.all())).iterfind("iati-activity")
    assert node.find("budget") is None
    assert node.find(ilo("project")).get("budget-usd") == "5000.00"


def test_participants_keep_their_roles_types_and_refs(db):
    project = ProjectFactory()
    funder = OrganisationFactory(name="Agency", type="10", iati_identifier="JP-AGENCY-1")
    ParticipantFactory(project=project, organisation=funder, role=Participant.Role.FUNDING, amount_usd=250)
    ParticipantFactory(project=project, role=Participant.Role.EXTENDING)
    (node,) = parse(activities_document(Project.objects.all())).iterfind("iati-activity")
    orgs = [
        (o.get("role"), o.get("ref"), o.get("type"), o.get(ilo("implied")))
        for o in node.iterfind("participating-org")
    ]
    assert orgs == [("1", "JP-AGENCY-1", "10", None), ("3", None, "10", None), ("2", ILO, "40", "1")]
    assert node.find("participating-org").get(ilo("amount-usd")) == "250.00"


def test_countries_share_exactly_one_hundred_percent(db):
    ProjectFactory(
        countries=["BD", "IN", "NP", "LK", "PK", "AF"], themes=["green-jobs", "enterprises", "child-labour"]
    )
    (node,) = parse(activities_document(Project.objects.all())).iterfind("iati-activity")
    shares = [Decimal(c.get("percentage")) for c in node.iterfind("recipient-country")]
    assert sum(shares) == 100 and len(shares) == 6
    sectors = [Decimal(s.get("percentage")) for s in node.iterfind("sector")]
    assert sectors == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]


def test_regions_and_sdgs_round_out_a_regional_project(db):
    project = ProjectFactory()
    project.regions.set([region("africa"), region("americas")])
    project.sdgs.set([sdg(5), sdg(8)])
    (node,) = parse(activities_document(Project.objects.all())).iterfind("iati-activity")
    assert [(r.get("code"), r.get("percentage")) for r in node.iterfind("recipient-region")] == [
        ("298", "50"),
        ("498", "50"),
    ]
    assert [(t.get("vocabulary"), t.get("code")) for t in node.iterfind("tag")] == [("2", "5"), ("2", "8")]


def test_draft_relatives_and_donors_are_not_named_to_the_public(db):
    parent = ProjectFactory(slug="draft-fund", publication_status=Status.DRAFT, published_at=None)
    child = ProjectFactory(slug="public-child", parent=parent)
    document = activities_document(Project.objects.filter(pk=child.pk))
    assert b"draft-fund" not in document
    (node,) = parse(document).iterfind("iati-activity")
    assert node.find("related-activity") is None
    assert node.get("hierarchy") is None  # not even that it has a parent the public cannot see


def test_a_listing_queryset_exports_without_naming_its_draft_parent(db):
    parent = ProjectFactory(slug="draft-fund", publication_status=Status.DRAFT, published_at=None)
    ProjectFactory(slug="public-child", parent=parent, countries=["NP"])
    document = activities_document(Project.objects.published().for_listing())
    assert schema_errors(document, "activities") == []
    assert b"draft-fund" not in document


def test_streaming_yields_one_piece_per_activity_and_the_same_file(seed):
    pieces = list(iter_activities_document(Project.objects.all()))
    assert len(pieces) == 16 + 2
    assert pieces[0].startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert pieces[-1] == b"</iati-activities>\n"
    assert all(piece.lstrip().startswith(b"<iati-activity") for piece in pieces[1:-1])
    assert schema_errors(b"".join(pieces), "activities") == []
    assert EXTENSION_NAMESPACE.encode() in pieces[0]


def test_text_an_editor_pasted_with_control_characters_still_exports(db):
    ProjectFactory(title="Bad\x0bpaste\x1b title", summary="**Bold** summary")
    document = activities_document(Project.objects.all())
    assert schema_errors(document, "activities") == []
    (node,) = parse(document).iterfind("iati-activity")
    assert node.findtext("title/narrative") == "Badpaste title"
    assert node.findtext("description/narrative") == "Bold summary"


# ------------------------------------------------------------------ sources as document-links


PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def sourced(seed, settings, tmp_path):
    """The seed's brochure uploaded as a PDF, and the news item online."""
    from django.core.files.base import ContentFile

    from kernel.taxonomy.models import Source

    settings.SOURCE_FILES_DIR = tmp_path
    brochure = Source.objects.get(slug="japan-ilo-cooperation-2017")
    brochure.file.save("brochure.pdf", ContentFile(PDF))
    news = Source.objects.get(slug="decent-work-sse-seminar-news-2022")
    news.url = "https://www.ilo.org/tokyo/news/sse-seminar"
    news.language = "ja"
    news.save()
    Project.objects.filter(slug="strengthening-sse-in-asia").update(source=news)
    return brochure, news


def test_each_project_carries_its_source_as_a_document_link(sourced):
    brochure, news = sourced
    document = activities_document(Project.objects.all(), base_url="https://partners.ilo.org/")
    assert schema_errors(document, "activities") == []
    assert [e for n in parse(document).iterfind("iati-activity") for e in activity_rule_errors(n)] == []
    node = activity(parse(document), WAY_OUT).find("document-link")
    assert node.get("url") == "https://partners.ilo.org/sources/japan-ilo-cooperation-2017/file/"
    assert node.get("format") == "application/pdf"
    assert node.find("title").findtext("narrative") == "Japan ILO Cooperation"
    assert node.find("category").get("code") == "A02"
    assert node.find("language").get("code") == "en"
    assert node.find("document-date").get("iso-date") == "2017-05-01"
    assert node.get(ilo("date-precision")) == "month"
    assert node.get(ilo("slug")) == "japan-ilo-cooperation-2017"


def test_an_online_source_links_to_its_address(sourced):
    _, news = sourced
    document = activities_document(Project.objects.filter(slug="strengthening-sse-in-asia"))
    node = parse(document).find("iati-activity/document-link")
    assert (node.get("url"), node.get("format")) == (news.url, "text/html")
    assert node.find("category").get("code") == "A12"
    assert node.find("language").get("code") == "ja"


def test_the_document_link_comes_where_the_schema_puts_it(sourced):
    (node,) = [
        n
        for n in parse(activities_document(Project.objects.all())).iterfind("iati-activity")
        if n.findtext("iati-identifier") == WAY_OUT
    ]
    tags = [child.tag for child in node if isinstance(child.tag, str)]
    assert tags.index("document-link") > max(
        i for i, tag in enumerate(tags) if tag in ("sector", "budget", "tag")
    )


def test_a_source_with_neither_file_nor_address_gives_no_link(seed):
    """The seed's sources are kept as archived originals only: no link, and the file stays valid."""
    document = activities_document(Project.objects.all())
    assert parse(document).find("iati-activity/document-link") is None


def test_the_api_file_links_sources_on_the_requests_own_address(client, sourced):
    response = client.get("/api/v1/projects/?format=iati")
    if response.status_code == 406:  # the IATI format is asked by Accept on this API
        response = client.get("/api/v1/projects/", HTTP_ACCEPT="application/xml")
    document = b"".join(response.streaming_content)
    assert b'url="http://testserver/sources/japan-ilo-cooperation-2017/file/"' in document
