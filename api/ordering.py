"""`ordering`: DRF's ordering filter, strict about its fields and stable across pages."""

from django.db.models import F
from rest_framework import filters
from rest_framework.exceptions import ValidationError


class OrderingFilter(filters.OrderingFilter):
    """`?ordering=-start_date,title`: the view's `ordering_fields`, `-` for descending.

    An unknown field is a 400 naming the parameter (DRF would ignore it), and the primary key ends
    every ordering, so that pages never share or skip a row. Empty terms are skipped (`ordering=`
    from a form left at its default, a stray comma), so an empty value means the default order.
    """

    ordering_description = "Sort by these fields (comma-separated; a leading - sorts descending)."

    def choices(self, view):
        return sorted(getattr(view, "ordering_fields", ()))

    def get_ordering(self, request, queryset, view):
        raw = request.query_params.get(self.ordering_param, "")
        terms = [term for term in (part.strip() for part in raw.split(",")) if term]
        if not terms:
            return None
        allowed = set(self.choices(view))
        unknown = [term for term in terms if term.removeprefix("-") not in allowed]
        if unknown:
            raise ValidationError(
                {
                    self.ordering_param: [
                        f"Cannot sort by {', '.join(unknown)}; choose from {', '.join(sorted(allowed))}."
                    ]
                }
            )
        return terms

    def filter_queryset(self, request, queryset, view):
        ordering = self.get_ordering(request, queryset, view)
        if ordering is None:
            return queryset.order_by(*(queryset.query.order_by or queryset.model._meta.ordering), "pk")
        # Empty values last whichever the direction, on every database.
        terms = [
            F(term[1:]).desc(nulls_last=True) if term.startswith("-") else F(term).asc(nulls_last=True)
            for term in ordering
        ]
        return queryset.order_by(*terms, "pk")

    def get_schema_operation_parameters(self, view):
        # "" is the default order, so that an empty value (a form left at its default) is valid.
        values = ["", *(prefix + name for name in self.choices(view) for prefix in ("", "-"))]
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": self.ordering_description,
                "schema": {"type": "array", "items": {"type": "string", "enum": values}},
                "style": "form",
                "explode": False,
            }
        ]
