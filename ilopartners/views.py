"""Site-wide pages: the home page."""

from django.views.generic import TemplateView

from donors.models import Donor
from events.models import Event
from projects.models import Project


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            featured_donors=Donor.objects.published().featured(),
            ongoing_projects=Project.objects.published().ongoing()[:6],
            upcoming_events=Event.objects.published().upcoming().order_by("start")[:5],
            **kwargs,
        )
