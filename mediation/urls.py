from django.urls import path

from practice.language import bilingual

from . import views

app_name = "mediation"

urlpatterns = [
    # staff (Chinese)
    path("cases/", views.case_list, name="cases"),
    path("cases/new/", views.case_new, name="case-new"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/session/", views.case_session, name="case-session"),
    path("cases/<int:pk>/close/", views.case_close, name="case-close"),
    path("cases/<int:pk>/hand-over/", views.case_hand_over, name="case-hand-over"),
    path("mediators/", views.mediator_list, name="mediators"),
    path("mediators/new/", views.mediator_new, name="mediator-new"),
    path("mediators/<int:pk>/end/", views.mediator_end, name="mediator-end"),
    path("figures/", views.counts, name="counts"),
    # the mediator's own cases, on a phone: in Mongolian for whoever chose it
    path("mine/", bilingual(views.mine), name="mine"),
    path("mine/<int:pk>/", bilingual(views.mine_case), name="mine-case"),
    path("mine/<int:pk>/session/", bilingual(views.mine_case_session),
         name="mine-case-session"),
    path("mine/<int:pk>/close/", bilingual(views.mine_case_close), name="mine-case-close"),
]
