"""Load the 12 provinces and 342 municipalities of CBS (1 January 2025).

The input is core/data/gemeenten.csv (code,naam,provincie). A later municipal
reorganisation gets its own migration that renames/merges rows, so references stay.
"""

import csv
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "gemeenten.csv"


def load(apps, schema_editor):
    Province = apps.get_model("core", "Province")
    Municipality = apps.get_model("core", "Municipality")
    with CSV_PATH.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    provinces = {}
    for name in sorted({row["provincie"] for row in rows}):
        provinces[name], _ = Province.objects.get_or_create(name=name, defaults={"slug": slugify(name)})
    for row in rows:
        Municipality.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["naam"],
                "slug": slugify(row["naam"].replace("'s-", "s-")),
                "province": provinces[row["provincie"]],
            },
        )


def unload(apps, schema_editor):
    apps.get_model("core", "Municipality").objects.all().delete()
    apps.get_model("core", "Province").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
