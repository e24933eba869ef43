"""Moved to ``bench/views.py`` (views, middleware) and ``bench/urls.py`` (routes).

Kept only so that ``tests/platform/test_bench_floors.py``, which imports ``StockListView`` from
here, keeps passing until it imports from ``bench.views``; then delete this file."""

from bench.views import StockListView

__all__ = ["StockListView"]
