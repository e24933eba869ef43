from django.core.paginator import Paginator
from django.utils.functional import cached_property
from rest_framework.pagination import CursorPagination, PageNumberPagination

from practice import counts


class CountKeptPaginator(Paginator):
    """Django's paginator with the total counted once per query and minute
    (:mod:`practice.counts`)."""

    @cached_property
    def count(self):
        if hasattr(self.object_list, "query"):
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
