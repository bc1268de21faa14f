"""Organisations (from the donors app) and people (from the events app) move to an app of their own.

Only Django's idea of the models moves: the tables keep their names (`donors_organisation`,
`events_person` and their history tables), with their rows, constraints and full-text indexes. The
content types move with them, so staff permissions and admin log entries follow.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

MOVED = [
    ("donors", "organisation"),
    ("donors", "historicalorganisation"),
    ("events", "person"),
    ("events", "historicalperson"),
]


def move_content_types(apps, schema_editor, forwards=True):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for old_app, model in MOVED:
        old, new = (old_app, "organisations") if forwards else ("organisations", old_app)
        if not ContentType.objects.using(db).filter(app_label=new, model=model).exists():
            ContentType.objects.using(db).filter(app_label=old, model=model).update(app_label=new)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, forwards=False)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("donors", "0003_full_text"),
        ("events", "0003_full_text"),
        ("projects", "0003_full_text"),
        ("taxonomy", "0002_reference_data"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Organisation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "source_note",
                            models.TextField(
                                blank=True,
                                help_text="Where in the source the facts come from, and how conflicts were settled.",
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True, db_index=True)),
                        (
                            "slug",
                            models.SlugField(
                                help_text="The record's address on the site.", max_length=120, unique=True
                            ),
                        ),
                        (
                            "publication_status",
                            models.CharField(
                                choices=[("draft", "Draft"), ("published", "Published")],
                                db_index=True,
                                default="draft",
                                max_length=10,
                            ),
                        ),
                        (
                            "published_at",
                            models.DateTimeField(
                                blank=True,
                                db_index=True,
                                help_text="Set when first published; may be in the future.",
                                null=True,
                            ),
                        ),
                        ("name", models.CharField(max_length=200)),
                        ("acronym", models.CharField(blank=True, max_length=40)),
                        (
                            "type",
                            models.CharField(
                                choices=[
                                    ("10", "Government"),
                                    ("11", "Local Government"),
                                    ("15", "Other Public Sector"),
                                    ("21", "International NGO"),
                                    ("22", "National NGO"),
                                    ("23", "Regional NGO"),
                                    ("24", "Partner Country based NGO"),
                                    ("30", "Public Private Partnership"),
                                    ("40", "Multilateral"),
                                    ("60", "Foundation"),
                                    ("70", "Private Sector"),
                                    ("71", "Private Sector in Provider Country"),
                                    ("72", "Private Sector in Aid Recipient Country"),
                                    ("73", "Private Sector in Third Country"),
                                    ("80", "Academic, Training and Research"),
                                    ("90", "Other"),
                                ],
                                max_length=2,
                                verbose_name="IATI type",
                            ),
                        ),
                        (
                            "category",
                            models.CharField(
                                choices=[
                                    ("ministry", "Ministry or government"),
                                    ("agency", "Government agency"),
                                    ("company", "Company"),
                                    ("cooperative", "Cooperative"),
                                    ("trade-union", "Workers' organisation"),
                                    ("employers", "Employers' organisation"),
                                    ("ngo", "NGO"),
                                    ("academic", "Academic or research body"),
                                    ("un-fund", "UN fund or agency"),
                                    ("ilo", "ILO office or unit"),
                                    ("intergovernmental", "Intergovernmental organisation"),
                                    ("other", "Other"),
                                ],
                                max_length=20,
                            ),
                        ),
                        (
                            "iati_identifier",
                            models.CharField(
                                blank=True,
                                help_text="For example XM-DAC-41302.",
                                max_length=100,
                                verbose_name="IATI organisation identifier",
                            ),
                        ),
                        ("description", models.TextField(blank=True, help_text="Markdown.")),
                        ("website", models.URLField(blank=True)),
                        ("email", models.EmailField(blank=True, max_length=254)),
                        ("telephone", models.CharField(blank=True, max_length=60)),
                        ("fax", models.CharField(blank=True, max_length=60)),
                        ("address", models.TextField(blank=True)),
                        (
                            "country",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="organisations",
                                to="taxonomy.country",
                            ),
                        ),
                        (
                            "donor",
                            models.ForeignKey(
                                blank=True,
                                help_text="The donor profile this organisation's funding is counted under.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="organisations",
                                to="donors.donor",
                            ),
                        ),
                        (
                            "parent",
                            models.ForeignKey(
                                blank=True,
                                help_text="The body this one is part of (a department of the ILO, a group within a society).",
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="units",
                                to="organisations.organisation",
                            ),
                        ),
                        (
                            "source",
                            models.ForeignKey(
                                blank=True,
                                help_text="The document this record is taken from.",
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="taxonomy.source",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "donors_organisation",
                        "ordering": ["name"],
                        "permissions": [("publish_organisation", "Can publish and unpublish organisations")],
                        "abstract": False,
                    },
                ),
                migrations.CreateModel(
                    name="HistoricalPerson",
                    fields=[
                        (
                            "id",
                            models.BigIntegerField(
                                auto_created=True, blank=True, db_index=True, verbose_name="ID"
                            ),
                        ),
                        (
                            "source_note",
                            models.TextField(
                                blank=True,
                                help_text="Where in the source the facts come from, and how conflicts were settled.",
                            ),
                        ),
                        ("created_at", models.DateTimeField(blank=True, editable=False)),
                        ("updated_at", models.DateTimeField(blank=True, db_index=True, editable=False)),
                        (
                            "slug",
                            models.SlugField(help_text="The record's address on the site.", max_length=120),
                        ),
                        (
                            "publication_status",
                            models.CharField(
                                choices=[("draft", "Draft"), ("published", "Published")],
                                db_index=True,
                                default="draft",
                                max_length=10,
                            ),
                        ),
                        (
                            "published_at",
                            models.DateTimeField(
                                blank=True,
                                db_index=True,
                                help_text="Set when first published; may be in the future.",
                                null=True,
                            ),
                        ),
                        (
                            "honorific",
                            models.CharField(blank=True, help_text="Mr., Ms., Prof., Dr.", max_length=20),
                        ),
                        ("name", models.CharField(max_length=200)),
                        (
                            "position",
                            models.CharField(blank=True, help_text="Current position.", max_length=200),
                        ),
                        ("biography", models.TextField(blank=True, help_text="Markdown.")),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "source",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                help_text="The document this record is taken from.",
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="taxonomy.source",
                            ),
                        ),
                        (
                            "organisation",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="organisations.organisation",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical person",
                        "verbose_name_plural": "historical people",
                        "db_table": "events_historicalperson",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalOrganisation",
                    fields=[
                        (
                            "id",
                            models.BigIntegerField(
                                auto_created=True, blank=True, db_index=True, verbose_name="ID"
                            ),
                        ),
                        (
                            "source_note",
                            models.TextField(
                                blank=True,
                                help_text="Where in the source the facts come from, and how conflicts were settled.",
                            ),
                        ),
                        ("created_at", models.DateTimeField(blank=True, editable=False)),
                        ("updated_at", models.DateTimeField(blank=True, db_index=True, editable=False)),
                        (
                            "slug",
                            models.SlugField(help_text="The record's address on the site.", max_length=120),
                        ),
                        (
                            "publication_status",
                            models.CharField(
                                choices=[("draft", "Draft"), ("published", "Published")],
                                db_index=True,
                                default="draft",
                                max_length=10,
                            ),
                        ),
                        (
                            "published_at",
                            models.DateTimeField(
                                blank=True,
                                db_index=True,
                                help_text="Set when first published; may be in the future.",
                                null=True,
                            ),
                        ),
                        ("name", models.CharField(max_length=200)),
                        ("acronym", models.CharField(blank=True, max_length=40)),
                        (
                            "type",
                            models.CharField(
                                choices=[
                                    ("10", "Government"),
                                    ("11", "Local Government"),
                                    ("15", "Other Public Sector"),
                                    ("21", "International NGO"),
                                    ("22", "National NGO"),
                                    ("23", "Regional NGO"),
                                    ("24", "Partner Country based NGO"),
                                    ("30", "Public Private Partnership"),
                                    ("40", "Multilateral"),
                                    ("60", "Foundation"),
                                    ("70", "Private Sector"),
                                    ("71", "Private Sector in Provider Country"),
                                    ("72", "Private Sector in Aid Recipient Country"),
                                    ("73", "Private Sector in Third Country"),
                                    ("80", "Academic, Training and Research"),
                                    ("90", "Other"),
                                ],
                                max_length=2,
                                verbose_name="IATI type",
                            ),
                        ),
                        (
                            "category",
                            models.CharField(
                                choices=[
                                    ("ministry", "Ministry or government"),
                                    ("agency", "Government agency"),
                                    ("company", "Company"),
                                    ("cooperative", "Cooperative"),
                                    ("trade-union", "Workers' organisation"),
                                    ("employers", "Employers' organisation"),
                                    ("ngo", "NGO"),
                                    ("academic", "Academic or research body"),
                                    ("un-fund", "UN fund or agency"),
                                    ("ilo", "ILO office or unit"),
                                    ("intergovernmental", "Intergovernmental organisation"),
                                    ("other", "Other"),
                                ],
                                max_length=20,
                            ),
                        ),
                        (
                            "iati_identifier",
                            models.CharField(
                                blank=True,
                                help_text="For example XM-DAC-41302.",
                                max_length=100,
                                verbose_name="IATI organisation identifier",
                            ),
                        ),
                        ("description", models.TextField(blank=True, help_text="Markdown.")),
                        ("website", models.URLField(blank=True)),
                        ("email", models.EmailField(blank=True, max_length=254)),
                        ("telephone", models.CharField(blank=True, max_length=60)),
                        ("fax", models.CharField(blank=True, max_length=60)),
                        ("address", models.TextField(blank=True)),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "country",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="taxonomy.country",
                            ),
                        ),
                        (
                            "donor",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                help_text="The donor profile this organisation's funding is counted under.",
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="donors.donor",
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "source",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                help_text="The document this record is taken from.",
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="taxonomy.source",
                            ),
                        ),
                        (
                            "parent",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                help_text="The body this one is part of (a department of the ILO, a group within a society).",
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="organisations.organisation",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical organisation",
                        "verbose_name_plural": "historical organisations",
                        "db_table": "donors_historicalorganisation",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="Person",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "source_note",
                            models.TextField(
                                blank=True,
                                help_text="Where in the source the facts come from, and how conflicts were settled.",
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True, db_index=True)),
                        (
                            "slug",
                            models.SlugField(
                                help_text="The record's address on the site.", max_length=120, unique=True
                            ),
                        ),
                        (
                            "publication_status",
                            models.CharField(
                                choices=[("draft", "Draft"), ("published", "Published")],
                                db_index=True,
                                default="draft",
                                max_length=10,
                            ),
                        ),
                        (
                            "published_at",
                            models.DateTimeField(
                                blank=True,
                                db_index=True,
                                help_text="Set when first published; may be in the future.",
                                null=True,
                            ),
                        ),
                        (
                            "honorific",
                            models.CharField(blank=True, help_text="Mr., Ms., Prof., Dr.", max_length=20),
                        ),
                        ("name", models.CharField(max_length=200)),
                        (
                            "position",
                            models.CharField(blank=True, help_text="Current position.", max_length=200),
                        ),
                        ("biography", models.TextField(blank=True, help_text="Markdown.")),
                        (
                            "organisation",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="people",
                                to="organisations.organisation",
                            ),
                        ),
                        (
                            "source",
                            models.ForeignKey(
                                blank=True,
                                help_text="The document this record is taken from.",
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="taxonomy.source",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name_plural": "people",
                        "db_table": "events_person",
                        "ordering": ["name"],
                        "permissions": [("publish_person", "Can publish and unpublish people")],
                        "abstract": False,
                    },
                ),
                migrations.AddConstraint(
                    model_name="organisation",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("publication_status", "published"), _negated=True),
                            ("published_at__isnull", False),
                            _connector="OR",
                        ),
                        name="donors_organisation_published_has_time",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="organisation",
                    constraint=models.UniqueConstraint(
                        condition=models.Q(("iati_identifier", ""), _negated=True),
                        fields=("iati_identifier",),
                        name="organisation_unique_iati_identifier",
                        violation_error_message="Another organisation already has this IATI identifier.",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="person",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("publication_status", "published"), _negated=True),
                            ("published_at__isnull", False),
                            _connector="OR",
                        ),
                        name="events_person_published_has_time",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(move_content_types, move_content_types_back)],
        ),
    ]
