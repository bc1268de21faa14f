"""The seed's seminar page told its programme three times: the speakers in order, a "Programme" list in
the description, and the report. The description as loaded from the seed loses its copy of the list
(the report keeps its text)."""

from django.db import migrations

OLD_TEXT = "The SSE is gaining growing attention in the world as a way to address global challenges such as poverty, crises, inequality, and decent work deficits. Although Japan has a long history of cooperatives, the SSE is relatively unfamiliar as a framework in the country. Against this backdrop, the event aimed to raise awareness on the SSE in Japan and discuss its potential for the development context.\n\nThe SSE Research Group of the Japan Society for International Development (JASID), Solidaridad Japan and the ILO Office for Japan held the seminar on 2 December 2022 at the JTUC-RENGO Hall, prior to the JASID 33rd National Conference. About 100 academics, co-operators, government officials and trade unionists attended, with English–Japanese simultaneous interpretation, remotely as well as in person.\n\n## Programme\n\n1. **Opening remarks:** Mr. Shinichi Takasaki, Director, ILO Office for Japan\n2. **Presentation:** Ms. Simel Esim, Programme Manager, Enterprises Department, ILO Geneva\n3. **Presentation, the Wor-Q initiative:** Ms. Yukari Nishino, Japanese Trade Union Confederation (JTUC-RENGO)\n4. **Questions and answers**\n5. **Closing remarks:** Prof. Koyu Furusawa, on behalf of the JASID SSE Research Group\n\nDuring the Q and A session, one of the discussion points was how to raise awareness on the SSE in Japan. Ms. Esim emphasized the value in establishing a network for the enhancement of the discussion on the SSE, and added that sharing SSE good practices from other countries would also be helpful to encourage SSE promotion.\n"
NEW_TEXT = "The SSE is gaining growing attention in the world as a way to address global challenges such as poverty, crises, inequality, and decent work deficits. Although Japan has a long history of cooperatives, the SSE is relatively unfamiliar as a framework in the country. Against this backdrop, the event aimed to raise awareness on the SSE in Japan and discuss its potential for the development context.\n\nThe SSE Research Group of the Japan Society for International Development (JASID), Solidaridad Japan and the ILO Office for Japan held the seminar on 2 December 2022 at the JTUC-RENGO Hall, prior to the JASID 33rd National Conference. About 100 academics, co-operators, government officials and trade unionists attended, with English–Japanese simultaneous interpretation, remotely as well as in person.\n"


def say_it_once(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    Event.objects.filter(slug="decent-work-sse-seminar-2022", description=OLD_TEXT).update(
        description=NEW_TEXT
    )


def say_it_again(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    Event.objects.filter(slug="decent-work-sse-seminar-2022", description=NEW_TEXT).update(
        description=OLD_TEXT
    )


class Migration(migrations.Migration):
    dependencies = [("events", "0007_unique_places")]

    operations = [migrations.RunPython(say_it_once, say_it_again)]
