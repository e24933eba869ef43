"""Which strings of the Mongolian catalogues a person has reviewed.

Rosetta's "fuzzy" flag cannot say it: a compiled catalogue leaves fuzzy strings out, and a
string nobody has looked at is not fuzzy either. One row per string (language, catalogue,
context, message id) holds the translation the reviewer approved, who and when; the string
counts as reviewed while the catalogue's translation is still that one (translations/selectors.py).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Review(models.Model):
    class Via(models.TextChoices):
        ROSETTA = "rosetta", _("Saved in the translation editor")
        PAGE = "page", _("Marked on the review page")

    key = models.CharField(max_length=64, unique=True, editable=False)
    language = models.CharField(_("language"), max_length=16)
    catalogue = models.CharField(_("catalogue"), max_length=255,
                                 help_text=_("Path of the .po file inside the project."))
    msgctxt = models.TextField(_("context"), blank=True, default="")
    msgid = models.TextField(_("message"))
    msgstr = models.TextField(_("approved translation"),
                              help_text=_("Plural forms are kept as a JSON list."))
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"),
                                    null=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(_("reviewed at"), default=timezone.now)
    via = models.CharField(_("how"), max_length=16, choices=Via.choices)

    class Meta:
        verbose_name = _("reviewed string")
        verbose_name_plural = _("reviewed strings")
        permissions = [("translator", _("May review translations"))]
        indexes = [models.Index(fields=["language", "catalogue"])]

    def __str__(self):
        return f"{self.catalogue}: {self.msgid[:40]}"
