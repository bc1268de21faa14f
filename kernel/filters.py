"""What every resource's FilterSet shares: multi-value filters by slug or code, a year filter,
a text search, and facet counts computed from the FilterSet itself.

Facet counts answer "how many results would this option give, with the other active filters?":
for each faceted filter the FilterSet is re-run without that one filter, and the rows are
counted per option in one grouped query. One query per facet, whatever the number of rows.
"""

import re
from functools import reduce
from operator import or_
from typing import NamedTuple

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, F, IntegerField, Q
from django.forms.utils import pretty_name
from django.http import QueryDict
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from kernel import l10n
from kernel.visibility import sees_drafts


def crosses_many(model, path):
    """Whether a lookup path passes through a to-many relation (a row can match more than once)."""
    for part in path.split("__"):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:  # a lookup such as `year`, not a field
            return False
        if field.many_to_many or field.one_to_many:
            return True
        if not field.is_relation:
            return False
        model = field.related_model
    return False


def matching_ids(model, path, values):
    """A subquery of the primary keys of `model` rows related through `path` to any of `values`.

    A many-to-many field of the model itself is read from its link table alone, which the planner
    estimates well; with a join back to the model, PostgreSQL walked the whole sorted table."""
    field = model._meta.get_field(path.split("__")[0])
    if "__" not in path and field.many_to_many and not field.auto_created:
        links = field.remote_field.through._default_manager.filter(
            **{f"{field.m2m_reverse_field_name()}__in": values}
        )
        return links.values(field.m2m_field_name())
    return model._base_manager.filter(**{f"{path}__in": values}).values("pk")


class SemiJoinMixin:
    """ "Any of" over a to-many relation as `pk IN (rows that match)`: no join of the listed rows,
    so no DISTINCT over the whole result, and a count that reads an index instead of a join."""

    def filter(self, qs, value):
        if not value or self.method is not None or not crosses_many(qs.model, self.field_name):
            return super().filter(qs, value)
        return qs.filter(semi_join(qs.model, self.field_name, list(value)))


def semi_join(model, path, values):
    """The condition that `model` rows relate through `path` (which crosses a to-many relation) to
    any of `values`. A path that starts with a foreign key (`project__countries`) filters that key by
    the far rows that match: a transaction's project among the few projects in Kuwait, not every
    transaction tested one by one in date order (PostgreSQL read 20,000 for a page of 20)."""
    first, _, rest = path.partition("__")
    field = model._meta.get_field(first)
    if rest and field.many_to_one and crosses_many(field.related_model, rest):
        return Q(**{f"{first}__in": matching_ids(field.related_model, rest, values)})
    return Q(pk__in=matching_ids(model, path, values))


class ByLabelChoiceIterator(django_filters.fields.ModelChoiceIterator):
    """Options in the alphabetical order of the reader's language: country names are CLDR's in
    each language ("Égypte" is not where "Egypt" is), so the database's order by English name
    will not do. The rows are read once, as before; "Any" (and "None") stay first."""

    def __iter__(self):
        choices = list(super().__iter__())
        head = (self.field.empty_label is not None) + (self.field.null_label is not None)
        yield from choices[:head]
        yield from l10n.sorted_by_name(choices[head:], name=lambda choice: str(choice[1]))


class UpperCaseModelMultipleChoiceField(django_filters.fields.ModelMultipleChoiceField):
    """Accepts `np` for `NP`: codes are matched whatever their case. Its options (countries) are
    in the order of their names in the reader's language."""

    iterator = ByLabelChoiceIterator

    def clean(self, value):
        if value:
            value = [item.upper() if isinstance(item, str) else item for item in value]
        return super().clean(value)


class ModelMultipleChoiceFilter(SemiJoinMixin, django_filters.ModelMultipleChoiceFilter):
    pass


class CodeMultipleChoiceFilter(ModelMultipleChoiceFilter):
    field_class = UpperCaseModelMultipleChoiceField


class NumberKeyModelMultipleChoiceField(django_filters.fields.ModelMultipleChoiceField):
    """Options keyed by a number (SDGs by their number): anything but a short run of digits is a
    form error before it reaches the database, which could not compare a 20-digit number."""

    def clean(self, value):
        for item in value or []:
            if not (isinstance(item, str) and item.isascii() and item.isdigit() and len(item) <= 9):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": item}
                )
        return super().clean(value)


class SlugMultipleChoiceFilter(ModelMultipleChoiceFilter):
    """Repeated keys mean "any of": `?theme=green-jobs&theme=child-labour`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        super().__init__(*args, **kwargs)

    def get_filter_predicate(self, value):
        # Match the chosen record itself; django-filter would compare the slug with the key.
        return {self.field_name: value}


class SortFilter(django_filters.OrderingFilter):
    """`sort`: the one sort parameter of a list page and of its API list, with the same words.

    `fields` pairs a model field with its word in the query string (`("start_date", "start")`);
    `?sort=-start,title` sorts by several, a leading `-` descending. Empty values come last in either
    direction, and the id ends every ordering so that pages never share or skip a row. An empty
    term (a form left at its default, a stray comma) is skipped: `?sort=` is the default order.
    """

    def build_choices(self, fields, labels):
        """Each option says its direction once: labels are given by the word in the query string
        (`"start"`, `"-start"`), and a word without a label reads "Start (ascending)"."""
        choices = []
        for field, param in fields.items():
            ascending = labels.get(param) or labels.get(field) or f"{pretty_name(param)} (ascending)"
            descending = labels.get(f"-{param}") or f"{pretty_name(param)} (descending)"
            choices += [(param, ascending), (f"-{param}", descending)]
        return choices

    def filter(self, qs, value):
        terms = [self.get_ordering_value(param) for param in value or () if param]
        if not terms:
            return qs
        return qs.order_by(
            *(
                F(term[1:]).desc(nulls_last=True) if term.startswith("-") else F(term).asc(nulls_last=True)
                for term in terms
            ),
            "pk",
        )


# The times every published record has, for clients that read what changed since they last looked.
RECORD_TIMES = (("published_at", "published"), ("updated_at", "updated"))
RECORD_TIME_LABELS = {
    "published": _("Published (earliest first)"),
    "-published": _("Published (latest first)"),
    "updated": _("Last changed (earliest first)"),
    "-updated": _("Last changed (latest first)"),
}


class YearFilter(django_filters.NumberFilter):
    """A four-digit year; anything else is a form error naming the field, not a crash."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2100)
        super().__init__(*args, **kwargs)


class SearchFilter(django_filters.CharFilter):
    """`q`: every word must begin a word of the record's text.

    A model with a full-text index (`full_text_fields`, see kernel/search.py) is searched
    through it, best matches first (a name or title match, then the database's relevance score);
    a `sort` given with it replaces that order. The small reference tables are searched with
    `search_fields` (every word must appear in one of them, case-insensitively).
    """

    def __init__(self, *args, search_fields=(), **kwargs):
        self.search_fields = search_fields
        kwargs.setdefault("label", _("Search"))
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value or not value.strip():
            return qs
        if getattr(qs.model, "full_text_fields", None):
            return qs.ranked(value)
        for word in value.split()[:10]:
            qs = qs.filter(reduce(or_, (Q(**{f"{field}__icontains": word}) for field in self.search_fields)))
        return qs


class NoNullCharField(forms.CharField):
    """Rejects NUL bytes with a form error (databases refuse them in text)."""

    default_error_messages = {"null_character": _("Null characters are not allowed.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.core.validators import ProhibitNullCharactersValidator

        if not any(isinstance(v, ProhibitNullCharactersValidator) for v in self.validators):
            self.validators.append(ProhibitNullCharactersValidator())


SearchFilter.field_class = NoNullCharField


class StrictBooleanField(forms.Field):
    """true/false (or 1/0, yes/no); anything else is a form error, not "no filter"."""

    widget = forms.TextInput
    default_error_messages = {"invalid": _("Expected true or false.")}

    def to_python(self, value):
        if value in (None, ""):
            return None
        text = str(value).strip().lower()
        if text in {"true", "1", "yes", "on"}:
            return True
        if text in {"false", "0", "no", "off"}:
            return False
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


def _merged_counts(sums, names):
    """One facet_counts from those of several slices: each option's counts added up."""
    merged = {name: {} for name in names}
    for counts in sums:
        for name, options in (counts or {}).items():
            kept = merged.setdefault(name, {})
            for value, n in options.items():
                kept[value] = kept.get(value, 0) + n
    return merged


class FacetOption(NamedTuple):
    value: str
    label: str
    count: int
    selected: bool


class FacetGroup(NamedTuple):
    name: str
    label: str
    options: list[FacetOption]
    more: int = 0  # options left out of a long group (the ones with the fewest results)

    @property
    def selected_count(self):
        return sum(option.selected for option in self.options)


class ActiveFilter(NamedTuple):
    """A filter value in force, as a page shows it ("Country: Nepal") with the query that drops it."""

    name: str
    label: str
    value_label: str
    query: QueryDict


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class FacetedFilterSet(django_filters.FilterSet):
    """A FilterSet that can count, for each option of its faceted filters, the rows it would give.

    Subclasses name their facets: `facets = {"country": "countries__code", ...}` maps a filter
    name to the path of the value its options are matched on, or to a tuple of paths when a row
    can match an option in more than one way (a project is in a region through its countries or
    directly).
    """

    facets: dict[str, str | tuple[str, ...]] = {}
    # A long group (hundreds of organisers) shows its options with the most results, and the
    # selected ones; a page listing thousands of checkboxes helps no one and is slow to send.
    facet_limit = 30

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():
            if (
                type(filter_) in (django_filters.ModelMultipleChoiceFilter, ModelMultipleChoiceFilter)
                and not filter_.extra.get("to_field_name")
                and isinstance(filter_.queryset.model._meta.pk, IntegerField)
            ):
                filter_.field_class = NumberKeyModelMultipleChoiceField

    def _without(self, name, slices=None):
        """The rows the other active filters give, as a subquery of primary keys; only those of
        `slices` (kernel.versioning.Slices) if given."""
        if name in self.data:
            data = self.data.copy()
            data.pop(name, None)
            filterset = type(self)(data, queryset=self.queryset, request=self.request)
        else:  # a facet not filtered on counts this FilterSet's own rows
            filterset = self
        rows = filterset.qs if filterset.is_bound else self.queryset
        if slices:
            rows = slices.within(rows)
        if rows.query.distinct:
            rows = self.queryset.model._default_manager.filter(pk__in=rows.values("pk"))
            return slices.within(rows) if slices else rows
        return rows

    def _options(self, name):
        """[(value, label), ...] of one facet, in the page's language: the options of a model's
        rows (500 donors) are read and named once per change of content, not on every request; when
        they are not rows of the sliced model (projects), not again after an edit of a project."""
        from kernel.versioning import remember, remember_unsliced, sliced_model

        def options():
            return [
                (str(getattr(value, "value", value)), str(label))
                for value, label in self.form.fields[name].choices
                if value != ""
            ]

        drafts = sees_drafts(getattr(self.request, "user", None))
        parts = (type(self).__module__, type(self).__qualname__, drafts, "options", name, get_language())
        queryset = getattr(self.form.fields[name], "queryset", None)
        if queryset is not None and queryset.model is sliced_model():
            return remember(parts, options)
        return remember_unsliced(parts, options)

    def cache_parts(self, *extra):
        """What the rows depend on, for `kernel.versioning.remember`: the FilterSet, the valid
        filter values as given, and whether the reader sees drafts (the queryset the view made)."""
        drafts = sees_drafts(getattr(self.request, "user", None))
        values = {}
        if self.is_bound:
            # The valid values, even when another one is not: a list page ignores only the bad
            # value (`strict = False`), so its rows still depend on the good ones.
            self.is_valid()
            for name, value in self.form.cleaned_data.items():
                if value not in (None, "", [], ()) and name != "sort":
                    values[name] = sorted(map(str, self.data.getlist(name)))
        return (type(self).__module__, type(self).__qualname__, drafts, sorted(values.items()), *extra)

    def facet_counts(self):
        """{filter name: {option value: count}}, each with the other active filters applied.

        Each facet's counts depend only on the other filters: they are computed once per change
        of content and kept (`remember`), so a request does not count over the whole table. Over
        the sliced model (projects) they are counted and kept per slice (kernel.versioning's
        "Slices"), so the first reader after an edit counts the edited slice again, not the table."""
        from kernel.versioning import remember, remember_sliced, sliced_model

        if self.queryset.model is sliced_model():
            return remember_sliced(
                self.cache_parts("facets"),
                self._count_facets,
                lambda sums: _merged_counts(sums, self.facets),
            )
        return remember(self.cache_parts("facets"), self._count_facets)

    def _count_facets(self, slices=None):
        """The counts; with `slices` (kernel.versioning.Slices), {slice number: counts}."""
        counts = {}
        by = {"slice": slices.of()} if slices else {}
        for name, path in self.facets.items():
            base = self._without(name, slices)
            if isinstance(path, tuple):
                conditions = {
                    value: reduce(or_, (Q(**{one: value}) for one in path))
                    for value, _ in self._options(name)
                }
                totals = {
                    f"n{i}": Count("pk", filter=q, distinct=True) for i, q in enumerate(conditions.values())
                }
                rows = (
                    base.values(**by).annotate(**totals).order_by() if slices else [base.aggregate(**totals)]
                )
                for row in rows:
                    counts.setdefault(row.get("slice"), {})[name] = {
                        value: row[f"n{i}"] for i, value in enumerate(conditions)
                    }
            else:
                links = self._links(base, path, slices) if slices and not slices.every else None
                rows = (
                    links
                    if links is not None
                    else (
                        base.filter(**{f"{path}__isnull": False})
                        .values(path, **by)
                        .annotate(n=Count("pk", distinct=True))
                        .order_by()
                    )
                )
                for row in rows:
                    counts.setdefault(row.get("slice"), {}).setdefault(name, {})[str(row[path])] = row["n"]
        if slices:
            return counts
        found = counts.get(None, {})
        return {name: found.get(name, {}) for name in self.facets}

    def _links(self, base, path, slices):
        """A facet over a many-to-many field of the model (`donors__slug`), counted for a few slices
        from the link table limited to the slices' keys, or None for any other path. Through the
        model, PostgreSQL read the whole link table (150,000 rows, 30 ms) to join a slice's 1,024
        projects: it does not carry a key range across a join."""
        first, _, rest = path.partition("__")
        field = self.queryset.model._meta.get_field(first)
        if not (rest and field.many_to_many and not field.auto_created):
            return None
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        key = f"{source}_id"
        links = slices.within(field.remote_field.through._default_manager.all(), key)
        return (
            links.filter(**{f"{source}__in": base.values("pk"), f"{target}__{rest}__isnull": False})
            .values(slice=slices.of(key), **{path: F(f"{target}__{rest}")})
            .annotate(n=Count(key, distinct=True))
            .order_by()
        )

    def facet_groups(self):
        """For templates: [(name, label, [(value, label, count, selected), ...]), ...].

        Options with no results are left out unless they are selected, so a visitor can
        always remove what they chose.
        """
        counts = self.facet_counts()
        groups = []
        for name in self.facets:
            chosen = {value.upper() for value in self.data.getlist(name)} if self.is_bound else set()
            options = []
            for value, label in self._options(name):
                count = counts[name].get(value, 0)
                selected = value.upper() in chosen
                if count or selected:
                    options.append(FacetOption(value, str(label), count, selected))
            more = 0
            if len(options) > self.facet_limit:
                ranked = sorted(options, key=lambda option: (not option.selected, -option.count))
                kept = ranked[: max(self.facet_limit, sum(option.selected for option in options))]
                more = len(options) - len(kept)
                options = kept
            groups.append(FacetGroup(name, self.filters[name].label or name.title(), options, more))
        return groups

    def active_filters(self):
        """The valid filter values in force, each with the query string that removes it alone.

        Invalid values are left out: they are reported by `error_list()` and do not filter.
        """
        if not self.is_bound:
            return []
        self.is_valid()
        active = []
        for name, value in self.form.cleaned_data.items():
            filter_ = self.filters[name]
            if isinstance(filter_, django_filters.OrderingFilter) or value in (None, "", [], ()):
                continue
            label = self._label(name)
            for raw, value_label in self._chosen(name, value):
                active.append(ActiveFilter(name, label, value_label, self._query_without(name, raw)))
        return active

    def _chosen(self, name, value):
        """(value as it appears in the query, label) for each value of one cleaned filter."""
        field = self.form.fields[name]
        if isinstance(field, forms.ModelMultipleChoiceField):
            key = field.to_field_name or "pk"
            return [(str(getattr(obj, key)), str(obj)) for obj in value]
        if isinstance(value, bool):
            return [(None, gettext("Yes") if value else gettext("No"))]
        choices = {str(choice): str(label) for choice, label in getattr(field, "choices", [])}
        values = value if isinstance(value, (list, tuple)) else [value]
        return [(str(item), choices.get(str(item), str(item))) for item in values]

    def _query_without(self, name, raw):
        data = self.data.copy()
        data.pop("page", None)
        if raw is None:
            data.pop(name, None)
        else:
            data.setlist(name, [item for item in data.getlist(name) if item.upper() != raw.upper()])
        return data

    def error_list(self):
        """[(filter label, message)] for the values that were ignored, safe to show as text."""
        if not self.is_bound or self.is_valid():
            return []
        return [
            (self._label(name), CONTROL_CHARACTERS.sub("", str(message)))
            for name, messages in self.errors.items()
            for message in messages
        ]

    def _label(self, name):
        filter_ = self.filters.get(name)
        return (filter_.label or name.title()) if filter_ else gettext("Filters")
