"""The content version's one-row table (kernel/versioning.py), formerly the `ilopartners` app's.

Its one row is a random token, renewed by any change, so nothing is copied: the old table is
dropped where an earlier install has it, and the first read makes a new row.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(max_length=32)),
                ("next_change", models.DateTimeField(blank=True, null=True)),
                ("checked", models.BooleanField(default=False)),
            ],
            options={"default_permissions": ()},
        ),
        migrations.RunSQL("DROP TABLE IF EXISTS ilopartners_contentversion", migrations.RunSQL.noop),
    ]
