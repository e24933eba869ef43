"""Benchmark support, active only with BENCH=1 (``bench/urls.py``, and the middleware that
``config/settings.py`` installs): floor views and a query-count header.

* ``/bench/floor/constant/``: a plain DRF view returning a constant (the framework's floor);
* ``/bench/floor/pk/``: one primary-key query (one database round trip);
* ``/bench/floor/stock-list/``: 20 households with their villages, as DRF's tutorial writes a
  list: a generic ``ListAPIView`` and stock ``ModelSerializer`` classes, with no
  authentication, no scope and no paging. Not a target to beat but a measure of the stack:
  what any list of model rows rendered by DRF's serializers costs before the platform adds
  anything to it;
* every response carries ``X-Query-Count``: the number of SQL queries the request made.
"""

from django.db import connection
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from practice.models import Household, Unit


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
        pk = int(request.GET.get("id", "1"))
        row = Household.objects.filter(pk=pk).values("id", "number", "head_name").first()
        return Response(row or {})


class _StockVillage(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "name", "level"]


class _StockHousehold(serializers.ModelSerializer):
    village = _StockVillage(read_only=True)

    class Meta:
        model = Household
        fields = ["id", "number", "head_name", "address", "phone", "village", "group",
                  "population", *Household.SPECIAL_FLAGS, "created_at"]


class StockListView(ListAPIView):
    """The households list's fields (``HouseholdSerializer``) through DRF's stock classes."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    pagination_class = None
    serializer_class = _StockHousehold
    queryset = Household.objects.select_related("village").order_by("id")[:20]

