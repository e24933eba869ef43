from django import forms
from django.utils.translation import gettext_lazy as _

from practice.language import local_name

from .models import Canteen, Kind, Occasion, Rule
from .rules import BookingRequest
from .selectors import today
from .services import latest_booking_date


class BookingForm(forms.Form):
    canteen = forms.ModelChoiceField(queryset=Canteen.objects.none(),
                                     label=_("contract canteen"), empty_label=None)
    occasion = forms.ChoiceField(choices=Occasion.choices, label=_("occasion"))
    kind = forms.ChoiceField(choices=Kind.choices, label=_("kind"))
    date = forms.DateField(label=_("date"), widget=forms.DateInput(attrs={"type": "date"}))
    tables = forms.IntegerField(label=_("tables"), min_value=1, max_value=999)
    dishes_per_table = forms.IntegerField(label=_("dishes per table"), min_value=1,
                                          max_value=99)
    gift_limit = forms.IntegerField(label=_("gift money limit (yuan)"), min_value=0,
                                    max_value=1_000_000)
    formal_meals = forms.IntegerField(label=_("formal meals"), min_value=1, max_value=9,
                                      initial=1)
    guests = forms.IntegerField(label=_("estimated guests"), min_value=1, max_value=100_000,
                                required=False)

    def __init__(self, *args, user, **kwargs):
        # The page writes each label itself (book.html): no suffix to look up in any language.
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["canteen"].queryset = Canteen.objects.for_user(user).filter(
            is_active=True).select_related("village")
        # In the reader's language: the Mongolian name in the Mongolian interface, if any.
        self.fields["canteen"].label_from_instance = local_name
        self.fields["date"].widget.attrs.update(min=today().isoformat(),
                                                max=latest_booking_date().isoformat())
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("data-field", name)
            if isinstance(field, forms.IntegerField):
                field.widget.attrs.setdefault("inputmode", "numeric")

    def booking_request(self) -> BookingRequest:
        d = self.cleaned_data
        return BookingRequest(occasion=d["occasion"], kind=d["kind"], date=d["date"],
                              tables=d["tables"], dishes_per_table=d["dishes_per_table"],
                              gift_limit=d["gift_limit"], formal_meals=d["formal_meals"])


class ViolationForm(forms.Form):
    household_number = forms.CharField(label=_("household number"), max_length=32)
    event_date = forms.DateField(label=_("event date"),
                                 widget=forms.DateInput(attrs={"type": "date"}))
    rule = forms.ChoiceField(choices=Rule.choices, label=_("rule broken"))
    description = forms.CharField(label=_("description"), widget=forms.Textarea(
        attrs={"rows": 3}))
    support_withheld_until = forms.DateField(
        label=_("committee support withheld until"),
        widget=forms.DateInput(attrs={"type": "date"}))
