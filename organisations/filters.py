"""FilterSets for organisations and people: shared by the pages and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from kernel.filters import (
    RECORD_TIME_LABELS,
    RECORD_TIMES,
    CodeMultipleChoiceFilter,
    FacetedFilterSet,
    SearchFilter,
    SlugMultipleChoiceFilter,
    SortFilter,
)
from kernel.relations import linked_model
from kernel.taxonomy.models import Country
from kernel.translation import with_translations
from organisations.models import Organisation, Person


def published_donors(request):
    """Donor options: only profiles the public can open. The donor is the model this app's
    `Organisation.donor` points to; the donors app stands above this one, so it is not imported."""
    return linked_model(Organisation, "donor").objects.published().only("slug", *with_translations("name"))


class OrganisationFilter(FacetedFilterSet):
    q = SearchFilter()  # the full-text index of the model's `full_text_fields`
    category = django_filters.MultipleChoiceFilter(choices=Organisation.Category.choices, label=_("Category"))
    type = django_filters.MultipleChoiceFilter(choices=Organisation.Type.choices, label=_("IATI type"))
    country = CodeMultipleChoiceFilter(
        field_name="country", to_field_name="code", queryset=Country.objects.all(), label=_("Country")
    )
    donor = SlugMultipleChoiceFilter(queryset=published_donors, label=_("Counted under donor"))
    sort = SortFilter(
        fields=(("name", "name"), ("acronym", "acronym"), *RECORD_TIMES),
        field_labels={
            "name": _("Name (A–Z)"),
            "-name": _("Name (Z–A)"),
            "acronym": _("Acronym (ascending)"),
            "-acronym": _("Acronym (descending)"),
            **RECORD_TIME_LABELS,
        },
        label=_("Sort by"),
    )

    # `type` (the IATI OrganisationType code) filters the list and the API alike, for data users; the
    # page offers visitors the ILO's own categories instead of a second, coded list of the same.
    facets = {"category": "category", "country": "country__code"}

    class Meta:
        model = Organisation
        fields = ["q", "category", "type", "country", "donor"]


def published_organisations(request):
    return Organisation.objects.published().only("slug", "acronym", *with_translations("name"))


class PersonFilter(django_filters.FilterSet):
    """People, as the API lists them: by name or position, or by the organisation they work for."""

    q = SearchFilter()  # the full-text index of the model's `full_text_fields`
    organisation = SlugMultipleChoiceFilter(queryset=published_organisations, label=_("Organisation"))
    sort = SortFilter(fields=(("name", "name"), *RECORD_TIMES), label=_("Sort by"))

    class Meta:
        model = Person
        fields = ["q", "organisation"]
