"""A failure of the triple store, told twice: in full to the service log, under a request id, and by
that id only to the client (a 502), since the store's address and the query text are the operator's
business, not the client's.
"""

from __future__ import annotations

import logging
import uuid

from nkc_kg.service.store.auth import redacted
from nkc_kg.service.store.embedded import StoreUnavailable

log = logging.getLogger("nkc_kg.store")
LOGGED_QUERY = 20_000  # characters of the query text in the log


class EndpointFailure(Exception):
    """What went wrong between the service and the store; ``text`` may quote the store or its address."""

    def __init__(self, status: int | None, text: str) -> None:
        super().__init__(text)
        self.status, self.text = status, text

    @property
    def unreachable(self) -> bool:
        return self.status is None and self.text.startswith("cannot reach")


def logged_failure(
    failure: EndpointFailure, endpoint: str, sparql: str, summary: str | None = None, *, log_it: bool = True
) -> StoreUnavailable:
    """Log the failure with the query under a new request id; the exception to raise names the id only.
    (Not logged with ``log_it`` False: at start-up the operator is told the reason itself.)"""
    request_id = uuid.uuid4().hex[:12]
    if failure.unreachable:
        said = "cannot reach the triple store"
    elif summary:
        said = summary
    elif failure.status:
        said = f"the triple store answered HTTP {failure.status}"
    else:
        said = "the triple store gave no usable answer"
    if log_it:
        log.error(
            "nkc-kg: request %s: %s at %s: %s\n--- query ---\n%s",
            request_id,
            said,
            redacted(endpoint),
            failure.text.strip()[:2000],
            sparql[:LOGGED_QUERY],
        )
    error = StoreUnavailable(f"{said} (request id {request_id}; the service log has the details)")
    error.request_id = request_id
    error.reason = f"{said}: {failure.text.strip()[:500]}"
    return error


def store_message(text: str) -> str:
    """The store's message about a client's malformed query, without the query it quotes back
    (Virtuoso appends it, with the dataset the service added, after a blank line)."""
    first = text.strip().split("\n\nSPARQL query:", 1)[0].split("\nSPARQL query:", 1)[0]
    return first.strip()[:1000] or "the triple store refused the query"
