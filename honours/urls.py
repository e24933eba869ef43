"""Pages of the notice board, certificates, phone voting and the staff's honours pages."""

from django.urls import path

from practice.language import bilingual

from . import views

app_name = "honours"

urlpatterns = [
    path("", bilingual(views.board_index), name="index"),
    path("mine/", bilingual(views.my_board), name="my-board"),
    path("units/<int:pk>/", bilingual(views.board), name="board"),
    path("units/<int:pk>/certificates/<int:honour_pk>/", bilingual(views.certificate),
         name="certificate"),
    path("objections/<int:pk>/", bilingual(views.board_objection), name="board-objection"),
    path("vote/<int:pk>/", bilingual(views.vote), name="vote"),
    path("review/", bilingual(views.review), name="review"),
    path("stars/", views.stars, name="stars"),
    path("stars/<int:pk>/<int:year>/", views.household_stars, name="household-stars"),
    path("honours/", views.honours, name="honours"),
    path("evaluations/", views.evaluations, name="evaluations"),
    path("evaluations/<int:pk>/", views.evaluation, name="evaluation"),
]
