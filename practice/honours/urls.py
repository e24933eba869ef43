"""Pages of the notice board, certificates, phone voting and the staff's honours pages."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from practice.navigation import register
from practice.roles import READER_ROLES, STAFF_ROLES, Role

from . import views

app_name = "honours"

urlpatterns = [
    path("", views.board_index, name="index"),
    path("mine/", views.my_board, name="my-board"),
    path("units/<int:pk>/", views.board, name="board"),
    path("units/<int:pk>/certificates/<int:honour_pk>/", views.certificate, name="certificate"),
    path("objections/<int:pk>/", views.board_objection, name="board-objection"),
    path("vote/<int:pk>/", views.vote, name="vote"),
    path("stars/", views.stars, name="stars"),
    path("stars/<int:pk>/<int:year>/", views.household_stars, name="household-stars"),
    path("honours/", views.honours, name="honours"),
    path("evaluations/", views.evaluations, name="evaluations"),
    path("evaluations/<int:pk>/", views.evaluation, name="evaluation"),
]

# Home-page links. ``practice``'s AppConfig.ready is the natural place; until the lead moves
# them there, registering when the URLconf loads (before any page renders) has the same effect.
_PAGES = STAFF_ROLES | READER_ROLES
register(label=_("Ten-star households"), url_name="honours:stars", roles=_PAGES, order=60)
register(label=_("Honours"), url_name="honours:honours", roles=_PAGES, order=61)
register(label=_("Satisfaction evaluations"), url_name="honours:evaluations", roles=_PAGES,
         order=62)
register(label=_("Notice board"), url_name="honours:my-board", roles=set(Role), order=63)
