"""The API's root, which lists its resources, and the JSON 404 for addresses that name none."""

from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import extend_schema, inline_serializer
from drf_spectacular.views import SpectacularAPIView
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from api.serializers import absolute_url


class RootView(APIView):
    """The resources of the API, each with the URL of its list; then the schema and its docs."""

    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer]
    router = None  # the router whose resources the root lists, in the order they were registered

    @extend_schema(
        summary="List the resources",
        responses=inline_serializer(
            "ApiRoot",
            {
                "resources": serializers.DictField(child=serializers.URLField()),
                "schema": serializers.URLField(),
                "docs": serializers.URLField(),
            },
        ),
    )
    def get(self, request, *args, **kwargs):
        return Response(
            {
                "resources": {
                    prefix: absolute_url(request, f"api:{basename}-list")
                    for prefix, _viewset, basename in self.router.registry
                },
                "schema": absolute_url(request, "api:schema"),
                "docs": absolute_url(request, "api:docs"),
            }
        )


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema (its ETag and 304 come from Django's ConditionalGetMiddleware)."""


@csrf_exempt
def not_found(request, *args, **kwargs):
    """A JSON 404 for any address under /api/ that names no resource; a GET of a resource's address
    without its final slash is sent to the address with it."""
    if request.method in ("GET", "HEAD") and not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(request.path + "/" + (f"?{query}" if query else ""))
    response = JsonResponse(
        {"detail": f"There is nothing at {request.path}. The API's resources are listed at /api/v1/."},
        status=404,
    )
    response["Vary"] = "Accept"
    return response
