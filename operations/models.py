"""What running the site keeps in the database: the record of each import that runs as a background
job, which its user follows in the admin while a worker (`manage.py db_worker`) does the work."""

import os
import socket
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from kernel.constraints import ChecksInOneQuery


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

    def stopped(self, now=None):
        """Unfinished jobs that will never finish (operations/jobs.py, `reap_stopped_jobs`): running on
        a worker that died on this server, running with no heartbeat for JOB_STALE_SECONDS, or queued
        for longer than JOB_QUEUE_MAX_SECONDS without a worker taking them."""
        now = now or timezone.now()
        silent = now - timedelta(seconds=settings.JOB_STALE_SECONDS)
        forgotten = now - timedelta(seconds=settings.JOB_QUEUE_MAX_SECONDS)
        # A worker on this server is asked directly (is its process alive?); one on another server
        # is judged by its heartbeat, which a long write transaction on SQLite can hold up.
        here = self.filter(state=ImportJob.State.RUNNING, worker__startswith=f"{worker_host()}:")
        alive, dead = [], []
        for job in here.only("pk", "worker"):
            (alive if worker_alive(job.worker) else dead).append(job.pk)
        silent_elsewhere = Q(state=ImportJob.State.RUNNING) & (
            Q(heartbeat_at__lt=silent) | Q(heartbeat_at__isnull=True, started_at__lt=silent)
        )
        return self.filter(
            Q(pk__in=dead)
            | (silent_elsewhere & ~Q(pk__in=alive))
            | Q(state=ImportJob.State.QUEUED, created_at__lt=forgotten)
        )


def worker_host():
    return socket.gethostname()


def worker_name():
    """This process as the worker running a job: "host:pid"."""
    return f"{worker_host()}:{os.getpid()}"


def worker_alive(name):
    """Whether the worker "host:pid" (on this host) is still running."""
    try:
        pid = int(name.rsplit(":", 1)[1])
        os.kill(pid, 0)
    except (IndexError, ValueError):
        return False
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, under another user
        return True
    return True


class ImportJob(ChecksInOneQuery, models.Model):
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
    upload = models.TextField(
        blank=True, help_text="the signed claim on the uploaded file the job reads (kernel/uploads.py)"
    )
    worker = models.CharField(max_length=200, blank=True, help_text="host:pid of the worker running it")
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="last sign of life of the worker running it"
    )
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

    def claim(self):
        """Mark the job running on this worker, if it is still queued: True when this worker has it."""
        now = timezone.now()
        values = {
            "state": self.State.RUNNING,
            "worker": worker_name(),
            "started_at": now,
            "heartbeat_at": now,
        }
        claimed = ImportJob.objects.filter(pk=self.pk, state=self.State.QUEUED).update(**values)
        if claimed:
            for name, value in values.items():
                setattr(self, name, value)
        return bool(claimed)

    def beat(self):
        ImportJob.objects.filter(pk=self.pk, state=self.State.RUNNING).update(heartbeat_at=timezone.now())

    def start(self, *, total, summary=""):
        self._write(state=self.State.RUNNING, total=total, done=0, summary=summary)

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
