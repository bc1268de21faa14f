"""The admin's lists at the size of all of IATI: no question in them reads the whole table.

Django's changelist asks three things that grow with the table. `ScaledListAdmin`, which every
admin of the site inherits (tests/admin checks it), answers each from an index:

- **The date hierarchy's years.** Django lists them with `SELECT DISTINCT` of each row's date
  truncated to its year, over the whole filtered table (171 ms for projects, 244 ms for events at
  100,000 on SQLite). Here each year between the first date and the last is probed with an `EXISTS`
  over the date's index instead: one seek a year (`YearsProbed`). The months of a year and the days
  of a month are left to Django: they read one year's rows, which the index finds.
- **The search box.** Django's `LIKE '%word%'` over each search field reads every row's text (352 ms
  for projects). A model with a full-text index (`kernel.search`) is searched through it when the
  index covers every one of the admin's search fields: the same words find the same records as on
  the site (a word matches the beginning of a word, whatever its accents), and identifiers by their
  parts, as the site's search does ("XM-DAC-41302-RAS" finds "XM-DAC-41302-RAS/12/01/JPN"). Other
  models keep Django's search.
- **The full count** of "(N total)": off (`show_full_result_count`); the filtered count stays.
"""

import datetime

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.db import models
from django.db.models.functions import ExtractYear
from django.utils import timezone

from kernel.search import SearchableQuerySet


class YearOf(ExtractYear):
    """A date's year; on SQLite, read from the text it keeps a date as ("2016-07-01"), not through
    Django's Python function called once a row (21 against 65 ms over 50,000 projects)."""

    def as_sqlite(self, compiler, connection, **extra_context):
        if type(self.lhs.output_field) is models.DateField:
            sql, params = compiler.compile(self.lhs)
            return f"CAST(substr({sql}, 1, 4) AS integer)", params
        return super().as_sql(compiler, connection)


class YearsProbed:
    """A queryset mixin: `dates(field, "year")` and `datetimes(field, "year")` found by one indexed
    EXISTS per year between the first and the last value, not by truncating every row. The answer is
    the same list, of the same type, in the same order; other kinds go to Django."""

    def dates(self, field_name, kind, order="ASC"):
        field = self.model._meta.get_field(field_name)
        if kind != "year" or isinstance(field, models.DateTimeField):
            return super().dates(field_name, kind, order)
        return self._probed_years(field_name, order, lambda year: datetime.date(year, 1, 1))

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None):
        if kind != "year":
            return super().datetimes(field_name, kind, order, tzinfo)
        zone = (tzinfo or timezone.get_current_timezone()) if settings.USE_TZ else None
        return self._probed_years(field_name, order, lambda year: datetime.datetime(year, 1, 1, tzinfo=zone))

    def aggregate(self, *args, **kwargs):
        # The date hierarchy's first question: {"first": Min(field), "last": Max(field)}. SQLite
        # answers the two together by reading every row, and each alone by one seek in the index.
        first, last = kwargs.get("first"), kwargs.get("last")
        if (
            not args
            and kwargs.keys() == {"first", "last"}
            and type(first) is models.Min
            and type(last) is models.Max
            and first.filter is None
            and last.filter is None
            and first.source_expressions == last.source_expressions
            and isinstance(first.source_expressions[0], models.F)
        ):
            first, last = self._bounds(first.source_expressions[0].name)
            return {"first": first, "last": last}
        return super().aggregate(*args, **kwargs)

    def count(self):
        # The changelist's count, for its pages: from the pass that finds the date hierarchy's
        # years (`_years`), which then reads the filtered rows once for both.
        field_name = self.__dict__.get("_hierarchy")
        if field_name and self._in_one_pass():
            return sum(rows for _first, _last, rows in self._years(field_name).values())
        return super().count()

    def _in_one_pass(self):
        """Whether the rows are filtered and plain enough for `_years`: each row once, no
        annotation that the grouping would fold in."""
        query = self.query
        return bool(query.where) and not (query.distinct or query.annotations or query.is_sliced)

    def _bounds(self, field_name):
        """(the field's least value, its greatest), or (None, None); kept on the queryset, which
        the date hierarchy asks twice. Unfiltered, each is one seek in the field's index; filtered,
        one pass over the filtered rows reads both, and the years that have a row (`_years`)."""
        known = self.__dict__.setdefault("_known_bounds", {})
        if field_name not in known:
            plain = self.order_by()
            if self._in_one_pass():
                dated = [
                    (first, last) for year, (first, last, _rows) in self._years(field_name).items() if year
                ]
                known[field_name] = (
                    min((first for first, _last in dated), default=None),
                    max((last for _first, last in dated), default=None),
                )
            elif plain.query.where:
                both = models.QuerySet.aggregate(
                    plain, first=models.Min(field_name), last=models.Max(field_name)
                )
                known[field_name] = (both["first"], both["last"])
            else:
                known[field_name] = (
                    models.QuerySet.aggregate(plain, value=models.Min(field_name))["value"],
                    models.QuerySet.aggregate(plain, value=models.Max(field_name))["value"],
                )
        return known[field_name]

    def _years(self, field_name):
        """{year: (least value, greatest, rows)} of the filtered rows, the year in the current time
        zone (None for rows with no value), in one pass, kept on the queryset. A year probed alone
        costs a pass over the filter's rows (26 of them, 100 ms for the projects of one status at
        100,000 on SQLite), and so does the count."""
        known = self.__dict__.setdefault("_known_years", {})
        if field_name not in known:
            field = self.model._meta.get_field(field_name)
            zone = (
                timezone.get_current_timezone()
                if settings.USE_TZ and isinstance(field, models.DateTimeField)
                else None
            )
            rows = (
                self.order_by()
                .annotate(hierarchy_year=YearOf(field_name, tzinfo=zone))
                .values("hierarchy_year")
                .annotate(first=models.Min(field_name), last=models.Max(field_name), rows=models.Count("pk"))
                .order_by()
            )
            known[field_name] = (
                zone,
                {row["hierarchy_year"]: (row["first"], row["last"], row["rows"]) for row in rows},
            )
        return known[field_name][1]

    def _probed_years(self, field_name, order, start_of):
        if order not in ("ASC", "DESC"):
            raise ValueError("'order' must be either 'ASC' or 'DESC'.")
        plain = self.order_by()
        first, last = self._bounds(field_name)
        if first is None:
            return []
        zone, found = self.__dict__.get("_known_years", {}).get(field_name, (None, None))
        if found is not None and zone == getattr(start_of(2000), "tzinfo", None):
            years = [start_of(year) for year in sorted(year for year in found if year is not None)]
            return years if order == "ASC" else years[::-1]
        if isinstance(first, datetime.datetime) and timezone.is_aware(first):
            # The years as the reader's time zone has them, as Django's truncation would.
            zone = start_of(2000).tzinfo
            first, last = first.astimezone(zone), last.astimezone(zone)
        years = [
            start_of(year)
            for year in range(first.year, last.year + 1)
            if plain.filter(
                **{f"{field_name}__gte": start_of(year), f"{field_name}__lt": start_of(year + 1)}
            ).exists()
        ]
        return years if order == "ASC" else years[::-1]


_probing_classes = {}


def years_probed(queryset):
    """The queryset, its class given `YearsProbed` (the class is made once per queryset class)."""
    base = type(queryset)
    if base not in _probing_classes:
        _probing_classes[base] = type(f"YearsProbed{base.__name__}", (YearsProbed, base), {})
    probed = queryset._chain()
    probed.__class__ = _probing_classes[base]
    return probed


class ScaledChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        probed = years_probed(super().get_queryset(request, exclude_parameters))
        if self.date_hierarchy and "__" not in self.date_hierarchy:
            probed.__dict__["_hierarchy"] = self.date_hierarchy  # counted with its years
        return probed


def searched_by_index(model, search_fields):
    """Whether the model's full-text index covers every search field of its admin."""
    indexed = set(getattr(model, "full_text_fields", ()))
    return (
        bool(indexed and search_fields)
        and issubclass(model._default_manager._queryset_class, SearchableQuerySet)
        and all(field.lstrip("^=@") in indexed for field in search_fields)
    )


class ScaledListAdmin(admin.ModelAdmin):
    """The changelist of `ScaledChangeList`, searched through the full-text index where there is one."""

    show_full_result_count = False

    def get_changelist(self, request, **kwargs):
        return ScaledChangeList

    def get_search_results(self, request, queryset, search_term):
        if search_term.strip() and searched_by_index(self.model, self.get_search_fields(request)):
            return queryset.search(search_term), False
        return super().get_search_results(request, queryset, search_term)
