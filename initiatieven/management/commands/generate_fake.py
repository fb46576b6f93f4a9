"""`manage.py generate_fake --initiatives N --organisations M --schemes K --seed S`."""

import time

from django.core.management.base import BaseCommand

from initiatieven.fake import generate


class Command(BaseCommand):
    help = "Add deterministic, realistic-looking Dutch initiatives, organisations and schemes."

    def add_arguments(self, parser):
        parser.add_argument("--initiatives", type=int, default=1000)
        parser.add_argument("--organisations", type=int, default=100)
        parser.add_argument("--schemes", type=int, default=200)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        started = time.monotonic()
        counts = generate(
            initiatives=options["initiatives"],
            organisations=options["organisations"],
            schemes=options["schemes"],
            seed=options["seed"],
        )
        took = time.monotonic() - started
        self.stdout.write(
            f"generated {counts['initiatives']} initiatives, "
            f"{counts['organisations']} organisations, {counts['schemes']} schemes in {took:.1f}s"
        )
