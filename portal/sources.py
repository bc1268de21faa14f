"""Source documents for readers: the list, a page per source with what cites it, and the download
of its PDF.

The download is the only way to a source's file: the folder has no public address (no MEDIA_URL is
served). It answers the stored PDF as an attachment under a name the server makes from the source's
slug, with its content type stated, `X-Content-Type-Options: nosniff`, and a CSP that lets nothing
in it run, so that a browser neither guesses another type nor opens it as a page of the site.
"""

import logging

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from kernel.publishing import cited_sources, citing
from kernel.taxonomy.documents import CONTENT_TYPE
from kernel.taxonomy.models import Source
from kernel.visibility import sees_drafts

logger = logging.getLogger(__name__)

# The heading of each kind of record citing a source (the model's own name otherwise).
CITING_LABELS = {
    "donors.donor": _("Donors"),
    "donors.contribution": _("Contributions"),
    "projects.project": _("Projects"),
    "events.event": _("Events"),
    "organisations.organisation": _("Organisations"),
    "organisations.person": _("People"),
}


class SourceListView(ListView):
    template_name = "sources/source_list.html"
    context_object_name = "sources"

    def get_queryset(self):
        return cited_sources(Source.objects.all(), self.request.user).order_by("-published_on", "title")


class SourceDetailView(DetailView):
    """A source: what it is, where to read it, and the records taken from it that the reader may see."""

    template_name = "sources/source_detail.html"
    context_object_name = "source"

    def get_queryset(self):
        # A source only drafts cite is not there for the public (kernel.publishing.cited_sources).
        return cited_sources(Source.objects.all(), self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["citations"] = [
            {
                "label": CITING_LABELS.get(model._meta.label_lower)
                or model._meta.verbose_name_plural.capitalize(),
                "records": records,
            }
            for model, records in citing(self.object, self.request.user)
        ]
        return context


def source_file(request, slug):
    """The source's PDF as a download; 404 when it has none (or the file is missing from the folder)."""
    source = get_object_or_404(cited_sources(Source.objects.all(), request.user), slug=slug)
    if not source.file:
        raise Http404("This source has no uploaded file.")
    try:
        handle = source.file.open("rb")
    except FileNotFoundError:
        logger.error("Source %s: its file %s is missing from SOURCE_FILES_DIR", source.slug, source.file.name)
        raise Http404("The file of this source is missing.") from None
    response = FileResponse(
        handle, as_attachment=True, filename=source.download_name, content_type=CONTENT_TYPE
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # Staff may download a source only drafts cite: never kept by a shared cache for others.
    response["Cache-Control"] = "private, no-store" if sees_drafts(request.user) else "public, max-age=3600"
    return response
