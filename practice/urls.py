from django.urls import path

from . import roster_views, views
from .language import bilingual

app_name = "practice"
urlpatterns = [
    path("households/door-cards/", views.door_card_sheets, name="door-cards"),
    path("h/<str:token>/", bilingual(views.door), name="door"),
    # The household roster: import, export, a household's phones (practice/rosters.py).
    path("households/import/", roster_views.household_import, name="household-import"),
    path("households/import/template.xlsx", roster_views.household_import_template,
         name="household-import-template"),
    path("households/export.xlsx", roster_views.household_export, name="household-export"),
    path("households/import/<int:pk>/", roster_views.household_import_detail,
         name="household-import-detail"),
    path("households/import/<int:pk>/confirm/", roster_views.household_import_confirm,
         name="household-import-confirm"),
    path("households/<int:pk>/", roster_views.household_page, name="household"),
    path("households/<int:pk>/phones/", roster_views.household_phone_add,
         name="household-phone-add"),
    path("households/<int:pk>/phone/", roster_views.household_phone_change,
         name="household-phone-change"),
]
