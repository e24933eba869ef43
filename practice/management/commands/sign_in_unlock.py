"""Lift the lock-out of a phone number after too many wrong sign-in codes."""

from django.core.management.base import BaseCommand, CommandError

from practice.exceptions import InvalidInput
from practice.phone_sign_in import sign_in_phone_unlock


class Command(BaseCommand):
    help = "Unlock a phone number locked after too many wrong SMS sign-in codes."

    def add_arguments(self, parser):
        parser.add_argument("phone", help="the 11-digit mobile number")

    def handle(self, *args, phone, **options):
        try:
            was_locked = sign_in_phone_unlock(phone=phone)
        except InvalidInput as exc:
            raise CommandError(str(exc.message)) from None
        self.stdout.write("unlocked" if was_locked else "not locked")
