"""Messages for the constraints that had none, so that every write path names the rule broken.

AlterConstraint changes no table (a table rebuild on SQLite would drop the full-text triggers).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0001_initial"),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name="organisation",
            name="donors_organisation_published_has_time",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("publication_status", "published"), _negated=True),
                    ("published_at__isnull", False),
                    _connector="OR",
                ),
                name="donors_organisation_published_has_time",
                violation_error_message="A published record needs a publication time (empty means now).",
            ),
        ),
        migrations.AlterConstraint(
            model_name="person",
            name="events_person_published_has_time",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("publication_status", "published"), _negated=True),
                    ("published_at__isnull", False),
                    _connector="OR",
                ),
                name="events_person_published_has_time",
                violation_error_message="A published record needs a publication time (empty means now).",
            ),
        ),
    ]
