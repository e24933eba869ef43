"""Grant or withdraw the translators' permission (translations.translator).

    manage.py translations_translator USERNAME [--remove]

The account keeps its role; it gains (or loses) the translators' review pages. The same
permission can be ticked in the admin's user page (superusers) or given to a group.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Grant (or with --remove withdraw) the permission to review translations."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--remove", action="store_true")

    def handle(self, *args, username, remove=False, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account named {username!r}.")
        permission = Permission.objects.get(content_type__app_label="translations",
                                            codename="translator")
        if remove:
            user.user_permissions.remove(permission)
            self.stdout.write(f"{username} may no longer review translations.")
        else:
            user.user_permissions.add(permission)
            self.stdout.write(f"{username} may review translations.")
