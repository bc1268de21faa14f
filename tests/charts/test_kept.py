"""A page's charts are built and laid out once per change of content, page address, reader's access
to drafts and language, never shared across any of those; each is drawn once per what it shows
(its digest) and language, so an edit that leaves its figures as they were draws nothing again."""

import pytest
from django.template import loader
from django.test import RequestFactory
from django.utils import translation

from kernel import charts
from kernel.charts import Bar, Chart, Group, Series
from kernel.versioning import bump_content_version
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def one_chart(built, figure=5):
    def build():
        built.append(1)
        series = Series("budget", translation.gettext("Budget"))
        bar = Bar(series, figure, str(figure), f"2016: {figure}", "/projects/?year=2016")
        return [
            Chart(
                name="funding-by-year",
                title="Funding",
                description="Per year",
                series=[series],
                groups=[Group("2016", "2016", [bar], [str(figure)], "/projects/?year=2016")],
                first_column="Year",
                columns=["Budget"],
                csv_header=["year", "amount"],
                csv_rows=[[2016, figure]],
            ),
            None,  # a chart with no data is left out
        ]

    return build


def request(path, user=None):
    made = RequestFactory().get(path)
    made.user = user
    return made


def test_the_same_page_builds_and_renders_its_charts_once(monkeypatch):
    built, rendered = [], []
    real = charts.rendered
    monkeypatch.setattr(charts, "rendered", lambda *args: rendered.append(1) or real(*args))
    first = charts.prepared(request("/projects/?country=NP"), one_chart(built))
    # The page of results changes nothing a chart shows.
    again = charts.prepared(request("/projects/?country=NP&page=2"), one_chart(built))
    assert len(built) == 1 and [chart.name for chart in first] == ["funding-by-year"]
    assert first[0].key == again[0].key and first[0].height > 0
    assert first[0].csv_url == "/projects/?country=NP&chart=funding-by-year&format=csv"
    html = charts.drawn(first[0])
    assert charts.drawn(again[0]) == html and 'href="/projects/?year=2016"' in html

    # A table-less copy (the printed fact sheet) is another drawing.
    assert "<table" in html and "<table" not in charts.drawn(first[0], table=False)


def test_other_filters_readers_languages_and_content_build_their_own(monkeypatch):
    built = []
    nepal = charts.prepared(request("/projects/?country=NP"), one_chart(built))[0]
    india = charts.prepared(request("/projects/?country=IN"), one_chart(built))[0]
    staff = charts.prepared(request("/projects/?country=NP", UserFactory(is_staff=True)), one_chart(built))[0]
    with translation.override("fr"):
        french = charts.prepared(request("/projects/?country=NP"), one_chart(built))[0]
        assert "Budget" in charts.drawn(french) and "Télécharger" in charts.drawn(french)
    assert len(built) == 4
    # Another address (the CSV link) is another drawing; the same bars for staff are the same one;
    # the same bars in French are drawn in French.
    assert india.key != nepal.key == staff.key
    assert "Download these figures" in charts.drawn(nepal) and "Télécharger" not in charts.drawn(nepal)

    bump_content_version()  # a change of content: built again, with the new figures
    changed = charts.prepared(request("/projects/?country=NP"), one_chart(built, figure=7))[0]
    assert len(built) == 5 and changed.key != nepal.key
    assert ">7<" in charts.drawn(changed)


def test_a_change_that_leaves_a_charts_figures_as_they_were_draws_it_no_more(monkeypatch):
    built, drawings = [], []
    original = loader.render_to_string
    monkeypatch.setattr(loader, "render_to_string", lambda *a, **k: drawings.append(1) or original(*a, **k))
    first = charts.prepared(request("/projects/?country=NP"), one_chart(built))[0]
    html = charts.drawn(first)
    assert drawings
    drawings.clear()
    bump_content_version({0})  # an edit of a project: the chart is built again, with the same bars
    again = charts.prepared(request("/projects/?country=NP"), one_chart(built))[0]
    assert len(built) == 2 and again.key == first.key
    assert charts.drawn(again) == html and not drawings

    bump_content_version()  # an edit of shared content (a theme's name): drawn again
    again = charts.prepared(request("/projects/?country=NP"), one_chart(built))[0]
    assert charts.drawn(again) == html and drawings
