from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone

# How a person whose account was deleted is named wherever what they shared is kept (mentoring.privacy).
FORMER_PARTICIPANT = "a former participant"


def person_name(first_name: str, last_name: str, email: str) -> str:
    """A person's name as the product shows it: the full name, else the e-mail's local part.

    One rule for every page, e-mail and export; queries that fetch the three columns use it too.
    """
    return f"{first_name} {last_name}".strip() or email.split("@")[0]


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. The e-mail address is the login; there are no usernames."""

    email = models.EmailField("e-mail address", unique=True)
    first_name = models.CharField(max_length=150, blank=True)
    last_name = models.CharField(max_length=150, blank=True)
    is_coordinator = models.BooleanField(default=False, help_text="May create and run mentoring programs.")
    is_staff = models.BooleanField(default=False, help_text="May log into the admin site.")
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    erased_at = models.DateTimeField(null=True, blank=True, help_text="When the account was deleted (emptied).")

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        ordering = ["first_name", "last_name", "email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email.split("@")[0]

    @property
    def display_name(self) -> str:
        return person_name(self.first_name, self.last_name, self.email)
