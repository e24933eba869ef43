from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "translations"
    verbose_name = _("Translations")

    def ready(self):
        from rosetta.signals import entry_changed

        from practice.navigation import register
        from practice.roles import Role

        from . import services

        # A string a translator saves in rosetta is reviewed (or no longer, when they leave it
        # fuzzy or empty).
        entry_changed.connect(services.rosetta_entry_changed,
                              dispatch_uid="translations.rosetta_entry_changed")
        register(label=_("Translations review"), url_name="translations:index",
                 roles={Role.BANNER_ADMIN}, order=895)
