from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        # Celery's autodiscovery imports ``matching.tasks`` only, so the dates' tasks are
        # imported here to be registered in every process (the worker, and the web
        # process that sends them by name). dates.registry adds the dates' blocks,
        # sections and demo data to core's registries.
        from matching import blocks, signals
        from matching.dates import registry, tasks  # noqa: F401

        signals.connect()
        blocks.register()
