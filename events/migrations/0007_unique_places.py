"""Organisers and speakers each hold a place of their own in their event's list.

Rows that shared a place (0 by default, or a number typed twice) are numbered 1, 2, 3… in the order
the site showed them (place, then id), before the unique constraints are added."""

import django.core.validators
from django.db import migrations, models


def number_places(apps, schema_editor):
    for model_name, field in (("Organiser", "position"), ("Speaker", "order")):
        model = apps.get_model("events", model_name)
        rows = model._base_manager.order_by("event_id", field, "pk").values_list("pk", "event_id", field)
        by_event = {}
        for pk, event_id, place in rows:
            by_event.setdefault(event_id, []).append((pk, place))
        for event_rows in by_event.values():
            places = [place for _, place in event_rows]
            if len(set(places)) == len(places) and 0 not in places:
                continue
            for number, (pk, place) in enumerate(event_rows, start=1):
                if place != number:
                    # Past every place held first, so that no two rows meet half-way.
                    model._base_manager.filter(pk=pk).update(**{field: 10000 + number})
            for number, (pk, _) in enumerate(event_rows, start=1):
                model._base_manager.filter(pk=pk, **{field: 10000 + number}).update(**{field: number})


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_dates_bounded"),
        ("organisations", "0003_dates_bounded"),
    ]

    operations = [
        migrations.RunPython(number_places, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="historicalorganiser",
            name="position",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Place in the list of organisers; empty means after the last.",
                verbose_name="place",
            ),
        ),
        migrations.AlterField(
            model_name="historicalspeaker",
            name="order",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Empty means after the last speaker.",
                validators=[django.core.validators.MinValueValidator(0)],
                verbose_name="place in the programme",
            ),
        ),
        migrations.AlterField(
            model_name="organiser",
            name="position",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Place in the list of organisers; empty means after the last.",
                verbose_name="place",
            ),
        ),
        migrations.AlterField(
            model_name="speaker",
            name="order",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Empty means after the last speaker.",
                validators=[django.core.validators.MinValueValidator(0)],
                verbose_name="place in the programme",
            ),
        ),
        migrations.AddConstraint(
            model_name="organiser",
            constraint=models.UniqueConstraint(
                fields=("event", "position"),
                name="organiser_place_unique",
                violation_error_message="Place: another organiser of this event already has this place.",
            ),
        ),
        migrations.AddConstraint(
            model_name="speaker",
            constraint=models.UniqueConstraint(
                fields=("event", "order"),
                name="speaker_place_unique",
                violation_error_message="Place in the programme: another speaker of this event already has this place.",
            ),
        ),
    ]
