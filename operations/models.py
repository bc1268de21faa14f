"""What running the site keeps in the database: the record of each import that runs as a background
job, which its user follows in the admin while a worker (`manage.py db_worker`) does the work."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone


class ImportJobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see the jobs they started; superusers see every job."""
        if user.is_active and user.is_superuser:
            return self
        if user.is_active and user.is_staff:
            return self.filter(user=user)
        return self.none()

    def unfinished(self):
        return self.filter(state__in=[ImportJob.State.QUEUED, ImportJob.State.RUNNING])


class ImportJob(models.Model):
    """One import (a spreadsheet, an IATI file): who started it, how far it has come, what it said.

    Progress is written outside the import's own transaction, a row at a time, so other connections
    (the admin page the user watches) see it while the job runs (docs/architecture.md, "Jobs").
    """

    class Kind(models.TextChoices):
        SPREADSHEET = "spreadsheet", "spreadsheet"
        IATI = "iati", "IATI activities"

    class State(models.TextChoices):
        QUEUED = "queued", "queued"
        RUNNING = "running", "running"
        DONE = "done", "done"
        FAILED = "failed", "failed"

    kind = models.CharField(max_length=20, choices=Kind)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_jobs",
        help_text="who started the import; it runs with their permissions",
    )
    records = models.CharField(max_length=100, blank=True, help_text="what the import writes, e.g. projects")
    file_name = models.CharField(max_length=255, blank=True)
    state = models.CharField(max_length=10, choices=State, default=State.QUEUED)
    total = models.PositiveIntegerField(default=0, help_text="rows or activities in the file")
    done = models.PositiveIntegerField(default=0, help_text="rows or activities checked so far")
    summary = models.TextField(blank=True)
    messages = models.JSONField(default=list, blank=True, help_text="per row or per activity")
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="importjob_user_created")]
        constraints = [
            models.CheckConstraint(
                condition=Q(done__lte=F("total")),
                name="importjob_done_within_total",
                violation_error_message="A job cannot have done more than its total.",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} import of {self.file_name or self.records} ({self.state})"

    def get_absolute_url(self):
        return reverse("admin:operations_importjob_change", args=[self.pk])

    @property
    def percent(self):
        if self.state == self.State.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    # -- the worker's writes: each one committed on its own, never inside the import's transaction ----

    def _write(self, **values):
        for name, value in values.items():
            setattr(self, name, value)
        ImportJob.objects.filter(pk=self.pk).update(**values)

    def start(self, *, total, summary=""):
        self._write(state=self.State.RUNNING, started_at=timezone.now(), total=total, done=0, summary=summary)

    def advance(self, count=1, *, summary=None):
        values = {"done": min(self.done + count, self.total)}
        if summary is not None:
            values["summary"] = summary
        self._write(**values)

    def note(self, summary):
        self._write(summary=summary)

    def finish(self, *, summary, messages=()):
        self._write(
            state=self.State.DONE, summary=summary, messages=list(messages), finished_at=timezone.now()
        )

    def fail(self, *, summary, messages=()):
        self._write(
            state=self.State.FAILED, summary=summary, messages=list(messages), finished_at=timezone.now()
        )
