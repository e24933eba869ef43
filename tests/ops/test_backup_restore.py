"""`make backup` and `make restore`: a dump restored into a fresh database holds the same data."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.db import connection

from points_market.services import deposit_record
from tests.conftest import skip_or_fail
from tests.points_market.conftest import make_market

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

TABLES = ["practice_unit", "practice_household", "practice_user", "points_market_entry",
          "points_market_account"]


def url_of(name):
    s = connection.settings_dict
    user = s.get("USER") or "postgres"
    return f"postgres://{user}@{s.get('HOST') or '127.0.0.1'}:{s.get('PORT') or 5432}/{name}"


def figures(db_url):
    queries = [f"SELECT count(*) FROM {t}" for t in TABLES]
    queries += ["SELECT coalesce(sum(points), 0) FROM points_market_entry",
                "SELECT coalesce(sum(balance), 0) FROM points_market_account"]
    out = []
    for q in queries:
        result = subprocess.run(["psql", db_url, "-tAc", q], capture_output=True, text=True,
                                check=True)
        out.append(result.stdout.strip())
    return out


def test_a_backup_restores_into_a_fresh_database_with_the_same_rows_and_sums(net, tmp_path):
    for tool in ("pg_dump", "pg_restore", "psql", "make"):
        if not shutil.which(tool):
            skip_or_fail(f"needs {tool}")
    market = make_market(net)
    for household in (net.h11, net.h11):
        deposit_record(household, actor=net.township_staff,
                       lines=[{"category": market.newspaper, "weight_jin": "12.5"}])
    source = url_of(connection.settings_dict["NAME"])
    dump = tmp_path / "civic.dump"
    subprocess.run(["make", "-s", "backup", f"BACKUP={dump}"], cwd=ROOT, check=True,
                   env={"PATH": "/usr/bin:/bin:/usr/local/bin", "DATABASE_URL": source},
                   capture_output=True)
    assert dump.stat().st_size > 0

    fresh = f"{connection.settings_dict['NAME']}_restore"
    admin = url_of("postgres")
    subprocess.run(["psql", admin, "-qc", f'DROP DATABASE IF EXISTS "{fresh}"'], check=True)
    subprocess.run(["psql", admin, "-qc", f'CREATE DATABASE "{fresh}"'], check=True)
    try:
        subprocess.run(["make", "-s", "restore", f"BACKUP={dump}"], cwd=ROOT, check=True,
                       env={"PATH": "/usr/bin:/bin:/usr/local/bin",
                            "DATABASE_URL": url_of(fresh)}, capture_output=True)
        before, after = figures(source), figures(url_of(fresh))
        assert after == before
        assert before[TABLES.index("points_market_entry")] == "2"
    finally:
        subprocess.run(["psql", admin, "-qc", f'DROP DATABASE IF EXISTS "{fresh}"'], check=True)
