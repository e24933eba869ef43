"""Admin of the kinds of honour (the banner edits them), and read-only views of ratings,
honours, the moral review council's opinions and evaluations.

Changes of those go through the staff pages and the API (honours/services.py), which enforce the
approval flow, the notice period and the frozen results; the admin only shows them, scoped.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from practice.admin_base import ScopedAdmin
from practice.exceptions import DomainError
from practice.roles import Role

from . import services
from .models import Honour, HonourKind, MoralReview, SatisfactionEvaluation, StarEvaluation

BANNER_ADMIN = frozenset({Role.BANNER_ADMIN})


@admin.register(HonourKind)
class HonourKindAdmin(ScopedAdmin):
    """The banner adds kinds (好媳妇, 好婆婆 …), renames and reorders them; a code never changes,
    and the kinds the rules rely on (fixed) or that have been awarded are never deleted."""

    list_display = ["name", "name_mn", "code", "order", "is_fixed"]
    list_editable = ["order"]
    fields = ["code", "name", "name_mn", "order", "is_fixed"]
    add_roles = change_roles = delete_roles = BANNER_ADMIN
    actions = None  # no bulk delete: each deletion is checked on its own

    def get_readonly_fields(self, request, obj=None):
        return ["is_fixed"] if obj is None else ["code", "is_fixed"]

    def save_model(self, request, obj, form, change):
        try:
            if change:
                services.honour_kind_update(obj, actor=request.user, name=obj.name,
                                            name_mn=obj.name_mn, order=obj.order)
            else:
                saved = services.honour_kind_create(actor=request.user, code=obj.code,
                                                    name=obj.name, name_mn=obj.name_mn,
                                                    order=obj.order)
                obj.pk = saved.pk
        except DomainError as exc:
            raise PermissionDenied(str(exc.message)) from exc

    def delete_view(self, request, object_id, extra_context=None):
        kind = HonourKind.objects.filter(pk=object_id).first()
        if kind is not None and request.method == "POST":
            try:
                services.honour_kind_delete(kind, actor=request.user)
            except DomainError as exc:
                self.message_user(request, str(exc.message), messages.ERROR)
                return redirect(reverse("admin:honours_honourkind_change", args=[kind.pk]))
            self.message_user(request, str(kind.name), messages.SUCCESS)
            return redirect(reverse("admin:honours_honourkind_changelist"))
        if kind is not None and kind.is_fixed:
            self.message_user(request, str(services.fixed_kind_message(kind)), messages.ERROR)
            return redirect(reverse("admin:honours_honourkind_change", args=[kind.pk]))
        return super().delete_view(request, object_id, extra_context)


class ReadOnlyScopedAdmin(ScopedAdmin):
    add_roles = frozenset()
    change_roles = frozenset()
    delete_roles = frozenset()

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]


@admin.register(StarEvaluation)
class StarEvaluationAdmin(ReadOnlyScopedAdmin):
    list_display = ["household", "village", "year", "star_count", "status", "proposed_at"]
    list_filter = ["year", "status"]
    search_fields = ["household__number", "household__head_name"]
    household_search = "household"  # number, head, any of its phones
    list_select_related = ["household", "village"]


@admin.register(Honour)
class HonourAdmin(ReadOnlyScopedAdmin):
    list_display = ["person_name", "kind", "village", "year", "status", "campaign",
                    "certificate_no"]
    list_filter = ["year", "status", "kind"]
    search_fields = ["person_name", "certificate_no"]
    list_select_related = ["village", "kind", "campaign"]


@admin.register(MoralReview)
class MoralReviewAdmin(ReadOnlyScopedAdmin):
    list_display = ["village", "evaluation", "proposal_round", "honour", "opinion", "member",
                    "at"]
    list_filter = ["opinion"]
    list_select_related = ["village", "evaluation__household", "honour__kind", "member"]


@admin.register(SatisfactionEvaluation)
class SatisfactionEvaluationAdmin(ReadOnlyScopedAdmin):
    list_display = ["title", "village", "year", "status", "satisfaction_rate", "no_quorum",
                    "closed_at"]
    list_filter = ["year", "status"]
    list_select_related = ["village"]
