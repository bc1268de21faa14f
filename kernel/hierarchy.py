"""Records that are part of another of their kind: a project of a fund, a side event of a conference,
a unit of an organisation.

One rule for all of them, checked by each model's `clean()` (so by every write path): a record is never
its own ancestor, and a tree is at most `MAX_DEPTH` levels deep. The walks remember what they have seen
and stop after `MAX_DEPTH` steps, so that a loop already stored (written past these checks, by raw SQL
or an old version of the code) cannot make them run for ever.
"""

from django.core.exceptions import ValidationError

MAX_DEPTH = 10


def _one(model):
    """ "A project", "An organisation", "An event" """
    name = model._meta.verbose_name
    return f"{'An' if name[:1].lower() in 'aeiou' else 'A'} {name}"


def check_parent(record, *, field="parent", max_depth=MAX_DEPTH):
    """Raise a ValidationError on `field` when the record's parent would make a loop, or make the tree
    deeper than `max_depth` levels (counting the records under this one)."""
    model = type(record)
    attname = model._meta.get_field(field).attname
    if getattr(record, attname) is None:
        return
    parent, plural = getattr(record, field), model._meta.verbose_name_plural
    if record.pk is not None and parent.pk == record.pk:
        raise ValidationError({field: f"{_one(model)} cannot be part of itself."})
    # Up from the parent: how many levels there are above the record, and whether it is among them.
    level, seen, current = 1, set(), parent.pk
    while current is not None and level <= max_depth:
        if current == record.pk:
            message = (
                f"{_one(model)} cannot be part of itself: {parent} is part of it, so this would make a loop."
            )
            raise ValidationError({field: message})
        if current in seen:
            message = f"{parent} and the {plural} above it make a loop; correct their parents first."
            raise ValidationError({field: message})
        seen.add(current)
        level += 1
        current = model._base_manager.filter(pk=current).values_list(attname, flat=True).first()
    # Down from the record: how many levels of records are part of it.
    frontier, seen = ([record.pk] if record.pk is not None else []), {record.pk}
    while frontier and level <= max_depth:
        frontier = [
            pk
            for pk in model._base_manager.filter(**{f"{attname}__in": frontier}).values_list("pk", flat=True)
            if pk not in seen
        ]
        seen.update(frontier)
        level += bool(frontier)
    if level > max_depth:
        below = f", with the {plural} that are part of it," if len(seen) > 1 else ""
        message = (
            f"{_one(model)} can be at most {max_depth} levels deep: under {parent}{below} it would be deeper."
        )
        raise ValidationError({field: message})
