from datetime import timedelta

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from practice.language import local_name
from practice.models import mobile_validator
from practice.numbers import day_validators
from practice.text_input import SEARCH_MAX_LENGTH

from .models import (
    ActivityCategory,
    ActivityStatus,
    OrderStatus,
    PoliticalStatus,
    ServiceCategory,
    Team,
)
from .selectors import volunteer_label
from .services import PREFERRED_DAYS_AHEAD


class OrderForm(forms.Form):
    service_item = forms.TypedChoiceField(label=_("Service"), coerce=int)
    description = forms.CharField(label=_("What do you need?"), max_length=1000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    preferred_time = forms.DateTimeField(
        label=_("Preferred time"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=11, required=False,
                                    validators=[mobile_validator])
    use_banked_hours = forms.BooleanField(label=_("Use my household's banked hours"),
                                          required=False)

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = {i.pk: i for i in items}
        now = timezone.localtime()
        latest = now + timedelta(days=PREFERRED_DAYS_AHEAD)
        self.fields["preferred_time"].widget.attrs.update(
            min=now.strftime("%Y-%m-%dT%H:%M"), max=latest.strftime("%Y-%m-%dT%H:%M"))
        self.fields["service_item"].choices = [
            (i.pk, f"{local_name(i)}（{local_name(i.unit)}）") for i in items]


class AssistedOrderForm(OrderForm):
    household_number = forms.CharField(label=_("Household number"), max_length=32)

    field_order = ["household_number", "service_item", "description", "preferred_time",
                   "contact_phone"]

    def __init__(self, *args, households=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.households = households
        del self.fields["use_banked_hours"]

    def clean_household_number(self):
        number = self.cleaned_data["household_number"].strip()
        household = self.households.filter(number=number).select_related("village").first()
        if household is None:
            raise forms.ValidationError(_("No household with this number in your area."))
        return household


class DispatchForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none())
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args, teams=None, **kwargs):
        super().__init__(*args, **kwargs)
        if teams is not None:
            self.fields["team"].queryset = teams


class StaffFilterForm(forms.Form):
    search = forms.CharField(
        label=_("Find"), required=False, max_length=SEARCH_MAX_LENGTH,
        widget=forms.TextInput(attrs={
            "type": "search", "autocomplete": "off",
            "placeholder": _("Order or household number, name, phone")}))
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All"))] + list(OrderStatus.choices))
    village = forms.TypedChoiceField(label=_("Village"), required=False, coerce=int,
                                     empty_value=None)
    team = forms.TypedChoiceField(label=_("Team"), required=False, coerce=int,
                                  empty_value=None)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, villages=(), teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].choices = [("", _("All"))] + [(v.pk, v.name) for v in villages]
        self.fields["team"].choices = [("", _("All"))] + _teams_by_unit(teams)

    def has_filters(self) -> bool:
        """Whether the list is narrowed: some filter was given and every value is valid."""
        return self.is_valid() and bool(self.filter_data())

    def filter_data(self) -> QueryDict:
        """The checked values as :class:`~volunteers.filters.OrderFilter` parameters (the
        API's): the page and the API filter by one set of rules."""
        data = self.cleaned_data
        return _parameters(search=data["search"].strip(), status=data["status"],
                           village=data["village"], team=data["team"],
                           overdue="true" if data["overdue"] else None)


def _teams_by_unit(teams):
    """Team choices grouped under their units' names (teams of two villages may share a name);
    ``teams`` come ordered by unit."""
    groups = {}
    for team in teams:
        groups.setdefault(team.unit_id, (team.unit.name, []))[1].append((team.pk, team.name))
    return list(groups.values())


def _parameters(**values) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, value in values.items():
        if value not in (None, ""):
            query[name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return query


# --- practice activities ---------------------------------------------------------------------
def category_choices():
    """The activity categories of the table, in its order, named in the page's language."""
    return [(c.code, local_name(c)) for c in ActivityCategory.objects.all()]


def campaign_choices(campaigns):
    return [("", "---------")] + [(c.code, local_name(c)) for c in campaigns]


class ActivityForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None)
    category = forms.ChoiceField(label=_("Category"))
    campaign = forms.ChoiceField(label=_("Campaign"), required=False)
    title = forms.CharField(label=_("Title"), max_length=120)
    starts_at = forms.DateTimeField(
        label=_("Starts at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                         format="%Y-%m-%dT%H:%M"))
    ends_at = forms.DateTimeField(
        label=_("Ends at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                       format="%Y-%m-%dT%H:%M"))
    place = forms.CharField(label=_("Place"), max_length=120, required=False)
    teams = forms.ModelMultipleChoiceField(label=_("Organising teams"), queryset=None,
                                           required=False,
                                           widget=forms.SelectMultiple(attrs={"size": 6}))
    description = forms.CharField(label=_("Description"), max_length=4000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, units, teams, campaigns=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["teams"].queryset = teams
        self.fields["category"].choices = category_choices()
        self.fields["campaign"].choices = campaign_choices(campaigns)


class ActivityFilterForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), required=False)
    campaign = forms.ChoiceField(label=_("Campaign"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All"))] + ActivityStatus.choices)
    date_from = forms.DateField(label=_("From"), required=False, validators=day_validators(),
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, validators=day_validators(),
                              widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, campaigns=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All"))] + category_choices()
        self.fields["campaign"].choices = [("", _("All"))] + campaign_choices(campaigns)[1:]

    def filter_data(self) -> QueryDict:
        """The checked values as :class:`~volunteers.filters.ActivityFilter` parameters."""
        data = self.cleaned_data
        return _parameters(**{"category": data["category"], "campaign": data["campaign"],
                              "status": data["status"], "from": data["date_from"],
                              "to": data["date_to"]})


class AddHoursForm(forms.Form):
    volunteer = forms.TypedChoiceField(label=_("Volunteer"), coerce=int)
    hours = forms.DecimalField(label=_("Hours"), max_digits=5, decimal_places=2, min_value=0.25,
                               max_value=24)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, volunteers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].choices = [(v.pk, volunteer_label(v)) for v in volunteers]


class PhotoForm(forms.Form):
    image = forms.FileField(label=_("Photo"),
                            widget=forms.ClearableFileInput(attrs={"accept": "image/*"}))
    caption = forms.CharField(label=_("Caption"), max_length=120, required=False)


class UncheckedMultipleChoiceField(forms.MultipleChoiceField):
    """Checkboxes whose values the service checks (a team of another village, a team gone)."""

    def validate(self, value):
        """Nothing to check here: the service checks each value and names the one it refuses."""


class ApplicationForm(forms.Form):
    """The phone page's application form. Nothing is required here: the service checks every
    field and its messages are shown beside them, the same as the API's."""

    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    phone = forms.CharField(label=_("Mobile phone"), max_length=40, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "tel",
                                                          "autocomplete": "tel"}))
    teams = UncheckedMultipleChoiceField(label=_("Teams to join"), required=False,
                                         widget=forms.CheckboxSelectMultiple)
    service_categories = forms.MultipleChoiceField(
        label=_("Kinds of service you can offer"), required=False,
        choices=ServiceCategory.choices, widget=forms.CheckboxSelectMultiple)
    skills = forms.CharField(label=_("Skills"), max_length=1000, required=False,
                             help_text=_("For example: haircuts, repairs, first aid, singing."))
    free_time = forms.CharField(label=_("When you are free"), max_length=1000, required=False,
                                help_text=_("For example: after work hours, weekends."))
    employer = forms.CharField(
        label=_("Employer"), max_length=1000, required=False,
        help_text=_("Cadres, teachers, police officers and doctors: your work unit."))
    political_status = forms.ChoiceField(
        label=_("Political status"), required=False,
        choices=[("", "---------"), *PoliticalStatus.choices])

    def __init__(self, *args, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teams"].choices = [(str(t.pk), f"{local_name(t)}（{local_name(t.unit)}）")
                                        for t in teams]

