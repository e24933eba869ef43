from django.urls import path

from practice.language import bilingual

from . import views

app_name = "outreach"
# The villager's next visit is bilingual (practice.language.bilingual); the staff pages stay
# Chinese.
urlpatterns = [
    path("", views.post_list, name="posts"),
    path("posts/<int:pk>/", views.post_detail, name="post"),
    path("posts/<int:pk>/rounds/new/", views.round_new, name="round-new"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("stops/<int:pk>/", views.stop_detail, name="stop"),
    path("next-visit/", bilingual(views.next_visit), name="next-visit"),
]
