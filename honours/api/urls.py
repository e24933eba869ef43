"""API routes of the ten-star rating, honours, satisfaction evaluations and the public board."""

from django.urls import path

from . import views as api

ev = api.StarEvaluationViewSet
sat = api.EvaluationViewSet
hon = api.HonourViewSet
kinds = api.HonourKindViewSet

urlpatterns = [
    path("households/<int:pk>/stars/", api.HouseholdStarsView.as_view(), name="household-stars"),
    path("star-evaluations/", ev.as_view({"get": "list"}), name="star-evaluation-list"),
    path("star-evaluations/<int:pk>/", ev.as_view({"get": "retrieve"}),
         name="star-evaluation-detail"),
    path("star-evaluations/<int:pk>/approve/", ev.as_view({"post": "approve"}),
         name="star-evaluation-approve"),
    path("star-evaluations/<int:pk>/return/", ev.as_view({"post": "send_back"}),
         name="star-evaluation-return"),
    path("star-evaluations/<int:pk>/review/", ev.as_view({"post": "review"}),
         name="star-evaluation-review"),
    path("star-evaluations/<int:pk>/finalize/", ev.as_view({"post": "finalize"}),
         name="star-evaluation-finalize"),
    path("star-evaluations/<int:pk>/objections/", ev.as_view({"post": "object"}),
         name="star-evaluation-object"),
    path("star-evaluations/<int:pk>/objections/<int:objection_pk>/answer/",
         ev.as_view({"post": "answer"}), name="star-objection-answer"),
    path("honours/", hon.as_view({"get": "list", "post": "create"}), name="honour-list"),
    path("honours/<int:pk>/", hon.as_view({"get": "retrieve"}), name="honour-detail"),
    path("honours/<int:pk>/award/", hon.as_view({"post": "award"}), name="honour-award"),
    path("honours/<int:pk>/decline/", hon.as_view({"post": "decline"}), name="honour-decline"),
    path("honours/<int:pk>/review/", hon.as_view({"post": "review"}), name="honour-review"),
    path("honour-kinds/", kinds.as_view({"get": "list", "post": "create"}),
         name="honour-kind-list"),
    path("honour-kinds/<int:pk>/",
         kinds.as_view({"get": "retrieve", "patch": "partial_update", "delete": "destroy"}),
         name="honour-kind-detail"),
    path("moral-review/", api.MoralReviewQueueView.as_view(), name="moral-review-queue"),
    path("evaluations/", sat.as_view({"get": "list", "post": "create"}), name="evaluation-list"),
    path("evaluations/<int:pk>/", sat.as_view({"get": "retrieve"}), name="evaluation-detail"),
    path("evaluations/<int:pk>/vote/", sat.as_view({"post": "vote"}), name="evaluation-vote"),
    path("evaluations/<int:pk>/close/", sat.as_view({"post": "close"}), name="evaluation-close"),
    # The whole list of an evaluation's representatives, unpaginated (also in the schema).
    path("evaluations/<int:pk>/representatives/",
         sat.as_view({"get": "representatives", "post": "add_representative"},
                     pagination_class=None),
         name="evaluation-representatives"),
    path("evaluations/<int:pk>/representatives/<int:rep_pk>/new-code/",
         sat.as_view({"post": "new_code"}), name="evaluation-new-code"),
    path("public/units/<int:pk>/board/", api.PublicBoardView.as_view(), name="public-board"),
]
