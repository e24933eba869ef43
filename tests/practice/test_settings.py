"""Start-up refuses a missing secret with DEBUG off; production settings pass check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env_overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in ("PYTEST_VERSION", "SECRET_KEY", "DEBUG", "TESTING", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_python(code, **env_overrides):
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTEST_VERSION", "SECRET_KEY", "DEBUG", "TESTING",
                        "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(env_overrides)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_missing_secret_key_with_debug_off_stops_the_web_server_starting():
    for module in ("config.wsgi", "config.asgi"):
        result = run_python(f"import {module}", DEBUG="0")
        assert result.returncode != 0
        assert "SECRET_KEY is not set" in result.stderr


def test_with_a_secret_key_the_web_server_starts():
    result = run_python("import config.wsgi", DEBUG="0", SECRET_KEY="s" * 60)
    assert result.returncode == 0, result.stderr


def test_migration_commands_run_without_a_secret_key():
    result = run_manage("makemigrations", "--check", "--dry-run", DEBUG="0")
    assert result.returncode == 0, result.stdout + result.stderr


def test_debug_on_starts_without_a_secret_key():
    result = run_manage("check", DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_check_deploy_is_clean_with_production_variables():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="x" * 20 + "-production-secret-" + "y" * 30,
        ALLOWED_HOSTS="civic.example.cn",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_hardening_can_be_switched_off_for_a_plain_http_intranet():
    result = run_manage(
        "shell",
        "-v",
        "0",
        "-c",
        "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)",
        DEBUG="0",
        SECRET_KEY="z" * 60,
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "False", "0"]


def test_language_and_time_zone(settings):
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.USE_TZ
