"""Pages of `page_size` rows (20 unless asked, at most 100): `{count, next, previous, results}`."""

from django.core.paginator import InvalidPage
from rest_framework import pagination, serializers
from rest_framework.exceptions import NotFound, ValidationError

from kernel.versioning import remembered_count
from kernel.visibility import sees_drafts

MAX_PAGE_SIZE = 100


def positive_int_param(request, name, maximum=None):
    """An optional positive integer query parameter; a bad one is a 400 naming it."""
    raw = request.query_params.get(name, "")
    if raw == "":
        return None
    field = serializers.IntegerField(min_value=1, max_value=maximum)
    try:
        return field.run_validation(raw)
    except ValidationError as error:
        raise ValidationError({name: error.detail}) from None


class PageNumberPagination(pagination.PageNumberPagination):
    """DRF's page-number pagination, strict about its parameters.

    A `page_size` above 100 or a `page` that is not a positive integer is a 400 naming the
    parameter (not silently replaced), and a page past the end is a 404 that says where it ends.
    """

    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    last_page_strings = ()
    page_query_description = "A page number, from 1. A page past the last one is a 404."
    page_size_query_description = f"Rows per page, from 1 to {MAX_PAGE_SIZE} (20 unless given)."

    def get_page_size(self, request):
        return positive_int_param(request, self.page_size_query_param, self.max_page_size) or self.page_size

    def get_page_number(self, request, paginator):
        return positive_int_param(request, self.page_query_param) or 1

    # Query parameters that do not change which rows a list holds, only how they are sent.
    presentation_params = ("page", "page_size", "format", "sort")

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        # The number of rows depends on the filters and on who asks (staff see drafts): counted
        # once per change of content (kernel.versioning.remembered_count), not on every request.
        filters = sorted(
            (name, sorted(values))
            for name, values in request.query_params.lists()
            if name not in self.presentation_params
        )
        drafts = sees_drafts(request.user)
        paginator.count = remembered_count(
            ("api-count", queryset.model._meta.label, drafts, filters), queryset
        )
        number = self.get_page_number(request, paginator)
        try:
            self.page = paginator.page(number)
        except InvalidPage:
            last = paginator.num_pages
            raise NotFound(f"There is no page {number}: the last page is {last}.") from None
        self.display_page_controls = paginator.num_pages > 1
        return list(self.page)

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["required"] = ["count", "next", "previous", "results"]
        for name in ("next", "previous"):
            response["properties"][name]["example"] = "https://example.org/api/v1/projects/?page=2"
        return response

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": self.page_query_description,
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": self.page_size_query_description,
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]
