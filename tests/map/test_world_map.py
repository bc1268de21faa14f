"""The world map: every country drawn, each link to the right filtered list, named with its figure,
shaded as the legend says, drafts never counted, the disclaimer under every map, the page small."""

import gzip
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from kernel import maps
from kernel.management.commands.build_world_map import project, split_at_antimeridian
from kernel.publishing import Status
from kernel.taxonomy.models import Country
from tests.factories import DonorFactory, OrganisationFactory, ParticipantFactory, ProjectFactory

pytestmark = pytest.mark.django_db

PROJECT_LIST = reverse("projects:list")
DISCLAIMER = (
    "do not imply the expression of any opinion whatsoever on the part of the International Labour Office"
)


def links(html):
    """{accessible name: href} of the map's country links."""
    found = re.findall(r'<a href="([^"]+)" class="world-map__country[^"]*" aria-label="([^"]+)"', html)
    return {name: href.replace("&amp;", "&") for href, name in found}


def test_the_data_file_draws_every_country_of_the_taxonomy_as_a_shape_or_a_dot():
    data = maps.shapes()
    codes = set(Country.objects.values_list("code", flat=True))
    assert codes == set(data["countries"])
    for code, entry in data["countries"].items():
        x, y = entry["centre"]
        assert 0 <= x <= data["width"] and 0 <= y <= data["height"], code
        if "d" in entry:
            assert entry["d"].startswith("M"), code
    assert "Natural Earth" in data["source"]["name"] and "world-atlas 2.0.2" in data["source"]["version"]
    # Small island states are dots; large countries are shapes.
    assert "d" not in data["countries"]["TV"] and "d" in data["countries"]["NP"]


def test_equal_earth_puts_greenwich_on_the_equator_in_the_middle():
    x, y = project(0, 0)
    assert round(x) == 500 and abs(y - maps.shapes()["height"] / 2) < 1


def test_a_ring_across_longitude_180_is_cut_in_two():
    pieces = split_at_antimeridian(
        [(179.0, 65.0), (-179.0, 65.0), (-179.0, 66.0), (179.0, 66.0), (179.0, 65.0)]
    )
    assert len(pieces) == 2
    assert all(all(-180 <= x <= 180 for x, _ in piece) for piece in pieces)


def test_home_map_links_each_country_to_its_projects_named_with_its_figure(client):
    for _ in range(3):
        ProjectFactory(countries=["NP"])
    ProjectFactory(countries=["NP", "KE"])
    ProjectFactory(countries=["IN"], publication_status=Status.DRAFT)
    html = client.get("/").content.decode()
    assert links(html) == {
        "Nepal: 4 projects": f"{PROJECT_LIST}?country=NP",
        "Kenya: 1 project": f"{PROJECT_LIST}?country=KE",
    }
    # The draft's country is neither linked nor in the table.
    assert "India" not in html
    assert "world-map__disclaimer" in html and DISCLAIMER in html


def test_the_accessible_names_follow_the_page_language(client):
    ProjectFactory(countries=["NP"])
    html = client.get("/fr/").content.decode()
    assert "Népal : 1 projet" in links(html) or "Népal: 1 projet" in links(html)
    assert "ne préjugent" in html or "n’impliquent de la part du Bureau international du Travail" in html


def test_shading_classes_match_the_legend():
    figures = {"NP": 1, "IN": 2, "KE": 3, "BR": 10, "JP": 40, "FR": 40}
    world = maps.world_map(figures)
    steps = world.legend
    assert [step.upper for step in steps] == sorted({step.upper for step in steps})
    shaded = {place.code: place.css for place in world.shapes + world.dots if place.value}
    for code, value in figures.items():
        step = next(step for step in steps if value <= step.upper)
        assert shaded[code] == step.css, code
    assert shaded["JP"] == "world-map__step-5"  # the most is always the darkest
    assert [step.label for step in steps] == ["1–2 projects", "3 projects", "4–10 projects", "11–40 projects"]
    # Countries without figures are neutral and not linked.
    neutral = next(place for place in world.shapes if place.code == "DE")
    assert neutral.css == "" and neutral.url == ""


def test_money_shading_takes_amounts_and_its_own_legend_label():
    world = maps.world_map(
        {"NP": 1_500_000, "KE": 250_000}, figure_text=maps.usd, legend_label="Budget (USD)", none_label="None"
    )
    assert world.legend_label == "Budget (USD)"
    nepal = next(place for place in world.shapes if place.code == "NP")
    assert nepal.accessible_name == "Nepal: USD 1.5 million"
    assert world.legend[0].label.startswith("up to")


def test_a_highlighted_country_is_outlined_and_framed():
    world = maps.world_map({"IN": 2}, highlight="NP", zoom=True)
    nepal = next(place for place in world.shapes if place.code == "NP")
    assert nepal.highlighted and world.zoomed
    assert world.shapes[-1].code == "NP"  # drawn last, its outline on top
    x, y, width, height = map(int, world.view_box.split())
    bounds = maps.shapes()["countries"]["NP"]["bounds"]
    assert x <= bounds[0] and y <= bounds[1] and x + width >= bounds[2] and y + height >= bounds[3]
    assert width < 1000


def test_project_list_map_keeps_the_filters_and_adds_the_country(client):
    ProjectFactory(countries=["NP"], themes=["informal-economy"])
    ProjectFactory(countries=["KE"], themes=["informal-economy"])
    ProjectFactory(countries=["BR"], themes=["green-jobs"])
    html = client.get(f"{PROJECT_LIST}?theme=informal-economy&country=NP&page=2").content.decode()
    found = links(html)
    kenya = urlsplit(found["Kenya: 1 project"])
    assert kenya.path == PROJECT_LIST
    assert parse_qs(kenya.query) == {"theme": ["informal-economy"], "country": ["NP", "KE"]}
    # Brazil's project is not in the theme: not on the map. Nepal, chosen, is outlined.
    assert not any(name.startswith("Brazil") for name in found)
    assert 'world-map__country--highlighted" aria-label="Nepal: 1 project"' in html


def test_donor_and_organisation_maps_link_to_their_projects_in_the_list(client):
    donor = DonorFactory()
    ProjectFactory(countries=["NP"], donors=[donor])
    ProjectFactory(countries=["KE"], donors=[donor], publication_status=Status.DRAFT)
    html = client.get(donor.get_absolute_url()).content.decode()
    assert links(html) == {"Nepal: 1 project": f"{PROJECT_LIST}?donor={donor.slug}&country=NP"}
    assert DISCLAIMER in html

    organisation = OrganisationFactory()
    ParticipantFactory(organisation=organisation, project=ProjectFactory(countries=["KE"]))
    ParticipantFactory(organisation=organisation, project=ProjectFactory(countries=["KE"]))
    html = client.get(organisation.get_absolute_url()).content.decode()
    kenya = links(html)["Kenya: 2 projects"]
    assert kenya == f"{PROJECT_LIST}?organisation={organisation.slug}&country=KE"
    assert DISCLAIMER in html
    assert client.get(kenya).context["result_count"] == 2


def test_staff_see_their_drafts_on_the_map_and_the_public_does_not(client, admin_client):
    ProjectFactory(countries=["IN"], publication_status=Status.DRAFT)
    assert "India: 1 project" in links(admin_client.get(PROJECT_LIST).content.decode())
    assert not links(client.get(PROJECT_LIST).content.decode())


def test_the_table_gives_the_same_figures(client):
    ProjectFactory(countries=["NP"])
    ProjectFactory(countries=["NP"])
    ProjectFactory(countries=["KE"])
    html = client.get("/").content.decode()
    rows = re.findall(r'<tr><th scope="row"><a href="[^"]+">([^<]+)</a></th><td>([^<]+)</td></tr>', html)
    assert rows == [("Nepal", "2 projects"), ("Kenya", "1 project")]


def test_home_page_with_the_map_stays_under_150_kb_compressed(client, seed):
    response = client.get("/")
    html = response.content
    assert b"world-map__country" in html
    assert len(gzip.compress(html)) < 150_000
    response = client.get(PROJECT_LIST)
    assert len(gzip.compress(response.content)) < 150_000


def test_the_data_file_states_its_source_and_licence():
    data = json.loads(maps.DATA_FILE.read_text(encoding="utf-8"))
    assert "ISC" in data["source"]["licence"] and "public domain" in data["source"]["licence"]
    with translation.override("en"):
        assert str(maps.DISCLAIMER).startswith("The designations employed in this map")
