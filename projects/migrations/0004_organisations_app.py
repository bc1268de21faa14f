"""Participants point to organisations in their own app (the table is the same: no database change)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial"), ("projects", "0003_full_text")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="historicalparticipant",
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
                    model_name="participant",
                    name="organisation",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="participations",
                        to="organisations.organisation",
                    ),
                ),
                migrations.AlterField(
                    model_name="project",
                    name="organisations",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="projects",
                        through="projects.Participant",
                        to="organisations.organisation",
                    ),
                ),
            ],
        ),
    ]
