from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BijeenkomstenConfig(AppConfig):
    name = "bijeenkomsten"
    verbose_name = _("Events")

    def ready(self) -> None:
        # Contribute blocks, personal data and demo data to core's pages (core.registry).
        # Imported in ready(): these modules use the models, loaded only after this file.
        from bijeenkomsten import blocks, demo, search_sections  # noqa: F401
