from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiatievenConfig(AppConfig):
    name = "initiatieven"
    verbose_name = _("Initiatives, funds and partners")

    def ready(self) -> None:
        # Contribute to core's pages (dashboard, home, privacy, demo data); see core.registry.
        # Imported in ready(): these modules use the models, loaded only after this file.
        from initiatieven import blocks, demo, search_sections  # noqa: F401
