"""Read-only admin views of ratings, honours and evaluations.

Changes go through the staff pages and the API (honours/services.py), which enforce the
approval flow, the notice period and the frozen results; the admin only shows them, scoped.
"""

from django.contrib import admin

from practice.admin_base import ScopedAdmin

from .models import Honour, SatisfactionEvaluation, StarEvaluation


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
    list_display = ["person_name", "kind", "village", "year", "certificate_no"]
    list_filter = ["year", "kind"]
    search_fields = ["person_name", "certificate_no"]
    list_select_related = ["village"]


@admin.register(SatisfactionEvaluation)
class SatisfactionEvaluationAdmin(ReadOnlyScopedAdmin):
    list_display = ["title", "village", "year", "status", "satisfaction_rate", "no_quorum",
                    "closed_at"]
    list_filter = ["year", "status"]
    list_select_related = ["village"]
