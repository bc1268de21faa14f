"""Content negotiation: an unknown or empty `?format=` is a 400 naming the parameter, not a 404."""

from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation


class ContentNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        name = self.settings.URL_FORMAT_OVERRIDE
        if name and request.query_params.get(name) == "":
            self.refuse(renderers)
        return super().select_renderer(request, renderers, format_suffix)

    def filter_renderers(self, renderers, format):
        chosen = [renderer for renderer in renderers if renderer.format == format]
        if not chosen:
            self.refuse(renderers)
        return chosen

    def refuse(self, renderers):
        formats = ", ".join(renderer.format for renderer in renderers if renderer.format != "api")
        raise ValidationError({self.settings.URL_FORMAT_OVERRIDE: [f"Choose one of: {formats}."]})
