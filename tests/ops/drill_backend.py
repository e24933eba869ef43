"""A notification backend for the lost-worker drill (tests/ops/test_worker_lost.py), run inside
a real Celery worker: it writes ``started`` (with the worker's pid) when a send begins, waits
until the test creates ``go``, then appends the notification's id to ``sent``. The folder
comes from ``DRILL_DIR`` in the worker's environment."""

import os
import threading
from pathlib import Path


class BlockingFileBackend:
    def send(self, notification):
        folder = Path(os.environ["DRILL_DIR"])
        with open(folder / "started", "a") as started:
            started.write(f"{os.getpid()}\n")
        waiting = threading.Event()
        for _ in range(1200):  # at most a minute; the test creates "go" long before
            if (folder / "go").exists():
                break
            waiting.wait(0.05)
        with open(folder / "sent", "a") as sent:
            sent.write(f"{notification.pk}\n")
