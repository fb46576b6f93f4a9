"""Load realistic Dutch demo data, idempotently (run it as often as you like).

Each app contributes through ``core.registry.register_demo_loader``; this command only
runs them in order and prints the demo logins, one per role.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from netwerkplatform.core import registry
from netwerkplatform.core.demo import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Load the demo data (people, initiatives, funds, events, ...) and print demo logins."

    def handle(self, *args, **options):
        logins: list[tuple[str, str]] = []
        for loader in registry.demo_loaders():
            with transaction.atomic():
                logins.extend(loader.load())
            self.stdout.write(f"  demo data loaded: {loader.key}")
        self.stdout.write(
            self.style.SUCCESS(f"\nDemo logins (password for all: {DEMO_PASSWORD})")
        )
        first_role = {}
        for role, email in logins:  # apps may name the same person again: keep the first role
            first_role.setdefault(email, role)
        logins = [(role, email) for email, role in first_role.items()]
        width = max((len(role) for role, _ in logins), default=0)
        for role, email in logins:
            self.stdout.write(f"  {role.ljust(width)}  {email}")
