"""The seed's organisations and people, with their acronyms, types, parents and contact details, as
the two sources name them."""

import pytest
from django.conf import settings as django_settings

from organisations.models import Organisation, Person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed")]


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
