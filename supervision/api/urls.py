from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("supervised-tasks", views.SupervisedTaskViewSet, basename="supervised-task")

urlpatterns = router.urls
