"""The event FilterSet: one definition for the public list page and the API list."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from donors.filters import published_donors
from events.models import Event, Organiser
from kernel.filters import (
    RECORD_TIME_LABELS,
    RECORD_TIMES,
    CodeMultipleChoiceFilter,
    FacetedFilterSet,
    SearchFilter,
    SlugMultipleChoiceFilter,
    SortFilter,
    YearFilter,
)
from kernel.taxonomy.models import Country, Theme
from kernel.translation import with_translations
from organisations.models import Organisation


def organisers(request):
    """Organisations that have organised at least one published event."""
    organising = Organiser.objects.filter(event__in=Event.objects.published()).values("organisation_id")
    return (
        Organisation.objects.published()
        .filter(pk__in=organising)
        .only("slug", "acronym", *with_translations("name"))
    )


class EventFilter(FacetedFilterSet):
    q = SearchFilter()  # the full-text index of the model's `full_text_fields`
    when = django_filters.ChoiceFilter(
        choices=[("upcoming", pgettext_lazy("event", "Upcoming")), ("past", pgettext_lazy("event", "Past"))],
        method="filter_when",
        label=_("When"),
    )
    kind = django_filters.MultipleChoiceFilter(choices=Event.Kind.choices, label=_("Kind"))
    country = CodeMultipleChoiceFilter(
        field_name="country", to_field_name="code", queryset=Country.objects.all(), label=_("Country")
    )
    theme = SlugMultipleChoiceFilter(field_name="themes", queryset=Theme.objects.all(), label=_("Theme"))
    organiser = SlugMultipleChoiceFilter(
        field_name="organisations", queryset=organisers, label=_("Organiser")
    )
    donor = SlugMultipleChoiceFilter(field_name="donors", queryset=published_donors, label=_("Donor"))
    year = YearFilter(field_name="start", lookup_expr="year", label=_("Year"))
    sort = SortFilter(
        fields=(("start", "start"), ("end", "end"), ("title", "title"), *RECORD_TIMES),
        field_labels={
            "start": _("Date (earliest first)"),
            "-start": _("Date (latest first)"),
            "end": _("End (earliest first)"),
            "-end": _("End (latest first)"),
            "title": _("Title (A–Z)"),
            "-title": _("Title (Z–A)"),
            **RECORD_TIME_LABELS,
        },
        label=_("Sort by"),
    )

    facets = {
        "kind": "kind",
        "country": "country__code",
        "theme": "themes__slug",
        "organiser": "organisations__slug",
        "donor": "donors__slug",
    }

    class Meta:
        model = Event
        fields = ["q", "when", "kind", "country", "theme", "organiser", "year", "donor"]

    def filter_when(self, queryset, name, value):
        """Upcoming events soonest first, past ones latest first (a `sort` given overrides it)."""
        if value == "upcoming":
            return queryset.upcoming().order_by("start", "title", "pk")
        if value == "past":
            return queryset.past().order_by("-start", "title", "pk")
        return queryset
