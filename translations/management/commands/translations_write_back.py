"""Write the reviewed Mongolian strings back to the repository's .po files.

    manage.py translations_write_back [--repo PATH]

Every string reviewed on this site (its catalogue under TRANSLATIONS_CATALOGUE_ROOT still has
the approved translation) gets that translation in the same catalogue under PATH (by default
this checkout), without the fuzzy flag, and each changed catalogue's .mo is compiled. Running it
twice changes nothing the second time.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from translations import services


class Command(BaseCommand):
    help = "Write the reviewed Mongolian translations into the repository's .po files."

    def add_arguments(self, parser):
        parser.add_argument("--repo", default=None,
                            help="The repository checkout to write to (default: this one).")

    def handle(self, *args, repo=None, **options):
        from translations import selectors

        target = Path(repo) if repo else selectors.root()
        if not target.is_dir():
            raise CommandError(f"{target} is not a directory.")
        try:
            results = services.catalogues_write_back(repo=target)
        except (OSError, ValueError) as exc:  # a .po file polib cannot read or write
            raise CommandError(f"A catalogue could not be read or written: {exc}") from exc
        totals = services.WriteBack(catalogue="all")
        for r in results:
            self.stdout.write(
                f"{r.catalogue}: {r.updated} updated, {r.unchanged} unchanged, {r.stale} changed "
                f"since reviewed (skipped), {r.missing} not in the repository"
                + (", .mo compiled" if r.compiled else ""))
            for name in ("updated", "unchanged", "stale", "missing"):
                setattr(totals, name, getattr(totals, name) + getattr(r, name))
        self.stdout.write(self.style.SUCCESS(
            f"{len(results)} catalogues: {totals.updated} updated, {totals.unchanged} unchanged, "
            f"{totals.stale} skipped, {totals.missing} not found."))
