from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BanquetsConfig(AppConfig):
    name = "banquets"
    verbose_name = _("Contract canteen")
