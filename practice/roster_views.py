"""The household roster pages: upload → preview → confirm → progress, the template file, and a
household's page where staff add a phone or change the listed one (practice/rosters.py)."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import rosters
from .exceptions import DomainError
from .models import Household, HouseholdImport, Level
from .pages import roles_required
from .roles import STAFF_ROLES

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    village = forms.ModelChoiceField(
        queryset=None, required=False, label=gettext_lazy("Village"),
        empty_label=gettext_lazy("The whole area (village by the 嘎查村 column or the number)"))
    file = forms.FileField(label=gettext_lazy("Roster file (.xlsx)"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        villages = rosters.import_villages(user)
        field = self.fields["village"]
        field.queryset = villages
        field.label_from_instance = lambda u: u.full_name
        if user.unit_id and user.unit.level == Level.VILLAGE:
            # Station staff import into their own village only (the service says so too).
            field.empty_label = None
            field.initial = user.unit_id


class PhoneForm(forms.Form):
    phone = forms.CharField(label=gettext_lazy("Mobile phone"), max_length=20, required=False)


@roles_required(*STAFF_ROLES)
def household_import(request):
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            imp = rosters.household_import_create(
                actor=request.user, upload=form.cleaned_data["file"],
                village=form.cleaned_data["village"])
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        else:
            return redirect("practice:household-import-detail", pk=imp.pk)
    imports = (HouseholdImport.objects.for_user(request.user)
               .select_related("area", "actor").defer("rows", "preview")[:20])
    status = 400 if request.method == "POST" else 200
    return render(request, "practice/household_import.html",
                  {"form": form, "imports": imports}, status=status)


@roles_required(*STAFF_ROLES)
def household_import_template(request):
    response = HttpResponse(rosters.roster_template(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="household-roster-template.xlsx"'
    return response


@roles_required(*STAFF_ROLES)
def household_export(request):
    """The households of the caller's area (or of ``?village=``) as a roster file."""
    households = Household.objects.for_user(request.user)
    village = request.GET.get("village", "")
    if village:
        unit = get_object_or_404(rosters.import_villages(request.user),
                                 pk=village if village.isdigit() else 0)
        households = households.filter(village=unit)
    response = HttpResponse(rosters.roster_export(households), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="household-roster.xlsx"'
    return response


@roles_required(*STAFF_ROLES)
def household_import_detail(request, pk):
    imp = rosters.household_import_get(actor=request.user, pk=pk)
    busy = imp.state in (HouseholdImport.State.QUEUED, HouseholdImport.State.APPLYING)
    return render(request, "practice/household_import_detail.html", {
        "imp": imp, "preview": imp.preview or {}, "counts": (imp.preview or {}).get("counts", {}),
        "blocked": rosters.import_blocked(imp), "busy": busy,
        "progress": rosters.import_progress(imp),
        "hint": rosters.STATE_HINTS.get(imp.state, ""),
    })


@require_POST
@roles_required(*STAFF_ROLES)
def household_import_confirm(request, pk):
    imp = rosters.household_import_get(actor=request.user, pk=pk)
    try:
        rosters.household_import_confirm(imp, actor=request.user)
    except DomainError as exc:
        if exc.status_code in (403, 404):
            raise
        messages.error(request, str(exc.message))
    return redirect("practice:household-import-detail", pk=imp.pk)


@roles_required(*STAFF_ROLES)
def household_page(request, pk):
    household = get_object_or_404(
        Household.objects.for_user(request.user).select_related("village"), pk=pk)
    accounts = Paginator(rosters.household_accounts(household), 50).get_page(1)
    return render(request, "practice/household.html", {
        "household": household, "accounts": accounts,
        "add_form": PhoneForm(), "change_form": PhoneForm(initial={"phone": household.phone}),
        "flags": [label for label, flag in rosters.FLAG_BY_LABEL.items()
                  if getattr(household, flag)],
    })


def _phone_action(request, pk, service, done):
    household = get_object_or_404(Household.objects.for_user(request.user), pk=pk)
    form = PhoneForm(request.POST)
    if form.is_valid():
        try:
            service(household, phone=form.cleaned_data["phone"], actor=request.user)
        except DomainError as exc:
            if exc.status_code in (403, 404):
                raise
            messages.error(request, str(exc.message))
        else:
            messages.success(request, done)
    return redirect(reverse("practice:household", args=[household.pk]))


@require_POST
@roles_required(*STAFF_ROLES)
def household_phone_add(request, pk):
    return _phone_action(request, pk, rosters.household_phone_add,
                         _("The phone was added: it signs in with an SMS code."))


@require_POST
@roles_required(*STAFF_ROLES)
def household_phone_change(request, pk):
    return _phone_action(request, pk, rosters.household_phone_change,
                         _("The household's phone was changed."))
