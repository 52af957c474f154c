from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Let a person create and run mentoring programs (the admin has the same as an action)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--revoke", action="store_true", help="Take the right away instead.")

    def handle(self, *args, email, revoke=False, **options):
        person = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if person is None:
            raise CommandError(f"Nobody has an account with {email}.")
        person.is_coordinator = not revoke
        person.save(update_fields=["is_coordinator"])
        verb = "is no longer" if revoke else "is now"
        self.stdout.write(self.style.SUCCESS(f"{person.email} {verb} a coordinator."))
