from django.apps import AppConfig


class EventsConfig(AppConfig):
    """Events, their organisers and speakers, and people."""

    name = "events"
