from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from mentoring.ops import backups


class Command(BaseCommand):
    help = "Dump the PostgreSQL database (pg_dump's custom format) to a file: var/backups/ unless --output says."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="The dump file to write.")

    def handle(self, *args, output=None, **options):
        path = output or Path(settings.BASE_DIR) / "var" / "backups" / f"mentoring-{timezone.now():%Y%m%d-%H%M%S}.dump"
        try:
            backups.dump(path)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(path))
