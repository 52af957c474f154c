from django.db import connection
from django.test.utils import CaptureQueriesContext


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def queries(client, url: str) -> int:
    """The queries of one GET, which must answer 200."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)
