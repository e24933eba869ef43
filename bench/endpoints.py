"""What `make bench` measures. Each endpoint names its floor for the ratio column.

``ids`` names a list in the context that :func:`prepare` (or an ``ids_from`` function run just
before the endpoint) fills; wrk substitutes them for ``{id}`` in turn, so that writes such as a
dispatch or an acceptance never hit the same row twice. ``{key}`` becomes a unique key per
request (used for ``Idempotency-Key``).
"""

import base64
import datetime
import json
import subprocess
import time

FLOOR_CONSTANT = "floor: DRF constant"
FLOOR_PK = "floor: one pk query"
# Not a floor to divide by but the stack's own figure for a list (bench/views.py): 20 rows
# through DRF's generic list and stock serializers, with no authentication, scope or paging.
STOCK_LIST = "stock DRF list, 20 rows"


def sql(db_url, query):
    out = subprocess.run(["psql", db_url, "-tAc", query], check=True, text=True,
                         capture_output=True).stdout
    return [line for line in out.split("\n") if line]


# Each write benchmark needs a fresh row per request: an order is dispatched or accepted once.
# The earlier phases leave fewer than a later one uses in its seconds (acceptance outruns the
# dispatch before it), so the stock is topped up by copying the newest such order in SQL: a
# request that met an order already taken would answer 409 and count as an error.
ORDER_STOCK = 5000


def _orders_in_stock(ctx, condition):
    db = ctx["db_url"]
    have = int(sql(db, f"SELECT count(*) FROM volunteers_order WHERE {condition}")[0])
    if have < ORDER_STOCK:
        columns = sql(db, "SELECT string_agg(quote_ident(column_name), ', ') FROM "
                          "information_schema.columns WHERE table_name = 'volunteers_order' "
                          "AND column_name <> 'id'")[0]
        sql(db, f"INSERT INTO volunteers_order ({columns}) SELECT {columns} FROM "
                f"volunteers_order, generate_series(1, {ORDER_STOCK - have}) WHERE id = "
                f"(SELECT max(id) FROM volunteers_order WHERE {condition})")
    return [int(x) for x in sql(db, f"SELECT id FROM volunteers_order WHERE {condition} "
                                    f"ORDER BY id DESC LIMIT {ORDER_STOCK}")]


def _submitted_orders(ctx):
    return _orders_in_stock(
        ctx, f"status = 'submitted' AND village_id = {ctx['station1_village']}")


def _dispatched_orders(ctx):
    return _orders_in_stock(ctx, f"status = 'dispatched' AND team_id = {ctx['team']}")


ENDPOINTS = [
    {"name": FLOOR_CONSTANT, "method": "GET", "path": "/bench/floor/constant/"},
    {"name": FLOOR_PK, "method": "GET", "path": "/bench/floor/pk/?id={id}", "ids": "households"},
    {"name": STOCK_LIST, "method": "GET", "path": "/bench/floor/stock-list/", "floor": FLOOR_PK},
    {"name": "units list", "method": "GET", "path": "/api/units/", "user": "admin",
     "floor": FLOOR_PK},
    {"name": "households list p1", "method": "GET", "path": "/api/households/",
     "user": "town1", "floor": FLOOR_PK},
    {"name": "household detail", "method": "GET", "path": "/api/households/{id}/",
     "user": "admin", "ids": "households", "floor": FLOOR_PK},
    {"name": "order create", "method": "POST", "path": "/api/orders/", "user": "villager1",
     "body": {"service_item": "{service_item}", "description": "家里电视坏了，请帮忙修理"},
     "floor": FLOOR_PK},
    {"name": "order list p1", "method": "GET", "path": "/api/orders/", "user": "admin",
     "floor": FLOOR_PK},
    {"name": "order list deep page", "method": "GET", "path": "/api/orders/?cursor={cursor}",
     "user": "admin", "floor": FLOOR_PK},
    # The newest orders are mostly the bench's own, still waiting (no team or volunteer to
    # show); finished orders compare a first page with a deep one of the same content.
    {"name": "finished orders p1", "method": "GET",
     "path": "/api/orders/?status=completed&status=rated", "user": "admin", "floor": FLOOR_PK},
    {"name": "finished orders deep page", "method": "GET",
     "path": "/api/orders/?status=completed&status=rated&cursor={cursor}", "user": "admin",
     "floor": FLOOR_PK},
    # One villager's orders (not the bench's ordering account): PostgreSQL once walked every
    # order of the network newest first to find their few.
    {"name": "a villager's orders", "method": "GET", "path": "/api/orders/",
     "user": "villager2", "floor": FLOOR_PK},
    # Lists whose cost once grew with the data behind them (every membership counted for a
    # page of teams; every activity read for one volunteer).
    {"name": "team list", "method": "GET", "path": "/api/teams/", "user": "admin",
     "floor": FLOOR_PK},
    {"name": "volunteer's activities", "method": "GET", "path": "/api/activities/",
     "user": "volunteer1", "floor": FLOOR_PK},
    {"name": "order detail", "method": "GET", "path": "/api/orders/{id}/", "user": "admin",
     "ids": "orders", "floor": FLOOR_PK},
    {"name": "order dispatch", "method": "POST", "path": "/api/orders/{id}/dispatch/",
     "user": "town1", "body": {"team": "{team}"}, "ids": "submitted",
     "ids_from": _submitted_orders, "floor": FLOOR_PK},
    {"name": "order accept", "method": "POST", "path": "/api/orders/{id}/accept/",
     "user": "volunteer1", "body": {}, "ids": "dispatched", "ids_from": _dispatched_orders,
     "floor": FLOOR_PK},
    {"name": "points deposit", "method": "POST", "path": "/api/points/deposits/",
     "user": "station1", "ids": "cashier_households", "floor": FLOOR_PK,
     "body": {"household": "{id}", "lines": [{"category": "{category}", "weight_jin": "10"}]}},
    {"name": "points redemption", "method": "POST", "path": "/api/points/redemptions/",
     "user": "station1", "ids": "cashier_households", "floor": FLOOR_PK,
     "body": {"household": "{id}", "lines": [{"product": "{product}", "quantity": 1}]}},
    {"name": "points household history", "method": "GET", "path": "/api/points/households/{id}/",
     "user": "station1", "ids": "cashier_households", "floor": FLOOR_PK},
    {"name": "banquet check", "method": "POST", "path": "/api/banquets/check/",
     "user": "villager1", "floor": FLOOR_PK,
     "body": {"canteen": "{canteen}", "occasion": "wedding", "kind": "banquet",
              "date": "{date}", "tables": 8, "dishes_per_table": 6, "gift_limit": 200}},
    {"name": "dashboard summary", "method": "GET", "path": "/api/dashboard/summary/?year={year}",
     "user": "leader", "floor": FLOOR_PK},
]


def _fill(value, ctx):
    """Replace ``{name}`` placeholders of the context (not {id} and {key}) in a body or path."""
    text = json.dumps(value) if not isinstance(value, str) else value
    for name in ("service_item", "team", "category", "product", "canteen", "date", "year",
                 "cursor"):
        placeholder = "{" + name + "}"
        if placeholder in text:
            replacement = str(ctx[name])
            # numbers lose their quotes so that the JSON carries ints
            text = text.replace(f'"{placeholder}"', replacement if replacement.isdigit()
                                else json.dumps(replacement)).replace(placeholder, replacement)
    return json.loads(text) if not isinstance(value, str) else text


def resolve(ep, ctx):
    """The endpoint with the context's values in place, and its ids."""
    ep = dict(ep)
    ep["path"] = _fill(ep["path"], ctx)
    if ep.get("body") is not None:
        ep["body"] = _fill(ep["body"], ctx)
    if ep.get("ids_from"):
        ctx[ep["ids"]] = ep["ids_from"](ctx)
    return ep


def prepare(base, db_url, token_for, http):
    """Log the bench users in and collect the ids the endpoints iterate over."""
    ctx = {"db_url": db_url, "tokens": {}}
    # Every user logs in before the first endpoint, so that no login falls inside a run.
    users = ["admin", "town1", "station1", "villager1", "volunteer1", "leader"]
    users += sorted({ep["user"] for ep in ENDPOINTS if ep.get("user")} - set(users))
    for user in users:
        ctx["tokens"][user] = token_for(base, user)
    ctx["households"] = [int(x) for x in sql(
        db_url, "SELECT id FROM practice_household ORDER BY id LIMIT 2000")]
    ctx["station1_village"] = int(sql(db_url, "SELECT unit_id FROM practice_user "
                                              "WHERE username = 'station1'")[0])
    ctx["cashier_households"] = [int(x) for x in sql(db_url, (
        "SELECT id FROM practice_household WHERE village_id = "
        f"{ctx['station1_village']} ORDER BY id"))]
    orders = [int(x) for x in sql(db_url, "SELECT id FROM volunteers_order ORDER BY id")]
    ctx["orders"] = orders[-2000:]
    # A cursor 90 % of the way down the newest-first list: a deep page.
    deep = orders[len(orders) // 10] if orders else 1
    ctx["cursor"] = base64.urlsafe_b64encode(f"p={deep}".encode()).decode()

    def first_id(user, path, key="id"):
        status, _headers, body = http(base, "GET", path, ctx["tokens"][user])
        rows = body["results"] if isinstance(body, dict) and "results" in body else body
        return rows[0][key]

    ctx["service_item"] = first_id("villager1", "/api/service-items/")
    status, _h, me = http(base, "GET", "/api/me/", ctx["tokens"]["volunteer1"])
    ctx["team"] = me["teams"][0]
    ctx["category"] = first_id("station1", "/api/points/prices/")
    products = http(base, "GET", "/api/points/products/", ctx["tokens"]["station1"])[2]
    products = products["results"] if isinstance(products, dict) else products
    cheapest = min(products, key=lambda p: p["points"])
    ctx["product"] = cheapest["id"]
    # Enough goods on the shelf that the redemption benchmark never runs out.
    sql(db_url, f"UPDATE points_market_product SET stock = 1000000 WHERE id = {ctx['product']}")
    ctx["canteen"] = first_id("villager1", "/api/banquets/canteens/")
    ctx["date"] = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    ctx["year"] = time.localtime().tm_year
    return ctx


def _monthly_report(db_url, manage):
    """Time the monthly report build for all townships, and its raw SQL run with psycopg2."""
    script = r'''
import json, time, datetime
import psycopg2
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.conf import settings
from reports.services import monthly_reports_build
today = datetime.date.today()
year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
with CaptureQueriesContext(connection) as ctx:
    t0 = time.perf_counter(); monthly_reports_build(year, month); seconds = time.perf_counter() - t0
selects = [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
db = settings.DATABASES["default"]
conn = psycopg2.connect(dbname=db["NAME"], user=db["USER"], host=db["HOST"], port=db["PORT"] or 5432)
cur = conn.cursor(); t0 = time.perf_counter()
for q in selects:
    cur.execute(q); cur.fetchall()
raw = time.perf_counter() - t0
print("JSON" + json.dumps({"seconds": round(seconds, 3), "queries": len(ctx.captured_queries),
      "raw_sql_seconds": round(raw, 3), "ratio_to_raw": round(seconds / raw, 2) if raw else None}))
'''
    out = manage(db_url, "shell", "-v", "0", "-c", script, capture=True).stdout
    return json.loads(next(ln for ln in out.splitlines() if ln.startswith("JSON"))[4:])


def _dashboard_cold(db_url, manage):
    """The dashboard's data with an empty cache — from its stored snapshot (cold), and computed
    from scratch with no snapshot at all — and the raw SQL of the computation run with psycopg2."""
    script = r'''
import json, time, datetime
import psycopg2
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.conf import settings
from practice.models import Unit, User
from reports.models import FigureSnapshot
from reports.selectors import dashboard_summary
leader = User.objects.get(username="leader")
banner = Unit.objects.get(level="banner")
year = datetime.date.today().year
FigureSnapshot.objects.all().delete(); cache.clear()
with CaptureQueriesContext(connection) as ctx:
    t0 = time.perf_counter(); dashboard_summary(banner, year=year, user=leader)
    scratch = time.perf_counter() - t0
cache.clear()
with CaptureQueriesContext(connection) as cold_ctx:
    t0 = time.perf_counter(); dashboard_summary(banner, year=year, user=leader)
    cold = time.perf_counter() - t0
selects = [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
db = settings.DATABASES["default"]
conn = psycopg2.connect(dbname=db["NAME"], user=db["USER"], host=db["HOST"], port=db["PORT"] or 5432)
cur = conn.cursor(); t0 = time.perf_counter()
for q in selects:
    cur.execute(q); cur.fetchall()
raw = time.perf_counter() - t0
print("JSON" + json.dumps({"cold_seconds": round(cold, 3), "cold_queries": len(cold_ctx.captured_queries),
      "from_scratch_seconds": round(scratch, 3), "from_scratch_queries": len(ctx.captured_queries),
      "raw_sql_seconds": round(raw, 3), "from_scratch_ratio_to_raw": round(scratch / raw, 2) if raw else None}))
'''
    out = manage(db_url, "shell", "-v", "0", "-c", script, capture=True).stdout
    return json.loads(next(ln for ln in out.splitlines() if ln.startswith("JSON"))[4:])


SCALE_TASKS = [("monthly report, all townships", _monthly_report),
               ("dashboard data, cold cache", _dashboard_cold)]
