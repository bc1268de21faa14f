"""Who changed what, and undoing it: django-simple-history in the admin, with undelete.

Every curated model keeps a `history` (django-simple-history), one version per save
(`kernel.versions`). `HistoryAdmin` shows it, each version with every field, relation and part that
changed and the editor's change note; lets staff revert to a version (`kernel.services.revert`: its
fields, its tracked many-to-many relations and its parts, logged as a revert); and adds a "Deleted
records" page per model from which a deleted record is restored: its fields, its tracked relations,
the rows that were deleted with it (a project's results and participants, an event's speakers…) and
the links other records had to it.
"""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import HistoricalRecords
from simple_history.utils import get_m2m_reverse_field_name

from kernel import services, versions
from kernel.changelists import ScaledListAdmin
from kernel.versions import history_of, is_cascaded, is_tracked

RESTORED_REASON = "Restored after deletion"
# Rows deleted by a cascade are written just before the record that took them with it; rows deleted
# on their own more than this long before it are not brought back with it.
CASCADE_WINDOW = datetime.timedelta(minutes=1)


def deleted_records(model):
    """The latest deletion record of each record of `model` that does not exist any more."""
    history = history_of(model).model
    pk_name = model._meta.pk.attname
    latest = (
        history.objects.filter(**{pk_name: OuterRef(pk_name)})
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )
    return (
        history.objects.filter(history_type="-", history_id=Subquery(latest))
        .exclude(**{f"{pk_name}__in": model._base_manager.values("pk")})
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )


def m2m_values(record):
    """{field name: [ids]} of the tracked many-to-many relations stored with a historical record."""
    values = {}
    for field in record._history_m2m_fields:
        target = get_m2m_reverse_field_name(field)
        values[field.name] = [getattr(row, f"{target}_id") for row in getattr(record, field.name).all()]
    return values


def last_version_before(record):
    """The last version saved before `record`; a deletion record holds no relations of its own."""
    return (
        type(record)
        .objects.filter(
            **{record.instance_type._meta.pk.attname: getattr(record, record.instance_type._meta.pk.attname)}
        )
        .exclude(history_type="-")
        .filter(history_date__lte=record.history_date)
        .exclude(history_id=record.history_id)
        .order_by("-history_date", "-history_id")
        .first()
    )


def restore_deleted(record, user=None):
    """Bring a deleted record back from its deletion record, with what was deleted along with it.

    Raises ValidationError when it cannot come back as it was (its slug has been taken since, or a
    record it points to is gone). Returns the restored instance.
    """
    model = record.instance_type
    instance = record.instance
    if model._base_manager.filter(pk=instance.pk).exists():
        raise ValidationError(f"{model._meta.verbose_name.capitalize()} “{instance}” exists already.")
    instance._state.adding = True
    try:
        instance.validate_unique()
        with transaction.atomic():
            _insert(instance, record, user)
            _restore_cascaded(model, instance, record.history_date, user)
            _restore_links_to(model, instance, user)
    except IntegrityError as error:
        raise ValidationError(
            f"“{instance}” cannot be restored as it was: a record it refers to is gone ({error})."
        ) from error
    return instance


def _insert(instance, record, user):
    """Insert the row, set its tracked relations, then record one version holding both."""
    previous = last_version_before(record)
    instance.save_without_historical_record(force_insert=True)
    if previous is not None and previous._history_m2m_fields:
        instance.skip_history_when_saving = True
        try:
            for name, ids in m2m_values(previous).items():
                getattr(instance, name).set(ids)
        finally:
            del instance.skip_history_when_saving
    instance._history_user = user
    instance._change_reason = RESTORED_REASON
    instance.save()


def _restore_cascaded(model, instance, deleted_at, user):
    """Restore the tracked rows that the deletion took with it (ForeignKey with on_delete=CASCADE)."""
    for relation in model._meta.related_objects:
        if not is_cascaded(relation):
            continue
        child_model = relation.related_model
        if not is_tracked(child_model):
            continue
        candidates = deleted_records(child_model).filter(
            **{relation.field.attname: instance.pk},
            history_date__lte=deleted_at,
            history_date__gte=deleted_at - CASCADE_WINDOW,
        )
        for child_record in candidates:
            child = child_record.instance
            child._state.adding = True
            _insert(child, child_record, user)
            _restore_cascaded(child_model, child, child_record.history_date, user)


def _restore_links_to(model, instance, user):
    """Re-add the links other records had to this one, where their latest version still shows them.

    Deleting a donor removes it from its projects' donors without a new project version (Django does
    not signal cascaded many-to-many deletions), so a project's latest version still lists the donor
    unless someone has changed the project since: then the newer version wins.
    """
    for field, m2m_history in HistoricalRecords.m2m_models.items():
        if field.related_model is not model:
            continue
        owner_model = field.model
        owner_history = history_of(owner_model).model
        owner_pk = owner_model._meta.pk.attname
        latest = (
            owner_history.objects.filter(**{owner_pk: OuterRef(f"history__{owner_pk}")})
            .order_by("-history_date", "-history_id")
            .values("history_id")[:1]
        )
        target = get_m2m_reverse_field_name(field)
        rows = m2m_history.objects.filter(**{f"{target}_id": instance.pk}, history_id=Subquery(latest))
        owner_ids = {getattr(row.history, owner_pk) for row in rows.select_related("history")}
        for owner in owner_model._base_manager.filter(pk__in=owner_ids):
            owner._history_user = user
            getattr(owner, field.name).add(instance)


class HistoryForm(forms.ModelForm):
    """Every history-keeping admin form: an optional change note, shown in the record's history as the
    change's reason; and no change of a few microseconds. The admin's time field shows a stored time
    to the second, so sending it back unchanged must keep the stored time as it is."""

    change_note = forms.CharField(
        required=False,
        max_length=versions.REASON_MAX_LENGTH,
        label="Change note",
        help_text="Optional: why you made this change (e.g. “Figures from the 2023 annual report”). "
        "It is shown in the record's history.",
    )

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            stored = (
                getattr(self.instance, name, None)
                if isinstance(field, forms.DateTimeField | forms.SplitDateTimeField)
                else None
            )
            value = cleaned.get(name)
            if (
                stored is not None
                and value is not None
                and stored.microsecond
                and value == stored.replace(microsecond=0)
            ):
                cleaned[name] = stored
        return cleaned


class HistoryAdmin(ScaledListAdmin, SimpleHistoryAdmin):
    """An admin with the change history, revert, and a page of deleted records to restore."""

    change_list_template = "admin/history/change_list.html"
    object_history_template = "admin/history/object_history.html"
    object_history_list_template = "admin/history/object_history_list.html"
    object_history_form_template = "admin/history/object_history_form.html"
    deleted_per_page = 50

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("deleted/", self.admin_site.admin_view(self.deleted_view), name=f"{prefix}_deleted"),
            path(
                "deleted/<int:history_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name=f"{prefix}_restore",
            ),
            *super().get_urls(),
        ]

    def admin_url(self, view, *args):
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_{view}",
            args=args,
            current_app=self.admin_site.name,
        )

    def has_restore_permission(self, request):
        """Who may delete may undo a deletion; restoring also re-creates the record."""
        return self.has_delete_permission(request) and self.has_add_permission(request)

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        if self.has_view_permission(request):
            extra_context["deleted_records_url"] = self.admin_url("deleted")
        return super().changelist_view(request, extra_context)

    def deleted_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        page = Paginator(deleted_records(self.model), self.deleted_per_page).get_page(request.GET.get("p"))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Deleted {self.opts.verbose_name_plural}",
            "opts": self.opts,
            "page_obj": page,
            "can_restore": self.has_restore_permission(request),
        }
        return TemplateResponse(request, "admin/history/deleted_records.html", context)

    def restore_view(self, request, history_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_restore_permission(request):
            raise PermissionDenied
        record = get_object_or_404(history_of(self.model).model, history_id=history_id, history_type="-")
        try:
            instance = restore_deleted(record, user=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(self.admin_url("deleted"))
        self.log_addition(request, instance, [{"added": {}}, RESTORED_REASON])
        self.message_user(
            request, f"Restored {self.opts.verbose_name} “{instance}” from its history.", messages.SUCCESS
        )
        return HttpResponseRedirect(self.admin_url("change", quote(instance.pk)))

    def get_form(self, request, obj=None, change=False, **kwargs):
        """Every form has the change note; on the revert page it shows the version's tracked relations,
        not today's."""
        base = kwargs.get("form", self.form)
        if not issubclass(base, HistoryForm):
            kwargs["form"] = type(f"Noted{base.__name__}", (HistoryForm, base), {})
        form = super().get_form(request, obj, change=change, **kwargs)
        record = getattr(obj, "_history", None)
        if record is None or not record._history_m2m_fields:
            return form
        version_initial = {name: ids for name, ids in m2m_values(record).items() if name in form.base_fields}

        class VersionForm(form):
            def __init__(self, *args, **kwargs):
                kwargs["initial"] = {**version_initial, **(kwargs.get("initial") or {})}
                super().__init__(*args, **kwargs)

        return VersionForm

    def get_fieldsets(self, request, obj=None):
        """The change note comes last, in a section of its own."""
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f != "change_note"]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        return [*fieldsets, ("About this change", {"fields": ["change_note"]})]

    def save_form(self, request, form, change):
        # The save that follows (save_model, then its relations and inline rows in save_related)
        # is one version, written once everything is saved.
        obj = super().save_form(request, form, change)
        versions.begin_version(obj)
        return obj

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        note = form.cleaned_data.get("change_note", "")
        versions.end_version(form.instance, user=request.user, reason=note)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """simple-history's version page, which also shows what reverting does to the record's parts;
        the revert itself is `kernel.services.revert` (fields, relations and parts, one version)."""
        version = get_object_or_404(
            history_of(self.model).model, **{self.opts.pk.attname: object_id, "history_id": version_id}
        )
        current = self.model._base_manager.filter(pk=version.instance.pk).first()
        if request.method == "POST" and current is None:
            self.message_user(
                request,
                f"This {self.opts.verbose_name} has been deleted: restore it from the deleted "
                f"{self.opts.verbose_name_plural}, then revert it if need be.",
                messages.ERROR,
            )
            return HttpResponseRedirect(self.admin_url("deleted"))
        if request.method == "POST":
            response = self._revert(request, version, current)
            if response is not None:
                return response
        extra_context = {**(extra_context or {}), "version": version}
        if current is not None:
            then = datetime.datetime.max.replace(tzinfo=datetime.UTC)
            changes = versions.part_changes(self.model, current.pk, [(then, version.history_date)])
            extra_context["revert_part_changes"] = changes.get(version.history_date, [])
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _revert(self, request, version, current):
        """Revert from the posted form; None when the form has errors (the page shows them)."""
        if self.revert_disabled(request, current) or not self.has_change_permission(request, current):
            raise PermissionDenied
        obj = version.instance
        obj._state.adding = False
        form = self.get_form(request, obj, change=True)(request.POST, request.FILES, instance=obj)
        if not form.is_valid():
            return None
        record = form.save(commit=False)
        relations = {
            field.name: form.cleaned_data[field.name]
            for field in version._history_m2m_fields
            if field.name in form.cleaned_data
        }
        try:
            services.revert(
                version,
                user=request.user,
                note=form.cleaned_data.get("change_note", ""),
                record=record,
                relations=relations,
            )
        except (ValidationError, PermissionDenied) as error:
            message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            self.message_user(request, f"Nothing was reverted: {message}", messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
        self.log_change(request, record, versions.revert_reason(version))
        self.message_user(
            request,
            f"{self.opts.verbose_name.capitalize()} “{record}” is back to the version of "
            f"{versions.revert_reason(version).removeprefix('Reverted to the version of ')}.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self.admin_url("change", quote(record.pk)))

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """simple-history's changes of each version, the oldest on the page included, and the parts
        (results, speakers…) added, removed or changed with it."""
        super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)
        records = list(historical_records)
        if not records:
            return
        oldest = records[-1]
        earlier = oldest.prev_record
        if earlier is not None and not hasattr(oldest, "history_delta_changes"):
            delta = oldest.diff_against(earlier, foreign_keys_are_objs=foreign_keys_are_objs)
            helper = self.get_historical_record_context_helper(request, oldest)
            oldest.history_delta_changes = helper.context_for_delta_changes(delta)
        starts = [record.history_date for record in records[1:]]
        starts.append(earlier.history_date if earlier is not None else None)
        pk = getattr(oldest, self.opts.pk.attname)
        periods = [
            (start, record.history_date)
            for record, start in zip(records, starts, strict=True)
            if record.history_type != "-"
        ]
        changes = versions.part_changes(self.model, pk, periods)
        for record in records:
            record.part_changes = changes.get(record.history_date, []) if record.history_type != "-" else []

    def history_view(self, request, object_id, extra_context=None):
        extra_context = {**(extra_context or {}), "related_changes": self._related_changes(object_id)}
        return super().history_view(request, object_id, extra_context)

    def _related_changes(self, object_id, limit=50):
        """Recent versions of the rows edited inline with this record (results, speakers…)."""
        changes = []
        for relation in self.model._meta.related_objects:
            child_model = relation.related_model
            if not (is_cascaded(relation) and is_tracked(child_model)):
                continue
            records = (
                history_of(child_model)
                .filter(**{relation.field.attname: object_id})
                .select_related("history_user")
                .order_by("-history_date")[:limit]
            )
            changes.extend(records)
        changes.sort(key=lambda record: record.history_date, reverse=True)
        changes = changes[:limit]
        self._attach_history_urls(changes)
        return changes

    def _attach_history_urls(self, records):
        """Where to revert each row: its own history page, or the deleted list once it is gone."""
        by_model = {}
        for record in records:
            by_model.setdefault(record.instance_type, []).append(record)
        for model, model_records in by_model.items():
            opts = model._meta
            registered = model in self.admin_site._registry
            pks = {getattr(record, opts.pk.attname) for record in model_records}
            existing = set(model._base_manager.filter(pk__in=pks).values_list("pk", flat=True))
            for record in model_records:
                record.row_kind = opts.verbose_name
                pk = getattr(record, opts.pk.attname)
                if not registered:
                    record.admin_history_url = ""
                elif pk in existing:
                    record.admin_history_url = reverse(
                        f"admin:{opts.app_label}_{opts.model_name}_history",
                        args=[quote(pk)],
                        current_app=self.admin_site.name,
                    )
                else:
                    record.admin_history_url = reverse(
                        f"admin:{opts.app_label}_{opts.model_name}_deleted", current_app=self.admin_site.name
                    )


class InlineRowHistoryAdmin(HistoryAdmin):
    """The admin of a row edited inline (a result, a speaker): there for its history and revert.

    It stays out of the admin index; its pages are reached from the parent's history page.
    """

    def has_module_permission(self, request):
        return False
