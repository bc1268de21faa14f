"""The one write path for what every content app shares: publishing, and a record's parts.

The admin (forms and actions), the API, the spreadsheet import, the IATI import and the demo data
all write through these functions, so each rule is checked in one place: keyword-only arguments, one
transaction, and the acting user, who needs the permission and is recorded in the history. `user`
None is the system itself (a management command run by whoever may run one): it needs no permission.
"""

import contextlib
import functools

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models.signals import post_save
from django.utils import timezone

from kernel import versions
from kernel.constraints import also_known, sole_rows
from kernel.ordering import Positioned, duplicate_message, duplicate_positions, fill_places, make_room
from kernel.publishing import Publishable, Status, publication_time, to_the_second

PUBLISHING_FIELDS = ("publication_status", "published_at")


class PartDeletionDenied(PermissionDenied):
    """Replacing a record's parts would delete some, and the user may not delete them."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field


def _records(records):
    if isinstance(records, models.Model):
        return [records]
    return list(records)


def _save(record, *, user, reason="", **kwargs):
    if user is not None:
        record._history_user = user  # django-simple-history's own way to name the author
    if reason:
        record._change_reason = versions.clip(reason)
    record.save(**kwargs)


def check_may_publish(model, user):
    """PermissionDenied unless the user holds `publish_<model>` (the system always may)."""
    if user is not None and not user.has_perm(model.publish_permission()):
        raise PermissionDenied(
            f"Publishing and unpublishing {model._meta.verbose_name_plural} needs the "
            f"{model.publish_permission()} permission."
        )


def stored_publication(record):
    """(publication_status, published_at) as stored, or None for a record not saved yet."""
    if record.pk is None:
        return None
    return type(record)._base_manager.filter(pk=record.pk).values_list(*PUBLISHING_FIELDS).first()


def publication_changed(record):
    stored = stored_publication(record)
    if stored is None:
        return record.publication_status != Status.DRAFT
    return stored != (record.publication_status, record.published_at)


@transaction.atomic
def save_record(record, *, user, note="", **save_kwargs):
    """Save a record as edited (an admin form, an API write, a spreadsheet row, an IATI activity).

    Its rules were checked by `full_clean()`; a change of its publishing state here is publishing,
    unpublishing or scheduling, and needs the same permission as `publish()`. The save is one version
    in the record's history (`kernel.versions.one_version`), with the editor's `note` as its reason;
    a caller that also writes the record's relations or parts opens the version around all of it.
    """
    if isinstance(record, Publishable) and publication_changed(record):
        check_may_publish(type(record), user)
    with versions.one_version(record, user=user, reason=note):
        _save(record, user=user, **save_kwargs)
    return record


@transaction.atomic
def revert(version, *, user, note="", record=None, relations=None):
    """Bring a record back to one of its versions (`version`, a row of its history): its fields, its
    tracked many-to-many relations and its parts as they were then: parts deleted since come back
    under their own ids, parts added since go (which needs their delete permission, as anywhere).

    `record` and `relations` are the version's values as an editor confirmed them on the revert page
    (by default, the version's own). Who may not publish keeps the record's current publishing state.
    The revert is one version, whose reason reads "Reverted to the version of <date> by <author>",
    followed by the editor's `note`. Raises ValidationError when the version cannot come back as it
    was (a record it refers to is gone, its slug has been taken since).
    """
    model = version.instance_type
    pk_name = model._meta.pk.attname
    current = model._base_manager.select_for_update().filter(pk=getattr(version, pk_name)).first()
    if current is None:
        raise ValidationError(
            f"This {model._meta.verbose_name} has been deleted: restore it from the deleted "
            f"{model._meta.verbose_name_plural} first."
        )
    if record is None:
        record = version.instance
        record._state.adding = False
        record.full_clean()
    if relations is None:
        relations = {name: sorted(ids) for name, ids in versions.m2m_ids(version).items()}
    if isinstance(record, Publishable) and user is not None and not user.has_perm(model.publish_permission()):
        record.publication_status, record.published_at = current.publication_status, current.published_at
    then = versions.parts_at(model, current.pk, version.history_date)
    parts = {
        relation.get_accessor_name(): versions.part_rows(relation, then[relation.get_accessor_name()])
        for relation in versions.part_relations(model)
    }
    reason = versions.revert_reason(version, note)
    with versions.one_version(record, user=user, reason=reason, force=True):
        save_record(record, user=user)
        for name, values in relations.items():
            related = model._meta.get_field(name).related_model
            # A related record deleted since cannot come back as a link: the rest does.
            ids = [getattr(value, "pk", value) for value in values]
            getattr(record, name).set(related._base_manager.filter(pk__in=ids))
        replace_parts(record, parts=parts, user=user, by_id=True, reason=reason)
    return record


def _set_state(records, *, user, status, at=None):
    records = _records(records)
    for model in {type(record) for record in records}:
        check_may_publish(model, user)
    now = to_the_second()
    changed = []
    for record in records:
        if status == Status.PUBLISHED:
            when = publication_time(record.published_at, at, now)
        else:
            when = record.published_at
        if (record.publication_status, record.published_at) == (status, when) and record.pk is not None:
            continue
        record.publication_status, record.published_at = status, when
        _save(record, user=user)
        changed.append(record)
    return changed


@transaction.atomic
def publish(records, *, user, at=None, history=True):
    """Publish records (one, a list or a queryset) now, or at `at`; returns those that changed.

    Now means: a record published before keeps its first publication time, any other is published
    at this moment (a scheduled one too). A time still to come schedules the publication.

    Each record is saved on its own, so that each change enters its history with `user`; with
    `history=False` a queryset is published in one UPDATE and no history (for bulk loads such as the
    demo data, whose rows have none), and the number of rows is returned.
    """
    if not history:
        check_may_publish(records.model, user)
        if at is None:
            records = records.exclude(publication_status=Status.PUBLISHED, published_at__lte=timezone.now())
        return records.publish(at)
    return _set_state(records, user=user, status=Status.PUBLISHED, at=at)


def schedule(records, *, user, at):
    """Publish records at a time still to come: until then they are scheduled, and the public does not
    see them."""
    if at is None or at <= timezone.now():
        raise ValidationError({"published_at": "A scheduled publication needs a time in the future."})
    return publish(records, user=user, at=at)


@transaction.atomic
def unpublish(records, *, user):
    """Make records (one, a list or a queryset) drafts again, keeping their publication time for when
    they are published again; returns those that changed."""
    return _set_state(records, user=user, status=Status.DRAFT)


# -- parts ---------------------------------------------------------------------------------------------


def _relation(instance, name):
    """The one-to-many relation `name` of the instance's model (`participants` of a project)."""
    relation = instance._meta.get_field(name)
    if not (relation.one_to_many and relation.auto_created):
        raise ValueError(f"{name} is not a list of parts of {instance._meta.label}")
    return relation


def natural_key(model, parent):
    """The fields that tell a model's rows apart within one parent: those its unique constraint names
    beside the parent (a participant's organisation and role); none for rows that have no such key
    (results)."""
    for constraint in model._meta.constraints:
        unique = isinstance(constraint, models.UniqueConstraint) and constraint.condition is None
        if unique and parent.name in constraint.fields:
            return tuple(name for name in constraint.fields if name != parent.name)
    return ()


def _value(field, row):
    """The value a row gives a field, as stored (a related record by its key), or the field's default."""
    if field.name in row:
        value = row[field.name]
        if field.is_relation and isinstance(value, models.Model):
            value = value.pk
    elif field.attname in row:
        value = row[field.attname]
    else:
        return field.get_default()
    return value if value is None else field.to_python(value)


def _labelled(error):
    """A part's errors as messages that name its fields: "title: Ensure this value has…"."""
    if not hasattr(error, "error_dict"):
        return error.messages
    return [
        message if field == NON_FIELD_ERRORS else f"{field}: {message}"
        for field, messages in error.message_dict.items()
        for message in messages
    ]


def _sent(field, row):
    return field.name in row or field.attname in row


def _key(fields, values):
    return tuple(values.get(field.attname) for field in fields)


@transaction.atomic
def replace_parts(instance, *, parts, user, keep_unsent=False, by_id=False, reason="", new=False):
    """Make each list of the record's parts what `parts` says: `{"participants": [row, ...]}`, a row
    being a dict of field values (a related record as an instance or by its key). A field a row leaves
    out takes its default, as in a new row; with `keep_unsent`, a stored row keeps its value (for an
    import whose file does not speak of that field); `keep_unsent` may also name the fields this holds
    for (the API keeps a part's translations when a row leaves them out).

    Rows are matched to stored ones by their natural key (`natural_key`), and the rest in order: a
    matched row is updated where it differs, a row with no match is created, and a stored row left
    over is deleted. With `by_id` (a revert), a row that carries its id is matched to the stored row
    of that id first, and one whose row is gone is created again under its id. Deleting needs the
    part's delete permission, wherever the deletion comes from: without it nothing is changed and
    PartDeletionDenied names the list. Each row is checked with `full_clean()` and saved on its own,
    so that each change enters its history with `user` (and `reason`); the record's history gets one
    version for all of it.

    A row may carry lists of its own parts under their names (a result's `indicators`, an indicator's
    `periods`): each is replaced the same way under the row once it is saved; a row that leaves one
    out (or sends None) keeps the stored list.

    `new` says the record has no parts stored in these lists (it was created in this same write, or
    the caller has just read that it has none): they are not read again. A row created here writes
    its own parts so.
    """
    kept = keep_unsent if isinstance(keep_unsent, (set, frozenset, list, tuple)) else None

    def keeps(field):
        return field.name in kept if kept is not None else bool(keep_unsent)

    plans = []
    nested = {}
    for name, rows in parts.items():
        relation = _relation(instance, name)
        model, parent = relation.related_model, relation.field
        pk_name = model._meta.pk.attname
        fields = [
            field
            for field in model._meta.concrete_fields
            if not field.primary_key and field is not parent and field.editable
        ]
        key_fields = [model._meta.get_field(key) for key in natural_key(model, parent)]
        wanted = [
            {field.attname: _value(field, row) for field in fields if not keeps(field) or _sent(field, row)}
            for row in rows
        ]
        nested[name] = [_own_parts(model, row) for row in rows]
        ids = [row.get(pk_name) if by_id else None for row in rows]
        stored = [] if new else list(getattr(instance, name).all())
        matches, unmatched = {}, []
        free = list(stored)
        for index, values in enumerate(wanted):
            match = next((obj for obj in free if ids[index] is not None and obj.pk == ids[index]), None)
            if match is None:
                match = next(
                    (
                        obj
                        for obj in free
                        if key_fields and _key(key_fields, values) == _key(key_fields, vars(obj))
                    ),
                    None,
                )
            if match is None:
                unmatched.append(index)
            else:
                free.remove(match)
                matches[index] = match
        if by_id:
            # A row that comes back under its own id takes no stored row's place; an id taken since
            # by a row of another record is given up, and the row comes back under a new one.
            sent = [key for key in ids if key is not None]
            taken = set(model._base_manager.filter(pk__in=sent).values_list("pk", flat=True))
            revived = {index for index in unmatched if ids[index] is not None and ids[index] not in taken}
            unmatched = [index for index in unmatched if index not in revived]
        else:
            revived = set()
        # Rows with no match take the place of stored rows with no match, in order; what is left over
        # of the stored rows goes.
        for index, obj in zip(unmatched, list(free), strict=False):
            matches[index] = obj
            free.remove(obj)
        if free and user is not None:
            permission = f"{model._meta.app_label}.delete_{model._meta.model_name}"
            if not user.has_perm(permission):
                raise PartDeletionDenied(
                    name,
                    f"Removing {model._meta.verbose_name_plural} needs the {permission} permission; "
                    f"send the list with every one of the {len(stored)} {model._meta.verbose_name_plural} "
                    "it has, changed as you wish, or ask someone who may delete them.",
                )
        if issubclass(model, Positioned):
            field = model._meta.get_field(model.position_field)
            places = [values.get(field.attname) for values in wanted]
            if twice := duplicate_positions(model, places):
                raise ValidationError({name: [duplicate_message(model, value) for value in sorted(twice)]})
            # Parts sent without a place take the next free ones, after every place sent or stored.
            # A list with no rows stored has no place taken yet (and needs no query to say so).
            last_of = instance.pk if stored else None
            for values, place in zip(wanted, fill_places(model, last_of, places), strict=True):
                values[field.attname] = place
        revived = {index: ids[index] for index in revived}
        plans.append((name, model, parent, wanted, matches, free, revived, not stored))
    with versions.one_version(instance, user=user, reason=reason):
        for name, model, parent, wanted, matches, free, revived, first in plans:
            for obj in free:
                if user is not None:
                    obj._history_user = user
                if reason:
                    obj._change_reason = versions.clip(reason)
                obj.delete()
            if issubclass(model, Positioned):
                # Rows trading places would meet half-way through the saves below.
                attname = model._meta.get_field(model.position_field).attname
                make_room(
                    model,
                    instance.pk,
                    [
                        obj.pk
                        for index, obj in sorted(matches.items())
                        if wanted[index].get(attname) not in (None, getattr(obj, attname))
                    ],
                )
            # A list that had no rows is the rows written here: their unique keys are checked
            # against one another, not with a query each (`kernel.constraints.sole_rows`).
            if first and not revived and not any(nested[name]) and writes_together(model):
                _create_together(instance, name, model, parent, wanted, user=user, reason=reason)
                continue
            written = []
            alone = (
                functools.partial(sole_rows, model, parent, instance.pk, written)
                if first
                else contextlib.nullcontext
            )
            for index, values in enumerate(wanted):
                obj = matches.get(index)
                if obj is None:
                    obj = model(**{parent.name: instance}, **values)
                    if index in revived:
                        obj.pk = revived[index]
                    changed = True
                else:
                    changed = any(getattr(obj, attname) != value for attname, value in values.items())
                    for attname, value in values.items():
                        setattr(obj, attname, value)
                created = obj._state.adding and index not in revived
                if changed:
                    try:
                        # The parent is saved: its key in the part needs no query.
                        with alone(), also_known(type(instance), instance.pk):
                            obj.full_clean()
                    except ValidationError as error:
                        raise ValidationError({name: _labelled(error)}) from error
                    _save(obj, user=user, reason=reason, force_insert=obj._state.adding)
                    written.append(obj)
                if own_parts := nested[name][index]:
                    # The row's own parts (a result's indicators, an indicator's periods), under it;
                    # their errors are the row's ("results": ["indicators: periods: …"]).
                    try:
                        replace_parts(
                            obj,
                            parts=own_parts,
                            user=user,
                            keep_unsent=keep_unsent,
                            reason=reason,
                            new=created,
                        )
                    except ValidationError as error:
                        raise ValidationError({name: _labelled(error)}) from error
    return instance


def writes_together(model):
    """Whether new rows of `model` can be written in one statement as `_save` writes them one by one:
    whatever its `save()` does first it also does in `prepare_save()` (each class that defines the one
    defines the other), its history keeps no many-to-many relations, and the database hands back the
    new rows' keys."""
    from django.db import connections, router

    if not connections[router.db_for_write(model)].features.can_return_rows_from_bulk_insert:
        return False
    if model._meta.parents or (
        versions.is_tracked(model) and versions.history_model(model)._history_m2m_fields
    ):
        return False
    return all(
        "save" not in vars(klass) or "prepare_save" in vars(klass)
        for klass in model.__mro__
        if issubclass(klass, models.Model) and klass is not models.Model
    )


def _create_together(instance, name, model, parent, wanted, *, user, reason):
    """A list of parts the record had none of, none with parts of its own, written together: each row
    checked by the model's rules as `replace_parts` checks it one at a time (a unique key against the
    rows before it), then every row in one INSERT, their first versions in another, and each row's
    post_save signal as its own save would send it (what follows a change, the content version,
    follows)."""
    rows = []
    with sole_rows(model, parent, instance.pk, rows), also_known(type(instance), instance.pk):
        for values in wanted:
            obj = model(**{parent.name: instance}, **values)
            try:
                obj.full_clean()
            except ValidationError as error:
                raise ValidationError({name: _labelled(error)}) from error
            if user is not None:
                obj._history_user = user
            if reason:
                obj._change_reason = versions.clip(reason)
            if hasattr(obj, "prepare_save"):
                obj.prepare_save()
            rows.append(obj)
    model._base_manager.bulk_create(rows)
    if versions.is_tracked(model):
        versions.first_versions(rows, user=user, reason=reason)
    for obj in rows:
        obj.skip_history_when_saving = True  # its version is written above
        try:
            post_save.send(
                sender=model, instance=obj, created=True, update_fields=None, raw=False, using=obj._state.db
            )
        finally:
            del obj.skip_history_when_saving


def _own_parts(model, row):
    """The lists of parts a row carries for its own parts: `{"periods": [...]}` in an indicator's row."""
    names = {
        relation.get_accessor_name()
        for relation in model._meta.related_objects
        if relation.one_to_many and relation.auto_created
    }
    return {name: row[name] for name in row if name in names and row[name] is not None}
