"""The viewset every resource is: DRF's ModelViewSet with conditional requests and streamed CSV.

A resource's viewset names its model, its two serializers (a lighter one for lists and CSV, the
full one for a single record and for writes), its FilterSet (filters and `sort`), and the queryset a
user may see (`visible_to`), with the joins its serializers need and the relations to other
records prefetched as the user may see them (`kernel.visibility.prefetch`).
"""

from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from rest_framework import exceptions, status, viewsets
from rest_framework.permissions import SAFE_METHODS
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from api.language import ALL, answer_language
from api.renderers import CSVRenderer, IATIRenderer
from api.translations import MADE
from kernel.concurrency import etag_for, etag_for_rows, is_stale
from kernel.translation import languages
from kernel.versioning import content_version
from kernel.visibility import sees_drafts
from operations.caching import response_key, timeout

SLUG = r"[-a-zA-Z0-9_]+"
CSV_CHUNK = 500


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = (
        "The record has changed since you read it (If-Match does not name its current ETag): "
        "read it again, then reapply your change."
    )
    default_code = "precondition_failed"


def conditional(request, etag):
    """Django's answer to the request's conditional headers for this ETag (RFC 9110): a 304 for a read
    whose If-None-Match names it, a 412 (as the API's JSON error) for a write whose If-Match names
    another version; None when the request is to be answered in full.

    A JSON answer without an ETag of its own (a page of a list) gets one from its body
    (`ResourceViewSet.finalize_response`).
    """
    answer = get_conditional_response(request, etag=etag)
    if answer is None:
        return None
    if answer.status_code == status.HTTP_412_PRECONDITION_FAILED:
        raise PreconditionFailed()
    answer["ETag"] = etag
    patch_vary_headers(answer, ["Accept", "Authorization"])
    return answer


def rendered_at(request=None):
    """What a record's answer is made from besides the record (kernel/concurrency.py): the content
    version and the language (its text and labels; `all` for `lang=all`). If-Match compares the
    record's own version only."""
    return f"{content_version()}:{answer_language(request)}"


def check_if_match(request, instance):
    """A write's If-Match against the record's own version (kernel/concurrency.py): 412 if it changed."""
    if is_stale(instance, request.headers.get("If-Match")):
        raise PreconditionFailed()


def translation_columns(serializer):
    """The CSV columns of `translations` with `lang=all`: (`title_fr`, ("fr", "title")), …, and
    (`translation_made_fr`, ("fr", "made"))."""
    names = [*serializer.text_fields(), MADE]
    return [
        (f"translation_made_{code}" if name == MADE else f"{name}_{code}", (code, name))
        for code in languages()
        for name in names
    ]


def flat_translations(row, flatten):
    translations = row.pop("translations", None) or {}
    for name, (code, field) in flatten:
        row[name] = translations.get(code, {}).get(field, "")
    return row


def flat_objects(row, nested):
    for name, columns in nested.items():
        value = row.pop(name, None) or {}
        for column in columns:
            row[column] = value.get(column[len(name) + 1 :])
    return row


class ResourceViewSet(viewsets.ModelViewSet):
    lookup_field = "slug"
    lookup_value_regex = SLUG
    list_serializer_class = None
    csv_name = None
    # Fields holding an object of a few values, which CSV gives a column each (`rate_day`).
    csv_flatten = ()
    # The actions that answer `?format=iati`; a viewset naming any adds IATIRenderer to its renderers
    # and defines `iati_list_response(request, queryset)` and/or `iati_record_response(request, obj)`.
    iati_actions = ()

    def get_serializer_class(self):
        if self.action == "list" and self.list_serializer_class is not None:
            return self.list_serializer_class
        return self.serializer_class

    def initial(self, request, *args, **kwargs):
        # A method the resource does not take is a 405 before anything else is looked at: not a
        # 400 for a `format` that only the methods it does take could send.
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
            raise exceptions.MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)

    def get_renderers(self):
        renderers = super().get_renderers()
        # CSV is for lists. (No action: a method the view does not take, answered 405 whatever the format.)
        if self.action not in ("list", None):
            renderers = [renderer for renderer in renderers if not isinstance(renderer, CSVRenderer)]
        if self.action not in self.iati_actions:
            renderers = [renderer for renderer in renderers if not isinstance(renderer, IATIRenderer)]
        return renderers

    def lookup_value(self):
        return self.kwargs[self.lookup_url_kwarg or self.lookup_field]

    def get_object(self):
        """The record named in the URL among those the user may see.

        List filters do not apply here. A write locks the row until it commits, so the If-Match
        check and the save see the same version.
        """
        queryset = self.get_queryset()
        if self.request.method not in SAFE_METHODS and transaction.get_connection().in_atomic_block:
            queryset = queryset.select_for_update(of=("self",))
        obj = get_object_or_404(queryset, **{self.lookup_field: self.lookup_value()})
        self.check_object_permissions(self.request, obj)
        return obj

    def filter_queryset(self, queryset):
        if "ordering" in self.request.query_params:
            raise exceptions.ValidationError(
                {
                    "ordering": [
                        "Lists are sorted with `sort`, in the words of the site's own lists (`sort=-start`)."
                    ]
                }
            )
        queryset = super().filter_queryset(queryset)
        # The id ends every order, so that pages never share or skip a row.
        if "pk" not in queryset.query.order_by:
            queryset = queryset.order_by(*(queryset.query.order_by or queryset.model._meta.ordering), "pk")
        return queryset

    def fresh(self, instance):
        """The record as a GET reads it, with its relations and parts prefetched."""
        return self.get_queryset().filter(pk=instance.pk).first() or instance

    # Reading

    def list(self, request, *args, **kwargs):
        if not isinstance(request.accepted_renderer, CSVRenderer | IATIRenderer):
            # Looked up before the filters are read: a kept answer was a 200 to this very address
            # under this content version, so its filters were valid (and still name what they named).
            return self.cached(request, lambda: self.page_response(self.filter_queryset(self.get_queryset())))
        queryset = self.filter_queryset(self.get_queryset())
        if isinstance(request.accepted_renderer, CSVRenderer):
            # CSV holds every row, so the page parameters do not apply; they must still be valid.
            self.paginator.get_page_size(request)
            self.paginator.get_page_number(request, None)
            return self.csv_response(request, queryset)
        # IATI XML: streamed like CSV, so it carries the same weak ETag over the rows' versions.
        etag = etag_for_rows(
            queryset, request.get_full_path(), answer_language(request), sees_drafts(request.user)
        )
        if answer := conditional(request, etag):
            return answer
        response = self.iati_list_response(request, queryset)
        response["ETag"] = etag
        return response

    def page_response(self, queryset):
        page = self.paginate_queryset(queryset)
        serializer = self.get_serializer(page, many=True)
        return self.get_paginated_response(serializer.data)

    def cached(self, request, build):
        """The response `build()` makes, from the cache for anonymous readers (operations.caching).

        Here rather than in a middleware, so that a cached answer is still authenticated, checked
        and throttled like any other. A JSON answer is kept as the bytes first sent
        (`finalize_response` keeps them), so a hit renders nothing; any other rendering (the
        browsable API's page) keeps the data and is rendered for each request as asked.
        """
        key = response_key(request, request.accepted_media_type)
        if key is None:
            return build()
        hit = cache.get(key)
        if hit is not None:
            body, etag, content_type = hit
            if etag and (answer := conditional(request, etag)):
                return answer
            headers = {"ETag": etag} if etag else None
            if content_type:  # the bytes first sent
                return HttpResponse(body, content_type=content_type, headers=headers)
            return Response(body, headers=headers)
        response = build()
        if isinstance(response, Response) and response.status_code == status.HTTP_200_OK:
            if isinstance(request.accepted_renderer, JSONRenderer):
                request.keep_rendered_as = key
            else:
                cache.set(key, (response.data, response.get("ETag"), None), timeout())
        return response

    def csv_response(self, request, queryset):
        """Every filtered row, streamed in chunks: memory and queries per chunk, not per row."""
        language = answer_language(request)
        etag = etag_for_rows(queryset, request.get_full_path(), language, sees_drafts(request.user))
        if answer := conditional(request, etag):
            return answer
        serializer = self.get_serializer()
        del serializer.fields["links"]
        columns = [name for name, field in serializer.fields.items() if not field.write_only]
        # An object of a few values (an amount's `rate`) is a column per value: `rate_day`…
        nested = {
            name: [f"{name}_{inner}" for inner in serializer.fields[name].fields]
            for name in self.csv_flatten
            if name in columns
        }
        for name, inner in nested.items():
            at = columns.index(name)
            columns[at : at + 1] = inner
        flatten = None
        if "translations" in columns:
            # Every language's text as columns of its own with `lang=all` (`title_fr`…), none otherwise.
            columns.remove("translations")
            if language == ALL:
                flatten = translation_columns(serializer)
                columns += [name for name, _path in flatten]
        filename = self.csv_name or queryset.model._meta.verbose_name_plural.replace(" ", "-")
        headers = {
            "ETag": etag,
            "Content-Disposition": f'attachment; filename="{filename}.csv"',
            "Vary": "Accept, Authorization, Cookie",
        }
        content_type = "text/csv; charset=utf-8"
        if request.method == "HEAD":
            return HttpResponse(content_type=content_type, headers=headers)
        rows = (serializer.to_representation(row) for row in queryset.iterator(chunk_size=CSV_CHUNK))
        if nested:
            rows = (flat_objects(row, nested) for row in rows)
        if flatten:
            rows = (flat_translations(row, flatten) for row in rows)
        return StreamingHttpResponse(
            request.accepted_renderer.stream(columns, rows), content_type=content_type, headers=headers
        )

    def retrieve(self, request, *args, **kwargs):
        if isinstance(request.accepted_renderer, IATIRenderer):
            return self.iati_record_response(request, self.get_object())
        return self.cached(request, self.record)

    def record(self):
        instance = self.get_object()
        etag = etag_for(instance, rendered_at(self.request))
        if answer := conditional(self.request, etag):
            return answer
        return Response(self.get_serializer(instance).data, headers={"ETag": etag})

    # Writing

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            self.perform_create(serializer)
        return self.record_response(serializer.instance, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        with transaction.atomic():
            instance = self.get_object()
            serializer = self.get_serializer(instance, data=request.data, partial=partial)
            # A malformed change is a 400 whatever version it was made on; a well-formed one made
            # on an old version is a 412.
            serializer.is_valid(raise_exception=True)
            check_if_match(request, instance)
            self.perform_update(serializer)
        return self.record_response(serializer.instance, status.HTTP_200_OK)

    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            instance = self.get_object()
            check_if_match(request, instance)
            self.perform_destroy(instance)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def record_response(self, instance, code):
        instance = self.fresh(instance)
        headers = {"ETag": etag_for(instance, rendered_at(self.request))}
        serializer = self.get_serializer(instance)
        if code == status.HTTP_201_CREATED:
            # A plain str: DRF hands back a `Hyperlink` (a str subclass), which WSGI servers such as
            # runserver's refuse as a header value (a 500 after the record was saved).
            headers["Location"] = str(serializer.data["url"])
        return Response(serializer.data, status=code, headers=headers)

    def finalize_response(self, request, response, *args, **kwargs):
        # An error is JSON whatever format the client asked for the data in.
        if (
            isinstance(response, Response)
            and response.status_code >= 400
            and isinstance(getattr(request, "accepted_renderer", None), (CSVRenderer, IATIRenderer))
        ):
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        response = super().finalize_response(request, response, *args, **kwargs)
        # What a client sees depends on who it is (staff see drafts).
        patch_vary_headers(response, ["Authorization"])
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == status.HTTP_200_OK
            and not response.streaming
            and not response.has_header("ETag")
        ):
            if isinstance(response, Response):
                response.render()
            set_response_etag(response)
            if answer := conditional(request, response["ETag"]):
                return answer
        if (key := getattr(request, "keep_rendered_as", None)) and response.status_code == status.HTTP_200_OK:
            if isinstance(response, Response) and not response.is_rendered:
                response.render()
            cache.set(key, (response.content, response.get("ETag"), response["Content-Type"]), timeout())
        return response


class ReadOnlyResourceViewSet(ResourceViewSet):
    """A resource that is read only, each row by its id (the API's lists of money): written with the
    record it belongs to, or in the admin."""

    http_method_names = ["get", "head", "options"]
    lookup_field = "pk"
    # At most 18 digits: a longer number is no id, and a database could not compare it.
    lookup_value_regex = "[0-9]{1,18}"
