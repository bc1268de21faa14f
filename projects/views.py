"""Public pages for projects."""

from django.views.generic import DetailView, ListView

from projects.models import Project


class ProjectListView(ListView):
    template_name = "projects/project_list.html"
    paginate_by = 20

    def get_queryset(self):
        return Project.objects.visible_to(self.request.user).prefetch_related("countries")


class ProjectDetailView(DetailView):
    template_name = "projects/project_detail.html"

    def get_queryset(self):
        return Project.objects.visible_to(self.request.user).select_related("parent")
