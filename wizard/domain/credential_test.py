"""The credential test's outcomes: classifying the token endpoint's response, the user's
message and next step for each outcome, and whether a saved result is stale.

Everything here is pure: the HTTP request itself lives in `wizard.services.linkedin`,
which hands the status, headers and body of the response to `classify_response`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from urllib.parse import urljoin, urlsplit

from wizard.domain import validation
from wizard.domain.model import CredentialTestRecord, SetupState
from wizard.domain.secret import Secret


class Outcome(str, Enum):
    """The result of a request to LinkedIn's token endpoint. The values are stored in settings and reports."""

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


# Outcomes without a usable HTTP response. Their messages name the proxy in use.
NETWORK_OUTCOMES = frozenset(
    {Outcome.NAME_RESOLUTION, Outcome.CONNECTION_REFUSED, Outcome.TIMEOUT, Outcome.TLS, Outcome.NETWORK}
)

# OAuth `error` codes (RFC 6749, section 5.2, and LinkedIn's error table) and what they mean here.
# `unauthorized_client` is RFC 6749's code for a client that may not use this grant type;
# LinkedIn is not reported to send it, but it would mean the same state as `access_denied`.
_ERROR_OUTCOMES = {
    "access_denied": Outcome.NOT_ENABLED,
    "unauthorized_client": Outcome.NOT_ENABLED,
    "invalid_client": Outcome.INVALID_CREDENTIALS,
    "invalid_client_id": Outcome.INVALID_CREDENTIALS,
    "server_error": Outcome.UNAVAILABLE,
    "temporarily_unavailable": Outcome.UNAVAILABLE,
}

# Server text shown to the user is cut to this many characters.
MAX_SERVER_TEXT = 200


@dataclass(frozen=True)
class CredentialTestResult:
    """The outcome of one credential test, with the facts its message needs.

    Holds no secret and no token. `detail` is a short plain-English fact for the message
    and for support, such as "HTTP 503" or "no response within 20 seconds".
    """

    outcome: Outcome
    host: str = ""
    status: int = 0
    error_code: str = ""
    error_description: str = ""
    retry_after: float | None = None
    redirect_host: str = ""
    proxy_host: str = ""
    detail: str = ""
    attempts: int = 1
    expires_in: int | None = None

    @property
    def accepted(self) -> bool:
        return self.outcome is Outcome.ACCEPTED


@dataclass(frozen=True)
class Explanation:
    """What the user reads about a result: what happened, and what to do next."""

    message: str
    next_step: str


# --- classifying a response ---------------------------------------------------------------


def classify_response(
    status: int,
    headers: Mapping[str, str] | Iterable[tuple[str, str]],
    body: bytes,
    endpoint: str = "",
) -> CredentialTestResult:
    """Classify the token endpoint's HTTP response.

    A redirect is reported before anything else, because the request must not follow it.
    Next, a known OAuth `error` code decides, because LinkedIn's status code for
    `access_denied` varies. After that the status code decides, with LinkedIn's other
    error fields (`serviceErrorCode`, `message`) kept for the message. `endpoint`
    resolves a relative `Location`.
    """
    header_map = _lower_headers(headers)
    if 300 <= status < 400 and "location" in header_map:
        return CredentialTestResult(
            Outcome.REDIRECTED,
            status=status,
            redirect_host=_redirect_host(header_map["location"], endpoint),
            detail=f"HTTP {status}",
        )

    document = _json_object(body)
    is_html = _looks_like_html(header_map.get("content-type", ""), body)
    retry_after = parse_retry_after(header_map.get("retry-after", ""))
    error_code, description = _error_fields(document)

    if status == 407:
        return CredentialTestResult(
            Outcome.PROXY, status=status, detail=f"the proxy rejected the request (HTTP {status})"
        )

    if error_code:
        outcome = _ERROR_OUTCOMES.get(error_code)
        if outcome is None:
            outcome = _outcome_for_status(status)
            if outcome is Outcome.ACCEPTED or outcome is Outcome.INVALID_CREDENTIALS:
                outcome = Outcome.REJECTED
        return CredentialTestResult(
            outcome,
            status=status,
            error_code=error_code,
            error_description=description,
            retry_after=retry_after,
            detail=f"HTTP {status}",
        )

    if 200 <= status < 300:
        if document is None:
            what = "a web page instead of data" if is_html else "a body that is not JSON"
            return CredentialTestResult(Outcome.UNAVAILABLE, status=status, detail=f"HTTP {status} with {what}")
        token = document.get("access_token")
        if not isinstance(token, str) or not token:
            return CredentialTestResult(
                Outcome.UNAVAILABLE, status=status, detail=f"HTTP {status} without a token"
            )
        # The token itself is not kept: only the fact that one was issued and its lifetime.
        return CredentialTestResult(
            Outcome.ACCEPTED, status=status, expires_in=_parse_expires_in(document.get("expires_in"))
        )

    # An HTML page where JSON was expected comes from a web server or a network filter.
    detail = f"HTTP {status} with a web page instead of data" if is_html else f"HTTP {status}"
    return CredentialTestResult(
        _outcome_for_status(status),
        status=status,
        error_code=_service_error_code(document),
        error_description=_service_message(document),
        retry_after=retry_after,
        detail=detail,
    )


def _outcome_for_status(status: int) -> Outcome:
    if status == 429:
        return Outcome.RATE_LIMITED
    if status >= 500:
        return Outcome.UNAVAILABLE
    if status == 401:
        # A bare 401 from a token endpoint means client authentication failed.
        return Outcome.INVALID_CREDENTIALS
    if 200 <= status < 300:
        return Outcome.ACCEPTED
    return Outcome.REJECTED


def _lower_headers(headers: Mapping[str, str] | Iterable[tuple[str, str]]) -> dict[str, str]:
    pairs = headers.items() if isinstance(headers, Mapping) else headers
    return {name.lower(): value for name, value in pairs}


def _json_object(body: bytes) -> dict | None:
    text = body.decode("utf-8", errors="replace").strip()
    if not text.startswith("{"):
        return None
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return document if isinstance(document, dict) else None


def _looks_like_html(content_type: str, body: bytes) -> bool:
    if "html" in content_type.lower():
        return True
    return body.lstrip()[:1] == b"<"


def _error_fields(document: dict | None) -> tuple[str, str]:
    if document is None:
        return "", ""
    code = document.get("error")
    if not isinstance(code, str) or not code.strip():
        return "", ""
    description = document.get("error_description")
    return clean_server_text(code), clean_server_text(description if isinstance(description, str) else "")


def _service_error_code(document: dict | None) -> str:
    if document is None:
        return ""
    code = document.get("serviceErrorCode")
    if isinstance(code, bool) or not isinstance(code, (int, str)):
        return ""
    return clean_server_text(str(code))


def _service_message(document: dict | None) -> str:
    if document is None:
        return ""
    message = document.get("message")
    return clean_server_text(message) if isinstance(message, str) else ""


def clean_server_text(text: str) -> str:
    """Return server text on one line, without control characters, cut to MAX_SERVER_TEXT."""
    cleaned = "".join(char if char.isprintable() else " " for char in text)
    cleaned = " ".join(cleaned.split())
    if len(cleaned) > MAX_SERVER_TEXT:
        cleaned = cleaned[: MAX_SERVER_TEXT - 1] + "\u2026"
    return cleaned


def _redirect_host(location: str, endpoint: str) -> str:
    try:
        target = urljoin(endpoint, location.strip()) if endpoint else location.strip()
    except ValueError:
        # A malformed address such as "http://[zz/": report it as the server wrote it.
        return clean_server_text(location)
    host = host_of(target)
    return host or clean_server_text(location)


def host_of(url: str) -> str:
    """Return `host` or `host:port` of an address, without any user name or password."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return ""
    host = parts.hostname or ""
    if not host:
        return ""
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{port}" if port is not None else host


def parse_retry_after(value: str, now: dt.datetime | None = None) -> float | None:
    """Return the wait a `Retry-After` header requests, in seconds, or None when absent or unreadable.

    The header contains either a number of seconds or an HTTP date (RFC 9110, section 10.2.3).
    """
    value = value.strip()
    if not value:
        return None
    if value.isascii() and value.isdigit():
        # More digits than any real wait would overflow later arithmetic; treat as unreadable.
        return float(value) if len(value) <= 9 else None
    try:
        import email.utils  # Only for HTTP dates; imported here to keep the window's start short.

        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    current = now or dt.datetime.now(dt.timezone.utc)
    return max(0.0, (when - current).total_seconds())


def _parse_expires_in(value: object) -> int | None:
    """Read `expires_in`, which LinkedIn's samples show both as a number and as a string."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return int(value)
    text = value.strip() if isinstance(value, str) else ""
    # A token lives minutes to days; more than 12 digits is not a lifetime, and Python
    # refuses to convert thousands of them.
    if text.isascii() and text.isdigit() and len(text) <= 12:
        return int(text)
    return None


# --- messages -------------------------------------------------------------------------------

_NEXT_STEP_PROXY_HINT = (
    "On a company network that reaches the internet only through a proxy, set HTTPS_PROXY "
    "to the proxy's address."
)


def explain(result: CredentialTestResult, paste_findings: Sequence[str] = ()) -> Explanation:
    """Return the message and next step for a result; the window and the command line both show these.

    `paste_findings` are the paste check's findings on the tested values (see `paste_findings`);
    they are repeated when LinkedIn rejected the credentials.
    """
    host = result.host or "LinkedIn"
    outcome = result.outcome
    if outcome is Outcome.ACCEPTED:
        message = "LinkedIn accepted the Client ID and Client Secret. The token it issued was discarded."
        next_step = "Nothing to fix. LinkedIn lets this app create tokens, which it allows once the integration is enabled."
    elif outcome is Outcome.NOT_ENABLED:
        message = (
            f"LinkedIn recognized the app but does not let it create tokens yet ({result.error_code or 'access_denied'})."
        )
        next_step = (
            "This is the usual response until LinkedIn enables the integration after the activation email. "
            "If LinkedIn has just confirmed the approval, test again in a few minutes, because new "
            "permissions can take some minutes to apply."
        )
    elif outcome is Outcome.INVALID_CREDENTIALS:
        message = f"LinkedIn rejected the Client ID or the Client Secret ({result.error_code or f'HTTP {result.status}'})."
        next_step = (
            "Copy both again from the Auth tab of the LinkedIn app and paste them unchanged. Both are "
            "case sensitive, so one letter in the wrong case makes them invalid."
        )
        if paste_findings:
            next_step += " The paste check found: " + " ".join(paste_findings)
    elif outcome is Outcome.REJECTED:
        message = _rejected_message(result)
        next_step = (
            f"Check that the profile's token endpoint on {host} is LinkedIn's token address. If it is, "
            "export a support report and send it to support with this message."
        )
    elif outcome is Outcome.RATE_LIMITED:
        if result.retry_after is not None:
            wait = format_duration(result.retry_after)
            message = f"LinkedIn is limiting requests and asked to wait {wait} before the next one."
            next_step = f"Try again in {wait}."
        else:
            message = f"LinkedIn is limiting requests (HTTP {result.status})."
            next_step = "Wait a few minutes, then try again."
    elif outcome is Outcome.UNAVAILABLE:
        message = f"LinkedIn's token service did not return a usable response: {result.detail}."
        next_step = (
            "This is usually a passing problem at LinkedIn, so try again in a few minutes. If it "
            "keeps happening, a proxy or network filter may be responding in LinkedIn's place; ask "
            "your IT department."
        )
    elif outcome is Outcome.REDIRECTED:
        message = (
            f"The token endpoint redirected the request to {result.redirect_host or 'another address'}. "
            "CSA Setup did not follow the redirect, so the Client Secret was not sent there."
        )
        next_step = (
            "Check the token endpoint address in the profile. If it is right, a proxy or network "
            "filter is redirecting the request; ask your IT department."
        )
    elif outcome is Outcome.NAME_RESOLUTION:
        message = f"The name {host} could not be resolved, so no connection was made."
        next_step = f"Check that this computer is connected to the internet. {_NEXT_STEP_PROXY_HINT}"
    elif outcome is Outcome.CONNECTION_REFUSED:
        message = f"{host} refused the connection."
        next_step = (
            f"Check the internet connection and that no firewall blocks {host}. {_NEXT_STEP_PROXY_HINT}"
        )
    elif outcome is Outcome.TIMEOUT:
        message = f"The connection to {host} timed out: {result.detail}."
        next_step = (
            "Try again. If it keeps happening, a slow network, a proxy or a firewall may be holding "
            "the request; ask your IT department."
        )
    elif outcome is Outcome.TLS:
        message = f"The secure connection to {host} failed: {result.detail}."
        next_step = (
            "Check that this computer's date and time are right. If your company inspects encrypted "
            "traffic, its root certificate must be installed in the system's certificate store; ask "
            "your IT department."
        )
    elif outcome is Outcome.PROXY:
        message = f"The proxy could not be used: {result.detail}."
        next_step = (
            "Check the proxy variables (HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY) with your "
            "IT department. CSA Setup works through HTTP proxies; for a SOCKS proxy, ask for an HTTP "
            "proxy address or remove the variable."
        )
    elif outcome is Outcome.NETWORK:
        message = f"The connection to {host} failed: {result.detail}."
        next_step = "Check the internet connection and try again."
    else:
        message = "The test was cancelled before LinkedIn responded."
        next_step = "Click Test credentials to run it again."
    if outcome in NETWORK_OUTCOMES and result.proxy_host:
        message += f" The request went through the proxy {result.proxy_host}."
    return Explanation(message, next_step)


def _rejected_message(result: CredentialTestResult) -> str:
    if result.error_code and result.error_description:
        description = result.error_description
        if not description.endswith((".", "!", "?", "\u2026")):
            description += "."
        return f"LinkedIn rejected the request with the error {result.error_code}: {description}"
    if result.error_code:
        return f"LinkedIn rejected the request with the error {result.error_code} (HTTP {result.status})."
    return f"LinkedIn rejected the request with HTTP status {result.status}."


def format_duration(seconds: float) -> str:
    """Return a wait as "1 second", "45 seconds" or "2 minutes", rounded up."""
    whole = max(1, math.ceil(seconds))
    if whole < 90:
        return f"{whole} second" if whole == 1 else f"{whole} seconds"
    minutes = math.ceil(whole / 60)
    return f"{minutes} minutes"


def paste_findings(client_id: str, secret: Secret) -> tuple[str, ...]:
    """Return the paste check's errors and warnings on the tested values, never the secret itself."""
    findings = []
    for checked in (validation.check_client_id(client_id), validation.check_secret(secret.reveal())):
        if checked.error:
            findings.append(checked.error)
        elif checked.warning:
            findings.append(checked.warning)
    return tuple(findings)


# --- the saved record -----------------------------------------------------------------------

_OUTCOME_TITLES = {
    Outcome.ACCEPTED: "credentials accepted",
    Outcome.NOT_ENABLED: "credentials recognized, app not enabled yet",
    Outcome.INVALID_CREDENTIALS: "Client ID or Client Secret wrong",
    Outcome.REJECTED: "request rejected",
    Outcome.RATE_LIMITED: "rate limited",
    Outcome.UNAVAILABLE: "LinkedIn unavailable",
    Outcome.REDIRECTED: "unexpected redirect",
    Outcome.NAME_RESOLUTION: "name not resolved",
    Outcome.CONNECTION_REFUSED: "connection refused",
    Outcome.TIMEOUT: "timed out",
    Outcome.TLS: "secure connection failed",
    Outcome.PROXY: "proxy problem",
    Outcome.NETWORK: "network problem",
    Outcome.CANCELLED: "cancelled",
}


def outcome_title(value: str) -> str:
    """Return a short title for a stored outcome value; an unknown value is shown as it is."""
    try:
        return _OUTCOME_TITLES[Outcome(value)]
    except ValueError:
        return value


def technical_detail(result: CredentialTestResult) -> str:
    """Return one line for support: status, error code, detail and number of tries."""
    parts = []
    if result.detail:
        parts.append(result.detail)
    elif result.status:
        parts.append(f"HTTP {result.status}")
    if result.error_code:
        parts.append(f"error {result.error_code}")
    if result.redirect_host:
        parts.append(f"redirect to {result.redirect_host}")
    if result.attempts > 1:
        parts.append(f"{result.attempts} tries")
    return ", ".join(parts)


def make_record(
    result: CredentialTestResult, client_id: str, secret_fingerprint: str, tested_at: str
) -> CredentialTestRecord:
    """Build the record saved in the setup: the outcome tied to the values tested, never the token."""
    return CredentialTestRecord(
        outcome=result.outcome.value,
        tested_at=tested_at,
        client_id=client_id,
        secret_fingerprint=secret_fingerprint,
        detail=technical_detail(result),
        proxy_host=result.proxy_host,
    )


def is_stale(state: SetupState) -> bool:
    """Return True when the last test tested other values than the ones saved now."""
    record = state.last_test
    if not record.outcome:
        return False
    return record.client_id != state.client_id or record.secret_fingerprint != state.secret_fingerprint


def credentials_verified(state: SetupState) -> bool:
    """Return True when the last test was accepted and tested the values saved now."""
    return state.last_test.outcome == Outcome.ACCEPTED.value and not is_stale(state)


def describe_record(record: CredentialTestRecord, stale: bool) -> str:
    """Return one line about a saved test, such as "Last test 2026-05-09 14:03 UTC: credentials accepted."."""
    if not record.outcome:
        return "The credentials have not been tested yet."
    when = _readable_time(record.tested_at)
    line = f"Last test {when}: {outcome_title(record.outcome)}." if when else f"Last test: {outcome_title(record.outcome)}."
    if stale:
        line += " This result is stale because the Client ID or Client Secret changed after it; test again."
    return line


def _readable_time(stored: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(stored)
    except ValueError:
        return stored
    if moment.tzinfo is not None:
        try:
            moment = moment.astimezone(dt.timezone.utc)
        except OverflowError:
            # A time at the very edge of the calendar, such as 9999-12-31 with a negative offset.
            return stored
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    return moment.strftime("%Y-%m-%d %H:%M")
