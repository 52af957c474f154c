import importlib
import importlib.util
import random

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

DEMO_PASSWORD = "mentoring-demo"  # noqa: S105 (printed for everyone to use: demo data only)


class Command(BaseCommand):
    help = (
        "Build a believable demo organisation. Idempotent. Each app adds its part in a `demo` module "
        "with seed(context), called in INSTALLED_APPS order, so lower apps never import higher ones."
    )

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when the database already has users.")

    def handle(self, *args, if_empty=False, **options):
        if importlib.util.find_spec("faker") is None:
            raise CommandError(
                "Demo data is for development: it needs Faker, from requirements-dev.txt. Production installs "
                "requirements.txt only."
            )
        if if_empty and get_user_model().objects.exists():
            self.stdout.write("The database already has data; demo data left as it is.")
        else:
            with transaction.atomic():
                context = {"rng": random.Random(2026), "password": DEMO_PASSWORD, "stdout": self.stdout}
                for app_config in apps.get_app_configs():
                    try:
                        demo = importlib.import_module(f"{app_config.name}.demo")
                    except ModuleNotFoundError as exc:
                        if exc.name != f"{app_config.name}.demo":
                            raise
                        continue
                    demo.seed(context)
            self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.print_accounts()

    def print_accounts(self):
        from mentoring.profiles.demo import demo_accounts

        accounts = demo_accounts()
        if not accounts:
            return
        self.stdout.write(f"\nDemo accounts (password for all: {DEMO_PASSWORD})")
        for role, email in accounts:
            self.stdout.write(f"  {role:<12} {email}")
        # Each home state (mid-setup, full board, to review, two programs, both roles): an app's demo `accounts()`.
        states = []
        for app_config in apps.get_app_configs():
            demo = importlib.import_module(f"{app_config.name}.demo") if _has_demo(app_config.name) else None
            states += getattr(demo, "accounts", lambda: [])()
        if states:
            self.stdout.write("\nHome states to try")
            for state, email in states:
                self.stdout.write(f"  {state:<28} {email}")


def _has_demo(app_name: str) -> bool:
    try:
        return importlib.util.find_spec(f"{app_name}.demo") is not None
    except ModuleNotFoundError:
        return False
