"""Where the money goes: the sums behind the funding charts, each a few GROUP BY queries over the
projects given (the caller chooses them: the visible ones, filtered as the page is), and the charts
(`kernel.charts.Chart`) drawn from them in the page's language.

The sums are plain data, kept with `kernel.versioning.remember` until content changes
(`remembered_funding`, `remembered_topics`); the charts are built per request, for the page's
language and its links. The rules of issue 14 hold here, once:

* A period's budget is its revised budget when one exists, else its original: never both.
* Budgets count in the calendar year their period starts; transactions in the year of their date.
  Disbursements (IATI type 3) and expenditure (type 4) are separate series, never added up.
* Sums are in US dollars (`value_usd`); an amount no recorded rate converts is left out and counted.
* By theme, region and SDG: the projects' stated total budgets (`Project.budget_usd`), a project in
  two themes counting in each; projects without a stated budget are counted apart.
"""

from decimal import Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils.translation import gettext, ngettext, pgettext

from kernel import l10n
from kernel.charts import Bar, Chart, Group, Series, labelled, list_address
from kernel.l10n import format_number, format_usd
from kernel.money import CENT
from kernel.taxonomy.models import Country, Region
from kernel.versioning import SLICE_ROWS, Slices, remember, remember_sliced
from projects.models import Budget, BudgetType, Project, Transaction

BUDGET, DISBURSEMENT, EXPENDITURE = "budget", "disbursement", "expenditure"
TRANSACTION_SERIES = {Transaction.Kind.DISBURSEMENT: DISBURSEMENT, Transaction.Kind.EXPENDITURE: EXPENDITURE}
TOPICS = ("theme", "region", "sdg")


# The sums ------------------------------------------------------------------------------------


def _project_ids(projects):
    return projects.order_by().values("pk")


def counted_budgets(budgets):
    """Of `budgets`, those a sum may count: for each project and period start, the revised budget
    when there is one, else the original."""
    revised = Budget.objects.filter(
        project=OuterRef("project"), period_start=OuterRef("period_start"), kind=BudgetType.REVISED
    )
    return budgets.filter(Q(kind=BudgetType.REVISED) | ~Exists(revised))


def _sums(rows):
    return rows.annotate(
        total=Sum("value_usd"),
        counted=Count("pk", filter=Q(value_usd__isnull=False)),
        left_out=Count("pk", filter=Q(value_usd__isnull=True)),
    )


def funding_by_year(projects, *, project=None):
    """[(year, series, USD total or None, amounts counted, amounts left out)], by year then series:
    budgets by the year their period starts, disbursements and expenditure by the year of their
    date (two queries). `project` (a primary key) sums one project's money by its own key, so the
    database reads that project's rows by their index."""
    rows_of = {"project": project} if project is not None else {"project__in": _project_ids(projects)}
    return _funding(rows_of).get(None, [])


def _funding(rows_of, slices=None):
    """{slice number, or None unsliced: funding_by_year rows} (kernel.versioning.Slices)."""
    by = {"slice": Slices.of("project_id")} if slices else {}
    budgets = counted_budgets(Budget.objects.filter(**rows_of))
    transactions = Transaction.objects.filter(**rows_of)
    if slices:
        budgets, transactions = (
            slices.within(budgets, "project_id"),
            slices.within(transactions, "project_id"),
        )
    budgets = _sums(budgets.annotate(year=ExtractYear("period_start")).values("year", **by)).order_by()
    # Every type is summed and the two the charts show are kept here: filtered by type in the query,
    # the database would read all of a type's rows by the (type, date) index rather than the
    # projects' rows by theirs.
    transactions = _sums(
        transactions.annotate(year=ExtractYear("date")).values("year", "kind", **by)
    ).order_by()
    sums = {}
    for row in budgets:
        sums.setdefault(row.get("slice"), []).append(
            (row["year"], BUDGET, row["total"], row["counted"], row["left_out"])
        )
    for row in transactions:
        if row["kind"] in TRANSACTION_SERIES:
            sums.setdefault(row.get("slice"), []).append(
                (row["year"], TRANSACTION_SERIES[row["kind"]], row["total"], row["counted"], row["left_out"])
            )
    return {key: _in_order(rows) for key, rows in sums.items()}


def _in_order(rows):
    order = [BUDGET, DISBURSEMENT, EXPENDITURE]
    return sorted(rows, key=lambda row: (row[0], order.index(row[1])))


def _add(total, more):
    return more if total is None else total if more is None else total + more


def merged_funding(sums):
    """One list of funding_by_year rows from the rows of several slices: each year and series once."""
    merged = {}
    for rows in sums:
        for year, series, total, counted, left_out in rows or ():
            before = merged.get((year, series), (None, 0, 0))
            merged[year, series] = (_add(before[0], total), before[1] + counted, before[2] + left_out)
    return _in_order([(year, series, *figures) for (year, series), figures in merged.items()])


NAME_FIELDS = ("name", "name_fr", "name_es", "name_ja")


def _topic_row(key, names, total, projects, unbudgeted):
    return {"key": key, "names": names, "total": total, "projects": projects, "unbudgeted": unbudgeted}


def _through_sums(through, column, projects, names, slices=None):
    by = {"slice": Slices.of("project_id")} if slices else {}
    if slices:  # the projects' keys too, so the database lists the slices' projects, not all
        projects = slices.within(projects)
    links = through.objects.filter(project__in=_project_ids(projects))
    if slices:
        links = slices.within(links, "project_id")
    rows = (
        links.values(column, *names, **by)
        .annotate(
            total=Sum("project__budget_usd"),
            projects=Count("project_id"),
            unbudgeted=Count("project_id", filter=Q(project__budget_usd__isnull=True)),
        )
        .order_by()
    )
    sums = {}
    for row in rows:
        sums.setdefault(row.get("slice"), []).append(
            _topic_row(
                str(row[column]),
                {name.split("__")[-1]: row[name] for name in names},
                row["total"],
                row["projects"],
                row["unbudgeted"],
            )
        )
    return sums


def by_theme(projects, slices=None):
    """The stated budgets and projects per theme (one query); with `slices`, {slice: rows}."""
    names = [f"theme__{name}" for name in NAME_FIELDS]
    sums = _through_sums(Project.themes.through, "theme__slug", projects, names, slices)
    return sums if slices else sums.get(None, [])


def by_sdg(projects, slices=None):
    """The stated budgets and projects per SDG (one query); with `slices`, {slice: rows}."""
    names = [f"sdg__short_{name}" for name in NAME_FIELDS]
    sums = _through_sums(Project.sdgs.through, "sdg_id", projects, names, slices)
    sums = {key: sorted(rows, key=lambda row: int(row["key"])) for key, rows in sums.items()}
    return sums if slices else sums.get(None, [])


def by_region(projects, slices=None):
    """The stated budgets and projects per region, a project counting in a region it names or one of
    its countries is in, once (two queries: the regions, then the sums over the distinct pairs of
    project and region, read once from each link table); with `slices`, {slice: rows}."""
    regions = list(Region.objects.order_by("position", "name").values("pk", "slug", *NAME_FIELDS))
    if not regions:
        return {} if slices else []
    database = projects.db
    if slices:
        projects = slices.within(projects)
    try:
        ids, params = _project_ids(projects).query.get_compiler(database).as_sql()
    except EmptyResultSet:  # a filter no row can match (a search of nothing but symbols)
        return {} if slices else []
    named, placed, country, project = (
        Project.regions.through._meta.db_table,
        Project.countries.through._meta.db_table,
        Country._meta.db_table,
        Project._meta.db_table,
    )
    by = f"CAST(pairs.project_id / {SLICE_ROWS} AS INTEGER)" if slices else "NULL"
    # UNION keeps each (project, region) pair once: a project naming Asia and working in Nepal
    # counts in Asia once.
    sql = f"""
        SELECT {by}, pairs.region_id, SUM(p.budget_usd), COUNT(*),
               SUM(CASE WHEN p.budget_usd IS NULL THEN 1 ELSE 0 END)
        FROM (
            SELECT project_id, region_id FROM {named} WHERE project_id IN ({ids})
            UNION
            SELECT placed.project_id, c.region_id FROM {placed} placed
            JOIN {country} c ON c.code = placed.country_id
            WHERE c.region_id IS NOT NULL AND placed.project_id IN ({ids})
        ) pairs
        JOIN {project} p ON p.id = pairs.project_id
        GROUP BY 1, pairs.region_id
    """
    with connections[database].cursor() as cursor:
        cursor.execute(sql, [*params, *params])
        totals = {}
        for number, region, total, count, unbudgeted in cursor.fetchall():
            totals.setdefault(number, {})[region] = (total, count, unbudgeted)
    sums = {}
    for number, found in totals.items():
        rows = sums[number] = []
        for order, region in enumerate(regions):
            if region["pk"] not in found:
                continue
            total, count, unbudgeted = found[region["pk"]]
            total = None if total is None else Decimal(str(total)).quantize(CENT)
            names = {name: region[name] for name in NAME_FIELDS}
            rows.append(_topic_row(region["slug"], names, total, count, unbudgeted))
            if slices:
                rows[-1]["order"] = order  # for `merged_topics`
    return sums if slices else sums.get(None, [])


def topics(projects, slices=None):
    """{"theme": rows, "region": rows, "sdg": rows}; with `slices`, {slice: that}."""
    if not slices:
        return {"theme": by_theme(projects), "region": by_region(projects), "sdg": by_sdg(projects)}
    sums = {}
    for topic, rows_of in (("theme", by_theme), ("region", by_region), ("sdg", by_sdg)):
        for number, rows in rows_of(projects, slices).items():
            sums.setdefault(number, {})[topic] = rows
    return sums


def merged_topics(sums):
    """One `topics` from those of several slices: each key's sums added up, regions in their order,
    SDGs by number."""
    merged = {topic: {} for topic in TOPICS}
    for rows_of in sums:
        for topic, rows in (rows_of or {}).items():
            kept = merged[topic]
            for row in rows:
                before = kept.get(row["key"])
                if before is None:
                    kept[row["key"]] = dict(row)
                else:
                    before["total"] = _add(before["total"], row["total"])
                    before["projects"] += row["projects"]
                    before["unbudgeted"] += row["unbudgeted"]
    merged["sdg"] = dict(sorted(merged["sdg"].items(), key=lambda item: int(item[0])))
    merged["region"] = dict(sorted(merged["region"].items(), key=lambda item: item[1].pop("order")))
    return {topic: list(rows.values()) for topic, rows in merged.items()}


def remembered_funding(parts, projects):
    """`funding_by_year(projects)`, kept until content changes under `parts` (what the projects
    depend on: the filters and whether the reader sees drafts), summed per slice of projects
    (kernel.versioning's "Slices"): after an edit, only the edited slice is summed again."""

    def count(slices):
        return _funding({"project__in": _project_ids(slices.within(projects))}, slices)

    return remember_sliced(("funding-by-year", *parts), count, merged_funding)


def remembered_topics(parts, projects):
    """`topics(projects)`, kept and summed per slice like `remembered_funding`."""
    return remember_sliced(
        ("funding-by-topic", *parts), lambda slices: topics(projects, slices), merged_topics
    )


# The charts ----------------------------------------------------------------------------------


def series_labels():
    return {
        BUDGET: Series(BUDGET, gettext("Budget")),
        DISBURSEMENT: Series(DISBURSEMENT, gettext("Disbursed")),
        EXPENDITURE: Series(EXPENDITURE, gettext("Spent")),
    }


def left_out_note(count):
    return ngettext(
        "%(count)s amount in another currency has no recorded exchange rate: it is left out of these sums.",
        "%(count)s amounts in other currencies have no recorded exchange rate: "
        "they are left out of these sums.",
        count,
    ) % {"count": format_number(count)}


def funding_chart(rows, *, name="funding-by-year", title=None, year_link=None):
    """Budget against disbursed (and spent, where recorded) per year, from `funding_by_year` rows.
    `year_link(year)` gives the address a year's bars lead to."""
    if not rows:
        return None
    labels = series_labels()
    present = [key for key in (BUDGET, DISBURSEMENT, EXPENDITURE) if any(row[1] == key for row in rows)]
    series = [labels[key] for key in present]
    by_year = {}
    for year, key, total, counted, left_out in rows:
        by_year.setdefault(year, {})[key] = (total, counted, left_out)
    groups = []
    for year, figures in by_year.items():
        href = year_link(year) if year_link else ""
        bars, cells = [], []
        for each in series:
            total = figures.get(each.key, (None, 0, 0))[0]
            text = format_usd(total, compact=True) if total is not None else gettext("none recorded")
            bars.append(
                Bar(
                    each,
                    total,
                    text,
                    gettext("%(year)s, %(series)s: %(figure)s")
                    % {"year": year, "series": each.label.lower(), "figure": text},
                    href,
                )
            )
            cells.append(format_usd(total) if total is not None else "—")
        groups.append(Group(str(year), str(year), bars, cells, href))
    left_out = sum(row[4] for row in rows)
    words = {"first": min(by_year), "last": max(by_year)}
    description = (
        gettext(
            "Per year from %(first)s to %(last)s, in US dollars: the budget of the periods starting "
            "that year (a period's revised budget where there is one, else its original) against the money "
            "disbursed and spent that year. Budget, disbursements and expenditure are never added together."
        )
        % words
    )
    return Chart(
        name=name,
        title=title or gettext("Funding by year: budget against disbursed"),
        description=description,
        series=series,
        groups=groups,
        first_column=gettext("Year"),
        columns=[gettext("%(series)s (USD)") % {"series": each.label} for each in series],
        csv_header=["year", "series", "amount", "currency", "amounts_counted", "amounts_left_out"],
        csv_rows=[[year, key, total, "USD", counted, left] for year, key, total, counted, left in rows],
        notes=[left_out_note(left_out)] if left_out else [],
    )


def _localized_name(names, field="name"):
    language = l10n.language()
    if language != l10n.ENGLISH and names.get(f"{field}_{language}"):
        return names[f"{field}_{language}"]
    return names.get(field, "")


TOPIC_WORDS = {
    "theme": (
        lambda: gettext("Funding by theme: stated project budgets"),
        lambda: gettext("Theme"),
        lambda: gettext("A project in two themes counts in each."),
        lambda: gettext(
            "The total budgets the projects state, in US dollars, and the number of projects, per theme."
        ),
    ),
    "region": (
        lambda: gettext("Funding by region: stated project budgets"),
        lambda: gettext("Region"),
        lambda: gettext(
            "A project counts in each region it names or one of its countries is in, once in each."
        ),
        lambda: gettext(
            "The total budgets the projects state, in US dollars, and the number of projects, per region."
        ),
    ),
    "sdg": (
        lambda: gettext("Funding by SDG: stated project budgets"),
        lambda: gettext("SDG"),
        lambda: gettext("A project contributing to two SDGs counts in each."),
        lambda: gettext(
            "The total budgets the projects state, in US dollars, and the number of projects, per SDG."
        ),
    ),
}


def topic_label(topic, row):
    if topic == "sdg":
        return gettext("SDG %(number)s: %(name)s") % {
            "number": row["key"],
            "name": _localized_name(row["names"], "short_name"),
        }
    return _localized_name(row["names"])


def topic_chart(topic, rows, *, link=None):
    """The projects' stated total budgets per theme, region or SDG (`topics` rows), with the number
    of projects; `link(topic, key)` gives the address of the list behind a bar. None when no project
    states a budget: a chart of empty bars says nothing its table would not."""
    if not rows or all(row["total"] is None for row in rows):
        return None
    title, heading, counting, what = (words() for words in TOPIC_WORDS[topic])
    series = Series(BUDGET, gettext("Stated budgets"))
    if topic == "theme":
        rows = sorted(rows, key=lambda row: (-(row["total"] or 0), l10n.sort_key(topic_label(topic, row))))
    groups = []
    for row in rows:
        label = topic_label(topic, row)
        href = link(topic, row["key"]) if link else ""
        projects = ngettext("%(count)s project", "%(count)s projects", row["projects"]) % {
            "count": format_number(row["projects"])
        }
        figure = (
            format_usd(row["total"], compact=True)
            if row["total"] is not None
            else gettext("no stated budget")
        )
        # The bar says the sum (a narrow screen has no room for more); its name, the count too.
        bar = Bar(series, row["total"], figure, labelled(label, f"{figure} · {projects}"), href)
        cells = [
            format_usd(row["total"]) if row["total"] is not None else "—",
            format_number(row["projects"]),
            format_number(row["unbudgeted"]),
        ]
        groups.append(Group(row["key"], label, [bar], cells, href))
    unbudgeted = max((row["unbudgeted"] for row in rows), default=0)
    description = " ".join(
        [what, counting, gettext("Projects without a stated budget are counted but add nothing to the sums.")]
    )
    notes = []
    if unbudgeted:
        notes.append(gettext("The table gives the number of projects without a stated budget in each row."))
    return Chart(
        name=f"funding-by-{topic}",
        title=title,
        description=description,
        series=[series],
        groups=groups,
        first_column=heading,
        columns=[
            gettext("Stated budgets (USD)"),
            gettext("Projects"),
            gettext("Projects without a stated budget"),
        ],
        csv_header=[topic, "name", "budget_total", "currency", "projects", "projects_without_budget"],
        csv_rows=[
            [row["key"], topic_label(topic, row), row["total"], "USD", row["projects"], row["unbudgeted"]]
            for row in rows
        ],
        notes=notes,
    )


def list_charts(funding, topic_rows, *, query=None):
    """The project list's charts (and the home page's, with no filters): funding by year, then by
    theme, region and SDG, each bar leading to the project list filtered by it besides `query`."""
    from django.http import QueryDict

    path = reverse("projects:list")
    query = query if query is not None else QueryDict()

    def year_link(year):
        return list_address(path, query, year=year)

    def link(topic, key):
        return list_address(path, query, **{topic: key})

    return [
        funding_chart(funding, year_link=year_link),
        *(topic_chart(topic, topic_rows.get(topic, []), link=link) for topic in TOPICS),
    ]


# One project ---------------------------------------------------------------------------------


def project_funding(project):
    """`funding_by_year` of one project, kept until content changes."""
    return remember(("project-funding", project.pk), lambda: funding_by_year(None, project=project.pk))


def project_funding_chart(project, rows):
    return funding_chart(
        rows,
        name="project-funding",
        title=gettext("Budget and spending by year"),
        year_link=lambda year: f"#money-{year}",
    )


def latest_reading(indicator):
    """(the latest period with an actual value, or else the last with a target, or None)."""
    periods = list(indicator.periods.all())
    measured = [period for period in periods if period.actual is not None]
    if measured:
        return measured[-1]
    targeted = [period for period in periods if period.target is not None]
    return targeted[-1] if targeted else None


def period_years(period):
    """ "2016", or "2016–2017" for a period across years."""
    first, last = period.period_start.year, period.period_end.year
    return str(first) if first == last else f"{first}–{last}"


def indicators_chart(indicators):
    """Each indicator as baseline → latest actual → target, on its own scale (units differ)."""
    if not indicators:
        return None
    from kernel.translation import localized

    baseline, actual, target = (
        Series("baseline", gettext("Baseline")),
        Series("actual", gettext("Actual")),
        Series("target", gettext("Target")),
    )
    groups, csv_rows = [], []
    for indicator in indicators:
        period = latest_reading(indicator)
        title = localized(indicator, "title")
        unit = localized(indicator, "unit")
        label = f"{title} ({unit})" if unit else title
        years = period_years(period) if period else ""
        readings = [
            (baseline, indicator.baseline_value, str(indicator.baseline_year or ""), ""),
            (actual, period.actual if period else None, years, period.period if period else ""),
            (target, period.target if period else None, years, period.period if period else ""),
        ]
        bars, cells = [], []
        for each, value, when, span in readings:
            figure = indicator.figure(value) if value is not None else gettext("not stated")
            # The bar says the years; its name and the table say the whole period.
            text = f"{figure} ({when})" if value is not None and when else figure
            full = f"{figure} ({span or when})" if value is not None and (span or when) else figure
            bars.append(Bar(each, value, text, labelled(f"{label}, {each.label.lower()}", full)))
            cells.append(full)
        groups.append(Group(f"indicator-{indicator.pk}", label, bars, cells))
        periods = list(indicator.periods.all()) or [None]
        for each in periods:
            csv_rows.append(
                [
                    title,
                    unit,
                    indicator.get_measure_display(),
                    indicator.baseline_year,
                    indicator.baseline_value,
                    each.period_start if each else None,
                    each.period_end if each else None,
                    each.actual if each else None,
                    each.target if each else None,
                ]
            )
    return Chart(
        name="project-indicators",
        title=gettext("Indicators: baseline, latest actual value and target"),
        description=gettext(
            "For each indicator, its baseline, the value reached in the latest period measured and that "
            "period's target. Each indicator is drawn on its own scale: their units differ."
        ),
        series=[baseline, actual, target],
        groups=groups,
        first_column=gettext("Indicator"),
        columns=[baseline.label, actual.label, target.label],
        csv_header=[
            "indicator",
            "unit",
            "measure",
            "baseline_year",
            "baseline_value",
            "period_start",
            "period_end",
            "actual",
            "target",
        ],
        csv_rows=csv_rows,
        scale_per_group=True,
    )


def budget_label(budget):
    return pgettext("money table", "Budget, %(kind)s") % {"kind": budget.get_kind_display().lower()}


def money_rows(project):
    """The project's budgets and transactions for its table, oldest first, as (anchor, label, row):
    the first row of each year carries the anchor `money-<year>` its chart's bars lead to."""
    rows = [(budget.period_start, budget_label(budget), budget) for budget in project.budgets.all()]
    rows += [(each.date, each.get_kind_display(), each) for each in project.transactions.all()]
    rows.sort(key=lambda row: (row[0], isinstance(row[2], Transaction)))
    anchored, years = [], set()
    for day, label, row in rows:
        anchor = "" if day.year in years else f"money-{day.year}"
        years.add(day.year)
        anchored.append((anchor, label, row))
    return anchored
