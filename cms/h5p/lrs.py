"""xAPI statements leaving the site: JSON-lines export, and forwarding to an external Learning Record Store.

Every stored statement (cms.h5p.xapi) is already xAPI 1.0.3. ``export_statements`` writes those
stored since a date, one JSON object a line (``manage.py export_xapi --since 2026-01-01``). When
settings.H5P_LRS_URL is set, each new statement also gets an OutboxEntry (cms.h5p.xapi), and ``forward_outbox``
(``manage.py forward_xapi``, run by cron) posts waiting statements to ``<H5P_LRS_URL>/statements``
with the header X-Experience-API-Version: 1.0.3 and HTTP basic authentication
(H5P_LRS_USERNAME, H5P_LRS_PASSWORD). A failed batch is tried again later, each time waiting
longer (up to a day); nothing is deleted, so no statement is lost while the store is away. A 409
answer (the store has these ids already) counts as delivered: statement ids never change.
"""

import base64
import json
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from cms.h5p.models import OutboxEntry, Statement
from cms.h5p.xapi import XAPI_VERSION

BATCH = 50
TIMEOUT_SECONDS = 20
MAX_WAIT = timedelta(days=1)


def export_statements(since, out) -> int:
    """Write the statements stored since ``since`` (a datetime) to ``out`` as JSON lines; return how many."""
    count = 0
    for data in (
        Statement.objects.filter(stored_at__gte=since)
        .order_by("stored_at", "id")
        .values_list("data", flat=True)
        .iterator()
    ):
        out.write(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count


class LRSError(Exception):
    pass


def post_statements(statements: list[dict]) -> None:
    """POST ``statements`` to the configured store; raise LRSError unless it accepted them."""
    request = urllib.request.Request(
        settings.H5P_LRS_URL.rstrip("/") + "/statements",
        data=json.dumps(statements).encode(),
        method="POST",
        headers={"Content-Type": "application/json", "X-Experience-API-Version": XAPI_VERSION},
    )
    if settings.H5P_LRS_USERNAME:
        pair = f"{settings.H5P_LRS_USERNAME}:{settings.H5P_LRS_PASSWORD}".encode()
        request.add_header("Authorization", "Basic " + base64.b64encode(pair).decode())
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            response.read()
    except urllib.error.HTTPError as error:
        if error.code != 409:  # the store has these statements already
            raise LRSError(f"the store answered {error.code}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise LRSError(f"the store cannot be reached ({error})") from None


def forward_outbox(send=post_statements, now=None) -> tuple[int, int]:
    """Send the waiting statements in batches; return (sent, failed). Failures wait longer each time."""
    now = now or timezone.now()
    sent = failed = 0
    waiting = OutboxEntry.objects.filter(sent_at=None, next_try_at__lte=now).select_related("statement")
    entries = list(waiting.order_by("statement__stored_at", "pk"))
    for start in range(0, len(entries), BATCH):
        batch = entries[start : start + BATCH]
        try:
            send([entry.statement.data for entry in batch])
        except LRSError as error:
            for entry in batch:
                entry.tries += 1
                entry.next_try_at = now + min(timedelta(minutes=2**entry.tries), MAX_WAIT)
                entry.last_error = str(error)[:500]
            OutboxEntry.objects.bulk_update(batch, ["tries", "next_try_at", "last_error"])
            failed += len(batch)
            continue
        OutboxEntry.objects.filter(pk__in=[entry.pk for entry in batch]).update(sent_at=now, last_error="")
        sent += len(batch)
    return sent, failed
