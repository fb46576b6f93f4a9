from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MozaiekConfig(AppConfig):
    name = "initiatieven.mozaiek"
    label = "mozaiek"
    verbose_name = _("Network mosaic")

    def ready(self) -> None:
        # Dashboard block, personal data and demo data (see core.registry).
        # Imported in ready(): these modules use the models, loaded only after this file.
        from initiatieven.mozaiek import blocks, demo  # noqa: F401
