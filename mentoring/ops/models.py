from django.db import models
from django.utils import timezone


class Heartbeat(models.Model):
    """The last sign of life of a background part: beat ticking, a worker running the heartbeat task,
    the minute scan finishing (with its duration). One row per name, overwritten each time; /healthz and
    /metrics read them, so they work whichever machine the part runs on."""

    name = models.CharField(max_length=32, primary_key=True)
    at = models.DateTimeField(default=timezone.now)
    seconds = models.FloatField(null=True, blank=True, help_text="How long the run took, where that means something.")
    node = models.CharField(max_length=200, blank=True, help_text="Which process recorded it.")

    def __str__(self):
        return f"{self.name} at {self.at:%Y-%m-%d %H:%M:%S}"
