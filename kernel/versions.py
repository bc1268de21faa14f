"""One version per save: a record's history entry holds its fields, its relations and its parts.

django-simple-history writes a version on every `save()` of a record, then one more for every change
to each of its tracked many-to-many relations (creating a project with countries, donors, themes and
SDGs made five), while the parts edited with it (a project's results and participants, an event's
speakers, a donor's contributions) keep versions of their own. Here a save is one version:
`one_version` holds simple-history's writes back while the record, its relations and its parts are
written, then writes a single version, and only when something changed (or the editor left a note).

A version's parts are read back from the parts' own history, as they stood at the version's time
(`parts_at`), which is what a revert restores and what the history page compares (`part_changes`).
"""

import contextlib
import functools
from collections import defaultdict

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.manager import HistoryDescriptor
from simple_history.models import HistoricalRecords
from simple_history.utils import get_m2m_field_name, get_m2m_reverse_field_name

# simple-history's `history_change_reason` column is a CharField(max_length=100).
REASON_MAX_LENGTH = 100


def is_tracked(model):
    return hasattr(model._meta, "simple_history_manager_attribute")


def history_of(model):
    return getattr(model, model._meta.simple_history_manager_attribute)


@functools.cache
def history_model(model):
    """The model of `model`'s versions; simple-history builds a manager on each attribute access to
    find it, which a version written per save of an import paid for several times."""
    return history_of(model).model


def is_cascaded(relation):
    """A relation whose rows are deleted with the record (a project's results, an event's speakers)."""
    return relation.one_to_many and relation.on_delete is models.CASCADE


def part_relations(model):
    """The lists of parts a record is written with: its tracked rows that are deleted with it."""
    return [
        relation
        for relation in model._meta.related_objects
        if is_cascaded(relation)
        and relation.auto_created
        and relation.related_model is not model
        and is_tracked(relation.related_model)
    ]


def clip(text, limit=REASON_MAX_LENGTH):
    """A change reason on one line that fits its column, cut with an ellipsis when too long."""
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def m2m_ids(record):
    """{field name: set of ids} of the tracked many-to-many relations of a record or of a version."""
    if is_tracked(type(record)):  # a record
        fields = history_model(type(record))._history_m2m_fields
        return {field.name: set(getattr(record, field.name).values_list("pk", flat=True)) for field in fields}
    values = {}  # a version
    for field in record._history_m2m_fields:
        target = get_m2m_reverse_field_name(field)
        values[field.name] = {getattr(row, f"{target}_id") for row in getattr(record, field.name).all()}
    return values


def compared_fields(history_model):
    """The fields a version compares: what an editor edits, not the times the database keeps."""
    return [field for field in history_model.tracked_fields if field.editable and not field.primary_key]


def _same(field, left, right):
    try:
        return field.to_python(left) == field.to_python(right)
    except (TypeError, ValueError, ValidationError):  # a value that does not parse is a change
        return left == right


class OnceBuiltHistoryDescriptor(HistoryDescriptor):
    """`Model.history` with its manager class built once. simple-history builds it again on every
    access (`HistoryManager.from_queryset`, which walks the queryset class's members: 0.8 ms), and
    every version it writes reads `instance.history` once: a tenth of an import's time."""

    def __get__(self, instance, owner):
        manager_class = self.__dict__.get("_built")
        if manager_class is None:
            manager_class = self.__dict__["_built"] = self.manager_class.from_queryset(self.queryset_class)
        return manager_class(self.model, instance)


def build_history_managers_once(models):
    """Give each of `models`' history descriptors (the tracked models' and their history models'
    many-to-many ones) a manager class built once (`OnceBuiltHistoryDescriptor`)."""
    for model in models:
        for value in vars(model).values():
            if type(value) is HistoryDescriptor:
                value.__class__ = OnceBuiltHistoryDescriptor


# -- one version per save --------------------------------------------------------------------------


def begin_version(record):
    """Hold back simple-history's own versions of `record` until `end_version`. Returns False when a
    version of it is open already (the outer one writes it)."""
    if not is_tracked(type(record)) or "_version_open" in record.__dict__:
        return False
    record._version_open = {"since": timezone.now(), "adding": record._state.adding or record.pk is None}
    record.skip_history_when_saving = True
    return True


def end_version(record, *, user=None, reason="", force=False):
    """Write the one version of what was saved since `begin_version`: "+" for a new record, else "~"
    when a field, a relation or a part changed, or when there is a reason (a note, a revert) or
    `force`. Returns the version written, or None."""
    state = record.__dict__.pop("_version_open", None)
    record.__dict__.pop("skip_history_when_saving", None)
    if state is None or record.pk is None:
        return None
    if state["adding"]:  # a new record: its first version, whatever its history holds
        return write_version(record, "+", user=user, reason=reason)
    latest = (
        history_model(type(record))
        .objects.filter(**{type(record)._meta.pk.attname: record.pk})
        .order_by("-history_date", "-history_id")
        .first()
    )
    if latest is None or latest.history_type == "-":
        kind = "+" if latest is None else "~"
    elif force or clip(reason) or has_changed(record, latest, state["since"]):
        kind = "~"
    else:
        return None
    return write_version(record, kind, user=user, reason=reason)


def abandon_version(record):
    record.__dict__.pop("_version_open", None)
    record.__dict__.pop("skip_history_when_saving", None)


@contextlib.contextmanager
def one_version(record, *, user=None, reason="", force=False):
    """Everything written to `record` inside the block (the record, its relations, its parts) is one
    version. Nested blocks are part of the outermost one."""
    opened = begin_version(record)
    try:
        yield record
    except BaseException:
        if opened:
            abandon_version(record)
        raise
    if opened:
        end_version(record, user=user, reason=reason, force=force)


def has_changed(record, version, since):
    """Whether `record` as saved differs from `version`: a field, a relation, or a part written since."""
    history_model = type(version)
    for field in compared_fields(history_model):
        if not _same(field, getattr(record, field.attname), getattr(version, field.attname)):
            return True
    if m2m_ids(record) != m2m_ids(version):
        return True
    for relation in part_relations(type(record)):
        written = history_of(relation.related_model).filter(
            **{relation.field.attname: record.pk}, history_date__gte=since
        )
        if written.exists():
            return True
    return False


def _author(record, user):
    if user is not None:
        return user
    if getattr(record, "_history_user", None) is not None:
        return record._history_user
    request = getattr(HistoricalRecords.context, "request", None)
    requester = getattr(request, "user", None)
    return requester if requester is not None and requester.is_authenticated else None


def first_versions(records, *, user=None, reason=""):
    """The first version ("+") of each of `records`, new rows of one model written together, as
    simple-history writes one on each save (its author and reason as `_author` and `clip` find them),
    in one statement. For a model whose history keeps no many-to-many relations."""
    if not records:
        return []
    versions = history_model(type(records[0]))
    reason = clip(reason) or None
    return versions.objects.bulk_create(
        [
            versions(
                history_date=timezone.now(),
                history_type="+",
                history_user=_author(record, user),
                history_change_reason=getattr(record, "_change_reason", None) or reason,
                **{field.attname: getattr(record, field.attname) for field in versions.tracked_fields},
            )
            for record in records
        ]
    )


def write_version(record, kind, *, user=None, reason=""):
    """Write a version of `record` as it is now, with its tracked many-to-many relations, as
    simple-history's own `create_historical_record` does."""
    versions = history_model(type(record))
    version = versions(
        history_date=timezone.now(),
        history_type=kind,
        history_user=_author(record, user),
        history_change_reason=clip(reason) or None,
        **{field.attname: getattr(record, field.attname) for field in versions.tracked_fields},
    )
    version.save()
    for field in versions._history_m2m_fields:
        m2m_model = HistoricalRecords.m2m_models[field]
        through = getattr(record, field.name).through
        rows = through._base_manager.filter(**{get_m2m_field_name(field): record.pk})
        m2m_model.objects.bulk_create(
            m2m_model(history=version, **{f.attname: getattr(row, f.attname) for f in through._meta.fields})
            for row in rows
        )
    return version


# -- reading a version back ------------------------------------------------------------------------


def _part_records(relation, pk):
    """Every version of every row that was ever a part of record `pk` in this relation, oldest first."""
    child_history = history_model(relation.related_model)
    child_pk = relation.related_model._meta.pk.attname
    ever = child_history.objects.filter(**{relation.field.attname: pk}).values(child_pk)
    return list(
        child_history.objects.filter(**{f"{child_pk}__in": ever}).order_by("history_date", "history_id")
    )


def _state(records, relation, pk, when):
    """{row pk: its version} of the rows that were parts of record `pk` at `when`."""
    if when is None:
        return {}
    child_pk = relation.related_model._meta.pk.attname
    latest = {}
    for record in records:
        if record.history_date > when:
            break
        latest[getattr(record, child_pk)] = record
    return {
        key: record
        for key, record in latest.items()
        if record.history_type != "-" and getattr(record, relation.field.attname) == pk
    }


def parts_at(model, pk, when):
    """{relation name: [versions of its rows]} of the parts record `pk` had at `when`."""
    parts = {}
    for relation in part_relations(model):
        state = _state(_part_records(relation, pk), relation, pk, when)
        parts[relation.get_accessor_name()] = [state[key] for key in sorted(state)]
    return parts


def part_rows(relation, versions):
    """The rows `kernel.services.replace_parts` writes to bring back these versions of parts: their
    values and their own ids, so that a deleted part comes back as itself."""
    child_pk = relation.related_model._meta.pk.attname
    fields = [
        field
        for field in relation.related_model._meta.concrete_fields
        if field.editable and not field.primary_key and field is not relation.field
    ]
    return [
        {child_pk: getattr(version, child_pk), **{f.attname: getattr(version, f.attname) for f in fields}}
        for version in versions
    ]


def _display(record, field):
    value = getattr(record, field.attname)
    if value is None or value == "":
        return "—"
    if field.is_relation:
        try:
            return str(getattr(record, field.name))
        except ObjectDoesNotExist:
            return f"{field.related_model._meta.verbose_name} #{value} (deleted)"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    text = str(value)
    return text if len(text) <= 80 else text[:79] + "…"


def _row_label(version):
    try:
        return str(version.instance)
    except ObjectDoesNotExist:
        return f"#{version.pk}"


def part_changes(model, pk, periods):
    """{end: [sentence, …]} of how the parts of record `pk` changed in each period (start, end]:
    rows added, removed, and the fields changed in the others. `start` None is the record's
    beginning."""
    changes = defaultdict(list)
    for relation in part_relations(model):
        records = _part_records(relation, pk)
        if not records:
            continue
        noun = relation.related_model._meta.verbose_name
        fields = [
            field
            for field in compared_fields(history_model(relation.related_model))
            if field is not relation.field and field.attname != relation.field.attname
        ]
        for start, end in periods:
            before = _state(records, relation, pk, start)
            after = _state(records, relation, pk, end)
            for key in sorted(before.keys() | after.keys()):
                old, new = before.get(key), after.get(key)
                if old is None:
                    changes[end].append(f"{noun.capitalize()} added: “{_row_label(new)}”")
                elif new is None:
                    changes[end].append(f"{noun.capitalize()} removed: “{_row_label(old)}”")
                else:
                    diffs = [
                        f"{field.verbose_name} {_display(old, field)} → {_display(new, field)}"
                        for field in fields
                        if not _same(field, getattr(old, field.attname), getattr(new, field.attname))
                    ]
                    if diffs:
                        changes[end].append(f"{noun.capitalize()} “{_row_label(new)}”: {'; '.join(diffs)}")
    return changes


def revert_reason(version, note=""):
    """“Reverted to the version of 3 May 2026 14:02 by alice”, and the editor's note if any."""
    when = date_format(timezone.localtime(version.history_date), "j M Y H:i")
    author = getattr(version.history_user, "username", None) or "the system"
    reason = f"Reverted to the version of {when} by {author}"
    note = clip(note)
    return clip(f"{reason}: {note}" if note else reason)
