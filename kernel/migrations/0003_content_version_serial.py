from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("kernel", "0002_content_slice"),
    ]

    operations = [
        migrations.AddField(
            model_name="contentversion",
            name="serial",
            field=models.BigIntegerField(default=0),
        ),
    ]
