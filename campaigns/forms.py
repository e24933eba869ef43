from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CampaignKind


class CampaignForm(forms.Form):
    """A campaign on the staff page; the service checks every value (its messages go beside
    the fields)."""

    code = forms.CharField(label=_("Code"), max_length=40,
                           help_text=_("Letters, digits, '-' and '_', e.g. xueleifeng-2027."))
    name = forms.CharField(label=_("Name"), max_length=100)
    name_mn = forms.CharField(label=_("Mongolian name"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=CampaignKind.choices)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None)
    starts_on = forms.DateField(label=_("Starts on"),
                                widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Ends on"), widget=forms.DateInput(attrs={"type": "date"}))
    remind_days_before = forms.IntegerField(label=_("Remind days before"), min_value=0,
                                            max_value=90)
    target = forms.CharField(label=_("Target"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), max_length=4000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
