from django.urls import path

from practice.language import bilingual

from . import views

app_name = "points_market"

urlpatterns = [
    path("cashier/", views.cashier, name="cashier"),
    path("cashier/households/<int:pk>/", views.cashier_household, name="counter"),
    path("cashier/offline/", views.counter_offline, name="counter-offline"),
    path("cashier/station.json", views.station_data, name="station-data"),
    path("cashier/households/<int:pk>/deposit/", views.cashier_deposit, name="deposit"),
    path("cashier/households/<int:pk>/redeem/", views.cashier_redeem, name="redeem"),
    path("deposits/<int:pk>/receipt/", bilingual(views.deposit_receipt), name="deposit-receipt"),
    path("redemptions/<int:pk>/receipt/", bilingual(views.redemption_receipt),
         name="redemption-receipt"),
    path("my/", bilingual(views.my_points), name="my-points"),
    path("supermarkets/", views.supermarket_list, name="supermarkets"),
    path("supermarkets/<int:pk>/poster/", bilingual(views.poster), name="poster"),
    path("statistics/", views.statistics, name="statistics"),
]
