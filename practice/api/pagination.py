import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connections
from django.db.models import QuerySet
from django.utils.functional import cached_property
from rest_framework.pagination import CursorPagination, PageNumberPagination

from practice import counts

# What a sliced query adds to its SQL on every backend the project runs on.
_LIMIT = re.compile(r"\s+LIMIT\s+\d+(?:\s+OFFSET\s+\d+)?\s*$", re.IGNORECASE)


class CountKeptPaginator(Paginator):
    """Django's paginator, fetching the page before the total.

    A page with room to spare tells the total itself (the rows before it and its own); a full
    page takes the total kept for its query (:mod:`practice.counts`), keyed by the SQL the page
    was just read with, so the query is not compiled a second time to name it. A kept total is
    never shown smaller than the rows the page has just read.
    """

    def page(self, number):
        queryset = self.object_list
        if self.orphans or not isinstance(queryset, QuerySet):
            return super().page(number)
        number = self._page_number(number)
        bottom = (number - 1) * self.per_page
        seen: list = []

        def first_query(execute, sql, params, many, context):
            if not seen:
                seen.append((sql, params))
            return execute(sql, params, many, context)

        with connections[queryset.db].execute_wrapper(first_query):
            rows = list(queryset[bottom:bottom + self.per_page])
        if not rows and (number > 1 or not self.allow_empty_first_page):
            raise EmptyPage(self.error_messages["no_results"])
        if "count" not in self.__dict__:
            if len(rows) < self.per_page:
                self.count = bottom + len(rows)
            else:
                key = None
                if seen:
                    sql, found = _LIMIT.subn("", seen[0][0])
                    key = counts.query_key(sql, seen[0][1]) if found else None
                self.count = max(counts.count(queryset, key), bottom + len(rows))
        return self._get_page(rows, number, self)

    def _page_number(self, number) -> int:
        """Django's check of a page number, short of comparing it with the total."""
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number

    @cached_property
    def count(self):
        if isinstance(self.object_list, QuerySet):
            return counts.count(self.object_list)
        return super().count


class StandardPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    django_paginator_class = CountKeptPaginator


class NewestFirstCursorPagination(CursorPagination):
    """For large, growing lists (ledgers, orders): deep pages cost what the first does."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = "-id"
