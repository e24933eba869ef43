from django.urls import path

from practice.language import bilingual

from . import views

app_name = "institutions"

# Bilingual (practice.language.bilingual): the pages villagers, council members and the public
# read; the rest are staff pages, in Chinese.
urlpatterns = [
    path("", views.index, name="index"),
    path("mine/", bilingual(views.mine), name="mine"),
    path("villages/<int:pk>/", views.village, name="village"),
    path("villages/<int:pk>/councils/", views.council_setup, name="council-setup"),
    path("compact/<int:pk>/", bilingual(views.compact), name="compact"),
    path("compact/<int:pk>/new/", views.compact_new, name="compact-new"),
    path("councils/<int:pk>/", bilingual(views.council), name="council"),
    path("councils/<int:pk>/<str:verb>/", views.council_action, name="council-action"),
]
