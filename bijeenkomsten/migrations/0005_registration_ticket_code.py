import secrets

from django.db import migrations, models

import bijeenkomsten.models


def fill_ticket_codes(apps, schema_editor):
    """Each existing registration gets its own secret (a column default would give
    every row the same one)."""
    Registration = apps.get_model("bijeenkomsten", "Registration")
    batch = []
    for registration in Registration.objects.only("pk").iterator(chunk_size=1000):
        registration.ticket_code = secrets.token_urlsafe(24)
        batch.append(registration)
        if len(batch) == 1000:
            Registration.objects.bulk_update(batch, ["ticket_code"])
            batch = []
    Registration.objects.bulk_update(batch, ["ticket_code"])


class Migration(migrations.Migration):
    dependencies = [
        ("bijeenkomsten", "0004_naming_invitation_host_series_consent"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="ticket_code",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(fill_ticket_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="registration",
            name="ticket_code",
            field=models.CharField(
                default=bijeenkomsten.models._token, editable=False, max_length=64, unique=True
            ),
        ),
    ]
