"""What `make bench` measures. Each endpoint names its floor for the ratio column.

``ids`` names a list that :func:`prepare` builds (the ids substituted for ``{id}`` in turn), so
that writes such as a deposit or an acceptance never hit the same row twice.
"""

FLOOR_CONSTANT = "floor: DRF constant"
FLOOR_PK = "floor: one pk query"

ENDPOINTS = [
    {"name": FLOOR_CONSTANT, "method": "GET", "path": "/bench/floor/constant/"},
    {"name": FLOOR_PK, "method": "GET", "path": "/bench/floor/pk/?id={id}", "ids": "households"},
    {"name": "units list", "method": "GET", "path": "/api/units/", "user": "admin",
     "floor": FLOOR_PK},
    {"name": "households list p1", "method": "GET", "path": "/api/households/",
     "user": "town1", "floor": FLOOR_PK},
    {"name": "household detail", "method": "GET", "path": "/api/households/{id}/",
     "user": "admin", "ids": "households", "floor": FLOOR_PK},
]

# (name, function(db_url, manage) -> dict) measured once per scale, outside wrk.
SCALE_TASKS: list = []


def prepare(base, db_url, token_for, http):
    """Log the bench users in and collect the ids the endpoints iterate over."""
    import subprocess

    out = subprocess.run(
        ["psql", db_url, "-tAc", "SELECT id FROM practice_household ORDER BY id LIMIT 2000"],
        check=True, text=True, capture_output=True,
    ).stdout.split()
    return {"tokens": {}, "households": [int(x) for x in out]}
