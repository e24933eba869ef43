"""Send the text messages that are due: held over the quiet hours, or waiting for a retry."""

from django.core.management.base import BaseCommand

from practice.sms import sweep


class Command(BaseCommand):
    help = ("Release text messages held over the quiet hours and retry those whose gateway "
            "failed (Celery beat does this every minute; run it from cron without beat).")

    def handle(self, *args, **options):
        self.stdout.write(f"{sweep()} message(s) handed to delivery")
