from django import forms
from django.utils.translation import gettext_lazy as _

from practice.numbers import day_validators
from volunteers.models import ServiceCategory

from .models import PlaceKind


class ProfileForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=None, required=False)
    vehicle = forms.CharField(label=_("Vehicle or kit"), max_length=200, required=False)
    phone = forms.CharField(label=_("Contact phone"), max_length=20, required=False)

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams


class MenuItemForm(forms.Form):
    name = forms.CharField(label=_("Service"), max_length=100)
    category = forms.ChoiceField(label=_("Category"), choices=ServiceCategory.choices)


class PlanForm(forms.Form):
    month = forms.CharField(label=_("Month"), max_length=7,
                            widget=forms.TextInput(attrs={"type": "month"}))
    copy_previous = forms.BooleanField(label=_("Copy last month's stops"), required=False,
                                       initial=True)
    note = forms.CharField(label=_("Note"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class StopForm(forms.Form):
    date = forms.DateField(label=_("Date"), validators=day_validators(),
                           widget=forms.DateInput(attrs={"type": "date"}))
    starts_at = forms.TimeField(label=_("Starts at"),
                                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    ends_at = forms.TimeField(label=_("Ends at"),
                              widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    place_kind = forms.ChoiceField(label=_("Kind of place"), choices=PlaceKind.choices)
    village = forms.ModelChoiceField(label=_("Village"), queryset=None)
    group = forms.CharField(label=_("Group (组), if only one"), max_length=50, required=False)
    place = forms.CharField(label=_("Place"), max_length=120)
    services = forms.ModelMultipleChoiceField(label=_("Services it brings"), queryset=None,
                                              required=False,
                                              widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, villages, menu, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages
        self.fields["services"].queryset = menu


class RecordForm(forms.Form):
    people_served = forms.IntegerField(label=_("People served"), min_value=0,
                                       max_value=100_000)
    activity_title = forms.CharField(label=_("Activity held (title), if any"), max_length=120,
                                     required=False)
    activity_unit = forms.ChoiceField(
        label=_("Activity held by"), required=False,
        choices=[("post", _("The mobile post")), ("village", _("The village"))])
    note = forms.CharField(label=_("Note"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, menu=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.menu = list(menu)
        for item in self.menu:
            self.fields[f"given_{item.pk}"] = forms.IntegerField(
                label=item.name, min_value=0, max_value=100_000, required=False)

    def given(self) -> dict:
        return {item.pk: self.cleaned_data.get(f"given_{item.pk}") for item in self.menu
                if self.cleaned_data.get(f"given_{item.pk}") is not None}

    def given_fields(self):
        return [self[f"given_{item.pk}"] for item in self.menu]


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200)
