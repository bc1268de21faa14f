"""The Atom feed of the latest published projects (`/feeds/projects/`)."""

from django.urls import reverse_lazy

from kernel.feeds import LatestFeed
from kernel.markdown import to_text
from projects.models import Project


class ProjectFeed(LatestFeed):
    model = Project
    title = "ILO Partners: projects"
    link = reverse_lazy("projects:list")
    subtitle = "Development cooperation projects of the ILO and its partners, latest published first."

    def item_title(self, item):
        return f"{item.title} ({item.acronym})" if item.acronym else item.title

    def item_description(self, item):
        return to_text(item.summary or item.description)
