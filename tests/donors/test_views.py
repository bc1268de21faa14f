"""The public donor pages: the list, the profile a brochure reader recognises (facts, contributions
table and chart, ODA, priorities, projects under their fund, events, partners), the one-page fact
sheet, and the organisation pages."""

import datetime

import pytest
from django.urls import reverse

from donors.models import Contribution, Donor
from kernel.publishing import Status
from organisations.models import Organisation
from projects.models import Participant, Project
from tests.factories import (
    ContributionFactory,
    DonorFactory,
    EventFactory,
    OdaFigureFactory,
    OrganisationFactory,
    OrganiserFactory,
    ParticipantFactory,
    PriorityAreaFactory,
    ProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LIST = reverse("donors:list")


def names(response):
    return sorted(str(row) for row in response.context["object_list"])


# ------------------------------------------------------------------ the list


@pytest.fixture
def donors():
    japan = DonorFactory(
        name="Japan", slug="japan", country_id="JP", ilo_member_since=1919, founding_member=True
    )
    DonorFactory(name="Republic of Korea", slug="republic-of-korea", country_id="KR")
    DonorFactory(name="Green Foundation", kind=Donor.Kind.FOUNDATION, country_id="CH")
    DonorFactory(name="Hidden Donor", publication_status=Status.DRAFT, published_at=None)
    ProjectFactory.create_batch(2, donors=[japan])
    ProjectFactory(donors=[japan], publication_status=Status.DRAFT, published_at=None)
    return japan


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Green Foundation", "Japan", "Republic of Korea"]),
        ("kind=foundation", ["Green Foundation"]),
        ("region=asia-pacific", ["Japan", "Republic of Korea"]),
        ("region=asia-pacific&kind=foundation", []),
        ("q=korea", ["Republic of Korea"]),
        ("country=CH", ["Green Foundation"]),
    ],
)
def test_donor_filters(client, donors, query, expected):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    assert names(response) == expected


def test_donor_list_counts_published_projects_only(client, donors):
    response = client.get(LIST)
    japan = next(donor for donor in response.context["object_list"] if donor.slug == "japan")
    assert japan.project_count == 2
    assert "2 projects" in response.content.decode()


def test_donor_list_facets_and_sort(client, donors):
    response = client.get(f"{LIST}?sort=-name")
    assert [d.name for d in response.context["object_list"]] == [
        "Republic of Korea",
        "Japan",
        "Green Foundation",
    ]
    groups = {
        group.name: {o.value: o.count for o in group.options} for group in response.context["facet_groups"]
    }
    assert groups["kind"] == {"member-state": 2, "foundation": 1}
    assert groups["region"]["asia-pacific"] == 2


def test_hidden_donor_is_not_listed_and_is_404(client, donors):
    assert "Hidden Donor" not in client.get(LIST).content.decode()
    hidden = Donor.objects.get(name="Hidden Donor")
    assert client.get(hidden.get_absolute_url()).status_code == 404


# ------------------------------------------------------------------ the profile


@pytest.fixture
def japan():
    japan = DonorFactory(
        name="Japan",
        short_name="Japan",
        slug="japan",
        country_id="JP",
        ilo_member_since=1919,
        founding_member=True,
        conventions_fundamental=6,
        conventions_governance=3,
        conventions_technical=40,
        governing_body_seat=Donor.GoverningBodySeat.PERMANENT,
        profile="Japan is a **founding member** State of the ILO.",
        profile_as_of=datetime.date(2017, 5, 1),
    )
    ContributionFactory(
        donor=japan,
        kind=Contribution.Kind.ASSESSED,
        amount_usd="271000000",
        amount_qualifier="more-than",
        rank=2,
        rank_note="second largest contributor to the ILO's regular budget",
    )
    ContributionFactory(donor=japan, kind=Contribution.Kind.VOLUNTARY_EARMARKED, amount_usd="31800000")
    jccu = OrganisationFactory(name="Japanese Consumers' Co-operative Union", acronym="JCCU")
    ContributionFactory(
        donor=japan,
        kind=Contribution.Kind.IN_KIND,
        year_from=2017,
        year_to=2017,
        amount_usd=None,
        channel=jccu,
        description="Specialists from the JCCU.",
    )
    OdaFigureFactory(donor=japan, year=2016, amount_usd="10370000000", gni_percent="0.20")
    PriorityAreaFactory(donor=japan, name="Peace building", position=1)
    PriorityAreaFactory(donor=japan, name="Poverty reduction", detail="education, health", position=2)
    mhlw = OrganisationFactory(name="Ministry of Health, Labour and Welfare", acronym="MHLW", donor=japan)
    fund = ProjectFactory(title="SSN Fund", kind=Project.Kind.FUND, donors=[japan], start_date=None)
    ProjectFactory(title="Fiji livelihoods", parent=fund, donors=[japan], countries=["FJ"])
    ProjectFactory(title="Way out of Informality", donors=[japan], countries=["NP"])
    ProjectFactory(title="Draft project", donors=[japan], publication_status=Status.DRAFT, published_at=None)
    ParticipantFactory(project=fund, organisation=mhlw, role=Participant.Role.FUNDING)
    implementer = OrganisationFactory(name="Community Road Empowerment", acronym="CORE")
    ParticipantFactory(project=Project.objects.get(title="Way out of Informality"), organisation=implementer)
    secret = OrganisationFactory(name="Partner of a draft only")
    ParticipantFactory(project=Project.objects.get(title="Draft project"), organisation=secret)
    EventFactory(title="SSE seminar").donors.add(japan)
    return japan


def test_profile_shows_the_headline_facts(client, japan):
    html = client.get(japan.get_absolute_url()).content.decode()
    assert "<h1>Japan</h1>" in html
    assert "1919 — a founding member" in html
    assert "<dd>49 <span" in html
    assert "6 fundamental, 3 governance, 40 technical" in html
    assert "Permanent titular seat" in html
    assert "May 2017" in html
    assert "<strong>founding member</strong>" in html


def test_profile_contributions_table_and_its_chart(client, japan):
    html = client.get(japan.get_absolute_url()).content.decode()
    # the table
    assert "more than USD 271 million" in html
    assert "USD 31.8 million" in html
    assert "Second largest contributor to the ILO&#x27;s regular budget." in html
    assert "not valued" in html
    assert "Japanese Consumers&#x27; Co-operative Union (JCCU)" in html
    # the chart: server-rendered SVG, labelled, one bar per stated amount
    assert '<svg class="chart__svg" width="100%"' in html
    assert 'role="group" aria-labelledby="contributions-chart-title"' in html
    assert "<title>Contributions to the ILO by Japan</title>" in html
    assert html.count('<rect class="chart__bar chart__bar--contribution"') == 2
    assert 'width="62.0%"' in html  # the largest bar
    assert "&gt; USD 271M" in html
    assert "USD 31.8M" in html
    # no total across kinds and qualifiers: each kind with its period and qualifier
    assert "USD 302.8 million" not in html
    assert "More than USD 271 million</strong>, assessed, 2012–2017" in html
    assert "USD 31.8 million</strong>, voluntary, earmarked, 2012–2017" in html


def test_profile_oda_and_priority_areas(client, japan):
    html = client.get(japan.get_absolute_url()).content.decode()
    assert "USD 10.37 billion" in html
    assert "0.20%" in html
    assert "<strong>Peace building</strong>" in html
    assert html.index("Peace building") < html.index("Poverty reduction")


def test_profile_groups_projects_under_their_fund(client, japan):
    response = client.get(japan.get_absolute_url())
    groups = [
        (project.title, [child.title for child in children])
        for project, children in response.context["project_groups"]
    ]
    assert ("SSN Fund", ["Fiji livelihoods"]) in groups
    assert ("Way out of Informality", []) in groups
    assert "Draft project" not in response.content.decode()
    assert len(groups) == 2


def test_profile_lists_events_and_partner_organisations(client, japan):
    response = client.get(japan.get_absolute_url())
    html = response.content.decode()
    assert "SSE seminar" in html
    partners = {organisation.name for organisation in response.context["partners"]}
    assert partners == {
        "Ministry of Health, Labour and Welfare",
        "Community Road Empowerment",
        "Japanese Consumers' Co-operative Union",
    }
    assert "counted under Japan" in html


def test_profile_of_a_donor_with_nothing_yet(client):
    donor = DonorFactory(name="New Partner")
    html = client.get(donor.get_absolute_url()).content.decode()
    assert "No contributions recorded yet." in html
    assert "No projects recorded yet." in html
    assert '<svg class="chart__svg"' not in html


def test_fact_sheet_is_one_printable_page(client, japan):
    response = client.get(reverse("donors:fact_sheet", args=["japan"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Japan</h1>" in html
    assert "more than USD 271 million" in html
    assert "SSN Fund</strong>" in html
    assert "Fiji livelihoods" in html
    assert "data-print" in html
    assert "/static/js/print.js" in html


def test_fact_sheet_of_a_draft_donor_is_404(client):
    draft = DonorFactory(publication_status=Status.DRAFT, published_at=None)
    assert client.get(reverse("donors:fact_sheet", args=[draft.slug])).status_code == 404


def test_staff_see_a_draft_profile_marked(client):
    draft = DonorFactory(name="Draft Partner", publication_status=Status.DRAFT, published_at=None)
    client.force_login(UserFactory(is_staff=True))
    html = client.get(draft.get_absolute_url()).content.decode()
    assert "Draft — not public" in html


# ------------------------------------------------------------------ organisations


@pytest.fixture
def ilo():
    ilo = OrganisationFactory(
        name="International Labour Organization",
        acronym="ILO",
        slug="ilo",
        category=Organisation.Category.ILO,
        type=Organisation.Type.MULTILATERAL,
    )
    OrganisationFactory(name="ILO Office for Japan", parent=ilo, category=Organisation.Category.ILO)
    OrganisationFactory(name="Hidden unit", parent=ilo, publication_status=Status.DRAFT, published_at=None)
    ParticipantFactory(organisation=ilo, project=ProjectFactory(title="Way out of Informality"), role="4")
    ParticipantFactory(organisation=ilo, project=ProjectFactory(title="SSN Fund"), role="2")
    ParticipantFactory(
        organisation=ilo,
        role="4",
        project=ProjectFactory(title="Draft work", publication_status=Status.DRAFT, published_at=None),
    )
    OrganiserFactory(
        organisation=ilo, event=EventFactory(title="International Labour Conference"), role="host"
    )
    return ilo


def test_organisation_page(client, ilo):
    html = client.get(ilo.get_absolute_url()).content.decode()
    assert "International Labour Organization" in html
    assert "ILO office or unit" in html
    assert "Multilateral (40)" in html
    assert "ILO Office for Japan" in html
    assert "Hidden unit" not in html
    assert html.index("<h3>Accountable</h3>") < html.index("SSN Fund") < html.index("<h3>Implementing</h3>")
    assert "Way out of Informality" in html
    assert "Draft work" not in html
    assert "International Labour Conference" in html
    assert "Role: Host" in html


def test_organisation_list_filters(client, ilo):
    response = client.get(f"{reverse('organisations:list')}?category=ilo")
    assert names(response) == ["ILO Office for Japan", "International Labour Organization (ILO)"]
    response = client.get(f"{reverse('organisations:list')}?q=japan")
    assert names(response) == ["ILO Office for Japan"]


# ------------------------------------------------------------------ from the seed


def test_seed_japan_profile_reads_like_the_brochure(client, seed):
    response = client.get(reverse("donors:detail", args=["japan"]))
    html = response.content.decode()
    assert "more than USD 271 million" in html
    assert "USD 31.8 million" in html
    assert "2012–2017" in html
    assert "Peace building" in html
    groups = {
        project.slug: [child.slug for child in children]
        for project, children in response.context["project_groups"]
    }
    assert "resilient-employment-and-livelihoods-fiji" in groups["social-safety-nets-fund"]
    assert "way-out-of-informality" in groups


def test_seed_korea_profile(client, seed):
    html = client.get(reverse("donors:detail", args=["republic-of-korea"])).content.decode()
    assert "Strengthening the Social and Solidarity Economy in Asia" in html
