app_name = "banquets"
urlpatterns: list = []
