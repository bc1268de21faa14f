"""The publishing base every public record shares: a slug, a draft/published state and a source.

The field is `publication_status`, so that `status` stays free for a record's own domain status
(a project's IATI activity status, an event being cancelled).

"Published" is defined here once, in `PublishableQuerySet.published()`; who may see what, drafts and
the records a record shows included, is decided in `kernel.visibility`, which `visible_to(user)` asks.
"Scheduled" is not stored: it is a published record whose publication time has not come
(`publication_state`, `scheduled()`), so the public sees it when that time comes with no job to run.
Publishing, unpublishing and scheduling are done through `kernel.services`.
"""

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from kernel.dates import validate_moment
from kernel.search import SearchableQuerySet
from kernel.translation import Translatable, translations
from kernel.versioning import bump_content_version
from kernel.visibility import required_links, sees_drafts, visible


class Status(models.TextChoices):
    """What is stored: whether the record is meant to be public."""

    DRAFT = "draft", pgettext_lazy("publication", "Draft")
    PUBLISHED = "published", pgettext_lazy("publication", "Published")


class PublicationState(models.TextChoices):
    """What staff see: a published record whose time has not come is scheduled."""

    DRAFT = "draft", pgettext_lazy("publication", "Draft")
    SCHEDULED = "scheduled", pgettext_lazy("publication", "Scheduled")
    PUBLISHED = "published", pgettext_lazy("publication", "Published")


def to_the_second():
    """Now, to the second: a publication time the admin's form shows and sends back as it is stored
    (its time field has no microseconds), so the next save of the record changes nothing."""
    return timezone.now().replace(microsecond=0)


def publication_time(current, at=None, now=None):
    """The time a record is published at: `at` when given; else its earlier publication time, when it
    has one that has come (a record published again keeps its first time); else now."""
    now = now or to_the_second()
    if at is not None:
        return at
    return current if current is not None and current <= now else now


class PublishableQuerySet(SearchableQuerySet):
    def published(self):
        """Records the public may see: published, with a publication time that has come."""
        return self.filter(publication_status=Status.PUBLISHED, published_at__lte=timezone.now())

    def drafts(self):
        return self.filter(publication_status=Status.DRAFT)

    def scheduled(self):
        """Published records whose publication time has not come yet."""
        return self.filter(publication_status=Status.PUBLISHED, published_at__gt=timezone.now())

    def visible_to(self, user):
        """The records `user` may see (kernel.visibility): staff see drafts too."""
        return visible(self, user)

    def publish(self, at=None):
        """Publish every record in one UPDATE, at the time `publication_time` gives each: for bulk loads
        that keep no history (`kernel.services.publish` saves record by record)."""
        now = to_the_second()
        if at is None:
            at = Case(When(Q(published_at__lte=now), then=F("published_at")), default=Value(now))
        return self.update(publication_status=Status.PUBLISHED, published_at=at, updated_at=timezone.now())

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


class Sourced(Translatable):
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
    source_note_fr, source_note_es, source_note_ja = translations(source_note)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True


def publication_time_constraint(prefix="%(app_label)s_%(class)s"):
    """A published record has a publication time (the database's own guard; `clean()` fills it)."""
    return models.CheckConstraint(
        condition=~models.Q(publication_status=Status.PUBLISHED) | models.Q(published_at__isnull=False),
        name=f"{prefix}_published_has_time",
        violation_error_message="A published record needs a publication time (empty means now).",
    )


class Publishable(Sourced):
    """Abstract base for donors, organisations, projects, events and people."""

    slug = models.SlugField(max_length=120, unique=True, help_text="The record's address on the site.")
    publication_status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        validators=[validate_moment],
        help_text="Set when first published; may be in the future.",
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [publication_time_constraint()]

    def save(self, *args, **kwargs):
        # Also here, for what is saved without `full_clean()` (factories, fixtures).
        self.stamp_publication_time()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.stamp_publication_time()

    def stamp_publication_time(self):
        """ "Published" with no time means now."""
        if self.publication_status == Status.PUBLISHED and self.published_at is None:
            self.published_at = to_the_second()

    @property
    def publication_state(self):
        """Draft, scheduled (published for a time that has not come) or published."""
        if self.publication_status != Status.PUBLISHED:
            return PublicationState.DRAFT
        if self.published_at is not None and self.published_at > timezone.now():
            return PublicationState.SCHEDULED
        return PublicationState.PUBLISHED

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


# The order in which a source's page lists the kinds of record citing it (others follow by name).
CITING_ORDER = ("donors.donor", "donors.contribution", "projects.project", "events.event")


def citing_models():
    """Every concrete model whose records cite a source (subclasses of `Sourced`), in page order."""
    from django.apps import apps

    models_ = [
        model for model in apps.get_models() if issubclass(model, Sourced) and not model._meta.abstract
    ]

    def order(model):
        label = model._meta.label_lower
        return (CITING_ORDER.index(label) if label in CITING_ORDER else len(CITING_ORDER), label)

    return sorted(models_, key=order)


def cited_sources(sources, user):
    """The sources `user` may see: for the public, those cited by a record the public may see (a
    source only a draft cites, say one an unpublished IATI import made, stays unknown); staff see
    all. One subquery per kind of citing record."""
    if sees_drafts(user):
        return sources
    cited = models.Q(pk__in=[])
    for model in citing_models():
        rows = visible(model._default_manager.filter(source__isnull=False), user)
        cited |= models.Q(pk__in=rows.values("source_id"))
    return sources.filter(cited)


def citing(source, user):
    """[(model, [records])]: the records citing `source` that `user` may see (kernel.visibility), one
    query per kind of record; a draft, or a part of one, is not listed for the public."""
    groups = []
    for model in citing_models():
        queryset = visible(model._default_manager.filter(source=source), user)
        joins = [field.name for field in required_links(model)]
        if joins:
            queryset = queryset.select_related(*joins)
        records = list(queryset)
        if records:
            groups.append((model, records))
    return groups
