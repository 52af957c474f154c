from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mentoring.ops import backups


class Command(BaseCommand):
    help = (
        "Restore a dump made by backup_db into the site's database, or into --into (a postgres:// URL, e.g. a fresh "
        "database to check a backup). The target must be empty unless --clean, which drops what the dump recreates."
    )

    def add_arguments(self, parser):
        parser.add_argument("dump", type=Path)
        parser.add_argument("--into", dest="into_url", help="postgres://user:password@host:port/database")
        parser.add_argument("--clean", action="store_true", help="Drop the objects the dump recreates first.")

    def handle(self, *args, dump, into_url=None, clean=False, **options):
        try:
            backups.restore(dump, into_url=into_url, clean=clean)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Restored {dump}"))
