from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .models import Unit


@login_required
def home(request):
    """Each role's start page: its own links (contributed by the apps) and its place."""
    user = request.user
    context = {
        "unit": user.unit,
        "household": user.household,
        "subunit_count": (Unit.objects.for_user(user).count() if user.role != "villager" else None),
    }
    return render(request, "practice/home.html", context)
