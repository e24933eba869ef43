"""`make bench` charges each request with the CPU time of the app, the database and the cache
(bench/run.py), read from /proc before and after a load run."""

import os
import shutil

import pytest

from bench.run import cpu_per_request, cpu_seconds


def test_each_group_is_charged_what_its_processes_used_per_request():
    before = {("app", "11"): 1.0, ("db", "21"): 0.5}
    after = {("app", "11"): 1.5, ("app", "12"): 0.25, ("db", "21"): 0.7, ("cache", "31"): 0.02}
    assert cpu_per_request(before, after, 100) == {"app": 7.5, "db": 2.0, "cache": 0.2}
    assert cpu_per_request(before, after, 0) == {"app": None, "db": None, "cache": None}


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_running_database_server_is_found():
    if not os.path.isdir("/proc"):
        pytest.skip("reads /proc (Linux)")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = str(cursor.fetchone()[0])
        before = cpu_seconds()
        cursor.execute("SELECT count(*) FROM generate_series(1, 3000000)")
    after = cpu_seconds()
    assert ("db", backend) in before
    assert after[("db", backend)] > before[("db", backend)]


@pytest.mark.postgres
@pytest.mark.django_db
def test_each_run_measures_a_fresh_copy_of_the_seeded_database():
    """bench/run.py: a run's writes land in the copy, never in the seeded database, and the
    next run's copy starts again from the seeded rows."""
    from django.db import connection

    from bench import run

    if shutil.which("psql") is None:
        pytest.skip("needs the psql client")
    settings = connection.settings_dict
    host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    base = f"postgres://{settings['USER']}@{host}:{port}"
    seed, copy = f"bench_seed_{os.getpid()}", f"bench_copy_{os.getpid()}"
    original = run.PG
    run.PG = base
    try:
        run.psql(f'DROP DATABASE IF EXISTS "{seed}" WITH (FORCE)')
        run.psql(f'CREATE DATABASE "{seed}"')
        run.psql("CREATE TABLE rows (n int); INSERT INTO rows VALUES (1), (2)", seed)
        run.clone_database(seed, copy)
        run.psql("INSERT INTO rows VALUES (3)", copy)  # what a run writes
        assert run.psql("SELECT count(*) FROM rows", copy) == "3"
        assert run.psql("SELECT count(*) FROM rows", seed) == "2"
        run.clone_database(seed, copy)  # the next run
        assert run.psql("SELECT count(*) FROM rows", copy) == "2"
    finally:
        for name in (copy, seed):
            run.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        run.PG = original
