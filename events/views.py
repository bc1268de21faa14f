"""Public pages for events."""

from django.views.generic import DetailView, ListView

from events.models import Event


class EventListView(ListView):
    template_name = "events/event_list.html"
    paginate_by = 20

    def get_queryset(self):
        return Event.objects.visible_to(self.request.user).select_related("country")


class EventDetailView(DetailView):
    template_name = "events/event_detail.html"

    def get_queryset(self):
        return Event.objects.visible_to(self.request.user).select_related("country", "parent")
