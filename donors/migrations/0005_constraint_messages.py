"""Messages for the constraints that had none, so that every write path names the rule broken.

AlterConstraint changes no table (a table rebuild on SQLite would drop the full-text triggers).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("donors", "0004_organisations_app"),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name="contribution",
            name="contribution_rank_positive",
            constraint=models.CheckConstraint(
                condition=models.Q(("rank__isnull", True), ("rank__gte", 1), _connector="OR"),
                name="contribution_rank_positive",
                violation_error_message="A rank starts at 1 (the largest).",
            ),
        ),
        migrations.AlterConstraint(
            model_name="donor",
            name="donors_donor_published_has_time",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("publication_status", "published"), _negated=True),
                    ("published_at__isnull", False),
                    _connector="OR",
                ),
                name="donors_donor_published_has_time",
                violation_error_message="A published record needs a publication time (empty means now).",
            ),
        ),
        migrations.AlterConstraint(
            model_name="donor",
            name="donor_member_since_after_1919",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("ilo_member_since__isnull", True), ("ilo_member_since__gte", 1919), _connector="OR"
                ),
                name="donor_member_since_after_1919",
                violation_error_message="“ILO member since” cannot be before 1919, when the ILO was founded.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="donor",
            name="donor_founding_member_since_1919",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("founding_member", True), _negated=True),
                    ("ilo_member_since", 1919),
                    _connector="OR",
                ),
                name="donor_founding_member_since_1919",
                violation_error_message="A founding member joined in 1919: “ILO member since” must be 1919.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="odafigure",
            name="oda_figure_one_per_year",
            constraint=models.UniqueConstraint(
                fields=("donor", "year"),
                name="oda_figure_one_per_year",
                violation_error_message="The donor already has an ODA figure for this year.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="odafigure",
            name="oda_figure_amount_not_negative",
            constraint=models.CheckConstraint(
                condition=models.Q(("amount_usd__gte", 0)),
                name="oda_figure_amount_not_negative",
                violation_error_message="An amount cannot be negative.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="odafigure",
            name="oda_figure_gni_percent_range",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("gni_percent__isnull", True),
                    models.Q(("gni_percent__gte", 0), ("gni_percent__lte", 100)),
                    _connector="OR",
                ),
                name="oda_figure_gni_percent_range",
                violation_error_message="A share of gross national income is between 0 and 100 %.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="priorityarea",
            name="priority_area_unique_per_donor",
            constraint=models.UniqueConstraint(
                fields=("donor", "name"),
                name="priority_area_unique_per_donor",
                violation_error_message="The donor already has this priority area.",
            ),
        ),
    ]
