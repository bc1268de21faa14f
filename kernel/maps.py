"""The world map: drawn on the server as inline SVG, each country with figures a link to the list
behind them, shaded in steps the legend states, with a table of the same figures beside it.

The shapes come from kernel/data/world_map.json (Natural Earth via npm world-atlas, projected
once by `manage.py build_world_map`; see docs/architecture.md, "World map"). A page asks
`world_map(figures, ...)` for a `WorldMap` and draws it with the `drawn_map` tag:

    context["world_map"] = maps.world_map(maps.count_by_country(projects))
    {% drawn_map world_map %}

Both are kept until content changes: the map by its inputs (figures, words, links, language), its
HTML by the map (`drawn`); at 100,000 projects, building and rendering 250 countries cost more than
the rest of a list page.

Figures are a {country code: number} mapping: projects by default (`count_by_country`), or money
(`figure_text=maps.usd, legend_label=_("Budget (USD)"), none_label=_("No budget recorded")`);
`counts=True` for another count (events: pass its own `figure_text`). A country page passes `highlight="NP"`
and `zoom=True` to outline the country and frame the map around it.
"""

import hashlib
import json
import math
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import NamedTuple

from django.db.models import Count
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kernel import l10n
from kernel.versioning import remember, remember_sliced, remember_unsliced, rendered

DATA_FILE = Path(__file__).resolve().parent / "data" / "world_map.json"
STEPS = 5  # shading classes: world-map__step-1 (fewest) to world-map__step-5 (most)

# The United Nations' boundary disclaimer, as ILO publications print it under a map.
DISCLAIMER = _(
    "The designations employed in this map and the presentation of material therein do not imply "
    "the expression of any opinion whatsoever on the part of the International Labour Office "
    "concerning the legal status of any country, area or territory or of its authorities, or "
    "concerning the delimitation of its frontiers or boundaries."
)


@cache
def shapes():
    """The map's data file, read once per process."""
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def count_by_country(records, slices=None, link="countries"):
    """{country code: number of records} for a queryset of records with `countries` (projects),
    in one grouped query on the link table. A record counts once per country it works in. With
    `slices` (kernel.versioning.Slices, of the records' model), {slice number: that}. Another
    many-to-many `link` counts the records per row it links to ("sdgs": {goal number: n})."""
    field = records.model._meta.get_field(link)
    if slices:  # the records' keys too, so the database lists the slices' records, not all
        records = slices.within(records)
    links = field.remote_field.through.objects.filter(**{f"{field.m2m_field_name()}__in": records})
    country = field.m2m_reverse_field_name()
    if not slices:
        return dict(links.values_list(country).annotate(n=Count("pk")).order_by())
    record = f"{field.m2m_field_name()}_id"
    rows = slices.within(links, record).values(country, slice=slices.of(record)).annotate(n=Count("pk"))
    counts = {}
    for row in rows.order_by():
        counts.setdefault(row["slice"], {})[row[country]] = row["n"]
    return counts


def remembered_count_by_country(parts, records, link="countries"):
    """`count_by_country(records, link=link)` of the sliced model's records (projects), kept until
    content changes under `parts` and counted per slice (kernel.versioning's "Slices")."""

    def merged(sums):
        counts = {}
        for found in sums:
            for code, n in (found or {}).items():
                counts[code] = counts.get(code, 0) + n
        return counts

    return remember_sliced(
        ("count-by-country", link, *parts), lambda slices: count_by_country(records, slices, link), merged
    )


def country_names():
    """{code: English name} from the taxonomy (the ILO's spelling), kept until content changes."""
    from kernel.taxonomy.models import Country

    return remember(("country-names",), lambda: dict(Country.objects.values_list("code", "name")))


def projects_text(value):
    return ngettext("%(count)s project", "%(count)s projects", value) % {"count": l10n.format_number(value)}


def usd(value):
    return l10n.format_usd(value)


def project_list_link(code):
    return f"{reverse('projects:list')}?country={code}"


def adding_to(query: QueryDict, path: str, name: str = "country") -> Callable[[str], str]:
    """A link maker for a list page: the list's query string kept, the country added to those
    already chosen, and the page number (and any format) dropped."""
    base = query.copy()
    for dropped in ("page", "format"):
        base.pop(dropped, None)

    def link(code):
        added = base.copy()
        chosen = added.getlist(name)
        if code.upper() not in {value.upper() for value in chosen}:
            added.setlist(name, [*chosen, code])
        return f"{path}?{added.urlencode()}"

    link.key = f"{name}:{path}?{base.urlencode()}"  # what its links depend on (`world_map` keeps maps by it)
    return link


class Step(NamedTuple):
    css: str  # world-map__step-N
    label: str  # "2–4 projects", "up to US$1M"
    upper: float


class Place(NamedTuple):
    code: str
    name: str
    value: float | int | Decimal | None
    figure: str  # "12 projects"
    css: str
    url: str
    d: str  # the shape's path data, or "" for a dot
    centre: tuple[float, float]
    highlighted: bool

    @property
    def accessible_name(self):
        return f"{self.name}: {self.figure}" if self.figure else self.name


class WorldMap(NamedTuple):
    id: str
    title: str
    description: str
    legend_label: str
    legend: list[Step]
    shapes: list[Place]  # countries drawn as shapes, with figures last (so that they are on top)
    dots: list[Place]  # countries too small to draw, with figures last
    table: list[Place]  # countries with figures, most first
    view_box: str
    outline: str
    unattributed: str
    zoomed: bool
    figure_heading: str
    none_label: str
    dot_radius: float  # a small country's dot, in the units of the view (smaller when zoomed)
    land_dot_radius: float

    key: str = ""  # what the map was drawn from: `drawn` keeps its HTML by it

    @property
    def disclaimer(self):
        return DISCLAIMER


def drawn(world_map):
    """The map's HTML ("kernel/_world_map.html"), rendered once per map: a map of 250 countries
    takes longer to render than the rest of its page, and its figures change only with content."""
    return rendered("kernel/_world_map.html", world_map.key, {"map": world_map})


def steps(values, count=STEPS):
    """The upper bound of each shading step: quantiles of the figures, without repeats."""
    ordered = sorted(value for value in values if value)
    uppers = []
    for index in range(1, count + 1):
        upper = ordered[max(0, math.ceil(index * len(ordered) / count) - 1)] if ordered else None
        if upper is not None and (not uppers or upper > uppers[-1]):
            uppers.append(upper)
    return uppers


def step_classes(count):
    """The CSS class of each of `count` steps, spread over the five colours so that the most is
    always the darkest."""
    return [f"world-map__step-{math.ceil((index + 1) * STEPS / count)}" for index in range(count)]


def legend(uppers, text, whole=True):
    """Each step's label: "1", "2–4" for counts, "up to X" then "X–Y" for amounts."""
    labels, lower = [], None
    for upper in uppers:
        if whole:
            first = 1 if lower is None else int(lower) + 1
            label = text(int(upper)) if first == upper else f"{l10n.format_number(first)}–{text(int(upper))}"
        elif lower is None:
            label = _("up to %(amount)s") % {"amount": text(upper)}
        else:
            label = f"{text(lower)}–{text(upper)}"
        labels.append(label)
        lower = upper
    return [
        Step(css, label, upper)
        for css, label, upper in zip(step_classes(len(uppers)), labels, uppers, strict=True)
    ]


def frame(codes, data, minimum=(160, 80)):
    """A viewBox around the countries' bounds, padded, at the map's proportions."""
    boxes = []
    for code in codes:
        entry = data["countries"].get(code)
        if entry:
            x, y = entry["centre"]
            boxes.append(entry.get("bounds") or [x, y, x, y])
    if not boxes:
        return None
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    width = max(minimum[0], (x1 - x0) * 1.4)
    height = max(minimum[1], (y1 - y0) * 1.4, width * data["height"] / data["width"])
    width = max(width, height * data["width"] / data["height"])
    left = min(max(0, (x0 + x1 - width) / 2), data["width"] - width)
    top = min(max(0, (y0 + y1 - height) / 2), data["height"] - height)
    return f"{max(0, round(left))} {max(0, round(top))} {round(width)} {round(height)}"


def world_map(
    figures: dict[str, float | int | Decimal],
    *,
    figure_text: Callable = projects_text,
    counts: bool | None = None,
    legend_label=None,
    none_label=None,
    title=None,
    link: Callable[[str], str] = project_list_link,
    highlight: str | Iterable[str] = (),
    zoom=False,
    map_id="world-map",
):
    """The map of `figures` ({country code: number}); see the module's docstring."""
    highlighted = {highlight.upper()} if isinstance(highlight, str) and highlight else set(highlight)
    inputs = (
        sorted((str(code).upper(), str(value)) for code, value in figures.items()),
        getattr(figure_text, "__qualname__", repr(figure_text)),
        counts,
        str(legend_label),
        str(none_label),
        str(title),
        getattr(link, "key", getattr(link, "__qualname__", repr(link))),
        sorted(highlighted),
        zoom,
        map_id,
        translation.get_language(),
    )
    key = hashlib.sha256(repr(inputs).encode()).hexdigest()
    # Built once per set of inputs: the same figures give the same map, so an edit of a project
    # that leaves them as they were lays out nothing again (country names are shared content).
    return remember_unsliced(
        ("world-map", key),
        lambda: _world_map(
            figures,
            figure_text=figure_text,
            counts=counts,
            legend_label=legend_label,
            none_label=none_label,
            title=title,
            link=link,
            highlighted=highlighted,
            zoom=zoom,
            map_id=map_id,
            key=key,
        ),
    )


def _world_map(
    figures, *, figure_text, counts, legend_label, none_label, title, link, highlighted, zoom, map_id, key
):
    data = shapes()
    names = country_names()
    figures = {code.upper(): value for code, value in figures.items() if value and code.upper() in names}
    uppers = steps(figures.values())
    scale = legend(uppers, figure_text, whole=figure_text is projects_text if counts is None else counts)
    legend_label = legend_label or _("Projects per country")

    def css(value):
        return next(step.css for step in scale if value <= step.upper)

    places = []
    for code, entry in data["countries"].items():
        if code not in names:
            continue
        value = figures.get(code)
        places.append(
            Place(
                code=code,
                name=l10n.country_name(code, names[code]),
                value=value,
                figure=figure_text(value) if value else "",
                css=css(value) if value else "",
                url=link(code) if value else "",
                d=entry.get("d", ""),
                centre=tuple(entry["centre"]),
                highlighted=code in highlighted,
            )
        )
    by_name = l10n.sorted_by_name(places, name=lambda place: place.name)
    # Neutral land first, then the countries with figures (in the order of their names, the order
    # a keyboard reaches them in), then the highlighted ones, whose outline must be on top.
    order = sorted(by_name, key=lambda place: (place.highlighted, bool(place.value)))
    with_figures = [place for place in by_name if place.value]
    table = sorted(with_figures, key=lambda place: -place.value)
    total = len(with_figures)
    if uppers:
        description = ngettext(
            "A world map of %(count)s country, shaded in %(steps)s steps from %(low)s to %(high)s. "
            "Each shaded country links to its list. The table below gives the same figures.",
            "A world map of %(count)s countries, shaded in %(steps)s steps from %(low)s to %(high)s. "
            "Each shaded country links to its list. The table below gives the same figures.",
            total,
        ) % {
            "count": l10n.format_number(total),
            "steps": l10n.format_number(len(uppers)),
            "low": figure_text(min(figures.values())),
            "high": figure_text(max(figures.values())),
        }
    else:
        description = str(_("A world map with no country to show yet."))
    view_box = (frame(highlighted, data) if zoom else None) or f"0 0 {data['width']} {data['height']}"
    zoomed_by = max(0.2, float(view_box.split()[2]) / data["width"])
    return WorldMap(
        id=map_id,
        title=str(title or legend_label),
        description=description,
        legend_label=str(legend_label),
        legend=scale,
        shapes=[place for place in order if place.d],
        dots=[place for place in order if not place.d],
        table=table,
        view_box=view_box,
        outline=data["outline"],
        unattributed=data["unattributed"],
        zoomed=view_box != f"0 0 {data['width']} {data['height']}",
        figure_heading=str(legend_label),
        none_label=str(none_label or _("No projects")),
        dot_radius=round(4 * zoomed_by, 1),
        land_dot_radius=round(2 * zoomed_by, 1),
        key=key,
    )
