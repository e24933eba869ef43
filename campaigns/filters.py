"""The query-string filter the lists of what may belong to a campaign share (activities,
service items, honours)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Campaign


def campaign_filter():
    """``?campaign=<code>``: the rows that belong to that campaign."""
    return django_filters.ModelChoiceFilter(
        queryset=Campaign.objects.all(), to_field_name="code", label=_("campaign"),
        help_text=_("The campaign's code."))
