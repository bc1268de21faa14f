"""/api/v1/donors/, /contributions/ and /organisations/."""

import pytest

from donors.models import Contribution, Donor, OdaFigure
from kernel.publishing import Status
from organisations.models import Organisation
from tests.api.util import csv_rows, slugs
from tests.factories import (
    ContributionFactory,
    DonorFactory,
    EventFactory,
    OdaFigureFactory,
    OrganisationFactory,
    PriorityAreaFactory,
    ProjectFactory,
    country,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def donors():
    japan = DonorFactory(
        slug="japan",
        name="Japan",
        kind=Donor.Kind.MEMBER_STATE,
        country=country("JP"),
        featured=True,
        ilo_member_since=1919,
        founding_member=True,
    )
    korea = DonorFactory(
        slug="republic-of-korea",
        name="Republic of Korea",
        kind=Donor.Kind.MEMBER_STATE,
        country=country("KR"),
        ilo_member_since=1991,
    )
    jti = DonorFactory(slug="jti-foundation", name="JTI Foundation", kind=Donor.Kind.FOUNDATION)
    return {"japan": japan, "korea": korea, "jti": jti}


# Donors


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["japan", "jti-foundation", "republic-of-korea"]),
        ({"kind": "foundation"}, ["jti-foundation"]),
        ({"country": "JP"}, ["japan"]),
        ({"region": "asia-pacific"}, ["japan", "republic-of-korea"]),
        ({"featured": "true"}, ["japan"]),
        ({"featured": "false"}, ["jti-foundation", "republic-of-korea"]),
        ({"q": "korea"}, ["republic-of-korea"]),
    ],
)
def test_donor_filters(api, donors, query, expected):
    assert sorted(slugs(api.get("/api/v1/donors/", query))) == expected


@pytest.mark.parametrize("query", [{"featured": "maybe"}, {"kind": "government"}, {"region": "atlantis"}])
def test_bad_donor_filters_are_400s(api, donors, query):
    response = api.get("/api/v1/donors/", query)
    assert response.status_code == 400
    assert set(response.json()) == set(query)


def test_donor_ordering(api, donors):
    assert slugs(api.get("/api/v1/donors/", {"sort": "-member-since"}))[0] == "republic-of-korea"
    assert slugs(api.get("/api/v1/donors/", {"sort": "-name", "kind": "member-state"})) == [
        "republic-of-korea",
        "japan",
    ]


def test_donor_detail_is_the_whole_profile(api, donors):
    japan = donors["japan"]
    PriorityAreaFactory(donor=japan, name="Peace building", position=1)
    PriorityAreaFactory(donor=japan, name="Human security", position=0)
    OdaFigureFactory(donor=japan, year=2016, amount_usd="10400000000.00", source="OECD")
    mhlw = OrganisationFactory(slug="mhlw", donor=japan)
    ContributionFactory(
        donor=japan, kind=Contribution.Kind.ASSESSED, year_from=2012, year_to=2017, channel=mhlw
    )
    project = ProjectFactory(slug="funded", donors=[japan])
    event = EventFactory(slug="seminar")
    event.donors.add(japan)

    body = api.get("/api/v1/donors/japan/").json()

    assert body["country"] == "JP"
    assert body["founding_member"] is True
    assert [area["name"] for area in body["priority_areas"]] == ["Human security", "Peace building"]
    assert body["oda_figures"] == [
        {"year": 2016, "amount_usd": "10400000000.00", "gni_percent": None, "source": "OECD"}
    ]
    contribution = body["contributions"][0]
    assert contribution["slug"] == "japan-assessed-2012-2017"
    assert contribution["channel"] == "mhlw"
    assert body["projects"] == [project.slug]
    assert body["events"] == ["seminar"]
    assert body["organisations"] == ["mhlw"]
    assert body["links"]["country"] == "http://testserver/api/v1/countries/JP/"


def test_donor_csv(api, donors):
    rows = csv_rows(api.get("/api/v1/donors/", {"format": "csv", "kind": "member-state"}))
    assert [(row["slug"], row["country"], row["featured"]) for row in rows] == [
        ("japan", "JP", "true"),
        ("republic-of-korea", "KR", "false"),
    ]


def test_a_donor_as_the_product_describes_it(editor_api):
    response = editor_api.post(
        "/api/v1/donors/",
        {"name": "Japan", "slug": "japan", "kind": "member-state", "country": "JP"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert Donor.objects.get(slug="japan").country_id == "JP"


def test_priority_areas_and_oda_figures_are_written_with_the_donor(editor_api, donors):
    response = editor_api.patch(
        "/api/v1/donors/japan/",
        {
            "priority_areas": [{"name": "Human security"}, {"name": "Peace building", "detail": "Asia"}],
            "oda_figures": [{"year": 2016, "amount_usd": "10400000000.00", "source": "OECD DAC"}],
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert [(a["name"], a["position"]) for a in body["priority_areas"]] == [
        ("Human security", 0),
        ("Peace building", 1),
    ]
    assert OdaFigure.objects.get(donor__slug="japan").source == "OECD DAC"


def test_an_oda_figure_twice_for_a_year_is_a_400(editor_api, donors):
    twice = [
        {"year": 2016, "amount_usd": "1.00", "source": "a"},
        {"year": 2016, "amount_usd": "2.00", "source": "b"},
    ]
    response = editor_api.patch("/api/v1/donors/japan/", {"oda_figures": twice}, format="json")
    assert response.status_code == 400
    assert response.json()["oda_figures"][1] == {
        "non_field_errors": ["There is already a figure for this year."]
    }


def test_a_founding_member_must_be_a_member_since_1919(editor_api, donors):
    response = editor_api.patch("/api/v1/donors/republic-of-korea/", {"founding_member": True}, format="json")
    assert response.status_code == 400
    assert "founding_member" in response.json()


def test_a_donor_with_contributions_can_be_deleted_with_them(publisher_api, donors):
    ContributionFactory(donor=donors["jti"])
    assert publisher_api.delete("/api/v1/donors/jti-foundation/").status_code == 204
    assert not Contribution.objects.filter(donor__slug="jti-foundation").exists()


# Contributions


@pytest.fixture
def contributions(donors):
    return [
        ContributionFactory(
            donor=donors["japan"], kind=Contribution.Kind.ASSESSED, year_from=2012, year_to=2017
        ),
        ContributionFactory(
            donor=donors["japan"], kind=Contribution.Kind.VOLUNTARY_EARMARKED, year_from=2016, year_to=2016
        ),
        ContributionFactory(
            donor=donors["korea"], kind=Contribution.Kind.ASSESSED, year_from=2018, year_to=2019
        ),
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"donor": "japan"}, ["japan-assessed-2012-2017", "japan-voluntary-earmarked-2016"]),
        ({"kind": "assessed"}, ["japan-assessed-2012-2017", "republic-of-korea-assessed-2018-2019"]),
        ({"year": "2016"}, ["japan-assessed-2012-2017", "japan-voluntary-earmarked-2016"]),
        ({"year": "2019", "kind": "assessed"}, ["republic-of-korea-assessed-2018-2019"]),
    ],
)
def test_contribution_filters(api, contributions, query, expected):
    assert sorted(slugs(api.get("/api/v1/contributions/", query))) == expected


def test_contribution_ordering(api, contributions):
    assert slugs(api.get("/api/v1/contributions/", {"sort": "-to"}))[0] == (
        "republic-of-korea-assessed-2018-2019"
    )


def test_contributions_are_seen_when_their_donor_is(api, editor_api, contributions):
    hidden = DonorFactory(slug="hidden", publication_status=Status.DRAFT, published_at=None)
    ContributionFactory(donor=hidden, year_from=2020, year_to=2020)
    assert "hidden-voluntary-earmarked-2020" not in slugs(api.get("/api/v1/contributions/"))
    assert api.get("/api/v1/contributions/hidden-voluntary-earmarked-2020/").status_code == 404
    assert editor_api.get("/api/v1/contributions/hidden-voluntary-earmarked-2020/").status_code == 200


def test_a_contribution_as_the_product_describes_it(editor_api, donors):
    response = editor_api.post(
        "/api/v1/contributions/",
        {
            "donor": "japan",
            "kind": "voluntary-core",
            "year_from": 2014,
            "year_to": 2015,
            "amount_usd": "5000000",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["slug"] == "japan-voluntary-core-2014-2015"
    assert body["amount_usd"] == "5000000.00"
    assert response["Location"] == "http://testserver/api/v1/contributions/japan-voluntary-core-2014-2015/"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"year_to": 2010}, "year_to"),
        ({"year_from": 1900}, "year_from"),
        ({"donor": "atlantis"}, "donor"),
        ({"donor": None}, "donor"),
        ({"kind": "gift"}, "kind"),
        ({"amount_usd": "-1"}, "amount_usd"),
        ({"rank": 0}, "rank"),
    ],
)
def test_invalid_contributions_are_400s_naming_the_field(editor_api, donors, changes, field):
    payload = {"donor": "japan", "kind": "assessed", "year_from": 2014, "year_to": 2015, **changes}
    response = editor_api.post("/api/v1/contributions/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Contribution.objects.exists()


# Organisations


@pytest.fixture
def organisations(donors):
    mhlw = OrganisationFactory(
        slug="mhlw",
        name="Ministry of Health, Labour and Welfare",
        acronym="MHLW",
        category=Organisation.Category.MINISTRY,
        type=Organisation.Type.GOVERNMENT,
        country=country("JP"),
        donor=donors["japan"],
    )
    jccu = OrganisationFactory(
        slug="jccu",
        name="Japanese Consumers' Co-operative Union",
        acronym="JCCU",
        category=Organisation.Category.COOPERATIVE,
        type=Organisation.Type.NATIONAL_NGO,
        country=country("JP"),
    )
    ilo = OrganisationFactory(
        slug="ilo",
        name="International Labour Organization",
        category="ilo",
        type=Organisation.Type.MULTILATERAL,
    )
    OrganisationFactory(slug="ilo-tokyo", name="ILO Office for Japan", category="ilo", parent=ilo)
    return {"mhlw": mhlw, "jccu": jccu, "ilo": ilo}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"category": "cooperative"}, ["jccu"]),
        ({"type": "40"}, ["ilo"]),
        ({"country": "jp"}, ["jccu", "mhlw"]),
        ({"donor": "japan"}, ["mhlw"]),
        ({"q": "labour"}, ["ilo", "mhlw"]),
    ],
)
def test_organisation_filters(api, organisations, query, expected):
    assert sorted(slugs(api.get("/api/v1/organisations/", query))) == expected


def test_organisation_detail_lists_its_units(api, organisations):
    body = api.get("/api/v1/organisations/ilo/").json()
    assert body["units"] == ["ilo-tokyo"]
    assert body["links"]["units"] == ["http://testserver/api/v1/organisations/ilo-tokyo/"]
    assert body["links"]["page"] == "http://testserver/donors/organisations/ilo/"


def test_an_organisation_cannot_be_part_of_itself(editor_api, organisations):
    response = editor_api.patch("/api/v1/organisations/ilo/", {"parent": "ilo-tokyo"}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "parent": [
            "An organisation cannot be part of itself: ILO Office for Japan is part of it, so this would "
            "make a loop."
        ]
    }


def test_iati_identifiers_are_unique(editor_api, organisations):
    Organisation.objects.filter(slug="ilo").update(iati_identifier="XM-DAC-41302")
    response = editor_api.patch(
        "/api/v1/organisations/jccu/", {"iati_identifier": "XM-DAC-41302"}, format="json"
    )
    assert response.status_code == 400
    assert "iati_identifier" in response.json()


def test_blank_urls_and_addresses_are_empty_strings(api, organisations):
    body = api.get("/api/v1/organisations/jccu/").json()
    assert body["website"] == ""
    assert body["email"] == ""


def test_deleting_an_organisation_others_refer_to_is_a_409(publisher_api, organisations):
    response = publisher_api.delete("/api/v1/organisations/ilo/")
    assert response.status_code == 409
    assert "refer" in response.json()["detail"]
