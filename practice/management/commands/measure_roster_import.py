"""Time a household roster import of N rows (default 20,000) on the configured database.

Builds a township of its own with 20 villages, a township clerk and a roster file in memory,
then times the preview (reading the file and checking every row), the apply (households and
villager accounts written in one transaction) and the same file a second time (nothing to
change). Everything it wrote is rolled back at the end, so it may run on any database::

    python manage.py measure_roster_import --rows 20000
"""

import io
import time
from random import Random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from practice import rosters
from practice.models import Household, Level, SiteKind, Unit, User
from practice.roles import Role


class _Undo(Exception):
    pass


class Command(BaseCommand):
    help = "Time a household roster import of N rows; everything written is rolled back."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=20_000)
        parser.add_argument("--villages", type=int, default=20)

    def handle(self, *args, rows, villages, **options):
        try:
            with transaction.atomic():
                self._measure(rows, villages)
                raise _Undo
        except _Undo:
            self.stdout.write("(rolled back: the database is as it was)")

    def _file(self, rows, villages):
        from openpyxl import Workbook

        rng = Random(7)
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        sheet.append([h for h, _key in rosters.COLUMNS])
        per = -(-rows // villages)
        flags = ["", "", "", "低保", "五保", "独居老人", "残疾", "低保、残疾"]
        for i in range(rows):
            village = i // per + 1
            sheet.append([f"MRV{village:02d}-{i % per + 1:05d}", f"户主{i}", f"1{5 + i % 4}"
                          f"{i:09d}", f"{rng.randint(1, 9)}组", rng.randint(1, 8),
                          rng.choice(flags)])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    def _measure(self, rows, villages):
        banner = Unit.objects.filter(parent__isnull=True).first() or Unit.objects.create(
            code="MRB", name="测量旗", level=Level.BANNER, site_kind=SiteKind.CENTRE)
        township = Unit.objects.create(code="MR", name="测量镇", level=Level.TOWNSHIP,
                                       site_kind=SiteKind.INSTITUTE, parent=banner)
        for v in range(1, villages + 1):
            Unit.objects.create(code=f"MRV{v:02d}", name=f"测量{v}村", level=Level.VILLAGE,
                                site_kind=SiteKind.STATION, parent=township)
        clerk = User.objects.create(username="measure-roster-clerk", role=Role.TOWNSHIP_STAFF,
                                    unit=township)
        content = self._file(rows, villages)
        self.stdout.write(f"{connection.vendor}: {rows} rows, {len(content) // 1024} KB .xlsx")

        def timed(label, fn):
            start = time.perf_counter()
            value = fn()
            self.stdout.write(f"  {label}: {time.perf_counter() - start:.1f} s")
            return value, time.perf_counter() - start

        def preview():
            return rosters.household_import_create(
                actor=clerk, upload=SimpleUploadedFile("roster.xlsx", content))

        imp, t_preview = timed("upload and preview", preview)
        assert not rosters.import_blocked(imp), imp.preview["errors"][:3]
        imp.state = imp.State.QUEUED
        imp.save(update_fields=["state"])
        imp, t_apply = timed("apply (households and accounts)",
                             lambda: rosters.household_import_apply(import_id=imp.pk))
        assert imp.state == imp.State.DONE, imp.error
        self.stdout.write(f"  → {imp.result}; households "
                          f"{Household.objects.filter(village__parent=township).count()}")
        self.stdout.write(f"  total: {t_preview + t_apply:.1f} s")
        again, _t = timed("the same file again: preview", preview)
        self.stdout.write(f"  → {again.preview['counts']}")
