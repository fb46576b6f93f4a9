"""Recompute every initiative's Dutch search terms (after changing the analysis)."""

import time

from django.core.management.base import BaseCommand

from initiatieven import services
from initiatieven.models import Initiative
from netwerkplatform.core.search.suggest import clear_vocabulary


class Command(BaseCommand):
    help = "Recompute the stored search terms of all initiatives."

    def handle(self, *args, **options):
        started = time.perf_counter()
        ids = list(Initiative.objects.values_list("pk", flat=True))
        services.initiative_search_refresh(ids=ids)
        clear_vocabulary()
        self.stdout.write(
            f"{len(ids)} initiatives indexed in {time.perf_counter() - started:.1f} s"
        )
