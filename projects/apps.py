from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    """Development cooperation projects, their participants and results."""

    name = "projects"

    def ready(self):
        from kernel.versioning import slice_content_by
        from projects.models import Project

        # Sums over every project are kept per slice of projects (kernel/versioning.py, "Slices").
        slice_content_by(Project)
