"""Create the curated themes as taggit tags, so forms can offer them from day one."""

from django.db import migrations
from django.utils.text import slugify

# Frozen copy of core.vocabulary.CURATED_THEMES at the time of this migration.
CURATED_THEMES = (
    "wonen",
    "zorg en welzijn",
    "energie",
    "groen",
    "cultuur",
    "economie",
    "jeugd",
    "ouderen",
    "inclusie",
    "voedsel",
    "mobiliteit",
    "veiligheid",
    "sport",
    "onderwijs",
    "armoede",
    "participatie",
    "duurzaamheid",
    "buurt en ontmoeting",
    "gezondheid",
    "werk",
)


def create(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    for name in CURATED_THEMES:
        Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_load_municipalities"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
