"""The seed fixture holds the facts of its two sources: the "Japan ILO Cooperation" brochure (May 2017)
and the ILO news item of 14 December 2022 on the "Decent Work and the Social and Solidarity Economy"
seminar. Every assertion here is a fact from one of them, checked by value."""

import datetime
import zoneinfo
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import serializers
from django.core.management import call_command
from django.db.models import ForeignKey

from donors.models import Contribution, Donor, OdaFigure, PriorityArea
from events.models import Event, Organiser, Speaker
from kernel.publishing import Publishable, Status
from kernel.taxonomy.models import Source
from organisations.models import Organisation, Person
from projects.models import Participant, Project, Result

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]


BROCHURE = "japan-ilo-cooperation-2017"
NEWS = "decent-work-sse-seminar-news-2022"

CONTENT_MODELS = [
    Source,
    Donor,
    PriorityArea,
    OdaFigure,
    Contribution,
    Organisation,
    Project,
    Participant,
    Result,
    Person,
    Event,
    Organiser,
    Speaker,
]


def row_counts():
    counts = {model._meta.label: model.objects.count() for model in CONTENT_MODELS}
    for model in (Project, Event):
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            counts[through._meta.label] = through.objects.count()
    return counts


def japan():
    return Donor.objects.get(slug="japan")


def korea():
    return Donor.objects.get(slug="republic-of-korea")


def project(slug):
    return Project.objects.get(slug=slug)


def countries(obj):
    return set(obj.countries.values_list("code", flat=True))


def themes(obj):
    return set(obj.themes.values_list("slug", flat=True))


def roles(proj):
    return {(p.organisation.slug, p.role) for p in proj.participants.select_related("organisation")}


def all_text():
    """Every field value of every seed record, as one serialized string."""
    return "\n".join(
        serializers.serialize("json", model.objects.all(), ensure_ascii=False) for model in CONTENT_MODELS
    )


# ------------------------------------------------------------------ loading


def test_manage_py_loaddata_finds_the_seed_in_the_project_fixtures_folder():
    assert Path(django_settings.BASE_DIR) / "fixtures" in [Path(d) for d in django_settings.FIXTURE_DIRS]


def test_loading_twice_changes_no_counts():
    before = row_counts()
    call_command("loaddata", "seed", verbosity=0)
    assert row_counts() == before
    assert before["organisations.Organisation"] >= 20
    assert before["projects.Project"] >= 12


def test_the_two_sources():
    brochure = Source.objects.get(slug=BROCHURE)
    assert brochure.title == "Japan ILO Cooperation"
    assert brochure.kind == Source.Kind.BROCHURE
    assert brochure.published_on == datetime.date(2017, 5, 1)
    assert "PARDEV" in brochure.publisher
    news = Source.objects.get(slug=NEWS)
    assert news.kind == Source.Kind.NEWS
    assert news.published_on == datetime.date(2022, 12, 14)
    assert news.publisher == "ILO Office for Japan"
    assert "Decent Work and the Social and Solidarity Economy" in news.title
    assert "pre-event of the Japan Society for International Development (JASID)" in news.title


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda m: m._meta.label)
def test_every_record_passes_full_clean(model):
    objects = list(model.objects.all())
    assert objects
    for obj in objects:
        obj.full_clean(validate_constraints=True)


@pytest.mark.parametrize(
    "model", [m for m in CONTENT_MODELS if issubclass(m, Publishable)], ids=lambda m: m._meta.label
)
def test_every_public_record_is_published(model):
    for obj in model.objects.all():
        assert obj.publication_status == Status.PUBLISHED, obj
        assert obj.published_at is not None, obj
        assert obj.is_published, obj
    assert model.objects.published().count() == model.objects.count()


@pytest.mark.parametrize(
    "model",
    [
        m
        for m in CONTENT_MODELS
        if any(isinstance(f, ForeignKey) and f.name == "source" for f in m._meta.concrete_fields)
    ],
    ids=lambda m: m._meta.label,
)
def test_every_sourced_record_names_its_source(model):
    for obj in model.objects.all():
        assert obj.source is not None, obj
        assert obj.source.slug in {BROCHURE, NEWS}, obj
        assert obj.source_note, obj


def test_every_result_says_where_it_comes_from():
    assert all(result.source_note for result in Result.objects.all())


def test_slugs_are_lowercase_and_hyphenated():
    for model in CONTENT_MODELS:
        if any(f.name == "slug" for f in model._meta.concrete_fields):
            for slug in model.objects.values_list("slug", flat=True):
                assert slug == slug.lower() and " " not in slug and "_" not in slug, slug


def test_every_figure_in_the_sources_is_recorded_somewhere():
    text = all_text()
    figures = [
        # brochure
        "49 Conventions",
        "ten permanent government seats",
        "10.37 billion",
        "0.2%",
        "more than USD 271 million",
        "USD 31.8 million",
        "Since 2011",
        "over 35",
        "February 2016",
        "540,400",
        "62 percent",
        "3-year",
        "March 2016",
        "1.1 million internally displaced",
        "1 million Somali refugees",
        "320",
        "2,814",
        "134 returnees",
        "about 2,300",
        "more than 2,827",
        "more than 500 members",
        "521 informal workers",
        "more than 1,400",
        "+41 22 799 7239",
        "+41 22 799 6668",
        # news
        "About 100",
        "33rd National Conference",
        "110th International Labour Conference",
        "2023\u201329",
        "next seven years",
        "past 20 years",
    ]
    missing = [figure for figure in figures if figure not in text]
    assert not missing


# ------------------------------------------------------------------ Japan


def test_japan_membership_and_conventions():
    donor = japan()
    assert donor.name == "Japan"
    assert donor.kind == Donor.Kind.MEMBER_STATE
    assert donor.country_id == "JP"
    assert donor.ilo_member_since == 1919
    assert donor.founding_member is True
    assert (donor.conventions_fundamental, donor.conventions_governance, donor.conventions_technical) == (
        6,
        3,
        40,
    )
    assert donor.conventions_ratified == 49
    assert donor.featured is True
    assert donor.profile_as_of == datetime.date(2017, 5, 1)
    assert donor.source.slug == BROCHURE


def test_japan_holds_a_permanent_governing_body_seat():
    donor = japan()
    assert donor.governing_body_seat == Donor.GoverningBodySeat.PERMANENT
    assert "ten permanent government seats" in donor.governing_body_note
    assert "State of Chief Industrial Importance" in donor.governing_body_note


def test_japan_profile_covers_the_brochure():
    profile = japan().profile
    for phrase in [
        "quality growth",
        "infrastructure and human resources",
        "Junior Professional Officer programme",
        "secondment of Japanese officials",
        "Japanese Consumers' Co-operative Union",
        "governmental constituent",
        "peace, stability and prosperity",
    ]:
        assert phrase in profile


def test_japan_oda_2016():
    oda = OdaFigure.objects.get(donor=japan(), year=2016)
    assert oda.amount_usd == Decimal("10370000000.00")
    assert oda.gni_percent == Decimal("0.20")
    assert oda.source == "OECD Development Co-operation Report 2017"


def test_japan_assessed_contribution_2012_2017():
    assessed = Contribution.objects.get(donor=japan(), kind=Contribution.Kind.ASSESSED)
    assert (assessed.year_from, assessed.year_to) == (2012, 2017)
    assert assessed.amount_usd == Decimal("271000000.00")
    assert assessed.amount_qualifier == "more-than"
    assert assessed.amount == "more than 271,000,000"
    assert assessed.rank == 2
    assert assessed.rank_note == "second largest contributor to the ILO's regular budget"


def test_japan_voluntary_contribution_2012_2017():
    voluntary = Contribution.objects.get(donor=japan(), kind=Contribution.Kind.VOLUNTARY_EARMARKED)
    assert (voluntary.year_from, voluntary.year_to) == (2012, 2017)
    assert voluntary.amount_usd == Decimal("31800000.00")
    assert voluntary.amount_qualifier == ""
    assert "earmarked to priority programmes and projects" in voluntary.description


def test_japan_in_kind_support_has_no_invented_value():
    in_kind = Contribution.objects.filter(donor=japan(), kind=Contribution.Kind.IN_KIND)
    descriptions = " ".join(in_kind.values_list("description", flat=True))
    assert "Junior Professional Officer" in descriptions
    assert "secondment of Japanese officials" in descriptions
    assert "Japanese Consumers' Co-operative Union" in descriptions
    assert all(c.amount_usd is None for c in in_kind)
    assert all((c.year_from, c.year_to) == (2017, 2017) for c in in_kind)
    assert all("no years" in c.source_note for c in in_kind)
    assert in_kind.get(channel__acronym="JCCU")


def test_japan_priority_areas_in_order():
    areas = [(a.name, a.detail) for a in PriorityArea.objects.filter(donor=japan())]
    assert areas == [
        ("Peace building", ""),
        (
            "Poverty reduction",
            "education, health and population, water and sanitation and agriculture and rural development",
        ),
        ("Resilient international community", "environment, energy and disaster reduction"),
        ("Good governance, gender equality and human security", ""),
    ]


def test_republic_of_korea():
    donor = korea()
    assert donor.kind == Donor.Kind.MEMBER_STATE
    assert donor.country_id == "KR"
    assert donor.featured is True
    assert "Strengthening the Social and Solidarity Economy in Asia" in donor.summary
    assert donor.source.slug == NEWS


# ------------------------------------------------------------------ organisations


@pytest.mark.parametrize(
    ("name", "acronym", "type_", "category", "country", "donor"),
    [
        ("International Labour Organization", "ILO", "40", "ilo", None, None),
        ("Department of Partnerships and Field Support", "PARDEV", "40", "ilo", "CH", None),
        ("ILO Office for Japan", "", "40", "ilo", "JP", None),
        ("Enterprises Department", "", "40", "ilo", "CH", None),
        ("International Training Centre of the ILO", "", "80", "ilo", "IT", None),
        ("ILO Governing Body", "GB", "40", "ilo", "CH", None),
        ("Government of Japan", "", "10", "ministry", "JP", "japan"),
        ("Ministry of Health, Labour and Welfare", "MHLW", "10", "ministry", "JP", "japan"),
        ("Ministry of Foreign Affairs of Japan", "MOFA", "10", "ministry", "JP", "japan"),
        ("Japan International Cooperation Agency", "JICA", "10", "agency", "JP", "japan"),
        ("Japan Tobacco International", "JTI", "70", "company", None, "japan"),
        ("Japanese Consumers' Co-operative Union", "JCCU", "22", "cooperative", "JP", None),
        ("United Nations Trust Fund for Human Security", "UNTFHS", "40", "un-fund", None, None),
        ("Japanese Trade Union Confederation", "JTUC-RENGO", "22", "trade-union", "JP", None),
        ("Solidaridad Japan", "", "22", "ngo", "JP", None),
        ("Japan Society for International Development", "JASID", "80", "academic", "JP", None),
        ("JASID SSE Research Group", "", "80", "academic", "JP", None),
        ("Community Road Empowerment", "CORE", "21", "ngo", "JP", None),
        ("Government of the Republic of Korea", "", "10", "ministry", "KR", "republic-of-korea"),
        ("Association of Southeast Asian Nations", "ASEAN", "40", "intergovernmental", None, None),
        (
            "Organisation for Economic Co-operation and Development",
            "OECD",
            "40",
            "intergovernmental",
            None,
            None,
        ),
    ],
)
def test_organisation(name, acronym, type_, category, country, donor):
    org = Organisation.objects.get(name=name)
    assert org.acronym == acronym
    assert org.type == type_
    assert org.category == category
    assert org.country_id == country
    assert (org.donor.slug if org.donor else None) == donor


def test_ilo_and_its_units():
    ilo = Organisation.objects.get(acronym="ILO")
    assert ilo.iati_identifier == "XM-DAC-41302"
    assert ilo.iati_identifier == django_settings.ILO_IATI_IDENTIFIER
    units = set(ilo.units.values_list("name", flat=True))
    assert {
        "Department of Partnerships and Field Support",
        "ILO Office for Japan",
        "Enterprises Department",
        "International Training Centre of the ILO",
    } <= units
    assert Organisation.objects.exclude(iati_identifier="").count() == 1


def test_pardev_contact_details():
    pardev = Organisation.objects.get(acronym="PARDEV")
    assert pardev.address == "4, Route des Morillons\nCH-1211 Geneva-22\nSwitzerland"
    assert pardev.telephone == "+41 22 799 7239"
    assert pardev.fax == "+41 22 799 6668"
    assert pardev.email == "pardev@ilo.org"
    assert pardev.website == "http://www.ilo.org/pardev"


def test_organisation_parents():
    assert Organisation.objects.get(acronym="MHLW").parent.name == "Government of Japan"
    assert Organisation.objects.get(acronym="MOFA").parent.name == "Government of Japan"
    assert Organisation.objects.get(name="JASID SSE Research Group").parent.acronym == "JASID"
    assert "Wor-Q" in Organisation.objects.get(acronym="JTUC-RENGO").description
    assert "governmental constituent" in Organisation.objects.get(acronym="MHLW").description


# ------------------------------------------------------------------ projects


@pytest.mark.parametrize(
    ("slug", "title", "kind", "status", "country_codes", "theme_slugs", "funders"),
    [
        (
            "promoting-and-building-social-protection-in-asia",
            "Promoting and building social protection in Asia",
            "project",
            "2",
            {"VN", "ID", "MN"},
            {"social-protection", "international-labour-standards"},
            {"japan-mhlw"},
        ),
        (
            "insight-industrial-relations",
            "Sustainable and inclusive growth through industrial relations",
            "project",
            "2",
            {"ID", "VN"},
            {"social-dialogue", "green-jobs"},
            {"japan-mhlw"},
        ),
        (
            "social-safety-nets-fund",
            "Fund for Building Social Safety Nets in Asia and the Pacific",
            "fund",
            "2",
            set(),
            {
                "social-protection",
                "occupational-safety-and-health",
                "skills-and-employability",
                "enterprises",
                "child-labour",
                "crisis-response",
            },
            {"japan-mhlw"},
        ),
        (
            "livelihoods-through-entrepreneurship-cambodia-lao-thailand",
            "Fostering an enabling environment for livelihoods development in vulnerable and at risk "
            "communities through entrepreneurship and micro-enterprise skills",
            "project",
            "2",
            {"KH", "LA", "TH"},
            {"enterprises", "informal-economy", "skills-and-employability"},
            {"japan-mhlw"},
        ),
        (
            "resilient-employment-and-livelihoods-fiji",
            "Resilient Employment and Livelihoods through Enterprise and Skills Development",
            "project",
            "2",
            {"FJ"},
            {"crisis-response", "skills-and-employability"},
            {"japan-mhlw"},
        ),
        (
            "programmes-at-the-itc-ilo-turin",
            "Programmes at the International Training Centre of the ILO",
            "programme",
            "2",
            set(),
            {
                "skills-and-employability",
                "employment-policy",
                "occupational-safety-and-health",
                "labour-administration",
            },
            {"japan-mhlw", "government-of-japan"},
        ),
        (
            "regional-skills-and-employability-programme-asia-pacific",
            "Regional Skills and Employability Programme in Asia and the Pacific",
            "programme",
            "2",
            {"WS", "MM"},
            {"skills-and-employability", "green-jobs"},
            {"japan-mhlw"},
        ),
        (
            "durable-solutions-for-somali-refugee-returnees",
            "Durable Solutions for Somali refugee returnees",
            "project",
            "4",
            {"SO"},
            {"crisis-response", "skills-and-employability", "enterprises"},
            {"japan-mofa"},
        ),
        (
            "way-out-of-informality",
            "Way out of Informality: Facilitating the formalization of the informal economy in South Asia",
            "project",
            "4",
            {"BD", "IN", "NP"},
            {"informal-economy", "social-dialogue"},
            {"government-of-japan"},
        ),
        (
            "child-labour-tobacco-growing-communities",
            "Global programme to reduce the worst forms of child labour in tobacco-growing communities",
            "programme",
            "2",
            set(),
            {"child-labour"},
            {"japan-tobacco-international"},
        ),
        (
            "ilo-jica-technical-collaboration",
            "ILO\u2013JICA technical collaboration in Sierra Leone, Afghanistan and the Pacific",
            "programme",
            "4",
            {"SL", "AF"},
            set(),
            {"jica"},
        ),
        (
            "livelihood-emergency-response-human-security-fund",
            "Livelihood-oriented emergency response through the UN Trust Fund for Human Security",
            "programme",
            "2",
            set(),
            {"crisis-response"},
            {"japan-mofa"},
        ),
        (
            "strengthening-sse-in-asia",
            "Strengthening the Social and Solidarity Economy in Asia",
            "project",
            "2",
            set(),
            {"social-solidarity-economy"},
            {"government-of-the-republic-of-korea"},
        ),
        (
            "ilo-jccu-study-tour-african-cooperative-leaders",
            "ILO/JCCU Study Tour Programme for African Cooperative Leaders",
            "programme",
            "2",
            set(),
            {"social-solidarity-economy"},
            set(),
        ),
    ],
)
def test_project(slug, title, kind, status, country_codes, theme_slugs, funders):
    proj = project(slug)
    assert proj.title == title
    assert proj.kind == kind
    assert proj.status == status
    assert countries(proj) == country_codes
    assert theme_slugs <= themes(proj)
    assert {org for org, role in roles(proj) if role == Participant.Role.FUNDING} == funders
    assert proj.iati_identifier == ""
    assert any(role == Participant.Role.IMPLEMENTING for _, role in roles(proj))


def test_projects_count_under_their_donors():
    korean = set(korea().projects.values_list("slug", flat=True))
    assert korean == {"strengthening-sse-in-asia"}
    japanese = set(japan().projects.values_list("slug", flat=True))
    assert "way-out-of-informality" in japanese
    assert "child-labour-tobacco-growing-communities" in japanese
    assert "strengthening-sse-in-asia" not in japanese


def test_project_regions():
    assert set(
        project("promoting-and-building-social-protection-in-asia").regions.values_list("slug", flat=True)
    ) == {"asia-pacific"}
    assert set(project("ilo-jica-technical-collaboration").regions.values_list("slug", flat=True)) == {
        "asia-pacific"
    }
    assert set(
        project("ilo-jccu-study-tour-african-cooperative-leaders").regions.values_list("slug", flat=True)
    ) == {"africa"}
    assert set(project("strengthening-sse-in-asia").regions.values_list("slug", flat=True)) == {
        "asia-pacific"
    }


def test_project_dates_kept_at_year_precision():
    woi = project("way-out-of-informality")
    assert (woi.start_date, woi.start_precision) == (datetime.date(2012, 1, 1), "year")
    assert (woi.end_date, woi.end_precision) == (datetime.date(2017, 12, 31), "year")
    assert woi.period == "2012\u20132017"
    social = project("promoting-and-building-social-protection-in-asia")
    assert social.period == "since 2011"
    assert project("social-safety-nets-fund").period == "since 2011"
    fiji = project("resilient-employment-and-livelihoods-fiji")
    assert (fiji.start_date, fiji.start_precision) == (datetime.date(2016, 1, 1), "year")
    assert project("insight-industrial-relations").start_date is None


def test_way_out_of_informality_countries():
    codes = countries(project("way-out-of-informality"))
    assert codes == {"BD", "IN", "NP"}
    assert "FJ" not in codes


def test_social_safety_nets_fund_and_its_projects():
    fund = project("social-safety-nets-fund")
    assert fund.acronym == "SSN Fund"
    assert fund.start_date.year == 2011
    children = set(fund.children.values_list("slug", flat=True))
    assert children == {
        "livelihoods-through-entrepreneurship-cambodia-lao-thailand",
        "resilient-employment-and-livelihoods-fiji",
    }
    assert project("resilient-employment-and-livelihoods-fiji").parent == fund
    result = fund.results.get(unit="projects supported")
    assert result.value == Decimal("35")
    assert result.qualifier == "more-than"
    assert result.figure == "more than 35"


def test_c_bed_project():
    proj = project("livelihoods-through-entrepreneurship-cambodia-lao-thailand")
    assert proj.acronym == "C-BED"
    assert "C-BED" in proj.source_note
    assert "Community-Based Enterprise Development (C-BED)" in proj.description


def test_fiji_project_describes_cyclone_winston():
    description = project("resilient-employment-and-livelihoods-fiji").description
    for phrase in [
        "Cyclone Winston",
        "February 2016",
        "540,400",
        "62 percent",
        "Post-Disaster Needs Assessment",
        "build back better",
        "small engine repairs for boats",
        "psychological impact",
    ]:
        assert phrase in description


def test_regional_skills_programme_components():
    programme = project("regional-skills-and-employability-programme-asia-pacific")
    assert "3-year" in programme.description
    samoa = programme.children.get(countries__code="WS")
    myanmar = programme.children.get(countries__code="MM")
    assert samoa.results.filter(title__icontains="green job skill-set").exists()
    assert myanmar.results.get().title == (
        "Green competencies integrated into the skills standards for tour guides in Myanmar"
    )


def test_social_protection_in_asia_details():
    proj = project("promoting-and-building-social-protection-in-asia")
    for phrase in [
        "South-South and Triangular cooperation",
        "Social Security (Minimum Standards) Convention",
        "herders",
        "rural youth",
        "monitoring framework",
    ]:
        assert phrase in proj.description
    assert set(proj.results.values_list("country", flat=True)) == {"MN"}


def test_somali_project_results():
    proj = project("durable-solutions-for-somali-refugee-returnees")
    trained = proj.results.get(unit="beneficiaries")
    assert (trained.value, trained.place, trained.country_id) == (Decimal("320"), "Baidoa", "SO")
    workdays = proj.results.get(unit="workdays")
    assert workdays.value == Decimal("2814")
    assert workdays.figure == "2,814"
    returnees = proj.results.get(unit="returnees")
    assert returnees.value == Decimal("134")
    assert "1.1 million internally displaced people" in proj.description
    assert "1 million Somali refugees in the Horn of Africa" in proj.description
    core = proj.participants.get(organisation__acronym="CORE")
    assert core.role == Participant.Role.IMPLEMENTING
    assert proj.participants.get(organisation__acronym="MOFA").role == Participant.Role.FUNDING


def test_way_out_of_informality_results():
    results = project("way-out-of-informality").results
    registry = results.get(unit="registered entities")
    assert (registry.value, registry.qualifier, registry.country_id) == (Decimal("2300"), "about", "NP")
    assert registry.figure == "about 2,300"
    entrepreneurs = results.get(unit="micro entrepreneurs")
    assert (entrepreneurs.value, entrepreneurs.qualifier, entrepreneurs.country_id) == (
        Decimal("2827"),
        "more-than",
        "NP",
    )
    association = results.get(unit="members")
    assert (association.value, association.qualifier, association.country_id) == (
        Decimal("500"),
        "more-than",
        "BD",
    )
    pune = results.get(place="Pune")
    assert (pune.value, pune.qualifier, pune.country_id) == (Decimal("1400"), "more-than", "IN")
    assert "521" in pune.source_note
    assert "fragment" in pune.source_note
    training = results.get(title__startswith="Training programme on the transition to the formal economy")
    assert training.value is None
    assert training.country_id == "NP"
    assert "International Training Centre" in training.title


def test_participant_roles():
    assert roles(project("livelihood-emergency-response-human-security-fund")) >= {
        ("japan-mofa", Participant.Role.FUNDING),
        ("un-trust-fund-for-human-security", Participant.Role.EXTENDING),
        ("ilo", Participant.Role.IMPLEMENTING),
    }
    assert ("ilo-enterprises-department", Participant.Role.IMPLEMENTING) in roles(
        project("strengthening-sse-in-asia")
    )
    assert ("itc-ilo-turin", Participant.Role.IMPLEMENTING) in roles(
        project("programmes-at-the-itc-ilo-turin")
    )
    assert ("ilo-office-for-japan", Participant.Role.IMPLEMENTING) in roles(
        project("ilo-jccu-study-tour-african-cooperative-leaders")
    )


# ------------------------------------------------------------------ people and events


def test_people():
    people = {p.name: p for p in Person.objects.select_related("organisation")}
    assert people["Shinichi Takasaki"].honorific == "Mr."
    assert people["Shinichi Takasaki"].position == "Director, ILO Office for Japan"
    assert people["Simel Esim"].honorific == "Ms."
    assert people["Simel Esim"].organisation.name == "Enterprises Department"
    assert "cooperatives and the wider social and solidarity economy" in people["Simel Esim"].biography
    assert people["Yukari Nishino"].organisation.acronym == "JTUC-RENGO"
    assert people["Koyu Furusawa"].honorific == "Prof."
    assert people["Koyu Furusawa"].organisation.name == "JASID SSE Research Group"


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
