"""schema.org JSON-LD and Open Graph tags on the detail pages."""

import datetime
import json
import re
import zoneinfo

import pytest

from events.models import Event
from kernel.templatetags.ilopartners import ld_json
from tests.factories import (
    DonorFactory,
    EventFactory,
    OrganisationFactory,
    OrganiserFactory,
    PersonFactory,
    ProjectFactory,
    SpeakerFactory,
    country,
)

pytestmark = pytest.mark.django_db

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def structured_data(client, url):
    response = client.get(url)
    assert response.status_code == 200
    (payload,) = LD_JSON.findall(response.content.decode())
    return json.loads(payload)


def test_event_json_ld(client):
    event = EventFactory(
        title="Tokyo seminar",
        start=datetime.datetime(2024, 5, 14, 10, tzinfo=TOKYO),
        end=datetime.datetime(2024, 5, 14, 17, tzinfo=TOKYO),
        timezone="Asia/Tokyo",
        venue="UN House",
        city="Tokyo",
        country=country("JP"),
        format=Event.Format.HYBRID,
        online_url="https://example.org/live",
        status=Event.Status.POSTPONED,
    )
    OrganiserFactory(event=event, organisation=OrganisationFactory(name="Ministry of Labour"))
    SpeakerFactory(event=event, person=PersonFactory(name="Aiko Sato"), position="Director")
    data = structured_data(client, event.get_absolute_url())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Tokyo seminar"
    assert data["startDate"] == "2024-05-14T10:00:00+09:00"
    assert data["endDate"] == "2024-05-14T17:00:00+09:00"
    assert data["eventStatus"] == "https://schema.org/EventPostponed"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, online = data["location"]
    assert place == {
        "@type": "Place",
        "name": "UN House",
        "address": {"@type": "PostalAddress", "addressLocality": "Tokyo", "addressCountry": "JP"},
    }
    assert online == {"@type": "VirtualLocation", "url": "https://example.org/live"}
    assert [organiser["name"] for organiser in data["organizer"]] == ["Ministry of Labour"]
    assert data["performer"] == [{"@type": "Person", "name": "Aiko Sato", "jobTitle": "Director"}]
    assert data["url"] == f"http://testserver{event.get_absolute_url()}"


def test_cancelled_day_event_has_dates_and_cancelled_status(client):
    event = EventFactory(
        precision="day",
        start=datetime.datetime(2024, 5, 14, tzinfo=TOKYO),
        timezone="Asia/Tokyo",
        status=Event.Status.CANCELLED,
    )
    data = structured_data(client, event.get_absolute_url())
    assert data["startDate"] == "2024-05-14"
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"


def test_project_is_a_schema_org_project_funded_by_its_donors(client):
    japan = DonorFactory(name="Japan")
    project = ProjectFactory(title="Skills for Nepal", donors=[japan], countries=["NP"])
    data = structured_data(client, project.get_absolute_url())
    assert data["@type"] == "Project"
    assert data["funder"] == [
        {"@type": "Organization", "name": "Japan", "url": f"http://testserver{japan.get_absolute_url()}"}
    ]
    assert data["areaServed"] == [
        {"@type": "Country", "name": "Nepal", "url": "http://testserver/countries/NP/"}
    ]
    assert data["foundingDate"] == "2015-01-01"


@pytest.mark.parametrize("factory", [DonorFactory, OrganisationFactory])
def test_donors_and_organisations_are_organizations(client, factory):
    record = factory(name="Korea")
    data = structured_data(client, record.get_absolute_url())
    assert data["@type"] == "Organization"
    assert data["name"] == "Korea"


def test_a_title_cannot_close_the_script_element(client):
    event = EventFactory(title='</script><script>alert("x")</script> & <!--')
    html = client.get(event.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    (payload,) = LD_JSON.findall(html)
    assert json.loads(payload)["name"] == '</script><script>alert("x")</script> & <!--'


def test_ld_json_escapes_like_json_script():
    assert (
        ld_json({"a": "<b>&"})
        == '<script type="application/ld+json">{"a": "\\u003Cb\\u003E\\u0026"}</script>'
    )


def test_open_graph_tags_beside_it(client):
    project = ProjectFactory(title="Skills for Nepal", summary="Jobs *for* young people.")
    html = client.get(project.get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="Skills for Nepal">' in html
    assert '<meta property="og:description" content="Jobs for young people.">' in html
    assert '<meta property="og:type" content="website">' in html
    assert f'<meta property="og:url" content="http://testserver{project.get_absolute_url()}">' in html
