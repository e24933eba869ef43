"""Build the demo network at the source report's scale (or N times its villages' contents)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from practice.demo import demo_steps, new_context


class Command(BaseCommand):
    help = "Load demo data: the banner's network, people and a year of activity. Safe to rerun."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="multiply the villages' contents (households, orders …)",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="run even with DEBUG off (never on a live database)",
        )
        parser.add_argument("--seed", type=int, default=1, help="random seed")

    def handle(self, *args, scale, force, seed, **options):
        if scale < 1 or scale > 100:
            raise CommandError("--scale must be between 1 and 100.")
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo refuses to run with DEBUG off: it writes demo accounts with a known "
                "password. Pass --force if this really is a demo or benchmark database."
            )
        ctx = new_context(scale=scale, stdout=self.stdout, seed=seed)
        started = time.monotonic()
        # With DEBUG on Django keeps the text of the last 9,000 queries; the bulk inserts' SQL
        # would hold gigabytes. Seeding logs no queries.
        no_query_log = override_settings(DEBUG=False)
        no_query_log.enable()
        try:
            self._seed_all(ctx)
        finally:
            no_query_log.disable()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready in {time.monotonic() - started:.1f} s (scale {scale})."
            )
        )

    def _seed_all(self, ctx):
        for label, seed in demo_steps():
            self.stdout.write(self.style.MIGRATE_HEADING(f"[{label}]"))
            t0 = time.monotonic()
            with transaction.atomic():
                seed(ctx)
            self.stdout.write(f"  ({time.monotonic() - t0:.1f} s)")
