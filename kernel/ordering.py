"""Parts kept in an order of their own (an event's organisers and speakers): one place per row.

A model that mixes in `Positioned` names its place field (`position_field`) and its parent
(`position_parent`), and declares a `UniqueConstraint` over both, the database's guard. The mixin:

- fills an empty place with the next free one (after the last), in `clean()` and in `save()`;
- reports a place already taken as an error on the place field, naming it, rather than the
  constraint's message without a field.

Reordering rewrites several places at once, and two rows trading places collide half-way through
the save however it is ordered. So a write path that saves a whole list (the admin's inline formset
here, `kernel.services.replace_parts`) checks the list as a whole (`duplicate_positions`) and first
moves the rows whose place changes out of the way (`make_room`), then saves row by row as usual.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max
from django.forms.models import BaseInlineFormSet

from kernel.constraints import twin


class Positioned(models.Model):
    position_field = "position"
    position_parent = "event"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.prepare_save()
        super().save(*args, **kwargs)

    def prepare_save(self):
        """What a save does to the row before it is written (see `kernel.services`)."""
        self.fill_position()

    def clean(self):
        super().clean()
        self.fill_position()

    def siblings(self):
        parent_id = getattr(self, f"{self.position_parent}_id")
        rows = type(self)._base_manager.filter(**{f"{self.position_parent}_id": parent_id})
        return rows.exclude(pk=self.pk) if self.pk is not None else rows

    def next_position(self):
        if getattr(self, f"{self.position_parent}_id") is None:
            return 1
        last = self.siblings().aggregate(last=Max(self.position_field))["last"]
        return 1 if last is None else last + 1

    def fill_position(self):
        if getattr(self, self.position_field) is None:
            setattr(self, self.position_field, self.next_position())

    def position_taken_message(self, value):
        noun = self._meta.verbose_name
        label = self._meta.get_field(self.position_field).verbose_name
        return (
            f"{label.capitalize()}: another {noun} of this {self.position_parent} already has place {value}."
        )

    def validate_constraints(self, exclude=None):
        exclude = set(exclude or ())
        name = self.position_field
        errors = {}
        try:
            # The place's own constraint is checked below, with an error on its field.
            super().validate_constraints(exclude=exclude | {name})
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        value = getattr(self, name)
        parent_id = getattr(self, f"{self.position_parent}_id")
        taken = name not in exclude and value is not None and parent_id is not None
        if taken:
            # Not asked when the rows of the parent are known to be only those being written.
            fields = [self._meta.get_field(self.position_parent), self._meta.get_field(name)]
            taken = twin(type(self), self, fields)
            if taken is None:
                taken = self.siblings().filter(**{name: value}).exists()
        if taken:
            errors.setdefault(name, []).append(
                ValidationError(self.position_taken_message(value), code="unique")
            )
        if errors:
            raise ValidationError(errors)


def duplicate_positions(model, values):
    """The places given more than once in a list of `values` (None, a place to be filled, is never)."""
    seen, twice = set(), set()
    for value in values:
        if value is None:
            continue
        (twice if value in seen else seen).add(value)
    return twice


def fill_places(model, parent_id, places):
    """The list's places with each empty one (None) given the next free place after every place the
    list gives and every place the parent's stored rows hold: rows added together get 1, 2, 3…
    after the last, never the same place each."""
    last = max([place for place in places if place is not None], default=0)
    if parent_id is not None:
        rows = model._base_manager.filter(**{f"{model.position_parent}_id": parent_id})
        last = max(last, rows.aggregate(last=Max(model.position_field))["last"] or 0)
    filled = []
    for place in places:
        if place is None:
            last += 1
            place = last
        filled.append(place)
    return filled


def duplicate_message(model, value):
    label = model._meta.get_field(model.position_field).verbose_name
    return (
        f"{label.capitalize()}: place {value} is given to more than one "
        f"{model._meta.verbose_name}; each needs a place of its own."
    )


def make_room(model, parent_id, moving):
    """Move the rows in `moving` (primary keys) past every place the parent's rows hold, keeping
    their order, so that the rows can then be saved at their new places one by one without meeting
    a row that has not moved yet. An UPDATE, which writes no history: the save that follows does."""
    moving = [pk for pk in moving if pk is not None]
    if not moving:
        return
    field = model.position_field
    rows = model._base_manager.filter(**{f"{model.position_parent}_id": parent_id})
    last = rows.aggregate(last=Max(field))["last"] or 0
    for offset, pk in enumerate(moving, start=1):
        rows.filter(pk=pk).update(**{field: last + offset})


class PositionedForm(forms.ModelForm):
    """A row of an ordered inline: its place is checked with the list's (PositionedInlineFormSet),
    not against the places stored now, which the same save may be changing."""

    def _get_validation_exclusions(self):
        exclusions = super()._get_validation_exclusions()
        exclusions.add(self._meta.model.position_field)
        return exclusions


class PositionedInlineFormSet(BaseInlineFormSet):
    """An ordered inline: each row's place is its own within the list sent, and the list is saved so
    that rows trading places do not collide. Without JavaScript the places are typed; the admin's
    ordering script (static/admin-extra/js/ordering.js) sets them by drag or by the up and down
    buttons."""

    def clean(self):
        super().clean()
        model = self.model
        name = model.position_field
        forms_ = [
            form
            for form in self.forms
            if form.has_changed() or form.instance.pk is not None
            if not (self.can_delete and self._should_delete_form(form))
            if hasattr(form, "cleaned_data")
        ]
        twice = duplicate_positions(model, [form.cleaned_data.get(name) for form in forms_])
        for form in forms_:
            value = form.cleaned_data.get(name)
            if value in twice:
                form.add_error(name, duplicate_message(model, value))
        if twice:
            return
        # Rows left without a place (added with "Add another", typed empty) take the next free ones.
        places = fill_places(model, self.instance.pk, [form.cleaned_data.get(name) for form in forms_])
        for form, place in zip(forms_, places, strict=True):
            form.cleaned_data[name] = place
            setattr(form.instance, name, place)

    def save(self, commit=True):
        if commit and self.instance.pk is not None:
            name = self.model.position_field
            # Rows taking new places, and rows to be deleted (whose places others may take), are
            # moved out of the way first; a deleted row's history keeps the place it had.
            make_room(
                self.model,
                self.instance.pk,
                [
                    form.instance.pk
                    for form in self.initial_forms
                    if name in form.changed_data or (self.can_delete and self._should_delete_form(form))
                ],
            )
        return super().save(commit=commit)


class PositionedInline:
    """For an admin inline of a `Positioned` model: the formset above, and the place input marked for
    the ordering script."""

    form = PositionedForm
    formset = PositionedInlineFormSet

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name == self.model.position_field:
            classes = field.widget.attrs.get("class", "")
            field.widget.attrs["class"] = f"{classes} js-place".strip()
            field.widget.attrs["min"] = "0"
        return field
