"""A donor's contributions as a chart: one bar per kind and period (`contribution_totals`), each
figure with its qualifier ("> USD 271M"), never a sum across qualifiers, kinds or periods; a span of
years (2012–2017) is one bar labelled by its period, never split into years."""

from django.utils.translation import gettext

from donors.models import contribution_totals
from kernel.charts import Bar, Chart, Group, Series, labelled
from kernel.l10n import format_number, format_usd
from kernel.translation import localized


def contributions_chart(donor, contributions, *, title, name="contributions-chart"):
    """From the donor's contributions as the page already has them (no query): the valued totals as
    bars, each leading to its first contribution in the profile's table."""
    totals = [total for total in contribution_totals(contributions) if total.amount_usd is not None]
    if not totals:
        return None
    first_row = {}
    for contribution in contributions:
        key = (contribution.kind, contribution.year_from, contribution.year_to, contribution.amount_qualifier)
        first_row.setdefault(key, contribution.get_absolute_url())
    series = Series("contribution", gettext("Contributions"))
    groups = []
    for total in totals:
        label = f"{total.kind_label}, {total.period}"
        text = format_usd(total.amount_usd, total.qualifier, compact=True)
        href = first_row.get((total.kind, total.year_from, total.year_to, total.qualifier), "")
        in_words = format_usd(total.amount_usd, total.qualifier)
        # Its name holds the figure it shows ("> USD 271M"), then the figure in words.
        spoken = text if text == in_words else f"{text} ({in_words})"
        bar = Bar(series, total.amount_usd, text, labelled(label, spoken), href)
        cells = [in_words, format_number(total.count)]
        key = f"{total.kind}-{total.year_from}-{total.year_to}-{total.qualifier}".rstrip("-")
        groups.append(Group(key, label, [bar], cells, href))
    description = gettext(
        "The contributions of %(donor)s per kind and period, in US dollars, each as its source states it "
        "(“>” for “more than”). A period of several years is one bar; figures of different kinds, periods "
        "or qualifiers are never added together."
    ) % {"donor": localized(donor, "name")}
    return Chart(
        name=name,
        title=title,
        description=description,
        series=[series],
        groups=groups,
        first_column=gettext("Kind and period"),
        columns=[gettext("Amount"), gettext("Contributions")],
        csv_header=["kind", "year_from", "year_to", "qualifier", "amount", "currency", "contributions"],
        csv_rows=[
            [t.kind, t.year_from, t.year_to, t.qualifier, t.amount_usd, "USD", t.count] for t in totals
        ],
    )
