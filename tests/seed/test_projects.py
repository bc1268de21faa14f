"""The seed's projects, as the "Japan ILO Cooperation" brochure describes them: titles, kinds,
countries, themes, funders, dates, components, results and participants."""

import datetime
from decimal import Decimal

import pytest

from projects.models import Participant
from tests.seed.facts import countries, japan, korea, project, roles, themes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]


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
