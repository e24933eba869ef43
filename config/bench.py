"""Benchmark support, active only with BENCH=1: floor views and a query-count header.

* ``/bench/floor/constant/``: a plain DRF view returning a constant (the framework's floor);
* ``/bench/floor/pk/``: one primary-key query (one database round trip);
* every response carries ``X-Query-Count``: the number of SQL queries the request made.
"""

from django.db import connection
from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Query-Count"] = str(count)
        return response


class ConstantView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    def get(self, request):
        return Response({"ok": True, "value": 42})


class PrimaryKeyView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    def get(self, request):
        from practice.models import Household

        pk = int(request.GET.get("id", "1"))
        row = Household.objects.filter(pk=pk).values("id", "number", "head_name").first()
        return Response(row or {})


urlpatterns = [
    path("bench/floor/constant/", ConstantView.as_view()),
    path("bench/floor/pk/", PrimaryKeyView.as_view()),
]
