"""The credential test's outcomes, their messages, and whether a saved result is stale."""

from __future__ import annotations

from enum import Enum

from wizard.domain.model import SetupState


class Outcome(str, Enum):
    """What LinkedIn's token endpoint answered. The values are stored in settings and reports."""

    ACCEPTED = "accepted"
    NOT_ENABLED = "not_enabled"
    INVALID_CREDENTIALS = "invalid_credentials"
    REJECTED = "rejected"
    RATE_LIMITED = "rate_limited"
    UNAVAILABLE = "unavailable"
    REDIRECTED = "redirected"
    NAME_RESOLUTION = "name_resolution"
    CONNECTION_REFUSED = "connection_refused"
    TIMEOUT = "timeout"
    TLS = "tls"
    PROXY = "proxy"
    NETWORK = "network"
    CANCELLED = "cancelled"


def is_stale(state: SetupState) -> bool:
    """Return True when the last test tested other values than the ones saved now."""
    record = state.last_test
    if not record.outcome:
        return False
    return record.client_id != state.client_id or record.secret_fingerprint != state.secret_fingerprint
