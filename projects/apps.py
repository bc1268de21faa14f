from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    """Development cooperation projects, their participants and results."""

    name = "projects"
