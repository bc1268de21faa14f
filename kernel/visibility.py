"""Who may see what: the one rule every surface asks, for a record and for the records it shows.

**Records.** Active staff see every record, drafts included; everyone else sees published records
only (`PublishableQuerySet.published()`: published, at a publication time that has come).
`PublishableQuerySet.visible_to(user)` is `visible(queryset, user)`.

**Relations.** A published record shows others through its relations, and a draft at the far end
must not reach the public, whole or by name. What becomes of a row is read from the relation:

- A part that cannot exist without its far end (a required foreign key: a participant's
  organisation, an organiser's organisation, a speaker's person, a contribution's donor) is left
  out with it: the public sees a project's participants whose organisations it may see.
- A link a record may lack (a nullable foreign key: a contribution's channel, a speaker's
  organisation, an organisation's parent body or donor, a project's or an event's parent, a
  person's organisation) reads as empty: a contribution through a draft channel is shown, with no
  channel.
- A list of linked records (child projects, units, side events, linked projects, events and
  donors) holds those the user may see.

`visible(queryset, user)` gives the rows of any model a user may see (records, and parts by their
far ends); `prefetch(lookup, queryset, user)` gives any relation, to one record or to many, as the
user may see it; `is_visible(record, user)` answers for a record already in hand (the API's
serializers ask it, as a last check on what the queries fetched).

A record "has a publishing state of its own" when it answers `is_published` and its queryset
`published()`, as `kernel.publishing.Publishable` does; this module reads that, rather than import
the base, so that the publishing base can ask it.
"""

from functools import cache

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch


def sees_drafts(user):
    """Active staff see drafts; no one else does (anonymous visitors, API clients, other accounts)."""
    return bool(user is not None and user.is_active and user.is_staff)


def has_own_state(model):
    """Whether the model's records are drafts or published themselves (donors, organisations,
    projects, events, people)."""
    return hasattr(model, "is_published") and hasattr(model._default_manager, "published")


def _foreign_keys(model):
    return [
        field
        for field in model._meta.concrete_fields
        if field.is_relation and (field.many_to_one or field.one_to_one)
    ]


@cache
def has_visibility(model):
    """Whether some readers may not see some records of the model: it has a publishing state, or
    it cannot exist without a record that has one (a contribution and its donor)."""
    return has_own_state(model) or bool(required_links(model))


@cache
def required_links(model):
    """The foreign keys a row cannot be without, to records some readers may not see: the row is
    hidden with the record at the far end."""
    return tuple(
        field
        for field in _foreign_keys(model)
        if not field.null and field.related_model is not model and has_visibility(field.related_model)
    )


@cache
def optional_links(model):
    """The foreign keys a row may lack, to records some readers may not see: when the far end is
    hidden the row stays and the link reads as empty."""
    return tuple(
        field for field in _foreign_keys(model) if field.null and has_visibility(field.related_model)
    )


def visible(queryset, user):
    """The rows of `queryset` that `user` may see.

    Staff see them all. For everyone else: records with a publishing state of their own that are
    published, and parts whose required far ends (`required_links`) are visible in turn.
    """
    if sees_drafts(user):
        return queryset.all()
    return _public(queryset)


def _public(queryset):
    model = queryset.model
    if has_own_state(model):
        queryset = queryset.published()
    for field in required_links(model):
        far = _public(field.related_model._default_manager.all())
        # A correlated EXISTS, not `IN (subquery)`: SQLite builds the whole list of visible far
        # ends (100,000 project keys) before it reads the first row, even for one project's parts.
        queryset = queryset.filter(Exists(far.filter(pk=OuterRef(field.name))))
    return queryset


def prefetch(lookup, queryset, user, *, to_attr=None):
    """A `Prefetch` of one relation of the rows being fetched, as `user` may see it.

    `queryset` holds the records at the far end, with the joins, prefetches and order the page
    needs. A relation to one record (`"parent"`, `"channel"`) leaves the link empty when the user
    may not see the record; a relation to many (`"participants"`, `"children"`, `"donors"`) leaves
    out the rows the user may not see (a part with its far end).

    A join (`select_related`) to a link the row may lack would fetch a draft whatever the user,
    so it is refused: such a link is prefetched through this function instead.
    """
    refuse_hidden_joins(queryset)
    return Prefetch(lookup, queryset=visible(queryset, user), to_attr=to_attr)


def refuse_hidden_joins(queryset):
    """Raise if `queryset` joins a link its rows may lack to records some readers may not see."""
    selected = queryset.query.select_related
    if isinstance(selected, dict):
        _check_joins(queryset.model, selected, "")


def _check_joins(model, selected, prefix):
    optional = {field.name for field in optional_links(model)}
    for name, nested in selected.items():
        path = f"{prefix}{name}"
        if name in optional:
            raise ImproperlyConfigured(
                f"select_related({path!r}) on {model._meta.label} would fetch a draft for anyone: "
                f"prefetch the link with kernel.visibility.prefetch({name!r}, ..., user)."
            )
        field = model._meta.get_field(name)
        if nested and field.is_relation:
            _check_joins(field.related_model, nested, f"{path}__")


def is_visible(record, user):
    """Whether `user` may see a record already fetched.

    Its own publishing state; for a part, the records it cannot be without, as far as they were
    fetched with it (the query that fetched the part through `visible` checked the others).
    """
    if record is None:
        return False
    return sees_drafts(user) or _is_public(record)


def _is_public(record):
    model = type(record)
    if has_own_state(model) and not record.is_published:
        return False
    for field in required_links(model):
        if field.is_cached(record) and not _is_public(field.get_cached_value(record)):
            return False
    return True


class VisibleQuerySet(models.QuerySet):
    """The queryset of parts that have no publishing state of their own but are seen with the
    records they belong to (participants, organisers, speakers, contributions)."""

    def visible_to(self, user):
        return visible(self, user)
