"""The framework rolls each aggregation up the unit tree (village → township → banner)."""

import pytest

from practice.indicators import DISTINCT, MEAN, MEDIAN, RATIO, SUM, Period, evaluate

pytestmark = pytest.mark.django_db

CASES = [
    # agg, leaves by unit name, expected (banner, t1, t2, v11, v12, v21)
    (SUM, {"v11": 3, "v12": 4, "v21": 5, "b111": 1}, (13, 8, 5, 4, 4, 5)),
    (MEAN, {"v11": (10, 2), "v12": (20, 3), "v21": (0, 0)}, (6.0, 6.0, None, 5.0, 6.67, None)),
    (RATIO, {"v11": (1, 4), "v12": (3, 4), "v21": (1, 3)}, (45.5, 50.0, 33.3, 25.0, 75.0, 33.3)),
    (MEDIAN, {"v11": [1, 9], "v12": [4], "v21": [2, 4, 100]},
     (4.0, 4.0, 4.0, 5.0, 4.0, 4.0)),
    (DISTINCT, {"v11": {1, 2}, "v12": {2, 3}, "v21": {3}}, (3, 3, 1, 2, 2, 1)),
]


@pytest.mark.parametrize(("agg", "leaves", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_aggregation_rolls_up(net, registry, agg, leaves, expected):
    by_id = {getattr(net, name).pk: value for name, value in leaves.items()}
    registry.register("test.rollup", label="roll-up", unit="x", agg=agg)(lambda period: by_id)
    units = [net.banner, net.t1, net.t2, net.v11, net.v12, net.v21]
    got = evaluate(Period.month(2025, 1), units, ["test.rollup"])
    assert tuple(got[u.pk]["test.rollup"] for u in units) == expected
