"""Events held with partners, who organised them, who spoke, and the people behind them."""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kernel import l10n
from kernel.dates import Precision, format_date, local_time, validate_day, validate_moment
from kernel.hierarchy import check_parent
from kernel.l10n import format_quantity
from kernel.markdown import MarkdownField
from kernel.ordering import Positioned
from kernel.publishing import Publishable, PublishableQuerySet
from kernel.quantities import qualifier_field
from kernel.translation import Translatable, localized, translation_names, translations
from kernel.visibility import VisibleQuerySet


def validate_timezone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            "%(value)s is not a time zone name such as Asia/Tokyo.", params={"value": value}
        )


class EventQuerySet(PublishableQuerySet):
    def upcoming(self):
        now = timezone.now()
        return self.filter(Q(end__gte=now) | Q(end__isnull=True, start__gte=now))

    def past(self):
        now = timezone.now()
        return self.filter(Q(end__lt=now) | Q(end__isnull=True, start__lt=now))

    def for_donor(self, donor):
        return self.filter(donors=donor)

    def for_listing(self):
        """What an event card shows, in the same query: its country."""
        return self.select_related("country")


class Event(Publishable):
    """A seminar, conference, workshop or study tour, with its programme and its report."""

    class Kind(models.TextChoices):
        SEMINAR = "seminar", _("Seminar")
        CONFERENCE = "conference", _("Conference")
        WORKSHOP = "workshop", _("Workshop")
        MEETING = "meeting", _("Meeting")
        STUDY_TOUR = "study-tour", _("Study tour")
        TRAINING = "training", _("Training")
        WEBINAR = "webinar", _("Webinar")
        OTHER = "other", _("Other")

    class Format(models.TextChoices):
        IN_PERSON = "in-person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid (in person and online)")

    class Status(models.TextChoices):
        """schema.org EventStatusType."""

        SCHEDULED = "scheduled", _("Scheduled")
        POSTPONED = "postponed", _("Postponed")
        RESCHEDULED = "rescheduled", _("Rescheduled")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(max_length=300)
    title_fr, title_es, title_ja = translations(title)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    summary = models.TextField(blank=True, help_text="One or two sentences for lists and cards.")
    summary_fr, summary_es, summary_ja = translations(summary)
    description = MarkdownField(blank=True, help_text="Markdown.")
    description_fr, description_es, description_ja = translations(description)
    start = models.DateTimeField(
        db_index=True,
        validators=[validate_moment],
        help_text="Stored in UTC; shown in the event's time zone.",
    )
    end = models.DateTimeField(null=True, blank=True, db_index=True, validators=[validate_moment])
    timezone = models.CharField(
        max_length=60, default="UTC", validators=[validate_timezone], help_text="IANA name, e.g. Asia/Tokyo."
    )
    precision = models.CharField(
        max_length=6,
        choices=[("time", "Date and time"), *Precision.choices],
        default="time",
        help_text="How much of the start and end the source states.",
    )
    venue = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    country = models.ForeignKey(
        "taxonomy.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    format = models.CharField(max_length=20, choices=Format.choices, default=Format.IN_PERSON)
    online_url = models.URLField("online link", blank=True)
    languages = models.CharField(max_length=200, blank=True, help_text='"English, Japanese"')
    interpretation = models.CharField(
        max_length=200, blank=True, help_text='"English–Japanese simultaneous interpretation"'
    )
    attendance = models.PositiveIntegerField(null=True, blank=True)
    attendance_qualifier = qualifier_field()
    audience = models.CharField(max_length=300, blank=True)
    audience_fr, audience_es, audience_ja = translations(audience)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="side_events",
        help_text="The conference this is a pre-event or side event of.",
    )
    parent_relation = models.CharField(
        max_length=100, blank=True, help_text='How it relates to the parent: "pre-event".'
    )
    organisations = models.ManyToManyField(
        "organisations.Organisation", through="Organiser", blank=True, related_name="events"
    )
    themes = models.ManyToManyField("taxonomy.Theme", blank=True, related_name="events")
    projects = models.ManyToManyField("projects.Project", blank=True, related_name="events")
    donors = models.ManyToManyField("donors.Donor", blank=True, related_name="events")
    report = MarkdownField(blank=True, help_text="Markdown: the news text written after the event.")
    report_fr, report_es, report_ja = translations(report)
    report_title = models.CharField(max_length=300, blank=True)
    report_title_fr, report_title_es, report_title_ja = translations(report_title)
    report_published_on = models.DateField(null=True, blank=True, validators=[validate_day])

    objects = EventQuerySet.as_manager()
    # Searched through the database's full-text index (kernel.search; made by a migration).
    full_text_fields = (
        "title",
        "summary",
        "description",
        "report_title",
        "report",
        "venue",
        "city",
        *translation_names("title", "summary", "description", "report_title", "report"),
    )
    # As for projects: the relations on the event's own form are part of each version.
    history = HistoricalRecords(m2m_fields=["themes", "projects", "donors"])

    class Meta(Publishable.Meta):
        ordering = ["-start", "title"]
        permissions = [("publish_event", "Can publish and unpublish events")]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="event_end_after_start",
                violation_error_message="The end cannot be before the start.",
            ),
        ]

    def __str__(self):
        return localized(self, "title")

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.slug])

    def clean(self):
        super().clean()
        check_parent(self)

    @property
    def zone(self):
        try:
            return zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return datetime.UTC

    @property
    def local_start(self):
        return local_time(self.start, self.zone)

    @property
    def local_end(self):
        return local_time(self.end, self.zone)

    @property
    def has_time(self):
        return self.precision == "time"

    @property
    def when(self):
        """The date (and time, where known) in the event's own time zone."""
        if not self.local_start:
            return ""
        if self.has_time:
            start, end = self.local_start, self.local_end
            text = l10n.format_datetime(start)
            if end and end.date() == start.date():
                text += f"–{l10n.format_time(end)}"
            elif end:
                text += f" – {l10n.format_datetime(end)}"
            return f"{text} ({self.timezone})"
        start = format_date(self.local_start, self.precision)
        end = format_date(self.local_end, self.precision) if self.end else ""
        return f"{start}–{end}" if end and end != start else start

    @property
    def iso_start(self):
        """The start for a `<time datetime>` attribute, as precise as it is known, in local time."""
        if not self.local_start:
            return ""
        if self.has_time:
            return self.local_start.isoformat()
        return self.local_start.date().isoformat()[: {"month": 7, "year": 4}.get(self.precision, 10)]

    @property
    def zone_label(self):
        """ "Asia/Tokyo (UTC+09:00)": the event's time zone and its offset at the start."""
        if not self.local_start:
            return self.timezone
        offset = self.local_start.strftime("%z")
        return f"{self.timezone} (UTC{offset[:3]}:{offset[3:]})"

    @property
    def is_upcoming(self):
        now = timezone.now()
        return (self.end or self.start) >= now if self.start else False

    @property
    def attendance_figure(self):
        return format_quantity(self.attendance, self.attendance_qualifier)

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED


class Organiser(Positioned, models.Model):
    """An organisation's part in holding an event, at its own place in the event's list."""

    position_field = "position"

    class Role(models.TextChoices):
        HOST = "host", _("Host")
        CO_HOST = "co-host", _("Co-host")
        ORGANISER = "organiser", _("Organiser")
        SPONSOR = "sponsor", _("Sponsor")
        PARTNER = "partner", _("Partner")
        VENUE = "venue", _("Venue provider")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="organisers")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="organised"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.ORGANISER)
    position = models.PositiveSmallIntegerField(
        "place", blank=True, help_text="Place in the list of organisers; empty means after the last."
    )

    # Seen with its event and its organisation, both (kernel.visibility).
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation"],
                name="organiser_once_per_event",
                violation_error_message="This organisation is already an organiser of the event.",
            ),
            # After the constraint above, which is the rows' natural key (kernel.services).
            models.UniqueConstraint(
                fields=["event", "position"],
                name="organiser_place_unique",
                violation_error_message="Place: another organiser of this event already has this place.",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


class Speaker(Positioned, Translatable):
    """A person on an event's programme, in order, with the position they held at the time.

    The position (job title) left empty is taken from the person's record as it is when the speaker
    is saved: it is what they held at the time, so a later change to the person does not rewrite it.
    """

    position_field = "order"

    class Role(models.TextChoices):
        OPENING = "opening-remarks", _("Opening remarks")
        KEYNOTE = "keynote", _("Keynote")
        PRESENTATION = "presentation", _("Presentation")
        PANELLIST = "panellist", _("Panellist")
        MODERATOR = "moderator", _("Moderator")
        DISCUSSANT = "discussant", _("Discussant")
        CLOSING = "closing-remarks", _("Closing remarks")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="speakers")
    person = models.ForeignKey("organisations.Person", on_delete=models.PROTECT, related_name="talks")
    role = models.CharField(max_length=20, choices=Role.choices)
    position = models.CharField(max_length=200, blank=True, help_text="Position at the time of the event.")
    position_fr, position_es, position_ja = translations(position)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="speakers",
        help_text="Organisation at the time, or the one spoken for.",
    )
    on_behalf = models.BooleanField(default=False, help_text="Spoke on behalf of the organisation.")
    topic = models.CharField(max_length=300, blank=True)
    topic_fr, topic_es, topic_ja = translations(topic)
    summary = models.TextField(blank=True, help_text="What they said, in brief.")
    summary_fr, summary_es, summary_ja = translations(summary)
    order = models.PositiveSmallIntegerField(
        "place in the programme",
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Empty means after the last speaker.",
    )

    # Seen with its event and its person; the organisation spoken for is shown only when visible
    # (kernel.visibility).
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person", "role"],
                name="speaker_once_per_role",
                violation_error_message="This person already has this role on the programme.",
            ),
            # After the constraint above, which is the rows' natural key (kernel.services).
            models.UniqueConstraint(
                fields=["event", "order"],
                name="speaker_place_unique",
                violation_error_message=(
                    "Place in the programme: another speaker of this event already has this place."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.get_role_display()}"

    def save(self, *args, **kwargs):
        self.fill_position_from_person()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.fill_position_from_person()

    def fill_position_from_person(self):
        """An empty position is the one the person's record gives."""
        if not self.position and self.person_id is not None:
            self.position = self.person.position
