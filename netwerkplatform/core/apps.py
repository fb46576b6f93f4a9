from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "netwerkplatform.core"
    label = "core"
    verbose_name = _("People and places")

    def ready(self) -> None:
        from netwerkplatform.core import blocks  # noqa: F401 - registers core's own blocks
