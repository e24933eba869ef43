"""The floor views ``make bench`` compares every endpoint with; included only with BENCH=1."""

from django.urls import path

from bench import views

urlpatterns = [
    path("bench/floor/constant/", views.ConstantView.as_view()),
    path("bench/floor/pk/", views.PrimaryKeyView.as_view()),
    path("bench/floor/stock-list/", views.StockListView.as_view()),
]
