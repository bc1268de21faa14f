"""The Atom feed of the latest published projects (`/feeds/projects/`), in the language asked for."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from kernel.feeds import LatestFeed, summary_text
from kernel.translation import Localized, localized
from projects.models import Project


class ProjectFeed(LatestFeed):
    model = Project
    title = _("ILO Partners: projects")
    link = reverse_lazy("projects:list")
    subtitle = _("Development cooperation projects of the ILO and its partners, latest published first.")

    def item_texts(self, item):
        title = localized(item, "title")
        if item.acronym:
            title = Localized(f"{title} ({item.acronym})", title.language, title.wanted, title.made)
        return title, summary_text(item, "summary", "description")
