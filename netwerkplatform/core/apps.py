from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "netwerkplatform.core"
    label = "core"
    verbose_name = _("People and places")

    def ready(self) -> None:
        # Register core's own dashboard/home blocks and demo people (see core.registry).
        # Imported in ready(): these modules use the models, loaded only after this file.
        from netwerkplatform.core import blocks, demo  # noqa: F401
        from netwerkplatform.core.search import core_sources  # noqa: F401
