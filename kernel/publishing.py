"""The publishing base every public record shares: a slug, a draft/published state and a source.

The field is `publication_status`, so that `status` stays free for a record's own domain status
(a project's IATI activity status, an event being cancelled).

"Published" is defined here once, in `PublishableQuerySet.published()`; who may see what, drafts and
the records a record shows included, is decided in `kernel.visibility`, which `visible_to(user)` asks.
"""

from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from kernel.search import SearchableQuerySet
from kernel.versioning import bump_content_version
from kernel.visibility import visible


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class PublishableQuerySet(SearchableQuerySet):
    def published(self):
        """Records the public may see: published, with a publication time that has come."""
        return self.filter(publication_status=Status.PUBLISHED, published_at__lte=timezone.now())

    def drafts(self):
        return self.filter(publication_status=Status.DRAFT)

    def visible_to(self, user):
        """The records `user` may see (kernel.visibility): staff see drafts too."""
        return visible(self, user)

    def publish(self):
        """Publish every record in the queryset, keeping publication times already set."""
        now = timezone.now()
        return self.update(
            publication_status=Status.PUBLISHED,
            published_at=Coalesce("published_at", Value(now)),
            updated_at=now,
        )

    def unpublish(self):
        return self.exclude(publication_status=Status.DRAFT).update(
            publication_status=Status.DRAFT, updated_at=timezone.now()
        )

    def update(self, **kwargs):
        """An update sends no signal, so it invalidates cached responses itself (publish, unpublish,
        bulk_update, an admin action)."""
        changed = super().update(**kwargs)
        bump_content_version()
        return changed


class Sourced(models.Model):
    """Abstract base for records taken from a document: which one, and where in it."""

    source = models.ForeignKey(
        "taxonomy.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The document this record is taken from.",
    )
    source_note = models.TextField(
        blank=True, help_text="Where in the source the facts come from, and how conflicts were settled."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True


def publication_time_constraint(prefix="%(app_label)s_%(class)s"):
    """A published record has a publication time (the database's own guard; `clean()` fills it)."""
    return models.CheckConstraint(
        condition=~models.Q(publication_status=Status.PUBLISHED) | models.Q(published_at__isnull=False),
        name=f"{prefix}_published_has_time",
    )


class Publishable(Sourced):
    """Abstract base for donors, organisations, projects, events and people."""

    slug = models.SlugField(max_length=120, unique=True, help_text="The record's address on the site.")
    publication_status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        null=True, blank=True, db_index=True, help_text="Set when first published; may be in the future."
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [publication_time_constraint()]

    def save(self, *args, **kwargs):
        if self.publication_status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def is_published(self):
        return (
            self.publication_status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @classmethod
    def publish_permission(cls):
        """The 'app.publish_model' permission that guards publishing and unpublishing."""
        return f"{cls._meta.app_label}.publish_{cls._meta.model_name}"
