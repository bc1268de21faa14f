"""The seed's events, as the ILO news item of 14 December 2022 and the brochure describe them: the
seminar, its speakers and co-hosts, and the sessions they mention."""

import datetime
import zoneinfo

import pytest

from events.models import Event, Organiser
from kernel.taxonomy.models import Source
from tests.seed.facts import BROCHURE, NEWS, themes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]


def seminar():
    return Event.objects.get(slug="decent-work-sse-seminar-2022")


def test_seminar_date_place_and_format():
    event = seminar()
    assert event.title == "Decent Work and the Social and Solidarity Economy"
    assert event.kind == Event.Kind.SEMINAR
    assert event.timezone == "Asia/Tokyo"
    assert event.precision == "day"
    assert event.start.astimezone(zoneinfo.ZoneInfo("Asia/Tokyo")).date() == datetime.date(2022, 12, 2)
    assert event.when == "2 December 2022"
    assert event.venue == "JTUC-RENGO Hall"
    assert event.city == "Tokyo"
    assert "city" in event.source_note
    assert event.country_id == "JP"
    assert event.format == Event.Format.HYBRID
    assert event.languages == "English, Japanese"
    assert "simultaneous interpretation" in event.interpretation
    assert (event.attendance, event.attendance_qualifier) == (100, "about")
    assert event.attendance_figure == "about 100"
    assert event.audience == "academics, co-operators, government officials and trade unionists"


def test_seminar_is_a_pre_event_of_the_jasid_conference():
    event = seminar()
    assert event.parent.slug == "jasid-33rd-national-conference"
    assert event.parent_relation == "pre-event"
    conference = event.parent
    assert conference.kind == Event.Kind.CONFERENCE
    assert conference.precision == "month"
    assert conference.when == "December 2022"
    assert conference.country_id == "JP"
    assert conference.timezone == "Asia/Tokyo"


def test_seminar_co_hosts():
    co_hosts = [
        o.organisation.name for o in Organiser.objects.filter(event=seminar(), role=Organiser.Role.CO_HOST)
    ]
    assert co_hosts == ["JASID SSE Research Group", "Solidaridad Japan", "ILO Office for Japan"]


def test_seminar_speakers_in_order():
    speakers = [
        (s.person.name, s.role, s.position, s.organisation.name, s.on_behalf)
        for s in seminar().speakers.select_related("person", "organisation")
    ]
    assert speakers == [
        (
            "Shinichi Takasaki",
            "opening-remarks",
            "Director, ILO Office for Japan",
            "ILO Office for Japan",
            False,
        ),
        (
            "Simel Esim",
            "presentation",
            "Programme Manager, Enterprises Department, ILO Geneva",
            "Enterprises Department",
            False,
        ),
        ("Yukari Nishino", "presentation", "", "Japanese Trade Union Confederation", False),
        ("Koyu Furusawa", "closing-remarks", "", "JASID SSE Research Group", True),
    ]
    takasaki, esim, nishino, _ = seminar().speakers.all()
    assert "ILO/JCCU Study Tour Programme for African Cooperative Leaders" in takasaki.summary
    assert "110th International Labour Conference" in esim.summary
    assert "2023\u201329" in esim.summary
    assert "Republic of Korea" in esim.summary
    assert nishino.topic == "Wor-Q initiative"


def test_seminar_links_and_report():
    event = seminar()
    assert set(event.projects.values_list("slug", flat=True)) == {
        "strengthening-sse-in-asia",
        "ilo-jccu-study-tour-african-cooperative-leaders",
    }
    assert set(event.donors.values_list("slug", flat=True)) == {"japan", "republic-of-korea"}
    assert {"social-solidarity-economy", "informal-economy", "social-protection"} <= themes(event)
    assert event.report_published_on == datetime.date(2022, 12, 14)
    assert event.report_title == Source.objects.get(slug=NEWS).title
    assert event.report.startswith(
        "The SSE Research Group of the Japan Society for International Development"
    )
    assert event.report.rstrip().endswith(
        "the SSE could further contribute to promoting Decent Work for All."
    )
    assert event.report.count("\n\n") >= 7
    assert event.source.slug == NEWS


def test_international_labour_conference_110th_session():
    ilc = Event.objects.get(slug="international-labour-conference-110th-session")
    assert ilc.kind == Event.Kind.CONFERENCE
    assert (ilc.city, ilc.country_id, ilc.timezone) == ("Geneva", "CH", "Europe/Zurich")
    assert ilc.local_start.date() == datetime.date(2022, 5, 27)
    assert ilc.local_end.date() == datetime.date(2022, 6, 11)
    assert "not from the documents" in ilc.source_note
    assert "universal definition of the SSE" in ilc.description
    assert "human rights standards" in ilc.description


def test_governing_body_session_november_2022():
    gb = Event.objects.get(slug="ilo-governing-body-november-2022")
    assert gb.kind == Event.Kind.MEETING
    assert gb.precision == "month"
    assert gb.when == "November 2022"
    assert "strategy and action plan (2023\u201329)" in gb.description
    assert gb.organisers.get().organisation.name == "ILO Governing Body"


def test_green_jobs_workshop_march_2016():
    workshop = Event.objects.get(slug="core-skills-green-jobs-agriculture-workshop-2016")
    assert workshop.kind == Event.Kind.WORKSHOP
    assert workshop.when == "March 2016"
    assert workshop.country is None
    assert workshop.source.slug == BROCHURE
    assert set(workshop.projects.values_list("slug", flat=True)) == {
        "regional-skills-and-employability-programme-asia-pacific",
        "green-job-skill-set-samoa",
    }
    assert set(workshop.donors.values_list("slug", flat=True)) == {"japan"}
    assert "environmental awareness" in workshop.description
