"""What the integration tests' Celery workers run with: `DJANGO_SETTINGS_MODULE=tests.integration.mail_sink`.

The project's settings, plus an e-mail backend that writes each message to its own file in MAIL_SINK_DIR
(named by the notification in its Message-ID, so a message sent twice shows up as two files), and can be
told to stall on its Nth message (MAIL_SINK_STALL_AT): the moment a test kills the worker mid-batch.
Short claim lease and settle times stand in for the minutes production waits.
"""

import os
import time
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend

from mentoring.settings import *  # noqa: F403

EMAIL_BACKEND = "tests.integration.mail_sink.FileSinkBackend"
NOTIFICATION_EMAIL_LEASE_SECONDS = int(os.environ.get("MAIL_SINK_LEASE_SECONDS", "3"))
NOTIFICATION_EMAIL_SETTLE_SECONDS = 1

_sent_by_this_process = 0


class FileSinkBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        global _sent_by_this_process
        sink = Path(os.environ["MAIL_SINK_DIR"])
        for message in email_messages:
            _sent_by_this_process += 1
            message_id = message.extra_headers.get("Message-ID", "<unknown>").strip("<>").split("@")[0]
            if _sent_by_this_process == int(os.environ.get("MAIL_SINK_STALL_AT", "0")):
                (sink / "stalled").write_text(message_id.split(".")[0])
                time.sleep(120)  # the test kills the worker here, mid-send
            time.sleep(float(os.environ.get("MAIL_SINK_DELAY", "0")))
            part = sink / f".{uuid.uuid4().hex}.part"
            part.write_bytes(message.message().as_bytes())
            part.rename(sink / f"{message_id}.{uuid.uuid4().hex[:8]}.eml")
        return len(email_messages)


def delivered(sink: Path) -> list[str]:
    """The notification part of each delivered message's Message-ID ("notification-42.20261122..."), one per file."""
    return [path.name.split(".")[0] for path in sink.glob("*.eml")]
