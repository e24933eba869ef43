"""Logging filters named in ``config/settings.py``'s LOGGING."""

import logging
import time


class OncePerMinute(logging.Filter):
    """Let through one record per logger and message a minute: a cache that cannot be reached
    fails on every request, and one line a minute says so as well as a thousand."""

    interval = 60.0

    def __init__(self, name: str = ""):
        super().__init__(name)
        self._last: dict[tuple[str, str], float] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, str(record.msg))
        now = time.monotonic()
        last = self._last.get(key)
        if last is not None and now - last < self.interval:
            return False
        self._last[key] = now
        return True
