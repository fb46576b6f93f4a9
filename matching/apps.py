from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        # dates.registry registers the dates' blocks, demo data and tasks on import.
        # Imported in ready(): these modules use the models, loaded only after this file.
        from matching import blocks, signals
        from matching.dates import registry  # noqa: F401

        signals.connect()
        blocks.register()
