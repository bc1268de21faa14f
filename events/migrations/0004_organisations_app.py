"""Organisers and speakers point to organisations and people in their own app; people leave this app
(their table stays: organisations/migrations/0001)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("events", "0003_full_text"), ("organisations", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="speaker",
                    name="person",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="talks",
                        to="organisations.person",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalspeaker",
                    name="person",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="organisations.person",
                    ),
                ),
                migrations.AlterField(
                    model_name="event",
                    name="organisations",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="events",
                        through="events.Organiser",
                        to="organisations.organisation",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalorganiser",
                    name="organisation",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="organisations.organisation",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalspeaker",
                    name="organisation",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Organisation at the time, or the one spoken for.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="organisations.organisation",
                    ),
                ),
                migrations.AlterField(
                    model_name="organiser",
                    name="organisation",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="organised",
                        to="organisations.organisation",
                    ),
                ),
                migrations.AlterField(
                    model_name="speaker",
                    name="organisation",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="Organisation at the time, or the one spoken for.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="speakers",
                        to="organisations.organisation",
                    ),
                ),
                migrations.DeleteModel(
                    name="HistoricalPerson",
                ),
                migrations.DeleteModel(
                    name="Person",
                ),
            ],
        ),
    ]
