app_name = "points_market"
urlpatterns: list = []
