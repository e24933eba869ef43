"""Pages about text messages: each person's own switch, and the staff's list of recent
messages (with the console backend, how a demo reads the sign-in codes)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import sms
from .language import bilingual
from .models import SmsMessage
from .pages import roles_required
from .roles import STAFF_ROLES
from .services import sms_opt_out_set

RECENT = 100


@roles_required(*STAFF_ROLES)
def sms_log(request):
    """The latest messages to people of the staff member's subtree (all, for the banner)."""
    rows = list(SmsMessage.objects.for_user(request.user).order_by("-created_at")[:RECENT])
    for row in rows:
        row.shown = sms.shown_text(row)
    return render(request, "practice/sms_log.html", {"rows": rows, "recent": RECENT})


@login_required
def sms_settings(request):
    return render(request, "practice/sms_settings.html", {"opted_out": request.user.sms_opt_out})


@require_POST
@login_required
def sms_settings_save(request):
    opt_out = request.POST.get("sms") != "on"
    sms_opt_out_set(user=request.user, opt_out=opt_out)
    messages.success(request, _("Text messages turned off.") if opt_out
                     else _("Text messages turned on."))
    return redirect("sms:settings")


app_name = "sms"
urlpatterns = [
    path("", sms_log, name="log"),
    # A villager's own switch: in Mongolian for whoever chose it.
    path("settings/", bilingual(sms_settings), name="settings"),
    path("settings/save/", bilingual(sms_settings_save), name="settings-save"),
]
