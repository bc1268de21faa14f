"""Charts drawn on the server: horizontal bars in SVG, styled by CSS classes alone (the CSP allows
no inline style or script), each with a title and description for screen readers, a table twin
carrying the same figures, and a CSV of its numbers at the page's own address
(`?chart=<name>&format=csv`).

A `Chart` is plain data built in the page's language (labels, figures, links) from sums computed
once per change of content by the layer that owns them (`projects.money`,
`donors.models.contribution_totals`). A page's charts are built and laid out once per change of
content, page address and language (`prepared`), and each is rendered once (the `drawn_chart` tag):
a project list's four charts hold some 130 bars. Nothing here runs a query.
"""

import csv
import hashlib
import pickle
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.translation import gettext

from kernel.versioning import remember, rendered
from kernel.visibility import sees_drafts

# The layout, in user units: the SVG is sized in percentages across (it fits any width without
# shrinking its text) and in these units down.
LABEL_HEIGHT = 20  # a group's label above its bars
BAR_HEIGHT = 16
BAR_GAP = 6
GROUP_GAP = 14
LONGEST_BAR = 62  # per cent of the width; the rest leaves room for the figure after the bar
SHORTEST_BAR = 0.5  # a non-zero figure stays visible


@dataclass
class Series:
    """What a bar measures ("budget", "disbursed"): its CSS modifier and the legend's words."""

    key: str
    label: str


@dataclass
class Bar:
    series: Series
    value: Decimal | int | None  # what sets the bar's length; None draws no bar
    text: str  # the figure after the bar, as the page's language writes it
    label: str  # the bar's accessible name: its group, series and figure in words
    href: str = ""
    width: float = 0
    y: int = 0
    value_x: float = 0
    text_y: int = 0


@dataclass
class Group:
    """One row of the chart: a year, a theme, a period and kind; its bars and its table cells."""

    key: str
    label: str
    bars: list
    cells: list  # the table's cells after the row's heading, as text
    href: str = ""
    label_y: int = 0


@dataclass
class Chart:
    name: str  # unique on its page: the SVG's id stem and the CSV's `?chart=`
    title: str
    description: str  # what it shows and how it counts, for screen readers and under the chart
    series: list
    groups: list
    columns: list  # the table's column headings after the first
    first_column: str
    csv_header: list
    csv_rows: list
    notes: list = field(default_factory=list)  # what was left out, and why
    csv_url: str = ""
    scale_per_group: bool = False  # each group on its own scale (indicators of different units)
    height: int = 0
    key: str = ""  # what it was built from (`prepared`): its HTML is kept by it

    def __bool__(self):
        return bool(self.groups)

    @property
    def legend(self):
        return len(self.series) > 1

    def lay_out(self, csv_url=""):
        """Place the bars: each group takes a label line, then one bar per series."""
        self.csv_url = csv_url or self.csv_url
        largest = max((bar.value for group in self.groups for bar in group.bars if bar.value), default=0)
        top = 0
        for group in self.groups:
            if self.scale_per_group:
                largest = max((bar.value for bar in group.bars if bar.value), default=0)
            group.label_y = top + 14
            top += LABEL_HEIGHT
            for bar in group.bars:
                share = float(bar.value / largest) if (largest and bar.value) else 0
                bar.width = max(round(share * LONGEST_BAR, 2), SHORTEST_BAR) if share else 0
                bar.y = top
                bar.value_x = round(bar.width + 1, 2)
                bar.text_y = top + 13
                top += BAR_HEIGHT + BAR_GAP
            top += GROUP_GAP
        self.height = top
        return self

    def csv_response(self):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.name}.csv"'
        writer = csv.writer(response)
        writer.writerow(self.csv_header)
        writer.writerows([plain(cell) for cell in row] for row in self.csv_rows)
        return response


def labelled(label, figure):
    """A bar's accessible name: "Green jobs: USD 2.5M" ("Emplois verts : 2,5 M $US")."""
    return gettext("%(label)s: %(figure)s") % {"label": label, "figure": figure}


def plain(value):
    """A CSV cell free of any language's number forms: 1234567.5, 2016-01-01, empty for none."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def wants_csv(request):
    """Whether the request asks for one of the page's charts as CSV."""
    return "chart" in request.GET and request.GET.get("format") == "csv"


def csv_address(request, name):
    """The page's address with its filters, asking for chart `name` as CSV."""
    query = request.GET.copy()
    for drop in ("page", "sort", "chart", "format"):
        query.pop(drop, None)
    query["chart"] = name
    query["format"] = "csv"
    return f"{request.path}?{query.urlencode()}"


def csv_download(request, charts):
    """The CSV of the chart the request names among `charts`; 404 for any other name."""
    name = request.GET.get("chart", "")
    for chart in charts:
        if chart and chart.name == name:
            return chart.csv_response()
    raise Http404("This page has no chart of that name.")


def prepared(request, build):
    """The charts `build()` gives that have data, laid out, each with its CSV address: built once per
    change of content for the page's address (its path and filters, which the bars' links keep),
    the reader's access to drafts and the language, and kept like the facet counts."""
    query = request.GET.copy()
    for drop in ("page", "chart", "format"):
        query.pop(drop, None)
    parts = (
        "charts",
        request.path,
        sorted(query.lists()),
        sees_drafts(getattr(request, "user", None)),
        translation.get_language(),
    )

    def build_and_lay_out():
        charts = [chart.lay_out(csv_address(request, chart.name)) for chart in build() if chart]
        for chart in charts:
            chart.key = digest(chart)
        return charts

    return remember(parts, build_and_lay_out)


def digest(chart):
    """What the chart shows, as a digest: its bars, labels, addresses and notes (pickled, lazy
    texts by their source; `rendered` adds the language). Two charts with the same digest draw
    the same HTML, so an edit that leaves a chart's figures as they were does not draw it again."""
    return hashlib.sha256(pickle.dumps(chart, protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()


def drawn(chart, table=True):
    """The chart's HTML ("includes/_chart.html"), rendered once per chart's digest (`prepared`);
    `table=False` leaves its table twin out."""
    return rendered("includes/_chart.html", (chart.key, table), {"chart": chart, "table": table})


def list_address(path, query, **changes):
    """A list page's address with its current filters (`query`, a QueryDict) and `changes` set:
    the filtered list behind a bar."""
    query = query.copy()
    for drop in ("page", "chart", "format"):
        query.pop(drop, None)
    for name, value in changes.items():
        query[name] = str(value)
    return f"{path}?{query.urlencode()}"
