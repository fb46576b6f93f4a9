from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MozaiekConfig(AppConfig):
    name = "initiatieven.mozaiek"
    label = "mozaiek"
    verbose_name = _("Network mosaic")
