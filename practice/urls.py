from django.urls import path

from . import roster_views

app_name = "practice"

urlpatterns = [
    path("import/", roster_views.household_import, name="household-import"),
    path("import/template.xlsx", roster_views.household_import_template,
         name="household-import-template"),
    path("export.xlsx", roster_views.household_export, name="household-export"),
    path("import/<int:pk>/", roster_views.household_import_detail,
         name="household-import-detail"),
    path("import/<int:pk>/confirm/", roster_views.household_import_confirm,
         name="household-import-confirm"),
    path("<int:pk>/", roster_views.household_page, name="household"),
    path("<int:pk>/phones/", roster_views.household_phone_add, name="household-phone-add"),
    path("<int:pk>/phone/", roster_views.household_phone_change, name="household-phone-change"),
]
