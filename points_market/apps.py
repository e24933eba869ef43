from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PointsMarketConfig(AppConfig):
    name = "points_market"
    verbose_name = _("Points supermarket")
