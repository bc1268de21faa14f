"""Curating events, with organisers and speakers in programme order, and the people who speak."""

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html

from events.models import Event, Organiser, Speaker
from events.resources import EventResource
from kernel.admin import PublishableAdmin, TranslatedAdmin, TranslatedInline
from kernel.dates import OUT_OF_RANGE, zone_label
from kernel.history import InlineRowHistoryAdmin
from kernel.ordering import PositionedInline
from operations.imports import SpreadsheetAdminMixin


class OrganiserInline(PositionedInline, admin.TabularInline):
    """Organisers in their order: dragged or moved up and down, or places typed without JavaScript."""

    model = Organiser
    extra = 0
    fields = ["position", "organisation", "role"]
    autocomplete_fields = ["organisation"]


class SpeakerInline(TranslatedInline, PositionedInline, admin.StackedInline):
    """The programme in order; a position left empty is the person's own (Speaker.save)."""

    model = Speaker
    extra = 0
    fields = [("order", "person", "role"), ("position", "organisation", "on_behalf"), "topic", "summary"]
    autocomplete_fields = ["person", "organisation"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "position" and field is not None:
            field.help_text = "Position at the time of the event; left empty, the person's position is used."
        return field


class EventAdminForm(forms.ModelForm):
    """Start, end and the publication time are typed as wall-clock times in the event's own time zone
    (the one typed on the form), as the notes beside them say."""

    class Meta:
        model = Event
        fields = "__all__"  # noqa: DJ007 -- the ModelAdmin fieldsets choose the fields

    def clean(self):
        cleaned = super().clean()
        zone_name = cleaned.get("timezone")
        if zone_name and "timezone" not in self.errors:
            zone = Event(timezone=zone_name).zone
            for name in ("start", "end", "published_at"):
                value = cleaned.get(name)
                if name == "published_at" and name not in self.changed_data:
                    continue  # left as it was: the stored moment, not moved with a new time zone
                if value is not None:
                    # The form read the value in the active time zone; re-read it in the event's.
                    try:
                        wall_clock = timezone.make_naive(value, timezone.get_current_timezone())
                        cleaned[name] = timezone.make_aware(wall_clock, zone)
                    except (OverflowError, ValueError):
                        self.add_error(name, OUT_OF_RANGE)
                        continue
                    setattr(self.instance, name, cleaned[name])
            start, end = cleaned.get("start"), cleaned.get("end")
            if start and end and end < start:
                self.add_error("end", "The end cannot be before the start.")
        return cleaned


@admin.register(Event)
class EventAdmin(SpreadsheetAdminMixin, PublishableAdmin):
    resource_classes = [EventResource]
    form = EventAdminForm
    list_display = ["title", "kind", "start", "city", "country", "format", "status"]
    list_filter = ["kind", "format", "status", "country__region"]
    list_select_related = ["country"]
    search_fields = ["title", "venue", "city", "summary"]
    date_hierarchy = "start"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["country", "parent", "themes", "projects", "donors", "source"]
    inlines = [OrganiserInline, SpeakerInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "status", "parent", "parent_relation"]}),
        (
            "When",
            {
                "description": "Type every date and time of this event in its own time zone, given here.",
                "fields": ["timezone", ("start", "end"), "precision"],
            },
        ),
        (
            "Where and how",
            {
                "fields": [
                    ("venue", "city", "country"),
                    ("format", "online_url"),
                    ("languages", "interpretation"),
                    ("attendance_qualifier", "attendance", "audience"),
                ]
            },
        ),
        ("About", {"fields": ["summary", "description", "themes", "projects", "donors"]}),
        ("Report", {"fields": ["report_title", "report_published_on", "report"]}),
        PublishableAdmin.publishing_fieldset,
    ]

    def time_zone_note(self, request, obj, field):
        # Read in the event's time zone, and kept in step with the field by admin-extra/js/timezones.js
        # (which also makes the "Now" shortcut give the time there).
        return format_html(
            '<span class="timezone-note" data-zone-input="id_timezone">Time zone: {}, the event\'s</span>',
            zone_label(),
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Show and read start and end in the event's time zone rather than the site's (UTC).
        event = self.get_object(request, object_id) if object_id else None
        zone = timezone.get_current_timezone()
        if event is not None and event.start and event.local_start is None:
            # Stored before dates were bounded, it cannot be shown in its zone: shown in UTC, to fix.
            messages.warning(
                request, f"The start cannot be shown in {event.timezone}: it is shown in UTC. {OUT_OF_RANGE}"
            )
        elif event is not None:
            zone = event.zone
        with timezone.override(zone):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            # Render now: a TemplateResponse renders lazily, after the override has ended.
            if hasattr(response, "render"):
                response.render()
            return response

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # The revert form reads start and end like the change form: in the version's time zone.
        version = Event.history.filter(id=object_id, history_id=version_id).first()
        zone = timezone.get_current_timezone()
        if version and (not version.instance.start or version.instance.local_start is not None):
            zone = version.instance.zone
        with timezone.override(zone):
            response = super().history_form_view(request, object_id, version_id, extra_context)
            if hasattr(response, "render"):
                response.render()
            return response


@admin.register(Organiser)
class OrganiserAdmin(InlineRowHistoryAdmin):
    list_display = ["organisation", "role", "event"]
    list_select_related = ["organisation", "event"]
    search_fields = ["organisation__name", "event__title"]
    autocomplete_fields = ["event", "organisation"]


@admin.register(Speaker)
class SpeakerAdmin(TranslatedAdmin, InlineRowHistoryAdmin):
    list_display = ["person", "role", "event", "order"]
    list_select_related = ["person", "event"]
    search_fields = ["person__name", "event__title", "topic"]
    autocomplete_fields = ["event", "person", "organisation"]
