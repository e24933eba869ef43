"""`make bench`: serve the platform with gunicorn on PostgreSQL and drive it with wrk.

For each scale (seed_demo --scale 1 and --scale 10, seeded once; each run measures a fresh
copy of the seeded database, so that runs start from the same rows) it starts gunicorn
(2 × cores + 1 workers) on 127.0.0.1, measures every endpoint of bench/endpoints.py with wrk
from a second process (8 connections), and prints one table — requests per second, p50 and p95
latency, errors, database queries per request, the ratio to the endpoint's floor, and where a
request's machine time went (CPU milliseconds per request of the gunicorn workers, PostgreSQL
and Redis, read from /proc) — also written to bench/results/latest.md and latest.json.

Usage: python -m bench.run [--scales 1,10] [--seconds 5] [--connections 8]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.endpoints import ENDPOINTS, SCALE_TASKS, prepare, resolve

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PORT = int(os.environ.get("BENCH_PORT", "8765"))
# The shared cache and broker of a real deployment (a Redis database of the bench's own).
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
WORKERS = 2 * (os.cpu_count() or 1) + 1  # gunicorn's sync workers
PASSWORD = "Bench-password-2026"  # noqa: S105 (demo accounts of a throw-away database)

LUA = r"""
local ids = {IDS}
local counter = 0
local method, path_t, body_t = "{METHOD}", "{PATH}", {BODY}
local threads = {THREADS}
wrk.headers["Content-Type"] = "application/json"
{HEADERS}
local next_tid = 0
setup = function(thread)
  next_tid = next_tid + 1
  thread:set("tid", next_tid)  -- a global of that thread's Lua state
end
init = function(args)
  math.randomseed(os.time() * 1000 + tid)
end
request = function()
  counter = counter + 1
  -- Threads take interleaved ids, so no two requests touch the same row.
  local index = ((counter - 1) * threads + (tid - 1)) % #ids + 1
  local id = tostring(ids[index])
  local key = tostring(tid) .. "-" .. tostring(counter) .. "-" .. tostring(math.random(1, 1e9))
  local path = string.gsub(path_t, "{id}", id)
  local body = nil
  if body_t then
    body = string.gsub(string.gsub(body_t, "{id}", id), "{key}", key)
    wrk.headers["Idempotency-Key"] = key
  end
  return wrk.format(method, path, nil, body)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT {\"requests\": %d, \"duration_us\": %d, \"p50_us\": %d, \"p95_us\": %d, " ..
    "\"errors\": %d, \"non2xx\": %d}\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""


# Processes whose CPU time a request is charged with, by the name /proc gives them.
CPU_GROUPS = {"app": "gunicorn", "db": "postgres", "cache": "redis-server"}


def cpu_seconds() -> dict:
    """CPU seconds (user + system) used so far by each running process of ``CPU_GROUPS``,
    by (group, pid). Linux only: elsewhere, empty."""
    found = {}
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    for pid in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as fh:
                stat = fh.read()
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                command = fh.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # gone meanwhile
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        for group, marker in CPU_GROUPS.items():
            if marker in name or (group == "app" and marker in command):
                found[(group, pid)] = (int(fields[11]) + int(fields[12])) / tick
    return found


def cpu_per_request(before: dict, after: dict, requests: int) -> dict:
    """Milliseconds of CPU per request by group, between two :func:`cpu_seconds` readings
    (processes that exited in between are not counted; the bench's keep theirs open)."""
    totals = dict.fromkeys(CPU_GROUPS, 0.0)
    for (group, pid), seconds in after.items():
        totals[group] += seconds - before.get((group, pid), 0.0)
    return {group: round(total / requests * 1000, 2) if requests else None
            for group, total in totals.items()}


def env_for(db_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=db_url, DEBUG="0", SECRET_KEY="bench-" + "k" * 50, BENCH="1",
        ALLOWED_HOSTS="127.0.0.1,localhost", SECURE_SSL_REDIRECT="0", SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0", SECURE_HSTS_SECONDS="0", DEMO_PASSWORD=PASSWORD,
        CONN_MAX_AGE="600", LOG_LEVEL="WARNING", AXES_FAILURE_LIMIT="1000", REDIS_URL=REDIS,
        # One cache namespace per database: the scales share the Redis server, and cached
        # figures, totals and counts of one database must not answer for the other.
        CACHE_PREFIX="bench-" + db_url.rsplit("/", 1)[-1],
    )
    env.pop("PYTEST_VERSION", None)
    return env


def manage(db_url: str, *args, capture=False):
    cmd = [sys.executable, "manage.py", *args]
    return subprocess.run(cmd, cwd=ROOT, env=env_for(db_url), check=True, text=True,
                          capture_output=capture)


def psql(sql: str, db: str = "postgres") -> str:
    out = subprocess.run(["psql", f"{PG}/{db}", "-tAc", sql], check=True, text=True,
                         capture_output=True)
    return out.stdout.strip()


def ensure_database(scale: int) -> str:
    """The database a run measures: a fresh copy of the scale's seeded database.

    A run adds thousands of orders, ledger lines and bookings; measured on the database of the
    run before, each run's pages held other rows than the last one's (a page of finished
    orders walked past every order the earlier runs had placed), so runs did not compare.
    The seeded database stays as seeded and each run starts from a copy of it.
    """
    seed = ensure_seed(scale)
    name = f"civic_bench_{scale}"
    t0 = time.monotonic()
    clone_database(seed, name)
    print(f"  copied {seed} to {name} in {time.monotonic() - t0:.0f} s")
    return f"{PG}/{name}"


def clone_database(template: str, name: str) -> None:
    """``name`` made anew as a copy of ``template`` (which no one may be connected to)."""
    psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    psql(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')


def ensure_seed(scale: int) -> str:
    """The database seeded with ``seed_demo --scale``: built once, then migrated and topped up
    (``seed_demo --force`` adds what a newer loader makes) before each run."""
    name = f"civic_bench_{scale}_seed"
    url = f"{PG}/{name}"
    exists = psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"
    if exists:
        try:
            ready = psql("SELECT value FROM bench_marker LIMIT 1", name)
        except subprocess.CalledProcessError:
            ready = ""
        if ready == "seeded":
            print(f"· scale {scale}: reusing database {name} (migrate + seed_demo top-up)")
            manage(url, "migrate", "--noinput", "-v0")
            manage(url, "seed_demo", "--scale", str(scale), "--force")
            psql("ANALYZE", name)
            return name
        psql(f'DROP DATABASE "{name}"')
    print(f"· scale {scale}: building database {name} (migrate + seed_demo --scale {scale})")
    psql(f'CREATE DATABASE "{name}"')
    manage(url, "migrate", "--noinput", "-v0")
    t0 = time.monotonic()
    manage(url, "seed_demo", "--scale", str(scale), "--force")
    print(f"  seeded in {time.monotonic() - t0:.0f} s")
    psql("CREATE TABLE bench_marker (value text); INSERT INTO bench_marker VALUES ('seeded')",
         name)
    psql("VACUUM ANALYZE", name)
    return name


class Server:
    def __init__(self, db_url: str):
        import socket

        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", PORT)) == 0:
                raise RuntimeError(f"port {PORT} is taken: stop what listens there (BENCH_PORT)")
        self.proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "--workers",
             str(WORKERS), "--bind", f"127.0.0.1:{PORT}", "--log-level", "warning"],
            cwd=ROOT, env=env_for(db_url), start_new_session=True,
        )
        self.base = f"http://127.0.0.1:{PORT}"
        for _ in range(120):
            if self.proc.poll() is not None:
                raise RuntimeError("gunicorn exited at start")
            try:
                urllib.request.urlopen(self.base + "/bench/floor/constant/", timeout=5)  # noqa: S310
                return
            except OSError:  # not listening yet, or still booting its workers
                time.sleep(0.5)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def stop(self):
        os.killpg(self.proc.pid, signal.SIGTERM)
        self.proc.wait(timeout=30)


def http(base, method, path, token=None, body=None, key=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)  # noqa: S310
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Token {token}")
    if key:
        req.add_header("Idempotency-Key", key)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310
            return resp.status, resp.headers, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read().decode(errors="replace")[:300]


def token_for(base, username):
    status, _headers, body = http(base, "POST", "/api/auth/token/",
                                  body={"username": username, "password": PASSWORD})
    if status != 200:
        raise RuntimeError(f"login {username}: {status} {body}")
    return body["token"]


def run_wrk(base, ep, token, ids, seconds, connections):
    headers = f'wrk.headers["Authorization"] = "Token {token}"' if token else ""
    body = json.dumps(json.dumps(ep["body"])) if ep.get("body") is not None else "nil"
    threads = min(2, connections)
    script = (LUA.replace("{IDS}", "{" + ",".join(str(i) for i in ids) + "}")
              .replace("{METHOD}", ep["method"]).replace("{PATH}", ep["path"])
              .replace("{BODY}", body).replace("{HEADERS}", headers)
              .replace("{THREADS}", str(threads)))
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(script)
    out = subprocess.run(
        ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "-s", fh.name,
         base + "/"], capture_output=True, text=True, check=True,
    ).stdout
    os.unlink(fh.name)
    line = next(ln for ln in out.splitlines() if ln.startswith("RESULT "))
    r = json.loads(line[len("RESULT "):])
    return {
        "rps": round(r["requests"] / (r["duration_us"] / 1e6), 1),
        "p50_ms": round(r["p50_us"] / 1000, 2),
        "p95_ms": round(r["p95_us"] / 1000, 2),
        "errors": r["errors"] + r["non2xx"],
        "requests": r["requests"],
    }


def flush_redis():
    """Start every scale with an empty cache and queue (no worker consumes the bench's tasks)."""
    import redis

    redis.Redis.from_url(REDIS).flushdb()


def measure_scale(scale, seconds, connections):
    db_url = ensure_database(scale)
    flush_redis()
    server = Server(db_url)
    rows = {}
    try:
        base = server.base
        ctx = prepare(base, db_url, token_for, http)
        # Every worker serves its first pages, as a server that has run for a while long has:
        # the probes below count the queries of a warm worker, whichever worker answers them.
        for warm in ("/api/orders/", "/api/teams/", "/api/service-items/"):
            run_wrk(base, {"method": "GET", "path": warm}, ctx["tokens"]["admin"], [1], 1,
                    connections)
        for ep in ENDPOINTS:
            ep = resolve(ep, ctx)
            token = ctx["tokens"].get(ep.get("user")) if ep.get("user") else None
            if ep.get("user") and token is None:
                ctx["tokens"][ep["user"]] = token = token_for(base, ep["user"])
            ids = ctx.get(ep.get("ids", ""), [1]) or [1]
            first_id = ids[0]
            path = ep["path"].replace("{id}", str(first_id))
            body = ep.get("body")
            # A key of this run's own: a key an earlier run used on a reused database would
            # be answered from its stored reply, with that reply's (smaller) query count.
            probe_key = f"probe-{scale}-{ep['name']}-{time.time_ns()}"
            if body is not None:
                body = json.loads(json.dumps(body).replace("{id}", str(first_id))
                                  .replace("{key}", probe_key))
            # Reads are probed once more than there are workers (so that one worker answers
            # twice) and the smallest count is kept: the count of a request like those of the
            # run (figures already in the cache), not of a worker's very first one.
            counts = []
            for _probe in range(WORKERS + 1 if ep["method"] == "GET" else 1):
                status, headers, _ = http(base, ep["method"], path, token, body,
                                          key=probe_key if body else None)
                counts.append(int(headers.get("X-Query-Count", "-1")) if headers else -1)
            queries = min(counts)
            before = cpu_seconds()
            result = run_wrk(base, ep, token, ids[1:] or ids, seconds, connections)
            result.update(queries=queries, probe_status=status,
                          cpu_ms=cpu_per_request(before, cpu_seconds(), result["requests"]))
            rows[ep["name"]] = result
            print(f"  {ep['name']:<34} {result['rps']:>8} rps  p50 {result['p50_ms']:>6} ms  "
                  f"p95 {result['p95_ms']:>6} ms  q {queries:>3}  err {result['errors']}  "
                  f"cpu {_cpu_cell(result)}")
        for name, task in SCALE_TASKS:
            rows[name] = task(db_url, manage)
            print(f"  {name:<34} {rows[name]}")
    finally:
        server.stop()
    return rows


def _cpu_cell(result) -> str:
    cpu = result.get("cpu_ms") or {}
    return " / ".join("–" if cpu.get(g) is None else f"{cpu[g]:.2f}" for g in CPU_GROUPS)


def render(results, seconds, connections):
    scales = sorted(results)
    floors = {ep["name"]: ep.get("floor") for ep in ENDPOINTS}
    lines = [
        f"# Benchmark ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, wrk "
        f"{connections} connections × {seconds} s per endpoint, gunicorn "
        f"{WORKERS} workers, PostgreSQL)",
        "",
        "| endpoint | " + " | ".join(
            f"rps ×{s} | p50 ms ×{s} | p95 ms ×{s} | queries ×{s} | errors ×{s} | vs floor ×{s} "
            f"| cpu ms app / db / cache ×{s}" for s in scales) + " |",
        "|---|" + "---|" * (7 * len(scales)),
    ]
    for ep in ENDPOINTS:
        cells = []
        for s in scales:
            r = results[s].get(ep["name"])
            if r is None:
                cells += ["–"] * 7
                continue
            floor = results[s].get(floors[ep["name"]]) if floors[ep["name"]] else None
            ratio = f"{r['rps'] / floor['rps']:.0%}" if floor and floor["rps"] else ""
            cells += [str(r["rps"]), str(r["p50_ms"]), str(r["p95_ms"]), str(r["queries"]),
                      str(r["errors"]), ratio, _cpu_cell(r)]
        lines.append(f"| {ep['name']} | " + " | ".join(cells) + " |")
    extra = [name for name, _ in SCALE_TASKS]
    if extra:
        lines += ["", "| measurement | " + " | ".join(f"×{s}" for s in scales) + " |",
                  "|---|" + "---|" * len(scales)]
        for name in extra:
            lines.append(f"| {name} | " + " | ".join(
                json.dumps(results[s].get(name), ensure_ascii=False) for s in scales) + " |")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    results = {}
    for scale in [int(s) for s in args.scales.split(",")]:
        print(f"== scale {scale}")
        results[scale] = measure_scale(scale, args.seconds, args.connections)
    RESULTS.mkdir(parents=True, exist_ok=True)
    table = render(results, args.seconds, args.connections)
    (RESULTS / "latest.md").write_text(table)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print()
    print(table)


if __name__ == "__main__":
    main()
